//! Faults: the server process killed (SIGKILL) and the client dropped at random points
//! of push and pull, connections cut in the middle of a body, and laptop clocks days off.
//! After each, the next sync completes with nothing lost and nothing stored twice.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{assert_same_rows, cluster_input, Laptop, PASSWORD};
use desk_core::{cluster, member};
use desk_server::storage::{SqliteStorage, Storage};
use desk_sync::HeadOffice;
use sync_wire::Role;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The real server binary, started on a free loopback port.
struct ServerProcess {
    child: Child,
    url: String,
}

impl ServerProcess {
    fn start(database: &Path) -> ServerProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cluster-desk-server"))
            .args(["serve", "--listen", "127.0.0.1:0", "--database"])
            .arg(database)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("the listening line");
        let url = line.trim().strip_prefix("listening on ").expect("listening on …").to_string();
        ServerProcess { child, url }
    }

    fn kill(mut self) {
        let _ = self.child.kill(); // SIGKILL: no graceful anything
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn prepare_server_database(path: &Path) -> String {
    let storage = SqliteStorage::open(path).expect("server database");
    let cluster = storage.create_cluster("남동 화장품 미니클러스터", "capital").expect("cluster");
    let hash = desk_server::auth::hash_password(PASSWORD);
    storage.create_account("jang", "장매니저", Role::Manager, &hash).expect("account");
    storage.bind_account("jang", &cluster.id).expect("bind");
    cluster.id
}

/// A laptop with a backlog of `companies` new companies (about ten fields each).
fn laptop_with_backlog(companies: u32) -> Laptop {
    let mut laptop = Laptop::new();
    laptop.store.write(|w| cluster::create(w, &cluster_input("남동 화장품 미니클러스터"))).unwrap();
    for n in 0..companies {
        laptop.add_company(&format!("(주)시험기업{n:04}"), n + 10);
    }
    laptop
}

fn server_changes_of(database: &Path, device: &str) -> (i64, i64) {
    let conn = rusqlite::Connection::open(database).unwrap();
    conn.query_row("SELECT count(*), count(DISTINCT client_seq) FROM change WHERE device_id = ?1", [device], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .unwrap()
}

/// A tiny deterministic random source (the test must fail the same way twice).
struct Dice(u64);
impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_server_or_the_client_mid_sync_loses_and_repeats_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("server.sqlite");
    prepare_server_database(&database);
    let mut laptop = laptop_with_backlog(800);
    let mut dice = Dice(20261126);

    let mut server = ServerProcess::start(&database);
    laptop.sign_in_url(&server.url, "jang").await;
    let mut interruptions = 0;
    let mut finished = false;
    for attempt in 0..40 {
        let office = laptop.office.clone().unwrap();
        let folder = laptop.attachments();
        let delay = Duration::from_millis(2 + dice.below(40));
        let kill_server = attempt % 2 == 0;
        let outcome = tokio::time::timeout(delay, desk_sync::sync_once(&mut laptop.store, &office, &folder)).await;
        match outcome {
            Ok(Ok(_)) => {
                finished = true;
                break;
            }
            Ok(Err(failure)) => panic!("a sync failed for another reason than the kill: {failure:?}"),
            Err(_) => {
                // The client was dropped mid-sync (its future cancelled at an await).
                interruptions += 1;
                if kill_server {
                    server.kill();
                    server = ServerProcess::start(&database);
                    let token = office_token(&laptop);
                    laptop.office = Some(HeadOffice::new(&server.url, Some(token)).unwrap());
                }
            }
        }
    }
    if !finished {
        laptop.sync().await;
    }
    assert!(interruptions >= 3, "the test must really interrupt syncs ({interruptions})");
    let own: i64 =
        laptop.count(&format!("SELECT count(*) FROM change_log WHERE device_id = '{}'", laptop.store.device_id()));
    let (stored, distinct) = server_changes_of(&database, laptop.store.device_id());
    assert_eq!((stored, distinct), (own, own), "every change once, none lost, none twice");
    assert_eq!(desk_core::sync::pending_changes(laptop.store.conn()).unwrap(), 0);

    // A fresh laptop pulls the same data, through the same restarts.
    let mut other = Laptop::new();
    other.sign_in_url(&server.url, "jang").await;
    for _ in 0..3 {
        let office = other.office.clone().unwrap();
        let folder = other.attachments();
        let _ = tokio::time::timeout(
            Duration::from_millis(30 + dice.below(60)),
            desk_sync::sync_once(&mut other.store, &office, &folder),
        )
        .await;
    }
    other.sync().await;
    assert_same_rows(&laptop.snapshot(), &other.snapshot(), "after interrupted pulls");
    server.kill();
}

fn office_token(laptop: &Laptop) -> String {
    desk_sync::token::load(&desk_sync::token::token_path(&laptop.database())).expect("token")
}

/// Copies at most `limit` bytes from `from` to `to`, then stops.
async fn copy_at_most(
    from: &mut (impl tokio::io::AsyncRead + Unpin),
    to: &mut (impl tokio::io::AsyncWrite + Unpin),
    limit: usize,
) {
    let mut sent = 0;
    let mut buffer = vec![0u8; 8192];
    while sent < limit {
        let n = match from.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n.min(limit - sent),
        };
        if to.write_all(&buffer[..n]).await.is_err() {
            return;
        }
        sent += n;
    }
}

