//! The demo and benchmark data generator: deterministic, realistic in size and shape, and
//! written through the same validated paths as a manager's own edits.

use chrono::NaiveDate;
use desk_core::project::ProjectStage;
use desk_core::validate::registration_number;
use desk_core::Store;
use desk_demo::{generate_national, load_demo_cluster, NationalScale, DEMO_CLUSTER_NAME};

const SEED: u64 = 2009;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 18).expect("valid date")
}

fn demo_store(seed: u64, today: NaiveDate) -> (Store, String) {
    let mut store = Store::open_in_memory().expect("store");
    let id = load_demo_cluster(&mut store, seed, today).expect("demo loads");
    (store, id)
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
}

/// Every row of the domain tables, as text, in id order.
fn dump(store: &Store) -> String {
    let tables = [
        "cluster",
        "small_group",
        "small_group_member",
        "member",
        "person",
        "event",
        "invitee",
        "action_item",
        "issue",
        "issue_member",
        "project",
        "project_party",
        "project_issue",
        "project_stage_change",
        "project_outcome",
        "project_share",
    ];
    let mut out = String::new();
    for table in tables {
        let mut stmt = store.conn().prepare(&format!("SELECT * FROM {table} ORDER BY id")).expect("prepare");
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                (0..columns)
                    .map(|i| row.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()
            })
            .expect("query");
        for row in rows {
            out.push_str(table);
            out.push('|');
            out.push_str(&row.expect("row").join("|"));
            out.push('\n');
        }
    }
    out
}

#[test]
fn same_seed_and_day_give_the_same_records_and_ids() {
    let (a, id_a) = demo_store(SEED, today());
    let (b, id_b) = demo_store(SEED, today());
    assert_eq!(id_a, id_b);
    let (dump_a, dump_b) = (dump(&a), dump(&b));
    assert!(dump_a.len() > 100_000, "the demo is substantial");
    assert!(dump_a == dump_b, "same seed and day must give identical rows");
    let (c, _) = demo_store(SEED + 1, today());
    assert_ne!(dump_a, dump(&c), "another seed gives another cluster");
}

