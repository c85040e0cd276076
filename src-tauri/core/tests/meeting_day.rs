//! The manager's day: minutes that survive a crash without flooding the history, events
//! created with everyone invited at once, readable history, and the demo's history not
//! counted as the manager's unsent work.

mod common;

use common::*;
use desk_core::cluster;
use desk_core::event::{self, EventInput, EventKind, InviteeRef};
use desk_core::person::{self, PersonInput, PersonRole};
use desk_core::{minutes_draft, CoreError, Store};

fn seminar() -> EventInput {
    EventInput {
        kind: Some(EventKind::Seminar),
        title: "스마트공장 기술세미나".into(),
        starts_at: "2026-11-30T14:00:00+09:00".into(),
        ends_at: "2026-11-30T16:00:00+09:00".into(),
        place: "남동산단 지원센터".into(),
        ..Default::default()
    }
}

fn minutes_rows(store: &Store, event_id: &str) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM change_log WHERE record_id = ?1 AND field IN ('minutes', 'decisions')",
            [event_id],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn drafts_are_on_disk_at_once_and_a_typing_session_is_one_history_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let event_id;
    {
        let mut store = Store::open(&path).unwrap();
        let cluster_id = store.write(|w| cluster::create(w, &cluster_input())).unwrap();
        event_id = store.write(|w| event::create(w, &cluster_id, &seminar())).unwrap();
        let mut typed = String::new();
        for word in ["1. 원료 ", "공동구매 ", "현황 ", "공유"] {
            typed.push_str(word);
            minutes_draft::save(store.conn(), &event_id, &typed, "").unwrap();
        }
        assert_eq!(minutes_rows(&store, &event_id), 0, "drafts are not logged");
        assert_eq!(event::get(store.conn(), &event_id).unwrap().event.minutes, "");
        // The app dies here: the store is dropped without any logged save.
    }
    let mut store = Store::open(&path).unwrap();
    let draft = minutes_draft::get(store.conn(), &event_id).unwrap().expect("the draft survived");
    assert_eq!(draft.minutes, "1. 원료 공동구매 현황 공유");
    let report = minutes_draft::commit_all(&mut store).unwrap();
    assert_eq!(report.saved, vec![event_id.clone()]);
    assert_eq!(event::get(store.conn(), &event_id).unwrap().event.minutes, "1. 원료 공동구매 현황 공유");
    assert_eq!(minutes_rows(&store, &event_id), 1, "four drafts became one logged change");
    assert!(minutes_draft::get(store.conn(), &event_id).unwrap().is_none(), "the saved draft is gone");
    assert_eq!(minutes_draft::commit_all(&mut store).unwrap().saved.len(), 0, "nothing is saved twice");
}

#[test]
fn a_logged_save_replaces_the_draft_in_the_same_transaction() {
    let (mut store, cluster_id) = store_with_cluster();
    let id = store.write(|w| event::create(w, &cluster_id, &seminar())).unwrap();
    minutes_draft::save(store.conn(), &id, "초안", "").unwrap();
    store.write(|w| event::save_minutes(w, &id, "최종", "결정")).unwrap();
    assert!(minutes_draft::get(store.conn(), &id).unwrap().is_none());
    assert!(!store.write(|w| minutes_draft::commit(w, &id)).unwrap(), "no draft left to save over the final text");
    assert_eq!(event::get(store.conn(), &id).unwrap().event.minutes, "최종");
}

/// Another laptop's edit of a meeting's minutes, as a pull brings it.
fn pulled_minutes(seq: i64, event_id: &str, old: &str, new: &str) -> desk_core::sync::RemoteChange {
    // A second ahead of this laptop: after its own earlier saves, whatever the clock.
    let now = desk_core::hlc::wall_millis() + 1_000;
    desk_core::sync::RemoteChange {
        server_seq: seq,
        device_id: "0193a1b2-0000-7000-8000-0000000000b2".into(),
        hlc: format!("{:012x}-{:06x}-{:016x}", now, 0, 0xb2),
        action_id: format!("0193a1b2-0000-7000-8000-00000000a{seq:03}"),
        table: "event".into(),
        record_id: event_id.into(),
        field: "minutes".into(),
        old_value: Some(serde_json::Value::from(old).to_string()),
        new_value: Some(serde_json::Value::from(new).to_string()),
    }
}

fn text(minutes: &str) -> minutes_draft::MinutesText {
    minutes_draft::MinutesText { minutes: minutes.into(), decisions: String::new() }
}

