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
    for args in [
        &["--help"][..],
        &["demo", "--help"][..],
        &["help"][..],
        &["import", "--help"][..],
        &["export", "--help"][..],
        &["report", "--help"][..],
    ] {
        let out = app().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("cluster-desk demo --database") && text.contains("데모 클러스터를 만듭니다"), "{text}");
        assert!(text.contains("창을 엽니다"), "{text}");
        assert!(text.contains("cluster-desk import members") && text.contains("명단을 가져옵니다"), "{text}");
        assert!(text.contains("cluster-desk export directory") && text.contains("내보냅니다"), "{text}");
        assert!(text.contains("cluster-desk report activity") && text.contains("활동 실적 보고서"), "{text}");
        assert!(text.contains("cluster-desk report minutes --event") && text.contains("report project --id"), "{text}");
    }
}

fn sample(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/spreadsheet/tests/data").join(name)
}

fn demo_database(dir: &std::path::Path) -> std::path::PathBuf {
    let database = dir.join("cluster.sqlite");
    let out = app().args(["demo", "--database"]).arg(&database).args(["--today", "2026-11-29"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    database
}

fn count(database: &std::path::Path, sql: &str) -> i64 {
    let store = desk_core::Store::open(database).unwrap();
    let n = store.conn().query_row(sql, [], |r| r.get(0)).unwrap();
    n
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

#[test]
fn import_members_from_a_cp949_csv_prints_the_summary_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let database = demo_database(dir.path());
    let members = count(&database, "SELECT count(*) FROM member WHERE deleted = 0");
    let file = sample("members-cp949.csv");

    let dry = app()
        .args(["import", "members"])
        .arg(&file)
        .arg("--database")
        .arg(&database)
        .args(["--dry-run", "--json"])
        .output()
        .unwrap();
    assert_eq!(dry.status.code(), Some(0), "{}", String::from_utf8_lossy(&dry.stderr));
    let summary = json(&dry);
    assert_eq!(summary["dry_run"], true);
    assert_eq!(summary["counts"]["new"], 12);
    assert_eq!(count(&database, "SELECT count(*) FROM member WHERE deleted = 0"), members, "a dry run writes nothing");

    let out = app().args(["import", "members"]).arg(&file).arg("--database").arg(&database).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("새로 추가 12"), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(count(&database, "SELECT count(*) FROM member WHERE deleted = 0"), members + 12);
    assert_eq!(count(&database, "SELECT count(*) FROM member WHERE name = '(주)똠양정밀'"), 1);

    let again =
        app().args(["import", "members"]).arg(&file).arg("--database").arg(&database).arg("--json").output().unwrap();
    assert_eq!(json(&again)["counts"]["unchanged"], 12);
    assert_eq!(json(&again)["action_id"], serde_json::Value::Null);
}

#[test]
fn an_import_that_refuses_rows_exits_with_1_and_names_each_row_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let database = demo_database(dir.path());
    let out = app()
        .args(["import", "members"])
        .arg(sample("members-bad-values.xlsx"))
        .arg("--database")
        .arg(&database)
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let summary = json(&out);
    assert_eq!(summary["counts"]["refused"], 5);
    let refused: Vec<u64> = summary["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["action"] == "refused")
        .map(|r| r["row"].as_u64().unwrap())
        .collect();
    assert_eq!(refused, [2, 3, 4, 5, 12]);
    let text = app()
        .args(["import", "members"])
        .arg(sample("members-bad-values.xlsx"))
        .arg("--database")
        .arg(&database)
        .args(["--dry-run"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("4행 세진테크 [거부/refused]") && stdout.contains("2023.02.30"), "{stdout}");

    let locked = app()
        .args(["import", "members"])
        .arg(sample("members-password.xlsx"))
        .arg("--database")
        .arg(&database)
        .output()
        .unwrap();
    assert_eq!(locked.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&locked.stderr).contains("암호가 걸린 파일입니다"));
    let missing = app().args(["import", "people", "없는파일.xlsx", "--database"]).arg(&database).output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("파일을 읽을 수 없습니다"));
    let usage = app().args(["import", "firms", "x.csv", "--database"]).arg(&database).output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn the_exported_directory_imports_back_as_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let database = demo_database(dir.path());
    let members = count(&database, "SELECT count(*) FROM member WHERE deleted = 0 AND cluster_id IS NOT NULL");
    let xlsx = dir.path().join("명부.xlsx");
    let out = app().args(["export", "directory", "--database"]).arg(&database).arg("-o").arg(&xlsx).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let back = app()
        .args(["import", "members"])
        .arg(&xlsx)
        .arg("--database")
        .arg(&database)
        .args(["--dry-run", "--json"])
        .output()
        .unwrap();
    assert_eq!(back.status.code(), Some(0));
    let summary = json(&back);
    assert_eq!(summary["counts"]["unchanged"], members);
    assert_eq!(summary["counts"]["new"], 0);
    assert_eq!(summary["counts"]["updated"], 0);

    let csv = dir.path().join("인력.csv");
    let out = app().args(["export", "people", "--database"]).arg(&database).arg("-o").arg(&csv).output().unwrap();
    assert!(out.status.success());
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]) && String::from_utf8_lossy(&bytes).contains("성명,소속,직위"));

    let people = dir.path().join("인력.xlsx");
    let out = app().args(["export", "people", "--database"]).arg(&database).arg("-o").arg(&people).output().unwrap();
    assert!(out.status.success());
    let back = app()
        .args(["import", "people"])
        .arg(&people)
        .arg("--database")
        .arg(&database)
        .args(["--dry-run", "--json"])
        .output()
        .unwrap();
    let summary = json(&back);
    assert_eq!((summary["sheet"].as_str(), summary["counts"]["new"].as_u64()), (Some("인력"), Some(0)), "{summary}");

    let empty = dir.path().join("empty.sqlite");
    desk_core::Store::open(&empty).unwrap();
    let out = app().args(["export", "directory", "--database"]).arg(&empty).arg("-o").arg(&xlsx).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("클러스터가 없습니다"));
}

