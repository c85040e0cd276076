//! Sync with head office, the laptop's half: what to push, how to merge what was pulled,
//! and the conflicts left for the manager. No networking here: the `desk-sync` crate
//! moves the pages, this module decides what they mean for the database.
//!
//! The protocol is specified in `docs/sync.md`.

pub mod apply;
pub mod conflict;
pub mod files;
pub mod outbox;
pub mod plan;
pub(crate) mod text_field;
pub mod text_history;
pub mod text_merge;

use rusqlite::Connection;
use serde::Serialize;

pub use apply::{apply_page, apply_page_or_set_aside, ApplyReport, RemoteChange};
pub use conflict::{Conflict, ConflictChoice, Resolution};
pub use outbox::RefusedChange;

use crate::db::{local_setting, set_local_setting};
use crate::error::CoreResult;
use crate::Store;

/// Local settings the sync keeps (never synced themselves).
pub const ACKNOWLEDGED_SEQ: &str = "sync.acknowledged_seq";
pub const SERVER_CURSOR: &str = "sync.server_cursor";
pub const SERVER_URL: &str = "sync.server_url";
pub const ACCOUNT_NAME: &str = "sync.account_name";
pub const CLUSTER_NAME: &str = "sync.cluster_name";
pub const LAST_SUCCESS_AT: &str = "sync.last_success_at";
pub const LAST_ERROR: &str = "sync.last_error";
pub const LAST_SERVER_HLC: &str = "sync.last_server_hlc";
/// The server address and cluster the cursor and acknowledgement belong to.
pub const BOUND_TO: &str = "sync.bound_to";

/// Schema 3 renames the result-sharing rows: their old ids (`<project>/<member>`) were
/// also the ids of the project-party rows of the same member, and sync identifies a
/// record by its id alone.
pub(crate) fn rename_share_ids(conn: &Connection) -> CoreResult<()> {
    // The infix comes from the table's own description, where every writer takes it.
    let infix = crate::project::PROJECT_SHARE.link.map_or("", |l| l.infix);
    conn.execute_batch(&format!(
        "UPDATE change_log SET record_id = substr(record_id, 1, instr(record_id, '/')) || '{infix}'
                                           || substr(record_id, instr(record_id, '/') + 1)
         WHERE table_name = 'project_share' AND record_id NOT LIKE '%/{infix}%';
         UPDATE project_share SET id = project_id || '/{infix}' || member_id WHERE id NOT LIKE '%/{infix}%';",
    ))?;
    Ok(())
}

pub(crate) const SCHEMA_V3: &str = "
-- Own changes head office refused for good: skipped by the push, shown to the manager.
CREATE TABLE sync_refused (
    seq        INTEGER PRIMARY KEY,   -- the change_log seq
    table_name TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    reason     TEXT NOT NULL,
    message_ko TEXT NOT NULL,
    message_en TEXT NOT NULL
) STRICT;
-- Attachment files head office already holds (they travel apart from the records).
CREATE TABLE sync_file (
    content_hash TEXT PRIMARY KEY
) STRICT;
-- Pulled changes this version cannot apply (from a newer app): kept, not lost.
CREATE TABLE sync_unapplied (
    server_seq INTEGER PRIMARY KEY,
    device_id  TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    new_value  TEXT
) STRICT;
";

/// The last sync error, as the status bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncError {
    pub code: String,
    pub message_ko: String,
    pub message_en: String,
    /// When it happened (UTC, RFC 3339).
    pub at: String,
}

/// What the status bar and the settings screen show about sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncState {
    pub server_url: Option<String>,
    pub account_name: Option<String>,
    pub cluster_name: Option<String>,
    /// UTC, RFC 3339.
    pub last_success_at: Option<String>,
    pub last_error: Option<SyncError>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pending_changes: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub open_conflicts: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub refused_changes: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unapplied_changes: i64,
    /// The database holds the generated demo cluster (its history is not counted as pending).
    pub demo_data: bool,
}

/// The local setting that remembers the last change the demo generator logged.
const DEMO_THROUGH_SEQ: &str = "demo.through_seq";

/// Marks everything logged so far as generated demo history: it still syncs like any
/// change, but it is not the manager's unsent work, so it is not counted as such.
pub fn mark_generated_history(conn: &Connection) -> CoreResult<()> {
    let last: i64 = conn.query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| r.get(0))?;
    crate::db::set_local_setting(conn, DEMO_THROUGH_SEQ, &last.to_string())
}

/// Whether this database holds the generated demo cluster.
pub fn has_demo_data(conn: &Connection) -> CoreResult<bool> {
    Ok(local_setting(conn, DEMO_THROUGH_SEQ)?.is_some())
}

/// How many of this laptop's own changes (the manager's, not the demo generator's) wait
/// to be pushed.
pub fn pending_changes(conn: &Connection) -> CoreResult<i64> {
    let device = local_setting(conn, crate::db::DEVICE_ID_SETTING)?.unwrap_or_default();
    let demo_through = local_setting(conn, DEMO_THROUGH_SEQ)?.and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let after = outbox::acknowledged_seq(conn)?.max(demo_through);
    let refused: i64 = conn.query_row("SELECT count(*) FROM sync_refused WHERE seq > ?1", [after], |r| r.get(0))?;
    Ok((crate::db::change_log::count_own_after(conn, &device, after)? - refused).max(0))
}

