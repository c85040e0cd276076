//! Every changed field is logged once, with a clock that only moves forward.

mod common;

use common::*;
use desk_core::db::change_log;
use desk_core::hlc::Timestamp;
use desk_core::member;
use proptest::prelude::*;

#[test]
fn an_edit_logs_only_the_fields_that_changed_with_old_and_new_values() {
    let (mut store, cluster_id) = store_with_cluster();
    let id = add_company(&mut store, &cluster_id, "한빛코스메틱", 1, &["보습 크림"], &["나노 에멀전"]);
    let mut edit =
        member::get(store.conn(), &id).map(|_| company("한빛코스메틱", 1, &["보습 크림"], &["나노 에멀전"])).unwrap();
    edit.name = "한빛바이오코스메틱".into();
    edit.employees = Some(42);
    store.write(|w| member::update(w, &id, &edit)).unwrap();

    let history: Vec<_> = change_log::history(store.conn(), &id).unwrap().into_iter().map(|e| e.change).collect();
    let last_action = &history[0].action_id;
    let mut edited: Vec<(&str, Option<&str>, Option<&str>)> = history
        .iter()
        .filter(|c| &c.action_id == last_action)
        .map(|c| (c.field.as_str(), c.old_value.as_deref(), c.new_value.as_deref()))
        .collect();
    edited.sort();
    assert_eq!(
        edited,
        [("employees", None, Some("42")), ("name", Some("\"한빛코스메틱\""), Some("\"한빛바이오코스메틱\""))]
    );
    assert!(history.iter().all(|c| c.device_id == store.device_id()));

    // Saving the same values again logs nothing.
    let before = count(&store, "change_log");
    store.write(|w| member::update(w, &id, &edit)).unwrap();
    assert_eq!(count(&store, "change_log"), before);
}

#[test]
fn a_delete_is_a_logged_field() {
    let (mut store, cluster_id) = store_with_cluster();
    let id = add_company(&mut store, &cluster_id, "지울회사", 2, &[], &[]);
    store.write(|w| member::delete(w, &id)).unwrap();
    let history: Vec<_> = change_log::history(store.conn(), &id).unwrap().into_iter().map(|e| e.change).collect();
    assert_eq!(history[0].field, "deleted");
    assert_eq!(history[0].new_value.as_deref(), Some("1"));
    assert!(member::get(store.conn(), &id).is_err());
    assert!(desk_core::search::search(store.conn(), "지울회사", 5).unwrap().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Replaying the log's newest value per field gives the row as stored, and the log's
    /// clock values are strictly increasing in write order.
    #[test]
    fn the_log_replays_to_the_stored_row(edits in proptest::collection::vec((0usize..3, "[가-힣]{1,6}", 0i64..500), 1..12)) {
        let (mut store, cluster_id) = store_with_cluster();
        let id = add_company(&mut store, &cluster_id, "처음회사", 3, &[], &[]);
        let mut input = company("처음회사", 3, &[], &[]);
        for (which, text, number) in &edits {
            match which {
                0 => input.name = text.clone(),
                1 => input.ceo_name = text.clone(),
                _ => input.employees = Some(*number),
            }
            store.write(|w| member::update(w, &id, &input)).unwrap();
        }
        let stored = member::get(store.conn(), &id).unwrap();
        let mut stmt = store.conn().prepare("SELECT field, new_value, hlc FROM change_log WHERE record_id = ?1 ORDER BY seq").unwrap();
        let rows: Vec<(String, Option<String>, String)> =
            stmt.query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
        let latest = |field: &str| rows.iter().rev().find(|(f, _, _)| f == field).and_then(|(_, v, _)| v.clone());
        prop_assert_eq!(latest("name"), Some(serde_json::to_string(&stored.name).unwrap()));
        prop_assert_eq!(latest("ceo_name"), Some(serde_json::to_string(&stored.ceo_name).unwrap()));
        prop_assert_eq!(latest("employees"), stored.employees.map(|e| e.to_string()));
        let clocks: Vec<Timestamp> = rows.iter().map(|(_, _, h)| Timestamp::parse(h).unwrap()).collect();
        prop_assert!(clocks.windows(2).all(|w| w[0] < w[1]));
    }
}
