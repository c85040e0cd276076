//! The activity report as an Excel workbook: a sheet per section, numbers as numbers,
//! won with thousands separators, and each table's totals as `SUM` formulas (with their
//! value stored too, for readers that do not recalculate).

use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

use crate::{ActivityReport, ReportError};

/// A cell of a sheet's table.
enum Cell<'a> {
    Text(&'a str),
    Count(i64),
    Won(i64),
    /// A won amount that may be missing (not yet approved).
    MaybeWon(Option<i64>),
}

struct Formats {
    header: Format,
    won: Format,
    count: Format,
    total: Format,
    total_won: Format,
}

fn column_name(c: u16) -> String {
    let mut n = u32::from(c) + 1;
    let mut name = String::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        name.insert(0, (b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    name
}

/// Writes a titled table; `totals` names the columns summed in a 합계 row below it.
fn table(
    sheet: &mut Worksheet,
    formats: &Formats,
    title: &str,
    names: &[(&str, f64)],
    rows: &[Vec<Cell<'_>>],
    totals: &[u16],
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, title, &Format::new().set_bold().set_font_size(13))?;
    for (c, (name, width)) in names.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *name, &formats.header)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    let first = 3u32;
    for (r, row) in rows.iter().enumerate() {
        let r = first + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) => sheet.write_string(r, c, *t)?,
                Cell::Count(n) => sheet.write_number_with_format(r, c, *n as f64, &formats.count)?,
                Cell::Won(n) => sheet.write_number_with_format(r, c, *n as f64, &formats.won)?,
                Cell::MaybeWon(Some(n)) => sheet.write_number_with_format(r, c, *n as f64, &formats.won)?,
                Cell::MaybeWon(None) => sheet.write_blank(r, c, &formats.won)?,
            };
        }
    }
    if !totals.is_empty() && !rows.is_empty() {
        let r = first + rows.len() as u32;
        sheet.write_string_with_format(r, 0, "합계", &formats.total)?;
        for c in totals {
            let sum: i64 = rows
                .iter()
                .map(|row| match row.get(*c as usize) {
                    Some(Cell::Count(n) | Cell::Won(n) | Cell::MaybeWon(Some(n))) => *n,
                    _ => 0,
                })
                .sum();
            let is_won = matches!(rows[0].get(*c as usize), Some(Cell::Won(_) | Cell::MaybeWon(_)));
            let column = column_name(*c);
            let formula =
                Formula::new(format!("=SUM({column}{}:{column}{})", first + 1, r)).set_result(sum.to_string());
            sheet.write_formula_with_format(
                r,
                *c,
                formula,
                if is_won { &formats.total_won } else { &formats.total },
            )?;
        }
    }
    sheet.set_freeze_panes(3, 0)?;
    Ok(())
}

pub fn activity_xlsx(report: &ActivityReport) -> Result<Vec<u8>, ReportError> {
    build(report).map_err(|e| ReportError::Workbook(e.to_string()))
}

