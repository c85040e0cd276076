//! The convergence property: random edits on three laptops (clocks two days fast, right,
//! and two days slow) and head office's decisions, with random partial syncs, end with
//! every replica identical once all have synced, and nothing anyone typed silently lost,
//! by the definitions of docs/sync.md ("What counts as lost"):
//! - a field value that was replaced is either still the field's value, or was seen by
//!   the change that replaced it (that change's `old_value` is it), or sits in a conflict
//!   record; this covers plain fields (phone, employees) and enum fields (attendance);
//! - every line typed into a long text (a member's notes, a meeting's minutes) is in the
//!   final text or in a conflict record, unless someone deleted it while seeing it;
//! - an edit a deletion had not seen is kept as a conflict when the record stays deleted;
//! - deleting and restoring (taking an invitation back and inviting again) is decided by
//!   the clock: the newest change of `deleted` stands.
//!
//! The check is shown to be able to fail: with conflict records dropped (a test-only
//! switch on the store), generated runs must produce a failure.
//!
//! Cases: 64 in `.ci/run` (16 under Wine, where each takes seconds); more with
//! `CONVERGENCE_CASES=1000 cargo test --release -p desk-server --test sync_convergence`.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{HeadOfficeServer, Laptop};
use desk_core::event::{self, Attendance, InviteeRef};
use desk_core::member;
use desk_core::project::{self, ProjectInput, ProjectScope};
use desk_core::validate::support::{Amounts, SupportType};
use desk_sync::engine;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
use sync_wire::ProjectDecision;

const TWO_DAYS: i64 = 2 * 24 * 3600 * 1000;
const MEMBERS: usize = 3;
const SCALARS: [&str; 2] = ["phone", "employees"];
const ATTENDANCE: [Attendance; 4] = [Attendance::Invited, Attendance::Present, Attendance::Absent, Attendance::Excused];

/// How a typing session changes a long text.
#[derive(Debug, Clone, Copy)]
enum TextEdit {
    /// Adds a line at the end.
    Append,
    /// Adds a line after the line at this position (modulo the length).
    Insert(usize),
    /// Rewrites the line at this position.
    Rewrite(usize),
    /// Deletes the line at this position.
    Delete(usize),
}

#[derive(Debug, Clone)]
enum Op {
    Scalar {
        laptop: usize,
        member: usize,
        field: usize,
    },
    /// `record`: a member's notes, or (== MEMBERS) the meeting's minutes.
    Text {
        laptop: usize,
        record: usize,
        edit: TextEdit,
    },
    Attend {
        laptop: usize,
        member: usize,
        value: usize,
    },
    Uninvite {
        laptop: usize,
        member: usize,
    },
    Invite {
        laptop: usize,
        member: usize,
    },
    Delete {
        laptop: usize,
        member: usize,
    },
    Push {
        laptop: usize,
    },
    Pull {
        laptop: usize,
    },
    Sync {
        laptop: usize,
    },
    Decide {
        approve: bool,
    },
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        4 => Just(TextEdit::Append),
        2 => (0..8usize).prop_map(TextEdit::Insert),
        2 => (0..8usize).prop_map(TextEdit::Rewrite),
        1 => (0..8usize).prop_map(TextEdit::Delete),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..MEMBERS, 0..SCALARS.len()).prop_map(|(laptop, member, field)| Op::Scalar { laptop, member, field }),
        5 => (0..3usize, 0..=MEMBERS, text_edit()).prop_map(|(laptop, record, edit)| Op::Text { laptop, record, edit }),
        2 => (0..3usize, 0..MEMBERS, 0..ATTENDANCE.len()).prop_map(|(laptop, member, value)| Op::Attend { laptop, member, value }),
        1 => (0..3usize, 0..MEMBERS).prop_map(|(laptop, member)| Op::Uninvite { laptop, member }),
        1 => (0..3usize, 0..MEMBERS).prop_map(|(laptop, member)| Op::Invite { laptop, member }),
        1 => (0..3usize, 0..MEMBERS).prop_map(|(laptop, member)| Op::Delete { laptop, member }),
        2 => (0..3usize).prop_map(|laptop| Op::Push { laptop }),
        2 => (0..3usize).prop_map(|laptop| Op::Pull { laptop }),
        4 => (0..3usize).prop_map(|laptop| Op::Sync { laptop }),
        1 => any::<bool>().prop_map(|approve| Op::Decide { approve }),
    ]
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    proptest::collection::vec(op(), 5..40)
}

