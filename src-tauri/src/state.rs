//! The shell's state: the open store behind a lock, and the user's language.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use desk_core::{CoreError, CoreResult, Language, Store};

use desk_ipc::{ApiError, ApiResult, ExportedFile};

pub struct AppState {
    store: Mutex<Result<Store, ApiError>>,
    path: PathBuf,
    background: std::sync::OnceLock<desk_sync::BackgroundSync>,
    closing: Closing,
}

/// The window's close: the first close request starts it, the window saves what it has
/// and says so, and the app ends. Later requests while it runs change nothing.
#[derive(Default)]
pub struct Closing {
    started: std::sync::atomic::AtomicBool,
    ready: Mutex<bool>,
    ready_changed: std::sync::Condvar,
}

impl Closing {
    /// Marks the close as started; true only for the first request.
    pub fn begin(&self) -> bool {
        !self.started.swap(true, std::sync::atomic::Ordering::SeqCst)
    }

    /// The window has saved everything it had.
    pub fn window_is_ready(&self) {
        if let Ok(mut ready) = self.ready.lock() {
            *ready = true;
            self.ready_changed.notify_all();
        }
    }

    /// Waits until the window is ready or `limit` has passed (a hung page must not keep
    /// the app open); tells which.
    pub fn wait_until_ready(&self, limit: std::time::Duration) -> bool {
        let Ok(guard) = self.ready.lock() else {
            return false;
        };
        match self.ready_changed.wait_timeout_while(guard, limit, |ready| !*ready) {
            Ok((ready, _)) => *ready,
            Err(_) => false,
        }
    }
}

