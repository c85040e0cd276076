//! Benchmarks of the core on the national-scale data set (81 clusters, 4,607 companies,
//! 6,223 people, ten years of events, 50,000 issues, 10,000 projects):
//! search latency, a typical write with and without its change-log entries, cold open
//! plus the first screen's queries, database size and peak memory.
//!
//! Run: `cargo bench -p desk-core --bench national` (add `-- --small` for a quick run on
//! the small scale). The generated database is cached in the target folder by seed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use desk_core::event::{self, ActionItemInput};
use desk_core::issue::{self, IssueCategory, IssueInput, IssueStage};
use desk_core::{cluster, search, Store};
use desk_demo::{generate_national, NationalScale};

const SEED: u64 = 4607;

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let rank = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[rank.min(samples.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn dir_size(path: &Path) -> u64 {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", path.display())).ok())
        .map(|m| m.len())
        .sum()
}

fn database(small: bool) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let name = if small { "small" } else { "national" };
    let path = target.join("bench-data").join(format!("{name}-{SEED}-v{}.sqlite", Store::schema_version()));
    if !path.exists() {
        let scale = if small { NationalScale::SMALL } else { NationalScale::FULL };
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let started = Instant::now();
        let mut store = Store::open(&partial).expect("create bench database");
        let counts = generate_national(&mut store, SEED, &scale).expect("generate");
        drop(store);
        std::fs::rename(&partial, &path).expect("move bench database into place");
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::rename(format!("{}{suffix}", partial.display()), format!("{}{suffix}", path.display()));
        }
        println!("generated {name} data set in {:.1} s: {counts:?}", started.elapsed().as_secs_f64());
    }
    path
}

/// What the first screen reads: the cluster's header and counts, then the home figures
/// (today's and this week's events, action items due, issues by status, projects by
/// stage, changes waiting to sync), on a day inside the data set.
fn first_screen(store: &Store) -> usize {
    let conn = store.conn();
    let summary = cluster::summary(conn).expect("summary").expect("a cluster");
    let day = chrono::NaiveDate::from_ymd_opt(2025, 11, 26).expect("a date");
    let home = desk_core::home::home(conn, &summary.cluster.id, day).expect("home");
    home.week_events.len() + home.action_items_due.len() + home.issues_by_status.len() + home.projects_by_stage.len()
}

const QUERIES: &[&str] = &[
    "센서",
    "센서를",
    "클러스터",
    "금형",
    "사출",
    "열처리",
    "도금",
    "콜라겐",
    "화장품",
    "세미나",
    "정기회의",
    "품질",
    "인증",
    "수출",
    "자금",
    "인력",
    "시제품",
    "특허",
    "자동차",
    "부품",
    "용접",
    "모듈",
    "나노",
    "에멀전",
    "배터리",
    "소재",
    "공정",
    "불량",
    "검사",
    "자동화",
    "스마트공장",
    "설비",
    "원료",
    "포장",
    "물류",
    "전시회",
    "해외",
    "마케팅",
    "기술개발",
    "교수",
    "연구원",
    "대학교",
    "테크노파크",
    "협약",
    "정산",
    "성과",
    "매출",
    "고용",
    "친환경",
    "에너지",
    "CNC",
    "PLC",
    "UV",
    "3D",
    "AI",
    "IoT",
    "금형의",
    "부품을",
    "품질이",
    "공정에서",
    "불량률",
    "표면처리",
    "도장",
    "코팅",
    "접착",
    "주조",
    "단조",
    "프레스",
    "절삭",
    "연마",
];

