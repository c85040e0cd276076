//! A meeting's minutes as a document (회의록): the meeting, its agenda, the attendance
//! sheet with a column to sign (참석자 서명부), the minutes, the decisions and the action
//! items with their owners and due dates.

use chrono::NaiveDate;
use desk_core::CoreError;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::labels::korean;
use crate::{ReportError, ReportHeader};

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attendee {
    pub name: String,
    pub affiliation: String,
    pub attendance: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionItemRow {
    pub title: String,
    pub owner: String,
    pub due_on: String,
    pub status: String,
}

/// Everything the minutes document prints.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MinutesDocument {
    pub header: ReportHeader,
    pub kind: String,
    pub title: String,
    /// `2026-12-03 14:00 ~ 16:00`
    pub when: String,
    pub place: String,
    pub agenda: String,
    pub attendees: Vec<Attendee>,
    pub minutes: String,
    pub decisions: String,
    pub action_items: Vec<ActionItemRow>,
}

fn time_of(rfc3339: &str) -> String {
    rfc3339.get(11..16).unwrap_or_default().to_string()
}

impl MinutesDocument {
    pub fn gather(conn: &Connection, event_id: &str, generated_on: NaiveDate) -> Result<MinutesDocument, ReportError> {
        /// kind, title, starts_at, ends_at, place, agenda, minutes, decisions
        type Row = (String, String, String, String, String, String, String, String);
        let event: Option<Row> = conn
            .query_row(
                "SELECT kind, title, starts_at, ends_at, place, agenda, minutes, decisions FROM event
                 WHERE id = ?1 AND deleted = 0",
                [event_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
            )
            .optional()?;
        let Some((kind, title, starts_at, ends_at, place, agenda, minutes, decisions)) = event else {
            return Err(CoreError::NotFound { kind: "event", id: event_id.to_string() }.into());
        };
        let day = starts_at.get(..10).unwrap_or_default().to_string();
        let header = ReportHeader::of_cluster(conn, "회의록", day.clone(), generated_on)?;
        // Organisations first, then people; each by name.
        let attendees = crate::rows(
            conn,
            "SELECT coalesce(m.name, p.name, ''),
                    CASE WHEN i.member_id IS NOT NULL THEN '' ELSE coalesce(p.affiliation, '') END, i.attendance
             FROM invitee i LEFT JOIN member m ON m.id = i.member_id LEFT JOIN person p ON p.id = i.person_id
             WHERE i.event_id = ?1 AND i.deleted = 0
             ORDER BY i.member_id IS NULL, coalesce(m.name, p.name)",
            [event_id],
            |r| {
                Ok(Attendee {
                    name: r.get(0)?,
                    affiliation: r.get(1)?,
                    attendance: korean("attendance", &r.get::<_, String>(2)?),
                })
            },
        )?;
        let action_items = crate::rows(
            conn,
            "SELECT a.title, coalesce((SELECT p.name FROM person p WHERE p.id = a.assignee_person_id),
                                      (SELECT m.name FROM member m WHERE m.id = a.assignee_member_id), ''),
                    coalesce(a.due_on, ''), a.status
             FROM action_item a WHERE a.event_id = ?1 AND a.deleted = 0 ORDER BY a.due_on IS NULL, a.due_on, a.title",
            [event_id],
            |r| {
                let status: String = r.get(3)?;
                Ok(ActionItemRow {
                    title: r.get(0)?,
                    owner: r.get(1)?,
                    due_on: r.get(2)?,
                    status: korean("action", &status),
                })
            },
        )?;
        Ok(MinutesDocument {
            header,
            kind: korean("eventKind", &kind),
            title,
            when: format!("{day} {} ~ {}", time_of(&starts_at), time_of(&ends_at)),
            place,
            agenda,
            attendees,
            minutes,
            decisions,
            action_items,
        })
    }
}