fn build(report: &ActivityReport) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats {
        header: Format::new()
            .set_bold()
            .set_background_color("#E8EEF7")
            .set_border(rust_xlsxwriter::FormatBorder::Thin),
        won: Format::new().set_num_format("#,##0\"원\""),
        count: Format::new().set_num_format("#,##0"),
        total: Format::new().set_bold().set_num_format("#,##0"),
        total_won: Format::new().set_bold().set_num_format("#,##0\"원\""),
    };
    let mut book = Workbook::new();
    let h = &report.header;
    let s = &report.summary;

    let sheet = book.add_worksheet().set_name("요약")?;
    sheet.write_string_with_format(0, 0, &h.title, &Format::new().set_bold().set_font_size(14))?;
    let cover = [
        ("클러스터", h.cluster.as_str()),
        ("산업단지", &h.complex),
        ("권역", &h.region),
        ("담당 매니저", &h.manager),
        ("대상 기간", &h.period),
        ("작성일", &h.generated_on),
    ];
    for (i, (name, value)) in cover.iter().enumerate() {
        sheet.write_string_with_format(2 + i as u32, 0, *name, &formats.header)?;
        sheet.write_string(2 + i as u32, 1, *value)?;
    }
    let figures = [
        ("개최 행사 (회의·세미나·워크숍)", s.events_held, false),
        ("행사 참석 연인원", s.attendances, false),
        ("현장방문", s.plant_visits, false),
        ("발굴 애로사항", s.issues_found, false),
        ("해결 애로사항", s.issues_resolved, false),
        ("지원사업 과제", s.projects, false),
        ("신청 정부지원금", s.government_won, true),
        ("기업 부담금 (현금·현물)", s.own_funds_won, true),
        ("승인 정부지원금", s.approved_government_won, true),
        ("성과 공유", s.results_shared, false),
        ("미결 조치사항", s.open_action_items, false),
    ];
    sheet.write_string_with_format(9, 0, "항목", &formats.header)?;
    sheet.write_string_with_format(9, 1, "실적", &formats.header)?;
    for (i, (name, value, is_won)) in figures.iter().enumerate() {
        let r = 10 + i as u32;
        sheet.write_string(r, 0, *name)?;
        sheet.write_number_with_format(r, 1, *value as f64, if *is_won { &formats.won } else { &formats.count })?;
    }
    sheet.set_column_width(0, 32)?;
    sheet.set_column_width(1, 40)?;

    let rows: Vec<Vec<Cell>> = report
        .events_by_kind
        .iter()
        .map(|k| vec![Cell::Text(&k.kind), Cell::Count(k.events), Cell::Count(k.attendances)])
        .collect();
    table(
        book.add_worksheet().set_name("행사 유형별")?,
        &formats,
        "1. 행사 개최 현황 (유형별)",
        &[("구분", 20.0), ("개최 (건)", 12.0), ("참석 (명)", 12.0)],
        &rows,
        &[1, 2],
    )?;
    let rows: Vec<Vec<Cell>> = report
        .events
        .iter()
        .map(|e| {
            vec![
                Cell::Text(&e.date),
                Cell::Text(&e.kind),
                Cell::Text(&e.title),
                Cell::Text(&e.place),
                Cell::Count(e.invited),
                Cell::Count(e.present),
            ]
        })
        .collect();
    table(
        book.add_worksheet().set_name("행사별")?,
        &formats,
        "1. 행사 개최 현황 (행사별)",
        &[("일자", 12.0), ("구분", 14.0), ("행사명", 40.0), ("장소", 24.0), ("초청", 8.0), ("참석", 8.0)],
        &rows,
        &[4, 5],
    )?;
    let rows: Vec<Vec<Cell>> = report
        .participation
        .iter()
        .map(|c| {
            vec![
                Cell::Text(&c.category),
                Cell::Count(c.organisations),
                Cell::Count(c.people),
                Cell::Count(c.attendances),
            ]
        })
        .collect();
    table(
        book.add_worksheet().set_name("참여 현황")?,
        &formats,
        "2. 참여 현황 (회원 구분별)",
        &[("구분", 16.0), ("회원 기관", 12.0), ("인원", 10.0), ("참석 연인원", 14.0)],
        &rows,
        &[1, 2, 3],
    )?;
    let rows: Vec<Vec<Cell>> = report
        .visits
        .iter()
        .map(|v| vec![Cell::Text(&v.date), Cell::Text(&v.company), Cell::Text(&v.title), Cell::Count(v.issues_found)])
        .collect();
    table(
        book.add_worksheet().set_name("현장방문")?,
        &formats,
        "3. 현장방문",
        &[("일자", 12.0), ("방문 기업", 24.0), ("내용", 40.0), ("발굴 애로", 10.0)],
        &rows,
        &[3],
    )?;
    let rows: Vec<Vec<Cell>> = report
        .issues_by_category
        .iter()
        .map(|c| vec![Cell::Text(&c.category), Cell::Count(c.found), Cell::Count(c.resolved)])
        .collect();
    table(
        book.add_worksheet().set_name("애로사항 분야별")?,
        &formats,
        "3. 분야별 애로사항",
        &[("분야", 14.0), ("발굴 (건)", 12.0), ("해결 (건)", 12.0)],
        &rows,
        &[1, 2],
    )?;
    let rows: Vec<Vec<Cell>> = report
        .resolved_issues
        .iter()
        .map(|i| {
            vec![
                Cell::Text(&i.resolved_on),
                Cell::Text(&i.title),
                Cell::Text(&i.category),
                Cell::Text(&i.companies),
                Cell::Text(&i.how),
            ]
        })
        .collect();
    table(
        book.add_worksheet().set_name("애로사항 해결")?,
        &formats,
        "4. 애로사항 해결 실적",
        &[("해결일", 12.0), ("애로사항", 36.0), ("분야", 10.0), ("기업", 24.0), ("해결 방법", 40.0)],
        &rows,
        &[],
    )?;
    for (name, title, money) in [
        ("사업 단계별", "5. 지원사업 추진 현황 (단계별, 작성일 현재)", &report.projects_by_stage),
        ("사업 지원유형별", "5. 지원사업 추진 현황 (지원유형별, 작성일 현재)", &report.projects_by_support),
    ] {
        let rows: Vec<Vec<Cell>> = money
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(&r.name),
                    Cell::Count(r.projects),
                    Cell::Won(r.government_won),
                    Cell::Won(r.own_funds_won),
                    Cell::Won(r.approved_government_won),
                ]
            })
            .collect();
        table(
            book.add_worksheet().set_name(name)?,
            &formats,
            title,
            &[
                ("구분", 22.0),
                ("과제", 8.0),
                ("신청 정부지원금", 18.0),
                ("기업 부담금", 18.0),
                ("승인 정부지원금", 18.0),
            ],
            &rows,
            &[1, 2, 3, 4],
        )?;
    }
    let rows: Vec<Vec<Cell>> = report
        .projects
        .iter()
        .map(|p| {
            vec![
                Cell::Text(&p.title),
                Cell::Text(&p.support_type),
                Cell::Text(&p.stage),
                Cell::Won(p.government_won),
                Cell::Won(p.firm_cash_won),
                Cell::Won(p.firm_in_kind_won),
                Cell::MaybeWon(p.approved_government_won),
                Cell::MaybeWon(p.cap_won),
                Cell::Text(&p.check),
            ]
        })
        .collect();
    table(
        book.add_worksheet().set_name("과제별 점검")?,
        &formats,
        "5. 과제별 금액과 한도 점검",
        &[
            ("과제", 36.0),
            ("지원유형", 18.0),
            ("단계", 10.0),
            ("신청 정부지원금", 16.0),
            ("기업 현금", 14.0),
            ("기업 현물", 14.0),
            ("승인 정부지원금", 16.0),
            ("유형 한도", 14.0),
            ("점검", 40.0),
        ],
        &rows,
        &[3, 4, 5, 6],
    )?;
    let years: Vec<String> = report.outcomes.iter().map(|o| o.year.to_string()).collect();
    let rows: Vec<Vec<Cell>> = report
        .outcomes
        .iter()
        .zip(&years)
        .map(|(o, year)| {
            vec![
                Cell::Text(year),
                Cell::Won(o.sales_won),
                Cell::Won(o.exports_won),
                Cell::Count(o.jobs),
                Cell::Count(o.patents),
                Cell::Count(o.commercialised),
            ]
        })
        .collect();
    table(
        book.add_worksheet().set_name("연도별 성과")?,
        &formats,
        "6. 연도별 성과",
        &[
            ("연도", 8.0),
            ("매출", 18.0),
            ("수출", 18.0),
            ("고용 (명)", 10.0),
            ("특허 (건)", 10.0),
            ("사업화 (건)", 10.0),
        ],
        &rows,
        &[1, 2, 3, 4, 5],
    )?;
    let rows: Vec<Vec<Cell>> = report
        .shares
        .iter()
        .map(|r| vec![Cell::Text(&r.date), Cell::Text(&r.project), Cell::Text(&r.member)])
        .collect();
    table(
        book.add_worksheet().set_name("성과 공유")?,
        &formats,
        "7. 성과 공유 실적",
        &[("공유일", 12.0), ("과제", 40.0), ("공유 기업", 24.0)],
        &rows,
        &[],
    )?;
    let rows: Vec<Vec<Cell>> = report
        .open_actions
        .iter()
        .map(|a| vec![Cell::Text(&a.due_on), Cell::Text(&a.title), Cell::Text(&a.owner), Cell::Text(&a.event)])
        .collect();
    table(
        book.add_worksheet().set_name("미결 조치사항")?,
        &formats,
        "8. 미결 조치사항",
        &[("기한", 12.0), ("조치사항", 40.0), ("담당", 16.0), ("관련 행사", 30.0)],
        &rows,
        &[],
    )?;
    book.save_to_buffer()
}
