//! End-to-end: the manager's daily workflows in the real built app, in its real window.
//! Each test starts the app on a fresh demo cluster (`--demo`) and checks both what the
//! window shows and what the database holds afterwards. Screenshots of the main screens
//! are saved in `tests/artifacts/`.
// Linux-side tests: a real window under Xvfb, dpkg, or Wine driven from Linux.
#![cfg(target_os = "linux")]

mod support;

use std::path::Path;

use desk_core::Store;
use serde_json::json;
use support::{DemoApp, ONE_AT_A_TIME};

fn scalar<T: rusqlite::types::FromSql>(store: &Store, sql: &str, params: impl rusqlite::Params) -> T {
    store.conn().query_row(sql, params, |r| r.get(0)).unwrap()
}

fn kill_app(database: &Path) {
    // SIGKILL: the app gets no chance to save anything more, like a crash or a power cut.
    let _ = std::process::Command::new("pkill").args(["-KILL", "-f", &database.display().to_string()]).status();
    std::thread::sleep(std::time::Duration::from_millis(500));
}

#[test]
fn a_seminar_is_created_exported_to_ics_and_its_cancellation_exports_as_cancelled() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);
    app.wait_for(".home .grid-2", 15);
    app.screenshot("screen-home");

    app.click_css("#nav-schedule");
    app.wait_for(".month-grid .chip", 10);
    let headers = app.execute(
        "return [...document.querySelectorAll('.month-grid .weekday-header')].map(h => h.textContent);",
        json!([]),
    );
    assert_eq!(headers, json!(["월", "화", "수", "목", "금", "토", "일"]), "the month view names its weekdays");
    let period = app.wait_for_text("#schedule-period", 5, |t| !t.is_empty());
    let today = desk_core::time::today();
    assert_eq!(period, format!("{}년 {}월", today.format("%Y"), today.format("%-m")));
    app.screenshot("screen-schedule");
    app.click_css("#new-event");
    app.set_value(".event-form select[name=kind]", "seminar");
    app.set_value(".event-form input[name=title]", "화장품 원료 안전성 기술세미나");
    app.set_value(".event-form input[name=date]", "2027-03-10");
    app.set_value(".event-form input[name=start]", "14:00");
    app.set_value(".event-form input[name=end]", "16:30");
    app.set_value(".event-form input[name=place]", "남동비즈니스센터 3층");
    app.set_value(".event-form textarea[name=agenda]", "CPNP 대응, 원료 안전성 평가");
    // An end before the start is said while choosing, beside the field, before saving.
    app.set_value(".event-form input[name=end]", "13:00");
    app.wait_for_text("[data-error-for=ends_at]", 5, |t| t.contains("종료 시각은 시작 시각보다 뒤"));
    app.set_value(".event-form input[name=end]", "16:30");
    app.wait_until("the time error gone", 5, "!document.querySelector('[data-error-for=ends_at]')", json!([]));
    // A whole small group and an expert, invited from the form itself.
    let (group_id, group_size): (String, i64) = fx
        .store()
        .conn()
        .query_row(
            "SELECT g.id, count(*) FROM small_group g JOIN small_group_member m ON m.group_id = g.id AND m.deleted = 0
             WHERE g.deleted = 0 GROUP BY g.id ORDER BY g.name LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let professor: String =
        scalar(&fx.store(), "SELECT id FROM person WHERE role = 'professor' ORDER BY name LIMIT 1", []);
    app.execute("document.querySelector(`#invite-groups input[value='${arguments[0]}']`).click();", json!([group_id]));
    app.set_value("#invite-person", &professor);
    app.wait_for("#invited-people .chip", 5);
    app.click_css("#save-event");
    let title = app.wait_for_text("#event-title", 15, |t| !t.is_empty());
    assert_eq!(title, "화장품 원료 안전성 기술세미나");
    app.screenshot("screen-event");
    let event_id: String =
        scalar(&fx.store(), "SELECT id FROM event WHERE title = '화장품 원료 안전성 기술세미나'", []);
    let invited: i64 =
        scalar(&fx.store(), "SELECT count(*) FROM invitee WHERE event_id = ?1 AND deleted = 0", [&event_id]);
    assert_eq!(invited, group_size + 1, "the group's members and the professor are invited");
    let professor_invited: i64 = scalar(
        &fx.store(),
        "SELECT count(*) FROM invitee WHERE event_id = ?1 AND person_id = ?2",
        [&event_id, &professor],
    );
    assert_eq!(professor_invited, 1);
    // An invitation made by mistake is taken back from the meeting page.
    let professor_row: String =
        scalar(&fx.store(), "SELECT id FROM invitee WHERE event_id = ?1 AND person_id = ?2", [&event_id, &professor]);
    app.click_css(&format!("[data-uninvite='{professor_row}']"));
    app.wait_until(
        "the invitation gone",
        10,
        "!document.querySelector(`[data-uninvite='${arguments[0]}']`)",
        json!([professor_row]),
    );
    let deleted: i64 = scalar(&fx.store(), "SELECT deleted FROM invitee WHERE id = ?1", [&professor_row]);
    assert_eq!(deleted, 1);
    // The event's history: field names and kinds in Korean, names instead of ids.
    let history = app.wait_for_text("table.history", 10, |t| t.contains("행사 유형"));
    assert!(history.contains("세미나") && history.contains("이 노트북"), "{history}");
    assert!(!history.contains("cluster_id") && !history.contains("2027-03-10T"), "{history}");

    app.click_css("#export-ics");
    app.wait_for_text("#event-notice", 10, |t| t.contains(".ics"));
    let file = std::fs::read_dir(&fx.exports).unwrap().flatten().next().expect("an exported .ics file").path();
    assert_eq!(file.file_name().unwrap(), "2027-03-10 화장품 원료 안전성 기술세미나.ics", "the name says what it is");
    let ics = std::fs::read_to_string(&file).unwrap().replace("\r\n ", "");
    let with_email: i64 = scalar(
        &fx.store(),
        "SELECT count(DISTINCT coalesce(m.email, p.email)) FROM invitee i LEFT JOIN member m ON m.id = i.member_id
         LEFT JOIN person p ON p.id = i.person_id WHERE i.event_id = ?1 AND i.deleted = 0 AND coalesce(m.email, p.email, '') LIKE '%@%'",
        [&event_id],
    );
    assert!(with_email > 0, "the demo's invitees have e-mail addresses");
    assert_eq!(ics.matches("\r\nATTENDEE").count() as i64, with_email, "every invitee with an e-mail attends: {ics}");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.contains("SUMMARY:화장품 원료 안전성 기술세미나\r\n"));
    assert!(ics.contains("DTSTART:20270310T050000Z\r\n"), "14:00 in Seoul is 05:00 UTC");
    assert!(ics.contains("DTEND:20270310T073000Z\r\n"));
    assert!(ics.contains("LOCATION:남동비즈니스센터 3층\r\n"));
    assert!(ics.contains("STATUS:CONFIRMED\r\n"));
    let uid = ics.lines().find(|l| l.starts_with("UID:")).unwrap().to_string();

    // Cancel it, with the reason required first.
    app.click_css("#cancel-event");
    app.click_css("#confirm-cancel");
    app.wait_for("[data-error-for=cancel_reason]", 10);
    app.set_value("#cancel-reason", "강사 일정 변경");
    app.click_css("#confirm-cancel");
    app.wait_for_text("#event-status", 10, |t| t == "취소됨");
    std::fs::remove_file(&file).unwrap();
    app.click_css("#export-ics");
    app.wait_for_text("#event-notice", 10, |t| t.contains(".ics"));
    let file = std::fs::read_dir(&fx.exports).unwrap().flatten().next().unwrap().path();
    assert_eq!(file.file_name().unwrap(), "2027-03-10 화장품 원료 안전성 기술세미나 (취소).ics");
    let cancelled = std::fs::read_to_string(&file).unwrap().replace("\r\n ", "");
    assert!(cancelled.contains("METHOD:CANCEL\r\n"));
    assert!(
        cancelled.contains("\r\nORGANIZER;CN="),
        "Outlook ignores a cancellation without an organizer: {cancelled}"
    );
    assert!(cancelled.contains("STATUS:CANCELLED\r\n"));
    assert!(cancelled.contains(&format!("{uid}\r\n")), "the same UID, so calendars update the copy they have");
    let sequence: u32 = cancelled.lines().find_map(|l| l.strip_prefix("SEQUENCE:")).unwrap().parse().unwrap();
    assert!(sequence > 0, "a higher SEQUENCE than the first export");
    app.close();
}