#[test]
fn the_demo_cluster_has_the_expected_shape() {
    let (store, id) = demo_store(SEED, today());
    let summary = desk_core::cluster::summary(store.conn()).expect("summary").expect("a cluster");
    assert_eq!(summary.cluster.id, id);
    assert_eq!(summary.cluster.name, DEMO_CLUSTER_NAME);
    assert_eq!(summary.cluster.complex_name, "남동국가산업단지");
    assert!(!summary.cluster.manager_name.is_empty());
    assert_eq!(summary.company_count, 80);
    assert!((86..=92).contains(&summary.member_count), "{}", summary.member_count);
    assert!((4..=5).contains(&summary.small_group_count));
    let experts = count(&store, "SELECT count(*) FROM person WHERE role <> 'staff'");
    assert!((22..=30).contains(&experts), "{experts}");
    let external = count(&store, "SELECT count(*) FROM person WHERE external = 1 AND home_region IS NOT NULL");
    assert!(external >= 3, "{external}");
    let staff_without_firm = count(&store, "SELECT count(*) FROM person WHERE role = 'staff' AND member_id IS NULL");
    assert_eq!(staff_without_firm, 0);
    let firms_without_staff = count(
        &store,
        "SELECT count(*) FROM member m WHERE kind = 'company' AND NOT EXISTS (SELECT 1 FROM person p WHERE p.member_id = m.id)",
    );
    assert_eq!(firms_without_staff, 0);

    let visits =
        count(&store, "SELECT count(*) FROM event WHERE kind = 'plant_visit' AND visited_member_id IS NOT NULL");
    assert!((36..=44).contains(&visits), "{visits}");
    let regular = count(&store, "SELECT count(*) FROM event WHERE kind = 'regular_meeting'");
    assert!((10..=13).contains(&regular), "{regular}");
    let seminars = count(&store, "SELECT count(*) FROM event WHERE kind = 'seminar'");
    assert!((5..=7).contains(&seminars), "{seminars}");
    assert_eq!(count(&store, "SELECT count(*) FROM event WHERE kind = 'general_meeting'"), 1);
    assert!(count(&store, "SELECT count(*) FROM event WHERE kind = 'group_meeting'") >= 12);
    let cancelled = count(&store, "SELECT count(*) FROM event WHERE status = 'cancelled' AND cancel_reason <> ''");
    assert!(cancelled >= 1);
    let held_without_minutes =
        count(&store, "SELECT count(*) FROM event WHERE status = 'held' AND (minutes = '' OR decisions = '')");
    assert_eq!(held_without_minutes, 0);
    let past_still_scheduled =
        count(&store, "SELECT count(*) FROM event WHERE status = 'scheduled' AND starts_at < '2026-03-18'");
    assert_eq!(past_still_scheduled, 0);
    let future_held = count(&store, "SELECT count(*) FROM event WHERE status = 'held' AND starts_at >= '2026-03-18'");
    assert_eq!(future_held, 0);
    let unanswered = count(
        &store,
        "SELECT count(*) FROM invitee i JOIN event e ON e.id = i.event_id WHERE e.status = 'held' AND i.attendance = 'invited'",
    );
    assert_eq!(unanswered, 0);
    let this_week = count(&store, "SELECT count(*) FROM event WHERE starts_at >= '2026-03-16' AND starts_at < '2026-03-21' AND status <> 'cancelled'");
    assert!(this_week >= 1);
    let last_event = count(&store, "SELECT count(*) FROM event WHERE starts_at >= '2026-04-08'");
    assert!(last_event >= 1, "events reach about a month ahead");

    let open_due_soon = count(
        &store,
        "SELECT count(*) FROM action_item WHERE status = 'open' AND due_on BETWEEN '2026-03-04' AND '2026-04-15'",
    );
    assert!(open_due_soon >= 3, "{open_due_soon}");
    assert!(count(&store, "SELECT count(*) FROM action_item WHERE status = 'done'") >= 20);

    let issues = count(&store, "SELECT count(*) FROM issue");
    assert!((50..=75).contains(&issues), "{issues}");
    let at_visits = count(&store, "SELECT count(*) FROM issue i JOIN event e ON e.id = i.event_id WHERE e.kind = 'plant_visit' AND i.found_on = substr(e.starts_at, 1, 10)");
    assert!(at_visits >= 30, "{at_visits}");
    for status in ["new", "reviewing", "matched", "in_project", "resolved", "dropped"] {
        let n = count(&store, &format!("SELECT count(*) FROM issue WHERE status = '{status}'"));
        assert!(n >= 1, "no issue is {status}");
    }
    assert_eq!(count(&store, "SELECT count(*) FROM issue WHERE status = 'dropped' AND drop_reason = ''"), 0);
    let categories = count(&store, "SELECT count(DISTINCT category) FROM issue");
    assert!(categories >= 6, "{categories}");
    assert!(count(&store, "SELECT count(*) FROM issue_member GROUP BY issue_id ORDER BY count(*) DESC LIMIT 1") >= 2);

    let projects = count(&store, "SELECT count(*) FROM project");
    assert!((18..=25).contains(&projects), "{projects}");
    assert!(count(&store, "SELECT count(*) FROM project_outcome") >= 3);
    assert!(count(&store, "SELECT count(*) FROM project_share") >= 10);
    assert!(count(&store, "SELECT count(*) FROM project WHERE override_reason <> ''") >= 1);
    assert_eq!(
        count(&store, "SELECT count(*) FROM project WHERE stage IN ('rejected', 'dropped') AND stage_reason = ''"),
        0
    );
    // The history reads as a year of separate actions.
    let actions = count(&store, "SELECT count(DISTINCT action_id) FROM change_log");
    assert!(actions > 500, "{actions}");
}

#[test]
fn every_project_stage_is_present() {
    let (store, _) = demo_store(SEED, today());
    for stage in ProjectStage::ALL {
        let n = count(&store, &format!("SELECT count(*) FROM project WHERE stage = '{}'", stage.as_str()));
        assert!(n >= 1, "no project at {stage:?}");
    }
}

#[test]
fn the_demo_loads_whatever_the_day() {
    // Month ends, leap day, New Year, and the days around the callus project's June.
    let days = [
        (2024, 2, 29),
        (2025, 1, 1),
        (2025, 6, 24),
        (2025, 6, 25),
        (2025, 7, 31),
        (2025, 12, 31),
        (2026, 9, 6),
        (2027, 4, 30),
    ];
    for (y, m, d) in days {
        let day = NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let (store, _) = demo_store(SEED + u64::from(d), day);
        for stage in ProjectStage::ALL {
            let n = count(&store, &format!("SELECT count(*) FROM project WHERE stage = '{}'", stage.as_str()));
            assert!(n >= 1, "{day}: no project at {stage:?}");
        }
        let late = count(&store, &format!("SELECT count(*) FROM event WHERE status = 'held' AND starts_at >= '{day}'"));
        assert_eq!(late, 0, "{day}");
        assert!(count(&store, "SELECT count(*) FROM event WHERE status = 'scheduled'") >= 3, "{day}");
    }
}

