//! Conflict records: values that lost a concurrent edit, kept until the manager decides.
//!
//! A conflict is itself a synced record. Its id is derived from the two changes that
//! met, so every laptop that notices the same clash writes the same record and they
//! converge instead of piling up. `resolution` stays empty until the manager picks.

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::plan::{ConflictKind, NewConflict};
use super::text_history::text_of_json;
use super::text_merge::keep_both;
use crate::db::record::{from_json, Table};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::schema::table_named;
use crate::{fields, Write};

pub(crate) const SCHEMA_V3: &str = "
CREATE TABLE sync_conflict (
    id          TEXT PRIMARY KEY,     -- from the two clashing changes: the same on every laptop
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    kind        TEXT NOT NULL,        -- a ConflictKind code
    kept_value  TEXT,                 -- JSON of the value the field holds
    kept_hlc    TEXT NOT NULL,
    lost_value  TEXT,                 -- JSON of the value that lost
    lost_hlc    TEXT NOT NULL,
    lost_device TEXT NOT NULL,
    resolution  TEXT NOT NULL DEFAULT '',  -- '' open, or a Resolution code
    deleted     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX sync_conflict_open ON sync_conflict(resolution, record_id);
";

pub(crate) const SYNC_CONFLICT: Table =
    Table::record("sync_conflict", "conflict", sync_wire::tables::SYNC_CONFLICT_FIELDS);

crate::text_enum! {
    /// How the manager settled a conflict.
    Resolution {
        Kept = "kept", // The value the field holds stays.
        TookLost = "took_lost", // The value that lost replaces it (for a deletion: the record comes back with it).
        Merged = "merged", // The manager wrote a combined text.
    }
}

/// One conflict as the conflicts screen lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conflict {
    pub id: String,
    pub table_name: String,
    pub record_id: String,
    /// What the user calls the record: a company's name, an event's title.
    pub record_label: String,
    pub field: String,
    pub kind: ConflictKind,
    /// The field is a long text (minutes, notes): shown as a diff, both can be kept.
    pub text: bool,
    /// The values as JSON text, as the history view shows them.
    pub kept_value: Option<String>,
    pub lost_value: Option<String>,
    /// When each value was written (UTC, RFC 3339), from its clock time.
    pub kept_at: String,
    pub lost_at: String,
    pub lost_device: String,
    pub resolution: Option<Resolution>,
}

/// What the manager chose for one conflict.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum ConflictChoice {
    Keep,
    TakeLost,
    /// A text the manager combined from both versions.
    Merge {
        text: String,
    },
    /// Both versions of a long text, every line once: the older version's lines first.
    KeepBoth,
}

