//! The change log: every field every user action changed, with its hybrid-logical-clock time.
//!
//! It is written in the same transaction as the rows it describes, so the two never
//! disagree. The record-history view reads it, and the sync with head office pushes it
//! (its `seq` is the push cursor) and merges field by field on its `hlc`.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::CoreResult;
use crate::hlc::Timestamp;
use sync_wire::RemoteChange;

pub(crate) const SCHEMA_V1: &str = "
CREATE TABLE change_log (
    seq        INTEGER PRIMARY KEY,  -- local order; the sync push cursor
    hlc        TEXT NOT NULL,        -- hybrid logical clock, text order = clock order
    device_id  TEXT NOT NULL,
    action_id  TEXT NOT NULL,        -- groups the changes of one user action
    table_name TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    old_value  TEXT,                 -- JSON; NULL when the field had no value
    new_value  TEXT                  -- JSON; NULL when the field was cleared
) STRICT;
CREATE INDEX change_log_record ON change_log(record_id, field, hlc);
";

/// One field change: the one definition on the laptop's side of the wire.
///
/// A local edit is appended as one, another device's change arrives as one (converted
/// from the wire's [`RemoteChange`]), the merge rules in `sync::plan` compare them, and the
/// history view shows them. The push reads the log straight into the wire's `FieldChange`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    /// Hybrid logical clock time; the history view shows it as `at`.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub hlc: Timestamp,
    pub device_id: String,
    /// Groups the changes of one user action.
    pub action_id: String,
    #[serde(rename = "table_name")]
    #[cfg_attr(feature = "ts", ts(rename = "table_name"))]
    pub table: String,
    pub record_id: String,
    pub field: String,
    /// JSON; None when the field had no value.
    pub old_value: Option<String>,
    /// JSON; None when the field was cleared.
    pub new_value: Option<String>,
}

/// A change from another device, as the server delivers it. Only the clock time must be
/// parsed; the conversion fails when it is not one this version can read.
impl TryFrom<&RemoteChange> for Change {
    type Error = ();

    fn try_from(remote: &RemoteChange) -> Result<Change, ()> {
        Ok(Change {
            hlc: Timestamp::parse(&remote.hlc).ok_or(())?,
            device_id: remote.device_id.clone(),
            action_id: remote.action_id.clone(),
            table: remote.table.clone(),
            record_id: remote.record_id.clone(),
            field: remote.field.clone(),
            old_value: remote.old_value.clone(),
            new_value: remote.new_value.clone(),
        })
    }
}

/// A change as the log holds it: its local sequence number and the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// Local order; the push cursor.
    pub seq: i64,
    pub change: Change,
}

pub(crate) fn append(tx: &Connection, change: &Change) -> CoreResult<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO change_log (hlc, device_id, action_id, table_name, record_id, field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    stmt.execute(params![
        change.hlc.to_string(),
        change.device_id,
        change.action_id,
        change.table,
        change.record_id,
        change.field,
        change.old_value,
        change.new_value,
    ])?;
    Ok(())
}

/// The columns [`entry_from_row`] reads, in its order.
pub(crate) const ENTRY_COLUMNS: &str =
    "seq, hlc, device_id, action_id, table_name, record_id, field, old_value, new_value";

/// A log row selected with [`ENTRY_COLUMNS`].
pub(crate) fn entry_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<LogEntry> {
    let hlc: String = row.get(1)?;
    Ok(LogEntry {
        seq: row.get(0)?,
        change: Change {
            // Only this program writes the log, always in the parsed form.
            hlc: Timestamp::parse(&hlc).unwrap_or(Timestamp { millis: 0, counter: 0, node: 0 }),
            device_id: row.get(2)?,
            action_id: row.get(3)?,
            table: row.get(4)?,
            record_id: row.get(5)?,
            field: row.get(6)?,
            old_value: row.get(7)?,
            new_value: row.get(8)?,
        },
    })
}

/// The history of one record, newest first.
pub fn history(conn: &Connection, record_id: &str) -> CoreResult<Vec<LogEntry>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM change_log WHERE record_id = ?1 ORDER BY seq DESC"))?;
    let rows = stmt.query_map([record_id], entry_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The newest clock value this database holds, so a restarted app never reuses one.
pub(crate) fn latest_hlc(conn: &Connection) -> CoreResult<Option<Timestamp>> {
    let text: Option<String> =
        conn.query_row("SELECT max(hlc) FROM change_log", [], |row| row.get(0)).optional()?.flatten();
    Ok(text.as_deref().and_then(Timestamp::parse))
}

/// Lets the sync read this device's own changes (and count them) without the ones it
/// received from others.
pub(crate) const SCHEMA_V3: &str = "
CREATE INDEX change_log_device ON change_log(device_id, seq);
";

/// Counting stops here: the home screen and status bar open at once even on a laptop
/// that never synced years of history (they show "100000" and the sync sends it all).
pub const COUNT_CAP: i64 = 100_000;

/// How many changes this device logged after `seq` (what is waiting to be pushed), up
/// to [`COUNT_CAP`].
pub fn count_own_after(conn: &Connection, device_id: &str, seq: i64) -> CoreResult<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM (SELECT 1 FROM change_log WHERE device_id = ?1 AND seq > ?2 LIMIT ?3)")?
        .query_row(params![device_id, seq, COUNT_CAP], |row| row.get(0))?)
}

pub(crate) fn hlc_to_rfc3339(hlc: &str) -> String {
    Timestamp::parse(hlc).map(|t| rfc3339(&t)).unwrap_or_default()
}

/// The physical part of a clock time, as UTC RFC 3339 to the second.
pub fn rfc3339(t: &Timestamp) -> String {
    i64::try_from(t.millis)
        .ok()
        .and_then(chrono::DateTime::from_timestamp_millis)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}