/// Forwards connections to `target`, cutting each one once `cut_after` bytes went either
/// way: a request or an answer stops in the middle of its body.
async fn cutting_proxy(target: std::net::SocketAddr, cut_after: usize) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            tokio::spawn(async move {
                let Ok(mut server) = tokio::net::TcpStream::connect(target).await else { return };
                let (mut client_read, mut client_write) = client.split();
                let (mut server_read, mut server_write) = server.split();
                tokio::select! {
                    () = copy_at_most(&mut client_read, &mut server_write, cut_after) => {}
                    () = copy_at_most(&mut server_read, &mut client_write, cut_after) => {}
                }
                // Both halves drop here: the connection ends mid-message.
            });
        }
    });
    address
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_cut_mid_answer_is_retried_without_duplicates() {
    let (server, _cluster, mut first, mut second) = common::office_with_two_laptops().await;
    for n in 0..150 {
        first.add_company(&format!("(주)끊김시험{n:03}"), 500 + n);
    }
    let token = office_token(&first);
    for cut_after in [40usize, 300, 2_000] {
        let proxy = cutting_proxy(server.address, cut_after).await;
        let office = HeadOffice::new(&format!("http://{proxy}"), Some(token.clone())).unwrap();
        let folder = first.attachments();
        let failure = desk_sync::sync_once(&mut first.store, &office, &folder).await.expect_err("cut");
        assert!(failure.is_temporary(), "a cut connection is worth retrying: {failure:?}");
    }
    first.sync().await;
    let second_token = office_token(&second);
    let proxy = cutting_proxy(server.address, 5_000).await;
    let office = HeadOffice::new(&format!("http://{proxy}"), Some(second_token)).unwrap();
    let folder = second.attachments();
    assert!(desk_sync::sync_once(&mut second.store, &office, &folder).await.is_err(), "the pull is cut mid-body");
    second.sync().await;
    assert_same_rows(&first.snapshot(), &second.snapshot(), "after cut connections");
    let (stored, distinct) = server_changes_of(&server.dir.path().join("server.sqlite"), first.store.device_id());
    assert_eq!(stored, distinct);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn laptops_two_days_fast_and_slow_still_order_edits_by_what_they_saw() {
    const TWO_DAYS: i64 = 2 * 24 * 3600 * 1000;
    let (_server, _cluster, mut fast, mut slow) = common::office_with_two_laptops().await;
    fast.store.set_clock_offset(TWO_DAYS);
    slow.store.set_clock_offset(-TWO_DAYS);
    let id = fast.add_company("(주)시계", 900);
    let mut input = common::company("(주)시계", 900);
    input.phone = "032-000-0001".into();
    fast.store.write(|w| member::update(w, &id, &input)).unwrap();
    fast.sync().await;
    slow.sync().await;

    // Four days behind by its wall clock, the slow laptop edits after seeing the fast one's
    // edit: its edit must win everywhere, and it is no conflict.
    input.phone = "032-000-0002".into();
    slow.store.write(|w| member::update(w, &id, &input)).unwrap();
    slow.sync().await;
    fast.sync().await;
    assert_eq!(member::get(fast.store.conn(), &id).unwrap().phone, "032-000-0002");
    assert!(desk_core::sync::conflict::open(fast.store.conn()).unwrap().is_empty());

    // Concurrent edits across the skew are still caught.
    input.phone = "032-000-0003".into();
    fast.store.write(|w| member::update(w, &id, &input)).unwrap();
    input.phone = "032-000-0004".into();
    slow.store.write(|w| member::update(w, &id, &input)).unwrap();
    fast.sync().await;
    slow.sync().await;
    fast.sync().await;
    assert_same_rows(&fast.snapshot(), &slow.snapshot(), "after skewed edits");
    let open = desk_core::sync::conflict::open(slow.store.conn()).unwrap();
    assert_eq!(open.len(), 1, "{open:?}");
}
