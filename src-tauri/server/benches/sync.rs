//! Sync benchmarks (BENCHMARKS.md, "Sync with head office"): `cargo bench -p desk-server --bench sync`.
//!
//! 1. First full sync of a cluster of 100 firms with five years of activity: the laptop
//!    that recorded it pushes everything, a new laptop pulls everything (time, bytes).
//! 2. A sync with nothing to do: requests, bytes and latency (p50, p95) over 200 runs.
//! 3. Applying remote changes: field changes per second into an empty laptop, against
//!    a raw SQLite bulk insert of the same rows (the records and their log entries,
//!    without any merge decision) measured in the same run.
//! 4. Head office with 100 and with 800 devices syncing at once: latency and errors.
//! 5. (after 1) Head office's read replica of the cluster rebuilt from the stream, against
//!    the push's time.
//!
//! Everything runs over loopback against the real server; the server has its own
//! runtime threads, the clients theirs.

mod latency;

use latency::{ms, percentile};
use std::sync::Arc;
use std::time::Instant;

use desk_core::sync::RemoteChange;
use desk_core::Store;
use desk_demo::{generate_national, NationalScale};
use desk_server::storage::NewDevice;
use desk_server::{AppState, Listen};
use desk_sync::account::{self, SignIn};
use desk_sync::HeadOffice;
use sync_wire::{FieldChange, PushRequest, Role, SCHEMA_VERSION};

const PASSWORD: &str = "benchmark password";

/// One mini-cluster of the article's size, five years of activity.
const ONE_CLUSTER: NationalScale = NationalScale {
    clusters: 1,
    companies: 100,
    people: 140,
    professors: 15,
    researchers: 5,
    agency_staff: 10,
    years: 5,
    last_year: 2025,
    events_per_cluster_year: 35,
    issues: 550,
    projects: 110,
};

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

