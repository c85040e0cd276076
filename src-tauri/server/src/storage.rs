//! Where the server keeps everything: the [`Storage`] trait and its SQLite implementation.
//!
//! The HTTP layer only talks to the trait, so the rules of the protocol are written once
//! and a different database could sit behind them. The SQLite file has one writer
//! connection (SQLite serialises writers anyway) and a few readers, all used from
//! blocking threads.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use sync_wire::{ClusterInfo, FieldChange, RejectedChange, RemoteChange, Role};

use crate::rules;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
    #[error("schema version {0} is newer than this server supports")]
    SchemaTooNew(i64),
}

pub type StorageResult<T> = Result<T, StorageError>;

/// An account as sign-in needs it.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: String,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    /// Head office stopped the account: it signs in nowhere and its tokens stop working.
    pub disabled: bool,
}

/// Who a request is from, taken from its token (never from the body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub device_id: String,
    pub account_id: String,
    pub account_name: String,
    pub role: Role,
    /// The cluster the token is for; `None` for a head-office staff token.
    pub cluster_id: Option<String>,
    /// The token's expiry is near: extend it (it is renewed by use).
    pub renew: bool,
}

/// How long a device token lives unused; each use in its second half extends it.
pub const TOKEN_DAYS: i64 = 90;

/// What head office's admin does to an account or a device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountChange {
    Disable {
        login: String,
    },
    Enable {
        login: String,
    },
    SetPassword {
        login: String,
        password_hash: String,
    },
    /// The same password under a current hash (at sign-in); tokens are untouched.
    Rehash {
        login: String,
        password_hash: String,
    },
    Unbind {
        login: String,
        cluster_id: String,
    },
    /// Forgets a (revoked) device, so the laptop can be signed in again, by anyone.
    ForgetDevice {
        device_id: String,
    },
}

pub struct NewDevice<'a> {
    pub id: &'a str,
    pub account_id: &'a str,
    pub cluster_id: Option<&'a str>,
    pub label: &'a str,
    pub token_hash: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeviceRow {
    pub id: String,
    pub login: String,
    pub cluster: Option<String>,
    pub label: String,
    pub created_at: String,
    pub last_seen_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// What became of a push page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushOutcome {
    Stored {
        accepted: u32,
        duplicates: u32,
    },
    /// Nothing was written: these changes can never be accepted.
    Refused(Vec<RejectedChange>),
    /// Nothing was written: the device already pushed different changes under these
    /// sequence numbers (a restored or copied database).
    DeviceReused {
        client_seq: i64,
    },
    /// Nothing was written: storing the page would take the cluster or the device over
    /// its quota.
    OverQuota(QuotaExceeded),
}

/// How many bytes head office keeps for one cluster (its changes and its files) and
/// accepts from one device (its changes), so a rogue or broken laptop cannot fill the
/// disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    pub cluster_bytes: u64,
    pub device_bytes: u64,
}

impl Default for Quotas {
    /// A busy cluster's ten years of records are some tens of megabytes; its files (up to
    /// 50 MB each) are most of its 10 GiB.
    fn default() -> Quotas {
        Quotas { cluster_bytes: 10 * 1024 * 1024 * 1024, device_bytes: 2 * 1024 * 1024 * 1024 }
    }
}

/// Whose quota a request would break, and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaExceeded {
    Cluster { limit_bytes: u64 },
    Device { limit_bytes: u64 },
}

/// A change head office makes itself (a decision, an expert in the national directory).
#[derive(Debug, Clone)]
pub struct HeadOfficeChange {
    pub table: &'static str,
    pub record_id: String,
    pub field: &'static str,
    pub new_value: Option<String>,
}

pub struct PullPage {
    pub changes: Vec<RemoteChange>,
    pub cursor: i64,
    pub more: bool,
}

