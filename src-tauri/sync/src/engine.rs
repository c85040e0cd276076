//! One sync: push this laptop's changes, pull and merge everyone else's, then move the
//! attachment files. Every page is applied (and its cursor stored) in one transaction,
//! so a sync cut at any point resumes where it stopped and repeats nothing.

use std::path::Path;

use desk_core::attachment::blob_path;
use desk_core::sync::{self, files, outbox, RefusedChange};
use desk_core::Store;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sync_wire::{PushRequest, MAX_FILE_CHUNK_BYTES, MAX_PAGE_CHANGES, SCHEMA_VERSION};

use crate::client::HeadOffice;
use crate::failure::{FailureKind, LocalCode, SyncFailure};

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    pub pushed: u32,
    pub pulled: u32,
    pub conflicts: u32,
    pub merged: u32,
    pub refused: u32,
    pub files_uploaded: u32,
    pub files_downloaded: u32,
}

/// Pushes, pulls and moves files. Stops at the first failure; what was done stays done.
pub async fn sync_once(store: &mut Store, office: &HeadOffice, attachments: &Path) -> Result<SyncReport, SyncFailure> {
    let mut report = SyncReport::default();
    push_all(store, office, &mut report).await?;
    pull_all(store, office, &mut report).await?;
    // Merging may have written local changes (a merged text, a conflict record): send them
    // now rather than at the next sync. With nothing to send this makes no request.
    push_all(store, office, &mut report).await?;
    move_files(store, office, attachments, &mut report).await?;
    Ok(report)
}

/// Pushes every unacknowledged change, a page at a time.
pub async fn push_all(store: &mut Store, office: &HeadOffice, report: &mut SyncReport) -> Result<(), SyncFailure> {
    let device = store.device_id().to_string();
    loop {
        let page = outbox::next_page(store.conn(), &device, MAX_PAGE_CHANGES)?;
        let Some(last) = page.last().map(|c| c.client_seq) else { return Ok(()) };
        let request = PushRequest { schema_version: SCHEMA_VERSION, changes: page };
        match office.push(&request).await {
            Ok(answer) => {
                outbox::acknowledge(store, answer.acknowledged_client_seq.min(last), &answer.server_hlc)?;
                report.pushed += answer.accepted;
            }
            Err(SyncFailure { kind: FailureKind::Refused(rejected), .. }) if !rejected.is_empty() => {
                // Set the refused ones aside (the manager sees them) and push the rest.
                let refused: Vec<RefusedChange> = rejected
                    .iter()
                    .filter_map(|r| request.changes.iter().find(|c| c.client_seq == r.client_seq).map(|c| (r, c)))
                    .map(|(r, c)| RefusedChange {
                        seq: c.client_seq,
                        table_name: c.table.clone(),
                        record_id: c.record_id.clone(),
                        field: c.field.clone(),
                        reason: r.reason.clone(),
                        message_ko: r.message_ko.clone(),
                        message_en: r.message_en.clone(),
                    })
                    .collect();
                if refused.is_empty() {
                    return Err(SyncFailure::server_garbled("refusal names no change of the page".into()));
                }
                report.refused += refused.len() as u32;
                outbox::set_aside(store, &refused)?;
            }
            Err(failure) => return Err(failure),
        }
    }
}

/// Pulls and applies every page waiting on the server.
pub async fn pull_all(store: &mut Store, office: &HeadOffice, report: &mut SyncReport) -> Result<(), SyncFailure> {
    loop {
        let cursor = sync::server_cursor(store.conn())?;
        let page = office.pull(cursor).await?;
        let changes = page.changes;
        if changes.is_empty() && page.cursor == cursor {
            return Ok(());
        }
        let applied = sync::apply_page_or_set_aside(store, &changes, page.cursor)?;
        report.pulled += applied.applied;
        report.conflicts += applied.conflicts;
        report.merged += applied.merged;
        if !page.more {
            return Ok(());
        }
    }
}

/// Uploads files head office lacks and downloads the ones this laptop lacks, resuming
/// any transfer a cut connection interrupted. A file that cannot move now (its record is
/// not on the server yet, it is too large) waits for the next sync without blocking it.
pub async fn move_files(
    store: &mut Store,
    office: &HeadOffice,
    folder: &Path,
    report: &mut SyncReport,
) -> Result<(), SyncFailure> {
    for file in files::to_upload(store.conn(), folder)? {
        match upload(office, folder, &file.content_hash).await {
            Ok(()) => {
                files::mark_synced(store, &file.content_hash)?;
                report.files_uploaded += 1;
            }
            Err(f) if f.is_temporary() || f.kind == FailureKind::SignedOut => return Err(f),
            Err(_) => {} // not acceptable now (e.g. the record is not there yet): next time
        }
    }
    for file in files::to_download(store.conn(), folder)? {
        match download(office, folder, &file.content_hash).await {
            Ok(()) => {
                files::mark_synced(store, &file.content_hash)?;
                report.files_downloaded += 1;
            }
            Err(f) if f.is_temporary() || f.kind == FailureKind::SignedOut => return Err(f),
            Err(_) => {}
        }
    }
    Ok(())
}

async fn upload(office: &HeadOffice, folder: &Path, hash: &str) -> Result<(), SyncFailure> {
    let bytes = std::fs::read(blob_path(folder, hash)).map_err(|e| SyncFailure::local(e.to_string()))?;
    let total = bytes.len() as u64;
    let (held, length, complete) = office.file_offset(hash).await?;
    if complete {
        return Ok(());
    }
    // An upload head office began with another length (a wrong start) starts over from 0,
    // which head office allows.
    let mut offset = if length == total { held.min(total) } else { 0 };
    while offset < total || total == 0 {
        let end = (offset as usize + MAX_FILE_CHUNK_BYTES).min(bytes.len());
        offset = office.upload_piece(hash, offset, total, bytes[offset as usize..end].to_vec()).await?;
        if total == 0 {
            break;
        }
    }
    Ok(())
}

async fn download(office: &HeadOffice, folder: &Path, hash: &str) -> Result<(), SyncFailure> {
    let target = blob_path(folder, hash);
    let part = target.with_extension("part");
    let local = |e: std::io::Error| SyncFailure::local(e.to_string());
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(local)?;
    }
    let have = std::fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
    let rest = office.download_from(hash, have).await?;
    let mut bytes = if have > 0 { std::fs::read(&part).map_err(local)? } else { Vec::new() };
    bytes.extend_from_slice(&rest);
    let actual: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    if actual != hash {
        let _ = std::fs::remove_file(&part);
        // Not temporary for this sync: the other files and the next sync go on.
        return Err(SyncFailure::new(
            FailureKind::Invalid,
            LocalCode::FileMismatch,
            "받은 첨부 파일이 손상되었습니다. 다음 동기화에서 다시 받습니다.",
            "A downloaded attachment was corrupt; it will be fetched again.",
        ));
    }
    std::fs::write(&part, &bytes).map_err(local)?;
    std::fs::rename(&part, &target).map_err(local)?;
    Ok(())
}
