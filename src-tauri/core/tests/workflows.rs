//! Issues, projects, events, partner matching and attachments through the store.

mod common;

use common::*;
use desk_core::event::{self, ActionItemInput, Attendance, EventInput, EventKind, EventStatus, InviteeRef};
use desk_core::issue::{self, IssueCategory, IssueInput, IssueStage, IssueStatus};
use desk_core::matching;
use desk_core::person::{self, PersonInput, PersonRole};
use desk_core::project::{self, Outcome, ProjectInput, ProjectScope, ProjectStage};
use desk_core::validate::support::{Amounts, SupportType};

fn issue_input(member: &str, title: &str, description: &str) -> IssueInput {
    IssueInput {
        title: title.into(),
        description: description.into(),
        category: Some(IssueCategory::Technology),
        stage: Some(IssueStage::TechnologyDevelopment),
        member_ids: vec![member.to_string()],
        found_on: "2026-11-20".into(),
        ..Default::default()
    }
}

#[test]
fn issue_workflow_refuses_skips_and_needs_a_reason_to_drop() {
    let (mut store, cluster_id) = store_with_cluster();
    let firm = add_company(&mut store, &cluster_id, "한빛코스메틱", 1, &[], &[]);
    let id = store
        .write(|w| issue::create(w, &cluster_id, &issue_input(&firm, "점도 편차", "대량 생산 시 점도 편차")))
        .unwrap();
    assert_eq!(issue::get(store.conn(), &id).unwrap().status, IssueStatus::New);

    let skip = store.write(|w| issue::move_to(w, &id, IssueStatus::Resolved, "")).unwrap_err();
    assert_eq!((skip.field_errors()[0].field.as_str(), skip.field_errors()[0].rule.as_str()), ("status", "transition"));
    assert!(skip.field_errors()[0].message_ko.contains("접수"));

    let no_reason = store.write(|w| issue::move_to(w, &id, IssueStatus::Dropped, " ")).unwrap_err();
    assert_eq!(no_reason.field_errors()[0].field, "drop_reason");

    store.write(|w| issue::move_to(w, &id, IssueStatus::Reviewing, "")).unwrap();
    store.write(|w| issue::move_to(w, &id, IssueStatus::Dropped, "기업 사정으로 보류")).unwrap();
    let dropped = issue::get(store.conn(), &id).unwrap();
    assert_eq!((dropped.status, dropped.drop_reason.as_str()), (IssueStatus::Dropped, "기업 사정으로 보류"));
}

#[test]
fn an_issue_needs_a_member_a_category_and_a_stage() {
    let (mut store, cluster_id) = store_with_cluster();
    let error = store
        .write(|w| issue::create(w, &cluster_id, &IssueInput { title: "x".into(), ..Default::default() }))
        .unwrap_err();
    let mut fields: Vec<&str> = error.field_errors().iter().map(|e| e.field.as_str()).collect();
    fields.sort();
    assert_eq!(fields, ["category", "member_ids", "stage"]);
}

fn callus_project(lead: &str, partner: &str, issue: &str) -> ProjectInput {
    ProjectInput {
        title: "식물 줄기세포(캘러스) 원료 개발".into(),
        summary: "충북대 교수팀과 캘러스 배양".into(),
        scope: Some(ProjectScope::Individual),
        support_type: Some(SupportType::FieldTechnology),
        lead_member_id: Some(lead.into()),
        partner_ids: vec![partner.into()],
        issue_ids: vec![issue.into()],
        amounts: Amounts { government_won: 105_000_000, firm_cash_won: 70_000_000, firm_in_kind_won: 0 },
        override_reason: "개별과제로 1개 기업 참여".into(),
        ..Default::default()
    }
}

