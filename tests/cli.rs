//! The command line as a process: `cluster-desk demo` fills a database without a window,
//! leaves one that has a cluster alone, and says what is wrong with a bad command line.

use std::process::Command;

fn app() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cluster-desk"));
    // No display: a command must never try to open a window.
    command.env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
    command
}

#[test]
fn demo_fills_an_empty_database_without_a_window_and_then_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("new/cluster.sqlite");
    let out = app().args(["demo", "--database"]).arg(&database).args(["--today", "2026-11-29"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("데모 클러스터를 만들었습니다: 남동 친환경나노 미니클러스터"), "{stdout}");
    let store = desk_core::Store::open(&database).unwrap();
    let members: i64 = store.conn().query_row("SELECT count(*) FROM member", [], |r| r.get(0)).unwrap();
    assert!(members > 50, "{members} members");
    assert_eq!(desk_core::sync::pending_changes(store.conn()).unwrap(), 0, "the demo is not unsent work");
    let events: i64 = store.conn().query_row("SELECT count(*) FROM event", [], |r| r.get(0)).unwrap();
    drop(store);

    let again = app().args(["demo", "--database"]).arg(&database).output().unwrap();
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("그대로 두었습니다"));
    let store = desk_core::Store::open(&database).unwrap();
    let after: i64 = store.conn().query_row("SELECT count(*) FROM event", [], |r| r.get(0)).unwrap();
    assert_eq!(after, events, "a second run adds nothing");
}

#[test]
fn a_wrong_command_line_gets_exit_code_2_and_says_why_in_korean() {
    let out = app().args(["demo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--database 파일을 지정하세요"));
    let out = app().args(["demo", "--database", "x.sqlite", "--today", "어제"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--today는"));
}

#[test]
fn a_database_from_a_newer_app_is_refused_with_exit_code_1_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("newer.sqlite");
    {
        let conn = rusqlite::Connection::open(&database).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&database).unwrap();
    let out = app().args(["demo", "--database"]).arg(&database).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
    assert_eq!(std::fs::read(&database).unwrap(), before, "the newer file is left as it was");
}

#[test]
fn help_says_what_the_command_line_does_and_opens_no_window() {
    for args in [&["--help"][..], &["demo", "--help"][..], &["help"][..]] {
        let out = app().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("cluster-desk demo --database") && text.contains("데모 클러스터를 만듭니다"), "{text}");
        assert!(text.contains("창을 엽니다"), "{text}");
    }
}
