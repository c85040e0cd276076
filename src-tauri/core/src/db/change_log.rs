//! The change log: every field every user action changed, with its hybrid-logical-clock time.
//!
//! It is written in the same transaction as the rows it describes, so the two never
//! disagree. The record-history view reads it, and the sync with head office pushes it
//! (its `seq` is the push cursor) and merges field by field on its `hlc`.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::CoreResult;
use crate::hlc::Timestamp;

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

/// One entry of a record's history, as the history view shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    /// When, in UTC RFC 3339, from the hybrid logical clock's physical part.
    pub at: String,
    pub device_id: String,
    pub action_id: String,
    pub table_name: String,
    pub record_id: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// What one call to [`append`] writes.
pub(crate) struct NewChange<'a> {
    pub hlc: Timestamp,
    pub device_id: &'a str,
    pub action_id: &'a str,
    pub table_name: &'a str,
    pub record_id: &'a str,
    pub field: &'a str,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
}

pub(crate) fn append(tx: &Connection, change: &NewChange<'_>) -> CoreResult<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO change_log (hlc, device_id, action_id, table_name, record_id, field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    stmt.execute(params![
        change.hlc.to_string(),
        change.device_id,
        change.action_id,
        change.table_name,
        change.record_id,
        change.field,
        change.old_value,
        change.new_value,
    ])?;
    Ok(())
}

/// The history of one record, newest first.
pub fn history(conn: &Connection, record_id: &str) -> CoreResult<Vec<Change>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, hlc, device_id, action_id, table_name, record_id, field, old_value, new_value
         FROM change_log WHERE record_id = ?1 ORDER BY seq DESC",
    )?;
    let rows = stmt.query_map([record_id], |row| {
        let hlc: String = row.get(1)?;
        Ok(Change {
            seq: row.get(0)?,
            at: hlc_to_rfc3339(&hlc),
            device_id: row.get(2)?,
            action_id: row.get(3)?,
            table_name: row.get(4)?,
            record_id: row.get(5)?,
            field: row.get(6)?,
            old_value: row.get(7)?,
            new_value: row.get(8)?,
        })
    })?;
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
    Timestamp::parse(hlc)
        .and_then(|t| i64::try_from(t.millis).ok())
        .and_then(chrono::DateTime::from_timestamp_millis)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}
