//! End-to-end: the window signs in to a real head-office server (on 127.0.0.1:0), syncs
//! by itself, shows its state in the status bar, and a conflict with another laptop is
//! reviewed and settled on the conflicts screen.
// Linux-side tests: a real window under Xvfb, dpkg, or Wine driven from Linux.
#![cfg(target_os = "linux")]

mod support;

use std::sync::Mutex;

use desk_core::{cluster, event, member, Store};
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

/// The cluster of the window's database, created before the window opens.
fn new_cluster(store: &mut Store) -> String {
    store
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
        .unwrap()
}

/// Signs the window in through the sync screen's form and waits for its first sync.
fn sign_in_window(app: &support::Session, office: &HeadOffice) {
    app.click_css("#nav-sync");
    app.wait_for("#sign-in-form", 10);
    // The summary line arrives with the status and pushes the form down: a click aimed
    // before it lands where the button was (a fresh clone's first start is slow enough).
    app.wait_for("#sync-summary", 10);
    app.set_value("#sync-server-url", &office.url);
    app.set_value("#sync-login", "jang");
    app.set_value("#sync-password", PASSWORD);
    app.click_css("#sign-in");
    app.wait_for("#signed-in", 20);
    app.wait_for_text("#sync-status", 60, |t| t.contains("마지막 동기화") && t.contains("모두 보냄"));
}

/// Another laptop of the same manager, signed in: its store, client and attachments folder.
struct OtherLaptop {
    _dir: tempfile::TempDir,
    store: Store,
    client: desk_sync::HeadOffice,
    folder: std::path::PathBuf,
}

