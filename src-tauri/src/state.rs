//! The shell's state: the open store behind a lock, and the user's language.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use desk_core::{CoreResult, Language, Store};

use crate::api::{ApiError, ApiResult};

pub struct AppState {
    store: Mutex<Result<Store, ApiError>>,
    path: PathBuf,
}

impl AppState {
    /// Opens the database. A failure (a newer schema, an unreadable file) is kept and
    /// shown in the window rather than crashing the app.
    pub fn open(path: &Path) -> Result<AppState, std::io::Error> {
        let store = Store::open(path).map_err(|e| ApiError::from_core(&e, Language::Ko));
        Ok(AppState { store: Mutex::new(store), path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the store, translating a core error into the user's language.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> CoreResult<T>) -> ApiResult<T> {
        let mut guard = self.store.lock().map_err(|_| ApiError::internal("store lock poisoned"))?;
        let store = guard.as_mut().map_err(|e| e.clone())?;
        let lang = language_of(store);
        f(store).map_err(|e| ApiError::from_core(&e, lang))
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
    match desk_core::db::local_setting(store.conn(), "language") {
        Ok(Some(code)) if code == "en" => Language::En,
        _ => Language::Ko,
    }
}