#[test]
fn the_editors_save_keeps_the_lines_sync_brought_while_the_page_was_open() {
    let (mut store, cluster_id) = store_with_cluster();
    let id = store.write(|w| event::create(w, &cluster_id, &seminar())).unwrap();
    store.write(|w| event::save_minutes(w, &id, "회의록", "")).unwrap();
    // The page opens on "회의록"; meanwhile the background sync brings the assistant's note.
    let opened = text("회의록");
    let page = [pulled_minutes(1, &id, "회의록", "회의록\n김: 시제품 일정 확인")];
    desk_core::sync::apply_page_or_set_aside(&mut store, &page, 1).unwrap();
    // The manager, who never saw that note, types one of their own and the session ends.
    let typed = text("회의록\n장: 포장재 단가 문의");
    let saved = store.write(|w| event::save_minutes_from(w, &id, &typed, &opened)).unwrap();
    assert_eq!(saved.minutes, "회의록\n김: 시제품 일정 확인\n장: 포장재 단가 문의");
    assert_eq!(event::get(store.conn(), &id).unwrap().event.minutes, saved.minutes);
    assert_eq!(desk_core::sync::conflict::count_open(store.conn()).unwrap(), 0);
    // The next session starts from what the editor last saved, and the note still stays.
    let more = text("회의록\n장: 포장재 단가 문의\n장: 다음 달 재논의");
    let saved = store.write(|w| event::save_minutes_from(w, &id, &more, &typed)).unwrap();
    assert_eq!(saved.minutes, "회의록\n김: 시제품 일정 확인\n장: 포장재 단가 문의\n장: 다음 달 재논의");
    // Saving with nothing typed since the start leaves the record alone.
    let unchanged = store.write(|w| event::save_minutes_from(w, &id, &more, &more)).unwrap();
    assert_eq!(unchanged.minutes, saved.minutes);
}

#[test]
fn a_draft_a_crash_left_keeps_the_lines_sync_brought_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let id = {
        let mut store = Store::open(&path).unwrap();
        let cluster_id = store.write(|w| cluster::create(w, &cluster_input())).unwrap();
        let id = store.write(|w| event::create(w, &cluster_id, &seminar())).unwrap();
        store.write(|w| event::save_minutes(w, &id, "회의록", "")).unwrap();
        let page = [pulled_minutes(1, &id, "회의록", "회의록\n김: 원격 메모")];
        desk_core::sync::apply_page_or_set_aside(&mut store, &page, 1).unwrap();
        // The editor, opened before that sync, drafts its typing; then the app is killed.
        minutes_draft::save_from(store.conn(), &id, &text("회의록\n장: 현장 메모"), Some(&text("회의록"))).unwrap();
        id
    };
    let mut store = Store::open(&path).unwrap();
    assert_eq!(minutes_draft::commit_all(&mut store).unwrap().saved, vec![id.clone()]);
    assert_eq!(event::get(store.conn(), &id).unwrap().event.minutes, "회의록\n김: 원격 메모\n장: 현장 메모");
}

#[test]
fn minutes_too_long_to_sync_are_refused_by_field_and_nothing_is_written() {
    let (mut store, cluster_id) = store_with_cluster();
    let id = store.write(|w| event::create(w, &cluster_id, &seminar())).unwrap();
    store.write(|w| event::save_minutes(w, &id, "기존 회의록", "")).unwrap();
    let four_mib = "가".repeat(4 * 1024 * 1024 / 3);
    for error in [
        minutes_draft::save(store.conn(), &id, &four_mib, "").unwrap_err(),
        store.write(|w| event::save_minutes(w, &id, &four_mib, "")).unwrap_err(),
    ] {
        let fields = error.field_errors();
        assert_eq!((fields[0].field.as_str(), fields[0].rule.as_str()), ("minutes", "max_length"));
        assert!(fields[0].message_ko.contains("회의록은 500 KB까지"), "{}", fields[0].message_ko);
    }
    assert_eq!(event::get(store.conn(), &id).unwrap().event.minutes, "기존 회의록");
    assert!(minutes_draft::get(store.conn(), &id).unwrap().is_none());
    let unknown = minutes_draft::save(store.conn(), "no-such-event", "x", "").unwrap_err();
    assert!(matches!(unknown, CoreError::NotFound { kind: "event", .. }));
}

