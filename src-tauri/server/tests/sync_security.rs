//! Nothing leaks and nothing bad is written: another cluster's manager, a revoked token,
//! forged ids, repeated wrong passwords, and malformed, oversized, truncated, replayed
//! or outdated requests all get a clear 4xx answer and leave the server as it was.

mod common;

use std::io::Write;

use common::{cluster_input, office_with_two_laptops, HeadOfficeServer, Laptop, PASSWORD};
use desk_core::cluster;
use desk_sync::FailureKind;
use reqwest::StatusCode;
use sync_wire::{ErrorBody, ErrorCode, FieldChange, PushRequest, SignInRequest, SCHEMA_VERSION};

/// A second cluster with its own manager and laptop, on the same server.
async fn neighbour(server: &HeadOfficeServer) -> Laptop {
    let other = server.cluster("반월 금속 미니클러스터");
    server.manager("park", &[&other]);
    let mut laptop = Laptop::new();
    laptop.store.write(|w| cluster::create(w, &cluster_input("반월 금속 미니클러스터"))).unwrap();
    laptop.sign_in(server, "park", "").await;
    laptop.sync().await;
    laptop
}

fn change(seq: i64, table: &str, record: &str, field: &str, value: &str) -> FieldChange {
    FieldChange {
        client_seq: seq,
        hlc: format!("{:012x}-000000-00000000000000ff", sync_wire::hlc::wall_millis() + seq as u64 % 1000),
        action_id: "forged-action".into(),
        table: table.into(),
        record_id: record.into(),
        field: field.into(),
        old_value: None,
        new_value: Some(value.into()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_clusters_manager_can_neither_read_nor_write_it() {
    let (server, cluster, mut first, mut second) = office_with_two_laptops().await;
    let company = first.add_company("(주)한빛화장품", 1);
    first.sync().await;
    let mut park = neighbour(&server).await;

    // Reading: park's laptop holds only its own cluster.
    assert_eq!(park.count(&format!("SELECT count(*) FROM member WHERE id = '{company}'")), 0);
    assert_eq!(park.count("SELECT count(*) FROM cluster"), 1);

    // Writing a record of the other cluster: ids are per cluster, so park's push makes a
    // record of park's own, and the other cluster's record is untouched.
    let office = park.office.clone().unwrap();
    let forged_record = PushRequest {
        schema_version: SCHEMA_VERSION,
        changes: vec![change(900_001, "member", &company, "phone", "\"010-0000-0000\"")],
    };
    office.push(&forged_record).await.expect("park's own record of that id");
    let phones: Vec<_> = server.storage().records(&company, "phone").unwrap();
    assert_eq!(phones.len(), 2, "{phones:?}");
    let theirs = phones.iter().find(|(c, _, _)| *c == cluster.id).expect("the first cluster's record");
    assert_ne!(theirs.2.as_deref(), Some("\"010-0000-0000\""), "{phones:?}");
    second.sync().await;
    let phone = second.value(&format!("SELECT coalesce(phone, '') FROM member WHERE id = '{company}'"));
    assert_ne!(phone, "010-0000-0000");

    // Pointing a record at the other cluster.
    let before = server.count("change");
    let forged_cluster = PushRequest {
        schema_version: SCHEMA_VERSION,
        changes: vec![change(
            900_002,
            "member",
            "brand-new-member",
            "cluster_id",
            &format!("\"{}\"", first.cluster_id()),
        )],
    };
    let failure = office.push(&forged_cluster).await.expect_err("another cluster's id");
    assert!(matches!(&failure.kind, FailureKind::Refused(r) if r[0].reason == "other_cluster"), "{failure:?}");
    assert_eq!(server.count("change"), before, "nothing was written");

    // Signing in for a cluster the account is not bound to.
    let answer = office
        .sign_in(&SignInRequest {
            login: "park".into(),
            password: PASSWORD.into(),
            cluster_id: cluster.id.clone(),
            device_id: "park-second-laptop".into(),
            device_label: String::new(),
        })
        .await
        .expect_err("not park's cluster");
    assert_eq!(answer.code, "forbidden");
    let _ = park.sync().await;
    assert_eq!(park.count(&format!("SELECT count(*) FROM member WHERE id = '{company}'")), 0);
}

/// Finding 9: a cluster that learns another's ids (an event's id is the UID of its
/// `.ics` file) pushes records of those ids, and of the link ids made from them, before
/// the other cluster syncs. The other cluster's records still sync whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cluster_that_learns_anothers_ids_cannot_block_its_records() {
    let (_server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    let mut park = neighbour(&_server).await;
    let company = first.add_company("(주)한빛화장품", 1);
    let event = first.add_meeting("12월 정기회의");
    let who = desk_core::event::InviteeRef::Member(company.clone());
    first.store.write(|w| desk_core::event::invite(w, &event, &who)).unwrap();
    let link = first.value(&format!("SELECT id FROM invitee WHERE event_id = '{event}'"));

    // Park gets there first, with every id.
    let park_cluster = format!("\"{}\"", park.cluster_id());
    let squat = PushRequest {
        schema_version: SCHEMA_VERSION,
        changes: vec![
            change(900_011, "event", &event, "title", "\"가로챈 행사\""),
            change(900_012, "event", &event, "cluster_id", &park_cluster),
            change(900_013, "member", &company, "name", "\"가로챈 회원사\""),
            change(900_014, "invitee", &link, "attendance", "\"absent\""),
        ],
    };
    park.office.clone().unwrap().push(&squat).await.expect("park's own records");

    let report = first.sync().await;
    assert_eq!(report.refused, 0, "{report:?}");
    second.sync().await;
    assert_eq!(second.value(&format!("SELECT title FROM event WHERE id = '{event}'")), "12월 정기회의");
    assert_eq!(second.value(&format!("SELECT name FROM member WHERE id = '{company}'")), "(주)한빛화장품");
    assert_eq!(second.value(&format!("SELECT attendance FROM invitee WHERE id = '{link}'")), "invited");
    common::assert_same_rows(&first.snapshot(), &second.snapshot(), "the first cluster's laptops");
    // And park's laptop sees none of the first cluster's records.
    park.sync().await;
    assert_eq!(park.count("SELECT count(*) FROM member WHERE name = '(주)한빛화장품'"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_cursor_tells_nothing_of_other_clusters_activity() {
    let (server, _cluster, first, _second) = office_with_two_laptops().await;
    let mut other = neighbour(&server).await;
    // Everything the first cluster can see was stored before this point.
    let before = server.count("change");
    for n in 0..20 {
        other.add_company(&format!("(주)이웃{n}"), n);
    }
    other.sync().await;
    assert!(server.count("change") > before);
    let page = first.office.clone().expect("signed in").pull(0).await.unwrap();
    assert!(page.cursor <= before, "the cursor {} tells of the other cluster's changes", page.cursor);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_laptop_is_turned_away() {
    let (server, _cluster, mut first, _second) = office_with_two_laptops().await;
    assert!(server.storage().revoke_device(first.store.device_id()).unwrap());
    first.add_company("(주)다온", 2);
    let before = server.count("change");
    let failure = first.try_sync().await.expect_err("revoked");
    assert_eq!(failure.kind, FailureKind::SignedOut);
    assert!(failure.message_ko.contains("다시 로그인"), "{}", failure.message_ko);
    assert_eq!(server.count("change"), before);
    assert!(desk_core::sync::pending_changes(first.store.conn()).unwrap() > 0, "the edit waits on the laptop");

    // Knowing the password does not bring a revoked laptop back (it may be the stolen one).
    let database = first.database();
    let again = desk_sync::account::sign_in(
        &mut first.store,
        &database,
        &desk_sync::account::SignIn {
            server_url: &server.url(),
            login: "jang",
            password: PASSWORD,
            cluster_id: "",
            device_label: "stolen",
        },
    )
    .await
    .expect_err("still revoked");
    assert_eq!(again.code, "forbidden");
    // Until head office forgets the device.
    let forget = vec!["forget-device".to_string(), "--device".into(), first.store.device_id().to_string()];
    desk_server::admin::run(&server.state, &forget).await.expect("forgotten");
    first.sign_in(&server, "jang", "").await;
    first.sync().await;
    assert_eq!(desk_core::sync::pending_changes(first.store.conn()).unwrap(), 0);
}

fn admin(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_account_an_unbound_cluster_or_a_reset_password_end_its_tokens() {
    let (server, cluster, mut first, mut second) = office_with_two_laptops().await;
    desk_server::admin::run(&server.state, &admin(&["disable", "--login", "jang"])).await.expect("disabled");
    assert_eq!(first.try_sync().await.expect_err("disabled").kind, FailureKind::SignedOut);
    let database = first.database();
    let form = desk_sync::account::SignIn {
        server_url: &server.url(),
        login: "jang",
        password: PASSWORD,
        cluster_id: "",
        device_label: "laptop",
    };
    let refused = desk_sync::account::sign_in(&mut first.store, &database, &form).await.expect_err("disabled");
    assert!(refused.message_ko.contains("사용을 중지"), "{}", refused.message_ko);
    desk_server::admin::run(&server.state, &admin(&["enable", "--login", "jang"])).await.expect("enabled");
    first.sync().await;

    // A cluster taken from the manager: its tokens for it stop working at once.
    desk_server::admin::run(&server.state, &admin(&["unbind", "--login", "jang", "--cluster", &cluster.id]))
        .await
        .expect("unbound");
    assert_eq!(second.try_sync().await.expect_err("unbound").kind, FailureKind::SignedOut);
    desk_server::admin::run(&server.state, &admin(&["bind", "--login", "jang", "--cluster", &cluster.id]))
        .await
        .expect("bound");
    second.sync().await;

    // A new password: every device signs in again, with the new one only.
    std::env::set_var("CLUSTER_DESK_PASSWORD", "새 비밀번호 2026 겨울");
    desk_server::admin::run(&server.state, &admin(&["reset-password", "--login", "jang"])).await.expect("reset");
    std::env::remove_var("CLUSTER_DESK_PASSWORD");
    assert_eq!(first.try_sync().await.expect_err("old token").kind, FailureKind::SignedOut);
    let old = desk_sync::account::sign_in(&mut first.store, &database, &form).await.expect_err("old password");
    assert_eq!(old.code, "wrong_credentials");
    let new = desk_sync::account::SignIn { password: "새 비밀번호 2026 겨울", ..form };
    desk_sync::account::sign_in(&mut first.store, &database, &new).await.expect("new password");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_ends_the_token_at_head_office_and_tokens_expire_unless_used() {
    let (server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    let office = first.office.clone().expect("signed in");
    let database = first.database();
    desk_sync::account::sign_out(&mut first.store, &database).await.expect("signed out");
    let copy = office.pull(0).await.expect_err("a copy of the token is worthless now");
    assert_eq!(copy.kind, FailureKind::SignedOut);

    // A token near its end is renewed by use; one past it is refused.
    let conn = rusqlite::Connection::open(server.database()).unwrap();
    let device = second.store.device_id().to_string();
    conn.execute(
        "UPDATE device SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+3 days') WHERE id = ?1",
        [&device],
    )
    .unwrap();
    second.sync().await;
    let renewed: bool = conn
        .query_row(
            "SELECT expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+80 days') FROM device WHERE id = ?1",
            [&device],
            |r| r.get(0),
        )
        .unwrap();
    assert!(renewed, "used, so renewed");
    conn.execute(
        "UPDATE device SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 seconds') WHERE id = ?1",
        [&device],
    )
    .unwrap();
    assert_eq!(second.try_sync().await.expect_err("expired").kind, FailureKind::SignedOut);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_wrong_passwords_are_slowed_down() {
    let server = HeadOfficeServer::start().await;
    let cluster = server.cluster("남동");
    server.manager("jang", &[&cluster]);
    let office = desk_sync::HeadOffice::new(&server.url(), None).unwrap();
    let attempt = |password: &str| SignInRequest {
        login: "jang".into(),
        password: password.into(),
        cluster_id: String::new(),
        device_id: "laptop-0001".into(),
        device_label: String::new(),
    };
    for _ in 0..3 {
        let failure = office.sign_in(&attempt("wrong password")).await.expect_err("wrong");
        assert_eq!(failure.code, "wrong_credentials");
    }
    let failure = office.sign_in(&attempt(PASSWORD)).await.expect_err("locked even with the right password");
    assert!(matches!(failure.kind, FailureKind::Wait(secs) if secs >= 1), "{failure:?}");
    assert!(failure.message_ko.contains("초 뒤에"), "{}", failure.message_ko);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_sign_ins_at_once_get_no_further_than_the_brake() {
    let server = HeadOfficeServer::start().await;
    let cluster = server.cluster("남동");
    server.manager("jang", &[&cluster]);
    let office = desk_sync::HeadOffice::new(&server.url(), None).unwrap();
    let attempt = |password: &str| SignInRequest {
        login: "jang".into(),
        password: password.into(),
        cluster_id: String::new(),
        device_id: "laptop-0001".into(),
        device_label: String::new(),
    };
    let tasks: Vec<_> = (0..300)
        .map(|n| {
            let office = office.clone();
            let request = attempt(&format!("guess {n}"));
            tokio::spawn(async move { office.sign_in(&request).await.expect_err("a guess").code })
        })
        .collect();
    let mut checked = 0;
    for task in tasks {
        match task.await.unwrap().as_str() {
            "wrong_credentials" => checked += 1,
            "too_many_attempts" => {}
            other => panic!("unexpected answer {other}"),
        }
    }
    // Each password checked is a guess; the brake lets the free ones through, however many
    // arrive before the first is answered. On a slow machine the flood outlasts the first
    // locks (1 s, then 2 s, 4 s…), and each lock's end lets one more guess through: a few,
    // never the dozens that got through when attempts were counted only after hashing.
    assert!(checked <= desk_server::auth::FREE_FAILURES as usize + 4, "{checked} guesses were checked");
    // Whether the login is still locked afterwards depends on how long the flood took (on
    // Wine it outlasts the locks), so it is not checked here; the brake's unit tests are.
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_made_before_argon2id_gets_a_current_hash_at_its_next_sign_in() {
    let server = HeadOfficeServer::start().await;
    let cluster = server.cluster("남동");
    let old = desk_server::auth::hash_password_pbkdf2(PASSWORD, 120_000);
    server.storage().create_account("jang", "장 매니저", sync_wire::Role::Manager, &old).unwrap();
    server.storage().bind_account("jang", &cluster.id).unwrap();
    let mut laptop = Laptop::new();
    laptop.sign_in(&server, "jang", "").await;
    let stored = server.storage().account("jang").unwrap().unwrap().password_hash;
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    // And the password still works under the new hash.
    Laptop::new().sign_in(&server, "jang", "").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_four_mebibyte_login_or_a_huge_password_is_refused_before_any_work() {
    let server = HeadOfficeServer::start().await;
    let cluster = server.cluster("남동");
    server.manager("jang", &[&cluster]);
    let office = desk_sync::HeadOffice::new(&server.url(), None).unwrap();
    let request = SignInRequest {
        login: "가".repeat(4 * 1024 * 1024 / 3),
        password: "x".into(),
        cluster_id: String::new(),
        device_id: "laptop-0001".into(),
        device_label: String::new(),
    };
    let failure = office.sign_in(&request).await.expect_err("refused");
    assert_eq!((failure.code.as_str(), failure.field.as_deref()), ("invalid_field", Some("login")), "{failure:?}");
    let request = SignInRequest { login: "jang".into(), password: "p".repeat(2048), ..request };
    let failure = office.sign_in(&request).await.expect_err("refused");
    assert_eq!(failure.field.as_deref(), Some("password"));
    assert_eq!(server.state.brake.remembered(), 0, "nothing was kept of either");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_head_office_refuses_is_set_aside_and_the_rest_still_goes() {
    let (server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    // A change no server will take (as if written by a buggy or newer app), then a good one.
    first
        .store
        .conn()
        .execute(
            "INSERT INTO change_log (hlc, device_id, action_id, table_name, record_id, field, old_value, new_value)
             VALUES ('00000000ffff-000000-0000000000000001', ?1, 'x', 'payroll', 'p1', 'salary', NULL, '1')",
            [first.store.device_id()],
        )
        .unwrap();
    let good = first.add_company("(주)세림", 3);
    let report = first.sync().await;
    assert_eq!(report.refused, 1, "{report:?}");
    let state = desk_core::sync::state(first.store.conn()).unwrap();
    assert_eq!((state.refused_changes, state.pending_changes), (1, 0));
    let refused = desk_core::sync::outbox::refused(first.store.conn()).unwrap();
    assert_eq!(refused[0].reason, "unknown_table");
    assert!(refused[0].message_ko.contains("payroll"));
    second.sync().await;
    assert_eq!(second.count(&format!("SELECT count(*) FROM member WHERE id = '{good}'")), 1);
    assert_eq!(server.count("change WHERE table_name = 'payroll'"), 0);
}

async fn raw(
    server: &HeadOfficeServer,
    token: &str,
    body: Vec<u8>,
    gzip: bool,
    protocol: &str,
) -> (StatusCode, Option<ErrorBody>) {
    let mut request = reqwest::Client::new()
        .post(format!("{}/v1/push", server.url()))
        .header("authorization", format!("Bearer {token}"))
        .header(sync_wire::PROTOCOL_HEADER, protocol)
        .header("content-type", "application/json");
    if gzip {
        request = request.header("content-encoding", "gzip");
    }
    let response = request.body(body).send().await.expect("send");
    let status = response.status();
    (status, response.json().await.ok())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_bodies_get_a_clear_error_and_change_nothing() {
    let (server, _cluster, first, _second) = office_with_two_laptops().await;
    let token = desk_sync::token::load(&desk_sync::token::token_path(&first.database())).expect("token");
    let before = server.count("change");
    let valid = serde_json::to_vec(&PushRequest {
        schema_version: SCHEMA_VERSION,
        changes: vec![change(1_000_001, "member", "m-new", "name", "\"(주)새빛\"")],
    })
    .unwrap();

    let (status, body) = raw(&server, &token, b"{\"schema_version\": 3, \"changes\": [".to_vec(), false, "1").await;
    assert_eq!((status, body.map(|b| b.code)), (StatusCode::BAD_REQUEST, Some(ErrorCode::MalformedBody)));

    let compressed = gzip(&valid);
    let (status, body) = raw(&server, &token, compressed[..compressed.len() / 2].to_vec(), true, "1").await;
    assert_eq!((status, body.map(|b| b.code)), (StatusCode::BAD_REQUEST, Some(ErrorCode::MalformedBody)));

    let huge = format!("{{\"schema_version\":3,\"changes\":[],\"padding\":\"{}\"}}", "가".repeat(3_000_000));
    let (status, body) = raw(&server, &token, gzip(huge.as_bytes()), true, "1").await;
    let body = body.expect("an error body");
    assert_eq!((status, body.code), (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::TooLarge));
    assert!(body.message_ko.contains("MB"), "{}", body.message_ko);
    let (status, body) = raw(&server, &token, vec![b' '; 5 * 1024 * 1024], false, "1").await;
    assert_eq!((status, body.map(|b| b.code)), (StatusCode::PAYLOAD_TOO_LARGE, Some(ErrorCode::TooLarge)));

    let (status, body) = raw(&server, &token, valid.clone(), false, "0").await;
    let body = body.expect("an error body");
    assert_eq!((status, body.code), (StatusCode::UPGRADE_REQUIRED, ErrorCode::UpdateRequired));
    assert!(body.message_ko.contains("업데이트"));
    let old_schema = String::from_utf8(valid.clone()).unwrap().replace(
        &format!("\"schema_version\":{SCHEMA_VERSION}"),
        &format!("\"schema_version\":{}", sync_wire::OLDEST_SCHEMA_VERSION - 1),
    );
    let (status, _) = raw(&server, &token, old_schema.into_bytes(), false, "1").await;
    assert_eq!(status, StatusCode::UPGRADE_REQUIRED);

    let (status, body) = raw(&server, "cdt_forged", valid.clone(), false, "1").await;
    assert_eq!((status, body.map(|b| b.code)), (StatusCode::UNAUTHORIZED, Some(ErrorCode::Unauthorized)));
    assert_eq!(server.count("change"), before, "no bad request wrote anything");

    // The same page twice: stored once.
    let (status, _) = raw(&server, &token, valid.clone(), false, "1").await;
    assert_eq!(status, StatusCode::OK);
    let after_first = server.count("change");
    let response = reqwest::Client::new()
        .post(format!("{}/v1/push", server.url()))
        .header("authorization", format!("Bearer {token}"))
        .header(sync_wire::PROTOCOL_HEADER, "1")
        .body(valid)
        .send()
        .await
        .unwrap();
    let answer: sync_wire::PushResponse = response.json().await.unwrap();
    assert_eq!((answer.accepted, answer.duplicates), (0, 1));
    assert_eq!(server.count("change"), after_first);
    assert_eq!(after_first, before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_read_every_cluster_and_a_manager_cannot_ask_for_another() {
    let (server, cluster, mut first, _second) = office_with_two_laptops().await;
    let company = first.add_company("(주)한빛화장품", 1);
    first.sync().await;
    let park = neighbour(&server).await;
    server.staff("hq");
    let hq = server.staff_client("hq").await;

    let token = |laptop: &Laptop| desk_sync::token::load(&desk_sync::token::token_path(&laptop.database())).unwrap();
    let get = |token: String, query: String| {
        let url = format!("{}/v1/pull?{query}", server.url());
        async move {
            reqwest::Client::new()
                .get(url)
                .header("authorization", format!("Bearer {token}"))
                .header(sync_wire::PROTOCOL_HEADER, "1")
                .send()
                .await
                .unwrap()
        }
    };
    // Park names jang's cluster in the query: the token's cluster is what counts.
    let answer: sync_wire::PullResponse =
        get(token(&park), format!("cursor=0&cluster={}", cluster.id)).await.json().await.unwrap();
    assert!(answer.changes.iter().all(|c| c.record_id != company), "nothing of another cluster is read");

    // Head office reads jang's cluster, and the national summary.
    let hq_token = {
        let answer = hq
            .sign_in(&SignInRequest {
                login: "hq".into(),
                password: PASSWORD.into(),
                cluster_id: String::new(),
                device_id: "hq-reader".into(),
                device_label: String::new(),
            })
            .await
            .unwrap();
        answer.token
    };
    let answer: sync_wire::PullResponse =
        get(hq_token.clone(), format!("cursor=0&cluster={}", cluster.id)).await.json().await.unwrap();
    assert!(answer.changes.iter().any(|c| c.record_id == company));
    let summary = reqwest::Client::new()
        .get(format!("{}/v1/head-office/summary", server.url()))
        .header("authorization", format!("Bearer {hq_token}"))
        .header(sync_wire::PROTOCOL_HEADER, "1")
        .send()
        .await
        .unwrap();
    assert_eq!(summary.status(), StatusCode::OK);
    let text = summary.text().await.unwrap();
    assert!(text.contains("남동 화장품 미니클러스터"), "{text}");
    let forbidden = reqwest::Client::new()
        .get(format!("{}/v1/head-office/summary", server.url()))
        .header("authorization", format!("Bearer {}", token(&first)))
        .header(sync_wire::PROTOCOL_HEADER, "1")
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_id_cannot_be_taken_over_reserved_or_reused_with_other_changes() {
    let (server, _cluster, first, _second) = office_with_two_laptops().await;
    neighbour(&server).await;
    let office = desk_sync::HeadOffice::new(&server.url(), None).unwrap();
    let sign_in = |login: &str, device: &str| SignInRequest {
        login: login.into(),
        password: PASSWORD.into(),
        cluster_id: String::new(),
        device_id: device.into(),
        device_label: String::new(),
    };
    // Another account cannot take jang's laptop over, nor pose as head office.
    let failure = office.sign_in(&sign_in("park", first.store.device_id())).await.expect_err("taken");
    assert_eq!(failure.code, "forbidden");
    let failure = office.sign_in(&sign_in("park", sync_wire::HEAD_OFFICE_DEVICE)).await.expect_err("reserved");
    assert_eq!((failure.code.as_str(), failure.field.as_deref()), ("invalid_field", Some("device_id")));

    // Different changes under sequence numbers already stored (a restored database).
    let before = server.count("change");
    let reused = PushRequest {
        schema_version: SCHEMA_VERSION,
        changes: vec![change(1, "member", "m-from-a-backup", "name", "\"(주)복원\"")],
    };
    let failure = first.office.clone().unwrap().push(&reused).await.expect_err("reused numbers");
    assert_eq!(failure.code, "device_reused");
    assert!(failure.message_ko.contains("백업"), "{}", failure.message_ko);
    assert_eq!(server.count("change"), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_for_another_cluster_starts_its_stream_from_the_beginning() {
    let server = HeadOfficeServer::start().await;
    let (a, b) = (server.cluster("남동"), server.cluster("반월"));
    server.manager("kim", &[&a, &b]);
    let mut laptop = Laptop::new();
    laptop.sign_in(&server, "kim", &a.id).await;
    laptop.store.write(|w| cluster::create(w, &cluster_input("남동"))).unwrap();
    laptop.sync().await;
    assert!(desk_core::sync::server_cursor(laptop.store.conn()).unwrap() > 0);
    laptop.sign_in(&server, "kim", &b.id).await;
    assert_eq!(desk_core::sync::server_cursor(laptop.store.conn()).unwrap(), 0, "cluster B's stream is read whole");
    assert_eq!(desk_core::sync::outbox::acknowledged_seq(laptop.store.conn()).unwrap(), 0);
}