#[test]
fn the_articles_callus_project_is_there_with_its_amounts() {
    for day in [
        today(),
        NaiveDate::from_ymd_opt(2025, 6, 10).expect("date"),
        NaiveDate::from_ymd_opt(2025, 12, 1).expect("date"),
    ] {
        let (store, _) = demo_store(SEED, day);
        let (id, government, cash, in_kind): (String, i64, i64, i64) = store
            .conn()
            .query_row(
                "SELECT id, government_won, firm_cash_won, firm_in_kind_won FROM project WHERE title LIKE '%캘러스%'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .expect("the callus project");
        assert_eq!((government, cash, in_kind), (105_000_000, 70_000_000, 0));
        let detail = desk_core::project::get(store.conn(), &id).expect("detail");
        let to = |stage: ProjectStage| {
            detail.stage_changes.iter().find(|c| c.to_stage == stage).map(|c| c.changed_on.clone())
        };
        assert_eq!(
            to(ProjectStage::Application).map(|d| d[5..7].to_string()),
            Some("05".to_string()),
            "applied in May"
        );
        assert_eq!(to(ProjectStage::Agreement).map(|d| d[5..7].to_string()), Some("06".to_string()), "agreed in June");
        assert!(detail.parties.iter().any(|p| p.name == "충북대학교" && p.role == "partner"));
        assert!(detail.parties.iter().any(|p| p.role == "expert"));
        assert!(detail.amount_check.errors.is_empty() && detail.amount_check.warnings.is_empty());
        assert_eq!(detail.issue_ids.len(), 1);
    }
}

#[test]
fn search_finds_a_company_by_part_of_a_word() {
    let (store, _) = demo_store(SEED, today());
    let firm: String = store
        .conn()
        .query_row("SELECT id FROM member WHERE name = '나래셀바이오'", [], |r| r.get(0))
        .expect("the callus firm");
    for query in ["셀바이", "셀바이오의", "캘러스"] {
        let hits = desk_core::search::search(store.conn(), query, 20).expect("search");
        assert!(hits.iter().any(|h| h.record_id == firm), "{query} should find the firm");
    }
}

#[test]
fn partner_matching_finds_partners_for_demo_issues() {
    let (store, _) = demo_store(SEED, today());
    let ids: Vec<String> = {
        let mut stmt = store.conn().prepare("SELECT id FROM issue ORDER BY id").expect("prepare");
        let rows = stmt.query_map([], |r| r.get(0)).expect("query");
        rows.collect::<Result<_, _>>().expect("ids")
    };
    let mut with_suggestions = 0;
    for id in &ids {
        let suggestions = desk_core::matching::suggest_for_issue(store.conn(), id, 10).expect("suggest");
        if !suggestions.is_empty() {
            with_suggestions += 1;
            assert!(suggestions.iter().all(|s| !s.matched.is_empty()));
            assert!(suggestions.windows(2).all(|w| w[0].score >= w[1].score), "ranked best first");
        }
    }
    assert!(with_suggestions * 10 >= ids.len() * 9, "{with_suggestions} of {} issues have partners", ids.len());
    let callus: String = store
        .conn()
        .query_row("SELECT id FROM issue WHERE title LIKE '%캘러스%'", [], |r| r.get(0))
        .expect("callus issue");
    let suggestions = desk_core::matching::suggest_for_issue(store.conn(), &callus, 10).expect("suggest");
    assert!(suggestions.iter().any(|s| s.matched.iter().any(|m| m == "식물세포 배양")), "{suggestions:?}");
}

#[test]
fn registration_numbers_are_valid_and_unique() {
    let (store, _) = demo_store(SEED, today());
    let numbers: Vec<String> = {
        let mut stmt =
            store.conn().prepare("SELECT registration_number FROM member WHERE kind = 'company'").expect("prepare");
        let rows = stmt.query_map([], |r| r.get(0)).expect("query");
        rows.collect::<Result<_, _>>().expect("numbers")
    };
    assert_eq!(numbers.len(), 80);
    for number in &numbers {
        assert!(registration_number::parse("registration_number", number).is_ok(), "{number}");
    }
    let unique: std::collections::HashSet<&String> = numbers.iter().collect();
    assert_eq!(unique.len(), numbers.len());
}

#[test]
fn a_database_with_a_cluster_is_left_alone() {
    let (mut store, id) = demo_store(SEED, today());
    let before = count(&store, "SELECT count(*) FROM change_log");
    assert_eq!(load_demo_cluster(&mut store, SEED + 7, today()).expect("second load"), id);
    assert_eq!(count(&store, "SELECT count(*) FROM change_log"), before);
    // The store is back to normal ids and clock afterwards.
    let created =
        store.write(|w| desk_core::cluster::create_small_group(w, &id, "신규 소그룹", "")).expect("a normal write");
    assert_ne!(created.len(), 0);
}

#[test]
fn small_national_scale_produces_the_requested_counts() {
    let scale = NationalScale::SMALL;
    let mut store = Store::open_in_memory().expect("store");
    let counts = generate_national(&mut store, SEED, &scale).expect("national data");
    assert_eq!(counts.clusters, scale.clusters);
    assert_eq!(counts.companies, scale.companies);
    assert_eq!(counts.people, scale.people);
    assert_eq!(counts.professors, scale.professors);
    assert_eq!(counts.researchers, scale.researchers);
    assert_eq!(counts.agency_staff, scale.agency_staff);
    assert_eq!(counts.company_staff, scale.people - scale.professors - scale.researchers - scale.agency_staff);
    assert_eq!(counts.events, scale.clusters * scale.years * scale.events_per_cluster_year);
    assert_eq!(counts.issues, scale.issues);
    assert_eq!(counts.projects, scale.projects);
    assert!(counts.invitees > counts.events * 3);
    assert!(counts.change_log_rows > 10 * (counts.companies + counts.issues));
    // Regions follow the article's split; every cluster has its own firms.
    let regions = count(&store, "SELECT count(DISTINCT region) FROM cluster");
    assert_eq!(regions as usize, scale.clusters.min(6));
    let empty = count(
        &store,
        "SELECT count(*) FROM cluster c WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.cluster_id = c.id)",
    );
    assert_eq!(empty, 0);
    let minutes = count(&store, "SELECT count(*) FROM event WHERE status = 'held' AND minutes <> ''");
    assert!(minutes as usize * 10 >= counts.events * 9);
    // Registration numbers are valid and unique across the nation.
    let bad: Vec<String> = {
        let mut stmt =
            store.conn().prepare("SELECT registration_number FROM member WHERE kind = 'company'").expect("prepare");
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).expect("query");
        rows.map(|r| r.expect("row")).filter(|n| registration_number::parse("r", n).is_err()).collect()
    };
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(
        count(&store, "SELECT count(DISTINCT registration_number) FROM member WHERE kind = 'company'") as usize,
        scale.companies
    );

    let mut again = Store::open_in_memory().expect("store");
    generate_national(&mut again, SEED, &scale).expect("national data");
    assert!(dump(&store) == dump(&again), "the same seed gives the same national data");
}