impl OtherLaptop {
    fn sign_in(office: &HeadOffice) -> OtherLaptop {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("other.sqlite");
        let mut store = Store::open(&database).unwrap();
        let token = office
            .runtime
            .block_on(account::sign_in(
                &mut store,
                &database,
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
        let folder = dir.path().join("attachments");
        OtherLaptop { _dir: dir, store, client, folder }
    }

    fn sync(&mut self, office: &HeadOffice) {
        office.runtime.block_on(desk_sync::sync_once(&mut self.store, &self.client, &self.folder)).unwrap();
    }
}

#[test]
fn the_window_signs_in_syncs_and_settles_a_conflict() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let office = head_office();
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("cluster.sqlite");
    let company_id = {
        let mut store = Store::open(&database).unwrap();
        let cluster_id = new_cluster(&mut store);
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
    sign_in_window(&app, &office);
    app.screenshot("screen-sync-settings");

    // Another laptop of the same manager edits the phone number; so does this one.
    let mut other = OtherLaptop::sign_in(&office);
    other.sync(&office);
    other.store.write(|w| member::update(w, &company_id, &company("032-200-2000"))).unwrap();
    other.sync(&office);
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

    other.sync(&office);
    let here = Store::open(&database).unwrap();
    let mine = member::get(here.conn(), &company_id).unwrap().phone;
    let theirs = member::get(other.store.conn(), &company_id).unwrap().phone;
    assert_eq!(mine, theirs, "both laptops hold the manager's choice");
    assert!(desk_core::sync::conflict::open(other.store.conn()).unwrap().is_empty(), "the choice travelled");
    app.close();
}

#[test]
fn the_conflicts_screen_groups_by_record_compares_texts_and_settles_marks_at_once() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let office = head_office();
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("cluster.sqlite");
    let meeting = {
        let mut store = Store::open(&database).unwrap();
        let cluster_id = new_cluster(&mut store);
        let meeting = store
            .write(|w| {
                event::create(
                    w,
                    &cluster_id,
                    &event::EventInput {
                        kind: Some(event::EventKind::RegularMeeting),
                        title: "12월 정기회의".into(),
                        starts_at: "2026-12-03T14:00:00+09:00".into(),
                        ends_at: "2026-12-03T16:00:00+09:00".into(),
                        place: "남동 비즈니스센터".into(),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        for (i, name) in ["(주)한빛화장품", "(주)남동정밀", "(주)소래포장"].iter().enumerate() {
            let mut input = company("");
            input.name = (*name).into();
            input.registration_number = desk_core::validate::registration_number::format(
                &desk_core::validate::registration_number::complete([1, 0, 1, 8, 6, 0, 0, 1, i as u8]),
            );
            let id = store.write(|w| member::create(w, &cluster_id, &input)).unwrap();
            store.write(|w| event::invite(w, &meeting, &event::InviteeRef::Member(id))).unwrap();
        }
        store
            .write(|w| event::save_minutes(w, &meeting, "12월 정기회의 회의록\n안건: 포장재 공동구매\n참석 12개사", ""))
            .unwrap();
        meeting
    };

    let display = Display::start();
    let driver = Driver::start(&display);
    let app = driver.launch(&app_binary(), &["--database", database.to_str().unwrap()]);
    app.wait_for_text("#sync-status", 60, |t| t.contains("로그인하지 않음"));
    sign_in_window(&app, &office);

    // The other laptop marks everyone present and rewrites the agenda line; this one, at
    // the same time, marks everyone absent, rewrites the same line and adds a note.
    let mut other = OtherLaptop::sign_in(&office);
    other.sync(&office);
    let invitees: Vec<String> =
        event::get(other.store.conn(), &meeting).unwrap().invitees.into_iter().map(|i| i.id).collect();
    assert_eq!(invitees.len(), 3);
    {
        let mut here = Store::open(&database).unwrap();
        for id in &invitees {
            here.write(|w| event::set_attendance(w, id, event::Attendance::Absent)).unwrap();
        }
        let minutes = "12월 정기회의 회의록\n안건: 포장재 공동구매 단가 비교\n참석 12개사\n다음 회의 1월 7일";
        here.write(|w| event::save_minutes(w, &meeting, minutes, "")).unwrap();
    }
    for id in &invitees {
        other.store.write(|w| event::set_attendance(w, id, event::Attendance::Present)).unwrap();
    }
    other
        .store
        .write(|w| {
            event::save_minutes(w, &meeting, "12월 정기회의 회의록\n안건: 포장재 공동구매 납기 협의\n참석 12개사", "")
        })
        .unwrap();
    other.sync(&office);

    app.click_css("#sync-now");
    app.wait_for("#open-conflicts", 60);
    // Home tells how many wait.
    app.click_css("#nav-home");
    app.wait_for_text("#home-conflicts", 10, |t| t.contains("4건"));
    app.click_css("#home-conflicts");
    app.wait_for("#conflicts-screen article.conflict", 10);
    app.wait_for_text("#conflicts-count", 5, |t| t.contains("4건"));
    assert_eq!(app.count("#conflicts-screen .conflict-group"), 4, "the minutes' meeting and three attendance marks");
    let marks = app.wait_for_text("#conflicts-screen", 5, |t| t.contains("(주)남동정밀 · 12월 정기회의"));
    assert!(marks.contains("참석 여부"), "{marks}");

    // The minutes side by side: the shared lines once, each version's own line marked.
    let kept_only = app.wait_for_text(".text-diff", 5, |t| t.contains("납기 협의") && t.contains("단가 비교"));
    assert!(kept_only.contains("12월 정기회의 회의록"), "{kept_only}");
    assert_eq!(
        app.count(".text-diff td.only-kept") + app.count(".text-diff td.only-lost"),
        3,
        "two rewrites and the note"
    );
    app.screenshot("screen-conflicts-grouped");

    // All three marks at once, by the clock: the newer mark of each stays.
    let newest_before: Vec<String> = {
        let here = Store::open(&database).unwrap();
        invitees.iter().map(|id| newest_attendance(&here, id)).collect()
    };
    app.click_css("#settle-all .settle-newest[data-field=attendance]");
    app.wait_until(
        "one conflict left",
        10,
        "document.querySelectorAll('#conflicts-screen article.conflict').length === 1",
        serde_json::json!([]),
    );
    app.click_css("#conflicts-screen .keep-both");
    app.wait_for("#no-conflicts", 10);

    let here = Store::open(&database).unwrap();
    let minutes = event::get(here.conn(), &meeting).unwrap().event.minutes;
    for line in
        ["안건: 포장재 공동구매 단가 비교", "안건: 포장재 공동구매 납기 협의", "다음 회의 1월 7일", "참석 12개사"]
    {
        assert_eq!(minutes.matches(line).count(), 1, "{line} once in {minutes}");
    }
    let settled = desk_core::sync::conflict::open(here.conn()).unwrap();
    assert!(settled.is_empty(), "{settled:?}");
    let marks: Vec<String> = invitees
        .iter()
        .map(|id| {
            here.conn()
                .query_row("SELECT json_quote(attendance) FROM invitee WHERE id = ?1", [id], |r| r.get(0))
                .unwrap()
        })
        .collect();
    assert_eq!(marks, newest_before, "every mark holds the value written last by the clock");

    app.click_css("#sync-now");
    app.wait_for_text("#sync-status", 60, |t| t.contains("모두 보냄") && !t.contains("충돌"));
    other.sync(&office);
    assert_eq!(
        event::get(other.store.conn(), &meeting).unwrap().event.minutes,
        minutes,
        "the other laptop has both versions"
    );
    assert!(desk_core::sync::conflict::open(other.store.conn()).unwrap().is_empty(), "the choices travelled");
    app.close();
}

/// The attendance value of an invitee's newest change by the clock (JSON).
fn newest_attendance(store: &Store, invitee: &str) -> String {
    store
        .conn()
        .query_row(
            "SELECT new_value FROM change_log WHERE record_id = ?1 AND field = 'attendance' ORDER BY hlc DESC LIMIT 1",
            [invitee],
            |r| r.get(0),
        )
        .unwrap()
}
