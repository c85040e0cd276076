//! Signing a laptop in to head office (once; it then holds a device token) and out.

use std::path::Path;

use desk_core::sync;
use desk_core::Store;
use sync_wire::{SignInRequest, SignInResponse};

use crate::client::HeadOffice;
use crate::failure::SyncFailure;
use crate::token;

/// What the settings screen sends.
#[derive(Debug, Clone)]
pub struct SignIn<'a> {
    pub server_url: &'a str,
    pub login: &'a str,
    pub password: &'a str,
    /// Empty when the manager works for one cluster only.
    pub cluster_id: &'a str,
    pub device_label: &'a str,
}

/// Signs in, stores the token beside the database and remembers the address.
pub async fn sign_in(store: &mut Store, database: &Path, form: &SignIn<'_>) -> Result<SignInResponse, SyncFailure> {
    sign_in_with(store, database, form, None).await
}

/// As [`sign_in`], trusting an extra root certificate (PEM).
pub async fn sign_in_with(
    store: &mut Store,
    database: &Path,
    form: &SignIn<'_>,
    root_pem: Option<&[u8]>,
) -> Result<SignInResponse, SyncFailure> {
    let office = HeadOffice::with_certificate(form.server_url, None, root_pem)?;
    let answer = office
        .sign_in(&SignInRequest {
            login: form.login.trim().to_string(),
            password: form.password.to_string(),
            cluster_id: form.cluster_id.trim().to_string(),
            device_id: store.device_id().to_string(),
            device_label: form.device_label.to_string(),
        })
        .await?;
    token::save(&token::token_path(database), &answer.token).map_err(|e| SyncFailure::local(e.to_string()))?;
    let (cluster_id, cluster) = answer.cluster.as_ref().map(|c| (c.id.as_str(), c.name.as_str())).unwrap_or(("", ""));
    sync::remember_sign_in(store, office.base_url(), &answer.account_name, cluster_id, cluster)?;
    Ok(answer)
}

/// Signs this laptop out: head office ends the token, and the laptop forgets it.
pub async fn sign_out(store: &mut Store, database: &Path) -> Result<(), SyncFailure> {
    // Head office ends the token first, so a copy of it (a stolen backup) is worthless
    // too. Offline, the laptop still signs out; the token then ends by expiry or revocation.
    let token = token::load(&token::token_path(database));
    let server = desk_core::sync::state(store.conn()).ok().and_then(|s| s.server_url);
    if let (Some(token), Some(server)) = (token, server) {
        if let Ok(office) = HeadOffice::new(&server, Some(token)) {
            match tokio::time::timeout(std::time::Duration::from_secs(5), office.end_session()).await {
                Ok(Ok(())) => {}
                Ok(Err(failure)) => eprintln!("cluster-desk: head office did not end the session: {failure}"),
                Err(_) => eprintln!("cluster-desk: head office did not answer the sign-out in time"),
            }
        }
    }
    token::remove(&token::token_path(database)).map_err(|e| SyncFailure::local(e.to_string()))?;
    sync::forget_sign_in(store)?;
    Ok(())
}
