//! The reports of the demo cluster, read back as a reader would: the PDFs through
//! poppler's `pdftotext`, the workbook through calamine. Every figure is checked against
//! a query of the database written here, apart from the report's own.

use std::path::Path;
use std::process::Command;

use calamine::{Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;
use desk_core::Store;
use desk_reports::{render, Format, Period, ReportKind};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("cluster.sqlite")).unwrap();
    desk_demo::load_demo_cluster(&mut store, 7, today()).unwrap();
    (dir, store)
}

/// The year before the demo's "today" and the month after it: all of the demo's activity.
fn whole_demo() -> Period {
    Period::new(NaiveDate::from_ymd_opt(2025, 11, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()).unwrap()
}

fn text_of(pdf: &[u8], dir: &Path, pages: Option<(u32, u32)>) -> String {
    let file = dir.join("report.pdf");
    std::fs::write(&file, pdf).unwrap();
    let mut command = Command::new("pdftotext");
    command.arg("-layout");
    if let Some((first, last)) = pages {
        command.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let output = command.arg(&file).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn pages_of(pdf: &[u8], dir: &Path) -> u32 {
    let file = dir.join("count.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = Command::new("pdfinfo").arg(&file).output().expect("pdfinfo");
    let info = String::from_utf8(output.stdout).unwrap();
    info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

/// The number on the line that starts with `label` (the last number on it: `12건`,
/// `1,234,000원`).
fn figure(text: &str, label: &str) -> i64 {
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with(label) && l.trim_end().ends_with(['건', '명', '원']))
        .unwrap_or_else(|| panic!("no line with {label:?} in\n{text}"));
    let last = line.split_whitespace().last().unwrap();
    last.chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap_or_else(|_| panic!("{line:?}"))
}

/// The numbers of the table row that is `label` and then `cells - 1` numbers.
fn row(text: &str, label: &str, cells: usize) -> Vec<i64> {
    let number = |c: &str| c.replace(',', "").parse::<i64>().ok();
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|t| t.len() == cells && t[0] == label && t[1..].iter().all(|c| number(c).is_some()))
        .unwrap_or_else(|| panic!("no row {label:?} of {cells} cells"))[1..]
        .iter()
        .filter_map(|c| number(c))
        .collect()
}

fn count(store: &Store, sql: &str, period: &Period) -> i64 {
    let (from, to) = (period.from.to_string(), period.to.to_string());
    let mut stmt = store.conn().prepare(sql).unwrap();
    let n = stmt.parameter_count();
    let params: Vec<&dyn rusqlite::ToSql> = [&from as &dyn rusqlite::ToSql, &to][..n].to_vec();
    stmt.query_row(params.as_slice(), |r| r.get(0)).unwrap()
}

const HELD_MEETINGS: &str = "FROM event WHERE deleted = 0 AND status = 'held' AND kind <> 'plant_visit'
                             AND substr(starts_at, 1, 10) BETWEEN ?1 AND ?2";

#[test]
fn the_activity_report_pdf_says_what_the_database_says() {
    let (dir, store) = demo();
    let period = whole_demo();
    let pdf = render(store.conn(), &ReportKind::Activity(period), Format::Pdf, today()).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = text_of(&pdf, dir.path(), None);
    for heading in [
        "클러스터 활동 실적 보고서",
        "남동 친환경나노 미니클러스터",
        "2025-11-01 ~ 2026-12-31",
        "요약",
        "1. 행사 개최 현황",
        "2. 참여 현황 (회원 구분별)",
        "3. 현장방문 및 애로사항 발굴",
        "4. 애로사항 해결 실적",
        "5. 지원사업 추진 현황",
        "6. 연도별 성과",
        "7. 성과 공유 실적",
        "8. 미결 조치사항",
        "작성일 2026-11-29",
    ] {
        assert!(text.contains(heading), "{heading:?} is missing");
    }

    let held = count(&store, &format!("SELECT count(*) {HELD_MEETINGS}"), &period);
    assert!(held > 5, "the demo holds meetings in the period ({held})");
    assert_eq!(figure(&text, "개최 행사 (회의·세미나·워크숍)"), held);
    let present = count(
        &store,
        &format!(
            "SELECT count(*) FROM invitee WHERE deleted = 0 AND attendance = 'present'
             AND event_id IN (SELECT id {HELD_MEETINGS})"
        ),
        &period,
    );
    assert_eq!(figure(&text, "행사 참석 연인원"), present);
    let visits = count(
        &store,
        "SELECT count(*) FROM event WHERE deleted = 0 AND status = 'held' AND kind = 'plant_visit'
         AND substr(starts_at, 1, 10) BETWEEN ?1 AND ?2",
        &period,
    );
    assert_eq!(figure(&text, "현장방문"), visits);
    let found = count(&store, "SELECT count(*) FROM issue WHERE deleted = 0 AND found_on BETWEEN ?1 AND ?2", &period);
    assert_eq!(figure(&text, "발굴 애로사항"), found);
    assert_eq!(
        figure(&text, "지원사업 과제"),
        count(&store, "SELECT count(*) FROM project WHERE deleted = 0", &period)
    );
    assert_eq!(
        figure(&text, "신청 정부지원금"),
        count(&store, "SELECT coalesce(sum(government_won), 0) FROM project WHERE deleted = 0", &period)
    );
    assert_eq!(
        figure(&text, "승인 정부지원금"),
        count(&store, "SELECT coalesce(sum(approved_government_won), 0) FROM project WHERE deleted = 0", &period)
    );
    assert_eq!(
        figure(&text, "미결 조치사항"),
        count(&store, "SELECT count(*) FROM action_item WHERE deleted = 0 AND status = 'open'", &period)
    );
    assert_eq!(
        figure(&text, "성과 공유"),
        count(&store, "SELECT count(*) FROM project_share WHERE deleted = 0 AND shared_on BETWEEN ?1 AND ?2", &period)
    );

    assert_eq!(
        figure(&text, "기업 부담금"),
        count(
            &store,
            "SELECT coalesce(sum(firm_cash_won + firm_in_kind_won), 0) FROM project WHERE deleted = 0",
            &period
        )
    );
    // Resolved in the period: the day its status last became 'resolved', by the log's clock.
    let resolved = {
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT max(l.hlc) FROM issue s JOIN change_log l ON l.record_id = s.id AND l.table_name = 'issue'
                 AND l.field = 'status' AND l.new_value = '\"resolved\"'
                 WHERE s.deleted = 0 AND s.status = 'resolved' GROUP BY s.id",
            )
            .unwrap();
        let days: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|h| {
                let millis = i64::from_str_radix(&h.unwrap()[..12], 16).unwrap();
                let kst = chrono::DateTime::from_timestamp_millis(millis + 9 * 3600 * 1000).unwrap();
                kst.format("%Y-%m-%d").to_string()
            })
            .collect();
        days.iter().filter(|d| d.as_str() >= "2025-11-01" && d.as_str() <= "2026-12-31").count() as i64
    };
    assert!(resolved > 0, "the demo resolves issues");
    assert_eq!(figure(&text, "해결 애로사항"), resolved);

    // Every row of the events by kind (events held, attendances).
    for (code, label) in [
        ("regular_meeting", "정기회의"),
        ("seminar", "기술세미나"),
        ("workshop", "워크숍"),
        ("general_meeting", "총회"),
        ("plant_visit", "현장방문"),
    ] {
        let of_kind = format!(
            "FROM event e WHERE e.deleted = 0 AND e.status = 'held' AND e.kind = '{code}'
             AND substr(e.starts_at, 1, 10) BETWEEN ?1 AND ?2"
        );
        let events = count(&store, &format!("SELECT count(*) {of_kind}"), &period);
        let present = count(
            &store,
            &format!(
                "SELECT count(*) FROM invitee i WHERE i.deleted = 0 AND i.attendance = 'present'
                 AND i.event_id IN (SELECT e.id {of_kind})"
            ),
            &period,
        );
        assert_eq!(row(&text, label, 3), vec![events, present], "{label}");
    }
    // Every category of the participation table: organisations and people on the roster,
    // attendances at the period's meetings.
    for (kind, role, label) in [
        ("company", "staff", "기업"),
        ("university", "professor", "대학"),
        ("institute", "researcher", "연구기관"),
        ("agency", "agency_staff", "지원기관"),
        ("consultant", "consultant", "컨설팅"),
    ] {
        let organisations = count(
            &store,
            &format!("SELECT count(*) FROM member WHERE deleted = 0 AND cluster_id IS NOT NULL AND kind = '{kind}'"),
            &period,
        );
        let people = count(
            &store,
            &format!("SELECT count(*) FROM person WHERE deleted = 0 AND cluster_id IS NOT NULL AND role = '{role}'"),
            &period,
        );
        let present = count(
            &store,
            &format!(
                "SELECT count(*) FROM invitee i WHERE i.deleted = 0 AND i.attendance = 'present'
                 AND i.event_id IN (SELECT id {HELD_MEETINGS})
                 AND ((SELECT kind FROM member m WHERE m.id = i.member_id) = '{kind}'
                      OR (SELECT role FROM person p WHERE p.id = i.person_id) = '{role}')"
            ),
            &period,
        );
        assert_eq!(row(&text, label, 4), vec![organisations, people, present], "{label}");
    }
    // Every category of issues found in the period.
    for (code, label) in [("technology", "기술"), ("production", "생산"), ("quality", "품질"), ("marketing", "마케팅")]
    {
        let found = count(
            &store,
            &format!(
                "SELECT count(*) FROM issue WHERE deleted = 0 AND category = '{code}' AND found_on BETWEEN ?1 AND ?2"
            ),
            &period,
        );
        assert_eq!(row(&text, label, 3)[0], found, "{label}");
    }
}

#[test]
fn a_long_table_breaks_across_pages_with_its_header_row_on_each() {
    let (dir, store) = demo();
    let period = whole_demo();
    let pdf = render(store.conn(), &ReportKind::Activity(period), Format::Pdf, today()).unwrap();
    let pages = pages_of(&pdf, dir.path());
    assert!(pages >= 3, "{pages} pages");
    // The event list runs over more than one page: every page it is on starts it with
    // its header row.
    let mut pages_with_events = 0;
    for page in 1..=pages {
        let text = text_of(&pdf, dir.path(), Some((page, page)));
        let header = text.lines().position(|l| {
            let t: Vec<&str> = l.split_whitespace().collect();
            t == ["일자", "구분", "행사명", "장소", "초청", "참석"]
        });
        let event_rows = text.lines().filter(|l| l.trim_start().starts_with("2026-") && l.contains("정기회의")).count();
        if event_rows > 0 && text.contains("행사별") || header.is_some() {
            pages_with_events += 1;
            assert!(header.is_some(), "page {page} lists events without the header row:\n{text}");
        }
        let compact: String = text.split_whitespace().collect();
        assert!(compact.contains(&format!("{page}/{pages}")), "page {page} has no page number");
    }
    assert!(pages_with_events >= 2, "the event list fits one page; the test needs more events");
}

#[test]
fn the_activity_workbook_has_numbers_as_numbers_and_sums_as_formulas() {
    let (dir, store) = demo();
    let period = whole_demo();
    let bytes = render(store.conn(), &ReportKind::Activity(period), Format::Xlsx, today()).unwrap();
    let file = dir.path().join("report.xlsx");
    std::fs::write(&file, &bytes).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(&file).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "요약",
            "행사 유형별",
            "행사별",
            "참여 현황",
            "현장방문",
            "애로사항 분야별",
            "애로사항 해결",
            "사업 단계별",
            "사업 지원유형별",
            "과제별 점검",
            "연도별 성과",
            "성과 공유",
            "미결 조치사항"
        ]
    );
    let summary = book.worksheet_range("요약").unwrap();
    let value = |label: &str| -> f64 {
        summary
            .rows()
            .find(|r| r.first() == Some(&Data::String(label.into())))
            .and_then(|r| r.get(1).and_then(|c| c.get_float()))
            .unwrap_or_else(|| panic!("{label}"))
    };
    let held = count(&store, &format!("SELECT count(*) {HELD_MEETINGS}"), &period);
    assert_eq!(value("개최 행사 (회의·세미나·워크숍)"), held as f64);
    let government = count(&store, "SELECT coalesce(sum(government_won), 0) FROM project WHERE deleted = 0", &period);
    assert_eq!(value("신청 정부지원금"), government as f64);

    // The per-project sheet: amounts are numbers, and the total row is a SUM formula
    // whose stored value is the database's sum.
    let projects = book.worksheet_range("과제별 점검").unwrap();
    let formulas = book.worksheet_formula("과제별 점검").unwrap();
    let last = projects.height() - 1;
    let (start_row, _) = projects.start().unwrap();
    let total_row = last as u32 + start_row;
    assert_eq!(projects.get_value((total_row, 0)), Some(&Data::String("합계".into())));
    assert_eq!(projects.get_value((total_row, 3)).and_then(|c| c.get_float()), Some(government as f64));
    let formula = formulas.get_value((total_row, 3)).cloned().unwrap_or_default();
    assert!(formula.to_uppercase().starts_with("SUM(D4:D"), "{formula:?}");
    assert!(matches!(projects.get_value((start_row + 3, 3)), Some(Data::Float(_) | Data::Int(_))));
}

