//! The convergence property: random edits on three laptops (clocks two days fast, right,
//! and two days slow) and head office's decisions, with random partial syncs, end with
//! every replica identical once all have synced, and every value that was overwritten by
//! an edit that had not seen it is still there, in a conflict record.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{company, HeadOfficeServer, Laptop};
use desk_core::member;
use desk_core::project::{self, ProjectInput, ProjectScope};
use desk_core::validate::support::{Amounts, SupportType};
use desk_sync::engine;
use proptest::prelude::*;
use sync_wire::ProjectDecision;

const TWO_DAYS: i64 = 2 * 24 * 3600 * 1000;
const MEMBERS: usize = 3;
const FIELDS: [&str; 3] = ["phone", "notes", "employees"];

#[derive(Debug, Clone)]
enum Op {
    Edit { laptop: usize, member: usize, field: usize },
    Delete { laptop: usize, member: usize },
    Push { laptop: usize },
    Pull { laptop: usize },
    Sync { laptop: usize },
    Decide { approve: bool },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..3usize, 0..MEMBERS, 0..FIELDS.len()).prop_map(|(laptop, member, field)| Op::Edit { laptop, member, field }),
        1 => (0..3usize, 0..MEMBERS).prop_map(|(laptop, member)| Op::Delete { laptop, member }),
        2 => (0..3usize).prop_map(|laptop| Op::Push { laptop }),
        2 => (0..3usize).prop_map(|laptop| Op::Pull { laptop }),
        3 => (0..3usize).prop_map(|laptop| Op::Sync { laptop }),
        1 => any::<bool>().prop_map(|approve| Op::Decide { approve }),
    ]
}

/// One value written, and the values of that field its writer had seen (its log).
struct Written {
    record: String,
    field: &'static str,
    value: String,
    known_by_writer: BTreeSet<String>,
}

