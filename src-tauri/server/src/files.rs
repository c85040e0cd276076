//! Attachments: uploaded and downloaded apart from the records, by content hash, in
//! pieces that can resume where a cut connection left them.
//!
//! A cluster may upload or download a file only once one of its attachment records names
//! that hash, so a file is never reachable from another cluster by guessing. An upload in
//! progress belongs to the cluster that started it (its pieces sit in `files/partial/`
//! under the cluster's name), so no cluster can spoil another's; a whole file is kept
//! once, by its hash, and counts against the quota of the cluster that uploaded it.
//! Files are streamed from and hashed off the disk, never held whole in memory.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path as FsPath, PathBuf};
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use sync_wire::{ErrorCode, MAX_FILE_BYTES, MAX_FILE_CHUNK_BYTES, UPLOAD_OFFSET_HEADER};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use crate::http::{check_protocol, scope, Answer, Failure};
use crate::storage::{StorageError, StorageResult, Upload};
use crate::AppState;

/// The total size of a file being uploaded, sent with every piece.
pub const UPLOAD_LENGTH_HEADER: &str = "upload-length";

/// An upload nobody has added a piece to for this long is abandoned: its pieces are
/// deleted and its room in the quota freed. (A laptop that comes back later starts that
/// file over; it has the file.)
pub const ABANDONED_AFTER: Duration = Duration::from_secs(14 * 24 * 3600);

/// How often the server looks for abandoned uploads.
const SWEEP_EVERY: Duration = Duration::from_secs(3600);

fn valid_hash(hash: &str) -> bool {
    sync_wire::ContentHash::parse(hash).is_some()
}

/// The cluster of a request that may move the file `hash`.
async fn allowed(state: &AppState, headers: &HeaderMap, hash: &str) -> Answer<String> {
    check_protocol(headers)?;
    let scope = scope(state, headers).await?;
    if !valid_hash(hash) {
        return Err(Failure::invalid("hash", "파일 식별값이 올바르지 않습니다.", "The file hash is invalid."));
    }
    let Some(cluster) = scope.cluster_id else {
        return Err(Failure::forbidden(
            "클러스터 계정으로만 파일을 주고받습니다.",
            "Files move only with a cluster token.",
        ));
    };
    let storage = state.storage.clone();
    let (c, h) = (cluster.clone(), hash.to_string());
    if tokio::task::spawn_blocking(move || storage.cluster_has_file(&c, &h)).await?? {
        Ok(cluster)
    } else {
        Err(Failure::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "이 클러스터의 첨부 파일이 아닙니다. 자료를 먼저 동기화하세요.",
            "No attachment of this cluster names that file; sync the records first.",
        ))
    }
}

fn whole_path(files_dir: &FsPath, hash: &str) -> PathBuf {
    files_dir.join(hash)
}

fn partial_dir(files_dir: &FsPath) -> PathBuf {
    files_dir.join("partial")
}

/// Cluster ids are made by the server (UUIDs), so the name is a plain file name.
fn part_path(files_dir: &FsPath, cluster: &str, hash: &str) -> PathBuf {
    partial_dir(files_dir).join(format!("{cluster}-{hash}"))
}

/// `HEAD`: how much of the file the server holds for this cluster (`upload-offset`) and
/// its full size.
pub async fn status(State(state): State<AppState>, Path(hash): Path<String>, headers: HeaderMap) -> Answer<Response> {
    let cluster = allowed(&state, &headers, &hash).await?;
    let storage = state.storage.clone();
    let h = hash.clone();
    let (offset, length, complete) = tokio::task::spawn_blocking(move || -> StorageResult<(i64, i64, bool)> {
        if let Some(size) = storage.file_size(&h)? {
            return Ok((size, size, true));
        }
        Ok(storage.upload(&cluster, &h)?.map_or((0, 0, false), |u| (u.received_bytes, u.size_bytes, false)))
    })
    .await??;
    Ok((
        if complete { StatusCode::OK } else { StatusCode::NO_CONTENT },
        [(UPLOAD_OFFSET_HEADER, offset.to_string()), (UPLOAD_LENGTH_HEADER, length.to_string())],
    )
        .into_response())
}