/// The id every laptop gives the clash of these two changes.
pub(crate) fn conflict_id(c: &NewConflict) -> String {
    let mut hash = Sha256::new();
    for part in [&c.table, &c.record_id, &c.field, &c.kept_hlc.to_string(), &c.lost_hlc.to_string()] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Keeps a conflict unless this laptop already has it. Returns whether it was new.
pub(crate) fn record(w: &mut Write<'_>, conflict: &NewConflict) -> CoreResult<bool> {
    let id = conflict_id(conflict);
    if w.exists(&SYNC_CONFLICT, &id)?.is_some() {
        return Ok(false);
    }
    // `resolution` is left to its default: logging an empty one here could, by the
    // clock, overwrite a resolution another laptop already made for the same clash.
    let fields = fields![
        ("table_name", conflict.table.clone()),
        ("record_id", conflict.record_id.clone()),
        ("field", conflict.field.clone()),
        ("kind", conflict.kind),
        ("kept_value", conflict.kept_value.clone()),
        ("kept_hlc", conflict.kept_hlc.to_string()),
        ("lost_value", conflict.lost_value.clone()),
        ("lost_hlc", conflict.lost_hlc.to_string()),
        ("lost_device", conflict.lost_device.clone()),
    ];
    w.insert(&SYNC_CONFLICT, &id, &fields)?;
    Ok(true)
}

/// The conflicts waiting for a decision, newest first.
pub fn open(conn: &Connection) -> CoreResult<Vec<Conflict>> {
    list(conn, "resolution = '' AND deleted = 0")
}

/// How many conflicts wait for a decision.
pub fn count_open(conn: &Connection) -> CoreResult<i64> {
    Ok(conn.query_row("SELECT count(*) FROM sync_conflict WHERE resolution = '' AND deleted = 0", [], |r| r.get(0))?)
}

fn list(conn: &Connection, filter: &str) -> CoreResult<Vec<Conflict>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, table_name, record_id, field, kind, kept_value, lost_value, kept_hlc, lost_hlc, lost_device, resolution
         FROM sync_conflict WHERE {filter} ORDER BY lost_hlc DESC"
    ))?;
    let rows = stmt.query_map([], |row| {
        let resolution: String = row.get(10)?;
        Ok(Conflict {
            id: row.get(0)?,
            table_name: row.get(1)?,
            record_id: row.get(2)?,
            record_label: String::new(),
            field: row.get(3)?,
            kind: row.get(4)?,
            text: false,
            kept_value: row.get(5)?,
            lost_value: row.get(6)?,
            kept_at: crate::db::change_log::hlc_to_rfc3339(&row.get::<_, String>(7)?),
            lost_at: crate::db::change_log::hlc_to_rfc3339(&row.get::<_, String>(8)?),
            lost_device: row.get(9)?,
            resolution: Resolution::parse(&resolution),
        })
    })?;
    let mut conflicts: Vec<Conflict> = rows.collect::<Result<_, _>>()?;
    for c in &mut conflicts {
        c.record_label = record_label(conn, &c.table_name, &c.record_id)?;
        c.text = is_text(&c.table_name, &c.field);
    }
    Ok(conflicts)
}

/// Whether the field is one of the long texts that merge line by line.
fn is_text(table: &str, field: &str) -> bool {
    super::plan::MERGED_TEXT_FIELDS.contains(&(table, field))
}

