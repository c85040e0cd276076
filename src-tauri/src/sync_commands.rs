//! The commands of the sync screens: sign-in and sign-out, the status bar, "Sync now",
//! the conflicts to review and the changes head office refused. Translation only: the
//! decisions are desk-core's, the network is desk-sync's.

use desk_core::sync::{self, Conflict, ConflictChoice, RefusedChange};
use desk_core::Language;
use desk_sync::account::{self, SignIn};
use tauri::State;

use crate::state::AppState;
use desk_ipc::{ApiError, ApiFieldError, ApiResult, SignInForm, SyncStatus};

fn status(state: &AppState) -> ApiResult<SyncStatus> {
    let sync = state.with_store(|store| sync::state(store.conn()))?;
    Ok(SyncStatus {
        signed_in: state.token().is_some(),
        syncing: state.background().is_some_and(|b| b.is_running()),
        sync,
    })
}

#[tauri::command]
pub fn sync_status(state: State<'_, AppState>) -> ApiResult<SyncStatus> {
    status(&state)
}

fn required(field: &str, value: &str, ko: &str, en: &str, lang: Language) -> Option<ApiFieldError> {
    value.trim().is_empty().then(|| ApiFieldError {
        field: field.into(),
        rule: "required".into(),
        message: match lang {
            Language::Ko => ko.into(),
            Language::En => en.into(),
        },
    })
}

#[tauri::command]
pub async fn sign_in(state: State<'_, AppState>, form: SignInForm) -> ApiResult<SyncStatus> {
    let lang = state.language();
    let missing: Vec<ApiFieldError> = [
        required("server_url", &form.server_url, "본부 서버 주소를 입력하세요.", "Enter head office's address.", lang),
        required("login", &form.login, "아이디를 입력하세요.", "Enter your login.", lang),
        required("password", &form.password, "비밀번호를 입력하세요.", "Enter your password.", lang),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        let message = missing.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join(" ");
        return Err(ApiError::invalid_form(message, missing));
    }
    // Its own connection: the window's stays free while the network is waited for.
    let mut store = desk_core::Store::open(state.path()).map_err(|e| state.error(&e))?;
    let label = std::env::var("HOSTNAME").unwrap_or_else(|_| "Cluster Desk".into());
    account::sign_in(
        &mut store,
        state.path(),
        &SignIn {
            server_url: &form.server_url,
            login: &form.login,
            password: &form.password,
            cluster_id: &form.cluster_id,
            device_label: &label,
        },
    )
    .await
    .map_err(|f| ApiError::from_sync(&f, lang))?;
    if let Some(background) = state.background() {
        background.sync_now();
    }
    status(&state)
}

#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> ApiResult<SyncStatus> {
    let lang = state.language();
    // Its own connection, as for sign-in: head office is told first, over the network.
    let mut store = desk_core::Store::open(state.path()).map_err(|e| state.error(&e))?;
    account::sign_out(&mut store, state.path()).await.map_err(|f| ApiError::from_sync(&f, lang))?;
    status(&state)
}

#[tauri::command]
pub fn sync_now(state: State<'_, AppState>) -> ApiResult<SyncStatus> {
    if let Some(background) = state.background() {
        background.sync_now();
    }
    status(&state)
}

#[tauri::command]
pub fn list_conflicts(state: State<'_, AppState>) -> ApiResult<Vec<Conflict>> {
    state.with_store(|store| sync::conflict::open(store.conn()))
}

#[tauri::command]
pub fn resolve_conflict(state: State<'_, AppState>, id: String, choice: ConflictChoice) -> ApiResult<Vec<Conflict>> {
    state.with_store(|store| {
        store.write(|w| sync::conflict::resolve(w, &id, &choice))?;
        sync::conflict::open(store.conn())
    })
}

/// Settles the conflicts named by the clock (the newer value of each), in one action.
#[tauri::command]
pub fn settle_conflicts_newest(state: State<'_, AppState>, ids: Vec<String>) -> ApiResult<Vec<Conflict>> {
    state.with_store(|store| {
        store.write(|w| sync::conflict::settle_newest(w, &ids))?;
        sync::conflict::open(store.conn())
    })
}

#[tauri::command]
pub fn refused_changes(state: State<'_, AppState>) -> ApiResult<Vec<RefusedChange>> {
    state.with_store(|store| sync::outbox::refused(store.conn()))
}
