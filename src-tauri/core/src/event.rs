//! Events: regular meetings, technology seminars, general meetings, small-group meetings,
//! workshops and plant visits; who was invited and came; agenda, minutes, decisions and
//! the action items that came out of them.

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::db::record::{Fields, Table};
use crate::error::{Checks, CoreError, CoreResult, FieldError};
use crate::search::{self, Document, RecordKind};
use crate::{fields, text_enum, time, Write};

pub(crate) const SCHEMA_V1: &str = "
CREATE TABLE event (
    id                TEXT PRIMARY KEY,
    cluster_id        TEXT NOT NULL REFERENCES cluster(id),
    kind              TEXT NOT NULL,            -- an EventKind code
    title             TEXT NOT NULL,
    starts_at         TEXT NOT NULL,            -- RFC 3339, +09:00
    ends_at           TEXT NOT NULL,
    place             TEXT NOT NULL DEFAULT '',
    group_id          TEXT REFERENCES small_group(id),
    visited_member_id TEXT REFERENCES member(id),  -- the company of a plant visit
    agenda            TEXT NOT NULL DEFAULT '',
    minutes           TEXT NOT NULL DEFAULT '',
    decisions         TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'scheduled',
    cancel_reason     TEXT NOT NULL DEFAULT '',
    deleted           INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX event_time ON event(cluster_id, starts_at);
CREATE INDEX event_visited ON event(visited_member_id);
-- id is '<event id>/<member or person id>'
CREATE TABLE invitee (
    id         TEXT PRIMARY KEY,
    event_id   TEXT NOT NULL REFERENCES event(id),
    member_id  TEXT REFERENCES member(id),
    person_id  TEXT REFERENCES person(id),
    attendance TEXT NOT NULL DEFAULT 'invited',
    deleted    INTEGER NOT NULL DEFAULT 0,
    CHECK ((member_id IS NULL) <> (person_id IS NULL))
) STRICT;
CREATE INDEX invitee_event ON invitee(event_id);
CREATE TABLE action_item (
    id                 TEXT PRIMARY KEY,
    event_id           TEXT REFERENCES event(id),
    title              TEXT NOT NULL,
    assignee_person_id TEXT REFERENCES person(id),
    assignee_member_id TEXT REFERENCES member(id),
    due_on             TEXT,                    -- YYYY-MM-DD
    status             TEXT NOT NULL DEFAULT 'open',
    issue_id           TEXT REFERENCES issue(id),
    project_id         TEXT REFERENCES project(id),
    deleted            INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX action_item_event ON action_item(event_id);
CREATE INDEX action_item_due ON action_item(status, due_on);
";

pub(crate) const EVENT: Table =
    Table::record("event", "event", sync_wire::tables::EVENT_FIELDS).searched(search_document);
pub(crate) const INVITEE: Table = Table::link("invitee", "invitee", sync_wire::tables::INVITEE_FIELDS, "event_id", "");
pub(crate) const ACTION_ITEM: Table =
    Table::record("action_item", "action item", sync_wire::tables::ACTION_ITEM_FIELDS).searched(action_search_document);

text_enum! {
    EventKind {
        RegularMeeting = "regular_meeting", // 정기회의
        Seminar = "seminar",                // 기술세미나
        Workshop = "workshop",              // 워크숍
        GeneralMeeting = "general_meeting", // 총회
        GroupMeeting = "group_meeting",     // 소그룹 회의
        PlantVisit = "plant_visit",         // 현장방문
    }
}

text_enum! {
    EventStatus { Scheduled = "scheduled", Held = "held", Cancelled = "cancelled" }
}

text_enum! {
    Attendance { Invited = "invited", Present = "present", Absent = "absent", Excused = "excused" }
}

text_enum! {
    ActionStatus { Open = "open", Done = "done", Cancelled = "cancelled" }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventInput {
    pub kind: Option<EventKind>,
    pub title: String,
    /// RFC 3339; stored in Seoul time.
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub agenda: String,
    pub group_id: Option<String>,
    pub visited_member_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Event {
    pub id: String,
    pub cluster_id: String,
    pub kind: EventKind,
    pub title: String,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub group_id: Option<String>,
    pub visited_member_id: Option<String>,
    pub agenda: String,
    pub minutes: String,
    pub decisions: String,
    pub status: EventStatus,
    pub cancel_reason: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Invitee {
    pub id: String,
    pub member_id: Option<String>,
    pub person_id: Option<String>,
    /// The member's or the person's name.
    pub name: String,
    pub attendance: Attendance,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionItemInput {
    pub title: String,
    pub assignee_person_id: Option<String>,
    pub assignee_member_id: Option<String>,
    /// `YYYY-MM-DD` or empty.
    pub due_on: String,
    pub issue_id: Option<String>,
    pub project_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionItem {
    pub id: String,
    pub event_id: Option<String>,
    pub title: String,
    pub assignee_person_id: Option<String>,
    pub assignee_member_id: Option<String>,
    /// Who it is assigned to, by name.
    pub assignee_name: String,
    pub due_on: Option<String>,
    pub status: ActionStatus,
    pub issue_id: Option<String>,
    pub project_id: Option<String>,
}

/// An event with everything its page shows.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventDetail {
    pub event: Event,
    pub invitees: Vec<Invitee>,
    pub action_items: Vec<ActionItem>,
    /// The issues found at this event (a plant visit's), oldest first.
    pub issues_found: Vec<crate::issue::Issue>,
}

const SELECT: &str = "SELECT id, cluster_id, kind, title, starts_at, ends_at, place, group_id, visited_member_id,
    agenda, minutes, decisions, status, cancel_reason FROM event";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Event> {
    Ok(Event {
        id: row.get(0)?,
        cluster_id: row.get(1)?,
        kind: row.get(2)?,
        title: row.get(3)?,
        starts_at: row.get(4)?,
        ends_at: row.get(5)?,
        place: row.get(6)?,
        group_id: row.get(7)?,
        visited_member_id: row.get(8)?,
        agenda: row.get(9)?,
        minutes: row.get(10)?,
        decisions: row.get(11)?,
        status: row.get(12)?,
        cancel_reason: row.get(13)?,
    })
}

/// Checks the form; returns the start and end in Seoul time.
fn check(conn: &Connection, input: &EventInput) -> CoreResult<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
    let mut checks = Checks::default();
    if input.kind.is_none() {
        checks.push(FieldError::new("kind", "required", "행사 종류를 고르세요.", "Choose the kind of event."));
    }
    checks.require("title", &input.title, "제목", "Title");
    let starts = time::parse_datetime(&input.starts_at);
    let ends = time::parse_datetime(&input.ends_at);
    if starts.is_none() {
        checks.push(FieldError::new(
            "starts_at",
            "datetime",
            "시작 일시를 입력하세요.",
            "Enter the start date and time.",
        ));
    }
    if ends.is_none() {
        checks.push(FieldError::new("ends_at", "datetime", "종료 일시를 입력하세요.", "Enter the end date and time."));
    }
    if let (Some(s), Some(e)) = (starts, ends) {
        if e <= s {
            checks.push(FieldError::new(
                "ends_at",
                "after_start",
                "종료 일시는 시작 일시보다 뒤여야 합니다.",
                "The end must be after the start.",
            ));
        }
    }
    if input.kind == Some(EventKind::PlantVisit) && input.visited_member_id.is_none() {
        checks.push(FieldError::new(
            "visited_member_id",
            "required",
            "방문할 기업을 고르세요.",
            "Choose the company to visit.",
        ));
    }
    if input.kind == Some(EventKind::GroupMeeting) && input.group_id.is_none() {
        checks.push(FieldError::new("group_id", "required", "소그룹을 고르세요.", "Choose the small group."));
    }
    if let Some(member_id) = &input.visited_member_id {
        if crate::member::get(conn, member_id).is_err() {
            checks.push(FieldError::new(
                "visited_member_id",
                "exists",
                "방문 기업을 찾을 수 없습니다.",
                "The visited company does not exist.",
            ));
        }
    }
    checks.finish()?;
    match (starts, ends) {
        (Some(s), Some(e)) => Ok((s, e)),
        _ => Err(CoreError::Validation(Vec::new())),
    }
}

fn to_fields(input: &EventInput, starts: DateTime<FixedOffset>, ends: DateTime<FixedOffset>) -> Fields {
    fields![
        ("title", input.title.trim().to_string()),
        ("starts_at", time::format_datetime(starts)),
        ("ends_at", time::format_datetime(ends)),
        ("place", input.place.trim().to_string()),
        ("agenda", input.agenda.clone()),
        ("group_id", input.group_id.clone()),
        ("visited_member_id", input.visited_member_id.clone()),
    ]
}

pub fn create(w: &mut Write<'_>, cluster_id: &str, input: &EventInput) -> CoreResult<String> {
    let (starts, ends) = check(w.tx(), input)?;
    let kind = input.kind.ok_or_else(|| CoreError::Validation(Vec::new()))?;
    let id = w.new_id();
    let mut fields =
        fields![("cluster_id", cluster_id.to_string()), ("kind", kind), ("status", EventStatus::Scheduled)];
    fields.extend(to_fields(input, starts, ends));
    w.insert(&EVENT, &id, &fields)?;
    reindex(w, &id)?;
    Ok(id)
}

/// Edits or reschedules an event. A cancelled event stays cancelled.
pub fn update(w: &mut Write<'_>, id: &str, input: &EventInput) -> CoreResult<()> {
    let current = get_event(w.tx(), id)?;
    let (starts, ends) = check(w.tx(), input)?;
    let mut fields = to_fields(input, starts, ends);
    if let Some(kind) = input.kind.filter(|k| *k != current.kind) {
        fields.push(("kind", kind.into()));
    }
    w.update(&EVENT, id, &fields)?;
    reindex(w, id)
}

/// Cancels an event; the reason is required and is what attendees' calendars are told.
pub fn cancel(w: &mut Write<'_>, id: &str, reason: &str) -> CoreResult<()> {
    get_event(w.tx(), id)?;
    if reason.trim().is_empty() {
        return Err(FieldError::required("cancel_reason", "취소 사유", "Reason for cancelling").into_error());
    }
    w.update(&EVENT, id, &fields![("status", EventStatus::Cancelled), ("cancel_reason", reason.trim().to_string())])?;
    reindex(w, id)
}

/// Marks an event as held (done).
pub fn mark_held(w: &mut Write<'_>, id: &str) -> CoreResult<()> {
    let event = get_event(w.tx(), id)?;
    if event.status == EventStatus::Cancelled {
        return Err(FieldError::new(
            "status",
            "transition",
            "취소된 행사는 개최 완료로 바꿀 수 없습니다.",
            "A cancelled event cannot be marked as held.",
        )
        .into_error());
    }
    w.update(&EVENT, id, &fields![("status", EventStatus::Held)])?;
    Ok(())
}

/// Saves the minutes and decisions as one logged change: the end of a typing session
/// (see [`crate::minutes_draft`] for what keeps the text safe in between). The meeting's
/// draft goes in the same transaction.
pub fn save_minutes(w: &mut Write<'_>, id: &str, minutes: &str, decisions: &str) -> CoreResult<()> {
    get_event(w.tx(), id)?;
    crate::minutes_draft::check_lengths(minutes, decisions)?;
    crate::minutes_draft::discard(w.tx(), id)?;
    let changed =
        w.update(&EVENT, id, &fields![("minutes", minutes.to_string()), ("decisions", decisions.to_string())])?;
    if changed > 0 {
        reindex(w, id)?;
    }
    Ok(())
}

/// Saves the minutes editor's texts as one action, as edits of `base`, the texts the
/// manager's typing started from. Whatever sync merged into the record since then (another
/// laptop's notes) stays: each text becomes the merge of both (`sync::text_field`). Returns
/// the texts the record holds afterwards.
pub fn save_minutes_from(
    w: &mut Write<'_>,
    id: &str,
    text: &crate::minutes_draft::MinutesText,
    base: &crate::minutes_draft::MinutesText,
) -> CoreResult<crate::minutes_draft::MinutesText> {
    get_event(w.tx(), id)?;
    crate::minutes_draft::check_lengths(&text.minutes, &text.decisions)?;
    crate::minutes_draft::discard(w.tx(), id)?;
    let minutes = crate::sync::text_field::edit_from(w, &EVENT, id, "minutes", &base.minutes, &text.minutes)?;
    let decisions = crate::sync::text_field::edit_from(w, &EVENT, id, "decisions", &base.decisions, &text.decisions)?;
    reindex(w, id)?;
    Ok(crate::minutes_draft::MinutesText { minutes, decisions })
}

/// Who to invite: a member (organisation) or a person.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum InviteeRef {
    Member(String),
    Person(String),
}

pub fn invite(w: &mut Write<'_>, event_id: &str, who: &InviteeRef) -> CoreResult<()> {
    get_event(w.tx(), event_id)?;
    let (member_id, person_id, other) = match who {
        InviteeRef::Member(id) => (Some(id.clone()), None, id),
        InviteeRef::Person(id) => (None, Some(id.clone()), id),
    };
    let id = INVITEE.link_id(event_id, other);
    match w.exists(&INVITEE, &id)? {
        Some(false) => Ok(()),
        Some(true) => w.restore(&INVITEE, &id),
        None => w.insert(
            &INVITEE,
            &id,
            &fields![
                ("event_id", event_id.to_string()),
                ("member_id", member_id),
                ("person_id", person_id),
                ("attendance", Attendance::Invited),
            ],
        ),
    }
}

/// Creates an event with everyone invited from the form: members and people one by one,
/// and whole small groups (a group meeting's own group always), as one action.
pub fn create_with_invitations(
    w: &mut Write<'_>,
    cluster_id: &str,
    input: &EventInput,
    invitees: &[InviteeRef],
    groups: &[String],
) -> CoreResult<String> {
    let id = create(w, cluster_id, input)?;
    for who in invitees {
        invite(w, &id, who)?;
    }
    let own_group = input.group_id.iter().filter(|_| input.kind == Some(EventKind::GroupMeeting));
    for group_id in groups.iter().chain(own_group) {
        invite_small_group(w, &id, group_id)?;
    }
    Ok(id)
}

/// Invites every member of a small group; returns how many were invited.
pub fn invite_small_group(w: &mut Write<'_>, event_id: &str, group_id: &str) -> CoreResult<usize> {
    let members: Vec<String> = {
        let mut stmt =
            w.tx().prepare("SELECT member_id FROM small_group_member WHERE group_id = ?1 AND deleted = 0")?;
        let rows = stmt.query_map([group_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for member_id in &members {
        invite(w, event_id, &InviteeRef::Member(member_id.clone()))?;
    }
    Ok(members.len())
}

/// Takes an invitation back (someone invited by mistake). The row is soft-deleted, so
/// inviting them again restores it, with the same id on every laptop.
pub fn uninvite(w: &mut Write<'_>, invitee_id: &str) -> CoreResult<()> {
    if w.exists(&INVITEE, invitee_id)?.is_none() {
        return Err(CoreError::NotFound { kind: "invitee", id: invitee_id.to_string() });
    }
    w.soft_delete(&INVITEE, invitee_id)
}

pub fn set_attendance(w: &mut Write<'_>, invitee_id: &str, attendance: Attendance) -> CoreResult<()> {
    w.update(&INVITEE, invitee_id, &fields![("attendance", attendance)])?;
    Ok(())
}

fn check_action_item(input: &ActionItemInput) -> CoreResult<()> {
    let mut checks = Checks::default();
    checks.require("title", &input.title, "할 일", "Action");
    if !input.due_on.trim().is_empty() && time::parse_date(&input.due_on).is_none() {
        checks.push(FieldError::new(
            "due_on",
            "date",
            "기한은 YYYY-MM-DD 형식의 날짜여야 합니다.",
            "The due date must be a date in YYYY-MM-DD form.",
        ));
    }
    checks.finish()
}

fn action_fields(input: &ActionItemInput) -> Fields {
    let due = input.due_on.trim();
    fields![
        ("title", input.title.trim().to_string()),
        ("assignee_person_id", input.assignee_person_id.clone()),
        ("assignee_member_id", input.assignee_member_id.clone()),
        ("due_on", (!due.is_empty()).then(|| due.to_string())),
        ("issue_id", input.issue_id.clone()),
        ("project_id", input.project_id.clone()),
    ]
}

pub fn add_action_item(w: &mut Write<'_>, event_id: Option<&str>, input: &ActionItemInput) -> CoreResult<String> {
    check_action_item(input)?;
    let id = w.new_id();
    let mut fields = fields![("event_id", event_id.map(str::to_string)), ("status", ActionStatus::Open)];
    fields.extend(action_fields(input));
    w.insert(&ACTION_ITEM, &id, &fields)?;
    reindex_action_item(w, &id)?;
    Ok(id)
}

pub fn set_action_status(w: &mut Write<'_>, id: &str, status: ActionStatus) -> CoreResult<()> {
    w.update(&ACTION_ITEM, id, &fields![("status", status)])?;
    Ok(())
}

fn get_event(conn: &Connection, id: &str) -> CoreResult<Event> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1 AND deleted = 0"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::NotFound { kind: "event", id: id.to_string() })
}

pub fn get(conn: &Connection, id: &str) -> CoreResult<EventDetail> {
    let event = get_event(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.member_id, i.person_id, coalesce(m.name, p.name, ''), i.attendance
         FROM invitee i LEFT JOIN member m ON m.id = i.member_id LEFT JOIN person p ON p.id = i.person_id
         WHERE i.event_id = ?1 AND i.deleted = 0 ORDER BY 4",
    )?;
    let invitees = stmt
        .query_map([id], |row| {
            Ok(Invitee {
                id: row.get(0)?,
                member_id: row.get(1)?,
                person_id: row.get(2)?,
                name: row.get(3)?,
                attendance: row.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let action_items = action_items_where(conn, "a.event_id = ?1", params![id])?;
    let issues_found = crate::issue::found_at(conn, id)?;
    Ok(EventDetail { event, invitees, action_items, issues_found })
}

const ACTION_SELECT: &str = "SELECT a.id, a.event_id, a.title, a.assignee_person_id, a.assignee_member_id,
    coalesce(p.name, m.name, ''), a.due_on, a.status, a.issue_id, a.project_id
    FROM action_item a LEFT JOIN person p ON p.id = a.assignee_person_id
    LEFT JOIN member m ON m.id = a.assignee_member_id";

fn action_from_row(row: &Row<'_>) -> rusqlite::Result<ActionItem> {
    Ok(ActionItem {
        id: row.get(0)?,
        event_id: row.get(1)?,
        title: row.get(2)?,
        assignee_person_id: row.get(3)?,
        assignee_member_id: row.get(4)?,
        assignee_name: row.get(5)?,
        due_on: row.get(6)?,
        status: row.get(7)?,
        issue_id: row.get(8)?,
        project_id: row.get(9)?,
    })
}

fn action_items_where(
    conn: &Connection,
    condition: &str,
    params: impl rusqlite::Params,
) -> CoreResult<Vec<ActionItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ACTION_SELECT} WHERE {condition} AND a.deleted = 0 ORDER BY a.due_on IS NULL, a.due_on, a.title"
    ))?;
    let rows = stmt.query_map(params, action_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Open action items of the cluster due on or before `until` (`YYYY-MM-DD`), oldest first.
pub fn action_items_due(conn: &Connection, cluster_id: &str, until: &str) -> CoreResult<Vec<ActionItem>> {
    action_items_where(
        conn,
        "a.status = 'open' AND a.due_on <= ?2 AND (a.event_id IS NULL OR a.event_id IN (SELECT id FROM event WHERE cluster_id = ?1))",
        params![cluster_id, until],
    )
}

/// Events of the cluster that overlap [from, to), by start.
pub fn between(conn: &Connection, cluster_id: &str, from: &str, to: &str) -> CoreResult<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE cluster_id = ?1 AND deleted = 0 AND starts_at < ?3 AND ends_at > ?2 ORDER BY starts_at"
    ))?;
    let rows = stmt.query_map(params![cluster_id, from, to], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Scheduled events that overlap the given time: what a new or moved event clashes with.
pub fn clashes(
    conn: &Connection,
    cluster_id: &str,
    starts_at: &str,
    ends_at: &str,
    except: Option<&str>,
) -> CoreResult<Vec<Event>> {
    let (Some(s), Some(e)) = (time::parse_datetime(starts_at), time::parse_datetime(ends_at)) else {
        return Ok(Vec::new());
    };
    let found = between(conn, cluster_id, &time::format_datetime(s), &time::format_datetime(e))?;
    Ok(found.into_iter().filter(|ev| ev.status != EventStatus::Cancelled && Some(ev.id.as_str()) != except).collect())
}

/// The plant visits and meetings a member took part in, newest first.
pub fn of_member(conn: &Connection, member_id: &str) -> CoreResult<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE deleted = 0 AND (visited_member_id = ?1 OR id IN
            (SELECT event_id FROM invitee WHERE member_id = ?1 AND deleted = 0)) ORDER BY starts_at DESC"
    ))?;
    let rows = stmt.query_map([member_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn document(event: &Event) -> Document {
    Document {
        kind: RecordKind::Event,
        id: event.id.clone(),
        title: event.title.clone(),
        body: [event.place.as_str(), &event.agenda, &event.minutes, &event.decisions].join("\n"),
        exact: Vec::new(),
    }
}

pub(crate) fn search_document(conn: &Connection, id: &str) -> CoreResult<Option<Document>> {
    Ok(search::found(get_event(conn, id))?.map(|e| document(&e)))
}

pub(crate) fn action_search_document(conn: &Connection, id: &str) -> CoreResult<Option<Document>> {
    Ok(search::found(action_items_where(conn, "a.id = ?1", params![id]))?
        .and_then(|mut items| items.pop())
        .map(|i| action_document(&i)))
}

fn reindex(w: &mut Write<'_>, id: &str) -> CoreResult<()> {
    let event = get_event(w.tx(), id)?;
    search::put(w.tx(), &document(&event))
}

fn action_document(item: &ActionItem) -> Document {
    Document {
        kind: RecordKind::ActionItem,
        id: item.id.clone(),
        title: item.title.clone(),
        body: item.assignee_name.clone(),
        exact: Vec::new(),
    }
}

fn reindex_action_item(w: &mut Write<'_>, id: &str) -> CoreResult<()> {
    let item = action_items_where(w.tx(), "a.id = ?1", params![id])?
        .pop()
        .ok_or_else(|| CoreError::NotFound { kind: "action item", id: id.to_string() })?;
    search::put(w.tx(), &action_document(&item))
}

pub(crate) fn all_documents(conn: &Connection) -> CoreResult<Vec<Document>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE deleted = 0"))?;
    let mut docs: Vec<Document> =
        stmt.query_map([], from_row)?.map(|e| Ok(document(&e?))).collect::<CoreResult<_>>()?;
    docs.extend(action_items_where(conn, "1 = 1", [])?.iter().map(action_document));
    Ok(docs)
}
