//! End-to-end: the real built app in a real window under Xvfb, driven through WebDriver.
// Linux-side tests: a real window under Xvfb, dpkg, or Wine driven from Linux.
#![cfg(target_os = "linux")]

mod support;

use support::{app_binary, Display, Driver};

#[test]
fn first_start_offers_the_demo_cluster_and_shows_it_in_korean() {
    let display = Display::start();
    let driver = Driver::start(&display);
    let data = tempfile::tempdir().unwrap();
    let database = data.path().join("cluster.sqlite");
    let database = database.to_str().unwrap();

    let app = driver.launch(&app_binary(), &["--database", database]);
    let open_demo = app.wait_for("#open-demo", 30);
    app.screenshot("welcome");
    assert_eq!(app.text(&open_demo), "데모 클러스터 열기");
    app.click(&open_demo);

    let name = app.wait_for_text("#cluster-name", 60, |t| !t.is_empty());
    assert_eq!(name, "남동 친환경나노 미니클러스터");
    let members = app.text(&app.wait_for("#member-count", 5));
    assert!(members.starts_with("회원기관 ") && members.ends_with('곳'), "{members}");
    // The demo's generated history is not the manager's unsent work: nothing waits, and
    // the status line says this is demo data.
    let pending = app.wait_for_text("#pending-changes", 10, |t| !t.is_empty());
    assert_eq!(pending, "동기화 대기 변경 0건");
    let status = app.wait_for_text("#sync-status", 10, |t| !t.is_empty());
    assert!(status.contains("데모 데이터") && !status.contains("보낼 변경"), "{status}");
    app.screenshot("home");
    app.close();

    // A second start on the same file goes straight to the cluster, read from the database.
    let again = driver.launch(&app_binary(), &["--database", database]);
    let name = again.wait_for_text("#cluster-name", 30, |t| !t.is_empty());
    assert_eq!(name, "남동 친환경나노 미니클러스터");
    again.close();
}