#[test]
fn attendance_and_minutes_survive_killing_the_app() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);
    // A regular meeting of the demo cluster with invitees.
    let (event_id, title): (String, String) = {
        let store = fx.store();
        store
            .conn()
            .query_row(
                "SELECT e.id, e.title FROM event e WHERE e.kind = 'regular_meeting' AND e.status <> 'cancelled'
                 AND (SELECT count(*) FROM invitee i WHERE i.event_id = e.id) > 2 ORDER BY e.starts_at DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    // Open it through search, as a manager would.
    app.click_css("#open-search");
    app.set_value("#search-input", &title);
    app.wait_until(
        "search results",
        10,
        "document.querySelectorAll('#search-results [data-kind=event]').length > 0",
        json!([]),
    );
    app.click_css("#search-results [data-kind=event]");
    app.wait_for_text("#event-title", 10, |t| t == title);

    let first_invitee: String =
        scalar(&fx.store(), "SELECT id FROM invitee WHERE event_id = ?1 ORDER BY id LIMIT 1", [&event_id]);
    let radio = format!("input[name='att-{first_invitee}'][data-attendance=absent]");
    app.execute("document.querySelector(arguments[0]).click();", json!([radio]));
    app.wait_until("attendance saved", 10, "document.querySelector(arguments[0]).checked", json!([radio]));

    let minutes = "1. 원료 공동구매 현황 공유\n2. 캘러스 배양액 시험성적서 검토 — 다음 회의까지 보완하기로";
    let minutes_box = app.wait_for("#minutes", 10);
    app.click(&minutes_box);
    // Typed key by key, the line break as the Enter key.
    let (first_line, second_line) = minutes.split_once('\n').unwrap();
    app.type_into(&minutes_box, first_line);
    app.type_into(&minutes_box, "\u{E007}");
    app.type_into(&minutes_box, second_line);
    // "저장됨" only once the disk holds what the screen shows.
    app.wait_for_text("#autosave-status", 10, |t| t.starts_with("저장됨"));
    app.screenshot("screen-minutes");
    kill_app(&fx.database);
    drop(app);

    let again = fx.launch(&driver);
    let store = fx.store();
    let saved: String = scalar(&store, "SELECT minutes FROM event WHERE id = ?1", [&event_id]);
    assert_eq!(saved, minutes, "the minutes typed before the kill are in the database");
    let attendance: String = scalar(&store, "SELECT attendance FROM invitee WHERE id = ?1", [&first_invitee]);
    assert_eq!(attendance, "absent");
    again.click_css("#open-search");
    again.set_value("#search-input", "시험성적서 보완");
    again.wait_until(
        "search results",
        10,
        "document.querySelectorAll('#search-results [data-kind=event]').length > 0",
        json!([]),
    );
    again.click_css("#search-results [data-kind=event]");
    again.wait_for_text("#event-title", 10, |t| t == title);
    assert_eq!(again.value_of("#minutes"), minutes, "the window shows them after the restart");
    again.close();
}

#[test]
fn a_plant_visit_with_two_issues_and_a_photo_is_one_record() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);
    let company: String =
        scalar(&fx.store(), "SELECT name FROM member WHERE kind = 'company' ORDER BY name LIMIT 1 OFFSET 5", []);
    let visits_before: i64 = scalar(&fx.store(), "SELECT count(*) FROM event WHERE kind = 'plant_visit'", []);

    app.click_css("#nav-visit");
    // Part of the name, then pick it from the type-ahead.
    let part: String = company.chars().skip(1).take(3).collect();
    app.set_value("#visit-company", &part);
    app.wait_until("type-ahead", 10, "document.querySelectorAll('.picker-options li').length > 0", json!([]));
    app.execute(
        "const li = [...document.querySelectorAll('.picker-options li')].find(l => l.textContent.startsWith(arguments[0]));
         li.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));",
        json!([company]),
    );
    app.set_value("#visit-notes", "2층 충진 라인 확인. 점도 편차와 용기 누액 문제 청취.");
    let chosen = app.wait_for_text(".file-picker-chosen", 5, |t| !t.is_empty());
    assert_eq!(chosen, "선택한 파일 없음", "the file button speaks Korean");
    let widths = app.execute(
        "const f = document.querySelector('[data-issue=\"0\"]'); const t = f.querySelector('.issue-title');
         return [t.getBoundingClientRect().width, f.getBoundingClientRect().width];",
        json!([]),
    );
    let (title_width, form_width) = (widths[0].as_f64().unwrap(), widths[1].as_f64().unwrap());
    assert!(title_width > form_width * 0.8, "the issue title box spans the form: {title_width} of {form_width}");
    app.set_value("[data-issue='0'] .issue-title", "충진 시 점도 편차");
    app.set_value("[data-issue='0'] .issue-category", "production");
    app.set_value("[data-issue='0'] .issue-description", "겨울철 크림 점도가 15% 이상 달라져 충진량 불량 발생");
    app.click_css("#add-issue");
    app.set_value("[data-issue='1'] .issue-title", "펌프 용기 누액");
    app.set_value("[data-issue='1'] .issue-category", "quality");
    app.set_value("[data-issue='1'] .issue-stage", "productisation");
    app.set_value("[data-issue='1'] .issue-description", "수출용 펌프 용기에서 누액 클레임");
    // A photo picked from disk (a real PNG), put into the file input as a user's choice would.
    let photo = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons/icon.png")).unwrap();
    use base64::Engine;
    app.execute(
        "const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
         const file = new File([bytes], '충진라인.png', { type: 'image/png' });
         const dt = new DataTransfer(); dt.items.add(file);
         const input = document.querySelector('#visit-files'); input.files = dt.files;
         input.dispatchEvent(new Event('change', { bubbles: true }));",
        json!([base64::engine::general_purpose::STANDARD.encode(&photo)]),
    );
    app.wait_until("thumbnail", 10, "document.querySelectorAll('#visit-thumbs img').length === 1", json!([]));
    assert_eq!(app.wait_for_text(".file-picker-chosen", 5, |t| !t.is_empty()), "1개 파일 선택됨");
    app.screenshot("screen-visit");
    app.click_css("#save-visit");
    let title = app.wait_for_text("#event-title", 15, |t| !t.is_empty());
    assert_eq!(title, format!("{company} 현장방문"));
    // A confirmation, and the visit's page shows what was recorded there.
    let notice = app.wait_for_text("#event-notice", 5, |t| !t.is_empty());
    assert_eq!(notice, "방문 기록을 저장했습니다 (애로사항 2건, 첨부 1건).");
    let found = app.execute(
        "return [...document.querySelectorAll('#issues-found .issue-found button')].map(b => b.textContent);",
        json!([]),
    );
    assert_eq!(found, json!(["충진 시 점도 편차", "펌프 용기 누액"]));
    let labels = app
        .execute("return [...document.querySelectorAll('.minutes .field-label')].map(l => l.textContent);", json!([]));
    assert_eq!(
        labels,
        json!(["현장 확인·논의 내용", "다음 조치"]),
        "a visit's notes are not labelled as a meeting's decisions"
    );
    app.screenshot("screen-visit-saved");
    app.wait_until(
        "photo thumbnail on the visit",
        10,
        "document.querySelectorAll('.attachments img').length === 1",
        json!([]),
    );

    let store = fx.store();
    // The new visit is the event the photo was attached to (the demo has older visits to it too).
    let visit: String = scalar(&store, "SELECT record_id FROM attachment WHERE file_name = '충진라인.png'", []);
    let status: String = scalar(&store, "SELECT status FROM event WHERE id = ?1 AND title = ?2", [&visit, &title]);
    assert_eq!(status, "held");
    assert_eq!(scalar::<i64>(&store, "SELECT count(*) FROM event WHERE kind = 'plant_visit'", []), visits_before + 1);
    let issues: Vec<(String, String, String)> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT title, category, stage FROM issue WHERE event_id = ?1 ORDER BY title")
            .unwrap();
        stmt.query_map([&visit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(
        issues,
        [
            ("충진 시 점도 편차".to_string(), "production".to_string(), "technology_development".to_string()),
            ("펌프 용기 누액".to_string(), "quality".to_string(), "productisation".to_string()),
        ]
    );
    let (name, size): (String, i64) = store
        .conn()
        .query_row("SELECT file_name, size_bytes FROM attachment WHERE record_id = ?1", [&visit], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((name.as_str(), size), ("충진라인.png", photo.len() as i64));
    app.close();
}

#[test]
fn a_project_moves_from_application_to_agreement_with_checked_amounts() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);
    let project: String = scalar(&fx.store(), "SELECT id FROM project WHERE stage = 'application' LIMIT 1", []);
    app.click_css("#nav-projects");
    app.wait_for(".pipeline", 10);
    app.screenshot("screen-projects");
    app.click_css(&format!("[data-project-id='{project}']"));
    app.wait_for_text("#project-stage", 10, |t| t == "신청");

    // Over the cap: the error appears beside the field as the amount is typed.
    app.click_css("#edit-project");
    app.set_value("#support-type", "field_technology");
    app.set_value("#government_won", "250,000,000");
    app.wait_until(
        "cap error beside the field",
        10,
        "(document.querySelector('[data-error-for=government_won]') || {}).textContent?.includes('한도')",
        json!([]),
    );
    app.screenshot("screen-project-cap");
    app.set_value("#government_won", "105000000");
    app.set_value("#firm_cash_won", "70000000");
    app.set_value("#firm_in_kind_won", "0");
    app.wait_until(
        "no cap error",
        10,
        "!document.querySelector('[data-error-for=government_won]')?.textContent?.includes('한도')",
        json!([]),
    );
    // The checks follow the typing a moment later; a warning asks for an override reason.
    std::thread::sleep(std::time::Duration::from_millis(800));
    if app.count("#override-reason") > 0 {
        app.set_value("#override-reason", "참여기업 추가 예정");
    }
    app.click_css("#save-project");
    app.wait_for_text("#project-government", 10, |t| t.starts_with("1억 500만 원"));

    app.set_value("#stage-to", "agreement");
    app.set_value("#stage-on", "2026-06-15");
    app.click_css("#change-stage");
    app.wait_for_text("#project-stage", 10, |t| t == "선정·협약");
    app.screenshot("screen-project");

    let store = fx.store();
    let (stage, government, cash): (String, i64, i64) = store
        .conn()
        .query_row("SELECT stage, government_won, firm_cash_won FROM project WHERE id = ?1", [&project], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((stage.as_str(), government, cash), ("agreement", 105_000_000, 70_000_000));
    let change: (String, String, String) = store
        .conn()
        .query_row(
            "SELECT from_stage, to_stage, changed_on FROM project_stage_change WHERE project_id = ?1 ORDER BY rowid DESC LIMIT 1",
            [&project],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(change, ("application".to_string(), "agreement".to_string(), "2026-06-15".to_string()));
    app.close();
}

#[test]
fn a_company_is_found_by_part_of_a_korean_word_and_the_ui_switches_to_english() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);
    // A company whose name has at least four syllables: search for its middle.
    let company: String = scalar(
        &fx.store(),
        "SELECT name FROM member WHERE kind = 'company' AND length(name) >= 4 ORDER BY name LIMIT 1",
        [],
    );
    let middle: String = company.chars().skip(1).take(2).collect();

    app.click_css("#nav-directory");
    app.wait_for(".virtual-list .member-row", 10);
    app.screenshot("screen-directory");
    app.click_css("#nav-issues");
    app.wait_for(".board", 10);
    app.click_css(".issue-card");
    app.wait_until("partner suggestions", 10, "document.querySelectorAll('#partner-list li').length > 0", json!([]));
    app.screenshot("screen-issues");

    app.click_css("#open-search");
    app.set_value("#search-input", &middle);
    app.wait_until(
        "the company among the results",
        10,
        "[...document.querySelectorAll('#search-results .hit-title')].some(e => e.textContent === arguments[0])",
        json!([company]),
    );
    app.screenshot("screen-search");
    app.execute(
        "const li = [...document.querySelectorAll('#search-results li')].find(l => l.querySelector('.hit-title')?.textContent === arguments[0]);
         li.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));",
        json!([company]),
    );
    assert_eq!(app.wait_for_text("#member-name", 10, |t| !t.is_empty()), company);

    app.set_value("#language-select", "en");
    assert_eq!(app.wait_for_text("#nav-schedule", 10, |t| t == "Schedule"), "Schedule");
    app.click_css("#nav-home");
    app.wait_for_text("#member-count", 10, |t| t.ends_with("members"));
    app.wait_for(".home .grid-2", 10);
    app.screenshot("screen-home-english");
    app.close();

    // The choice is kept on this laptop.
    let again = fx.launch(&driver);
    assert_eq!(again.wait_for_text("#nav-home", 10, |t| !t.is_empty()), "Home");
    again.close();
}

