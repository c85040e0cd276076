//! Tasks and projects (과제): common or individual, their support type and money, the
//! KICOX stage pipeline with every stage change dated, and their outcomes.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::db::record::{Fields, Table};
use crate::error::{Checks, CoreError, CoreResult, FieldError};
use crate::search::{self, Document, RecordKind};
use crate::validate::support::{self, AmountCheck, Amounts, FirmSize, SupportType};
use crate::{fields, text_enum, time, Write};

pub(crate) const SCHEMA_V1: &str = "
CREATE TABLE project (
    id               TEXT PRIMARY KEY,
    cluster_id       TEXT NOT NULL REFERENCES cluster(id),
    title            TEXT NOT NULL,
    summary          TEXT NOT NULL DEFAULT '',
    scope            TEXT NOT NULL,              -- common | individual
    support_type     TEXT NOT NULL,              -- a SupportType code
    lead_member_id   TEXT REFERENCES member(id),
    stage            TEXT NOT NULL DEFAULT 'discovery',
    stage_reason     TEXT NOT NULL DEFAULT '',   -- why it was rejected or dropped
    government_won   INTEGER NOT NULL DEFAULT 0 CHECK (government_won >= 0),
    firm_cash_won    INTEGER NOT NULL DEFAULT 0 CHECK (firm_cash_won >= 0),
    firm_in_kind_won INTEGER NOT NULL DEFAULT 0 CHECK (firm_in_kind_won >= 0),
    approved_government_won INTEGER,             -- head office's decision
    override_reason  TEXT NOT NULL DEFAULT '',   -- why the amount warnings were accepted
    deleted          INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX project_cluster ON project(cluster_id, stage);
-- id is '<project id>/<member or person id>'
CREATE TABLE project_party (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES project(id),
    member_id  TEXT REFERENCES member(id),
    person_id  TEXT REFERENCES person(id),
    role       TEXT NOT NULL,                    -- participant | partner | expert
    deleted    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX project_party_project ON project_party(project_id);
CREATE INDEX project_party_member ON project_party(member_id);
-- id is '<project id>/<issue id>'
CREATE TABLE project_issue (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES project(id),
    issue_id   TEXT NOT NULL REFERENCES issue(id),
    deleted    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX project_issue_issue ON project_issue(issue_id);
CREATE INDEX project_issue_project ON project_issue(project_id);
CREATE TABLE project_stage_change (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES project(id),
    from_stage TEXT NOT NULL,
    to_stage   TEXT NOT NULL,
    changed_on TEXT NOT NULL,                    -- YYYY-MM-DD
    reason     TEXT NOT NULL DEFAULT '',
    deleted    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX project_stage_change_project ON project_stage_change(project_id, changed_on);
-- id is '<project id>/<year>'
CREATE TABLE project_outcome (
    id             TEXT PRIMARY KEY,
    project_id     TEXT NOT NULL REFERENCES project(id),
    year           INTEGER NOT NULL,
    sales_won      INTEGER NOT NULL DEFAULT 0,
    exports_won    INTEGER NOT NULL DEFAULT 0,
    jobs           INTEGER NOT NULL DEFAULT 0,
    patents        INTEGER NOT NULL DEFAULT 0,
    commercialised INTEGER NOT NULL DEFAULT 0,
    deleted        INTEGER NOT NULL DEFAULT 0
) STRICT;
-- id is '<project id>/share/<member id>' (from schema 3; '<project id>/<member id>'
-- before): members the result was shared with.
CREATE TABLE project_share (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES project(id),
    member_id  TEXT NOT NULL REFERENCES member(id),
    shared_on  TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX project_share_project ON project_share(project_id);
";

pub(crate) const PROJECT: Table =
    Table::record("project", "project", sync_wire::tables::PROJECT_FIELDS).searched(search_document);
pub(crate) const PROJECT_PARTY: Table =
    Table::link("project_party", "project party", sync_wire::tables::PROJECT_PARTY_FIELDS, "project_id", "");
pub(crate) const PROJECT_ISSUE: Table =
    Table::link("project_issue", "project issue", sync_wire::tables::PROJECT_ISSUE_FIELDS, "project_id", "");
pub(crate) const PROJECT_STAGE_CHANGE: Table =
    Table::record("project_stage_change", "stage change", sync_wire::tables::PROJECT_STAGE_CHANGE_FIELDS);
pub(crate) const PROJECT_OUTCOME: Table =
    Table::link("project_outcome", "outcome", sync_wire::tables::PROJECT_OUTCOME_FIELDS, "project_id", "");
pub(crate) const PROJECT_SHARE: Table =
    Table::link("project_share", "result sharing", sync_wire::tables::PROJECT_SHARE_FIELDS, "project_id", "share/");

text_enum! {
    ProjectScope { Common = "common", Individual = "individual" }
}

text_enum! {
    /// KICOX's pipeline: 발굴 → 기획 → 신청 → 평가 → 선정·협약 → 수행 → 중간·최종평가 → 정산 →
    /// 성과활용보고, or 탈락/중단 with a reason.
    ProjectStage {
        Discovery = "discovery",
        Planning = "planning",
        Application = "application",
        Evaluation = "evaluation",
        Agreement = "agreement",
        Execution = "execution",
        Review = "review",
        Settlement = "settlement",
        OutcomeReporting = "outcome_reporting",
        Rejected = "rejected",
        Dropped = "dropped",
    }
}

impl ProjectStage {
    const PIPELINE: [ProjectStage; 9] = [
        ProjectStage::Discovery,
        ProjectStage::Planning,
        ProjectStage::Application,
        ProjectStage::Evaluation,
        ProjectStage::Agreement,
        ProjectStage::Execution,
        ProjectStage::Review,
        ProjectStage::Settlement,
        ProjectStage::OutcomeReporting,
    ];

    fn position(self) -> Option<usize> {
        Self::PIPELINE.iter().position(|s| *s == self)
    }

    /// Forward to any later pipeline stage (a step may be recorded late), back one step to
    /// correct a mistake, rejected while under application or evaluation, dropped before
    /// the end. Rejected and dropped projects can be reopened to planning.
    pub fn can_move_to(self, to: ProjectStage) -> bool {
        match (self.position(), to.position()) {
            (Some(from), Some(to_pos)) => to_pos > from || to_pos + 1 == from,
            (Some(_), None) => match to {
                ProjectStage::Rejected => matches!(self, ProjectStage::Application | ProjectStage::Evaluation),
                ProjectStage::Dropped => self != ProjectStage::OutcomeReporting,
                _ => false,
            },
            (None, Some(_)) => to == ProjectStage::Planning,
            (None, None) => false,
        }
    }

    /// From this stage on, the amounts are an agreed budget and must pass the hard checks.
    pub fn money_is_committed(self) -> bool {
        self.position().is_some_and(|p| p >= 4)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectInput {
    pub title: String,
    pub summary: String,
    pub scope: Option<ProjectScope>,
    pub support_type: Option<SupportType>,
    pub lead_member_id: Option<String>,
    /// Participating member companies, the lead included or not.
    pub participant_ids: Vec<String>,
    /// Partner institutions (universities, institutes, agencies) among the members.
    pub partner_ids: Vec<String>,
    /// Experts (people).
    pub expert_ids: Vec<String>,
    pub issue_ids: Vec<String>,
    pub amounts: Amounts,
    /// Required when the amounts raise warnings.
    pub override_reason: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Project {
    pub id: String,
    pub cluster_id: String,
    pub title: String,
    pub summary: String,
    pub scope: ProjectScope,
    pub support_type: SupportType,
    pub lead_member_id: Option<String>,
    pub lead_member_name: String,
    pub stage: ProjectStage,
    pub stage_reason: String,
    pub amounts: Amounts,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub approved_government_won: Option<i64>,
    pub override_reason: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Party {
    pub id: String,
    pub member_id: Option<String>,
    pub person_id: Option<String>,
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageChange {
    pub id: String,
    pub from_stage: ProjectStage,
    pub to_stage: ProjectStage,
    pub changed_on: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Outcome {
    pub year: i32,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub sales_won: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub exports_won: i64,
    pub jobs: i32,
    pub patents: i32,
    pub commercialised: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Share {
    pub member_id: String,
    pub member_name: String,
    pub shared_on: String,
}

/// A project with everything its page shows.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectDetail {
    pub project: Project,
    pub parties: Vec<Party>,
    pub issue_ids: Vec<String>,
    pub stage_changes: Vec<StageChange>,
    pub outcomes: Vec<Outcome>,
    pub shares: Vec<Share>,
    pub amount_check: AmountCheck,
}

const SELECT: &str = "SELECT p.id, p.cluster_id, p.title, p.summary, p.scope, p.support_type, p.lead_member_id,
    coalesce(m.name, ''), p.stage, p.stage_reason, p.government_won, p.firm_cash_won, p.firm_in_kind_won,
    p.approved_government_won, p.override_reason
    FROM project p LEFT JOIN member m ON m.id = p.lead_member_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Project> {
    Ok(Project {
        id: row.get(0)?,
        cluster_id: row.get(1)?,
        title: row.get(2)?,
        summary: row.get(3)?,
        scope: row.get(4)?,
        support_type: row.get(5)?,
        lead_member_id: row.get(6)?,
        lead_member_name: row.get(7)?,
        stage: row.get(8)?,
        stage_reason: row.get(9)?,
        amounts: Amounts { government_won: row.get(10)?, firm_cash_won: row.get(11)?, firm_in_kind_won: row.get(12)? },
        approved_government_won: row.get(13)?,
        override_reason: row.get(14)?,
    })
}

/// The lead firm's size class; SME when unknown (the programme's usual case).
fn lead_size(conn: &Connection, lead: Option<&str>) -> CoreResult<FirmSize> {
    let Some(lead) = lead else { return Ok(FirmSize::Sme) };
    let size: Option<Option<FirmSize>> =
        conn.query_row("SELECT firm_size FROM member WHERE id = ?1", [lead], |r| r.get(0)).optional()?;
    Ok(size.flatten().unwrap_or(FirmSize::Sme))
}

fn firm_count(input: &ProjectInput) -> usize {
    let mut firms: Vec<&String> = input.participant_ids.iter().collect();
    if let Some(lead) = &input.lead_member_id {
        if !firms.contains(&lead) {
            firms.push(lead);
        }
    }
    firms.len()
}

/// What the amount rules say about a project as the form stands (the form calls this as
/// the manager types).
pub fn check_amounts(conn: &Connection, input: &ProjectInput) -> CoreResult<AmountCheck> {
    let Some(kind) = input.support_type else { return Ok(AmountCheck::default()) };
    let size = lead_size(conn, input.lead_member_id.as_deref())?;
    Ok(support::check_amounts(kind, size, &input.amounts, firm_count(input)))
}

fn check(conn: &Connection, input: &ProjectInput) -> CoreResult<()> {
    let mut checks = Checks::default();
    checks.require("title", &input.title, "과제명", "Title");
    if input.scope.is_none() {
        checks.push(FieldError::new(
            "scope",
            "required",
            "공통과제인지 개별과제인지 고르세요.",
            "Choose common or individual.",
        ));
    }
    if input.support_type.is_none() {
        checks.push(FieldError::new("support_type", "required", "지원유형을 고르세요.", "Choose the support type."));
    }
    if input.scope == Some(ProjectScope::Individual) && firm_count(input) > 1 {
        checks.push(FieldError::new(
            "participant_ids",
            "individual_one_firm",
            "개별과제에는 기업이 한 곳만 참여합니다. 여러 기업이면 공통과제로 바꾸세요.",
            "An individual task has one firm. Make it a common task for several firms.",
        ));
    }
    let amounts = check_amounts(conn, input)?;
    for error in amounts.errors {
        checks.push(error);
    }
    if !amounts.warnings.is_empty() && input.override_reason.trim().is_empty() {
        for warning in amounts.warnings {
            checks.push(FieldError {
                rule: format!("{}_needs_reason", warning.rule),
                message_ko: format!("{} (무시하고 저장하려면 '예외 사유'를 적으세요.)", warning.message_ko),
                message_en: format!("{} (To save anyway, give an override reason.)", warning.message_en),
                ..warning
            });
        }
    }
    checks.finish()
}

fn to_fields(input: &ProjectInput) -> CoreResult<Fields> {
    let (Some(scope), Some(kind)) = (input.scope, input.support_type) else {
        return Err(CoreError::Validation(Vec::new()));
    };
    Ok(fields![
        ("title", input.title.trim().to_string()),
        ("summary", input.summary.clone()),
        ("scope", scope),
        ("support_type", kind),
        ("lead_member_id", input.lead_member_id.clone()),
        ("government_won", input.amounts.government_won),
        ("firm_cash_won", input.amounts.firm_cash_won),
        ("firm_in_kind_won", input.amounts.firm_in_kind_won),
        ("override_reason", input.override_reason.trim().to_string()),
    ])
}

/// Makes the set of link rows `<project>/<other>` in `table` equal `wanted`.
fn set_links(
    w: &mut Write<'_>,
    table: &crate::db::record::Table,
    project_id: &str,
    wanted: &[(String, Fields)],
) -> CoreResult<()> {
    let current: Vec<String> = {
        let mut stmt =
            w.tx().prepare(&format!("SELECT id FROM {} WHERE project_id = ?1 AND deleted = 0", table.name))?;
        let rows = stmt.query_map([project_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for id in &current {
        if !wanted.iter().any(|(other, _)| table.link_id(project_id, other) == *id) {
            w.soft_delete(table, id)?;
        }
    }
    for (other, fields) in wanted {
        let id = table.link_id(project_id, other);
        match w.exists(table, &id)? {
            Some(false) => {
                w.update(table, &id, fields)?;
            }
            Some(true) => {
                w.restore(table, &id)?;
                w.update(table, &id, fields)?;
            }
            None => {
                let mut all = fields![("project_id", project_id.to_string())];
                all.extend(fields.iter().cloned());
                w.insert(table, &id, &all)?;
            }
        }
    }
    Ok(())
}

fn set_parties_and_issues(w: &mut Write<'_>, project_id: &str, input: &ProjectInput) -> CoreResult<()> {
    let mut parties: Vec<(String, Fields)> = Vec::new();
    for id in input.participant_ids.iter().chain(&input.lead_member_id) {
        if !parties.iter().any(|(o, _)| o == id) {
            crate::member::get(w.tx(), id)?;
            parties.push((id.clone(), fields![("member_id", id.clone()), ("role", "participant".to_string())]));
        }
    }
    for id in &input.partner_ids {
        if !parties.iter().any(|(o, _)| o == id) {
            crate::member::get(w.tx(), id)?;
            parties.push((id.clone(), fields![("member_id", id.clone()), ("role", "partner".to_string())]));
        }
    }
    for id in &input.expert_ids {
        if !parties.iter().any(|(o, _)| o == id) {
            crate::person::get(w.tx(), id)?;
            parties.push((id.clone(), fields![("person_id", id.clone()), ("role", "expert".to_string())]));
        }
    }
    set_links(w, &PROJECT_PARTY, project_id, &parties)?;
    let issues: Vec<(String, Fields)> =
        input.issue_ids.iter().map(|id| (id.clone(), fields![("issue_id", id.clone())])).collect();
    set_links(w, &PROJECT_ISSUE, project_id, &issues)?;
    // An issue answered by a project is "in project" (when its workflow allows the move).
    for issue_id in &input.issue_ids {
        let issue = crate::issue::get(w.tx(), issue_id)?;
        use crate::issue::IssueStatus::*;
        let path: &[crate::issue::IssueStatus] = match issue.status {
            New => &[Reviewing, Matched, InProject],
            Reviewing => &[Matched, InProject],
            Matched => &[InProject],
            _ => &[],
        };
        for status in path {
            crate::issue::move_to(w, issue_id, *status, "")?;
        }
    }
    Ok(())
}

pub fn create(w: &mut Write<'_>, cluster_id: &str, input: &ProjectInput) -> CoreResult<String> {
    check(w.tx(), input)?;
    let id = w.new_id();
    let mut fields = fields![("cluster_id", cluster_id.to_string()), ("stage", ProjectStage::Discovery)];
    fields.extend(to_fields(input)?);
    w.insert(&PROJECT, &id, &fields)?;
    set_parties_and_issues(w, &id, input)?;
    reindex(w, &id)?;
    Ok(id)
}

pub fn update(w: &mut Write<'_>, id: &str, input: &ProjectInput) -> CoreResult<()> {
    get_project(w.tx(), id)?;
    check(w.tx(), input)?;
    w.update(&PROJECT, id, &to_fields(input)?)?;
    set_parties_and_issues(w, id, input)?;
    reindex(w, id)
}

/// Moves a project to another stage on a date, with a reason (required for rejected and
/// dropped). From 선정·협약 on the amounts must pass the hard checks.
pub fn change_stage(w: &mut Write<'_>, id: &str, to: ProjectStage, on: &str, reason: &str) -> CoreResult<()> {
    let project = get_project(w.tx(), id)?;
    let mut checks = Checks::default();
    if project.stage == to || !project.stage.can_move_to(to) {
        checks.push(FieldError::new(
            "stage",
            "transition",
            format!("'{}' 단계에서 '{}' 단계로 바꿀 수 없습니다.", stage_ko(project.stage), stage_ko(to)),
            format!("A project cannot move from '{}' to '{}'.", project.stage.as_str(), to.as_str()),
        ));
    }
    if time::parse_date(on).is_none() {
        checks.push(FieldError::new(
            "changed_on",
            "date",
            "변경일은 YYYY-MM-DD 형식의 날짜여야 합니다.",
            "The date must be in YYYY-MM-DD form.",
        ));
    }
    if matches!(to, ProjectStage::Rejected | ProjectStage::Dropped) && reason.trim().is_empty() {
        checks.push(FieldError::required("reason", "사유", "Reason"));
    }
    if to.money_is_committed() && !project.stage.money_is_committed() {
        let size = lead_size(w.tx(), project.lead_member_id.as_deref())?;
        let firms = parties(w.tx(), id)?.iter().filter(|p| p.role == "participant").count();
        let amounts = support::check_amounts(project.support_type, size, &project.amounts, firms);
        for e in amounts.errors {
            checks.push(e);
        }
        if project.amounts.government_won == 0 && project.support_type != SupportType::NonFinancial {
            checks.push(FieldError::new(
                "government_won",
                "required_for_agreement",
                "선정·협약 단계로 가려면 정부지원금을 입력하세요.",
                "Enter the government support before moving to agreement.",
            ));
        }
    }
    checks.finish()?;
    let reason = reason.trim().to_string();
    let stage_reason =
        if matches!(to, ProjectStage::Rejected | ProjectStage::Dropped) { reason.clone() } else { String::new() };
    w.update(&PROJECT, id, &fields![("stage", to), ("stage_reason", stage_reason)])?;
    let change_id = w.new_id();
    w.insert(
        &PROJECT_STAGE_CHANGE,
        &change_id,
        &fields![
            ("project_id", id.to_string()),
            ("from_stage", project.stage),
            ("to_stage", to),
            ("changed_on", on.trim().to_string()),
            ("reason", reason),
        ],
    )?;
    Ok(())
}

pub fn stage_ko(stage: ProjectStage) -> &'static str {
    match stage {
        ProjectStage::Discovery => "발굴",
        ProjectStage::Planning => "기획",
        ProjectStage::Application => "신청",
        ProjectStage::Evaluation => "평가",
        ProjectStage::Agreement => "선정·협약",
        ProjectStage::Execution => "수행",
        ProjectStage::Review => "중간·최종평가",
        ProjectStage::Settlement => "정산",
        ProjectStage::OutcomeReporting => "성과활용보고",
        ProjectStage::Rejected => "탈락",
        ProjectStage::Dropped => "중단",
    }
}

/// Records (or corrects) one year's outcomes.
pub fn record_outcome(w: &mut Write<'_>, project_id: &str, outcome: &Outcome) -> CoreResult<()> {
    get_project(w.tx(), project_id)?;
    let mut checks = Checks::default();
    if !(2000..=2100).contains(&outcome.year) {
        checks.push(FieldError::new("year", "range", "연도가 올바르지 않습니다.", "The year is not valid."));
    }
    let problems = [
        crate::validate::won("sales_won", "매출", "Sales", outcome.sales_won),
        crate::validate::won("exports_won", "수출", "Exports", outcome.exports_won),
        crate::validate::count("jobs", "고용", "Jobs", i64::from(outcome.jobs)),
        crate::validate::count("patents", "특허", "Patents", i64::from(outcome.patents)),
    ];
    for e in problems.into_iter().flatten() {
        checks.push(e);
    }
    checks.finish()?;
    let id = PROJECT_OUTCOME.link_id(project_id, &outcome.year.to_string());
    let fields = fields![
        ("sales_won", outcome.sales_won),
        ("exports_won", outcome.exports_won),
        ("jobs", i64::from(outcome.jobs)),
        ("patents", i64::from(outcome.patents)),
        ("commercialised", i64::from(outcome.commercialised)),
    ];
    match w.exists(&PROJECT_OUTCOME, &id)? {
        Some(deleted) => {
            if deleted {
                w.restore(&PROJECT_OUTCOME, &id)?;
            }
            w.update(&PROJECT_OUTCOME, &id, &fields)?;
        }
        None => {
            let mut all = fields![("project_id", project_id.to_string()), ("year", i64::from(outcome.year))];
            all.extend(fields);
            w.insert(&PROJECT_OUTCOME, &id, &all)?;
        }
    }
    Ok(())
}

/// Records that the result was shared with a member on a date.
pub fn share_result(w: &mut Write<'_>, project_id: &str, member_id: &str, on: &str) -> CoreResult<()> {
    get_project(w.tx(), project_id)?;
    crate::member::get(w.tx(), member_id)?;
    if time::parse_date(on).is_none() {
        return Err(FieldError::new(
            "shared_on",
            "date",
            "공유일은 YYYY-MM-DD 형식의 날짜여야 합니다.",
            "The date must be in YYYY-MM-DD form.",
        )
        .into_error());
    }
    let id = PROJECT_SHARE.link_id(project_id, member_id);
    match w.exists(&PROJECT_SHARE, &id)? {
        Some(deleted) => {
            if deleted {
                w.restore(&PROJECT_SHARE, &id)?;
            }
            w.update(&PROJECT_SHARE, &id, &fields![("shared_on", on.to_string())])?;
        }
        None => w.insert(
            &PROJECT_SHARE,
            &id,
            &fields![
                ("project_id", project_id.to_string()),
                ("member_id", member_id.to_string()),
                ("shared_on", on.to_string())
            ],
        )?,
    }
    Ok(())
}

fn get_project(conn: &Connection, id: &str) -> CoreResult<Project> {
    conn.prepare_cached(&format!("{SELECT} WHERE p.id = ?1 AND p.deleted = 0"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::NotFound { kind: "project", id: id.to_string() })
}

fn parties(conn: &Connection, project_id: &str) -> CoreResult<Vec<Party>> {
    let mut stmt = conn.prepare_cached(
        "SELECT x.id, x.member_id, x.person_id, coalesce(m.name, p.name, ''), x.role
         FROM project_party x LEFT JOIN member m ON m.id = x.member_id LEFT JOIN person p ON p.id = x.person_id
         WHERE x.project_id = ?1 AND x.deleted = 0 ORDER BY x.role DESC, 4",
    )?;
    let rows = stmt.query_map([project_id], |row| {
        Ok(Party {
            id: row.get(0)?,
            member_id: row.get(1)?,
            person_id: row.get(2)?,
            name: row.get(3)?,
            role: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: &str) -> CoreResult<ProjectDetail> {
    let project = get_project(conn, id)?;
    let parties = parties(conn, id)?;
    let issue_ids = {
        let mut stmt =
            conn.prepare_cached("SELECT issue_id FROM project_issue WHERE project_id = ?1 AND deleted = 0")?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        rows.collect::<Result<Vec<String>, _>>()?
    };
    let stage_changes = {
        let mut stmt = conn.prepare_cached(
            "SELECT id, from_stage, to_stage, changed_on, reason FROM project_stage_change
             WHERE project_id = ?1 AND deleted = 0 ORDER BY changed_on, rowid",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(StageChange {
                id: r.get(0)?,
                from_stage: r.get(1)?,
                to_stage: r.get(2)?,
                changed_on: r.get(3)?,
                reason: r.get(4)?,
            })
        })?;
        rows.collect::<Result<_, _>>()?
    };
    let outcomes = {
        let mut stmt = conn.prepare_cached(
            "SELECT year, sales_won, exports_won, jobs, patents, commercialised FROM project_outcome
             WHERE project_id = ?1 AND deleted = 0 ORDER BY year",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(Outcome {
                year: r.get(0)?,
                sales_won: r.get(1)?,
                exports_won: r.get(2)?,
                jobs: r.get(3)?,
                patents: r.get(4)?,
                commercialised: r.get::<_, i64>(5)? != 0,
            })
        })?;
        rows.collect::<Result<_, _>>()?
    };
    let shares = {
        let mut stmt = conn.prepare_cached(
            "SELECT s.member_id, m.name, s.shared_on FROM project_share s JOIN member m ON m.id = s.member_id
             WHERE s.project_id = ?1 AND s.deleted = 0 ORDER BY s.shared_on, m.name",
        )?;
        let rows =
            stmt.query_map([id], |r| Ok(Share { member_id: r.get(0)?, member_name: r.get(1)?, shared_on: r.get(2)? }))?;
        rows.collect::<Result<_, _>>()?
    };
    let size = lead_size(conn, project.lead_member_id.as_deref())?;
    let firms = parties.iter().filter(|p| p.role == "participant").count();
    let amount_check = support::check_amounts(project.support_type, size, &project.amounts, firms);
    Ok(ProjectDetail { project, parties, issue_ids, stage_changes, outcomes, shares, amount_check })
}

/// The cluster's projects in pipeline order.
pub fn list(conn: &Connection, cluster_id: &str) -> CoreResult<Vec<Project>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE p.cluster_id = ?1 AND p.deleted = 0 ORDER BY p.id DESC"))?;
    let rows = stmt.query_map([cluster_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Projects a member leads, takes part in or partners.
pub fn of_member(conn: &Connection, member_id: &str) -> CoreResult<Vec<Project>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE p.deleted = 0 AND (p.lead_member_id = ?1 OR p.id IN
            (SELECT project_id FROM project_party WHERE member_id = ?1 AND deleted = 0)) ORDER BY p.id DESC"
    ))?;
    let rows = stmt.query_map([member_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Per stage: how many projects, and their government and firm money.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageTotal {
    pub stage: ProjectStage,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: i64,
    pub amounts: Amounts,
}

pub fn totals_by_stage(conn: &Connection, cluster_id: &str) -> CoreResult<Vec<StageTotal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT stage, count(*), sum(government_won), sum(firm_cash_won), sum(firm_in_kind_won)
         FROM project WHERE cluster_id = ?1 AND deleted = 0 GROUP BY stage",
    )?;
    let rows = stmt.query_map(params![cluster_id], |r| {
        Ok(StageTotal {
            stage: r.get(0)?,
            count: r.get(1)?,
            amounts: Amounts { government_won: r.get(2)?, firm_cash_won: r.get(3)?, firm_in_kind_won: r.get(4)? },
        })
    })?;
    let mut totals: Vec<StageTotal> = rows.collect::<Result<_, _>>()?;
    totals.sort_by_key(|t| ProjectStage::ALL.iter().position(|s| *s == t.stage));
    Ok(totals)
}

pub(crate) fn document(project: &Project) -> Document {
    Document {
        kind: RecordKind::Project,
        id: project.id.clone(),
        title: project.title.clone(),
        body: format!("{}\n{}", project.summary, project.lead_member_name),
        exact: Vec::new(),
    }
}

pub(crate) fn search_document(conn: &Connection, id: &str) -> CoreResult<Option<Document>> {
    Ok(search::found(get_project(conn, id))?.map(|p| document(&p)))
}

fn reindex(w: &mut Write<'_>, id: &str) -> CoreResult<()> {
    let project = get_project(w.tx(), id)?;
    search::put(w.tx(), &document(&project))
}

pub(crate) fn all_documents(conn: &Connection) -> CoreResult<Vec<Document>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE p.deleted = 0"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.map(|p| Ok(document(&p?))).collect()
}

#[cfg(test)]
mod tests {
    use super::ProjectStage::*;

    #[test]
    fn stage_moves() {
        assert!(Discovery.can_move_to(Planning));
        assert!(Application.can_move_to(Agreement), "a late-recorded step may skip ahead");
        assert!(Agreement.can_move_to(Evaluation), "one step back corrects a mistake");
        assert!(!Execution.can_move_to(Application), "two steps back is not a correction");
        assert!(Evaluation.can_move_to(Rejected));
        assert!(!Execution.can_move_to(Rejected), "only an application or evaluation is rejected");
        assert!(Execution.can_move_to(Dropped));
        assert!(!OutcomeReporting.can_move_to(Dropped));
        assert!(Rejected.can_move_to(Planning));
        assert!(!Rejected.can_move_to(Execution));
        assert!(Agreement.money_is_committed() && !Evaluation.money_is_committed());
    }
}