pub fn state(conn: &Connection) -> CoreResult<SyncState> {
    let last_error = local_setting(conn, LAST_ERROR)?.and_then(|json| serde_json::from_str(&json).ok());
    Ok(SyncState {
        server_url: local_setting(conn, SERVER_URL)?,
        account_name: local_setting(conn, ACCOUNT_NAME)?,
        cluster_name: local_setting(conn, CLUSTER_NAME)?,
        last_success_at: local_setting(conn, LAST_SUCCESS_AT)?,
        last_error,
        pending_changes: pending_changes(conn)?,
        open_conflicts: conflict::count_open(conn)?,
        refused_changes: conn.query_row("SELECT count(*) FROM sync_refused", [], |r| r.get(0))?,
        unapplied_changes: conn.query_row("SELECT count(*) FROM sync_unapplied", [], |r| r.get(0))?,
        demo_data: has_demo_data(conn)?,
    })
}

/// Remembers where head office is and who signed in (the token itself is kept outside
/// the database, see the shell). Signing in to another server or cluster than before
/// starts its cursor and acknowledgement over: the old ones count another stream.
pub fn remember_sign_in(
    store: &mut Store,
    server_url: &str,
    account: &str,
    cluster_id: &str,
    cluster: &str,
) -> CoreResult<()> {
    store.write(|w| {
        let binding = format!("{server_url}\n{cluster_id}");
        if local_setting(w.tx(), BOUND_TO)?.is_some_and(|old| old != binding) {
            w.tx().execute("DELETE FROM local_setting WHERE key IN (?1, ?2)", [SERVER_CURSOR, ACKNOWLEDGED_SEQ])?;
            w.tx().execute("DELETE FROM sync_refused", [])?;
        }
        set_local_setting(w.tx(), BOUND_TO, &binding)?;
        set_local_setting(w.tx(), SERVER_URL, server_url)?;
        set_local_setting(w.tx(), ACCOUNT_NAME, account)?;
        set_local_setting(w.tx(), CLUSTER_NAME, cluster)?;
        w.tx().execute("DELETE FROM local_setting WHERE key = ?1", [LAST_ERROR])?;
        Ok(())
    })
}

/// Forgets the account (sign-out). The address stays, for the next sign-in.
pub fn forget_sign_in(store: &mut Store) -> CoreResult<()> {
    store.write(|w| {
        w.tx()
            .execute("DELETE FROM local_setting WHERE key IN (?1, ?2, ?3)", [ACCOUNT_NAME, CLUSTER_NAME, LAST_ERROR])?;
        Ok(())
    })
}

/// Records how the last sync went.
pub fn record_outcome(store: &mut Store, error: Option<&SyncError>, now_rfc3339: &str) -> CoreResult<()> {
    store.write(|w| {
        match error {
            None => {
                set_local_setting(w.tx(), LAST_SUCCESS_AT, now_rfc3339)?;
                w.tx().execute("DELETE FROM local_setting WHERE key = ?1", [LAST_ERROR])?;
            }
            Some(e) => {
                let json = serde_json::to_string(e).unwrap_or_default();
                set_local_setting(w.tx(), LAST_ERROR, &json)?;
            }
        }
        Ok(())
    })
}

/// The server cursor: where the next pull starts.
pub fn server_cursor(conn: &Connection) -> CoreResult<i64> {
    Ok(local_setting(conn, SERVER_CURSOR)?.and_then(|s| s.parse().ok()).unwrap_or(0))
}

/// The names of the synced tables with their fields (`deleted` included), for the test
/// that keeps this list and the wire protocol's in step.
pub fn synced_fields() -> Vec<(&'static str, Vec<&'static str>)> {
    crate::schema::TABLES.iter().map(|t| (t.name, t.columns.to_vec())).collect()
}

#[cfg(test)]
mod tests {
    use crate::cluster::Region;
    use crate::person::PersonRole;
    use crate::project::ProjectStage;

    #[test]
    fn the_wire_protocol_knows_exactly_the_tables_and_codes_of_this_schema() {
        assert_eq!(sync_wire::SCHEMA_VERSION, crate::Store::schema_version(), "bump the protocol's schema version");
        let ours = super::synced_fields();
        let wire: Vec<(&str, Vec<&str>)> =
            sync_wire::SYNCED_TABLES.iter().map(|t| (t.name, t.fields.to_vec())).collect();
        assert_eq!(ours, wire);
        let codes = |all: Vec<&'static str>| all;
        assert_eq!(codes(ProjectStage::ALL.iter().map(|s| s.as_str()).collect()), sync_wire::PROJECT_STAGES);
        assert_eq!(codes(PersonRole::ALL.iter().map(|s| s.as_str()).collect()), sync_wire::PERSON_ROLES);
        assert_eq!(codes(Region::ALL.iter().map(|s| s.as_str()).collect()), sync_wire::REGIONS);
    }
}
