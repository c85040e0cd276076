//! Load under attack (BENCHMARKS.md, "Head office under attack"):
//! `cargo bench -p desk-server --bench load`.
//!
//! The server binary runs as its own process on a fresh database. 100 honest laptops (50
//! clusters, two laptops each, the desk-sync client) each sync twenty times: push a page of
//! ten changes, then pull until nothing is left, a random pause between rounds. They do
//! it twice: once on a calm server, once while
//! - 200 slow clients hold connections: 150 send a request's headers one byte a second
//!   (reconnecting when dropped), 50 send a push's body ten bytes a second with a valid
//!   token;
//! - a sign-in flood of 32 workers from 200 addresses (127.0.0.2–201) tries random logins
//!   and wrong passwords as fast as the server answers.
//!
//! It prints each request's latency (p50, p95, p99, max), the honest laptops' errors, what
//! the attackers got, and the server process's peak memory. Linux only (it binds source
//! addresses on 127.0.0.0/8 and reads /proc).
//!
//! `LOAD_ATTACK=slow` or `=flood` runs one attack alone; `LOAD_SERVER_ENV=NAME=value`
//! gives the server process one more environment variable (an allocator setting, say).

mod latency;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::{IpAddr, Ipv4Addr};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use desk_server::storage::NewDevice;
use desk_server::AppState;
use desk_sync::HeadOffice;
use sync_wire::hlc::wall_millis;
use sync_wire::{FieldChange, PushRequest, Role, SCHEMA_VERSION};
use tokio::io::AsyncWriteExt;