#[test]
fn a_member_form_names_the_broken_rule_and_a_duplicate_company_is_merged() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);
    app.click_css("#nav-directory");
    app.click_css("#new-record");
    app.set_value(".member-form input[name=name]", "미래정밀화학");
    app.set_value(".member-form input[name=registration_number]", "123-45-67890");
    app.click_css(".member-form button[type=submit]");
    let message = app.wait_for_text("[data-error-for=registration_number]", 10, |t| !t.is_empty());
    assert!(message.contains("검증번호"), "{message}");
    // Said once, beside the field; the top of the form only sums up.
    let page = app.execute("return document.querySelector('.member-form').innerText;", json!([]));
    assert_eq!(page.as_str().unwrap().matches(message.as_str()).count(), 1, "the rule is said once: {page}");
    let summary = app.wait_for_text(".member-form .form-summary", 5, |t| !t.is_empty());
    assert!(summary.contains("1곳"), "{summary}");
    app.screenshot("screen-member-error");
    app.set_value(".member-form input[name=registration_number]", "123-45-67891");
    app.click_css(".member-form button[type=submit]");
    assert_eq!(app.wait_for_text("#member-name", 10, |t| !t.is_empty()), "미래정밀화학");
    let keep: String = scalar(&fx.store(), "SELECT id FROM member WHERE registration_number = '1234567891'", []);

    // The same company entered again under a spaced name, with another number.
    app.click_css("#nav-directory");
    app.click_css("#new-record");
    app.set_value(".member-form input[name=name]", "미래 정밀화학");
    let other = {
        let nine = [2, 2, 0, 8, 1, 6, 2, 5, 1];
        desk_core::validate::registration_number::format(&desk_core::validate::registration_number::complete(nine))
    };
    app.set_value(".member-form input[name=registration_number]", &other);
    app.set_value(".member-form input[name=technologies]", "정밀 코팅, 나노 분산");
    app.click_css(".member-form button[type=submit]");
    app.wait_for_text("#member-name", 10, |t| t == "미래 정밀화학");
    // A page that only shows the company has no form hints.
    let facts = app.wait_for_text("dl.facts", 5, |t| t.contains("보유 기술"));
    assert!(!facts.contains("쉼표"), "{facts}");
    let duplicate: String = scalar(&fx.store(), "SELECT id FROM member WHERE name = '미래 정밀화학'", []);

    // On the first record, the look-alike is offered for merging.
    app.click_css("#open-search");
    app.set_value("#search-input", "1234567891");
    app.wait_until(
        "the kept company in the results",
        10,
        "document.querySelectorAll('#search-results [data-kind=member]').length > 0",
        json!([]),
    );
    app.click_css("#search-results [data-kind=member]");
    app.wait_for_text("#member-name", 10, |t| t == "미래정밀화학");
    app.wait_for(".card.warn button", 10);
    app.execute("window.confirm = () => true;", json!([]));
    app.click_css(".card.warn button");
    app.wait_for(".banner.ok", 10);
    let store = fx.store();
    let deleted: i64 = scalar(&store, "SELECT deleted FROM member WHERE id = ?1", [&duplicate]);
    assert_eq!(deleted, 1);
    let technologies: String = scalar(&store, "SELECT technologies FROM member WHERE id = ?1", [&keep]);
    assert_eq!(technologies, "정밀 코팅, 나노 분산");
    app.close();
}

