//! End-to-end: meeting minutes never lose what was typed. A manager types steadily, the
//! way notes are taken while people talk (a key every 80–220 ms, never a pause long enough
//! for an idle save), and then the app is killed, or the window is closed right after the
//! last key. Everything but the last moment of typing must be on disk after a kill, and
//! everything after a close; and one typing session is one history row, not one per save.
// Linux-side tests: a real window under Xvfb, dpkg, or Wine driven from Linux.
#![cfg(target_os = "linux")]

mod support;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use desk_core::Store;
use serde_json::json;
use support::{app_binary, app_processes, request_window_close, Display, Driver, Session};

/// One app at a time: the machine has two cores and each window is a WebKit process tree.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

struct Fixture {
    _dir: tempfile::TempDir,
    database: PathBuf,
    display: Display,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        Fixture { database: dir.path().join("cluster.sqlite"), display: Display::start(), _dir: dir }
    }

    fn launch(&self, driver: &Driver) -> Session {
        let app = driver.launch(&app_binary(), &["--demo", "--database", self.database.to_str().unwrap()]);
        app.wait_for_text("#cluster-name", 60, |t| !t.is_empty());
        app
    }

    fn store(&self) -> Store {
        Store::open(&self.database).unwrap()
    }

    fn running(&self) -> bool {
        !app_processes(&self.database.display().to_string()).is_empty()
    }

    /// Waits up to `limit` for the app to end by itself.
    fn wait_for_exit(&self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if !self.running() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

/// An upcoming meeting of the demo cluster with no minutes yet, opened from the schedule's
/// list as a manager would.
fn open_meeting(fx: &Fixture, app: &Session) -> String {
    let today = desk_core::time::today().format("%Y-%m-%d").to_string();
    let id: String = fx
        .store()
        .conn()
        .query_row(
            "SELECT id FROM event WHERE kind = 'regular_meeting' AND status = 'scheduled' AND minutes = ''
             AND starts_at >= ?1 AND starts_at < date(?1, '+80 days') ORDER BY starts_at LIMIT 1",
            [&today],
            |r| r.get(0),
        )
        .unwrap();
    app.click_css("#nav-schedule");
    app.click_css("#schedule-tab-list");
    app.click_css(&format!("tr[data-event-id='{id}'] button.link"));
    app.wait_for("#minutes", 15);
    id
}

/// What the database holds for the meeting's minutes: the editor's draft if there is one,
/// else the saved text.
fn minutes_on_disk(store: &Store, event_id: &str) -> String {
    desk_core::minutes_draft::get(store.conn(), event_id)
        .unwrap()
        .map(|d| d.minutes)
        .unwrap_or_else(|| desk_core::event::get(store.conn(), event_id).unwrap().event.minutes)
}

/// A small deterministic generator for the gaps between keys.
struct Gaps(u64);

impl Gaps {
    fn next_ms(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        80 + (self.0 >> 33) % 141
    }
}

const NOTES: &str = "원료 공동구매 현황을 공유함. 캘러스 배양액 시험성적서는 다음 회의까지 보완하기로 함. 견학 일정은 12월 둘째 주로 정함.";

/// Types `text` key by key with steady gaps; returns when each key was sent.
fn type_steadily(app: &Session, text: &str, seed: u64) -> Vec<(Instant, usize)> {
    let field = app.wait_for("#minutes", 10);
    app.click(&field);
    let mut gaps = Gaps(seed);
    let mut sent = Vec::new();
    for (i, c) in text.chars().enumerate() {
        app.type_into(&field, &c.to_string());
        sent.push((Instant::now(), i + 1));
        std::thread::sleep(Duration::from_millis(gaps.next_ms()));
    }
    sent
}

#[test]
fn steady_typing_then_a_crash_loses_at_most_the_last_second() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = Fixture::new();
    let driver = Driver::start(&fx.display);
    let app = fx.launch(&driver);
    let event_id = open_meeting(&fx, &app);
    let rows_before: i64 = fx
        .store()
        .conn()
        .query_row("SELECT count(*) FROM change_log WHERE record_id = ?1 AND field = 'minutes'", [&event_id], |r| {
            r.get(0)
        })
        .unwrap();

    let sent = type_steadily(&app, NOTES, 7);
    let on_screen = app.value_of("#minutes");
    assert_eq!(on_screen, NOTES, "the window took every key");
    // SIGKILL straight after the last key: the app gets no chance to save anything more.
    let killed_at = Instant::now();
    for pid in app_processes(&fx.database.display().to_string()) {
        let _ = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status();
    }
    assert!(fx.wait_for_exit(Duration::from_secs(5)), "the app died");
    drop(app);

    let typed_a_second_before =
        sent.iter().rev().find(|(at, _)| killed_at.duration_since(*at) > Duration::from_secs(1)).map_or(0, |(_, n)| *n);
    let store = fx.store();
    let saved = minutes_on_disk(&store, &event_id);
    let expected: String = NOTES.chars().take(typed_a_second_before).collect();
    assert!(
        NOTES.starts_with(&saved) && saved.chars().count() >= typed_a_second_before,
        "on disk after the kill: {saved:?}\nmust hold at least everything typed a second before it: {expected:?}"
    );
    drop(store);

    // The next start saves the draft as one change, and the page shows it.
    let again = fx.launch(&driver);
    let store = fx.store();
    let minutes = desk_core::event::get(store.conn(), &event_id).unwrap().event.minutes;
    assert_eq!(minutes, saved, "the draft became the meeting's minutes");
    assert!(desk_core::minutes_draft::get(store.conn(), &event_id).unwrap().is_none());
    let rows_after: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM change_log WHERE record_id = ?1 AND field = 'minutes'", [&event_id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(rows_after - rows_before, 1, "one typing session is one history row");
    again.click_css("#nav-schedule");
    again.click_css("#schedule-tab-list");
    again.click_css(&format!("tr[data-event-id='{event_id}'] button.link"));
    again.wait_until(
        "the minutes shown",
        15,
        "document.querySelector('#minutes')?.value === arguments[0]",
        json!([saved]),
    );
    // The history row shows the lines typed, not the start of a whole text.
    again.wait_until(
        "a history row with the added line",
        10,
        "[...document.querySelectorAll('tr[data-field=minutes] .diff-added')].some(d => d.textContent.includes('원료 공동구매'))",
        json!([]),
    );
    let labels = again.execute(
        "return [...document.querySelectorAll('table.history tbody tr td:nth-child(2)')].map(td => td.textContent);",
        json!([]),
    );
    for label in labels.as_array().unwrap() {
        let label = label.as_str().unwrap();
        assert!(
            !label.contains('_') && label.chars().any(|c| ('가'..='힣').contains(&c)),
            "history field label {label:?}"
        );
    }
    let device_cells = again.execute(
        "return [...document.querySelectorAll('table.history tbody tr td:nth-child(4)')].map(td => td.textContent);",
        json!([]),
    );
    assert!(device_cells.as_array().unwrap().iter().all(|d| d == "이 노트북"), "{device_cells}");
    again.screenshot("minutes-after-crash");
    again.close();
}