#[test]
fn a_project_moves_through_its_stages_with_dated_changes_and_checked_money() {
    let (mut store, cluster_id) = store_with_cluster();
    let firm = add_company(&mut store, &cluster_id, "바이오에프랩", 1, &["캘러스 배양액"], &[]);
    let university = store
        .write(|w| {
            desk_core::member::create(
                w,
                &cluster_id,
                &desk_core::member::MemberInput {
                    kind: Some(desk_core::member::MemberKind::University),
                    name: "충북대학교".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let issue_id = store
        .write(|w| issue::create(w, &cluster_id, &issue_input(&firm, "원료 개발 자금", "캘러스 원료 개발")))
        .unwrap();

    // One firm in a field-technology project warns (it asks for two); without a reason it is refused.
    let mut input = callus_project(&firm, &university, &issue_id);
    input.override_reason.clear();
    let error = store.write(|w| project::create(w, &cluster_id, &input)).unwrap_err();
    assert_eq!(error.field_errors()[0].rule, "min_firms_needs_reason");
    let id = store.write(|w| project::create(w, &cluster_id, &callus_project(&firm, &university, &issue_id))).unwrap();
    assert_eq!(
        issue::get(store.conn(), &issue_id).unwrap().status,
        IssueStatus::InProject,
        "the issue it answers is in project"
    );

    for (stage, on) in [
        (ProjectStage::Planning, "2026-04-20"),
        (ProjectStage::Application, "2026-05-10"),
        (ProjectStage::Evaluation, "2026-05-30"),
        (ProjectStage::Agreement, "2026-06-15"),
    ] {
        store.write(|w| project::change_stage(w, &id, stage, on, "")).unwrap();
    }
    let detail = project::get(store.conn(), &id).unwrap();
    assert_eq!(detail.project.stage, ProjectStage::Agreement);
    assert_eq!(detail.stage_changes.len(), 4);
    assert_eq!(detail.stage_changes[3].changed_on, "2026-06-15");
    assert_eq!(detail.project.amounts.government_won, 105_000_000);
    assert_eq!(detail.parties.iter().map(|p| p.role.as_str()).collect::<Vec<_>>(), ["partner", "participant"]);

    let backwards =
        store.write(|w| project::change_stage(w, &id, ProjectStage::Discovery, "2026-06-16", "")).unwrap_err();
    assert_eq!(backwards.field_errors()[0].rule, "transition");
    let no_reason =
        store.write(|w| project::change_stage(w, &id, ProjectStage::Dropped, "2026-06-16", "")).unwrap_err();
    assert_eq!(no_reason.field_errors()[0].field, "reason");

    store
        .write(|w| {
            project::record_outcome(
                w,
                &id,
                &Outcome {
                    year: 2027,
                    sales_won: 300_000_000,
                    exports_won: 50_000_000,
                    jobs: 3,
                    patents: 1,
                    commercialised: true,
                },
            )
        })
        .unwrap();
    store.write(|w| project::share_result(w, &id, &firm, "2027-05-01")).unwrap();
    let detail = project::get(store.conn(), &id).unwrap();
    assert_eq!(detail.outcomes[0].sales_won, 300_000_000);
    assert_eq!(detail.shares[0].member_name, "바이오에프랩");
}

#[test]
fn moving_to_agreement_over_the_cap_is_refused() {
    let (mut store, cluster_id) = store_with_cluster();
    let a = add_company(&mut store, &cluster_id, "가회사", 1, &[], &[]);
    let b = add_company(&mut store, &cluster_id, "나회사", 2, &[], &[]);
    let input = ProjectInput {
        title: "시제품 제작".into(),
        scope: Some(ProjectScope::Common),
        support_type: Some(SupportType::Prototype),
        lead_member_id: Some(a.clone()),
        participant_ids: vec![a, b],
        amounts: Amounts { government_won: 25_000_000, firm_cash_won: 30_000_000, firm_in_kind_won: 0 },
        ..Default::default()
    };
    let error = store.write(|w| project::create(w, &cluster_id, &input)).unwrap_err();
    assert_eq!(
        (error.field_errors()[0].field.as_str(), error.field_errors()[0].rule.as_str()),
        ("government_won", "cap")
    );
    assert_eq!(count(&store, "project"), 0);
}

#[test]
fn events_check_times_cancel_with_a_reason_and_take_attendance() {
    let (mut store, cluster_id) = store_with_cluster();
    let firm = add_company(&mut store, &cluster_id, "한빛코스메틱", 1, &[], &[]);
    let backwards = EventInput {
        kind: Some(EventKind::RegularMeeting),
        title: "11월 정기회의".into(),
        starts_at: "2026-11-25T16:00:00+09:00".into(),
        ends_at: "2026-11-25T15:00:00+09:00".into(),
        ..Default::default()
    };
    let error = store.write(|w| event::create(w, &cluster_id, &backwards)).unwrap_err();
    assert_eq!(
        (error.field_errors()[0].field.as_str(), error.field_errors()[0].rule.as_str()),
        ("ends_at", "after_start")
    );

    let input = EventInput { ends_at: "2026-11-25T18:00:00+09:00".into(), ..backwards };
    let id = store.write(|w| event::create(w, &cluster_id, &input)).unwrap();
    let overlapping =
        event::clashes(store.conn(), &cluster_id, "2026-11-25T17:00:00+09:00", "2026-11-25T19:00:00+09:00", None)
            .unwrap();
    assert_eq!(overlapping.len(), 1);
    assert!(event::clashes(store.conn(), &cluster_id, "2026-11-25T18:00:00+09:00", "2026-11-25T19:00:00+09:00", None)
        .unwrap()
        .is_empty());

    store.write(|w| event::invite(w, &id, &InviteeRef::Member(firm.clone()))).unwrap();
    store.write(|w| event::invite(w, &id, &InviteeRef::Member(firm.clone()))).unwrap();
    let detail = event::get(store.conn(), &id).unwrap();
    assert_eq!(detail.invitees.len(), 1, "inviting twice is one invitation");
    store.write(|w| event::set_attendance(w, &detail.invitees[0].id, Attendance::Present)).unwrap();
    store
        .write(|w| {
            event::add_action_item(
                w,
                Some(&id),
                &ActionItemInput {
                    title: "시험성적서 전달".into(),
                    due_on: "2026-11-30".into(),
                    assignee_member_id: Some(firm.clone()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let due = event::action_items_due(store.conn(), &cluster_id, "2026-12-01").unwrap();
    assert_eq!((due.len(), due[0].assignee_name.as_str()), (1, "한빛코스메틱"));

    let no_reason = store.write(|w| event::cancel(w, &id, "")).unwrap_err();
    assert_eq!(no_reason.field_errors()[0].field, "cancel_reason");
    store.write(|w| event::cancel(w, &id, "태풍 예보")).unwrap();
    let cancelled = event::get(store.conn(), &id).unwrap().event;
    assert_eq!((cancelled.status, cancelled.cancel_reason.as_str()), (EventStatus::Cancelled, "태풍 예보"));
    assert!(event::clashes(store.conn(), &cluster_id, "2026-11-25T17:00:00+09:00", "2026-11-25T19:00:00+09:00", None)
        .unwrap()
        .is_empty());
    assert_eq!(event::get(store.conn(), &id).unwrap().invitees[0].attendance, Attendance::Present);
}

#[test]
fn partner_matching_ranks_the_firm_next_door_and_the_expert_with_matched_words() {
    let (mut store, cluster_id) = store_with_cluster();
    let asking = add_company(&mut store, &cluster_id, "한빛코스메틱", 1, &["보습 크림"], &["유화"]);
    let next_door =
        add_company(&mut store, &cluster_id, "대한콜라겐", 2, &["저분자 콜라겐"], &["콜라겐 추출", "효소 가수분해"]);
    let unrelated = add_company(&mut store, &cluster_id, "금강용기", 3, &["PET 용기"], &["블로우 성형"]);
    let professor = store
        .write(|w| {
            person::create(
                w,
                &cluster_id,
                &PersonInput {
                    role: Some(PersonRole::Professor),
                    name: "김교수".into(),
                    affiliation: "인하대학교".into(),
                    expertise: vec!["효소 가수분해".into(), "펩타이드".into()],
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let issue_id = store
        .write(|w| {
            issue::create(
                w,
                &cluster_id,
                &issue_input(&asking, "저분자 콜라겐 원료 수급", "콜라겐을 효소 가수분해로 직접 만들고 싶음"),
            )
        })
        .unwrap();
    let suggestions = matching::suggest_for_issue(store.conn(), &issue_id, 10).unwrap();
    let ids: Vec<&str> = suggestions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.first(), Some(&next_door.as_str()));
    assert!(ids.contains(&professor.as_str()));
    assert!(!ids.contains(&unrelated.as_str()));
    assert!(!ids.contains(&asking.as_str()), "the firm that raised it is not its own partner");
    assert!(suggestions[0].matched.iter().any(|m| m == "콜라겐 추출"), "{:?}", suggestions[0].matched);
    assert!(suggestions.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn attachments_are_stored_once_by_content_and_refused_when_too_large() {
    let (mut store, cluster_id) = store_with_cluster();
    let firm = add_company(&mut store, &cluster_id, "사진회사", 1, &[], &[]);
    let folder = tempfile::tempdir().unwrap();
    let photo = b"\x89PNG fake photo bytes".to_vec();
    let a = store
        .write(|w| desk_core::attachment::attach_bytes(w, folder.path(), "member", &firm, "현장사진.png", &photo))
        .unwrap();
    let b = store
        .write(|w| desk_core::attachment::attach_bytes(w, folder.path(), "member", &firm, "같은사진.png", &photo))
        .unwrap();
    assert_eq!(a.content_hash, b.content_hash);
    assert_eq!(a.media_type, "image/png");
    let path = desk_core::attachment::blob_path(folder.path(), &a.content_hash);
    assert_eq!(std::fs::read(&path).unwrap(), photo);
    let files = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
    assert_eq!(files, 1, "identical content is stored once");
    assert_eq!(desk_core::attachment::of_record(store.conn(), &firm).unwrap().len(), 2);

    let big = vec![0u8; (desk_core::attachment::MAX_BYTES + 1) as usize];
    let error = store
        .write(|w| desk_core::attachment::attach_bytes(w, folder.path(), "member", &firm, "big.bin", &big))
        .unwrap_err();
    assert_eq!((error.field_errors()[0].field.as_str(), error.field_errors()[0].rule.as_str()), ("file", "too_large"));
}

#[test]
fn a_visit_recorded_after_the_demo_gets_fresh_ids_and_exactly_its_issues() {
    let mut store = desk_core::Store::open_in_memory().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let cluster_id = desk_demo::load_demo_cluster(&mut store, 2009, today).unwrap();
    let member: String =
        store.conn().query_row("SELECT id FROM member WHERE kind = 'company' LIMIT 1", [], |r| r.get(0)).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let input = desk_core::visit::VisitInput {
        member_id: member,
        starts_at: "2026-11-25T10:00:00+09:00".into(),
        ends_at: "2026-11-25T11:00:00+09:00".into(),
        notes: "라인 확인".into(),
        next_steps: "전문가 연결".into(),
        issues: vec![
            desk_core::visit::VisitIssue {
                title: "점도 편차".into(),
                description: "겨울철".into(),
                category: Some(IssueCategory::Production),
                stage: Some(IssueStage::Productisation),
            },
            desk_core::visit::VisitIssue {
                title: "누액".into(),
                description: "펌프".into(),
                category: Some(IssueCategory::Quality),
                stage: Some(IssueStage::Productisation),
            },
        ],
    };
    let files = [desk_core::visit::NewFile { file_name: "사진.png".into(), bytes: vec![1, 2, 3] }];
    let recorded = store.write(|w| desk_core::visit::record(w, &cluster_id, folder.path(), &input, &files)).unwrap();
    let titles: Vec<String> = {
        let mut stmt = store.conn().prepare("SELECT title FROM issue WHERE event_id = ?1 ORDER BY title").unwrap();
        stmt.query_map([&recorded.event_id], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(titles, ["누액", "점도 편차"]);
    assert_eq!(recorded.attachment_ids.len(), 1);
    let detail = desk_core::event::get(store.conn(), &recorded.event_id).unwrap();
    assert_eq!(detail.event.status, desk_core::event::EventStatus::Held);
    let found: Vec<&str> = detail.issues_found.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(found, ["점도 편차", "누액"], "the visit's page lists its issues in the order they were recorded");
}
