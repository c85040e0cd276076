//! The push side: this laptop's own changes that head office has not acknowledged yet.

use rusqlite::{params, Connection};
use serde::Serialize;

use super::{ACKNOWLEDGED_SEQ, LAST_SERVER_HLC};
use crate::db::{local_setting, set_local_setting};
use crate::error::CoreResult;
use crate::hlc::Timestamp;
use crate::Store;
use sync_wire::FieldChange;

/// A change head office refused for good, and why (shown to the manager).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefusedChange {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub table_name: String,
    pub record_id: String,
    pub field: String,
    pub reason: String,
    pub message_ko: String,
    pub message_en: String,
}

/// The next page of changes to push: this device's, after the acknowledged one, without
/// those head office refused for good.
/// The changes come as the protocol's [`FieldChange`]s, ready to push: one definition of
/// a pushed field change, shared with the server.
pub fn next_page(conn: &Connection, device_id: &str, limit: usize) -> CoreResult<Vec<FieldChange>> {
    let after = acknowledged_seq(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT seq, hlc, action_id, table_name, record_id, field, old_value, new_value FROM change_log c
         WHERE device_id = ?1 AND seq > ?2
           AND NOT EXISTS (SELECT 1 FROM sync_refused r WHERE r.seq = c.seq)
         ORDER BY seq LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![device_id, after, limit as i64], |row| {
        Ok(FieldChange {
            client_seq: row.get(0)?,
            hlc: row.get(1)?,
            action_id: row.get(2)?,
            table: row.get(3)?,
            record_id: row.get(4)?,
            field: row.get(5)?,
            old_value: row.get(6)?,
            new_value: row.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn acknowledged_seq(conn: &Connection) -> CoreResult<i64> {
    Ok(local_setting(conn, ACKNOWLEDGED_SEQ)?.and_then(|s| s.parse().ok()).unwrap_or(0))
}

/// Records that head office holds everything up to `seq`, and moves the clock past the
/// server's (a laptop whose clock is slow then stamps its next edits after head office's).
pub fn acknowledge(store: &mut Store, seq: i64, server_hlc: &str) -> CoreResult<()> {
    store.write(|w| {
        let current = acknowledged_seq(w.tx())?;
        if seq > current {
            set_local_setting(w.tx(), ACKNOWLEDGED_SEQ, &seq.to_string())?;
        }
        if let Some(t) = Timestamp::parse(server_hlc) {
            w.observe(t);
            set_local_setting(w.tx(), LAST_SERVER_HLC, server_hlc)?;
        }
        Ok(())
    })
}

/// Sets aside changes head office will never accept, so the ones behind them still go.
pub fn set_aside(store: &mut Store, refused: &[RefusedChange]) -> CoreResult<()> {
    store.write(|w| {
        let mut stmt = w.tx().prepare_cached(
            "INSERT OR REPLACE INTO sync_refused (seq, table_name, record_id, field, reason, message_ko, message_en)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for r in refused {
            stmt.execute(params![r.seq, r.table_name, r.record_id, r.field, r.reason, r.message_ko, r.message_en])?;
        }
        Ok(())
    })
}

/// The changes head office refused, newest first.
pub fn refused(conn: &Connection) -> CoreResult<Vec<RefusedChange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, table_name, record_id, field, reason, message_ko, message_en FROM sync_refused ORDER BY seq DESC",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(RefusedChange {
            seq: row.get(0)?,
            table_name: row.get(1)?,
            record_id: row.get(2)?,
            field: row.get(3)?,
            reason: row.get(4)?,
            message_ko: row.get(5)?,
            message_en: row.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
