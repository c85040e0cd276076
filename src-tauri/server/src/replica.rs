//! Head office's read replica of every cluster: one desk-core database per cluster, fed
//! the cluster's change stream through desk-core's own apply, so head office holds what a
//! laptop that synced everything holds, merged by the very rules the laptops use (conflict
//! records included). The stream stays the truth: a replica can be deleted and rebuilt
//! from it at any time, and gives the same rows.
//!
//! The server keeps replicas current right after each push and each decision (a
//! background worker, off the request: [`spawn_worker`]), and `admin rebuild-replicas`
//! rebuilds them.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use desk_core::Store;
use sync_wire::Role;

use crate::storage::{Scope, Storage, StorageError, StorageResult};

/// The device id the replica pulls as: no laptop has it, so it receives every change of
/// its cluster and of the national directory, as a laptop of that cluster would.
const REPLICA_DEVICE: &str = "head-office-replica";
/// Changes per page read from the stream (the laptops' own page size).
const PAGE: usize = sync_wire::MAX_PAGE_CHANGES;

/// What one catch-up did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CatchUp {
    pub applied: u64,
    pub conflicts: u64,
    /// Changes desk-core could not apply (set aside in the replica, as on a laptop).
    pub set_aside: u64,
}

/// News for the worker: a cluster whose stream grew (`None`: the national directory,
/// which every replica holds).
type News = Option<String>;

/// The replicas of all clusters, in a folder of their own.
pub struct Replicas {
    dir: PathBuf,
    storage: Arc<dyn Storage>,
    /// One open store per cluster, each behind its own lock: one catch-up at a time.
    stores: Mutex<HashMap<String, Arc<Mutex<Store>>>>,
    news: tokio::sync::mpsc::UnboundedSender<News>,
    /// Taken by the worker when the server starts.
    inbox: Mutex<Option<tokio::sync::mpsc::UnboundedReceiver<News>>>,
}

impl Replicas {
    /// The replicas kept in `dir` (created when missing) of the clusters in `storage`.
    pub fn new(dir: PathBuf, storage: Arc<dyn Storage>) -> Replicas {
        let (news, inbox) = tokio::sync::mpsc::unbounded_channel();
        Replicas { dir, storage, stores: Mutex::new(HashMap::new()), news, inbox: Mutex::new(Some(inbox)) }
    }

    /// A cluster's stream grew (`None`: the national directory): the worker catches up.
    pub fn changed(&self, cluster_id: Option<&str>) {
        let _ = self.news.send(cluster_id.map(str::to_string));
    }

    /// The replica file of a cluster. Cluster ids are UUIDs the server made.
    pub fn path(&self, cluster_id: &str) -> PathBuf {
        self.dir.join(format!("{cluster_id}.sqlite"))
    }

    fn store(&self, cluster_id: &str) -> StorageResult<Arc<Mutex<Store>>> {
        if !sync_wire::valid_record_id(cluster_id) {
            return Err(StorageError::Invalid(format!("not a cluster id: {cluster_id:?}")));
        }
        let mut stores = self.stores.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(store) = stores.get(cluster_id) {
            return Ok(store.clone());
        }
        std::fs::create_dir_all(&self.dir).map_err(|e| StorageError::Invalid(e.to_string()))?;
        let store = Store::open(&self.path(cluster_id)).map_err(core_error)?;
        let store = Arc::new(Mutex::new(store));
        stores.insert(cluster_id.to_string(), store.clone());
        Ok(store)
    }

    /// Applies the cluster's changes the replica has not seen yet, page by page (each page
    /// and its cursor one transaction, as on a laptop).
    pub fn catch_up(&self, cluster_id: &str) -> StorageResult<CatchUp> {
        let store = self.store(cluster_id)?;
        let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
        let scope = Scope {
            device_id: REPLICA_DEVICE.into(),
            account_id: String::new(),
            account_name: String::new(),
            role: Role::Staff,
            cluster_id: Some(cluster_id.to_string()),
            renew: false,
        };
        let mut done = CatchUp::default();
        loop {
            let cursor = desk_core::sync::server_cursor(store.conn()).map_err(core_error)?;
            let page = self.storage.pull(&scope, cursor, PAGE)?;
            if page.changes.is_empty() && page.cursor == cursor {
                return Ok(done);
            }
            let report =
                desk_core::sync::apply_page_or_set_aside(&mut store, &page.changes, page.cursor).map_err(core_error)?;
            done.applied += u64::from(report.applied);
            done.conflicts += u64::from(report.conflicts);
            done.set_aside += u64::from(report.unapplied);
            if !page.more {
                return Ok(done);
            }
        }
    }