impl AppState {
    /// Opens the database. A failure (a newer schema, an unreadable file) is kept and
    /// shown in the window rather than crashing the app.
    pub fn open(path: &Path) -> AppState {
        let store = Store::open(path).map_err(|e| ApiError::from_core(&e, Language::Ko));
        AppState {
            store: Mutex::new(store),
            path: path.to_path_buf(),
            background: std::sync::OnceLock::new(),
            closing: Closing::default(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The background sync, once the app has started it.
    pub fn background(&self) -> Option<&desk_sync::BackgroundSync> {
        self.background.get()
    }

    pub fn set_background(&self, background: desk_sync::BackgroundSync) {
        let _ = self.background.set(background);
    }

    /// The window's close in progress.
    pub fn closing(&self) -> &Closing {
        &self.closing
    }

    /// Saves every minutes draft left in the journal as a logged change (at start-up: what
    /// a crash left; at close: what the editor drafted but did not save). Failures are
    /// reported on stderr and the drafts kept: nothing typed is thrown away.
    pub fn commit_minutes_drafts(&self) {
        let result = self.with_store(desk_core::minutes_draft::commit_all);
        match result {
            Ok(report) => {
                for (event, why) in report.kept {
                    eprintln!("cluster-desk: the minutes draft of event {event} was kept, not saved: {why}");
                }
            }
            // No database open: there is nothing to save.
            Err(error) if self.open_error().is_some() => drop(error),
            Err(error) => eprintln!("cluster-desk: minutes drafts could not be saved: {}", error.message),
        }
    }

    /// This laptop's device token, if it is signed in to head office.
    pub fn token(&self) -> Option<String> {
        desk_sync::token::load(&desk_sync::token::token_path(&self.path))
    }

    /// The user's language (Korean when the database cannot be read).
    pub fn language(&self) -> Language {
        self.store.lock().ok().and_then(|g| g.as_ref().ok().map(language_of)).unwrap_or_default()
    }

    /// Runs `f` on the store, translating a core error into the user's language.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> CoreResult<T>) -> ApiResult<T> {
        let mut guard = self.store.lock().map_err(|_| ApiError::internal("store lock poisoned"))?;
        let store = guard.as_mut().map_err(|e| e.clone())?;
        let lang = language_of(store);
        f(store).map_err(|e| ApiError::from_core(&e, lang))
    }

    /// Runs `f` with the id of this laptop's cluster; an error if there is none yet.
    pub fn with_cluster<T>(&self, f: impl FnOnce(&mut Store, &str) -> CoreResult<T>) -> ApiResult<T> {
        self.with_store(|store| {
            let cluster = desk_core::cluster::current(store.conn())?
                .ok_or(CoreError::NotFound { kind: "cluster", id: String::new() })?;
            f(store, &cluster.id)
        })
    }

    /// As [`AppState::with_cluster`], for an import's or export's work, whose failures
    /// name the file's problem.
    pub fn with_cluster_lists<T>(
        &self,
        f: impl FnOnce(&mut Store, &str) -> Result<T, desk_spreadsheet::ImportError>,
    ) -> ApiResult<T> {
        let mut guard = self.store.lock().map_err(|_| ApiError::internal("store lock poisoned"))?;
        let store = guard.as_mut().map_err(|e| e.clone())?;
        let lang = language_of(store);
        let result = desk_core::cluster::current(store.conn()).map_err(desk_spreadsheet::ImportError::from).and_then(
            |cluster| {
                let cluster = cluster.ok_or(CoreError::NotFound { kind: "cluster", id: String::new() })?;
                f(store, &cluster.id)
            },
        );
        result.map_err(|e| ApiError::from_import(&e, lang))
    }

    /// Runs a report's work on the store; its failures name the field or the record.
    pub fn with_reports<T>(&self, f: impl FnOnce(&Store) -> Result<T, desk_reports::ReportError>) -> ApiResult<T> {
        let guard = self.store.lock().map_err(|_| ApiError::internal("store lock poisoned"))?;
        let store = guard.as_ref().map_err(|e| e.clone())?;
        f(store).map_err(|e| ApiError::from_report(&e, language_of(store)))
    }

    /// A core error in the user's language (for failures outside `with_store`).
    pub fn error(&self, error: &CoreError) -> ApiError {
        let lang = self.store.lock().ok().and_then(|g| g.as_ref().ok().map(language_of)).unwrap_or_default();
        ApiError::from_core(error, lang)
    }

    /// Where attachments are stored: `attachments/` beside the database file.
    pub fn attachments_folder(&self) -> PathBuf {
        self.path.parent().map(Path::to_path_buf).unwrap_or_default().join("attachments")
    }

    /// Writes an exported file where the user finds it: `CLUSTER_DESK_EXPORT_DIR`, else
    /// the Downloads folder, else `exports/` beside the database.
    pub fn save_export(&self, file_name: &str, bytes: &[u8]) -> ApiResult<ExportedFile> {
        let folder = std::env::var_os("CLUSTER_DESK_EXPORT_DIR")
            .map(PathBuf::from)
            .or_else(downloads_folder)
            .unwrap_or_else(|| self.path.parent().map(Path::to_path_buf).unwrap_or_default().join("exports"));
        let path = folder.join(file_name);
        std::fs::create_dir_all(&folder)
            .and_then(|_| std::fs::write(&path, bytes))
            .map_err(|e| self.error(&CoreError::Io(e)))?;
        Ok(ExportedFile { path: path.display().to_string(), file_name: file_name.to_string() })
    }

    /// The open error, if the database could not be opened.
    pub fn open_error(&self) -> Option<ApiError> {
        match self.store.lock() {
            Ok(guard) => guard.as_ref().err().cloned(),
            Err(_) => Some(ApiError::internal("store lock poisoned")),
        }
    }
}

/// The language saved on this laptop; Korean until the user picks English.
pub fn language_of(store: &Store) -> Language {
    match desk_core::db::local_setting(store.conn(), desk_core::db::LANGUAGE_SETTING) {
        Ok(Some(code)) if code == "en" => Language::En,
        _ => Language::Ko,
    }
}

/// The Downloads folder: Windows' known folder (wherever it was moved or redirected), or
/// XDG's on Linux; else `~/Downloads` or its Korean name; else Documents. Only a folder
/// that exists counts.
fn downloads_folder() -> Option<PathBuf> {
    let home = dirs::home_dir();
    let candidates = [
        dirs::download_dir(),
        home.as_ref().map(|h| h.join("Downloads")),
        home.as_ref().map(|h| h.join("다운로드")),
        dirs::document_dir(),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}
