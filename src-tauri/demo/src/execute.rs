//! Replays a plan's steps in time order through the public module functions, moving the
//! store's simulated clock as the steps' time passes.

use chrono::NaiveDateTime;

use super::plan::{Plan, Step, Who};
use super::{millis, rfc3339, ymd};
use desk_core::event::{self, ActionItemInput, ActionStatus, Attendance, EventInput, InviteeRef};
use desk_core::issue::{self, IssueInput};
use desk_core::project::{self, ProjectInput};
use desk_core::{cluster, member, person, CoreResult, Store, Write};

/// How steps are grouped into transactions.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Batching {
    /// One transaction per step: the history reads like a manager's separate actions.
    PerStep,
    /// As many steps as fit in roughly this many rows: fast bulk loading.
    Rows(usize),
}

/// The ids the store gave the plan's records.
#[derive(Default)]
pub(crate) struct Ids {
    pub clusters: Vec<String>,
    pub members: Vec<String>,
    pub people: Vec<String>,
    pub groups: Vec<String>,
    pub events: Vec<String>,
    pub actions: Vec<Vec<String>>,
    pub issues: Vec<String>,
    pub projects: Vec<String>,
}

impl Ids {
    fn for_plan(plan: &Plan) -> Ids {
        Ids {
            clusters: vec![String::new(); plan.clusters.len()],
            members: vec![String::new(); plan.members.len()],
            people: vec![String::new(); plan.people.len()],
            groups: vec![String::new(); plan.groups.len()],
            events: vec![String::new(); plan.events.len()],
            actions: plan.events.iter().map(|e| vec![String::new(); e.actions.len()]).collect(),
            issues: vec![String::new(); plan.issues.len()],
            projects: vec![String::new(); plan.projects.len()],
        }
    }

    fn who(&self, who: Who) -> InviteeRef {
        match who {
            Who::Member(m) => InviteeRef::Member(self.members[m].clone()),
            Who::Person(p) => InviteeRef::Person(self.people[p].clone()),
        }
    }

    fn who_id(&self, who: Who) -> &str {
        match who {
            Who::Member(m) => &self.members[m],
            Who::Person(p) => &self.people[p],
        }
    }
}

/// Runs every step up to `horizon` (later steps are the future: they do not happen).
/// The store must have a generation set; its clock is moved to each transaction's time.
pub(crate) fn run(store: &mut Store, plan: &Plan, horizon: NaiveDateTime, batching: Batching) -> CoreResult<Ids> {
    let mut order: Vec<(NaiveDateTime, usize, Step)> =
        plan.steps.iter().filter(|s| s.at <= horizon).map(|s| (s.at, s.seq, s.step)).collect();
    order.sort_by_key(|(at, seq, _)| (*at, *seq));
    let mut ids = Ids::for_plan(plan);
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        if let Batching::Rows(budget) = batching {
            let mut rows = plan.cost(order[start].2);
            while end < order.len() && rows + plan.cost(order[end].2) <= budget {
                rows += plan.cost(order[end].2);
                end += 1;
            }
        }
        if let Some(generation) = store.generation_mut() {
            generation.wall_millis = millis(order[start].0);
        }
        let batch = &order[start..end];
        store.write(|w| {
            for (_, _, step) in batch {
                apply(w, plan, &mut ids, *step)?;
            }
            Ok(())
        })?;
        start = end;
    }
    Ok(ids)
}

