//! Issues found (애로사항): the problems firms raise at visits and meetings, and their
//! workflow from new to resolved.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::db::record::{Fields, Table};
use crate::error::{Checks, CoreError, CoreResult, FieldError};
use crate::search::{self, Document, RecordKind};
use crate::{fields, text_enum, time, Write};

pub(crate) const SCHEMA_V1: &str = "
CREATE TABLE issue (
    id          TEXT PRIMARY KEY,
    cluster_id  TEXT NOT NULL REFERENCES cluster(id),
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL,               -- an IssueCategory code
    stage       TEXT NOT NULL,               -- an IssueStage code
    status      TEXT NOT NULL DEFAULT 'new', -- an IssueStatus code
    drop_reason TEXT NOT NULL DEFAULT '',
    event_id    TEXT REFERENCES event(id),   -- where it was found
    found_on    TEXT NOT NULL,               -- YYYY-MM-DD
    next_steps  TEXT NOT NULL DEFAULT '',
    deleted     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX issue_cluster ON issue(cluster_id, status);
CREATE INDEX issue_event ON issue(event_id);
-- id is '<issue id>/<member id>': the members that raised it.
CREATE TABLE issue_member (
    id        TEXT PRIMARY KEY,
    issue_id  TEXT NOT NULL REFERENCES issue(id),
    member_id TEXT NOT NULL REFERENCES member(id),
    deleted   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX issue_member_issue ON issue_member(issue_id);
CREATE INDEX issue_member_member ON issue_member(member_id);
";

pub(crate) const ISSUE: Table =
    Table::record("issue", "issue", sync_wire::tables::ISSUE_FIELDS).searched(search_document);
pub(crate) const ISSUE_MEMBER: Table =
    Table::link("issue_member", "issue member", sync_wire::tables::ISSUE_MEMBER_FIELDS, "issue_id", "");

text_enum! {
    IssueCategory {
        Technology = "technology",   // 기술
        Production = "production",   // 생산
        Quality = "quality",         // 품질
        Marketing = "marketing",     // 마케팅
        Funding = "funding",         // 자금
        Workforce = "workforce",     // 인력
        Regulation = "regulation",   // 규제·인증
        Other = "other",             // 기타
    }
}

text_enum! {
    /// Where the firm is: 기술개발 → 제품화 → 시장화.
    IssueStage { TechnologyDevelopment = "technology_development", Productisation = "productisation", Commercialisation = "commercialisation" }
}

text_enum! {
    IssueStatus {
        New = "new",              // 접수
        Reviewing = "reviewing",  // 검토
        Matched = "matched",      // 매칭
        InProject = "in_project", // 과제 추진
        Resolved = "resolved",    // 해결
        Dropped = "dropped",      // 중단
    }
}

impl IssueStatus {
    /// The moves the workflow allows; one step forward or back, dropping from anywhere
    /// open, and reopening a dropped issue.
    pub fn can_move_to(self, to: IssueStatus) -> bool {
        use IssueStatus::*;
        matches!(
            (self, to),
            (New, Reviewing)
                | (Reviewing, Matched)
                | (Reviewing, New)
                | (Matched, InProject)
                | (Matched, Reviewing)
                | (InProject, Resolved)
                | (InProject, Matched)
                | (Matched, Resolved)
                | (New | Reviewing | Matched | InProject, Dropped)
                | (Dropped, New)
        )
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssueInput {
    pub title: String,
    pub description: String,
    pub category: Option<IssueCategory>,
    pub stage: Option<IssueStage>,
    /// The members that raised it; at least one.
    pub member_ids: Vec<String>,
    pub event_id: Option<String>,
    /// `YYYY-MM-DD`; today when empty.
    pub found_on: String,
    pub next_steps: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Issue {
    pub id: String,
    pub cluster_id: String,
    pub title: String,
    pub description: String,
    pub category: IssueCategory,
    pub stage: IssueStage,
    pub status: IssueStatus,
    pub drop_reason: String,
    pub event_id: Option<String>,
    pub found_on: String,
    pub next_steps: String,
    pub member_ids: Vec<String>,
    pub member_names: Vec<String>,
}

const SELECT: &str = "SELECT i.id, i.cluster_id, i.title, i.description, i.category, i.stage, i.status, i.drop_reason,
    i.event_id, i.found_on, i.next_steps,
    coalesce((SELECT group_concat(im.member_id, char(31)) FROM issue_member im WHERE im.issue_id = i.id AND im.deleted = 0), ''),
    coalesce((SELECT group_concat(m.name, char(31)) FROM issue_member im JOIN member m ON m.id = im.member_id
              WHERE im.issue_id = i.id AND im.deleted = 0), '')
    FROM issue i";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Issue> {
    let ids: String = row.get(11)?;
    let names: String = row.get(12)?;
    let split = |s: &str| s.split('\u{1f}').filter(|x| !x.is_empty()).map(str::to_string).collect();
    Ok(Issue {
        id: row.get(0)?,
        cluster_id: row.get(1)?,
        title: row.get(2)?,
        description: row.get(3)?,
        category: row.get(4)?,
        stage: row.get(5)?,
        status: row.get(6)?,
        drop_reason: row.get(7)?,
        event_id: row.get(8)?,
        found_on: row.get(9)?,
        next_steps: row.get(10)?,
        member_ids: split(&ids),
        member_names: split(&names),
    })
}

fn check(input: &IssueInput) -> CoreResult<()> {
    let mut checks = Checks::default();
    checks.require("title", &input.title, "애로사항 제목", "Title");
    if input.category.is_none() {
        checks.push(FieldError::new("category", "required", "애로 분야를 고르세요.", "Choose the category."));
    }
    if input.stage.is_none() {
        checks.push(FieldError::new(
            "stage",
            "required",
            "단계(기술개발·제품화·시장화)를 고르세요.",
            "Choose the stage.",
        ));
    }
    if input.member_ids.is_empty() {
        checks.push(FieldError::new(
            "member_ids",
            "required",
            "애로를 제기한 기업을 한 곳 이상 고르세요.",
            "Choose at least one member that raised it.",
        ));
    }
    if !input.found_on.trim().is_empty() && time::parse_date(&input.found_on).is_none() {
        checks.push(FieldError::new(
            "found_on",
            "date",
            "발굴일은 YYYY-MM-DD 형식의 날짜여야 합니다.",
            "The date found must be in YYYY-MM-DD form.",
        ));
    }
    checks.finish()
}

fn to_fields(input: &IssueInput) -> CoreResult<Fields> {
    let (Some(category), Some(stage)) = (input.category, input.stage) else {
        return Err(CoreError::Validation(Vec::new()));
    };
    let found_on = match input.found_on.trim() {
        "" => time::today().format("%Y-%m-%d").to_string(),
        date => date.to_string(),
    };
    Ok(fields![
        ("title", input.title.trim().to_string()),
        ("description", input.description.clone()),
        ("category", category),
        ("stage", stage),
        ("event_id", input.event_id.clone()),
        ("found_on", found_on),
        ("next_steps", input.next_steps.clone()),
    ])
}

fn set_members(w: &mut Write<'_>, issue_id: &str, member_ids: &[String]) -> CoreResult<()> {
    let current: Vec<String> = {
        let mut stmt = w.tx().prepare("SELECT member_id FROM issue_member WHERE issue_id = ?1 AND deleted = 0")?;
        let rows = stmt.query_map([issue_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for old in current.iter().filter(|m| !member_ids.contains(m)) {
        w.soft_delete(&ISSUE_MEMBER, &ISSUE_MEMBER.link_id(issue_id, old))?;
    }
    for member_id in member_ids.iter().filter(|m| !current.contains(m)) {
        crate::member::get(w.tx(), member_id)?;
        let id = ISSUE_MEMBER.link_id(issue_id, member_id);
        match w.exists(&ISSUE_MEMBER, &id)? {
            Some(_) => w.restore(&ISSUE_MEMBER, &id)?,
            None => w.insert(
                &ISSUE_MEMBER,
                &id,
                &fields![("issue_id", issue_id.to_string()), ("member_id", member_id.clone())],
            )?,
        }
    }
    Ok(())
}

pub fn create(w: &mut Write<'_>, cluster_id: &str, input: &IssueInput) -> CoreResult<String> {
    check(input)?;
    let id = w.new_id();
    let mut fields = fields![("cluster_id", cluster_id.to_string()), ("status", IssueStatus::New)];
    fields.extend(to_fields(input)?);
    w.insert(&ISSUE, &id, &fields)?;
    set_members(w, &id, &input.member_ids)?;
    reindex(w, &id)?;
    Ok(id)
}

pub fn update(w: &mut Write<'_>, id: &str, input: &IssueInput) -> CoreResult<()> {
    get(w.tx(), id)?;
    check(input)?;
    w.update(&ISSUE, id, &to_fields(input)?)?;
    set_members(w, id, &input.member_ids)?;
    reindex(w, id)
}

/// Moves an issue along its workflow. Dropping needs a reason.
pub fn move_to(w: &mut Write<'_>, id: &str, to: IssueStatus, reason: &str) -> CoreResult<()> {
    let issue = get(w.tx(), id)?;
    if issue.status == to {
        return Ok(());
    }
    if !issue.status.can_move_to(to) {
        return Err(FieldError::new(
            "status",
            "transition",
            format!("'{}' 상태에서 '{}' 상태로 바꿀 수 없습니다.", status_ko(issue.status), status_ko(to)),
            format!("An issue cannot move from '{}' to '{}'.", issue.status.as_str(), to.as_str()),
        )
        .into_error());
    }
    if to == IssueStatus::Dropped && reason.trim().is_empty() {
        return Err(FieldError::required("drop_reason", "중단 사유", "Reason for dropping").into_error());
    }
    let reason = if to == IssueStatus::Dropped { reason.trim().to_string() } else { String::new() };
    w.update(&ISSUE, id, &fields![("status", to), ("drop_reason", reason)])?;
    Ok(())
}

pub fn status_ko(status: IssueStatus) -> &'static str {
    match status {
        IssueStatus::New => "접수",
        IssueStatus::Reviewing => "검토",
        IssueStatus::Matched => "매칭",
        IssueStatus::InProject => "과제 추진",
        IssueStatus::Resolved => "해결",
        IssueStatus::Dropped => "중단",
    }
}

pub fn get(conn: &Connection, id: &str) -> CoreResult<Issue> {
    conn.prepare_cached(&format!("{SELECT} WHERE i.id = ?1 AND i.deleted = 0"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::NotFound { kind: "issue", id: id.to_string() })
}

/// The cluster's issues, newest first.
pub fn list(conn: &Connection, cluster_id: &str) -> CoreResult<Vec<Issue>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE i.cluster_id = ?1 AND i.deleted = 0 ORDER BY i.found_on DESC, i.id DESC"
    ))?;
    let rows = stmt.query_map([cluster_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Issues found at one event (a plant visit's issues), in the order they were recorded.
pub fn found_at(conn: &Connection, event_id: &str) -> CoreResult<Vec<Issue>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE i.event_id = ?1 AND i.deleted = 0 ORDER BY i.id"))?;
    let rows = stmt.query_map([event_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Issues a member raised.
pub fn of_member(conn: &Connection, member_id: &str) -> CoreResult<Vec<Issue>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE i.deleted = 0 AND i.id IN (SELECT issue_id FROM issue_member WHERE member_id = ?1 AND deleted = 0)
         ORDER BY i.found_on DESC"
    ))?;
    let rows = stmt.query_map([member_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many of the cluster's issues are in each status.
pub fn count_by_status(conn: &Connection, cluster_id: &str) -> CoreResult<Vec<(IssueStatus, i64)>> {
    let mut stmt = conn
        .prepare_cached("SELECT status, count(*) FROM issue WHERE cluster_id = ?1 AND deleted = 0 GROUP BY status")?;
    let rows = stmt.query_map(params![cluster_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The search document of one issue, or `None` when it is missing, deleted or incomplete.
pub(crate) fn search_document(conn: &Connection, id: &str) -> CoreResult<Option<crate::search::Document>> {
    Ok(crate::search::found(get(conn, id))?.map(|record| document(&record)))
}

pub(crate) fn document(issue: &Issue) -> Document {
    Document {
        kind: RecordKind::Issue,
        id: issue.id.clone(),
        title: issue.title.clone(),
        body: format!("{}\n{}\n{}", issue.description, issue.member_names.join(", "), issue.next_steps),
        exact: Vec::new(),
    }
}

fn reindex(w: &mut Write<'_>, id: &str) -> CoreResult<()> {
    let issue = get(w.tx(), id)?;
    search::put(w.tx(), &document(&issue))
}

pub(crate) fn all_documents(conn: &Connection) -> CoreResult<Vec<Document>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE i.deleted = 0"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.map(|i| Ok(document(&i?))).collect()
}

#[cfg(test)]
mod tests {
    use super::IssueStatus::*;

    #[test]
    fn workflow_allows_only_its_moves() {
        assert!(New.can_move_to(Reviewing));
        assert!(Reviewing.can_move_to(Matched));
        assert!(Matched.can_move_to(InProject));
        assert!(InProject.can_move_to(Resolved));
        assert!(InProject.can_move_to(Dropped));
        assert!(Dropped.can_move_to(New));
        assert!(!New.can_move_to(Resolved));
        assert!(!New.can_move_to(InProject));
        assert!(!Resolved.can_move_to(Dropped));
        assert!(!Resolved.can_move_to(New));
    }
}