fn main() {
    let work = tempfile::tempdir().expect("temp dir");
    let server_runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let client_runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();

    let state = AppState::open(&work.path().join("server/server.sqlite")).expect("server");
    let cluster = state.storage.create_cluster("벤치 미니클러스터", "capital").unwrap();
    state
        .storage
        .create_account("bench", "벤치 매니저", Role::Manager, &desk_server::auth::hash_password(PASSWORD))
        .unwrap();
    state.storage.bind_account("bench", &cluster.id).unwrap();
    let listener = server_runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    server_runtime.spawn(desk_server::serve(Listen { listener, tls: None }, state.clone(), std::future::pending()));

    // --- 1. First full sync -------------------------------------------------------------
    let recorder_db = work.path().join("recorder.sqlite");
    let mut recorder = Store::open(&recorder_db).unwrap();
    let started = Instant::now();
    let counts = generate_national(&mut recorder, 2026, &ONE_CLUSTER).expect("generate");
    let changes: i64 = recorder.conn().query_row("SELECT count(*) FROM change_log", [], |r| r.get(0)).unwrap();
    println!(
        "cluster: {} companies, {} people, {} events, {} issues, {} projects; {changes} logged field changes (generated in {:.1} s)",
        counts.companies,
        counts.people,
        counts.events,
        counts.issues,
        counts.projects,
        started.elapsed().as_secs_f64()
    );
    let sign_in = |store: &mut Store, db: &std::path::Path| {
        client_runtime
            .block_on(account::sign_in(
                store,
                db,
                &SignIn { server_url: &url, login: "bench", password: PASSWORD, cluster_id: "", device_label: "bench" },
            ))
            .expect("sign-in")
            .token
    };
    let token = sign_in(&mut recorder, &recorder_db);
    let office = HeadOffice::new(&url, Some(token)).unwrap();
    let folder = work.path().join("attachments-recorder");
    let started = Instant::now();
    let report = client_runtime.block_on(desk_sync::sync_once(&mut recorder, &office, &folder)).expect("push");
    let push_time = started.elapsed();
    let (requests, sent, received) = office.traffic.snapshot();
    println!(
        "first full sync, push: {} changes in {} ({:.0} changes/s), {requests} requests, {} sent, {} received",
        report.pushed,
        ms(push_time),
        report.pushed as f64 / push_time.as_secs_f64(),
        kib(sent),
        kib(received)
    );

    // Head office's replica of the cluster (issue 12): what keeping it current costs for
    // these changes, as a rebuild of it from the stream, beside the push that brought them.
    let started = Instant::now();
    let built = state.replicas.rebuild(&cluster.id).expect("replica");
    let replica_time = started.elapsed();
    println!(
        "head office's replica, rebuilt from the stream: {} changes in {} = {:.0} % of the push's time",
        built.applied,
        ms(replica_time),
        100.0 * replica_time.as_secs_f64() / push_time.as_secs_f64()
    );

    let fresh_db = work.path().join("fresh.sqlite");
    let mut fresh = Store::open(&fresh_db).unwrap();
    let token = sign_in(&mut fresh, &fresh_db);
    let office = HeadOffice::new(&url, Some(token)).unwrap();
    let folder = work.path().join("attachments-fresh");
    let started = Instant::now();
    let report = client_runtime.block_on(desk_sync::sync_once(&mut fresh, &office, &folder)).expect("pull");
    let pull_time = started.elapsed();
    let (requests, sent, received) = office.traffic.snapshot();
    println!(
        "first full sync, pull into a new laptop: {} changes in {} ({:.0} changes/s), {requests} requests, {} sent, {} received",
        report.pulled,
        ms(pull_time),
        report.pulled as f64 / pull_time.as_secs_f64(),
        kib(sent),
        kib(received)
    );

    // --- 2. A sync with nothing to do ---------------------------------------------------
    let mut latencies = Vec::new();
    let before = office.traffic.snapshot();
    for _ in 0..200 {
        let started = Instant::now();
        client_runtime.block_on(desk_sync::sync_once(&mut fresh, &office, &folder)).expect("no-op");
        latencies.push(started.elapsed());
    }
    let after = office.traffic.snapshot();
    latencies.sort();
    println!(
        "no-op sync: {:.2} requests each, {:.0} bytes sent and {:.0} received each (HTTP bodies), p50 {}, p95 {}, max {}",
        (after.0 - before.0) as f64 / 200.0,
        (after.1 - before.1) as f64 / 200.0,
        (after.2 - before.2) as f64 / 200.0,
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.95)),
        ms(*latencies.last().unwrap())
    );

    // --- 3. Applying remote changes -----------------------------------------------------
    let incoming: Vec<RemoteChange> = {
        let mut stmt = recorder
            .conn()
            .prepare(
                "SELECT seq, device_id, hlc, action_id, table_name, record_id, field, old_value, new_value
                 FROM change_log ORDER BY seq",
            )
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok(RemoteChange {
                    server_seq: r.get(0)?,
                    device_id: r.get(1)?,
                    hlc: r.get(2)?,
                    action_id: r.get(3)?,
                    table: r.get(4)?,
                    record_id: r.get(5)?,
                    field: r.get(6)?,
                    old_value: r.get(7)?,
                    new_value: r.get(8)?,
                })
            })
            .unwrap();
        rows.map(Result::unwrap).collect()
    };
    let apply_db = work.path().join("apply.sqlite");
    let mut target = Store::open(&apply_db).unwrap();
    // Pages as the server cuts them: 1,000 changes, then to the end of the last action.
    let mut pages: Vec<&[RemoteChange]> = Vec::new();
    let mut start = 0;
    while start < incoming.len() {
        let mut end = (start + 1000).min(incoming.len());
        while end < incoming.len() && incoming[end].action_id == incoming[end - 1].action_id {
            end += 1;
        }
        pages.push(&incoming[start..end]);
        start = end;
    }
    let started = Instant::now();
    for (i, page) in pages.iter().enumerate() {
        desk_core::sync::apply_page(&mut target, page, i as i64 + 1).expect("apply");
    }
    let apply_time = started.elapsed();
    let apply_rate = incoming.len() as f64 / apply_time.as_secs_f64();

    // The baseline: the same records and log rows, inserted with no decisions at all.
    let raw_db = work.path().join("raw.sqlite");
    let raw_rate = raw_insert_rate(&recorder, &raw_db, &incoming);
    println!(
        "apply: {} field changes in {} = {:.0} changes/s; raw bulk insert of the same rows {:.0} changes/s; ratio {:.2}",
        incoming.len(),
        ms(apply_time),
        apply_rate,
        raw_rate,
        apply_rate / raw_rate
    );

    // --- 4. Many devices at once --------------------------------------------------------
    for devices in [100usize, 800] {
        concurrent(&state, &url, &client_runtime, devices);
    }
}

/// Changes per second of a plain bulk insert of what `apply` writes: each record's final
/// row (read from the recorder, so the same columns and values) and one log row per
/// change, in transactions of 1,000 changes, with prepared statements.
fn raw_insert_rate(recorder: &Store, path: &std::path::Path, incoming: &[RemoteChange]) -> f64 {
    let mut raw = Store::open(path).unwrap(); // the same schema and indexes
    let conn = recorder.conn();
    let mut rows: Vec<(String, String, Vec<rusqlite::types::Value>, Vec<String>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for change in incoming {
        if seen.insert((change.table.clone(), change.record_id.clone())) {
            let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {} WHERE id = ?1", change.table)).unwrap();
            let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
            let values = stmt
                .query_row([&change.record_id], |r| (0..names.len()).map(|i| r.get(i)).collect::<Result<Vec<_>, _>>())
                .unwrap_or_default();
            if !values.is_empty() {
                rows.push((change.table.clone(), change.record_id.clone(), values, names));
            }
        }
    }
    let started = Instant::now();
    raw.conn().pragma_update(None, "foreign_keys", "OFF").unwrap();
    let per_page = incoming.len().div_ceil(1000).max(1);
    let rows_per_page = rows.len().div_ceil(per_page).max(1);
    let mut row_chunks = rows.chunks(rows_per_page);
    for page in incoming.chunks(1000) {
        let rows_now = row_chunks.next().unwrap_or(&[]);
        raw.write_unlogged(|w| {
            let tx = w.tx();
            for (table, _, values, names) in rows_now {
                let placeholders = (1..=names.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
                let sql = format!("INSERT OR REPLACE INTO {table} ({}) VALUES ({placeholders})", names.join(", "));
                tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values.iter()))?;
            }
            let mut log = tx.prepare_cached(
                "INSERT INTO change_log (hlc, device_id, action_id, table_name, record_id, field, old_value, new_value)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for c in page {
                log.execute(rusqlite::params![
                    c.hlc,
                    c.device_id,
                    c.action_id,
                    c.table,
                    c.record_id,
                    c.field,
                    c.old_value,
                    c.new_value
                ])?;
            }
            Ok(())
        })
        .unwrap();
    }
    incoming.len() as f64 / started.elapsed().as_secs_f64()
}

