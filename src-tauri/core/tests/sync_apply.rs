//! Applying pulled changes on the laptop: a value that is not JSON (a broken or hostile
//! client upstream) is set aside and counted, never stored as an empty field, and never
//! stops the changes behind it.

use desk_core::sync::{apply_page_or_set_aside, RemoteChange};
use desk_core::Store;

fn change(seq: i64, action: &str, record: &str, field: &str, value: &str) -> RemoteChange {
    RemoteChange {
        server_seq: seq,
        device_id: "0193a1b2-0000-7000-8000-000000000001".into(),
        hlc: format!("{:012x}-{:06x}-{:016x}", 1_790_000_000_000u64 + seq as u64, 0, 7),
        action_id: action.into(),
        table: "member".into(),
        record_id: record.into(),
        field: field.into(),
        old_value: None,
        new_value: Some(value.into()),
    }
}

#[test]
fn a_value_that_is_not_json_is_set_aside_and_the_rest_applies() {
    let mut store = Store::open_in_memory().unwrap();
    let page = [change(1, "a1", "m-broken", "name", "{not json"), change(2, "a2", "m-good", "name", "\"한빛화장품\"")];
    let report = apply_page_or_set_aside(&mut store, &page, 2).unwrap();
    assert_eq!((report.applied, report.unapplied), (1, 1), "{report:?}");
    let names: Vec<(String, String)> = {
        let mut stmt = store.conn().prepare("SELECT id, name FROM member ORDER BY id").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(names, [("m-good".to_string(), "한빛화장품".to_string())], "nothing stored from the broken value");
    assert_eq!(desk_core::sync::state(store.conn()).unwrap().unapplied_changes, 1, "counted on the sync screen");
}