#[test]
fn an_issue_moves_by_keyboard_and_becomes_a_project() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);
    let (issue, title): (String, String) = fx
        .store()
        .conn()
        .query_row("SELECT id, title FROM issue WHERE status = 'new' LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    app.click_css("#nav-issues");
    let card = app.wait_for(&format!("[data-issue-id='{issue}']"), 10);
    app.click(&card);
    app.type_into(&card, "\u{E014}"); // the right arrow key
    app.wait_until(
        "the card in the reviewing column",
        10,
        "!!document.querySelector(`[data-status=reviewing] [data-issue-id='${arguments[0]}']`)",
        json!([issue]),
    );
    let status: String = scalar(&fx.store(), "SELECT status FROM issue WHERE id = ?1", [&issue]);
    assert_eq!(status, "reviewing");
    // The focus follows the card into its new column, so → can be pressed again.
    app.wait_until(
        "the moved card keeps the focus",
        5,
        "document.activeElement?.dataset?.issueId === arguments[0]",
        json!([issue]),
    );
    app.press_keys("\u{E014}");
    app.wait_until(
        "the card in the matched column",
        10,
        "!!document.querySelector(`[data-status=matched] [data-issue-id='${arguments[0]}']`)",
        json!([issue]),
    );
    let status: String = scalar(&fx.store(), "SELECT status FROM issue WHERE id = ?1", [&issue]);
    assert_eq!(status, "matched");

    // Switching from a card nobody matches to one with partners never shows the first
    // card's "none found" under the second card's title.
    let lonely = {
        let mut store = fx.store();
        let (cluster, member): (String, String) = store
            .conn()
            .query_row("SELECT cluster_id, id FROM member WHERE kind = 'company' LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        let input = desk_core::issue::IssueInput {
            title: "qqzx".into(),
            description: "xzqq".into(),
            category: Some(desk_core::issue::IssueCategory::Other),
            stage: Some(desk_core::issue::IssueStage::TechnologyDevelopment),
            member_ids: vec![member],
            found_on: "2026-11-20".into(),
            ..Default::default()
        };
        store.write(|w| desk_core::issue::create(w, &cluster, &input)).unwrap()
    };
    app.click_css("#nav-home");
    app.click_css("#nav-issues");
    app.click_css(&format!("[data-issue-id='{lonely}']"));
    app.wait_for_text("#issue-panel", 10, |t| t.contains("맞는 파트너를 찾지 못했습니다"));
    // The moved card, when it has partners; else another new card that has some.
    let with_partners = {
        let store = fx.store();
        let mut stmt = store
            .conn()
            .prepare("SELECT id FROM issue WHERE status IN ('new', 'matched') ORDER BY id = ?1 DESC")
            .unwrap();
        let ids: Vec<String> = stmt.query_map([&issue], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        ids.into_iter()
            .find(|id| !desk_core::matching::suggest_for_issue(store.conn(), id, 8).unwrap().is_empty())
            .expect("a card with partners")
    };
    let matched_title: String = scalar(&fx.store(), "SELECT title FROM issue WHERE id = ?1", [&with_partners]);
    app.execute(
        "window.__flashed = false;
         new MutationObserver(() => {
           const panel = document.querySelector('#issue-panel');
           if (panel && panel.querySelector('h2')?.textContent === arguments[0]
               && panel.textContent.includes('맞는 파트너를 찾지 못했습니다')) window.__flashed = true;
         }).observe(document.body, { subtree: true, childList: true, characterData: true });",
        json!([matched_title]),
    );
    app.click_css(&format!("[data-issue-id='{with_partners}']"));
    app.wait_until(
        "the second card's partners",
        10,
        "document.querySelectorAll('#partner-list li').length > 0",
        json!([]),
    );
    assert_eq!(
        app.execute("return window.__flashed;", json!([])),
        json!(false),
        "no flash of the previous card's answer"
    );

    app.click_css(&format!("[data-issue-id='{issue}']"));
    app.click_css("#new-project-from-issue");
    app.wait_until(
        "the form filled from the issue",
        10,
        "document.querySelector('#project-title')?.value === arguments[0]",
        json!([title]),
    );
    app.set_value("#support-type", "prototype");
    app.set_value("#government_won", "12,000,000");
    app.set_value("#firm_cash_won", "8,000,000");
    std::thread::sleep(std::time::Duration::from_millis(800));
    if app.count("#override-reason") > 0 {
        app.set_value("#override-reason", "시제품 1개사 단독");
    }
    app.click_css("#save-project");
    app.wait_for_text("#project-title-heading", 10, |t| t == title);
    let store = fx.store();
    let linked: i64 =
        scalar(&store, "SELECT count(*) FROM project_issue WHERE issue_id = ?1 AND deleted = 0", [&issue]);
    assert_eq!(linked, 1);
    let status: String = scalar(&store, "SELECT status FROM issue WHERE id = ?1", [&issue]);
    assert_eq!(status, "in_project", "an issue answered by a project is in project");
    app.close();
}

#[test]
fn a_new_event_at_the_time_of_another_warns_of_the_clash() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);
    let (starts, title): (String, String) = fx
        .store()
        .conn()
        .query_row(
            "SELECT starts_at, title FROM event WHERE status = 'scheduled' ORDER BY starts_at DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    app.click_css("#nav-schedule");
    app.click_css("#new-event");
    app.set_value(".event-form input[name=date]", &starts[..10]);
    app.set_value(".event-form input[name=start]", &starts[11..16]);
    app.set_value(".event-form input[name=end]", "23:59");
    let warning = app.wait_for_text("#clash-warning", 10, |t| !t.is_empty());
    assert!(warning.contains(&title), "{warning}");
    app.close();
}