/// The national summary of the admin command.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NationalSummary {
    pub clusters: Vec<ClusterSummary>,
    pub regions: Vec<RegionSummary>,
    pub projects_by_stage: Vec<StageSummary>,
    pub national_experts: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterSummary {
    pub id: String,
    pub name: String,
    pub region: String,
    pub companies: i64,
    pub people: i64,
    pub projects: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegionSummary {
    pub region: String,
    pub clusters: i64,
    pub companies: i64,
    pub people: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageSummary {
    pub stage: String,
    pub projects: i64,
    pub government_won: i64,
    pub approved_government_won: i64,
}

/// A cluster's upload of one file, in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub size_bytes: i64,
    pub received_bytes: i64,
}

/// The server's storage. Every method is a short blocking call (one transaction).
pub trait Storage: Send + Sync + 'static {
    fn create_cluster(&self, name: &str, region: &str) -> StorageResult<ClusterInfo>;
    fn clusters(&self) -> StorageResult<Vec<ClusterInfo>>;
    fn create_account(&self, login: &str, name: &str, role: Role, password_hash: &str) -> StorageResult<String>;
    fn bind_account(&self, login: &str, cluster_id: &str) -> StorageResult<()>;
    fn account(&self, login: &str) -> StorageResult<Option<Account>>;
    fn clusters_of(&self, account_id: &str) -> StorageResult<Vec<ClusterInfo>>;
    /// Registers a signed-in device. Returns false, changing nothing, when the device id
    /// is another account's active device.
    fn save_device(&self, device: &NewDevice<'_>) -> StorageResult<bool>;
    fn scope_for_token(&self, token_hash: &str) -> StorageResult<Option<Scope>>;
    fn devices(&self) -> StorageResult<Vec<DeviceRow>>;
    fn revoke_device(&self, device_id: &str) -> StorageResult<bool>;
    /// Carries out an admin change; false when it matched nothing.
    fn change_account(&self, change: &AccountChange) -> StorageResult<bool>;
    /// Extends a device token's life (it is used).
    fn renew_token(&self, device_id: &str) -> StorageResult<()>;
    /// Stores a page of a device's changes atomically, or refuses it whole.
    fn push(&self, scope: &Scope, changes: &[FieldChange], quotas: &Quotas) -> StorageResult<PushOutcome>;
    /// The changes a device has not seen: its cluster's and the national directory's,
    /// not its own, after `cursor`.
    fn pull(&self, scope: &Scope, cursor: i64, limit: usize) -> StorageResult<PullPage>;
    /// Stores head office's own changes for a cluster (`None`: the national directory),
    /// stamped with consecutive clock times from `hlc`.
    fn head_office_write(
        &self,
        cluster_id: Option<&str>,
        changes: &[HeadOfficeChange],
        hlc: &mut dyn FnMut() -> String,
    ) -> StorageResult<u32>;
    /// Every record with this id (one per cluster that has it; `""`: the national
    /// directory): its cluster, its table and a field's value.
    fn records(&self, record_id: &str, field: &str) -> StorageResult<Vec<(String, String, Option<String>)>>;
    fn newest_hlc(&self) -> StorageResult<Option<String>>;
    fn summary(&self) -> StorageResult<NationalSummary>;
    /// Whether an attachment record of `cluster_id` names the file `hash`.
    fn cluster_has_file(&self, cluster_id: &str, hash: &str) -> StorageResult<bool>;
    /// The size of the file `hash`, if head office holds all of it.
    fn file_size(&self, hash: &str) -> StorageResult<Option<i64>>;
    /// A cluster's upload of `hash` in progress.
    fn upload(&self, cluster_id: &str, hash: &str) -> StorageResult<Option<Upload>>;
    /// Starts (or starts over) a cluster's upload of a file of `size_bytes`, if the
    /// cluster's quota has room for it beside what it keeps and its other uploads.
    fn start_upload(
        &self,
        cluster_id: &str,
        hash: &str,
        size_bytes: i64,
        quotas: &Quotas,
    ) -> StorageResult<Result<(), QuotaExceeded>>;
    /// Records how far an upload has come.
    fn save_upload(&self, cluster_id: &str, hash: &str, received_bytes: i64) -> StorageResult<()>;
    /// Forgets an upload (its pieces did not add up to the file, or it was abandoned).
    fn drop_upload(&self, cluster_id: &str, hash: &str) -> StorageResult<()>;
    /// The upload is whole: the file is kept, and counted against the cluster's quota.
    fn finish_upload(&self, cluster_id: &str, hash: &str, size_bytes: i64) -> StorageResult<()>;
    /// Uploads nobody has added to after `before` (RFC 3339): `(cluster_id, hash)`.
    fn stale_uploads(&self, before: &str) -> StorageResult<Vec<(String, String)>>;
    /// The bytes kept for a cluster: its changes, its files and its uploads in progress.
    fn cluster_usage(&self, cluster_id: &str) -> StorageResult<i64>;
}

const SCHEMA_V1: &str = "
CREATE TABLE cluster (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    region     TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE TABLE account (
    id            TEXT PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,      -- staff | manager
    password_hash TEXT NOT NULL,      -- pbkdf2-sha256$iterations$salt$hash
    created_at    TEXT NOT NULL
) STRICT;
CREATE TABLE account_cluster (
    account_id TEXT NOT NULL REFERENCES account(id),
    cluster_id TEXT NOT NULL REFERENCES cluster(id),
    PRIMARY KEY (account_id, cluster_id)
) STRICT;
CREATE TABLE device (
    id           TEXT PRIMARY KEY,    -- the laptop's own device id
    account_id   TEXT NOT NULL REFERENCES account(id),
    cluster_id   TEXT REFERENCES cluster(id),
    label        TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE, -- SHA-256 of the token; the token itself is never stored
    created_at   TEXT NOT NULL,
    last_seen_at TEXT,
    revoked_at   TEXT
) STRICT;
-- Every change of every cluster, in the order the server received it.
CREATE TABLE change (
    server_seq  INTEGER PRIMARY KEY,
    cluster_id  TEXT NOT NULL,        -- '' for the national directory
    device_id   TEXT NOT NULL,
    client_seq  INTEGER NOT NULL,
    hlc         TEXT NOT NULL,
    action_id   TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    received_at TEXT NOT NULL,
    UNIQUE (device_id, client_seq)    -- a page pushed twice is stored once
) STRICT;
CREATE INDEX change_scope ON change(cluster_id, server_seq);
-- Which cluster each record belongs to: a device may only change its own cluster's.
CREATE TABLE record_owner (
    record_id  TEXT PRIMARY KEY,
    table_name TEXT NOT NULL,
    cluster_id TEXT NOT NULL          -- '' for the national directory
) STRICT;
-- The newest value of every field (by clock), for head office's own reading.
CREATE TABLE field_state (
    record_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    table_name TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    value      TEXT,
    PRIMARY KEY (record_id, field)
) STRICT, WITHOUT ROWID;
CREATE INDEX field_state_reading ON field_state(table_name, field, cluster_id);
CREATE TABLE file (
    hash           TEXT PRIMARY KEY,  -- SHA-256, lower-case hex
    size_bytes     INTEGER NOT NULL,
    received_bytes INTEGER NOT NULL,
    complete       INTEGER NOT NULL DEFAULT 0
) STRICT;
";

/// Version 2: which records head office itself created (its decisions), which no laptop
/// may change, backfilled from the change stream; accounts head office disabled; device
/// tokens that expire unless used.
const SCHEMA_V2: &str = "
ALTER TABLE record_owner ADD COLUMN head_office INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN disabled_at TEXT;
ALTER TABLE device ADD COLUMN expires_at TEXT;
UPDATE device SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days');
UPDATE record_owner SET head_office = 1 WHERE record_id IN (
    SELECT c.record_id FROM change c
    WHERE c.device_id = 'head-office'
      AND c.server_seq = (SELECT min(d.server_seq) FROM change d WHERE d.record_id = c.record_id));
";

/// Version 3: records are owned per cluster (the same id in two clusters is two
/// records, so no cluster can claim an id another will use); the bytes each cluster keeps
/// and each device pushed, against their quotas; uploads in progress per cluster.
const SCHEMA_V3: &str = "
CREATE TABLE record_owner_v3 (
    cluster_id  TEXT NOT NULL,        -- '' for the national directory
    record_id   TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    head_office INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (cluster_id, record_id)
) STRICT, WITHOUT ROWID;
INSERT INTO record_owner_v3 (cluster_id, record_id, table_name, head_office)
    SELECT cluster_id, record_id, table_name, head_office FROM record_owner;
DROP TABLE record_owner;
ALTER TABLE record_owner_v3 RENAME TO record_owner;
CREATE TABLE field_state_v3 (
    cluster_id TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    table_name TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    value      TEXT,
    PRIMARY KEY (cluster_id, record_id, field)
) STRICT, WITHOUT ROWID;
INSERT INTO field_state_v3 (cluster_id, record_id, field, table_name, hlc, value)
    SELECT cluster_id, record_id, field, table_name, hlc, value FROM field_state;
DROP TABLE field_state;
ALTER TABLE field_state_v3 RENAME TO field_state;
CREATE INDEX field_state_reading ON field_state(table_name, field, cluster_id);
ALTER TABLE cluster ADD COLUMN stored_bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE device ADD COLUMN pushed_bytes INTEGER NOT NULL DEFAULT 0;
UPDATE cluster SET stored_bytes = coalesce((SELECT sum(length(CAST(record_id AS BLOB)) + length(CAST(action_id AS BLOB))
    + length(CAST(field AS BLOB)) + coalesce(length(CAST(old_value AS BLOB)), 0)
    + coalesce(length(CAST(new_value AS BLOB)), 0) + 96) FROM change WHERE change.cluster_id = cluster.id), 0)
    + coalesce((SELECT sum(size_bytes) FROM file WHERE complete = 1 AND hash IN (
        SELECT json_extract(value, '$') FROM field_state
        WHERE table_name = 'attachment' AND field = 'content_hash' AND field_state.cluster_id = cluster.id)), 0);
UPDATE device SET pushed_bytes = coalesce((SELECT sum(length(CAST(record_id AS BLOB)) + length(CAST(action_id AS BLOB))
    + length(CAST(field AS BLOB)) + coalesce(length(CAST(old_value AS BLOB)), 0)
    + coalesce(length(CAST(new_value AS BLOB)), 0) + 96) FROM change WHERE change.device_id = device.id), 0);
-- An upload in progress belongs to the cluster that started it: another cluster
-- uploading the same file has its own, and neither can spoil the other's pieces.
CREATE TABLE upload (
    cluster_id     TEXT NOT NULL,
    hash           TEXT NOT NULL,
    size_bytes     INTEGER NOT NULL,
    received_bytes INTEGER NOT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (cluster_id, hash)
) STRICT;
DELETE FROM file WHERE complete = 0;
";

/// The numbered schema versions of the server's file; `PRAGMA user_version` holds it.
const MIGRATIONS: &[(i64, &str)] = &[(1, SCHEMA_V1), (2, SCHEMA_V2), (3, SCHEMA_V3)];
const LATEST: i64 = 3;
const READERS: usize = 4;

pub struct SqliteStorage {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// `days` from now, in the same text form as [`now`] (so the two compare as text).
fn later(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

impl SqliteStorage {
    /// Opens (or creates) the server database, bringing its schema up to date.
    pub fn open(path: &Path) -> StorageResult<SqliteStorage> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| StorageError::Invalid(e.to_string()))?;
        }
        let mut writer = Connection::open(path)?;
        configure(&writer)?;
        writer.pragma_update(None, "journal_mode", "WAL")?;
        writer.pragma_update(None, "synchronous", "NORMAL")?;
        migrate(&mut writer)?;
        let mut readers = Vec::with_capacity(READERS);
        for _ in 0..READERS {
            let reader = Connection::open(path)?;
            configure(&reader)?;
            readers.push(Mutex::new(reader));
        }
        Ok(SqliteStorage { writer: Mutex::new(writer), readers, next_reader: AtomicUsize::new(0) })
    }

    fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> StorageResult<T>) -> StorageResult<T> {
        let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    fn read<T>(&self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> StorageResult<T>) -> StorageResult<T> {
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        let mut conn = self.readers[i].lock().unwrap_or_else(|p| p.into_inner());
        // One read transaction: every query of the call sees the same snapshot.
        let tx = conn.transaction()?;
        let value = f(&tx)?;
        tx.finish()?;
        Ok(value)
    }
}

fn migrate(conn: &mut Connection) -> StorageResult<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > LATEST {
        return Err(StorageError::SchemaTooNew(current));
    }
    let tx = conn.transaction()?;
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
    }
    tx.commit()?;
    Ok(())
}