    /// Catches every cluster up.
    pub fn catch_up_all(&self) -> StorageResult<CatchUp> {
        let mut total = CatchUp::default();
        for cluster in self.storage.clusters()? {
            let done = self.catch_up(&cluster.id)?;
            total.applied += done.applied;
            total.conflicts += done.conflicts;
            total.set_aside += done.set_aside;
        }
        Ok(total)
    }

    /// Throws a cluster's replica away and builds it again from the stream. (Run by the
    /// admin command while the server is stopped: the server's open replica would keep
    /// writing into the file removed under it.)
    pub fn rebuild(&self, cluster_id: &str) -> StorageResult<CatchUp> {
        {
            // No catch-up starts while the files go (each opens its store through the map),
            // and the one in flight, if any, finishes first: its handle is the last but ours.
            // (On Windows an open file cannot be removed.)
            let mut stores = self.stores.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(store) = stores.remove(cluster_id) {
                close(store)?;
            }
            remove_database(&self.path(cluster_id))?;
        }
        self.catch_up(cluster_id)
    }

    /// Closes every replica's database (the server stops); a later catch-up opens it again.
    pub fn close_all(&self) -> StorageResult<()> {
        let open: Vec<_> = self.stores.lock().unwrap_or_else(|p| p.into_inner()).drain().map(|(_, s)| s).collect();
        open.into_iter().try_for_each(close)
    }

    /// Reads a cluster's replica (caught up first).
    pub fn read<T>(&self, cluster_id: &str, read: impl FnOnce(&Store) -> T) -> StorageResult<T> {
        self.catch_up(cluster_id)?;
        let store = self.store(cluster_id)?;
        let store = store.lock().unwrap_or_else(|p| p.into_inner());
        Ok(read(&store))
    }
}

/// Closes a store taken out of the map once a catch-up in flight, if any, is done with it:
/// its handle is then the last one.
fn close(store: Arc<Mutex<Store>>) -> StorageResult<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while Arc::strong_count(&store) > 1 {
        if std::time::Instant::now() > deadline {
            return Err(StorageError::Invalid("the replica stayed busy for a minute".into()));
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    drop(store);
    Ok(())
}

/// Removes a SQLite database and its WAL files.
fn remove_database(path: &Path) -> StorageResult<()> {
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StorageError::Invalid(format!("{}: {e}", file.display()))),
        }
    }
    Ok(())
}

fn core_error(error: desk_core::CoreError) -> StorageError {
    StorageError::Invalid(format!("replica: {error}"))
}

/// How long the stream must stay quiet before the worker catches up: a laptop's sync is a
/// burst of pushes, and catching up between them would compete with them.
const QUIET: Duration = Duration::from_millis(500);
/// The longest news waits while pushes keep coming.
const MOST_WAIT: Duration = Duration::from_secs(5);

/// Starts the worker that keeps the replicas current: told which clusters changed, it
/// waits for a quiet moment, then catches each up off the request path, one at a time,
/// each cluster once however often it changed. It first catches every cluster up. Only
/// the first call starts one; the server aborts it when it stops.
pub fn spawn_worker(replicas: Arc<Replicas>) -> Option<tokio::task::JoinHandle<()>> {
    let mut inbox = replicas.inbox.lock().unwrap_or_else(|p| p.into_inner()).take()?;
    Some(tokio::spawn(async move {
        let mut pending: BTreeSet<News> = BTreeSet::from([None]);
        loop {
            if pending.is_empty() {
                match inbox.recv().await {
                    Some(next) => pending.insert(next),
                    None => return,
                };
            }
            let first = Instant::now();
            while let Some(left) = MOST_WAIT.checked_sub(first.elapsed()) {
                match tokio::time::timeout(QUIET.min(left), inbox.recv()).await {
                    Ok(Some(next)) => {
                        pending.insert(next);
                    }
                    Ok(None) | Err(_) => break, // quiet (or the server is gone)
                }
            }
            for next in std::mem::take(&mut pending) {
                let replicas = replicas.clone();
                let result = tokio::task::spawn_blocking(move || match &next {
                    Some(cluster) => replicas.catch_up(cluster),
                    None => replicas.catch_up_all(),
                })
                .await;
                match result {
                    Ok(Ok(_)) => {}
                    Ok(Err(error)) => tracing::error!(%error, "replica catch-up failed"),
                    Err(error) => tracing::error!(%error, "replica catch-up panicked"),
                }
            }
        }
    }))
}