#[test]
fn closing_the_window_right_after_the_last_key_keeps_every_word_and_one_request_closes() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = Fixture::new();
    let driver = Driver::start(&fx.display);
    let app = fx.launch(&driver);
    let event_id = open_meeting(&fx, &app);

    let text: String = NOTES.chars().take(40).collect();
    type_steadily(&app, &text, 11);
    // The status line says what is true: not "saved" while the disk is behind the screen.
    let state = app.execute("return document.querySelector('#autosave-status').dataset.state;", json!([]));
    if state == json!("saved") {
        assert_eq!(minutes_on_disk(&fx.store(), &event_id), app.value_of("#minutes"), "saved means on disk");
    }
    // The last key, then one close request within 0.2 s.
    let field = app.wait_for("#minutes", 5);
    app.type_into(&field, "끝");
    let last_key = Instant::now();
    assert_eq!(request_window_close(&fx.display), 1, "one window to close");
    assert!(last_key.elapsed() < Duration::from_millis(200), "the close came within 0.2 s of the last key");
    assert!(fx.wait_for_exit(Duration::from_secs(8)), "one close request closes the app");
    drop(app);

    let store = fx.store();
    let minutes = desk_core::event::get(store.conn(), &event_id).unwrap().event.minutes;
    assert_eq!(minutes, format!("{text}끝"), "every word typed before the close is saved");
    assert!(desk_core::minutes_draft::get(store.conn(), &event_id).unwrap().is_none(), "saved, not only drafted");
}

#[test]
fn the_status_line_says_saved_only_when_the_disk_has_the_text() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fx = Fixture::new();
    let driver = Driver::start(&fx.display);
    let app = fx.launch(&driver);
    let event_id = open_meeting(&fx, &app);
    let field = app.wait_for("#minutes", 5);
    app.click(&field);
    app.type_into(&field, "안건 1");
    let saving = app.execute("return document.querySelector('#autosave-status').textContent;", json!([]));
    let saved = app.wait_for_text("#autosave-status", 10, |t| t.starts_with("저장됨 "));
    assert!(saved.len() > "저장됨 ".len(), "with the time: {saved}");
    assert_eq!(minutes_on_disk(&fx.store(), &event_id), "안건 1");
    if saving != json!(saved) {
        assert_eq!(saving, json!("저장 중…"), "before the disk had it");
    }
    // A text too long to sync is refused, and the line says so with the reason.
    app.set_value("#minutes", &"가".repeat(200_000));
    let refused = app.wait_for_text("#autosave-status", 15, |t| t.starts_with("저장 안 됨"));
    assert!(refused.contains("500 KB"), "{refused}");
    assert_eq!(minutes_on_disk(&fx.store(), &event_id), "안건 1", "nothing half-written");
    app.close();
}
