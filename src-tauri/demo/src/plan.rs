//! What the generator decided: the records to create and the dated steps that create and
//! change them. Records refer to each other by their index in the plan; the executor
//! turns indices into the ids the store hands out.

use chrono::{NaiveDate, NaiveDateTime};

use desk_core::cluster::ClusterInput;
use desk_core::event::{Attendance, EventKind};
use desk_core::issue::{IssueCategory, IssueStage, IssueStatus};
use desk_core::member::MemberInput;
use desk_core::person::PersonInput;
use desk_core::project::{Outcome, ProjectScope, ProjectStage};
use desk_core::validate::support::{Amounts, SupportType};

/// A member or a person, by plan index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    Member(usize),
    Person(usize),
}

pub(crate) struct MemberPlan {
    pub cluster: usize,
    pub input: MemberInput,
}

pub(crate) struct PersonPlan {
    pub cluster: usize,
    /// The member the person works at; `input.member_id` is filled from it.
    pub member: Option<usize>,
    pub input: PersonInput,
}

pub(crate) struct GroupPlan {
    pub cluster: usize,
    pub name: String,
    pub description: String,
    pub members: Vec<usize>,
}

pub(crate) struct ActionPlan {
    pub title: String,
    pub assignee: Option<Who>,
    pub due: NaiveDate,
    /// An issue found at the same event.
    pub issue: Option<usize>,
}

pub(crate) struct EventPlan {
    pub cluster: usize,
    pub kind: EventKind,
    pub title: String,
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub place: String,
    pub agenda: String,
    pub group: Option<usize>,
    pub visited: Option<usize>,
    /// Who is invited, and how they answered once the event was held.
    pub invitees: Vec<(Who, Attendance)>,
    pub minutes: String,
    pub decisions: String,
    /// Issues raised at the event: created when it is held.
    pub issues: Vec<usize>,
    pub actions: Vec<ActionPlan>,
    pub cancel_reason: Option<String>,
    /// What it is about (a seminar's subject, a small group's name); for the minutes.
    pub topic: String,
}

impl EventPlan {
    /// The member organisations that were present.
    pub fn present_members(&self) -> Vec<usize> {
        self.invitees
            .iter()
            .filter_map(|(who, attendance)| match who {
                Who::Member(m) if *attendance == Attendance::Present => Some(*m),
                _ => None,
            })
            .collect()
    }
}

pub(crate) struct IssuePlan {
    pub cluster: usize,
    pub title: String,
    pub description: String,
    pub category: IssueCategory,
    pub stage: IssueStage,
    pub members: Vec<usize>,
    /// The event it was raised at (it is created when that event is held).
    pub event: Option<usize>,
    pub found_on: NaiveDate,
    pub next_steps: String,
    /// Workflow moves, each with its drop reason (empty unless dropping).
    pub moves: Vec<(IssueStatus, String)>,
}

pub(crate) struct ProjectPlan {
    pub cluster: usize,
    pub title: String,
    pub summary: String,
    pub scope: ProjectScope,
    pub support_type: SupportType,
    pub lead: usize,
    pub participants: Vec<usize>,
    pub partners: Vec<usize>,
    pub experts: Vec<usize>,
    pub issues: Vec<usize>,
    pub amounts: Amounts,
    pub override_reason: String,
    /// Stage changes after the first (발굴): stage, date, reason.
    pub stages: Vec<(ProjectStage, NaiveDate, String)>,
    pub outcomes: Vec<Outcome>,
    /// When each outcome is reported.
    pub outcome_dates: Vec<NaiveDate>,
    pub shares: Vec<(usize, NaiveDate)>,
}

/// One thing that happens at a moment of simulated time.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Step {
    Cluster(usize),
    /// Members `from..to` (one import).
    Members(usize, usize),
    /// People `from..to`.
    People(usize, usize),
    Group(usize),
    CreateEvent(usize),
    HoldEvent(usize),
    CancelEvent(usize),
    /// The `k`th action item of an event is done.
    FinishAction(usize, usize),
    /// An issue not raised at an event.
    CreateIssue(usize),
    /// The `k`th move of an issue.
    MoveIssue(usize, usize),
    CreateProject(usize),
    /// The `k`th stage change of a project.
    Stage(usize, usize),
    Outcome(usize, usize),
    Share(usize, usize),
}

pub(crate) struct Timed {
    pub at: NaiveDateTime,
    pub seq: usize,
    pub step: Step,
}

#[derive(Default)]
pub(crate) struct Plan {
    pub clusters: Vec<ClusterInput>,
    pub members: Vec<MemberPlan>,
    pub people: Vec<PersonPlan>,
    pub groups: Vec<GroupPlan>,
    pub events: Vec<EventPlan>,
    pub issues: Vec<IssuePlan>,
    pub projects: Vec<ProjectPlan>,
    pub steps: Vec<Timed>,
}

impl Plan {
    /// Schedules a step; steps at the same moment run in the order they were added.
    pub(crate) fn at(&mut self, at: NaiveDateTime, step: Step) {
        let seq = self.steps.len();
        self.steps.push(Timed { at, seq, step });
    }

    /// Roughly how many rows a step writes, to size bulk transactions.
    pub(crate) fn cost(&self, step: Step) -> usize {
        match step {
            Step::Cluster(_) | Step::CancelEvent(_) | Step::FinishAction(..) | Step::MoveIssue(..) => 1,
            Step::Members(from, to) | Step::People(from, to) => (to - from) * 2,
            Step::Group(g) => 1 + self.groups[g].members.len(),
            Step::CreateEvent(e) => 2 + self.events[e].invitees.len(),
            Step::HoldEvent(e) => {
                let event = &self.events[e];
                3 + event.invitees.len() + 3 * event.issues.len() + 2 * event.actions.len()
            }
            Step::CreateIssue(_) => 3,
            Step::CreateProject(p) => {
                let project = &self.projects[p];
                3 + project.participants.len()
                    + project.partners.len()
                    + project.experts.len()
                    + 3 * project.issues.len()
            }
            Step::Stage(..) | Step::Outcome(..) | Step::Share(..) => 2,
        }
    }
}