/// `PATCH`: one piece of the file, at `upload-offset`, of a file of `upload-length` bytes.
///
/// A piece at offset 0 with a length other than the one the upload began with starts it
/// over (the first length was wrong); a piece elsewhere with another length is told to
/// start over from 0.
pub async fn upload(
    State(state): State<AppState>,
    Path(hash): Path<String>,
    headers: HeaderMap,
    body: crate::http::Body,
) -> Answer<Response> {
    let cluster = allowed(&state, &headers, &hash).await?;
    let number = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<i64>().ok());
    let (Some(offset), Some(length)) = (number(UPLOAD_OFFSET_HEADER), number(UPLOAD_LENGTH_HEADER)) else {
        return Err(Failure::invalid(
            UPLOAD_OFFSET_HEADER,
            "업로드 위치와 전체 크기가 필요합니다.",
            "upload-offset and upload-length are required.",
        ));
    };
    if length < 0 || length as u64 > MAX_FILE_BYTES {
        return Err(Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::TooLarge,
            format!("첨부 파일은 {} MB까지 올릴 수 있습니다.", MAX_FILE_BYTES / (1024 * 1024)),
            format!("Attachments are limited to {} MB.", MAX_FILE_BYTES / (1024 * 1024)),
        ));
    }
    if offset < 0 {
        return Err(mismatch(0));
    }
    let body = body.read(MAX_FILE_CHUNK_BYTES).await?;
    let lock = state.upload_lock(&format!("{cluster}-{hash}"));
    let _held = lock.lock().await;
    let storage = state.storage.clone();
    let quotas = state.quotas;
    let files_dir = state.files_dir.clone();
    let (received, complete) = tokio::task::spawn_blocking(move || -> Answer<(i64, bool)> {
        let part = part_path(&files_dir, &cluster, &hash);
        if let Some(size) = storage.file_size(&hash)? {
            // Another cluster finished the same file meanwhile: this upload is not needed,
            // and its room in the quota is freed now rather than when it is swept.
            if storage.upload(&cluster, &hash)?.is_some() {
                remove_if_there(&part)?;
                storage.drop_upload(&cluster, &hash)?;
            }
            return Ok((size, true));
        }
        let session = match storage.upload(&cluster, &hash)? {
            Some(session) if session.size_bytes == length => session,
            _ if offset == 0 => {
                storage.start_upload(&cluster, &hash, length, &quotas)?.map_err(Failure::over_quota)?;
                remove_if_there(&part)?;
                Upload { size_bytes: length, received_bytes: 0 }
            }
            _ => return Err(mismatch(0)),
        };
        if session.received_bytes != offset || offset + body.len() as i64 > length {
            return Err(mismatch(session.received_bytes));
        }
        std::fs::create_dir_all(partial_dir(&files_dir)).map_err(Failure::internal)?;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(false)
            .open(&part)
            .map_err(Failure::internal)?;
        file.seek(SeekFrom::Start(offset as u64)).map_err(Failure::internal)?;
        file.write_all(&body).map_err(Failure::internal)?;
        file.sync_data().map_err(Failure::internal)?;
        drop(file);
        let received = offset + body.len() as i64;
        if received < length {
            storage.save_upload(&cluster, &hash, received)?;
            return Ok((received, false));
        }
        if sha256_of(&part).map_err(Failure::internal)? != hash {
            // Start over, with whatever length comes next: the pieces did not add up to
            // the file that was announced.
            remove_if_there(&part)?;
            storage.drop_upload(&cluster, &hash)?;
            return Err(Failure::new(
                StatusCode::CONFLICT,
                ErrorCode::UploadMismatch,
                "올린 파일의 내용이 식별값과 다릅니다. 처음부터 다시 올립니다.",
                "The uploaded bytes do not match the file's hash; the upload starts over.",
            ));
        }
        let whole = whole_path(&files_dir, &hash);
        if whole.exists() {
            remove_if_there(&part)?;
        } else {
            std::fs::rename(&part, &whole).map_err(Failure::internal)?;
        }
        storage.finish_upload(&cluster, &hash, length)?;
        Ok((received, true))
    })
    .await??;
    Ok((
        if complete { StatusCode::CREATED } else { StatusCode::NO_CONTENT },
        [(UPLOAD_OFFSET_HEADER, received.to_string())],
    )
        .into_response())
}

fn remove_if_there(path: &FsPath) -> Answer<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Failure::internal(e)),
        _ => Ok(()),
    }
}

