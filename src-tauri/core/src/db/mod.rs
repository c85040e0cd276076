//! The SQLite file of one manager's cluster: opening, upgrading, and the one-transaction write.
//!
//! Reads take `&Connection` ([`Store::conn`]). Every user action goes through
//! [`Store::write`], which hands a [`Write`] (a transaction plus the clock) to the action
//! and commits only if the action returns `Ok`: the rows and their change-log entries
//! land together or not at all.

pub mod change_log;
mod generation;
pub(crate) mod migrations;
pub(crate) mod record;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::error::{CoreError, CoreResult};
use crate::hlc::{self, Clock};

pub use generation::Generation;
pub use record::Write;

/// An open cluster database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    device_id: String,
    clock: Clock,
    generation: Option<Generation>,
    /// Added to the wall clock's reading: tests use it to play a laptop whose clock is off.
    clock_offset_millis: i64,
    /// Pulled changes keep no conflict records: a broken merge, for proving that the
    /// convergence test notices a lost value. Never set by the app.
    drop_conflicts: bool,
}

impl Store {
    /// Opens (or creates) the database at `path`, upgrading an older schema after writing
    /// a backup copy beside it, and refusing one written by a newer app.
    pub fn open(path: &Path) -> CoreResult<Store> {
        if path.exists() {
            // Look before touching: a newer schema must be left exactly as it is.
            let probe = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let version = migrations::schema_version(&probe)?;
            drop(probe);
            if version > migrations::LATEST {
                return Err(CoreError::SchemaTooNew { found: version, supported: migrations::LATEST });
            }
        } else if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let conn = Connection::open(path)?;
        Store::init(conn, Some(path.to_path_buf()))
    }

    /// A database that lives in memory only: for tests and benchmarks' baselines.
    pub fn open_in_memory() -> CoreResult<Store> {
        Store::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> CoreResult<Store> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Every table has a few statement shapes (insert, update, field reads for sync);
        // rusqlite's default cache of 16 would keep recompiling them.
        conn.set_prepared_statement_cache_capacity(256);
        if path.is_some() {
            // WAL lets the UI read while a write commits; NORMAL sync is durable across app
            // crashes (the ones that matter on a laptop), and far faster than FULL.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        migrations::upgrade(&mut conn, path.as_deref())?;
        let device_id = device_id(&conn)?;
        let node = node_of(&device_id);
        let latest = match local_setting(&conn, CLOCK_SETTING)?.as_deref().and_then(hlc::Timestamp::parse) {
            Some(t) => Some(t),
            None => {
                // A file from before the clock was kept as a setting: scan the log once.
                let scanned = change_log::latest_hlc(&conn)?;
                if let Some(t) = scanned {
                    set_local_setting(&conn, CLOCK_SETTING, &t.to_string())?;
                }
                scanned
            }
        };
        let clock = Clock::resume(node, latest);
        Ok(Store { conn, path, device_id, clock, generation: None, clock_offset_millis: 0, drop_conflicts: false })
    }

    /// Creates a database file at an older schema version, as an older app would have left
    /// it. For migration tests; never used by the app.
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: i64) -> CoreResult<()> {
        let mut conn = Connection::open(path)?;
        migrations::upgrade_to(&mut conn, None, version)
    }

    /// The schema version this app writes.
    pub fn schema_version() -> i64 {
        migrations::LATEST
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// Runs one user action in one transaction; commits only if it succeeds.
    pub fn write<T>(&mut self, action: impl FnOnce(&mut Write<'_>) -> CoreResult<T>) -> CoreResult<T> {
        let mut write = self.begin()?;
        let value = action(&mut write)?;
        write.commit()?;
        Ok(value)
    }

    /// Starts a write transaction. It takes the write lock at once (IMMEDIATE), so two
    /// connections to one file (the window's and the background sync's) queue instead of
    /// failing, and it catches the clock up with the newest time any connection stored.
    fn begin(&mut self) -> CoreResult<Write<'_>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(stored) = local_setting(&tx, CLOCK_SETTING)?.as_deref().and_then(hlc::Timestamp::parse) {
            self.clock.catch_up(stored);
        }
        let mut write = Write::new(tx, &mut self.clock, &self.device_id, self.generation.as_mut());
        write.set_clock_offset(self.clock_offset_millis);
        Ok(write)
    }

    /// Makes this store's wall clock read `offset` milliseconds fast (negative: slow), as
    /// on a laptop whose clock is wrong. For sync tests; never used by the app.
    #[doc(hidden)]
    pub fn set_clock_offset(&mut self, offset_millis: i64) {
        self.clock_offset_millis = offset_millis;
    }

    /// Makes this store's sync drop the conflict records a merge asks for, as a merge with
    /// a bug would. For the test that shows the convergence check can fail; never used by
    /// the app.
    #[doc(hidden)]
    pub fn drop_conflicts_for_tests(&mut self, drop: bool) {
        self.drop_conflicts = drop;
    }

    pub(crate) fn dropping_conflicts(&self) -> bool {
        self.drop_conflicts
    }

    /// From now on ids and clock readings come from `generation` (None: back to normal).
    /// For the data generators (desk-demo) only; never part of a user's action.
    #[doc(hidden)]
    pub fn set_generation(&mut self, generation: Option<Generation>) {
        self.generation = generation;
    }

    /// The generation in force, to move its simulated clock (desk-demo only).
    #[doc(hidden)]
    pub fn generation_mut(&mut self) -> Option<&mut Generation> {
        self.generation.as_mut()
    }

    /// A write without the change log, for loading generated data in bulk and for the
    /// benchmark that measures what the log costs. Never used for a user's action.
    pub fn write_unlogged<T>(&mut self, action: impl FnOnce(&mut Write<'_>) -> CoreResult<T>) -> CoreResult<T> {
        let mut write = self.begin()?;
        write.set_logging(false);
        let value = action(&mut write)?;
        write.commit()?;
        Ok(value)
    }
}

/// The local setting that keeps the newest clock value this device has used.
pub(crate) const CLOCK_SETTING: &str = "hlc.last";
/// The local setting that holds this laptop's device id (made once, never synced).
pub const DEVICE_ID_SETTING: &str = "device_id";
/// The local setting that holds the user's language code (`ko` or `en`).
pub const LANGUAGE_SETTING: &str = "language";

pub(crate) const LOCAL_SETTINGS_V1: &str = "
CREATE TABLE local_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
";

/// A value this laptop keeps for itself (never synced): device id, sync cursors, language.
pub fn local_setting(conn: &Connection, key: &str) -> CoreResult<Option<String>> {
    Ok(conn.query_row("SELECT value FROM local_setting WHERE key = ?1", [key], |row| row.get(0)).optional()?)
}

pub fn set_local_setting(conn: &Connection, key: &str, value: &str) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO local_setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

fn device_id(conn: &Connection) -> CoreResult<String> {
    if let Some(id) = local_setting(conn, DEVICE_ID_SETTING)? {
        return Ok(id);
    }
    let id = crate::new_id();
    set_local_setting(conn, DEVICE_ID_SETTING, &id)?;
    Ok(id)
}

/// The clock's tie-breaker: the low 64 bits of the device's UUID (its random part).
fn node_of(device_id: &str) -> u64 {
    uuid::Uuid::parse_str(device_id)
        .map(|u| u.as_u64_pair().1)
        .unwrap_or_else(|_| device_id.bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))))
}

/// Now, as the clock's wall reading.
pub(crate) fn now_millis() -> u64 {
    hlc::wall_millis()
}
