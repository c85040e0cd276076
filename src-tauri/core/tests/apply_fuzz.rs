//! Generated pull pages applied to a laptop's database, as a broken or hostile server
//! might send them: unknown tables and fields, ids that are paths or quotes, clock times
//! that are not clock times, values that are not JSON or of the wrong type, huge values,
//! deletions of records never seen. The laptop must answer every page without an error,
//! set aside what it cannot store, and keep its database intact.

use desk_core::sync::{apply_page_or_set_aside, RemoteChange};
use desk_core::Store;
use proptest::prelude::*;

fn remote_change() -> impl Strategy<Value = RemoteChange> {
    let table = prop::sample::select(vec![
        "member",
        "person",
        "event",
        "issue",
        "project",
        "cluster",
        "small_group",
        "small_group_member",
        "project_stage_change",
        "attachment",
        "sync_conflict",
        "payroll",
        "",
    ]);
    let field = prop::sample::select(vec![
        "name",
        "cluster_id",
        "kind",
        "deleted",
        "employees",
        "revenue_won",
        "starts_at",
        "minutes",
        "stage",
        "member_id",
        "group_id",
        "content_hash",
        "registration_number",
        "notes",
        "salary",
        "",
    ]);
    let record = prop_oneof![
        prop::sample::select(vec!["m1", "m2", "p1", "e1", "g1", "g1/m1", "c1"]).prop_map(str::to_string),
        Just("../../etc/passwd".to_string()),
        Just("a'b\"c".to_string()),
        "[a-z0-9/-]{1,12}",
        Just("x".repeat(300)),
    ];
    let value = prop_oneof![
        Just(None),
        Just(Some("\"한빛\"".to_string())),
        Just(Some("1".to_string())),
        Just(Some("0".to_string())),
        Just(Some("-99999999999999999999".to_string())),
        Just(Some("\"c1\"".to_string())),
        Just(Some("\"m1\"".to_string())),
        Just(Some("{not json".to_string())),
        Just(Some("[1,2,{\"a\":null}]".to_string())),
        (0usize..300_000).prop_map(|n| Some(serde_json::Value::from("가".repeat(n)).to_string())),
        ".{0,20}".prop_map(Some),
    ];
    let hlc = prop_oneof![
        (1u64..2_000_000_000_000, 0u32..5, 1u64..9).prop_map(|(ms, c, n)| format!("{ms:012x}-{c:06x}-{n:016x}")),
        Just("not a clock".to_string()),
        Just(String::new()),
    ];
    (table, field, record, value.clone(), value, hlc, prop::sample::select(vec!["a1", "a2", "a3"]), 1u8..4).prop_map(
        |(table, field, record_id, old_value, new_value, hlc, action, device)| RemoteChange {
            server_seq: 0,
            device_id: format!("0193a1b2-0000-7000-8000-00000000000{device}"),
            hlc,
            action_id: action.into(),
            table: table.into(),
            record_id,
            field: field.into(),
            old_value,
            new_value,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_page_is_applied_or_set_aside_and_the_database_stays_intact(
        pages in prop::collection::vec(prop::collection::vec(remote_change(), 0..25), 1..4)
    ) {
        let mut store = Store::open_in_memory().unwrap();
        let mut seq = 0;
        for mut page in pages {
            for change in &mut page {
                seq += 1;
                change.server_seq = seq;
            }
            let report = apply_page_or_set_aside(&mut store, &page, seq);
            prop_assert!(report.is_ok(), "{report:?}");
        }
        let integrity: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        prop_assert_eq!(integrity, "ok");
        // Nothing with an id that is not one was stored (it is set aside instead).
        for table in ["member", "person", "event", "issue", "project", "small_group"] {
            let bad: i64 = store
                .conn()
                .query_row(&format!("SELECT count(*) FROM {table} WHERE id GLOB '*[^0-9A-Za-z/-]*' OR length(id) > 200"), [], |r| r.get(0))
                .unwrap();
            prop_assert_eq!(bad, 0, "{} has a stored id that is no id", table);
        }
        // The laptop still works: its sync state and a search.
        let summary = desk_core::sync::state(store.conn());
        prop_assert!(summary.is_ok());
        prop_assert!(desk_core::search::search(store.conn(), "한빛", 5).is_ok());
    }
}
