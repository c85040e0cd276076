//! A manager's two laptops and head office, syncing through the real server: records
//! travel both ways, head office's decisions and directory come down, concurrent edits
//! are merged or kept as conflicts, and a sync with nothing to do costs one small request.

mod common;

use common::{office_with_two_laptops, Laptop};
use desk_core::event;
use desk_core::member;
use desk_core::sync::conflict::{self, ConflictChoice};
use desk_core::sync::plan::ConflictKind;
use sync_wire::{NationalExpert, ProjectDecision};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_company_added_on_one_laptop_reaches_the_other() {
    let (_server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    assert_eq!(second.cluster_id(), first.cluster_id(), "the second laptop received the cluster");

    let id = first.add_company("(주)한빛화장품", 1);
    let report = first.sync().await;
    assert!(report.pushed > 5, "every field of the new company was pushed: {report:?}");
    assert_eq!(desk_core::sync::pending_changes(first.store.conn()).unwrap(), 0);

    let report = second.sync().await;
    assert!(report.pulled > 5, "{report:?}");
    let there = member::get(second.store.conn(), &id).expect("the company is on the second laptop");
    assert_eq!(there.name, "(주)한빛화장품");
    assert_eq!(
        desk_core::search::search(second.store.conn(), "한빛", 5).unwrap().len(),
        1,
        "what arrives by sync is searchable"
    );
    common::assert_same_rows(&first.snapshot(), &second.snapshot(), "the two laptops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_with_nothing_to_do_is_one_small_request() {
    let (_server, _cluster, mut first, _second) = office_with_two_laptops().await;
    first.sync().await;
    let office = first.office.clone().unwrap();
    let before = office.traffic.snapshot();
    first.sync().await;
    let after = office.traffic.snapshot();
    assert_eq!(after.0 - before.0, 1, "one pull, no push");
    assert!(after.1 - before.1 + after.2 - before.2 < 1024, "under 1 KB: {before:?} → {after:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_edits_of_one_field_keep_the_loser_as_a_conflict() {
    let (_server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    let id = first.add_company("(주)다온", 2);
    first.sync().await;
    second.sync().await;

    // Both edit the phone number offline.
    let mut input = common::company("(주)다온", 2);
    input.phone = "032-111-1111".into();
    first.store.write(|w| member::update(w, &id, &input)).unwrap();
    input.phone = "032-222-2222".into();
    second.store.write(|w| member::update(w, &id, &input)).unwrap();

    first.sync().await;
    second.sync().await;
    first.sync().await;
    common::assert_same_rows(&first.snapshot(), &second.snapshot(), "the two laptops");
    let winner = member::get(first.store.conn(), &id).unwrap().phone;
    let open = conflict::open(first.store.conn()).unwrap();
    assert_eq!(open.len(), 1, "{open:?}");
    let c = &open[0];
    assert_eq!(
        (c.kind, c.field.as_str(), c.record_label.as_str()),
        (ConflictKind::ConcurrentEdit, "phone", "(주)다온")
    );
    let values = [c.kept_value.clone().unwrap(), c.lost_value.clone().unwrap()];
    assert!(values.contains(&"\"032-111-1111\"".to_string()) && values.contains(&"\"032-222-2222\"".to_string()));
    assert_eq!(c.kept_value.as_deref(), Some(format!("\"{winner}\"").as_str()));

    // The manager takes the value that lost; the choice syncs like any edit.
    let lost: String = serde_json::from_str(c.lost_value.as_deref().unwrap()).unwrap();
    let conflict_id = c.id.clone();
    second.store.write(|w| conflict::resolve(w, &conflict_id, &ConflictChoice::TakeLost)).unwrap();
    second.sync().await;
    first.sync().await;
    assert_eq!(member::get(first.store.conn(), &id).unwrap().phone, lost);
    assert!(conflict::open(first.store.conn()).unwrap().is_empty());
    common::assert_same_rows(&first.snapshot(), &second.snapshot(), "the two laptops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn minutes_edited_on_two_laptops_are_merged_line_by_line() {
    let (_server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    let id = first.add_meeting("12월 분과 회의");
    let base = "1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정";
    first.store.write(|w| event::save_minutes(w, &id, base, "")).unwrap();
    first.sync().await;
    second.sync().await;

    first
        .store
        .write(|w| event::save_minutes(w, &id, "1. 참석자 소개 (12명)\n2. 애로사항 청취\n3. 다음 일정", ""))
        .unwrap();
    second
        .store
        .write(|w| event::save_minutes(w, &id, "1. 참석자 소개\n2. 애로사항 청취\n3. 다음 일정: 1월 7일", ""))
        .unwrap();
    first.sync().await;
    second.sync().await;
    first.sync().await;

    let merged = "1. 참석자 소개 (12명)\n2. 애로사항 청취\n3. 다음 일정: 1월 7일";
    for laptop in [&first, &second] {
        assert_eq!(laptop.value(&format!("SELECT minutes FROM event WHERE id = '{id}'")), merged);
        assert!(conflict::open(laptop.store.conn()).unwrap().is_empty(), "a clean merge is no conflict");
    }
    common::assert_same_rows(&first.snapshot(), &second.snapshot(), "the two laptops");

    // The same line edited on both: both versions are kept.
    first
        .store
        .write(|w| event::save_minutes(w, &id, "1. 참석자 소개 (12명)\n2. 애로사항: 포장재\n3. 다음 일정: 1월 7일", ""))
        .unwrap();
    second
        .store
        .write(|w| event::save_minutes(w, &id, "1. 참석자 소개 (12명)\n2. 애로사항: 인력난\n3. 다음 일정: 1월 7일", ""))
        .unwrap();
    first.sync().await;
    second.sync().await;
    first.sync().await;
    let open = conflict::open(first.store.conn()).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].kind, ConflictKind::TextOverlap);
    let both = format!("{:?}{:?}", open[0].kept_value, open[0].lost_value);
    assert!(both.contains("포장재") && both.contains("인력난"), "{both}");
    common::assert_same_rows(&first.snapshot(), &second.snapshot(), "the two laptops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_three_laptops_add_to_one_meeting_are_all_kept_without_a_conflict() {
    let (server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    let id = first.add_meeting("12월 정기회의");
    first.store.write(|w| event::save_minutes(w, &id, "12월 정기회의 회의록", "")).unwrap();
    first.sync().await;
    second.sync().await;
    let mut third = Laptop::new();
    third.sign_in(&server, "jang", "").await;
    third.sync().await;

    // After the meeting each adds notes in two typing sessions before syncing again.
    let mut laptops = [first, second, third];
    for (n, laptop) in laptops.iter_mut().enumerate() {
        for session in 0..2 {
            let text = laptop.value(&format!("SELECT minutes FROM event WHERE id = '{id}'"));
            let text = format!("{text}\n{}번 노트북 메모 {session}", n + 1);
            laptop.store.write(|w| event::save_minutes(w, &id, &text, "")).unwrap();
        }
    }
    for _ in 0..2 {
        for laptop in &mut laptops {
            laptop.sync().await;
        }
    }
    let minutes = laptops[0].value(&format!("SELECT minutes FROM event WHERE id = '{id}'"));
    for n in 1..=3 {
        for session in 0..2 {
            let line = format!("{n}번 노트북 메모 {session}");
            assert_eq!(minutes.matches(&line).count(), 1, "{line} is kept once: {minutes}");
        }
    }
    for laptop in &laptops {
        assert!(conflict::open(laptop.store.conn()).unwrap().is_empty(), "no conflict to settle");
        assert_eq!(laptop.value(&format!("SELECT minutes FROM event WHERE id = '{id}'")), minutes);
    }
    common::assert_same_rows(&laptops[0].snapshot(), &laptops[2].snapshot(), "the first and third laptops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attendance_conflicts_settle_at_once_by_the_clock_and_a_text_keeps_both_versions() {
    let (_server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    let meeting = first.add_meeting("12월 정기회의");
    let members: Vec<String> = (0..3).map(|i| first.add_company(&format!("회사{i}"), i + 1)).collect();
    for m in &members {
        first.store.write(|w| event::invite(w, &meeting, &event::InviteeRef::Member(m.clone()))).unwrap();
    }
    first.store.write(|w| event::save_minutes(w, &meeting, "안건: 포장재", "")).unwrap();
    first.sync().await;
    second.sync().await;
    let invitees: Vec<String> =
        event::get(first.store.conn(), &meeting).unwrap().invitees.into_iter().map(|i| i.id).collect();

    // Both mark everyone, differently, and both rewrite the same line of the minutes.
    for id in &invitees {
        first.store.write(|w| event::set_attendance(w, id, event::Attendance::Present)).unwrap();
    }
    first.store.write(|w| event::save_minutes(w, &meeting, "안건: 포장재 단가", "")).unwrap();
    for id in &invitees {
        second.store.write(|w| event::set_attendance(w, id, event::Attendance::Absent)).unwrap();
    }
    second.store.write(|w| event::save_minutes(w, &meeting, "안건: 포장재 납기", "")).unwrap();
    first.sync().await;
    second.sync().await;
    first.sync().await;

    let open = conflict::open(first.store.conn()).unwrap();
    let (texts, marks): (Vec<_>, Vec<_>) = open.iter().partition(|c| c.text);
    assert_eq!((texts.len(), marks.len()), (1, 3), "{open:#?}");
    assert!(marks.iter().all(|c| c.field == "attendance" && c.kept_at >= c.lost_at), "the held mark is the newer");
    // "Keep both" is for long texts: a mark says so, naming the rule.
    let refused = first.store.write(|w| conflict::resolve(w, &marks[0].id, &ConflictChoice::KeepBoth)).unwrap_err();
    assert!(
        matches!(&refused, desk_core::CoreError::Validation(e) if e[0].field == "choice" && e[0].rule == "not_text"),
        "{refused:?}"
    );
    assert!(
        marks.iter().all(|c| c.record_label.contains("회사") && c.record_label.ends_with("· 12월 정기회의")),
        "{marks:#?}"
    );
    let held: Vec<String> =
        invitees.iter().map(|id| first.value(&format!("SELECT attendance FROM invitee WHERE id = '{id}'"))).collect();

    // A set that holds a long text is refused whole: nothing changes.
    let mut with_text: Vec<String> = marks.iter().map(|c| c.id.clone()).collect();
    with_text.push(texts[0].id.clone());
    let refused = first.store.write(|w| conflict::settle_newest(w, &with_text)).unwrap_err();
    assert!(
        matches!(&refused, desk_core::CoreError::Validation(e) if e[0].field == "ids" && e[0].rule == "needs_review"),
        "{refused:?}"
    );
    assert_eq!(conflict::count_open(first.store.conn()).unwrap(), 4);

    let ids: Vec<String> = marks.iter().map(|c| c.id.clone()).collect();
    assert_eq!(first.store.write(|w| conflict::settle_newest(w, &ids)).unwrap(), 3);
    let after: Vec<String> =
        invitees.iter().map(|id| first.value(&format!("SELECT attendance FROM invitee WHERE id = '{id}'"))).collect();
    assert_eq!(after, held, "the newer marks stay");

    let text_id = texts[0].id.clone();
    first.store.write(|w| conflict::resolve(w, &text_id, &ConflictChoice::KeepBoth)).unwrap();
    let minutes = first.value(&format!("SELECT minutes FROM event WHERE id = '{meeting}'"));
    assert!(minutes.contains("안건: 포장재 단가") && minutes.contains("안건: 포장재 납기"), "{minutes}");
    assert_eq!(conflict::count_open(first.store.conn()).unwrap(), 0);

    first.sync().await;
    second.sync().await;
    assert_eq!(conflict::count_open(second.store.conn()).unwrap(), 0, "the choices travelled");
    assert_eq!(second.value(&format!("SELECT minutes FROM event WHERE id = '{meeting}'")), minutes);
    common::assert_same_rows(&first.snapshot(), &second.snapshot(), "the two laptops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deletion_against_an_edit_keeps_the_edit_as_a_conflict() {
    let (_server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    let id = first.add_company("(주)세림", 3);
    first.sync().await;
    second.sync().await;

    // The editing laptop's clock is a second slow, so the deletion orders after the edit
    // though neither saw the other: the harder case, where only the deleting laptop can
    // tell (it deleted before the edit arrived).
    second.store.set_clock_offset(-1000);
    first.store.write(|w| member::delete(w, &id)).unwrap();
    let mut input = common::company("(주)세림", 3);
    input.notes = "대표 면담: 신규 라인 증설 계획".into();
    second.store.write(|w| member::update(w, &id, &input)).unwrap();
    first.sync().await;
    second.sync().await;
    first.sync().await;
    // The deleting laptop found the clash in its last sync; its conflict record needs one
    // more sync to reach the other laptop.
    second.sync().await;

    common::assert_same_rows(&first.snapshot(), &second.snapshot(), "the two laptops");
    let open = conflict::open(second.store.conn()).unwrap();
    let kept =
        open.iter().find(|c| c.kind == ConflictKind::DeleteEdit && c.field == "notes").expect("the edit is kept");
    assert!(kept.lost_value.as_deref().unwrap().contains("신규 라인"));
    // Taking the edit brings the company back with it.
    let conflict_id = kept.id.clone();
    first.store.write(|w| conflict::resolve(w, &conflict_id, &ConflictChoice::TakeLost)).unwrap();
    first.sync().await;
    second.sync().await;
    let back = member::get(second.store.conn(), &id).expect("restored");
    assert_eq!(back.notes, "대표 면담: 신규 라인 증설 계획");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merging_a_member_who_is_a_party_and_a_share_recipient_syncs_with_nothing_refused() {
    use desk_core::project::{self, ProjectInput, ProjectScope};
    use desk_core::validate::support::{Amounts, SupportType};
    let (_server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    let keep = first.add_company("(주)한빛화장품", 1);
    let duplicate = first.add_company("한빛화장품", 2);
    let cluster = first.cluster_id();
    let input = ProjectInput {
        title: "천연 보존제 공동개발".into(),
        scope: Some(ProjectScope::Individual),
        support_type: Some(SupportType::FieldTechnology),
        lead_member_id: Some(duplicate.clone()),
        participant_ids: vec![duplicate.clone()],
        amounts: Amounts { government_won: 40_000_000, firm_cash_won: 8_000_000, firm_in_kind_won: 12_000_000 },
        override_reason: "단독 참여 기업 과제로 본부와 협의함".into(),
        ..Default::default()
    };
    let project_id = first.store.write(|w| project::create(w, &cluster, &input)).unwrap();
    first.store.write(|w| project::share_result(w, &project_id, &duplicate, "2026-11-30")).unwrap();
    assert_eq!(first.sync().await.refused, 0);

    // The same company entered twice: the manager merges the records. Its party row and
    // its result-sharing row both move to the kept member, and must keep distinct ids.
    first.store.write(|w| member::merge(w, &keep, &duplicate)).unwrap();
    let report = first.sync().await;
    assert_eq!(report.refused, 0, "head office refused part of the merge: {report:?}");
    assert_eq!(desk_core::sync::state(first.store.conn()).unwrap().refused_changes, 0);

    second.sync().await;
    let party = format!("{project_id}/{keep}");
    let share = format!("{project_id}/share/{keep}");
    assert_eq!(second.count(&format!("SELECT count(*) FROM project_party WHERE id = '{party}' AND deleted = 0")), 1);
    assert_eq!(
        second.count(&format!(
            "SELECT count(*) FROM project_share WHERE id = '{share}' AND member_id = '{keep}' AND deleted = 0"
        )),
        1,
        "the other laptop has the share under the kept member"
    );
    common::assert_same_rows(&first.snapshot(), &second.snapshot(), "both laptops after the merge");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn head_office_decisions_and_directory_come_down() {
    use desk_core::project::{self, ProjectInput, ProjectScope};
    use desk_core::validate::support::{Amounts, SupportType};
    let (server, _cluster, mut first, mut second) = office_with_two_laptops().await;
    let lead = first.add_company("(주)한빛화장품", 1);
    let cluster = first.cluster_id();
    let input = ProjectInput {
        title: "천연 보존제 공동개발".into(),
        summary: "파라벤 대체 보존제".into(),
        scope: Some(ProjectScope::Individual),
        support_type: Some(SupportType::FieldTechnology),
        lead_member_id: Some(lead.clone()),
        participant_ids: vec![lead],
        amounts: Amounts { government_won: 40_000_000, firm_cash_won: 8_000_000, firm_in_kind_won: 12_000_000 },
        override_reason: "단독 참여 기업 과제로 본부와 협의함".into(),
        ..Default::default()
    };
    let project_id = first.store.write(|w| project::create(w, &cluster, &input)).unwrap();
    // The lead is a party of the project and the result is shared with it too: two link
    // records of one project and one member, which sync must keep apart.
    let lead_id = input.lead_member_id.clone().unwrap();
    first.store.write(|w| project::share_result(w, &project_id, &lead_id, "2026-11-30")).unwrap();
    let report = first.sync().await;
    assert_eq!(report.refused, 0, "{report:?}");

    server.staff("hq");
    let hq = server.staff_client("hq").await;
    // A rogue laptop of another cluster made a project of the same id (ids are per
    // cluster): a decision must then name the cluster, and reaches only that one.
    let rogue = server.cluster("반월 금속 미니클러스터");
    let rogue_scope = desk_server::storage::Scope {
        device_id: "rogue-laptop".into(),
        account_id: "rogue".into(),
        account_name: "rogue".into(),
        role: sync_wire::Role::Manager,
        cluster_id: Some(rogue.id.clone()),
        renew: false,
    };
    let squat = sync_wire::FieldChange {
        client_seq: 1,
        hlc: format!("{:012x}-000000-00000000000000aa", sync_wire::hlc::wall_millis()),
        action_id: "squat".into(),
        table: "project".into(),
        record_id: project_id.clone(),
        field: "title".into(),
        old_value: None,
        new_value: Some("\"가로챈 사업\"".into()),
    };
    server.storage().push(&rogue_scope, &[squat], &Default::default()).unwrap();
    let mut decision = ProjectDecision {
        project_id: project_id.clone(),
        cluster_id: None,
        stage: Some("agreement".into()),
        approved_government_won: Some(35_000_000),
        reason: "평가위원회 승인".into(),
        decided_on: "2026-12-01".into(),
    };
    let ambiguous = hq.decide(&decision).await.expect_err("two clusters hold that project id");
    assert_eq!((ambiguous.code.as_str(), ambiguous.field.as_deref()), ("invalid_field", Some("cluster_id")));
    decision.cluster_id = Some(_cluster.id.clone());
    hq.decide(&decision).await.expect("decision");
    let rogue_stage = server.storage().records(&project_id, "stage").unwrap();
    assert!(rogue_stage.iter().all(|(c, _, stage)| c != &rogue.id || stage.is_none()), "{rogue_stage:?}");
    hq.decide(&ProjectDecision {
        project_id: project_id.clone(),
        cluster_id: Some(_cluster.id.clone()),
        stage: Some("agreement".into()),
        approved_government_won: Some(35_000_000),
        reason: "평가위원회 승인".into(),
        decided_on: "2026-12-01".into(),
    })
    .await
    .expect("decision");
    hq.add_expert(&NationalExpert {
        name: "오세훈".into(),
        affiliation: "한국화학연구원".into(),
        expertise: "계면활성제, 유화 안정성".into(),
        home_region: Some("chungcheong".into()),
        ..Default::default()
    })
    .await
    .expect("expert");
    let bad = hq
        .add_expert(&NationalExpert { name: "홍길동".into(), role: Some("wizard".into()), ..Default::default() })
        .await
        .expect_err("an unknown role");
    assert_eq!((bad.code.as_str(), bad.field.as_deref()), ("invalid_field", Some("role")));

    for laptop in [&mut first, &mut second] {
        laptop.sync().await;
        let detail = project::get(laptop.store.conn(), &project_id).expect("project");
        assert_eq!(detail.project.approved_government_won, Some(35_000_000));
        assert_eq!(detail.project.stage.as_str(), "agreement");
        assert!(detail.stage_changes.iter().any(|c| c.reason == "평가위원회 승인"), "{:?}", detail.stage_changes);
        assert_eq!(laptop.count("SELECT count(*) FROM person WHERE cluster_id IS NULL AND name = '오세훈'"), 1);
    }
    // Head office's decision record is read-only on a laptop too: a forged edit is refused.
    let decision = first.value("SELECT id FROM project_stage_change WHERE reason = '평가위원회 승인'");
    first
        .store
        .conn()
        .execute(
            "INSERT INTO change_log (hlc, device_id, action_id, table_name, record_id, field, old_value, new_value)
             VALUES ('00000000ffff-000000-0000000000000001', ?1, 'forged', 'project_stage_change', ?2, 'reason', NULL, '\"바꿈\"')",
            rusqlite::params![first.store.device_id(), decision],
        )
        .unwrap();
    let report = first.sync().await;
    assert_eq!(report.refused, 1, "{report:?}");
    let refused = desk_core::sync::outbox::refused(first.store.conn()).unwrap();
    assert_eq!(refused.last().unwrap().reason, "head_office_only");
    // The national directory is read-only on a laptop.
    let expert_id = first.value("SELECT id FROM person WHERE cluster_id IS NULL");
    let mut edit = desk_core::person::get(first.store.conn(), &expert_id).unwrap();
    edit.phone = "010-0000-0000".into();
    let input = desk_core::person::PersonInput {
        role: Some(edit.role),
        name: edit.name.clone(),
        phone: edit.phone.clone(),
        ..Default::default()
    };
    let refused = first.store.write(|w| desk_core::person::update(w, &expert_id, &input)).expect_err("read-only");
    assert_eq!(refused.field_errors()[0].rule, "national_directory");
    common::assert_same_rows(&first.snapshot(), &second.snapshot(), "the two laptops");
    let summary = server.storage().summary().unwrap();
    assert_eq!(summary.national_experts, 1);
    let stage = summary.projects_by_stage.iter().find(|s| s.stage == "agreement").expect("stage row");
    assert_eq!((stage.projects, stage.approved_government_won), (1, 35_000_000));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_page_never_ends_inside_one_action() {
    let (_server, _cluster, mut first, second) = office_with_two_laptops().await;
    // One action that logs far more than a page (an import of 150 companies at once).
    let cluster = first.cluster_id();
    first
        .store
        .write(|w| {
            for n in 0..150 {
                member::create(w, &cluster, &common::company(&format!("(주)일괄{n:03}"), 2000 + n))?;
            }
            Ok(())
        })
        .unwrap();
    first.sync().await;
    let office = second.office.clone().unwrap();
    let cursor = desk_core::sync::server_cursor(second.store.conn()).unwrap();
    let page = office.pull(cursor).await.unwrap();
    assert!(page.changes.len() > sync_wire::MAX_PAGE_CHANGES, "the page runs on to the end of the action");
    let action = &page.changes[0].action_id;
    assert!(page.changes.iter().all(|c| &c.action_id == action));
    let next = office.pull(page.cursor).await.unwrap();
    assert!(next.changes.iter().all(|c| &c.action_id != action), "nothing of it is left for the next page");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_demo_cluster_syncs_to_a_new_laptop() {
    let server = common::HeadOfficeServer::start().await;
    let cluster = server.cluster("남동 친환경나노 미니클러스터");
    server.manager("jang", &[&cluster]);
    let mut demo = Laptop::new();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    desk_demo::load_demo_cluster(&mut demo.store, 2009, today).unwrap();
    demo.sign_in(&server, "jang", "").await;
    let report = demo.sync().await;
    assert_eq!(report.refused, 0, "head office takes every change of the demo cluster: {report:?}");
    assert_eq!(desk_core::sync::pending_changes(demo.store.conn()).unwrap(), 0);

    let mut fresh = Laptop::new();
    fresh.sign_in(&server, "jang", "").await;
    fresh.sync().await;
    common::assert_same_rows(&demo.snapshot(), &fresh.snapshot(), "the demo laptop and a new one");
    let hits = |l: &Laptop| desk_core::search::search(l.store.conn(), "현장방문", 500).unwrap().len();
    assert_eq!(hits(&fresh), hits(&demo), "the new laptop's search finds the same");
}