fn main() {
    let small = std::env::args().any(|a| a == "--small");
    let path = database(small);
    println!("# desk-core national benchmark ({})", if small { "small scale" } else { "national scale" });
    println!("database: {} ({:.1} MiB on disk)", path.display(), dir_size(&path) as f64 / 1024.0 / 1024.0);

    // Cold open + first screen: a new connection each time, as at app start.
    let mut samples = Vec::new();
    let mut opens = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        let store = Store::open(&path).expect("open");
        opens.push(started.elapsed());
        let n = first_screen(&store);
        samples.push(started.elapsed());
        assert!(n > 0);
    }
    println!(
        "open + first screen: p50 {} p95 {} (open alone p50 {}; n=30, goal < 200 ms)",
        ms(percentile(&mut samples, 0.5)),
        ms(percentile(&mut samples, 0.95)),
        ms(percentile(&mut opens, 0.5))
    );

    let store = Store::open(&path).expect("open");

    // Search: every query three times over, results limited to 50 as the UI asks.
    let mut samples = Vec::new();
    let mut total_hits = 0;
    let mut slowest: Vec<(Duration, &str)> = Vec::new();
    for _ in 0..3 {
        for query in QUERIES {
            let started = Instant::now();
            let hits = search::search(store.conn(), query, 50).expect("search");
            let took = started.elapsed();
            samples.push(took);
            slowest.push((took, query));
            total_hits += hits.len();
        }
    }
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    if std::env::args().any(|a| a == "--verbose") {
        for (took, query) in slowest.iter().take(12) {
            println!("  slow query {query:?}: {}", ms(*took));
        }
    }
    let digits: Vec<String> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT registration_number FROM member WHERE registration_number IS NOT NULL LIMIT 60")
            .unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
    };
    for d in &digits {
        let dashed = format!("{}-{}-{}", &d[..3], &d[3..5], &d[5..]);
        let started = Instant::now();
        let hits = search::search(store.conn(), &dashed, 50).expect("search");
        samples.push(started.elapsed());
        assert!(!hits.is_empty(), "registration number {dashed} must be found");
    }
    println!(
        "search: p50 {} p95 {} max {} (n={}, {} hits in all, goal p95 < 30 ms)",
        ms(percentile(&mut samples, 0.5)),
        ms(percentile(&mut samples, 0.95)),
        ms(percentile(&mut samples, 1.0)),
        samples.len(),
        total_hits
    );

    // Writes go to a copy, so the cached data set stays as generated.
    drop(store);
    let scratch = tempfile::tempdir().expect("temp dir");
    let copy = scratch.path().join("copy.sqlite");
    std::fs::copy(&path, &copy).expect("copy the data set");
    let mut store = Store::open(&copy).expect("open copy");

    // A typical write: record an issue found at a visit (one member) and an action item,
    // once with the change log and once without, interleaved so both see the same cache.
    let (cluster_id, members): (String, Vec<String>) = {
        let cluster = cluster::current(store.conn()).unwrap().unwrap();
        let mut stmt =
            store.conn().prepare("SELECT id FROM member WHERE cluster_id = ?1 AND kind = 'company' LIMIT 50").unwrap();
        let members = stmt.query_map([&cluster.id], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect();
        (cluster.id, members)
    };
    let input = |i: usize| IssueInput {
        title: format!("도금 라인 불량률 개선 {i}"),
        description: "표면처리 후 도금 두께 편차로 불량률이 3%를 넘음. 열처리 조건과 전처리 공정 점검 필요.".into(),
        category: Some(IssueCategory::Quality),
        stage: Some(IssueStage::Productisation),
        member_ids: vec![members[i % members.len()].clone()],
        found_on: "2026-11-25".into(),
        ..Default::default()
    };
    let action =
        ActionItemInput {
            title: "전처리 공정 전문가 연결".into(), due_on: "2026-12-05".into(), ..Default::default()
        };
    let (mut logged, mut unlogged) = (Vec::new(), Vec::new());
    for i in 0..400 {
        let started = Instant::now();
        store
            .write(|w| {
                let id = issue::create(w, &cluster_id, &input(i))?;
                event::add_action_item(w, None, &ActionItemInput { issue_id: Some(id), ..action.clone() })
            })
            .expect("logged write");
        logged.push(started.elapsed());
        let started = Instant::now();
        store
            .write_unlogged(|w| {
                let id = issue::create(w, &cluster_id, &input(i))?;
                event::add_action_item(w, None, &ActionItemInput { issue_id: Some(id), ..action.clone() })
            })
            .expect("unlogged write");
        unlogged.push(started.elapsed());
    }
    let (l50, l95) = (percentile(&mut logged, 0.5), percentile(&mut logged, 0.95));
    let (u50, u95) = (percentile(&mut unlogged, 0.5), percentile(&mut unlogged, 0.95));
    println!("write (issue + member link + action item): with change log p50 {} p95 {}; without p50 {} p95 {}; ratio p50 {:.2}x p95 {:.2}x (goal p95 < 5 ms, ratio <= 1.5x)",
        ms(l50), ms(l95), ms(u50), ms(u95), l50.as_secs_f64() / u50.as_secs_f64(), l95.as_secs_f64() / u95.as_secs_f64());
    println!("peak resident memory: {:.0} MiB", peak_rss_mib());
}