/// The name a person would recognise a record by.
fn record_label(conn: &Connection, table: &str, id: &str) -> CoreResult<String> {
    if table == "invitee" {
        // An attendance mark: who, at which meeting.
        let label: Option<String> = conn
            .query_row(
                "SELECT coalesce(m.name, p.name, '') || ' · ' || e.title FROM invitee i
                 JOIN event e ON e.id = i.event_id
                 LEFT JOIN member m ON m.id = i.member_id LEFT JOIN person p ON p.id = i.person_id
                 WHERE i.id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        return Ok(label.unwrap_or_else(|| id.to_string()));
    }
    let column = match table {
        "member" | "person" | "cluster" | "small_group" => "name",
        "event" | "issue" | "project" | "action_item" => "title",
        "attachment" => "file_name",
        _ => return Ok(id.to_string()),
    };
    let label: Option<String> =
        conn.query_row(&format!("SELECT {column} FROM {table} WHERE id = ?1"), [id], |r| r.get(0)).optional()?;
    Ok(label.unwrap_or_else(|| id.to_string()))
}

/// Settles a conflict as the manager chose, in one action: the field gets its value (a
/// normal, logged edit that syncs like any other) and the conflict is marked resolved.
pub fn resolve(w: &mut Write<'_>, id: &str, choice: &ConflictChoice) -> CoreResult<()> {
    let Some(open) = open_conflict(w.tx(), id)? else {
        return Err(CoreError::NotFound { kind: "conflict", id: id.to_string() });
    };
    let OpenConflict { table_name, record_id, field: field_name, kind, kept_value, lost_value, resolution, .. } = open;
    if !resolution.is_empty() {
        return Err(FieldError::new(
            "choice",
            "already_resolved",
            "이미 처리된 충돌입니다.",
            "This conflict has already been resolved.",
        )
        .into_error());
    }
    let table = table_named(&table_name).ok_or(CoreError::NotFound { kind: "table", id: table_name.clone() })?;
    let field = table.field(&field_name).ok_or(CoreError::NotFound { kind: "field", id: field_name.clone() })?;
    let resolution = match choice {
        ConflictChoice::Keep => Resolution::Kept,
        ConflictChoice::TakeLost => {
            if kind == ConflictKind::DeleteEdit.as_str() {
                w.restore(table, &record_id)?;
            }
            w.set_field(table, &record_id, field, from_json(lost_value.as_deref())?)?;
            Resolution::TookLost
        }
        ConflictChoice::Merge { text } => {
            if !is_text(table.name, field) {
                return Err(not_text());
            }
            if kind == ConflictKind::DeleteEdit.as_str() {
                w.restore(table, &record_id)?;
            }
            w.set_field(table, &record_id, field, Value::Text(text.clone()))?;
            Resolution::Merged
        }
        ConflictChoice::KeepBoth => {
            // A deletion is not a text to keep: restoring the edit is "take the other".
            if !is_text(table.name, field) || kind == ConflictKind::DeleteEdit.as_str() {
                return Err(not_text());
            }
            // Of two edits that did not see each other, the kept one is the newer (`plan`,
            // `text_history`): the lost version's lines come first.
            let both = keep_both(&text_of_json(lost_value.as_deref()), &text_of_json(kept_value.as_deref()));
            w.set_field(table, &record_id, field, Value::Text(both))?;
            Resolution::Merged
        }
    };
    w.update(&SYNC_CONFLICT, id, &fields![("resolution", resolution)])?;
    crate::search::reindex(w.tx(), table.name, &record_id)
}

/// Settles many conflicts at once by the clock: the newer value of each stays. For two
/// edits that did not see each other that is the value the field holds (the merge keeps
/// the newer, `plan`), so each is kept. Only for fields where that is safe without reading
/// both: not long texts, whose lines a person should compare, and not a deletion against
/// an edit. One action.
pub fn settle_newest(w: &mut Write<'_>, ids: &[String]) -> CoreResult<usize> {
    for id in ids {
        let Some(open) = open_conflict(w.tx(), id)? else {
            return Err(CoreError::NotFound { kind: "conflict", id: id.clone() });
        };
        if is_text(&open.table_name, &open.field) || open.kind != ConflictKind::ConcurrentEdit.as_str() {
            return Err(FieldError::new(
                "ids",
                "needs_review",
                "긴 글과 삭제가 얽힌 충돌은 한꺼번에 정리할 수 없습니다. 하나씩 비교해서 고르세요.",
                "Conflicts about long texts or deletions cannot be settled all at once; compare and choose one by one.",
            )
            .into_error());
        }
        if !open.resolution.is_empty() {
            continue; // settled meanwhile (on this laptop or another): nothing to redo
        }
        resolve(w, id, &ConflictChoice::Keep)?;
    }
    Ok(ids.len())
}

/// A conflict as `resolve` reads it.
struct OpenConflict {
    table_name: String,
    record_id: String,
    field: String,
    kind: String,
    kept_value: Option<String>,
    lost_value: Option<String>,
    resolution: String,
}

fn open_conflict(conn: &Connection, id: &str) -> CoreResult<Option<OpenConflict>> {
    Ok(conn
        .query_row(
            "SELECT table_name, record_id, field, kind, kept_value, lost_value, resolution
             FROM sync_conflict WHERE id = ?1 AND deleted = 0",
            params![id],
            |r| {
                Ok(OpenConflict {
                    table_name: r.get(0)?,
                    record_id: r.get(1)?,
                    field: r.get(2)?,
                    kind: r.get(3)?,
                    kept_value: r.get(4)?,
                    lost_value: r.get(5)?,
                    resolution: r.get(6)?,
                })
            },
        )
        .optional()?)
}

fn not_text() -> CoreError {
    FieldError::new(
        "choice",
        "not_text",
        "이 항목은 두 내용을 합칠 수 없습니다. 둘 중 하나를 고르세요.",
        "This field cannot be combined; choose one of the two values.",
    )
    .into_error()
}