/// A value written into a field (as the change log holds it, JSON).
struct Written {
    record: String,
    field: &'static str,
    value: String,
}

/// What the run wrote, for the checks.
#[derive(Default)]
struct Record {
    values: Vec<Written>,
    /// (record, field) → lines typed into it.
    typed: BTreeMap<(String, &'static str), BTreeSet<String>>,
    /// Lines deleted or rewritten by someone who saw them.
    removed_knowingly: BTreeSet<String>,
    /// A member deleted, with the values of each field its laptop's log held then.
    deletions: Vec<(String, BTreeMap<&'static str, BTreeSet<String>>)>,
}

/// The world of one run: head office, three laptops, the records they share.
struct World {
    _server: HeadOfficeServer,
    hq: desk_sync::HeadOffice,
    laptops: Vec<Laptop>,
    members: Vec<String>,
    meeting: String,
    invitees: Vec<String>,
    project_id: String,
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

/// The value this laptop's newest change of the field wrote.
fn newest_value(laptop: &Laptop, record: &str, field: &str) -> Option<String> {
    laptop
        .store
        .conn()
        .query_row(
            "SELECT new_value FROM change_log WHERE record_id = ?1 AND field = ?2 ORDER BY hlc DESC LIMIT 1",
            [record, field],
            |r| r.get(0),
        )
        .unwrap()
}

async fn world(drop_conflicts: bool) -> World {
    let server = HeadOfficeServer::start().await;
    let cluster = server.cluster("남동 화장품 미니클러스터");
    server.manager("jang", &[&cluster]);
    server.staff("hq");
    let hq = server.staff_client("hq").await;

    let mut laptops = vec![Laptop::new(), Laptop::new(), Laptop::new()];
    laptops[0].store.set_clock_offset(TWO_DAYS);
    laptops[2].store.set_clock_offset(-TWO_DAYS);
    for laptop in &mut laptops {
        laptop.store.drop_conflicts_for_tests(drop_conflicts);
    }
    let first = &mut laptops[0];
    first.store.write(|w| desk_core::cluster::create(w, &common::cluster_input("남동 화장품 미니클러스터"))).unwrap();
    let members: Vec<String> = (0..MEMBERS).map(|i| first.add_company(&format!("회사{i}"), i as u32 + 1)).collect();
    let meeting = first.add_meeting("12월 정기회의");
    for id in &members {
        first.store.write(|w| event::invite(w, &meeting, &InviteeRef::Member(id.clone()))).unwrap();
    }
    let detail = event::get(first.store.conn(), &meeting).unwrap();
    let invitees = members
        .iter()
        .map(|m| detail.invitees.iter().find(|i| i.member_id.as_ref() == Some(m)).unwrap().id.clone())
        .collect();
    let cluster_id = first.cluster_id();
    let project_input = ProjectInput {
        title: "공동 물류".into(),
        scope: Some(ProjectScope::Common),
        support_type: Some(SupportType::NonFinancial),
        participant_ids: members.clone(),
        amounts: Amounts::default(),
        ..Default::default()
    };
    let project_id = first.store.write(|w| project::create(w, &cluster_id, &project_input)).unwrap();
    for laptop in &mut laptops {
        laptop.sign_in(&server, "jang", "").await;
        laptop.sync().await;
    }
    World { _server: server, hq, laptops, members, meeting, invitees, project_id }
}

impl World {
    fn text_target(&self, record: usize) -> (String, &'static str) {
        if record == MEMBERS {
            (self.meeting.clone(), "minutes")
        } else {
            (self.members[record].clone(), "notes")
        }
    }

    fn read_text(&self, laptop: usize, record: usize) -> Option<String> {
        let conn = self.laptops[laptop].store.conn();
        if record == MEMBERS {
            event::get(conn, &self.meeting).ok().map(|d| d.event.minutes)
        } else {
            member::get(conn, &self.members[record]).ok().map(|m| m.notes)
        }
    }

    fn write_text(&mut self, laptop: usize, record: usize, text: &str) {
        let store = &mut self.laptops[laptop].store;
        if record == MEMBERS {
            store.write(|w| event::save_minutes(w, &self.meeting, text, "")).unwrap();
        } else {
            let id = &self.members[record];
            let mut input = member::get(store.conn(), id).unwrap().to_input();
            input.notes = text.to_string();
            store.write(|w| member::update(w, id, &input)).unwrap();
        }
    }

    /// Carries out one operation, noting what it wrote in `record`.
    async fn play(&mut self, n: usize, op: &Op, record: &mut Record) {
        match *op {
            Op::Scalar { laptop, member, field } => {
                let id = self.members[member].clone();
                let l = &mut self.laptops[laptop];
                let Ok(current) = member::get(l.store.conn(), &id) else { return }; // deleted here
                let mut input = current.to_input();
                let field = SCALARS[field];
                match field {
                    "phone" => input.phone = format!("032-{n:03}-{laptop}000"),
                    _ => input.employees = Some(1000 + n as i64),
                }
                l.store.write(|w| member::update(w, &id, &input)).unwrap();
                let value = newest_value(l, &id, field).unwrap();
                record.values.push(Written { record: id, field, value });
            }
            Op::Text { laptop, record: target, edit } => {
                let Some(text) = self.read_text(laptop, target) else { return };
                let mut lines: Vec<String> =
                    if text.is_empty() { Vec::new() } else { text.split('\n').map(str::to_string).collect() };
                let typed = format!("{laptop}번 노트북 {n}번째 줄");
                match edit {
                    TextEdit::Append => lines.push(typed.clone()),
                    TextEdit::Insert(at) => lines.insert((at % (lines.len() + 1)).min(lines.len()), typed.clone()),
                    TextEdit::Rewrite(_) | TextEdit::Delete(_) if lines.is_empty() => lines.push(typed.clone()),
                    TextEdit::Rewrite(at) => {
                        let at = at % lines.len();
                        record.removed_knowingly.insert(std::mem::replace(&mut lines[at], typed.clone()));
                    }
                    TextEdit::Delete(at) => {
                        let removed = lines.remove(at % lines.len());
                        record.removed_knowingly.insert(removed);
                    }
                }
                if !matches!(edit, TextEdit::Delete(_)) || text.is_empty() {
                    let key = self.text_target(target);
                    record.typed.entry(key).or_default().insert(typed);
                }
                self.write_text(laptop, target, &lines.join("\n"));
            }
            Op::Attend { laptop, member, value } => {
                let id = self.invitees[member].clone();
                let l = &mut self.laptops[laptop];
                if l.store.write(|w| event::set_attendance(w, &id, ATTENDANCE[value])).is_ok() {
                    if let Some(value) = newest_value(l, &id, "attendance") {
                        record.values.push(Written { record: id, field: "attendance", value });
                    }
                }
            }
            Op::Uninvite { laptop, member } => {
                let id = self.invitees[member].clone();
                let _ = self.laptops[laptop].store.write(|w| event::uninvite(w, &id));
            }
            Op::Invite { laptop, member } => {
                let who = InviteeRef::Member(self.members[member].clone());
                let meeting = self.meeting.clone();
                let _ = self.laptops[laptop].store.write(|w| event::invite(w, &meeting, &who));
            }
            Op::Delete { laptop, member } => {
                let id = self.members[member].clone();
                let l = &mut self.laptops[laptop];
                if member::get(l.store.conn(), &id).is_err() {
                    return;
                }
                let known = ["phone", "employees", "notes"].iter().map(|f| (*f, logged_values(l, &id, f))).collect();
                l.store.write(|w| member::delete(w, &id)).unwrap();
                record.deletions.push((id, known));
            }
            Op::Push { laptop } => {
                let l = &mut self.laptops[laptop];
                let office = l.office.clone().unwrap();
                engine::push_all(&mut l.store, &office, &mut Default::default()).await.unwrap();
            }
            Op::Pull { laptop } => {
                let l = &mut self.laptops[laptop];
                let office = l.office.clone().unwrap();
                engine::pull_all(&mut l.store, &office, &mut Default::default()).await.unwrap();
            }
            Op::Sync { laptop } => {
                self.laptops[laptop].sync().await;
            }
            Op::Decide { approve } => {
                let decision = ProjectDecision {
                    project_id: self.project_id.clone(),
                    cluster_id: None,
                    stage: Some(if approve { "agreement" } else { "evaluation" }.into()),
                    approved_government_won: approve.then_some(10_000_000 + n as i64),
                    reason: format!("결정 {n}"),
                    decided_on: "2026-12-01".into(),
                };
                self.hq.decide(&decision).await.unwrap();
            }
        }
    }

    /// Everyone syncs until nothing moves: conflict records found late travel too.
    async fn settle(&mut self) -> Result<(), String> {
        for _round in 0..8 {
            let mut moved = 0;
            for laptop in &mut self.laptops {
                let report = laptop.sync().await;
                moved += report.pushed + report.pulled;
            }
            if moved == 0 {
                return Ok(());
            }
        }
        Err("sync did not settle in 8 rounds".into())
    }
}

/// Everything laptop 0's conflict records hold, per (record, field): the JSON values.
fn conflict_values(laptop: &Laptop) -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut stmt =
        laptop.store.conn().prepare("SELECT record_id, field, kept_value, lost_value FROM sync_conflict").unwrap();
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
    let mut all: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for row in rows {
        let (record, field, kept, lost) = row.unwrap();
        all.entry((record, field)).or_default().extend([kept, lost].into_iter().flatten());
    }
    all
}

/// The values each (record, field) was replaced from: every change's `old_value`.
fn replaced_values(laptop: &Laptop) -> BTreeSet<(String, String, String)> {
    let mut stmt = laptop
        .store
        .conn()
        .prepare("SELECT record_id, field, old_value FROM change_log WHERE old_value IS NOT NULL")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

fn lines_of_json(json: &str) -> Vec<String> {
    let text: String = serde_json::from_str(json).unwrap_or_default();
    text.split('\n').map(str::to_string).collect()
}

/// The checks of the module's comment, on a world that has settled.
fn check(world: &World, record: &Record) -> Result<(), String> {
    let reference = world.laptops[0].snapshot();
    for (i, laptop) in world.laptops.iter().enumerate().skip(1) {
        let other = laptop.snapshot();
        if other != reference {
            let only: Vec<&String> = other.iter().filter(|r| !reference.contains(r)).take(3).collect();
            return Err(format!("laptop {i} differs from laptop 0: {only:?}"));
        }
    }
    let here = &world.laptops[0];
    let conflicts = conflict_values(here);
    let replaced = replaced_values(here);
    let in_conflict = |record: &str, field: &str, value: &str| {
        conflicts.get(&(record.to_string(), field.to_string())).is_some_and(|v| v.contains(value))
    };
    let final_value = |record: &str, field: &str| -> Option<String> {
        let table = if field == "attendance" { "invitee" } else { "member" };
        here.store
            .conn()
            .query_row(&format!("SELECT json_quote({field}) FROM {table} WHERE id = ?1"), [record], |r| r.get(0))
            .ok()
    };

    for w in &record.values {
        let seen = replaced.contains(&(w.record.clone(), w.field.to_string(), w.value.clone()));
        if seen || final_value(&w.record, w.field).as_deref() == Some(w.value.as_str()) {
            continue;
        }
        if !in_conflict(&w.record, w.field, &w.value) {
            return Err(format!(
                "{} of {} = {} was replaced unseen and is in no conflict record",
                w.field, w.record, w.value
            ));
        }
    }

    for ((id, field), typed) in &record.typed {
        let table = if *field == "minutes" { "event" } else { "member" };
        let text: String = here
            .store
            .conn()
            .query_row(&format!("SELECT {field} FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
            .unwrap();
        let mut present: BTreeSet<String> = text.split('\n').map(str::to_string).collect();
        for json in conflicts.get(&(id.clone(), field.to_string())).into_iter().flatten() {
            present.extend(lines_of_json(json));
        }
        if let Some(line) = typed.iter().find(|l| !present.contains(*l) && !record.removed_knowingly.contains(*l)) {
            return Err(format!(
                "the line {line:?} typed into {field} of {id} is neither there nor in a conflict record"
            ));
        }
    }

    for (id, known) in &record.deletions {
        let deleted: i64 =
            here.store.conn().query_row("SELECT deleted FROM member WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        if deleted == 0 {
            continue;
        }
        let edits = here
            .store
            .conn()
            .prepare("SELECT field, new_value FROM change_log WHERE record_id = ?1 AND field IN ('phone', 'employees', 'notes') AND new_value IS NOT NULL")
            .unwrap()
            .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect::<Vec<_>>();
        for (field, value) in edits {
            let seen_by_deletion = known.get(field.as_str()).is_some_and(|k| k.contains(&value));
            let seen_later = replaced.contains(&(id.clone(), field.clone(), value.clone()));
            if !seen_by_deletion && !seen_later && !in_conflict(id, &field, &value) {
                return Err(format!(
                    "an edit ({field} = {value}) met a deletion of {id} that had not seen it and was not kept"
                ));
            }
        }
    }

    for id in &world.invitees {
        let newest: String = here
            .store
            .conn()
            .query_row(
                "SELECT new_value FROM change_log WHERE record_id = ?1 AND field = 'deleted' ORDER BY hlc DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .unwrap_or_else(|_| "0".into());
        let deleted: i64 =
            here.store.conn().query_row("SELECT deleted FROM invitee WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        if newest != deleted.to_string() {
            return Err(format!("invitee {id} is deleted = {deleted}, but its newest change says {newest}"));
        }
    }
    Ok(())
}

/// Plays `ops` on a new world and checks it.
fn run(ops: &[Op], drop_conflicts: bool) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        let mut world = world(drop_conflicts).await;
        let mut record = Record::default();
        for (n, op) in ops.iter().enumerate() {
            world.play(n, op, &mut record).await;
        }
        world.settle().await?;
        check(&world, &record)
    })
}

fn cases() -> u32 {
    let default = if cfg!(windows) { 16 } else { 64 };
    std::env::var("CONVERGENCE_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_and_nothing_typed_is_lost(ops in ops()) {
        if let Err(failure) = run(&ops, false) {
            return Err(TestCaseError::fail(failure));
        }
    }
}

/// The check is not vacuous: a merge that drops its conflict records is caught.
#[test]
fn the_check_fails_when_conflict_records_are_dropped() {
    let mut runner = TestRunner::new_with_rng(
        ProptestConfig { failure_persistence: None, ..ProptestConfig::default() },
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let strategy = ops();
    let mut failures = Vec::new();
    for _ in 0..64 {
        let ops = strategy.new_tree(&mut runner).unwrap().current();
        // The same runs pass with conflict records kept, so the failure is the switch's.
        if let Err(failure) = run(&ops, true) {
            run(&ops, false).unwrap();
            eprintln!("with conflict records dropped: {failure}");
            failures.push(failure);
            break;
        }
    }
    assert!(!failures.is_empty(), "64 runs with conflict records dropped all passed the check");
}
