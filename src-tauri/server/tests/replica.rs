//! Head office's read replica of a cluster (issue 12, part 1): built from the change
//! stream with desk-core's own apply, it holds exactly what a laptop that synced
//! everything holds (merged minutes and conflict records included), the server keeps it
//! current as pushes arrive, and a rebuild from the stream gives the same rows, also as
//! the admin command run as a process.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{office_with_two_laptops, snapshot, HeadOfficeServer, Laptop};
use desk_core::event;
use desk_core::member;
use sync_wire::ProjectDecision;

/// Two laptops that edit concurrently (a conflict, merged minutes) and a decision of
/// head office, all synced.
async fn busy_cluster() -> (HeadOfficeServer, String, Laptop, Laptop) {
    let (server, cluster, mut first, mut second) = office_with_two_laptops().await;
    server.staff("hq");
    let company = first.add_company("(주)한빛화장품", 1);
    let meeting = first.add_meeting("12월 정기회의");
    first.store.write(|w| event::save_minutes(w, &meeting, "회의록", "")).unwrap();
    let project = {
        let cluster_id = first.cluster_id();
        let input = desk_core::project::ProjectInput {
            title: "공동 물류".into(),
            scope: Some(desk_core::project::ProjectScope::Common),
            support_type: Some(desk_core::validate::support::SupportType::NonFinancial),
            participant_ids: vec![company.clone()],
            ..Default::default()
        };
        first.store.write(|w| desk_core::project::create(w, &cluster_id, &input)).unwrap()
    };
    first.sync().await;
    second.sync().await;

    let phone = |laptop: &mut Laptop, value: &str| {
        let mut input = member::get(laptop.store.conn(), &company).unwrap().to_input();
        input.phone = value.into();
        laptop.store.write(|w| member::update(w, &company, &input)).unwrap();
    };
    phone(&mut first, "032-100-1000");
    phone(&mut second, "032-200-2000");
    first.store.write(|w| event::save_minutes(w, &meeting, "회의록\n장: 포장재 단가", "")).unwrap();
    second.store.write(|w| event::save_minutes(w, &meeting, "회의록\n김: 시제품 일정", "")).unwrap();
    let hq = server.staff_client("hq").await;
    hq.decide(&ProjectDecision {
        project_id: project,
        cluster_id: None,
        stage: Some("agreement".into()),
        approved_government_won: Some(30_000_000),
        reason: "평가 통과".into(),
        decided_on: "2026-12-01".into(),
    })
    .await
    .unwrap();
    for _ in 0..2 {
        first.sync().await;
        second.sync().await;
    }
    (server, cluster.id, first, second)
}

fn replica_rows(server: &HeadOfficeServer, cluster_id: &str) -> Vec<String> {
    server.state.replicas.read(cluster_id, snapshot).expect("replica")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_replica_holds_what_a_fully_synced_laptop_holds_and_a_rebuild_gives_the_same() {
    let (server, cluster_id, first, second) = busy_cluster().await;
    common::assert_same_rows(&first.snapshot(), &second.snapshot(), "the two laptops");

    let replica = replica_rows(&server, &cluster_id);
    common::assert_same_rows(&first.snapshot(), &replica, "a laptop and head office's replica");
    let merged = replica.iter().find(|r| r.starts_with("event|")).unwrap();
    assert!(merged.contains("장: 포장재 단가") && merged.contains("김: 시제품 일정"), "merged minutes: {merged}");
    assert!(replica.iter().any(|r| r.starts_with("sync_conflict|")), "the phone conflict is there too");
    assert!(replica.iter().any(|r| r.contains("30000000")), "head office's decision");

    let rebuilt = server.state.replicas.rebuild(&cluster_id).unwrap();
    assert!(rebuilt.applied > 20, "{rebuilt:?}");
    common::assert_same_rows(&replica, &replica_rows(&server, &cluster_id), "the replica before and after a rebuild");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_keeps_the_replica_current_as_pushes_arrive() {
    let (server, cluster, mut first, _second) = office_with_two_laptops().await;
    let cluster_id = cluster.id;
    let company = first.add_company("(주)새회원", 7);
    first.sync().await;
    // The worker catches up off the request: wait for it, reading the file as the console will.
    let path = server.state.replicas.path(&cluster_id);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.query_row("SELECT name FROM member WHERE id = ?1", [&company], |r| r.get::<_, String>(0)))
            .ok();
        if found.as_deref() == Some("(주)새회원") {
            break;
        }
        assert!(Instant::now() < deadline, "the replica never received the pushed member");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_command_rebuilds_the_replicas_from_the_stream() {
    let (server, cluster_id, first, _second) = busy_cluster().await;
    let before = replica_rows(&server, &cluster_id);
    let database = server.database();
    let folder = server.stop().await;

    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_cluster-desk-server"))
            .env("CLUSTER_DESK_SERVER_DB", &database)
            .arg("admin")
            .args(args)
            .output()
            .expect("run admin")
    };
    let output = run(&["rebuild-replicas"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(printed.contains(&cluster_id) && printed.contains("changes applied"), "{printed}");

    let help = run(&["help"]);
    assert!(String::from_utf8_lossy(&help.stderr).contains("rebuild-replicas [--cluster ID]"), "the usage names it");

    let unknown = run(&["rebuild-replicas", "--cluster", "no-such-cluster"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no cluster with the id"), "names the cluster");

    let store = desk_core::Store::open(&folder.path().join("replicas").join(format!("{cluster_id}.sqlite"))).unwrap();
    common::assert_same_rows(&before, &snapshot(&store), "the replica rebuilt by the admin command");
    common::assert_same_rows(&first.snapshot(), &snapshot(&store), "and a laptop");
}