const LAPTOPS: usize = 100;
const CLUSTERS: usize = 50;
const ROUNDS: usize = 20;
const SLOW_HEADERS: usize = 150;
const SLOW_BODIES: usize = 50;
const FLOOD_WORKERS: usize = 32;

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server's peak resident memory so far (VmHWM), in MiB.
fn peak_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Accounts, clusters and device tokens straight into the database (what is measured is
/// syncing, not 100 sign-ins), then the server process on it.
fn start(dir: &std::path::Path) -> (Server, Vec<(String, String, String)>, String) {
    let database = dir.join("server.sqlite");
    let state = AppState::open(&database).expect("server database");
    let storage = state.storage.clone();
    let clusters: Vec<String> =
        (0..CLUSTERS).map(|i| storage.create_cluster(&format!("부하 {i}"), "dongnam").unwrap().id).collect();
    let account = storage
        .create_account("load", "부하", Role::Manager, &desk_server::auth::hash_password("load password"))
        .unwrap();
    for cluster in &clusters {
        storage.bind_account("load", cluster).unwrap();
    }
    let mut laptops = Vec::new();
    for d in 0..=LAPTOPS {
        let token = format!("cdt_load_{d}_{}", "x".repeat(20));
        let device_id = format!("load-{d}");
        let cluster = clusters[d % CLUSTERS].clone();
        storage
            .save_device(&NewDevice {
                id: &device_id,
                account_id: &account,
                cluster_id: Some(&cluster),
                label: "load",
                token_hash: &desk_server::auth::token_hash(&token),
            })
            .unwrap();
        laptops.push((token, device_id, cluster));
    }
    drop(state);
    let mut child = Command::new(env!("CARGO_BIN_EXE_cluster-desk-server"))
        .args(["serve", "--listen", "127.0.0.1:0", "--database"])
        .arg(&database)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .envs(
            std::env::var("LOAD_SERVER_ENV")
                .ok()
                .and_then(|v| v.split_once('=').map(|(k, v)| (k.to_string(), v.to_string()))),
        )
        .spawn()
        .expect("start the server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("listening line");
    let url = line.trim().strip_prefix("listening on ").expect("listening on …").to_string();
    // The last laptop's token is the rogue one the slow bodies use.
    let (rogue, _, _) = laptops.pop().expect("one more");
    (Server { child, url }, laptops, rogue)
}

/// One honest laptop: twenty rounds of push-then-pull. Returns every request's latency and
/// the number of failed requests.
async fn honest(
    url: String,
    token: String,
    device: String,
    cluster: String,
    seed: u64,
    phase: usize,
) -> (Vec<Duration>, u32) {
    let office = HeadOffice::new(&url, Some(token)).expect("client");
    let (mut times, mut errors) = (Vec::new(), 0);
    // Each phase goes on from the sequence numbers and records the last one left off.
    let mut seq = (phase * 1_000) as i64;
    let mut cursor = 0;
    let mut rng = seed;
    for round in 0..ROUNDS {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        tokio::time::sleep(Duration::from_millis(100 + (rng >> 33) % 500)).await;
        let member = format!("{device}-p{phase}-m{round}");
        let now = wall_millis();
        let mut change = |table: &str, record: &str, field: &str, value: String| {
            seq += 1;
            FieldChange {
                client_seq: seq,
                hlc: format!("{now:012x}-{seq:06x}-{:016x}", seed + 1),
                action_id: format!("{device}-p{phase}-a{round}"),
                table: table.into(),
                record_id: record.into(),
                field: field.into(),
                old_value: None,
                new_value: Some(value),
            }
        };
        let mut changes = vec![
            change("cluster", &format!("{cluster}-record"), "name", "\"부하 시험\"".into()),
            change("member", &member, "cluster_id", format!("\"{cluster}-record\"")),
        ];
        for field in ["name", "ceo_name", "address", "industry", "phone", "email", "notes", "products"] {
            changes.push(change("member", &member, field, format!("\"{device} {field} {round}\"")));
        }
        let t = Instant::now();
        match office.push(&PushRequest { schema_version: SCHEMA_VERSION, changes }).await {
            Ok(_) => times.push(t.elapsed()),
            Err(e) => {
                errors += 1;
                eprintln!("push failed: {e}");
            }
        }
        loop {
            let t = Instant::now();
            match office.pull(cursor).await {
                Ok(page) => {
                    times.push(t.elapsed());
                    cursor = page.cursor;
                    if !page.more {
                        break;
                    }
                }
                Err(e) => {
                    errors += 1;
                    eprintln!("pull failed: {e}");
                    break;
                }
            }
        }
    }
    (times, errors)
}

async fn honest_laptops(
    url: &str,
    laptops: &[(String, String, String)],
    phase: usize,
) -> (Vec<Duration>, u32, Duration) {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, (token, device, cluster)) in laptops.iter().enumerate() {
        tasks.push(tokio::spawn(honest(
            url.to_string(),
            token.clone(),
            device.clone(),
            cluster.clone(),
            i as u64,
            phase,
        )));
    }
    let (mut all, mut errors) = (Vec::new(), 0);
    for task in tasks {
        let (times, e) = task.await.expect("laptop task");
        all.extend(times);
        errors += e;
    }
    all.sort();
    (all, errors, started.elapsed())
}

/// What the attackers got.
#[derive(Default)]
struct Tally {
    slow_connections: AtomicU64,
    slow_dropped: AtomicU64,
    sign_ins: Mutex<BTreeMap<u16, u64>>,
}

/// Headers one byte a second; when the server drops the connection, a new one.
async fn slow_headers(address: String, stop: Arc<AtomicBool>, tally: Arc<Tally>) {
    let request = b"POST /v1/push HTTP/1.1\r\nHost: head-office\r\nX-Padding: ".repeat(8);
    while !stop.load(Ordering::Relaxed) {
        let Ok(mut stream) = tokio::net::TcpStream::connect(&address).await else {
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        };
        tally.slow_connections.fetch_add(1, Ordering::Relaxed);
        for byte in &request {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            if stream.write_all(&[*byte]).await.is_err() {
                tally.slow_dropped.fetch_add(1, Ordering::Relaxed);
                break;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}

/// A push's headers with a valid token, then its body ten bytes a second.
async fn slow_body(address: String, token: String, stop: Arc<AtomicBool>, tally: Arc<Tally>) {
    while !stop.load(Ordering::Relaxed) {
        let Ok(mut stream) = tokio::net::TcpStream::connect(&address).await else {
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        };
        tally.slow_connections.fetch_add(1, Ordering::Relaxed);
        let head = format!(
            "POST /v1/push HTTP/1.1\r\nHost: head-office\r\nAuthorization: Bearer {token}\r\n\
             X-Cluster-Desk-Protocol: 1\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n"
        );
        if stream.write_all(head.as_bytes()).await.is_err() {
            continue;
        }
        loop {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            if stream.write_all(b"{\"changes\"").await.is_err() {
                tally.slow_dropped.fetch_add(1, Ordering::Relaxed);
                break;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}

/// Random logins, wrong passwords, from one of 200 addresses, as fast as answered.
async fn flood(url: String, worker: usize, stop: Arc<AtomicBool>, tally: Arc<Tally>) {
    let clients: Vec<reqwest::Client> = (0..200 / FLOOD_WORKERS + 1)
        .map(|k| {
            let octet = 2 + ((worker * (200 / FLOOD_WORKERS + 1) + k) % 200) as u8;
            reqwest::Client::builder()
                .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, octet)))
                .timeout(Duration::from_secs(30))
                .build()
                .expect("client")
        })
        .collect();
    let mut n = 0usize;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let client = &clients[n % clients.len()];
        let body = serde_json::json!({
            "login": format!("guess{worker}-{n}"),
            "password": "hunter2",
            "cluster_id": "",
            "device_id": format!("flood-{worker}-{n}"),
            "device_label": "",
        });
        let status = match client
            .post(format!("{url}/v1/session"))
            .header("x-cluster-desk-protocol", "1")
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
        {
            Ok(answer) => answer.status().as_u16(),
            Err(_) => 0,
        };
        *tally.sign_ins.lock().unwrap_or_else(|p| p.into_inner()).entry(status).or_default() += 1;
    }
}

fn main() {
    let work = tempfile::tempdir().expect("temp dir");
    let (server, laptops, rogue) = start(work.path());
    let address = server.url.trim_start_matches("http://").to_string();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();

    let (calm, calm_errors, calm_wall) = runtime.block_on(honest_laptops(&server.url, &laptops, 0));
    latency::print_requests("calm: 100 laptops x 20 syncs", &calm, calm_errors, calm_wall);
    println!("server process peak memory when calm: {:.0} MiB", peak_mib(server.child.id()));

    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Tally::default());
    let (attacked, errors, wall) = runtime.block_on(async {
        let only = std::env::var("LOAD_ATTACK").unwrap_or_default();
        let (slow, flooding) = (only != "flood", only != "slow");
        for _ in 0..if slow { SLOW_HEADERS } else { 0 } {
            tokio::spawn(slow_headers(address.clone(), stop.clone(), tally.clone()));
        }
        for _ in 0..if slow { SLOW_BODIES } else { 0 } {
            tokio::spawn(slow_body(address.clone(), rogue.clone(), stop.clone(), tally.clone()));
        }
        for worker in 0..if flooding { FLOOD_WORKERS } else { 0 } {
            tokio::spawn(flood(server.url.clone(), worker, stop.clone(), tally.clone()));
        }
        // Let the attack settle in: every slow client connected, the brake warmed up.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let measured = honest_laptops(&server.url, &laptops, 1).await;
        stop.store(true, Ordering::Relaxed);
        measured
    });
    latency::print_requests("under attack: 100 laptops x 20 syncs", &attacked, errors, wall);
    let sign_ins = tally.sign_ins.lock().unwrap_or_else(|p| p.into_inner());
    let total: u64 = sign_ins.values().sum();
    let by_status: Vec<String> = sign_ins.iter().map(|(status, n)| format!("{status}: {n}")).collect();
    println!(
        "attackers: {} slow connections opened ({} dropped by the server), {total} sign-in attempts ({})",
        tally.slow_connections.load(Ordering::Relaxed),
        tally.slow_dropped.load(Ordering::Relaxed),
        by_status.join(", ")
    );
    println!("server process peak memory: {:.0} MiB", peak_mib(server.child.id()));
    runtime.shutdown_timeout(Duration::from_secs(1));
}
