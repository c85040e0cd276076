//! Conflict rate of shared minutes (BENCHMARKS.md, "Conflicts in shared minutes"):
//! `cargo bench -p desk-server --bench text_conflicts`.
//!
//! Three laptops of one manager (clocks two days fast, right and two days slow) write
//! notes into the minutes of one meeting and sync at random with the real head-office
//! server on loopback. Two scenarios, each over several seeds:
//! - `append`: every typing session adds one or two lines at the end;
//! - `append+edit`: one session in four rewrites an existing line instead.
//!
//! Printed per scenario: typing sessions, syncs, the share of syncs that created a
//! conflict record, conflict records, and the typed lines that are neither in the final
//! minutes nor in a conflict record (lost: must be 0) or appear more than once.

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use common::{HeadOfficeServer, Laptop};
use desk_core::event;

const TWO_DAYS: i64 = 2 * 24 * 3600 * 1000;
const STEPS: usize = 240;
const SEEDS: [u64; 5] = [1, 2, 3, 4, 5];

/// A small deterministic generator (xorshift64*), so every run plays the same games.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % n
    }
}

#[derive(Default)]
struct Tally {
    sessions: usize,
    syncs: usize,
    syncs_with_conflict: usize,
    conflicts: usize,
    typed_lines: usize,
    lost: usize,
    duplicated: usize,
}

fn minutes_of(laptop: &Laptop, event_id: &str) -> String {
    event::get(laptop.store.conn(), event_id).expect("event").event.minutes
}

fn conflict_lines(laptop: &Laptop) -> BTreeSet<String> {
    let mut stmt = laptop
        .store
        .conn()
        .prepare("SELECT kept_value, lost_value FROM sync_conflict WHERE field = 'minutes'")
        .expect("conflicts");
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?))).expect("query");
    let mut lines = BTreeSet::new();
    for row in rows {
        let (kept, lost) = row.expect("row");
        for json in [kept, lost].into_iter().flatten() {
            let text: String = serde_json::from_str(&json).unwrap_or_default();
            lines.extend(text.split('\n').map(str::to_string));
        }
    }
    lines
}

async fn play(seed: u64, edits: bool, tally: &mut Tally) {
    let server = HeadOfficeServer::start().await;
    let cluster = server.cluster("남동 화장품 미니클러스터");
    server.manager("jang", &[&cluster]);
    let mut laptops = vec![Laptop::new(), Laptop::new(), Laptop::new()];
    laptops[0].store.set_clock_offset(TWO_DAYS);
    laptops[2].store.set_clock_offset(-TWO_DAYS);
    laptops[0]
        .store
        .write(|w| desk_core::cluster::create(w, &common::cluster_input("남동 화장품 미니클러스터")))
        .expect("cluster");
    let meeting = laptops[0].add_meeting("12월 정기회의");
    laptops[0]
        .store
        .write(|w| event::save_minutes(w, &meeting, "12월 정기회의 회의록\n참석: 12개사", ""))
        .expect("first minutes");
    for laptop in &mut laptops {
        laptop.sign_in(&server, "jang", "").await;
        laptop.sync().await;
    }

    let mut dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut typed: BTreeSet<String> = BTreeSet::new();
    let mut removed_knowingly: BTreeSet<String> = BTreeSet::new();
    for step in 0..STEPS {
        let l = dice.below(3) as usize;
        if dice.below(5) < 3 {
            tally.sessions += 1;
            let mut lines: Vec<String> = minutes_of(&laptops[l], &meeting).split('\n').map(str::to_string).collect();
            if edits && dice.below(4) == 0 && lines.len() > 2 {
                let at = 2 + dice.below(lines.len() as u64 - 2) as usize;
                let new_line = format!("{} (노트북{l} 수정 {step})", lines[at]);
                removed_knowingly.insert(std::mem::replace(&mut lines[at], new_line.clone()));
                typed.insert(new_line);
            } else {
                for k in 0..=dice.below(2) {
                    let line = format!("노트북{l}: 메모 {step}-{k}");
                    typed.insert(line.clone());
                    lines.push(line);
                }
            }
            let text = lines.join("\n");
            laptops[l].store.write(|w| event::save_minutes(w, &meeting, &text, "")).expect("minutes");
        } else {
            let report = laptops[l].sync().await;
            tally.syncs += 1;
            tally.conflicts += report.conflicts as usize;
            if report.conflicts > 0 {
                tally.syncs_with_conflict += 1;
            }
        }
    }
    // Everyone syncs until nothing moves.
    for _ in 0..8 {
        let mut moved = 0;
        for laptop in &mut laptops {
            let report = laptop.sync().await;
            moved += report.pushed + report.pulled;
        }
        if moved == 0 {
            break;
        }
    }
    let final_text = minutes_of(&laptops[0], &meeting);
    for laptop in &laptops[1..] {
        assert_eq!(minutes_of(laptop, &meeting), final_text, "replicas differ after the last sync (seed {seed})");
    }
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for line in final_text.split('\n') {
        *count.entry(line).or_default() += 1;
    }
    let kept_aside = conflict_lines(&laptops[0]);
    tally.typed_lines += typed.len();
    for line in &typed {
        if count.get(line.as_str()).copied().unwrap_or(0) > 1 {
            tally.duplicated += 1;
        }
        if !count.contains_key(line.as_str()) && !kept_aside.contains(line) && !removed_knowingly.contains(line) {
            tally.lost += 1;
        }
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    println!("three laptops, {STEPS} random steps per game (3 in 5 a typing session, else a sync), seeds {SEEDS:?}");
    for (name, edits) in [("append", false), ("append+edit", true)] {
        let started = Instant::now();
        let mut tally = Tally::default();
        for seed in SEEDS {
            runtime.block_on(play(seed, edits, &mut tally));
        }
        println!(
            "{name:<12} sessions {:>4}  syncs {:>4}  syncs creating a conflict {:>4} ({:>5.1} %)  conflict records {:>4}  typed lines {:>4}  lost {}  duplicated {}  ({:.1} s)",
            tally.sessions,
            tally.syncs,
            tally.syncs_with_conflict,
            100.0 * tally.syncs_with_conflict as f64 / tally.syncs.max(1) as f64,
            tally.conflicts,
            tally.typed_lines,
            tally.lost,
            tally.duplicated,
            started.elapsed().as_secs_f64()
        );
    }
}
