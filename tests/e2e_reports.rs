//! The 보고서 page in the real window: preview the activity report of a period and check
//! its figures against the database, save it as PDF and as Excel, save a meeting's
//! minutes, and a period that ends before it starts is refused by name.
#![cfg(target_os = "linux")]

mod support;

use serde_json::json;
use support::{DemoApp, ONE_AT_A_TIME};

fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The file the notice names, once it exists.
fn saved(notice: &str) -> std::path::PathBuf {
    let path = notice.split_once(": ").map(|(_, p)| p.trim()).unwrap_or_default();
    std::path::PathBuf::from(path)
}

#[test]
fn the_activity_report_is_previewed_checked_and_saved_and_minutes_too() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);

    app.click_css("#nav-reports");
    app.set_value("#report-preset", "this_year");
    app.click_css("#report-preview");
    let period = app.wait_for_text("#report-period", 20, |t| t.contains('~'));
    let (from, to) = period.split_once(" ~ ").unwrap();
    let held: i64 = fx
        .store()
        .conn()
        .query_row(
            "SELECT count(*) FROM event WHERE deleted = 0 AND status = 'held' AND kind <> 'plant_visit'
             AND substr(starts_at, 1, 10) BETWEEN ?1 AND ?2",
            [from, to],
            |r| r.get(0),
        )
        .unwrap();
    let shown = app.execute(
        "const row = [...document.querySelectorAll('#report-summary tr')].find(r => r.cells[0].textContent.startsWith('개최 행사'));
         return row ? row.cells[1].textContent : '';",
        json!([]),
    );
    assert_eq!(shown.as_str().unwrap().replace(['건', ','], ""), held.to_string());
    app.screenshot("screen-reports");

    app.click_css("#report-save-pdf");
    let notice = app.wait_for_text("#report-notice", 30, |t| t.contains(".pdf"));
    let pdf = saved(&notice);
    assert!(pdf.starts_with(&fx.exports), "{notice}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(pdf_text(&pdf).contains("클러스터 활동 실적 보고서"));
    app.click_css("#report-save-xlsx");
    let notice = app.wait_for_text("#report-notice", 30, |t| t.contains(".xlsx"));
    assert!(std::fs::read(saved(&notice)).unwrap().starts_with(b"PK"));

    // A period that ends before it starts: the field is named, nothing is saved.
    app.set_value("#report-from", &format!("{}-12-31", &from[..4]));
    app.set_value("#report-to", &format!("{}-01-01", &from[..4]));
    app.click_css("#report-save-pdf");
    let error = app.wait_for_text("#report-error", 10, |t| !t.is_empty());
    assert!(error.contains("기간의 끝이 시작보다 앞섭니다"), "{error}");
    assert_eq!(std::fs::read_dir(&fx.exports).unwrap().count(), 2, "only the two reports saved before");

    // Minutes of a held meeting, with the sign-in sheet.
    app.set_value("#report-kind", "minutes");
    app.wait_until(
        "the meetings in the list",
        15,
        "document.querySelectorAll('#report-event option').length > 1",
        json!([]),
    );
    let listed =
        app.execute("return [...document.querySelectorAll('#report-event option')].map(o => o.value);", json!([]));
    let store = fx.store();
    let event = listed
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .find(|id| {
            store
                .conn()
                .query_row(
                    "SELECT count(*) FROM event WHERE id = ?1 AND status = 'held' AND kind = 'regular_meeting'",
                    [id],
                    |r| r.get::<_, i64>(0),
                )
                .unwrap()
                == 1
        })
        .expect("a held meeting in the list")
        .to_string();
    app.set_value("#report-event", &event);
    app.click_css("#report-save-pdf");
    let notice = app.wait_for_text("#report-notice", 30, |t| t.contains("회의록"));
    let text = pdf_text(&saved(&notice));
    assert!(text.contains("참석자 서명부") && text.contains("서명"), "{text}");
}