#[test]
fn the_full_scale_is_the_articles_programme() {
    let full = NationalScale::FULL;
    assert_eq!((full.clusters, full.companies, full.people), (81, 4_607, 6_223));
    assert_eq!((full.professors, full.researchers, full.agency_staff), (790, 246, 583));
    assert_eq!((full.years, full.issues, full.projects), (10, 50_000, 10_000));
    assert!((30..=40).contains(&full.events_per_cluster_year));
}

/// Generates the full national database into a file and reports time and size:
/// `cargo test --release -p desk-core --test demo_data -- --ignored --nocapture`.
#[test]
#[ignore = "takes minutes; run in release to measure"]
fn full_national_scale_timing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("national.sqlite");
    let mut store = Store::open(&path).expect("store");
    let started = std::time::Instant::now();
    let counts = generate_national(&mut store, SEED, &NationalScale::FULL).expect("national data");
    let elapsed = started.elapsed();
    store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint");
    let size = std::fs::metadata(&path).expect("file").len();
    println!("FULL national: {counts:?}");
    println!("FULL national: {:.1} s, database {:.1} MiB", elapsed.as_secs_f64(), size as f64 / (1024.0 * 1024.0));
    assert_eq!(counts.clusters, 81);
    assert_eq!(counts.companies, 4_607);
    assert_eq!(counts.people, 6_223);
    assert_eq!(counts.issues, 50_000);
    assert_eq!(counts.projects, 10_000);
}
