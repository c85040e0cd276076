//! Merging two records of one company, the member page, calendar export and home figures.

mod common;

use common::*;
use desk_core::event::{self, EventInput, EventKind, InviteeRef};
use desk_core::issue::{self, IssueCategory, IssueInput, IssueStage};
use desk_core::member::{self, MemberInput, MemberKind};

#[test]
fn merging_moves_every_reference_and_keeps_both_records_details() {
    let (mut store, cluster_id) = store_with_cluster();
    let keep = add_company(&mut store, &cluster_id, "(주)한빛코스메틱", 1, &["보습 크림"], &["나노 에멀전"]);
    let mut dup_input = company("한빛 코스메틱", 2, &["선크림"], &["나노 에멀전", "UV 차단"]);
    dup_input.ceo_name = "김대표".into();
    dup_input.employees = Some(31);
    let mut keep_input = company("(주)한빛코스메틱", 1, &["보습 크림"], &["나노 에멀전"]);
    keep_input.ceo_name = String::new();
    store.write(|w| member::update(w, &keep, &keep_input)).unwrap();
    let duplicate = store.write(|w| member::create(w, &cluster_id, &dup_input)).unwrap();
    assert_eq!(
        member::likely_duplicates(store.conn(), &keep).unwrap()[0].id,
        duplicate,
        "same name but for spaces and (주)"
    );

    // References to the duplicate: an invitation, an issue, a person.
    let event_id = store
        .write(|w| {
            let id = event::create(
                w,
                &cluster_id,
                &EventInput {
                    kind: Some(EventKind::RegularMeeting),
                    title: "정기회의".into(),
                    starts_at: "2026-11-25T15:00:00+09:00".into(),
                    ends_at: "2026-11-25T17:00:00+09:00".into(),
                    ..Default::default()
                },
            )?;
            event::invite(w, &id, &InviteeRef::Member(duplicate.clone()))?;
            Ok(id)
        })
        .unwrap();
    let issue_id = store
        .write(|w| {
            issue::create(
                w,
                &cluster_id,
                &IssueInput {
                    title: "자외선 차단 성분 수급".into(),
                    category: Some(IssueCategory::Technology),
                    stage: Some(IssueStage::TechnologyDevelopment),
                    member_ids: vec![duplicate.clone()],
                    found_on: "2026-11-20".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();

    let merged = store.write(|w| member::merge(w, &keep, &duplicate)).unwrap();
    assert_eq!(merged.ceo_name, "김대표", "an empty field is filled from the duplicate");
    assert_eq!(merged.employees, Some(31));
    assert_eq!(merged.products, ["보습 크림", "선크림"]);
    assert_eq!(merged.technologies, ["나노 에멀전", "UV 차단"], "keywords are joined without repeats");
    assert!(member::get(store.conn(), &duplicate).is_err(), "the duplicate is gone");
    let invitees = event::get(store.conn(), &event_id).unwrap().invitees;
    assert_eq!(invitees.iter().map(|i| i.member_id.clone()).collect::<Vec<_>>(), [Some(keep.clone())]);
    assert_eq!(issue::get(store.conn(), &issue_id).unwrap().member_ids, vec![keep.clone()]);
    let detail = member::detail(store.conn(), &keep).unwrap();
    assert_eq!(detail.issues.len(), 1);
    assert_eq!(detail.events.len(), 1);
    assert!(!detail.history.is_empty());

    let itself = store.write(|w| member::merge(w, &keep, &keep)).unwrap_err();
    assert_eq!(itself.field_errors()[0].rule, "different");
}

#[test]
fn a_range_export_holds_confirmed_and_cancelled_events_with_rising_sequence() {
    let (mut store, cluster_id) = store_with_cluster();
    let input = |title: &str, day: u32| EventInput {
        kind: Some(EventKind::Seminar),
        title: title.into(),
        starts_at: format!("2026-12-{day:02}T14:00:00+09:00"),
        ends_at: format!("2026-12-{day:02}T16:00:00+09:00"),
        place: "남동비즈니스센터".into(),
        ..Default::default()
    };
    let kept = store.write(|w| event::create(w, &cluster_id, &input("수출 세미나, 1부; 인증", 3))).unwrap();
    let moved = store.write(|w| event::create(w, &cluster_id, &input("원료 세미나", 10))).unwrap();
    let first = desk_core::ics::export_event(store.conn(), &moved).unwrap();
    assert!(first.contains("SEQUENCE:0\r\n"));
    store.write(|w| event::update(w, &moved, &input("원료 세미나", 11))).unwrap();
    store.write(|w| event::cancel(w, &moved, "연사 사정")).unwrap();

    let ics = desk_core::ics::export_range(
        store.conn(),
        &cluster_id,
        "2026-12-01T00:00:00+09:00",
        "2027-01-01T00:00:00+09:00",
    )
    .unwrap();
    assert!(ics.contains("METHOD:PUBLISH\r\n"), "a mix of confirmed and cancelled events is published");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    assert!(ics.contains(&format!("UID:{kept}@")));
    assert!(ics.contains("SUMMARY:수출 세미나\\, 1부\\; 인증\r\n"), "commas and semicolons are escaped");
    let cancelled = ics.split("BEGIN:VEVENT").find(|block| block.contains(&moved)).unwrap();
    assert!(cancelled.contains("STATUS:CANCELLED"));
    assert!(cancelled.contains("DTSTART:20261211T050000Z"));
    let sequence: u32 = cancelled.lines().find_map(|l| l.strip_prefix("SEQUENCE:")).unwrap().trim().parse().unwrap();
    assert!(sequence >= 2, "rescheduled and cancelled: {sequence}");
    assert!(ics.lines().all(|l| l.len() <= 75), "lines are folded at 75 octets");
}

#[test]
fn home_shows_this_weeks_events_due_items_and_pending_changes() {
    let (mut store, cluster_id) = store_with_cluster();
    let firm = add_company(&mut store, &cluster_id, "한빛코스메틱", 1, &[], &[]);
    let university =
        MemberInput { kind: Some(MemberKind::University), name: "인하대학교".into(), ..Default::default() };
    store.write(|w| member::create(w, &cluster_id, &university)).unwrap();
    let meeting = |day: u32| EventInput {
        kind: Some(EventKind::RegularMeeting),
        title: format!("{day}일 회의"),
        starts_at: format!("2026-11-{day:02}T15:00:00+09:00"),
        ends_at: format!("2026-11-{day:02}T16:00:00+09:00"),
        ..Default::default()
    };
    for day in [16, 25, 27, 30] {
        store.write(|w| event::create(w, &cluster_id, &meeting(day))).unwrap();
    }
    store
        .write(|w| {
            event::add_action_item(
                w,
                None,
                &event::ActionItemInput {
                    title: "시험성적서 전달".into(),
                    due_on: "2026-11-28".into(),
                    assignee_member_id: Some(firm.clone()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let home = desk_core::home::home(store.conn(), &cluster_id, today).unwrap();
    let week: Vec<&str> = home.week_events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(week, ["25일 회의", "27일 회의"], "Monday 23 to Sunday 29");
    assert_eq!(home.today_events.len(), 1);
    assert_eq!(home.action_items_due[0].assignee_name, "한빛코스메틱");
    let logged: i64 = store.conn().query_row("SELECT count(*) FROM change_log", [], |r| r.get(0)).unwrap();
    assert_eq!(home.pending_changes, logged, "nothing synced yet: every change is pending");
}