#[test]
fn report_writes_the_activity_report_minutes_and_a_project_report_without_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let database = demo_database(dir.path());
    let pdf = dir.path().join("활동.pdf");
    let out = app()
        .args(["report", "activity", "--database"])
        .arg(&database)
        .args(["--from", "2026-10-01", "--to", "2026-12-31", "--format", "pdf", "-o"])
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("보고서를 만들었습니다"));

    let xlsx = dir.path().join("활동.xlsx");
    let out = app()
        .args(["report", "activity", "--database"])
        .arg(&database)
        .args(["--from", "2026-10-01", "--to", "2026-12-31", "--format", "xlsx", "-o"])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"), "an xlsx is a zip");

    let event = count_text(&database, "SELECT id FROM event WHERE status = 'held' ORDER BY starts_at LIMIT 1");
    let minutes = dir.path().join("회의록.pdf");
    let out = app()
        .args(["report", "minutes", "--event", &event, "--database"])
        .arg(&database)
        .arg("-o")
        .arg(&minutes)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&minutes).unwrap().starts_with(b"%PDF"));

    let project = count_text(&database, "SELECT id FROM project ORDER BY title LIMIT 1");
    let report = dir.path().join("과제.pdf");
    let out = app()
        .args(["report", "project", "--id", &project, "--database"])
        .arg(&database)
        .arg("-o")
        .arg(&report)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&report).unwrap().starts_with(b"%PDF"));
}

#[test]
fn a_bad_report_command_says_which_part_is_wrong_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let database = demo_database(dir.path());
    let output = dir.path().join("out.pdf");
    let run = |args: &[&str]| {
        app().arg("report").args(args).arg("--database").arg(&database).arg("-o").arg(&output).output().unwrap()
    };
    let backwards = run(&["activity", "--from", "2026-12-31", "--to", "2026-01-01", "--format", "pdf"]);
    assert_eq!(backwards.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&backwards.stderr).contains("기간의 끝이 시작보다 앞섭니다"));
    let bad_date = run(&["activity", "--from", "10월 1일", "--to", "2026-12-31", "--format", "pdf"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("--from"));
    let minutes_as_excel = run(&["minutes", "--event", "x", "--format", "xlsx"]);
    assert_eq!(minutes_as_excel.status.code(), Some(2));
    let missing = run(&["minutes", "--event", "no-such-event"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("찾는 기록이 없습니다"));
    assert!(!output.exists(), "nothing written");
    let mut partial = output.as_os_str().to_owned();
    partial.push(".part");
    assert!(!std::path::Path::new(&partial).exists());
}

fn count_text(database: &std::path::Path, sql: &str) -> String {
    let store = desk_core::Store::open(database).unwrap();
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A file name in another encoding than UTF-8 (possible on Linux) is refused with a clear
/// message and exit code 2, not a panic.
#[cfg(unix)]
#[test]
fn an_argument_that_is_not_unicode_is_refused_not_a_crash() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"\xc8\xb8\xbf\xf8\xb8\xed\xba\xce.sqlite"); // 회원명부 in EUC-KR
    let out = app().args(["demo", "--database"]).arg(name).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("유니코드가 아닌"));
}