/// `devices` laptops in 100 clusters (up to 8 each) each push ten changes and pull what
/// the others of their cluster pushed, all starting at the same moment.
fn concurrent(state: &AppState, url: &str, runtime: &tokio::runtime::Runtime, devices: usize) {
    let storage = state.storage.clone();
    let clusters: Vec<String> = (0..100)
        .map(|i| storage.create_cluster(&format!("부하 클러스터 {devices}-{i}"), "dongnam").unwrap().id)
        .collect();
    let account = storage
        .create_account(&format!("load{devices}"), "부하", Role::Manager, &desk_server::auth::hash_password(PASSWORD))
        .unwrap();
    // Tokens are checked against the account's clusters on every request.
    for cluster in &clusters {
        storage.bind_account(&format!("load{devices}"), cluster).unwrap();
    }
    let mut offices = Vec::new();
    for d in 0..devices {
        // Tokens issued directly: what is measured is syncing, not 800 password checks.
        let token = format!("cdt_load_{devices}_{d}");
        let device_id = format!("load-{devices}-{d}");
        let cluster_id = &clusters[d % clusters.len()];
        storage
            .save_device(&NewDevice {
                id: &device_id,
                account_id: &account,
                cluster_id: Some(cluster_id),
                label: "load",
                token_hash: &desk_server::auth::token_hash(&token),
            })
            .unwrap();
        offices.push((HeadOffice::new(url, Some(token)).unwrap(), device_id, cluster_id.clone()));
    }
    let barrier = Arc::new(tokio::sync::Barrier::new(devices));
    let started = Instant::now();
    let results = runtime.block_on(async {
        let mut tasks = Vec::new();
        for (office, device, cluster) in offices {
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                let mut times = Vec::new();
                let mut errors = 0;
                let member = format!("{device}-member");
                let mut changes = vec![FieldChange {
                    client_seq: 1,
                    hlc: format!("{:012x}-000000-{:016x}", 1_790_000_000_000u64, 7),
                    action_id: format!("{device}-a"),
                    table: "member".into(),
                    record_id: member.clone(),
                    field: "cluster_id".into(),
                    old_value: None,
                    new_value: Some(format!("\"{cluster}-record\"")),
                }];
                // The cluster record is this cluster's own: create it first from every
                // device (the same id; the first one owns it for the cluster).
                changes.insert(
                    0,
                    FieldChange {
                        client_seq: 0,
                        hlc: format!("{:012x}-000000-{:016x}", 1_789_999_999_000u64, 7),
                        action_id: format!("{device}-c"),
                        table: "cluster".into(),
                        record_id: format!("{cluster}-record"),
                        field: "name".into(),
                        old_value: None,
                        new_value: Some("\"부하 시험\"".into()),
                    },
                );
                for (i, field) in ["name", "ceo_name", "address", "industry", "phone", "email", "notes", "products"]
                    .iter()
                    .enumerate()
                {
                    changes.push(FieldChange {
                        client_seq: 2 + i as i64,
                        hlc: format!("{:012x}-{:06x}-{:016x}", 1_790_000_000_000u64, i + 1, 7),
                        action_id: format!("{device}-a"),
                        table: "member".into(),
                        record_id: member.clone(),
                        field: field.to_string(),
                        old_value: None,
                        new_value: Some(format!("\"{device} {field}\"")),
                    });
                }
                let push = PushRequest { schema_version: SCHEMA_VERSION, changes };
                let t = Instant::now();
                match office.push(&push).await {
                    Ok(_) => times.push(t.elapsed()),
                    Err(_) => errors += 1,
                }
                let mut cursor = 0;
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
                        Err(_) => {
                            errors += 1;
                            break;
                        }
                    }
                }
                (times, errors)
            }));
        }
        let mut all = Vec::new();
        let mut errors = 0;
        for task in tasks {
            let (times, e) = task.await.unwrap();
            all.extend(times);
            errors += e;
        }
        (all, errors)
    });
    let wall = started.elapsed();
    let (mut times, errors) = results;
    times.sort();
    latency::print_requests(&format!("{devices} devices at once"), &times, errors, wall);
}