#[test]
fn an_event_is_created_with_members_people_and_small_groups_invited_in_one_action() {
    let (mut store, cluster_id) = store_with_cluster();
    let a = add_company(&mut store, &cluster_id, "한빛코스메틱", 1, &[], &[]);
    let b = add_company(&mut store, &cluster_id, "청운화학", 2, &[], &[]);
    let c = add_company(&mut store, &cluster_id, "대성포장", 3, &[], &[]);
    let group = store
        .write(|w| {
            let g = cluster::create_small_group(w, &cluster_id, "포장 소그룹", "")?;
            cluster::add_to_small_group(w, &g, &b)?;
            cluster::add_to_small_group(w, &g, &c)?;
            Ok(g)
        })
        .unwrap();
    let professor = store
        .write(|w| {
            person::create(
                w,
                &cluster_id,
                &PersonInput {
                    role: Some(PersonRole::Professor),
                    name: "김교수".into(),
                    affiliation: "인하대학교".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let actions_before: i64 =
        store.conn().query_row("SELECT count(DISTINCT action_id) FROM change_log", [], |r| r.get(0)).unwrap();
    let id = store
        .write(|w| {
            event::create_with_invitations(
                w,
                &cluster_id,
                &seminar(),
                &[InviteeRef::Member(a.clone()), InviteeRef::Member(b.clone()), InviteeRef::Person(professor.clone())],
                std::slice::from_ref(&group),
            )
        })
        .unwrap();
    let detail = event::get(store.conn(), &id).unwrap();
    let mut names: Vec<&str> = detail.invitees.iter().map(|i| i.name.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        ["김교수", "대성포장", "청운화학", "한빛코스메틱"],
        "a member in the group and picked is invited once"
    );
    let actions_after: i64 =
        store.conn().query_row("SELECT count(DISTINCT action_id) FROM change_log", [], |r| r.get(0)).unwrap();
    assert_eq!(actions_after - actions_before, 1, "creating and inviting is one action");

    // A failure in any invitation writes nothing at all.
    let before = count(&store, "event");
    let bad = store.write(|w| {
        event::create_with_invitations(w, &cluster_id, &seminar(), &[InviteeRef::Member("missing".into())], &[])
    });
    assert!(bad.is_err());
    assert_eq!(count(&store, "event"), before);
}

#[test]
fn history_names_the_records_an_id_points_at_and_the_device_that_changed_it() {
    let (mut store, cluster_id) = store_with_cluster();
    let firm = add_company(&mut store, &cluster_id, "한빛코스메틱", 1, &[], &[]);
    let visit = EventInput {
        kind: Some(EventKind::PlantVisit),
        title: "한빛코스메틱 현장방문".into(),
        visited_member_id: Some(firm.clone()),
        ..seminar()
    };
    let id = store.write(|w| event::create(w, &cluster_id, &visit)).unwrap();
    let history = desk_core::history::of_record(store.conn(), &id).unwrap();
    let visited = history.iter().find(|h| h.change.field == "visited_member_id").expect("logged");
    assert_eq!(visited.new_label.as_deref(), Some("한빛코스메틱"));
    let cluster_row = history.iter().find(|h| h.change.field == "cluster_id").expect("logged");
    assert_eq!(cluster_row.new_label.as_deref(), Some("시험 미니클러스터"));
    let title = history.iter().find(|h| h.change.field == "title").expect("logged");
    assert_eq!(title.new_label, None, "a text field is shown as it is");
    assert!(history.iter().all(|h| h.this_device));
}

#[test]
fn the_demo_clusters_generated_history_is_not_the_managers_unsent_work() {
    let mut store = Store::open_in_memory().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let cluster_id = desk_demo::load_demo_cluster(&mut store, 2009, today).unwrap();
    assert!(desk_core::sync::pending_changes(store.conn()).unwrap() > 1000, "unmarked, the demo counts");
    desk_core::sync::mark_generated_history(store.conn()).unwrap();
    assert_eq!(desk_core::sync::pending_changes(store.conn()).unwrap(), 0);
    assert!(desk_core::sync::state(store.conn()).unwrap().demo_data);
    let id = store.write(|w| event::create(w, &cluster_id, &seminar())).unwrap();
    let logged: i64 =
        store.conn().query_row("SELECT count(*) FROM change_log WHERE record_id = ?1", [&id], |r| r.get(0)).unwrap();
    assert_eq!(desk_core::sync::pending_changes(store.conn()).unwrap(), logged, "the manager's own edit counts");
}