fn logged_values(laptop: &Laptop, record: &str, field: &str) -> BTreeSet<String> {
    let mut stmt = laptop
        .store
        .conn()
        .prepare("SELECT new_value FROM change_log WHERE record_id = ?1 AND field = ?2 AND new_value IS NOT NULL")
        .unwrap();
    let rows = stmt.query_map([record, field], |r| r.get::<_, String>(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

async fn run(ops: Vec<Op>) {
    let server = HeadOfficeServer::start().await;
    let cluster = server.cluster("남동 화장품 미니클러스터");
    server.manager("jang", &[&cluster]);
    server.staff("hq");
    let hq = server.staff_client("hq").await;

    let mut laptops = vec![Laptop::new(), Laptop::new(), Laptop::new()];
    laptops[0].store.set_clock_offset(TWO_DAYS);
    laptops[2].store.set_clock_offset(-TWO_DAYS);
    laptops[0]
        .store
        .write(|w| desk_core::cluster::create(w, &common::cluster_input("남동 화장품 미니클러스터")))
        .unwrap();
    let members: Vec<String> =
        (0..MEMBERS).map(|i| laptops[0].add_company(&format!("회사{i}"), i as u32 + 1)).collect();
    let cluster_id = laptops[0].cluster_id();
    let project_input = ProjectInput {
        title: "공동 물류".into(),
        scope: Some(ProjectScope::Common),
        support_type: Some(SupportType::NonFinancial),
        participant_ids: members.clone(),
        amounts: Amounts::default(),
        ..Default::default()
    };
    let project_id = laptops[0].store.write(|w| project::create(w, &cluster_id, &project_input)).unwrap();
    for laptop in &mut laptops {
        laptop.sign_in(&server, "jang", "").await;
        laptop.sync().await;
    }

    let mut written: Vec<Written> = Vec::new();
    let mut deletions: Vec<(String, BTreeMap<&'static str, BTreeSet<String>>)> = Vec::new();
    for (n, op) in ops.into_iter().enumerate() {
        match op {
            Op::Edit { laptop, member, field } => {
                let l = &mut laptops[laptop];
                let id = &members[member];
                let Ok(current) = member::get(l.store.conn(), id) else { continue }; // deleted here
                let mut input = company(&current.name, member as u32 + 1);
                input.phone = current.phone.clone();
                input.notes = current.notes.clone();
                input.employees = current.employees;
                let field = FIELDS[field];
                let value = match field {
                    "phone" => {
                        input.phone = format!("032-{n:03}-{laptop}000");
                        serde_json::to_string(&input.phone).unwrap()
                    }
                    "notes" => {
                        input.notes = format!("{laptop}번 노트북의 {n}번째 메모");
                        serde_json::to_string(&input.notes).unwrap()
                    }
                    _ => {
                        input.employees = Some(1000 + n as i64);
                        (1000 + n).to_string()
                    }
                };
                let known_by_writer = logged_values(l, id, field);
                l.store.write(|w| member::update(w, id, &input)).unwrap();
                written.push(Written { record: id.clone(), field, value, known_by_writer });
            }
            Op::Delete { laptop, member } => {
                let l = &mut laptops[laptop];
                let id = &members[member];
                if member::get(l.store.conn(), id).is_err() {
                    continue;
                }
                let known = FIELDS.iter().map(|f| (*f, logged_values(l, id, f))).collect();
                l.store.write(|w| member::delete(w, id)).unwrap();
                deletions.push((id.clone(), known));
            }
            Op::Push { laptop } => {
                let l = &mut laptops[laptop];
                let office = l.office.clone().unwrap();
                engine::push_all(&mut l.store, &office, &mut Default::default()).await.unwrap();
            }
            Op::Pull { laptop } => {
                let l = &mut laptops[laptop];
                let office = l.office.clone().unwrap();
                engine::pull_all(&mut l.store, &office, &mut Default::default()).await.unwrap();
            }
            Op::Sync { laptop } => {
                laptops[laptop].sync().await;
            }
            Op::Decide { approve } => {
                let decision = ProjectDecision {
                    project_id: project_id.clone(),
                    cluster_id: None,
                    stage: Some(if approve { "agreement" } else { "evaluation" }.into()),
                    approved_government_won: approve.then_some(10_000_000 + n as i64),
                    reason: format!("결정 {n}"),
                    decided_on: "2026-12-01".into(),
                };
                hq.decide(&decision).await.unwrap();
            }
        }
    }

    // Everyone syncs until nothing moves: conflict records found late travel too.
    for round in 0.. {
        let mut moved = 0;
        for laptop in &mut laptops {
            let report = laptop.sync().await;
            moved += report.pushed + report.pulled;
        }
        if moved == 0 {
            break;
        }
        assert!(round < 6, "sync must settle in a few rounds");
    }
    let reference = laptops[0].snapshot();
    for (i, laptop) in laptops.iter().enumerate().skip(1) {
        common::assert_same_rows(&reference, &laptop.snapshot(), &format!("laptop 0 against laptop {i}"));
    }

    // Nothing typed was silently lost.
    let conflict_values: BTreeSet<(String, String, String)> = {
        let mut stmt = laptops[0]
            .store
            .conn()
            .prepare("SELECT record_id, field, kept_value, lost_value FROM sync_conflict")
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })
            .unwrap();
        let mut set = BTreeSet::new();
        for row in rows {
            let (record, field, kept, lost) = row.unwrap();
            for v in [kept, lost].into_iter().flatten() {
                set.insert((record.clone(), field.clone(), v));
            }
        }
        set
    };
    let final_value = |record: &str, field: &str| -> Option<String> {
        laptops[0]
            .store
            .conn()
            .query_row(&format!("SELECT json_quote({field}) FROM member WHERE id = ?1"), [record], |r| r.get(0))
            .ok()
    };
    for w in &written {
        let superseded_knowingly = written.iter().any(|other| {
            other.record == w.record && other.field == w.field && other.known_by_writer.contains(&w.value)
        });
        if superseded_knowingly || final_value(&w.record, w.field).as_deref() == Some(w.value.as_str()) {
            continue;
        }
        assert!(
            conflict_values.contains(&(w.record.clone(), w.field.to_string(), w.value.clone())),
            "{} of {} = {} was overwritten without being seen and is in no conflict record",
            w.field,
            w.record,
            w.value
        );
    }
    for (record, known) in &deletions {
        for w in written.iter().filter(|w| &w.record == record) {
            let seen = known.get(w.field).is_some_and(|k| k.contains(&w.value));
            let superseded = written
                .iter()
                .any(|o| o.record == w.record && o.field == w.field && o.known_by_writer.contains(&w.value));
            if seen || superseded {
                continue;
            }
            assert!(
                conflict_values.contains(&(w.record.clone(), w.field.to_string(), w.value.clone())),
                "an edit ({} = {}) met a deletion that had not seen it and was not kept",
                w.field,
                w.value
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_and_keep_every_concurrent_value(ops in proptest::collection::vec(op(), 5..30)) {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(run(ops));
    }
}