/// The file's SHA-256, read a piece at a time.
fn sha256_of(path: &FsPath) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn mismatch(received: i64) -> Failure {
    let mut failure = Failure::new(
        StatusCode::CONFLICT,
        ErrorCode::UploadMismatch,
        "업로드 위치가 서버와 다릅니다. 서버가 가진 곳부터 다시 보냅니다.",
        "The upload offset does not match the server's; resume from the server's offset.",
    );
    failure.body.field = Some(format!("{UPLOAD_OFFSET_HEADER}={received}"));
    failure
}

/// `GET`: the file, or its rest from a `Range: bytes=N-` header, streamed off the disk.
pub async fn download(State(state): State<AppState>, Path(hash): Path<String>, headers: HeaderMap) -> Answer<Response> {
    allowed(&state, &headers, &hash).await?;
    let storage = state.storage.clone();
    let h = hash.clone();
    let Some(total) = tokio::task::spawn_blocking(move || storage.file_size(&h)).await?? else {
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "파일이 아직 본부에 다 올라오지 않았습니다.",
            "The file has not been fully uploaded yet.",
        ));
    };
    let total = total as u64;
    let start = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("bytes="))
        .and_then(|v| v.strip_suffix('-'))
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|start| *start <= total);
    let mut file = tokio::fs::File::open(whole_path(&state.files_dir, &hash)).await.map_err(Failure::internal)?;
    let from = start.unwrap_or(0);
    file.seek(SeekFrom::Start(from)).await.map_err(Failure::internal)?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::with_capacity(file.take(total - from), 64 * 1024));
    let length = (header::CONTENT_LENGTH, (total - from).to_string());
    Ok(match start {
        Some(start) => (
            StatusCode::PARTIAL_CONTENT,
            [length, (header::CONTENT_RANGE, format!("bytes {start}-{}/{total}", total.saturating_sub(1)))],
            body,
        )
            .into_response(),
        None => (StatusCode::OK, [length], body).into_response(),
    })
}

/// Deletes uploads nobody has added to for `older_than`, with their pieces, and stray
/// piece files no upload owns (left by a crash, or by a server before version 3).
/// Returns how many files it deleted.
pub fn sweep_abandoned(state: &AppState, older_than: Duration) -> StorageResult<usize> {
    let io = |e: std::io::Error| StorageError::Invalid(e.to_string());
    let cutoff = SystemTime::now().checked_sub(older_than).unwrap_or(SystemTime::UNIX_EPOCH);
    let before = chrono::DateTime::<chrono::Utc>::from(cutoff).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let mut deleted = 0;
    for (cluster, hash) in state.storage.stale_uploads(&before)? {
        if std::fs::remove_file(part_path(&state.files_dir, &cluster, &hash)).is_ok() {
            deleted += 1;
        }
        state.storage.drop_upload(&cluster, &hash)?;
    }
    let old =
        |path: &FsPath| std::fs::metadata(path).and_then(|m| m.modified()).is_ok_and(|modified| modified <= cutoff);
    let mut strays = Vec::new();
    let partial = partial_dir(&state.files_dir);
    if partial.is_dir() {
        for entry in std::fs::read_dir(&partial).map_err(io)? {
            let path = entry.map_err(io)?.path();
            // `{cluster}-{hash}`: a piece file of an upload still going on is not a stray.
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let live = match name.len().checked_sub(65).and_then(|cut| Some((name.get(..cut)?, name.get(cut + 1..)?))) {
                Some((cluster, hash)) => state.storage.upload(cluster, hash)?.is_some(),
                None => false,
            };
            if !live {
                strays.push(path);
            }
        }
    }
    for entry in std::fs::read_dir(&state.files_dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "part") {
            strays.push(path);
        }
    }
    for path in strays {
        if old(&path) && std::fs::remove_file(&path).is_ok() {
            deleted += 1;
        }
    }
    Ok(deleted)
}

/// Sweeps abandoned uploads now and every hour after, for as long as the server runs.
pub fn spawn_sweeper(state: AppState) {
    tokio::spawn(async move {
        loop {
            let s = state.clone();
            match tokio::task::spawn_blocking(move || sweep_abandoned(&s, ABANDONED_AFTER)).await {
                Ok(Ok(0)) => {}
                Ok(Ok(deleted)) => tracing::info!(deleted, "abandoned uploads deleted"),
                Ok(Err(error)) => tracing::warn!(%error, "could not sweep abandoned uploads"),
                Err(error) => tracing::warn!(%error, "the upload sweep stopped"),
            }
            tokio::time::sleep(SWEEP_EVERY).await;
        }
    });
}