fn cluster_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ClusterInfo> {
    Ok(ClusterInfo { id: row.get(0)?, name: row.get(1)?, region: row.get(2)? })
}

impl Storage for SqliteStorage {
    fn create_cluster(&self, name: &str, region: &str) -> StorageResult<ClusterInfo> {
        let info = ClusterInfo { id: uuid::Uuid::now_v7().to_string(), name: name.into(), region: region.into() };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO cluster (id, name, region, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![info.id, info.name, info.region, now()],
            )?;
            Ok(())
        })?;
        Ok(info)
    }

    fn clusters(&self) -> StorageResult<Vec<ClusterInfo>> {
        self.read(|tx| {
            let mut stmt = tx.prepare("SELECT id, name, region FROM cluster ORDER BY name")?;
            let rows = stmt.query_map([], cluster_from_row)?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    fn create_account(&self, login: &str, name: &str, role: Role, password_hash: &str) -> StorageResult<String> {
        let id = uuid::Uuid::now_v7().to_string();
        self.write(|tx| {
            let taken = tx.prepare("SELECT 1 FROM account WHERE login = ?1")?.exists([login])?;
            if taken {
                return Err(StorageError::Invalid(format!("login {login:?} is taken")));
            }
            tx.execute(
                "INSERT INTO account (id, login, name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, login, name, role.as_str(), password_hash, now()],
            )?;
            Ok(())
        })?;
        Ok(id)
    }

    fn bind_account(&self, login: &str, cluster_id: &str) -> StorageResult<()> {
        self.write(|tx| {
            let account: Option<String> =
                tx.query_row("SELECT id FROM account WHERE login = ?1", [login], |r| r.get(0)).optional()?;
            let account = account.ok_or_else(|| StorageError::Invalid(format!("no account {login:?}")))?;
            let cluster = tx.prepare("SELECT 1 FROM cluster WHERE id = ?1")?.exists([cluster_id])?;
            if !cluster {
                return Err(StorageError::Invalid(format!("no cluster {cluster_id:?}")));
            }
            tx.execute(
                "INSERT OR IGNORE INTO account_cluster (account_id, cluster_id) VALUES (?1, ?2)",
                [&account, cluster_id],
            )?;
            Ok(())
        })
    }

    fn account(&self, login: &str) -> StorageResult<Option<Account>> {
        self.read(|tx| {
            Ok(tx
                .query_row(
                    "SELECT id, login, name, role, password_hash, disabled_at IS NOT NULL FROM account WHERE login = ?1",
                    [login],
                    |r| {
                        let role: String = r.get(3)?;
                        Ok(Account {
                            id: r.get(0)?,
                            login: r.get(1)?,
                            name: r.get(2)?,
                            role: Role::parse(&role).unwrap_or(Role::Manager),
                            password_hash: r.get(4)?,
                            disabled: r.get(5)?,
                        })
                    },
                )
                .optional()?)
        })
    }

    fn clusters_of(&self, account_id: &str) -> StorageResult<Vec<ClusterInfo>> {
        self.read(|tx| {
            let mut stmt = tx.prepare(
                "SELECT c.id, c.name, c.region FROM cluster c JOIN account_cluster a ON a.cluster_id = c.id
                 WHERE a.account_id = ?1 ORDER BY c.name",
            )?;
            let rows = stmt.query_map([account_id], cluster_from_row)?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    fn save_device(&self, device: &NewDevice<'_>) -> StorageResult<bool> {
        self.write(|tx| {
            // Signing in again from the same laptop replaces its token. A revoked laptop stays
            // revoked, password or not (it may be the stolen one): head office forgets the
            // device first (`admin forget-device`). Another account's device is not taken over.
            let changed = tx.execute(
                "INSERT INTO device (id, account_id, cluster_id, label, token_hash, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET cluster_id = excluded.cluster_id, label = excluded.label,
                    token_hash = excluded.token_hash, expires_at = excluded.expires_at
                 WHERE device.account_id = excluded.account_id AND device.revoked_at IS NULL",
                params![
                    device.id,
                    device.account_id,
                    device.cluster_id,
                    device.label,
                    device.token_hash,
                    now(),
                    later(TOKEN_DAYS)
                ],
            )?;
            Ok(changed > 0)
        })
    }

    fn scope_for_token(&self, token_hash: &str) -> StorageResult<Option<Scope>> {
        self.read(|tx| {
            Ok(tx
                .prepare_cached(
                    // Checked on every request: the device not revoked, the token not expired,
                    // the account not disabled, and still bound to the token's cluster.
                    "SELECT d.id, a.id, a.name, a.role, d.cluster_id, d.expires_at < ?3
                     FROM device d JOIN account a ON a.id = d.account_id
                     WHERE d.token_hash = ?1 AND d.revoked_at IS NULL AND d.expires_at > ?2 AND a.disabled_at IS NULL
                       AND (d.cluster_id IS NULL OR EXISTS (SELECT 1 FROM account_cluster b
                                                            WHERE b.account_id = a.id AND b.cluster_id = d.cluster_id))",
                )?
                .query_row(params![token_hash, now(), later(TOKEN_DAYS / 2)], |r| {
                    let role: String = r.get(3)?;
                    Ok(Scope {
                        device_id: r.get(0)?,
                        account_id: r.get(1)?,
                        account_name: r.get(2)?,
                        role: Role::parse(&role).unwrap_or(Role::Manager),
                        cluster_id: r.get(4)?,
                        renew: r.get(5)?,
                    })
                })
                .optional()?)
        })
    }

    fn devices(&self) -> StorageResult<Vec<DeviceRow>> {
        self.read(|tx| {
            let mut stmt = tx.prepare(
                "SELECT d.id, a.login, c.name, d.label, d.created_at, d.last_seen_at, d.revoked_at
                 FROM device d JOIN account a ON a.id = d.account_id LEFT JOIN cluster c ON c.id = d.cluster_id
                 ORDER BY a.login, d.created_at",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(DeviceRow {
                    id: r.get(0)?,
                    login: r.get(1)?,
                    cluster: r.get(2)?,
                    label: r.get(3)?,
                    created_at: r.get(4)?,
                    last_seen_at: r.get(5)?,
                    revoked_at: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    fn revoke_device(&self, device_id: &str) -> StorageResult<bool> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE device SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                params![device_id, now()],
            )?;
            Ok(n > 0)
        })
    }

    fn change_account(&self, change: &AccountChange) -> StorageResult<bool> {
        self.write(|tx| {
            let n = match change {
                AccountChange::Disable { login } => tx.execute(
                    "UPDATE account SET disabled_at = ?2 WHERE login = ?1 AND disabled_at IS NULL",
                    params![login, now()],
                )?,
                AccountChange::Enable { login } => {
                    tx.execute("UPDATE account SET disabled_at = NULL WHERE login = ?1", params![login])?
                }
                AccountChange::SetPassword { login, password_hash } => {
                    let n = tx.execute(
                        "UPDATE account SET password_hash = ?2 WHERE login = ?1",
                        params![login, password_hash],
                    )?;
                    // A leaked password's tokens go with it: every device signs in again (with
                    // the new password; the devices stay registered).
                    tx.execute(
                        "UPDATE device SET expires_at = ?2 WHERE account_id = (SELECT id FROM account WHERE login = ?1)",
                        params![login, now()],
                    )?;
                    n
                }
                AccountChange::Rehash { login, password_hash } => tx.execute(
                    "UPDATE account SET password_hash = ?2 WHERE login = ?1",
                    params![login, password_hash],
                )?,
                AccountChange::Unbind { login, cluster_id } => tx.execute(
                    "DELETE FROM account_cluster
                     WHERE account_id = (SELECT id FROM account WHERE login = ?1) AND cluster_id = ?2",
                    params![login, cluster_id],
                )?,
                AccountChange::ForgetDevice { device_id } => {
                    tx.execute("DELETE FROM device WHERE id = ?1 AND revoked_at IS NOT NULL", params![device_id])?
                }
            };
            Ok(n > 0)
        })
    }

    fn renew_token(&self, device_id: &str) -> StorageResult<()> {
        self.write(|tx| {
            tx.execute("UPDATE device SET expires_at = ?2 WHERE id = ?1", params![device_id, later(TOKEN_DAYS)])?;
            Ok(())
        })
    }

    fn push(&self, scope: &Scope, changes: &[FieldChange], quotas: &Quotas) -> StorageResult<PushOutcome> {
        let Some(cluster_id) = scope.cluster_id.as_deref() else {
            return Err(StorageError::Invalid("a head-office token does not push".into()));
        };
        self.write(|tx| {
            // First decide, touching nothing: a refused page leaves no trace.
            let mut refused = Vec::new();
            let mut new_records: Vec<(&str, &str)> = Vec::new();
            for change in changes {
                let owner = owner_of(tx, cluster_id, &change.record_id)?;
                let referenced = match (change.field.as_str(), rules::referenced_id(change.new_value.as_deref())) {
                    ("cluster_id", Some(id)) => Some(rules::ClusterReference {
                        owner: owner_of(tx, cluster_id, &id)?,
                        created_in_page: new_records.iter().any(|(t, r)| *t == "cluster" && *r == id),
                        id,
                    }),
                    _ => None,
                };
                match rules::check_change(cluster_id, change, owner.as_ref(), referenced.as_ref()) {
                    Ok(()) => {
                        if owner.is_none() {
                            new_records.push((change.table.as_str(), change.record_id.as_str()));
                        }
                    }
                    Err(rejection) => refused.push(rejection),
                }
            }
            if !refused.is_empty() {
                return Ok(PushOutcome::Refused(refused));
            }
            // A replay is the same change again; different content under a sequence number
            // already stored means the laptop's database was restored or copied.
            let mut new_bytes = 0i64;
            for change in changes {
                let stored: Option<(String, String, String)> = tx
                    .prepare_cached(
                        "SELECT hlc, record_id, field FROM change WHERE device_id = ?1 AND client_seq = ?2",
                    )?
                    .query_row(params![scope.device_id, change.client_seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?;
                match stored {
                    Some((hlc, record, field))
                        if hlc != change.hlc || record != change.record_id || field != change.field =>
                    {
                        return Ok(PushOutcome::DeviceReused { client_seq: change.client_seq });
                    }
                    Some(_) => {}
                    None => new_bytes += field_change_bytes(change),
                }
            }
            if new_bytes > 0 {
                let cluster_bytes = kept_bytes(tx, cluster_id, None)?;
                let device_bytes: i64 = tx.query_row(
                    "SELECT coalesce((SELECT pushed_bytes FROM device WHERE id = ?1), 0)",
                    [&scope.device_id],
                    |r| r.get(0),
                )?;
                if (cluster_bytes + new_bytes) as u64 > quotas.cluster_bytes {
                    return Ok(PushOutcome::OverQuota(QuotaExceeded::Cluster { limit_bytes: quotas.cluster_bytes }));
                }
                if (device_bytes + new_bytes) as u64 > quotas.device_bytes {
                    return Ok(PushOutcome::OverQuota(QuotaExceeded::Device { limit_bytes: quotas.device_bytes }));
                }
            }
            let received_at = now();
            let (mut accepted, mut duplicates) = (0u32, 0u32);
            for change in changes {
                let inserted = tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO change (cluster_id, device_id, client_seq, hlc, action_id, table_name,
                            record_id, field, old_value, new_value, received_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    )?
                    .execute(params![
                        cluster_id,
                        scope.device_id,
                        change.client_seq,
                        change.hlc,
                        change.action_id,
                        change.table,
                        change.record_id,
                        change.field,
                        change.old_value,
                        change.new_value,
                        received_at
                    ])?;
                if inserted == 0 {
                    duplicates += 1;
                    continue;
                }
                accepted += 1;
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO record_owner (cluster_id, record_id, table_name) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![cluster_id, change.record_id, change.table])?;
                upsert_field(
                    tx,
                    cluster_id,
                    &change.table,
                    &change.record_id,
                    &change.field,
                    &change.hlc,
                    change.new_value.as_deref(),
                )?;
            }
            tx.prepare_cached("UPDATE device SET last_seen_at = ?2, pushed_bytes = pushed_bytes + ?3 WHERE id = ?1")?
                .execute(params![scope.device_id, received_at, new_bytes])?;
            tx.prepare_cached("UPDATE cluster SET stored_bytes = stored_bytes + ?2 WHERE id = ?1")?
                .execute(params![cluster_id, new_bytes])?;
            Ok(PushOutcome::Stored { accepted, duplicates })
        })
    }

    fn pull(&self, scope: &Scope, cursor: i64, limit: usize) -> StorageResult<PullPage> {
        let cluster = scope.cluster_id.clone().unwrap_or_default();
        self.read(|tx| {
            // The newest change this device may see, not the server's: the cursor must not
            // tell one cluster how busy the others are.
            let high_water: i64 = tx.query_row(
                "SELECT max(coalesce((SELECT max(server_seq) FROM change WHERE cluster_id = ?1), 0),
                            coalesce((SELECT max(server_seq) FROM change WHERE cluster_id = ''), 0))",
                [&cluster],
                |r| r.get(0),
            )?;
            let select =
                "SELECT server_seq, device_id, hlc, action_id, table_name, record_id, field, old_value, new_value
                 FROM change WHERE cluster_id IN (?1, '') AND server_seq > ?2 AND device_id <> ?3
                 ORDER BY server_seq LIMIT ?4";
            let read_rows = |after: i64, n: usize| -> StorageResult<Vec<RemoteChange>> {
                let mut stmt = tx.prepare_cached(select)?;
                let rows = stmt.query_map(params![cluster, after, scope.device_id, n as i64], |r| {
                    Ok(RemoteChange {
                        server_seq: r.get(0)?,
                        device_id: r.get(1)?,
                        hlc: r.get(2)?,
                        action_id: r.get(3)?,
                        table: r.get(4)?,
                        record_id: r.get(5)?,
                        field: r.get(6)?,
                        old_value: r.get(7)?,
                        new_value: r.get(8)?,
                    })
                })?;
                Ok(rows.collect::<Result<_, _>>()?)
            };
            let mut changes = read_rows(cursor, limit)?;
            let page_bytes: usize = changes.iter().map(change_bytes).sum();
            if changes.len() < limit && page_bytes <= MAX_PULL_PAGE_BYTES {
                return Ok(PullPage { changes, cursor: high_water.max(cursor), more: false });
            }
            // Finish the last action on this page, so a record never arrives half-made
            // (only an action of more than 50 pages, which no user action comes near, is
            // cut).
            if let Some(last) = changes.last().cloned() {
                let mut after = last.server_seq;
                for _ in 0..50 {
                    let rest = read_rows(after, limit)?;
                    let same: Vec<RemoteChange> =
                        rest.iter().take_while(|c| c.action_id == last.action_id).cloned().collect();
                    let finished = same.len() < rest.len() || rest.len() < limit;
                    after = same.last().map_or(after, |c| c.server_seq);
                    changes.extend(same);
                    if finished {
                        break;
                    }
                }
            }
            // However large the values, a page stays within what a laptop reads at once.
            let mut bytes = 0usize;
            let fits = changes
                .iter()
                .take_while(|c| {
                    bytes += change_bytes(c);
                    bytes <= MAX_PULL_PAGE_BYTES
                })
                .count()
                .max(1);
            changes.truncate(fits);
            let next = changes.last().map_or(cursor, |c| c.server_seq);
            Ok(PullPage { changes, cursor: next, more: true })
        })
    }

    fn head_office_write(
        &self,
        cluster_id: Option<&str>,
        changes: &[HeadOfficeChange],
        hlc: &mut dyn FnMut() -> String,
    ) -> StorageResult<u32> {
        let cluster = cluster_id.unwrap_or("");
        let action_id = uuid::Uuid::now_v7().to_string();
        self.write(|tx| {
            let mut client_seq: i64 = tx.query_row(
                "SELECT coalesce(max(client_seq), 0) FROM change WHERE device_id = ?1",
                [sync_wire::HEAD_OFFICE_DEVICE],
                |r| r.get(0),
            )?;
            let received_at = now();
            for change in changes {
                let old: Option<String> = tx
                    .query_row(
                        "SELECT value FROM field_state WHERE cluster_id = ?1 AND record_id = ?2 AND field = ?3",
                        [cluster, &change.record_id, change.field],
                        |r| r.get(0),
                    )
                    .optional()?
                    .flatten();
                if old == change.new_value {
                    continue;
                }
                client_seq = client_seq
                    .checked_add(1)
                    .ok_or_else(|| StorageError::Invalid("head office's sequence is exhausted".into()))?;
                let stamp = hlc();
                tx.execute(
                    "INSERT INTO change (cluster_id, device_id, client_seq, hlc, action_id, table_name, record_id, field,
                        old_value, new_value, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    params![
                        cluster,
                        sync_wire::HEAD_OFFICE_DEVICE,
                        client_seq,
                        stamp,
                        action_id,
                        change.table,
                        change.record_id,
                        change.field,
                        old,
                        change.new_value,
                        received_at
                    ],
                )?;
                tx.execute(
                    "INSERT OR IGNORE INTO record_owner (cluster_id, record_id, table_name, head_office)
                     VALUES (?1, ?2, ?3, 1)",
                    params![cluster, change.record_id, change.table],
                )?;
                upsert_field(tx, cluster, change.table, &change.record_id, change.field, &stamp, change.new_value.as_deref())?;
            }
            Ok(u32::try_from(client_seq).unwrap_or(0))
        })
    }

    fn records(&self, record_id: &str, field: &str) -> StorageResult<Vec<(String, String, Option<String>)>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(
                "SELECT o.cluster_id, o.table_name, f.value FROM record_owner o
                 LEFT JOIN field_state f ON f.cluster_id = o.cluster_id AND f.record_id = o.record_id AND f.field = ?2
                 WHERE o.record_id = ?1 ORDER BY o.cluster_id",
            )?;
            let rows = stmt.query_map([record_id, field], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    fn newest_hlc(&self) -> StorageResult<Option<String>> {
        self.read(|tx| Ok(tx.query_row("SELECT max(hlc) FROM change", [], |r| r.get(0))?))
    }

    fn summary(&self) -> StorageResult<NationalSummary> {
        self.read(|tx| crate::summary::national(tx))
    }

    fn cluster_has_file(&self, cluster_id: &str, hash: &str) -> StorageResult<bool> {
        let value = serde_json::Value::from(hash).to_string();
        self.read(|tx| {
            Ok(tx
                .prepare_cached(
                    "SELECT 1 FROM field_state WHERE table_name = 'attachment' AND field = 'content_hash'
                     AND cluster_id = ?1 AND value = ?2",
                )?
                .exists([cluster_id, &value])?)
        })
    }

    fn file_size(&self, hash: &str) -> StorageResult<Option<i64>> {
        self.read(|tx| {
            Ok(tx
                .query_row("SELECT size_bytes FROM file WHERE hash = ?1 AND complete = 1", [hash], |r| r.get(0))
                .optional()?)
        })
    }

    fn upload(&self, cluster_id: &str, hash: &str) -> StorageResult<Option<Upload>> {
        self.read(|tx| {
            Ok(tx
                .query_row(
                    "SELECT size_bytes, received_bytes FROM upload WHERE cluster_id = ?1 AND hash = ?2",
                    [cluster_id, hash],
                    |r| Ok(Upload { size_bytes: r.get(0)?, received_bytes: r.get(1)? }),
                )
                .optional()?)
        })
    }

    fn start_upload(
        &self,
        cluster_id: &str,
        hash: &str,
        size_bytes: i64,
        quotas: &Quotas,
    ) -> StorageResult<Result<(), QuotaExceeded>> {
        self.write(|tx| {
            let kept = kept_bytes(tx, cluster_id, Some(hash))?;
            if (kept + size_bytes) as u64 > quotas.cluster_bytes {
                return Ok(Err(QuotaExceeded::Cluster { limit_bytes: quotas.cluster_bytes }));
            }
            tx.execute(
                "INSERT INTO upload (cluster_id, hash, size_bytes, received_bytes, updated_at) VALUES (?1, ?2, ?3, 0, ?4)
                 ON CONFLICT (cluster_id, hash) DO UPDATE SET size_bytes = excluded.size_bytes, received_bytes = 0,
                    updated_at = excluded.updated_at",
                params![cluster_id, hash, size_bytes, now()],
            )?;
            Ok(Ok(()))
        })
    }

    fn save_upload(&self, cluster_id: &str, hash: &str, received_bytes: i64) -> StorageResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE upload SET received_bytes = ?3, updated_at = ?4 WHERE cluster_id = ?1 AND hash = ?2",
                params![cluster_id, hash, received_bytes, now()],
            )?;
            Ok(())
        })
    }

    fn drop_upload(&self, cluster_id: &str, hash: &str) -> StorageResult<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM upload WHERE cluster_id = ?1 AND hash = ?2", [cluster_id, hash])?;
            Ok(())
        })
    }

    fn finish_upload(&self, cluster_id: &str, hash: &str, size_bytes: i64) -> StorageResult<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM upload WHERE cluster_id = ?1 AND hash = ?2", [cluster_id, hash])?;
            tx.execute(
                "INSERT OR IGNORE INTO file (hash, size_bytes, received_bytes, complete) VALUES (?1, ?2, ?2, 1)",
                params![hash, size_bytes],
            )?;
            tx.execute(
                "UPDATE cluster SET stored_bytes = stored_bytes + ?2 WHERE id = ?1",
                params![cluster_id, size_bytes],
            )?;
            Ok(())
        })
    }

    fn stale_uploads(&self, before: &str) -> StorageResult<Vec<(String, String)>> {
        self.read(|tx| {
            let mut stmt = tx.prepare("SELECT cluster_id, hash FROM upload WHERE updated_at <= ?1")?;
            let rows = stmt.query_map([before], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    fn cluster_usage(&self, cluster_id: &str) -> StorageResult<i64> {
        self.read(|tx| Ok(kept_bytes(tx, cluster_id, None)?))
    }
}

/// The most bytes of values and ids one pull page carries (a 1 MiB value is allowed, so
/// a page of them must be cut by size, not only by count).
pub const MAX_PULL_PAGE_BYTES: usize = 6 * 1024 * 1024;

fn change_bytes(change: &RemoteChange) -> usize {
    stored_bytes(&change.record_id, &change.action_id, &change.field, &change.old_value, &change.new_value)
}

/// The bytes a pushed change counts against the quotas (the same measure the migration
/// to version 3 took of the changes stored before it).
fn field_change_bytes(change: &FieldChange) -> i64 {
    stored_bytes(&change.record_id, &change.action_id, &change.field, &change.old_value, &change.new_value) as i64
}

/// A change's ids and values, and 96 bytes for its clock, numbers and row.
fn stored_bytes(record_id: &str, action_id: &str, field: &str, old: &Option<String>, new: &Option<String>) -> usize {
    let value = |v: &Option<String>| v.as_ref().map_or(0, String::len);
    record_id.len() + action_id.len() + field.len() + value(old) + value(new) + 96
}

/// The bytes kept for a cluster, against its quota: its changes and whole files, and the
/// declared sizes of its uploads in progress (but the upload of `except_upload`).
fn kept_bytes(tx: &Connection, cluster_id: &str, except_upload: Option<&str>) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "SELECT coalesce((SELECT stored_bytes FROM cluster WHERE id = ?1), 0)
                + (SELECT coalesce(sum(size_bytes), 0) FROM upload WHERE cluster_id = ?1 AND hash IS NOT ?2)",
    )?
    .query_row(params![cluster_id, except_upload], |r| r.get(0))
}

/// Who owns a record a device of `cluster_id` names, if the server has seen it: the
/// national directory's record of that id if there is one, else the cluster's own.
/// Another cluster's record of the same id is a different record and never matters here.
fn owner_of(tx: &Connection, cluster_id: &str, record_id: &str) -> StorageResult<Option<rules::Owner>> {
    Ok(tx
        .prepare_cached(
            "SELECT cluster_id, table_name, head_office FROM record_owner
             WHERE cluster_id IN ('', ?1) AND record_id = ?2 ORDER BY cluster_id LIMIT 1",
        )?
        .query_row([cluster_id, record_id], |r| {
            Ok(rules::Owner { cluster: r.get(0)?, table: r.get(1)?, head_office: r.get::<_, i64>(2)? != 0 })
        })
        .optional()?)
}

/// Keeps the newest value of a field by clock.
fn upsert_field(
    tx: &Connection,
    cluster: &str,
    table: &str,
    record_id: &str,
    field: &str,
    hlc: &str,
    value: Option<&str>,
) -> StorageResult<()> {
    tx.prepare_cached(
        "INSERT INTO field_state (record_id, field, table_name, cluster_id, hlc, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (cluster_id, record_id, field) DO UPDATE SET hlc = excluded.hlc, value = excluded.value
         WHERE excluded.hlc > field_state.hlc",
    )?
    .execute(params![record_id, field, table, cluster, hlc, value])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_file_learns_which_records_head_office_created_and_what_each_cluster_keeps() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("server.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(SCHEMA_V1).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            let change = "INSERT INTO change (cluster_id, device_id, client_seq, hlc, action_id, table_name, record_id,
                              field, new_value, received_at) VALUES ('c1', ?1, ?2, 'h', 'a', ?3, ?4, 'x', '1', 'now')";
            // A decision head office recorded, and a project a laptop made that head office later decided on.
            conn.execute(change, params!["head-office", 1, "project_stage_change", "d1"]).unwrap();
            conn.execute(change, params!["laptop-1", 1, "project", "p1"]).unwrap();
            conn.execute(change, params!["head-office", 2, "project", "p1"]).unwrap();
            for (id, table) in [("d1", "project_stage_change"), ("p1", "project")] {
                conn.execute("INSERT INTO record_owner VALUES (?1, ?2, 'c1')", params![id, table]).unwrap();
            }
            conn.execute("INSERT INTO cluster VALUES ('c1', '남동', 'capital', 'now')", []).unwrap();
        }
        let storage = SqliteStorage::open(&path).unwrap();
        let owners = storage
            .read(|tx| {
                Ok((owner_of(tx, "c1", "d1")?.unwrap().head_office, owner_of(tx, "c1", "p1")?.unwrap().head_office))
            })
            .unwrap();
        assert_eq!(owners, (true, false));
        // Version 3 owns records per cluster and counts the bytes the cluster already keeps,
        // by the same measure a push uses.
        assert!(storage.read(|tx| owner_of(tx, "c2", "p1")).unwrap().is_none());
        let one = |record: &str| stored_bytes(record, "a", "x", &None, &Some("1".into())) as i64;
        assert_eq!(storage.cluster_usage("c1").unwrap(), one("d1") + 2 * one("p1"));
    }

    #[test]
    fn a_pull_page_of_large_values_is_cut_by_size() {
        let dir = tempfile::tempdir().unwrap();
        let storage = SqliteStorage::open(&dir.path().join("server.sqlite")).unwrap();
        let cluster = storage.create_cluster("남동", "capital").unwrap();
        let scope = |device: &str| Scope {
            device_id: device.into(),
            account_id: "a".into(),
            account_name: "장".into(),
            role: Role::Manager,
            cluster_id: Some(cluster.id.clone()),
            renew: false,
        };
        // One action of twenty 900 KB notes: 18 MB that the old page rule sent at once.
        let note = serde_json::Value::from("가".repeat(300_000)).to_string();
        let member = FieldChange {
            client_seq: 2,
            hlc: "000000000001-000001-0000000000000001".into(),
            action_id: "a1".into(),
            table: "member".into(),
            record_id: "m1".into(),
            field: "cluster_id".into(),
            old_value: None,
            new_value: Some(serde_json::Value::from(cluster.id.clone()).to_string()),
        };
        let cluster_record = FieldChange {
            client_seq: 1,
            hlc: "000000000001-000000-0000000000000001".into(),
            table: "cluster".into(),
            record_id: cluster.id.clone(),
            field: "name".into(),
            new_value: Some("\"남동\"".into()),
            ..member.clone()
        };
        let mut changes = vec![cluster_record, member];
        for n in 0..20 {
            changes.push(FieldChange {
                client_seq: n + 3,
                hlc: format!("000000000001-{:06x}-0000000000000001", n + 2),
                field: "notes".into(),
                new_value: Some(note.clone()),
                old_value: None,
                ..changes[1].clone()
            });
        }
        for page in changes.chunks(5) {
            let outcome = storage.push(&scope("laptop-one"), page, &Quotas::default()).unwrap();
            assert!(matches!(outcome, PushOutcome::Stored { .. }), "{outcome:?}");
        }
        let (mut cursor, mut received, mut pages) = (0, 0, 0);
        loop {
            let page = storage.pull(&scope("laptop-two"), cursor, 1000).unwrap();
            let bytes: usize = page.changes.iter().map(change_bytes).sum();
            assert!(bytes <= MAX_PULL_PAGE_BYTES, "{bytes} bytes in one page");
            received += page.changes.len();
            cursor = page.cursor;
            pages += 1;
            if !page.more {
                break;
            }
        }
        assert_eq!(received, 22);
        assert!(pages > 2, "{pages} pages");
    }
}
