//! Applying the numbered schema migrations. Each table's module owns its `CREATE`
//! statements; the list of which appeared in which version is the registry's
//! (`crate::schema::MIGRATIONS`), so this module names no domain module.
//!
//! `PRAGMA user_version` holds the version. An older file is upgraded in one
//! transaction after a backup copy (`<file>.v<N>.bak`, made with `VACUUM INTO`, so it is
//! consistent even in WAL mode) is written beside it.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{CoreError, CoreResult};
use crate::schema::MIGRATIONS;

pub(crate) struct Migration {
    pub version: i64,
    pub steps: &'static [&'static str],
    /// Fills what the new tables need from the rows already there.
    pub backfill: Option<fn(&Connection) -> CoreResult<()>>,
}

pub(crate) const LATEST: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

pub(crate) fn schema_version(conn: &Connection) -> CoreResult<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Brings the schema to [`LATEST`], or refuses a newer one.
pub(crate) fn upgrade(conn: &mut Connection, path: Option<&Path>) -> CoreResult<()> {
    upgrade_to(conn, path, LATEST)
}

/// Brings the schema to `target` (tests use this to make a database of an old version).
pub(crate) fn upgrade_to(conn: &mut Connection, path: Option<&Path>, target: i64) -> CoreResult<()> {
    let current = schema_version(conn)?;
    if current > LATEST {
        return Err(CoreError::SchemaTooNew { found: current, supported: LATEST });
    }
    if current >= target {
        return Ok(());
    }
    if current > 0 {
        if let Some(path) = path {
            let backup = path.with_extension(format!("v{current}.bak"));
            if backup.exists() {
                std::fs::remove_file(&backup)?;
            }
            conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])?;
        }
    }
    let tx = conn.transaction()?;
    for migration in MIGRATIONS.iter().filter(|m| m.version > current && m.version <= target) {
        for step in migration.steps {
            tx.execute_batch(step)?;
        }
        if let Some(backfill) = migration.backfill {
            backfill(&tx)?;
        }
    }
    tx.pragma_update(None, "user_version", target)?;
    tx.commit()?;
    Ok(())
}
