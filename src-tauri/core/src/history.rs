//! A record's history as the manager reads it: the change log's entries with the names of
//! the records an id field points at, and which device made each change.
//!
//! The change log stores ids (a member's UUID in `visited_member_id`, say); a history row
//! that shows `0193c2…` tells a manager nothing. The names are looked up when the history
//! is read, so a renamed company shows its current name.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::db::change_log::{self, rfc3339, Change};
use crate::error::CoreResult;

/// One history row: the logged change, with names for ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryEntry {
    /// The change's place in this laptop's log.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    /// When, in UTC RFC 3339, from the hybrid logical clock's physical part.
    pub at: String,
    #[serde(flatten)]
    pub change: Change,
    /// The name of the record the old value points at, for an id field.
    pub old_label: Option<String>,
    /// The name of the record the new value points at, for an id field.
    pub new_label: Option<String>,
    /// Whether this laptop made the change (else another laptop, or head office).
    pub this_device: bool,
}

/// Whether a field holds another record's id.
fn is_reference(field: &str) -> bool {
    field.ends_with("_id")
}

/// The name (or title) of the record with this id, in whichever table holds it.
fn record_name(conn: &Connection, id: &str) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT name FROM member WHERE id = ?1
             UNION ALL SELECT name FROM person WHERE id = ?1
             UNION ALL SELECT title FROM event WHERE id = ?1
             UNION ALL SELECT title FROM issue WHERE id = ?1
             UNION ALL SELECT title FROM project WHERE id = ?1
             UNION ALL SELECT name FROM cluster WHERE id = ?1
             UNION ALL SELECT name FROM small_group WHERE id = ?1
             LIMIT 1",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The name behind a logged id value (JSON text), if it names a record.
fn label(conn: &Connection, field: &str, value: Option<&str>) -> CoreResult<Option<String>> {
    if !is_reference(field) {
        return Ok(None);
    }
    let Some(id) = value.and_then(|v| serde_json::from_str::<String>(v).ok()) else {
        return Ok(None);
    };
    record_name(conn, &id)
}

/// The history of one record, newest first, with names for ids.
pub fn of_record(conn: &Connection, record_id: &str) -> CoreResult<Vec<HistoryEntry>> {
    let this_device = crate::db::local_setting(conn, crate::db::DEVICE_ID_SETTING)?.unwrap_or_default();
    change_log::history(conn, record_id)?
        .into_iter()
        .map(|entry| {
            let change = entry.change;
            Ok(HistoryEntry {
                seq: entry.seq,
                at: rfc3339(&change.hlc),
                old_label: label(conn, &change.field, change.old_value.as_deref())?,
                new_label: label(conn, &change.field, change.new_value.as_deref())?,
                this_device: change.device_id == this_device,
                change,
            })
        })
        .collect()
}
