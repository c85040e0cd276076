//! End-to-end: the window signs in to a real head-office server (on 127.0.0.1:0), syncs
//! by itself, shows its state in the status bar, and a conflict with another laptop is
//! reviewed and settled on the conflicts screen.
// Linux-side tests: a real window under Xvfb, dpkg, or Wine driven from Linux.
#![cfg(target_os = "linux")]

mod support;

use std::sync::Mutex;

use desk_core::{cluster, member, Store};
use desk_server::{AppState, Listen};
use desk_sync::account::{self, SignIn};
use support::{app_binary, Display, Driver};
use sync_wire::Role;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
const PASSWORD: &str = "correct horse battery";

/// The head-office server on its own runtime, for as long as the test runs.
struct HeadOffice {
    _dir: tempfile::TempDir,
    url: String,
    runtime: tokio::runtime::Runtime,
}

fn head_office() -> HeadOffice {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let state = AppState::open(&dir.path().join("server.sqlite")).unwrap();
    let cluster = state.storage.create_cluster("남동 화장품 미니클러스터", "capital").unwrap();
    state
        .storage
        .create_account("jang", "장매니저", Role::Manager, &desk_server::auth::hash_password(PASSWORD))
        .unwrap();
    state.storage.bind_account("jang", &cluster.id).unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    runtime.spawn(desk_server::serve(Listen { listener, tls: None }, state, std::future::pending()));
    HeadOffice { _dir: dir, url, runtime }
}

fn company(phone: &str) -> member::MemberInput {
    member::MemberInput {
        kind: Some(member::MemberKind::Company),
        name: "(주)한빛화장품".into(),
        registration_number: registration_number(),
        phone: phone.into(),
        ..Default::default()
    }
}

/// A valid business registration number (the check digit computed, not made up).
fn registration_number() -> String {
    use desk_core::validate::registration_number::{complete, format};
    format(&complete([1, 0, 1, 8, 6, 0, 0, 0, 1]))
}

#[test]
fn the_window_signs_in_syncs_and_settles_a_conflict() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let office = head_office();
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("cluster.sqlite");
    let company_id = {
        let mut store = Store::open(&database).unwrap();
        let cluster_id = store
            .write(|w| {
                cluster::create(
                    w,
                    &cluster::ClusterInput {
                        name: "남동 화장품 미니클러스터".into(),
                        complex_name: "남동국가산업단지".into(),
                        region: cluster::Region::Capital,
                        industry_theme: "화장품".into(),
                        manager_name: "장매니저".into(),
                    },
                )
            })
            .unwrap();
        store.write(|w| member::create(w, &cluster_id, &company("032-100-1000"))).unwrap()
    };

    let display = Display::start();
    let driver = Driver::start(&display);
    let app = driver.launch(&app_binary(), &["--database", database.to_str().unwrap()]);
    app.wait_for_text("#sync-status", 60, |t| t.contains("로그인하지 않음"));

    // The sign-in form names what is missing, then signs in.
    app.click_css("#nav-sync");
    app.wait_for("#sign-in-form", 10);
    // The summary line arrives with the status and pushes the form down: a click aimed
    // before it lands where the button was (a fresh clone's first start is slow enough).
    app.wait_for("#sync-summary", 10);
    app.click_css("#sign-in");
    app.wait_for_text("[data-error-for=server_url]", 10, |t| t.contains("본부 서버 주소를 입력하세요"));
    app.set_value("#sync-server-url", &office.url);
    app.set_value("#sync-login", "jang");
    app.set_value("#sync-password", PASSWORD);
    app.click_css("#sign-in");
    app.wait_for("#signed-in", 20);
    app.wait_for_text("#sync-status", 60, |t| t.contains("마지막 동기화") && t.contains("모두 보냄"));
    app.screenshot("screen-sync-settings");

    // Another laptop of the same manager edits the phone number; so does this one.
    let other_dir = tempfile::tempdir().unwrap();
    let other_db = other_dir.path().join("other.sqlite");
    let mut other = Store::open(&other_db).unwrap();
    let token = office
        .runtime
        .block_on(account::sign_in(
            &mut other,
            &other_db,
            &SignIn {
                server_url: &office.url,
                login: "jang",
                password: PASSWORD,
                cluster_id: "",
                device_label: "둘째 노트북",
            },
        ))
        .unwrap()
        .token;
    let client = desk_sync::HeadOffice::new(&office.url, Some(token)).unwrap();
    let folder = other_dir.path().join("attachments");
    office.runtime.block_on(desk_sync::sync_once(&mut other, &client, &folder)).unwrap();
    other.write(|w| member::update(w, &company_id, &company("032-200-2000"))).unwrap();
    office.runtime.block_on(desk_sync::sync_once(&mut other, &client, &folder)).unwrap();
    {
        // The window's own database, through a second connection as the background sync uses.
        let mut here = Store::open(&database).unwrap();
        here.write(|w| member::update(w, &company_id, &company("032-300-3000"))).unwrap();
    }

    app.click_css("#sync-now");
    app.wait_for("#open-conflicts", 60);
    app.click_css("#open-conflicts");
    app.wait_for("#conflicts-screen article.conflict", 10);
    let shown = app.wait_for_text("#conflicts-screen", 5, |t| t.contains("(주)한빛화장품"));
    assert!(shown.contains("032-200-2000") && shown.contains("032-300-3000"), "both values are shown: {shown}");
    app.screenshot("screen-conflicts");
    app.click_css("#conflicts-screen .take-lost");
    app.wait_for("#no-conflicts", 10);
    app.click_css("#sync-now");
    app.wait_for_text("#sync-status", 60, |t| t.contains("모두 보냄") && !t.contains("충돌"));

    office.runtime.block_on(desk_sync::sync_once(&mut other, &client, &folder)).unwrap();
    let here = Store::open(&database).unwrap();
    let mine = member::get(here.conn(), &company_id).unwrap().phone;
    let theirs = member::get(other.conn(), &company_id).unwrap().phone;
    assert_eq!(mine, theirs, "both laptops hold the manager's choice");
    assert!(desk_core::sync::conflict::open(other.conn()).unwrap().is_empty(), "the choice travelled");
    app.close();
}