fn apply(w: &mut Write<'_>, plan: &Plan, ids: &mut Ids, step: Step) -> CoreResult<()> {
    match step {
        Step::Cluster(c) => {
            ids.clusters[c] = cluster::create(w, &plan.clusters[c])?;
        }
        Step::Members(from, to) => {
            for m in from..to {
                let planned = &plan.members[m];
                ids.members[m] = member::create(w, &ids.clusters[planned.cluster], &planned.input)?;
            }
        }
        Step::People(from, to) => {
            for p in from..to {
                let planned = &plan.people[p];
                let mut input = planned.input.clone();
                input.member_id = planned.member.map(|m| ids.members[m].clone());
                ids.people[p] = person::create(w, &ids.clusters[planned.cluster], &input)?;
            }
        }
        Step::Group(g) => {
            let planned = &plan.groups[g];
            let id =
                cluster::create_small_group(w, &ids.clusters[planned.cluster], &planned.name, &planned.description)?;
            for m in &planned.members {
                cluster::add_to_small_group(w, &id, &ids.members[*m])?;
            }
            ids.groups[g] = id;
        }
        Step::CreateEvent(e) => {
            let planned = &plan.events[e];
            let input = EventInput {
                kind: Some(planned.kind),
                title: planned.title.clone(),
                starts_at: rfc3339(planned.starts),
                ends_at: rfc3339(planned.ends),
                place: planned.place.clone(),
                agenda: planned.agenda.clone(),
                group_id: planned.group.map(|g| ids.groups[g].clone()),
                visited_member_id: planned.visited.map(|m| ids.members[m].clone()),
            };
            let id = event::create(w, &ids.clusters[planned.cluster], &input)?;
            for (who, _) in &planned.invitees {
                event::invite(w, &id, &ids.who(*who))?;
            }
            ids.events[e] = id;
        }
        Step::HoldEvent(e) => hold_event(w, plan, ids, e)?,
        Step::CancelEvent(e) => {
            let reason = plan.events[e].cancel_reason.as_deref().unwrap_or("일정 변경");
            event::cancel(w, &ids.events[e], reason)?;
        }
        Step::FinishAction(e, k) => event::set_action_status(w, &ids.actions[e][k], ActionStatus::Done)?,
        Step::CreateIssue(i) => create_issue(w, plan, ids, i)?,
        Step::MoveIssue(i, k) => {
            let (status, reason) = &plan.issues[i].moves[k];
            issue::move_to(w, &ids.issues[i], *status, reason)?;
        }
        Step::CreateProject(p) => {
            let planned = &plan.projects[p];
            let input = ProjectInput {
                title: planned.title.clone(),
                summary: planned.summary.clone(),
                scope: Some(planned.scope),
                support_type: Some(planned.support_type),
                lead_member_id: Some(ids.members[planned.lead].clone()),
                participant_ids: planned.participants.iter().map(|m| ids.members[*m].clone()).collect(),
                partner_ids: planned.partners.iter().map(|m| ids.members[*m].clone()).collect(),
                expert_ids: planned.experts.iter().map(|x| ids.people[*x].clone()).collect(),
                issue_ids: planned.issues.iter().map(|i| ids.issues[*i].clone()).collect(),
                amounts: planned.amounts,
                override_reason: planned.override_reason.clone(),
            };
            ids.projects[p] = project::create(w, &ids.clusters[planned.cluster], &input)?;
        }
        Step::Stage(p, k) => {
            let (stage, on, reason) = &plan.projects[p].stages[k];
            project::change_stage(w, &ids.projects[p], *stage, &ymd(*on), reason)?;
        }
        Step::Outcome(p, k) => project::record_outcome(w, &ids.projects[p], &plan.projects[p].outcomes[k])?,
        Step::Share(p, k) => {
            let (m, on) = plan.projects[p].shares[k];
            project::share_result(w, &ids.projects[p], &ids.members[m], &ymd(on))?;
        }
    }
    Ok(())
}

/// The manager's evening after an event: who came, that it was held, the minutes, the
/// issues raised there and the follow-ups.
fn hold_event(w: &mut Write<'_>, plan: &Plan, ids: &mut Ids, e: usize) -> CoreResult<()> {
    let planned = &plan.events[e];
    let event_id = ids.events[e].clone();
    for (who, attendance) in &planned.invitees {
        if *attendance != Attendance::Invited {
            // An invitee's id is '<event id>/<member or person id>' (see event::invite).
            event::set_attendance(w, &format!("{event_id}/{}", ids.who_id(*who)), *attendance)?;
        }
    }
    event::mark_held(w, &event_id)?;
    event::save_minutes(w, &event_id, &planned.minutes, &planned.decisions)?;
    for i in &planned.issues {
        create_issue(w, plan, ids, *i)?;
    }
    for (k, action) in planned.actions.iter().enumerate() {
        let (assignee_person_id, assignee_member_id) = match action.assignee {
            Some(Who::Person(p)) => (Some(ids.people[p].clone()), None),
            Some(Who::Member(m)) => (None, Some(ids.members[m].clone())),
            None => (None, None),
        };
        let input = ActionItemInput {
            title: action.title.clone(),
            assignee_person_id,
            assignee_member_id,
            due_on: ymd(action.due),
            issue_id: action.issue.map(|i| ids.issues[i].clone()),
            project_id: None,
        };
        ids.actions[e][k] = event::add_action_item(w, Some(&event_id), &input)?;
    }
    Ok(())
}

fn create_issue(w: &mut Write<'_>, plan: &Plan, ids: &mut Ids, i: usize) -> CoreResult<()> {
    let planned = &plan.issues[i];
    let input = IssueInput {
        title: planned.title.clone(),
        description: planned.description.clone(),
        category: Some(planned.category),
        stage: Some(planned.stage),
        member_ids: planned.members.iter().map(|m| ids.members[*m].clone()).collect(),
        event_id: planned.event.map(|e| ids.events[e].clone()),
        found_on: ymd(planned.found_on),
        next_steps: planned.next_steps.clone(),
    };
    ids.issues[i] = issue::create(w, &ids.clusters[planned.cluster], &input)?;
    Ok(())
}
