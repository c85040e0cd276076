//! Sync by itself: a task that syncs every few minutes while head office is reachable,
//! every half minute while it is not (so it catches the network coming back), and at
//! once when asked ("Sync now", a sign-in). It has its own connection to the database.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use desk_core::sync::{self, SyncError};
use desk_core::Store;
use tokio::sync::Notify;

use crate::client::HeadOffice;
use crate::engine::{sync_once, SyncReport};
use crate::failure::{FailureKind, SyncFailure};
use crate::token;

/// How often to sync while everything works.
pub const INTERVAL: Duration = Duration::from_secs(5 * 60);
/// How often to look for head office while it cannot be reached.
pub const OFFLINE_RETRY: Duration = Duration::from_secs(30);

/// Where the laptop's files are.
#[derive(Debug, Clone)]
pub struct Paths {
    pub database: PathBuf,
    pub attachments: PathBuf,
}

/// The handle the window's shell keeps.
#[derive(Clone)]
pub struct BackgroundSync {
    wake: Arc<Notify>,
    running: Arc<AtomicBool>,
}

impl BackgroundSync {
    /// Starts the task on `runtime`. `changed` is called after every
    /// attempt (and when one starts), so the window can refresh its status bar.
    pub fn start(
        runtime: &tokio::runtime::Handle,
        paths: Paths,
        changed: impl Fn(Option<&Result<SyncReport, SyncFailure>>) + Send + Sync + 'static,
    ) -> BackgroundSync {
        let handle = BackgroundSync { wake: Arc::new(Notify::new()), running: Arc::new(AtomicBool::new(false)) };
        let task = handle.clone();
        runtime.spawn(async move {
            let mut store: Option<Store> = None;
            loop {
                let wait = match run_once(&paths, &mut store, &task.running, &changed).await {
                    Some(Err(f)) if f.kind == FailureKind::Offline || f.kind == FailureKind::Retry => OFFLINE_RETRY,
                    Some(Err(SyncFailure { kind: FailureKind::Wait(secs), .. })) => Duration::from_secs(secs),
                    _ => INTERVAL,
                };
                tokio::select! {
                    () = task.wake.notified() => {}
                    () = tokio::time::sleep(wait) => {}
                }
            }
        });
        handle
    }

    /// Syncs now (or right after the sync that is running).
    pub fn sync_now(&self) {
        self.wake.notify_one();
    }

    pub fn is_running(&self) -> bool {
        self.running.load(Ordering::Relaxed)
    }
}

/// One attempt; `None` when there is nothing to do (not signed in).
async fn run_once(
    paths: &Paths,
    store: &mut Option<Store>,
    running: &AtomicBool,
    changed: &(impl Fn(Option<&Result<SyncReport, SyncFailure>>) + Send + Sync),
) -> Option<Result<SyncReport, SyncFailure>> {
    let token = token::load(&token::token_path(&paths.database))?;
    if store.is_none() {
        match Store::open(&paths.database) {
            Ok(opened) => *store = Some(opened),
            Err(error) => {
                // The window shows its own open error; the log says why sync waits.
                eprintln!("cluster-desk: background sync cannot open {}: {error}", paths.database.display());
                return None;
            }
        }
    }
    let store = store.as_mut()?;
    let url = match sync::state(store.conn()) {
        Ok(state) => state.server_url?,
        Err(error) => {
            eprintln!("cluster-desk: background sync cannot read its settings: {error}");
            return None;
        }
    };
    running.store(true, Ordering::Relaxed);
    changed(None);
    let result = match HeadOffice::new(&url, Some(token)) {
        Ok(office) => sync_once(store, &office, &paths.attachments).await,
        Err(f) => Err(f),
    };
    let error = result.as_ref().err().map(|f| SyncError {
        code: f.code.clone(),
        message_ko: f.message_ko.clone(),
        message_en: f.message_en.clone(),
        at: now(),
    });
    if let Err(failure) = sync::record_outcome(store, error.as_ref(), &now()) {
        // The status bar would show the previous outcome: say so where it can be read.
        eprintln!("cluster-desk: the sync's outcome could not be saved: {failure}");
    }
    running.store(false, Ordering::Relaxed);
    changed(Some(&result));
    Some(result)
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
