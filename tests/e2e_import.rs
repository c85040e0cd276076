//! Importing a member list in the real window, as a manager does it: pick the office's
//! Excel file, read the preview, confirm, find the firms in the directory, undo; and a
//! file that is not a spreadsheet gets a clear Korean error.
#![cfg(target_os = "linux")]

mod support;

use std::path::Path;

use serde_json::json;
use support::{DemoApp, Session, ONE_AT_A_TIME};

fn members(fx: &DemoApp) -> i64 {
    fx.store().conn().query_row("SELECT count(*) FROM member WHERE deleted = 0", [], |r| r.get(0)).unwrap()
}

fn members_named(fx: &DemoApp, name: &str) -> i64 {
    let store = fx.store();
    store.conn().query_row("SELECT count(*) FROM member WHERE deleted = 0 AND name = ?1", [name], |r| r.get(0)).unwrap()
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/spreadsheet/tests/data").join(name)).unwrap()
}

/// Puts a file into the import's file input, as the user's choice in the file dialog would.
fn pick(app: &Session, name: &str, bytes: &[u8]) {
    use base64::Engine;
    app.execute(
        "const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
         const file = new File([bytes], arguments[1]);
         const dt = new DataTransfer(); dt.items.add(file);
         const input = document.querySelector('#import-file'); input.files = dt.files;
         input.dispatchEvent(new Event('change', { bubbles: true }));",
        json!([base64::engine::general_purpose::STANDARD.encode(bytes), name]),
    );
}

fn count(app: &Session, which: &str) -> String {
    app.wait_for_text(&format!("#import-counts [data-count='{which}'] strong"), 15, |t| !t.is_empty())
}

#[test]
fn a_member_list_is_previewed_imported_found_in_the_directory_and_undone() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);
    let before = members(&fx);

    app.click_css("#nav-directory");
    app.click_css("#open-import");
    pick(&app, "2026 회원사 현황.xlsx", &sample("members-title-merged.xlsx"));
    // The demo cluster already has one of the list's organisations without a number: it is
    // a possible duplicate, merged unless the user keeps both.
    assert_eq!(count(&app, "new"), "19");
    assert_eq!(count(&app, "duplicates"), "1");
    assert_eq!(count(&app, "updated"), "1");
    assert_eq!(count(&app, "refused"), "0");
    let source = app.wait_for_text("#import-source", 5, |t| !t.is_empty());
    assert!(source.contains("머리글 4행"), "{source}");
    assert_eq!(app.value_of("#import-map-0"), "", "연번 is not imported");
    assert_eq!(app.value_of("#import-map-1"), "name");
    app.screenshot("screen-import-preview");
    assert_eq!(members(&fx), before, "the preview writes nothing");

    // The user leaves the e-mail column out; the preview follows.
    app.set_value("#import-map-12", "");
    app.wait_until(
        "the preview without e-mail",
        10,
        "document.querySelector('#import-map-12').value === '' && !document.querySelector('#import-confirm').disabled",
        json!([]),
    );
    app.click_css("#import-confirm");
    let notice = app.wait_for_text("#import-notice", 15, |t| !t.is_empty());
    assert!(notice.contains("새로 19건, 변경 1건"), "{notice}");
    assert_eq!(members(&fx), before + 19);
    assert_eq!(members_named(&fx, "(주)한일정밀"), 1);

    // The firms are in the directory.
    app.click_css("#import-notice button:last-child");
    app.set_value("#directory-filter", "한일정밀");
    let row = app.wait_for_text(".member-row strong", 10, |t| t.contains("한일정밀"));
    assert_eq!(row, "(주)한일정밀");

    // And the import is undone from there, as one action.
    let banner = app.wait_for_text("#last-import", 5, |t| !t.is_empty());
    assert!(banner.contains("2026 회원사 현황.xlsx"), "{banner}");
    app.click_css("#undo-last-import");
    let undone = app.wait_for_text("#directory-notice", 10, |t| !t.is_empty());
    assert!(undone.contains("회원기관 19곳") && undone.contains("1건을 되돌렸습니다"), "{undone}");
    assert_eq!(members(&fx), before);
    app.wait_until("the list without the firm", 10, "document.querySelectorAll('.member-row').length === 0", json!([]));
    app.close();
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_refused_in_korean_and_writes_nothing() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = DemoApp::new();
    let driver = fx.driver();
    let app = fx.launch(&driver);
    let before = members(&fx);
    app.click_css("#nav-directory");
    app.click_css("#open-import");
    pick(&app, "명단.xlsx", &sample("not-a-spreadsheet.xlsx"));
    let error = app.wait_for_text("#import-error", 10, |t| !t.is_empty());
    assert!(error.contains("엑셀(xlsx·xls)·ODS·CSV 파일이 아닙니다"), "{error}");
    pick(&app, "회원사(암호).xlsx", &sample("members-password.xlsx"));
    let error = app.wait_for_text("#import-error", 10, |t| t.contains("암호"));
    assert!(error.contains("암호가 걸린 파일입니다"), "{error}");
    assert_eq!(app.count("#import-confirm"), 0);
    assert_eq!(members(&fx), before);

    // A bad-values file, dropped on the page: each refused row with its number and reason.
    use base64::Engine;
    app.execute(
        "const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
         const dt = new DataTransfer(); dt.items.add(new File([bytes], 'bad.xlsx'));
         document.querySelector('#import-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));",
        json!([base64::engine::general_purpose::STANDARD.encode(sample("members-bad-values.xlsx"))]),
    );
    assert_eq!(count(&app, "refused"), "5");
    let refused = app.wait_for_text("#import-refused", 5, |t| !t.is_empty());
    assert!(refused.contains("4행") && refused.contains("2023.02.30"), "{refused}");
    app.close();
}