#[test]
fn the_workspace_is_usable_by_keyboard_alone_at_1280_by_720() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);
    app.set_window_size(1280, 720);
    app.wait_for(".home .grid-2", 15);
    // Ctrl+K opens the search without the mouse; typing, then Enter opens the first result.
    app.execute("document.body.focus();", json!([]));
    app.press_ctrl('k');
    app.wait_for("#search-input", 5);
    app.wait_until("the search field takes the focus", 5, "document.activeElement?.id === 'search-input'", json!([]));
    app.press_keys("정기회의");
    app.wait_until("results", 10, "document.querySelectorAll('#search-results li[data-kind]').length > 0", json!([]));
    app.press_keys("\u{E007}");
    app.wait_for_text("#event-title", 10, |t| t.contains("정기회의"));
    // Tab moves through the navigation, and each stop shows a visible focus ring.
    app.execute("document.querySelector('#nav-home').focus();", json!([]));
    app.press_keys("\u{E004}");
    let (id, outline): (String, String) = {
        let v = app.execute(
            "const el = document.activeElement; return [el.id, getComputedStyle(el).outlineStyle];",
            json!([]),
        );
        (v[0].as_str().unwrap_or_default().to_string(), v[1].as_str().unwrap_or_default().to_string())
    };
    assert_eq!(id, "nav-directory");
    assert_ne!(outline, "none", "focus is visible");
    app.press_keys("\u{E007}");
    app.wait_for(".virtual-list .member-row", 10);
    // Nothing of the main screens runs off the side of a 1280-pixel window.
    let overflow = app.execute("return document.documentElement.scrollWidth - window.innerWidth;", json!([]));
    assert!(overflow.as_i64().unwrap_or(1) <= 0, "horizontal overflow of {overflow} px");
    app.screenshot("screen-directory-720");
    app.close();
}

#[test]
fn a_person_is_edited_from_the_directory() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);
    app.click_css("#nav-directory");
    app.execute("[...document.querySelectorAll('[role=tab]')][1].click();", json!([]));
    let name = app.wait_for_text(".person-row strong", 10, |t| !t.is_empty());
    app.click_css(".person-row");
    app.set_value(".person-form [data-field=title] input", "기술연구소장");
    app.set_value(".person-form [data-field=expertise] input", "나노 분산, 안정성 시험");
    app.click_css(".person-form button[type=submit]");
    app.wait_until("the form closes", 10, "!document.querySelector('.person-form')", json!([]));
    let (title, expertise): (String, String) = fx
        .store()
        .conn()
        .query_row("SELECT title, expertise FROM person WHERE name = ?1 ORDER BY rowid LIMIT 1", [&name], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((title.as_str(), expertise.as_str()), ("기술연구소장", "나노 분산, 안정성 시험"));
    app.close();
}
