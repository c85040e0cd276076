//! The commands the window may invoke. Each one translates typed arguments into a core
//! call and the result (or a `{code, message}` error) back; nothing else happens here.

use desk_core::cluster::ClusterSummary;
use desk_core::Language;
use tauri::State;

use crate::api::{ApiResult, AppStatus};
use crate::state::{language_of, AppState};

/// The demo cluster's seed: the same seed always gives the same cluster.
pub const DEMO_SEED: u64 = 2009;

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    let open_error = state.open_error();
    let (has_cluster, language) = state
        .with_store(|store| Ok((desk_core::cluster::current(store.conn())?.is_some(), language_of(store))))
        .unwrap_or((false, Language::Ko));
    AppStatus { database_path: state.path().display().to_string(), open_error, has_cluster, language }
}

#[tauri::command]
pub fn cluster_summary(state: State<'_, AppState>) -> ApiResult<Option<ClusterSummary>> {
    state.with_store(|store| desk_core::cluster::summary(store.conn()))
}

#[tauri::command]
pub fn open_demo_cluster(state: State<'_, AppState>) -> ApiResult<Option<ClusterSummary>> {
    load_demo_if_empty(&state)?;
    state.with_store(|store| desk_core::cluster::summary(store.conn()))
}

/// Fills an empty database with the demo cluster, anchored on today so that its
/// schedule looks current; a database that has a cluster is left alone.
pub fn load_demo_if_empty(state: &AppState) -> ApiResult<()> {
    state.with_store(|store| {
        if desk_core::cluster::current(store.conn())?.is_none() {
            desk_core::demo::load_demo_cluster(store, DEMO_SEED)?;
        }
        Ok(())
    })
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: Language) -> ApiResult<()> {
    let code = match language {
        Language::Ko => "ko",
        Language::En => "en",
    };
    state.with_store(|store| store.write(|w| desk_core::db::set_local_setting(w.tx(), "language", code)))
}

/// Every command, for `tauri::Builder::invoke_handler`.
pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![app_status, cluster_summary, open_demo_cluster, set_language]
}