#[test]
fn the_minutes_document_has_the_attendance_sheet_to_sign() {
    let (dir, store) = demo();
    let (event, title): (String, String) = store
        .conn()
        .query_row(
            "SELECT id, title FROM event e WHERE deleted = 0 AND status = 'held' AND minutes <> '' AND decisions <> ''
             AND (SELECT count(*) FROM invitee i WHERE i.event_id = e.id AND i.deleted = 0) >= 3
             ORDER BY starts_at LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let pdf = render(store.conn(), &ReportKind::Minutes { event_id: event.clone() }, Format::Pdf, today()).unwrap();
    let text = text_of(&pdf, dir.path(), None);
    for heading in ["회의록", "안건", "참석자 서명부", "서명", "회의 내용", "결정 사항", "조치사항", title.as_str()]
    {
        assert!(text.contains(heading), "{heading:?} missing in\n{text}");
    }
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT coalesce(m.name, p.name) FROM invitee i LEFT JOIN member m ON m.id = i.member_id
             LEFT JOIN person p ON p.id = i.person_id WHERE i.event_id = ?1 AND i.deleted = 0",
        )
        .unwrap();
    let names: Vec<String> = stmt.query_map([&event], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let compact: String = text.split_whitespace().collect();
    for name in &names {
        let name: String = name.split_whitespace().collect();
        assert!(compact.contains(&name), "attendee {name} missing");
    }
    let decisions: String =
        store.conn().query_row("SELECT decisions FROM event WHERE id = ?1", [&event], |r| r.get(0)).unwrap();
    let first_line: String = decisions.lines().next().unwrap().split_whitespace().collect();
    assert!(compact.contains(&first_line), "the decisions' first line {first_line:?} is missing");
}

#[test]
fn the_project_report_has_its_stages_and_amounts() {
    let (dir, store) = demo();
    let (project, title, government): (String, String, i64) = store
        .conn()
        .query_row(
            "SELECT id, title, government_won FROM project p WHERE deleted = 0
             AND (SELECT count(*) FROM project_stage_change s WHERE s.project_id = p.id AND s.deleted = 0) >= 2
             ORDER BY title LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let pdf = render(store.conn(), &ReportKind::Project { project_id: project.clone() }, Format::Pdf, today()).unwrap();
    let text = text_of(&pdf, dir.path(), None);
    let compact: String = text.split_whitespace().collect();
    let title: String = title.split_whitespace().collect();
    assert!(compact.contains(&title), "{title}");
    for heading in
        ["과제 결과 보고서", "과제 개요", "사업비", "참여 기관·전문가", "연계 애로사항", "단계 이력", "연도별 성과"]
    {
        assert!(text.contains(heading), "{heading:?}");
    }
    assert_eq!(figure(&text, "신청 정부지원금"), government);
    let mut stmt = store
        .conn()
        .prepare("SELECT changed_on FROM project_stage_change WHERE project_id = ?1 AND deleted = 0")
        .unwrap();
    for day in stmt.query_map([&project], |r| r.get::<_, String>(0)).unwrap() {
        let day = day.unwrap();
        assert!(text.contains(&day), "stage change on {day} missing");
    }
}

#[test]
fn a_period_that_ends_before_it_starts_and_a_missing_event_are_refused_by_name() {
    let error =
        Period::new(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
            .unwrap_err();
    assert_eq!(error.code(), "validation");
    assert!(error.message(desk_core::Language::Ko).contains("기간"), "{}", error.message(desk_core::Language::Ko));
    let (_dir, store) = demo();
    let missing = render(store.conn(), &ReportKind::Minutes { event_id: "no-such-event".into() }, Format::Pdf, today())
        .unwrap_err();
    assert_eq!(missing.code(), "not_found");
    let xlsx_minutes =
        render(store.conn(), &ReportKind::Minutes { event_id: "x".into() }, Format::Xlsx, today()).unwrap_err();
    assert_eq!(xlsx_minutes.code(), "validation");
}

/// Text from the database is data to Typst, never markup: a title full of Typst syntax
/// prints as typed.
#[test]
fn text_that_looks_like_markup_prints_as_typed() {
    let (dir, mut store) = demo();
    let event: String = store
        .conn()
        .query_row("SELECT id FROM event WHERE deleted = 0 AND status = 'held' LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let typed = "#panic(\"x\") *굵게* $x^2$ [링크](http://a) \\ 끝";
    store
        .write(|w| {
            w.tx().execute("UPDATE event SET minutes = ?2 WHERE id = ?1", rusqlite::params![event, typed])?;
            Ok(())
        })
        .unwrap();
    let pdf = render(store.conn(), &ReportKind::Minutes { event_id: event }, Format::Pdf, today()).unwrap();
    let text = text_of(&pdf, dir.path(), None);
    assert!(text.contains("#panic(\"x\") *굵게* $x^2$"), "{text}");
}
