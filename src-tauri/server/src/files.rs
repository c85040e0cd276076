//! Attachments: uploaded and downloaded apart from the records, by content hash, in
//! pieces that can resume where a cut connection left them.
//!
//! A cluster may upload or download a file only once one of its attachment records names
//! that hash, so a file is never reachable from another cluster by guessing.

use std::io::{Seek, SeekFrom, Write};
use std::path::PathBuf;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use sync_wire::{ErrorCode, MAX_FILE_BYTES, MAX_FILE_CHUNK_BYTES, UPLOAD_OFFSET_HEADER};

use crate::http::{check_protocol, scope, Answer, Failure};
use crate::storage::FileState;
use crate::AppState;

/// The total size of a file being uploaded, sent with every piece.
pub const UPLOAD_LENGTH_HEADER: &str = "upload-length";

fn valid_hash(hash: &str) -> bool {
    sync_wire::ContentHash::parse(hash).is_some()
}

async fn allowed(state: &AppState, headers: &HeaderMap, hash: &str) -> Answer<()> {
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
    let hash = hash.to_string();
    if tokio::task::spawn_blocking(move || storage.cluster_has_file(&cluster, &hash)).await?? {
        Ok(())
    } else {
        Err(Failure::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "이 클러스터의 첨부 파일이 아닙니다. 자료를 먼저 동기화하세요.",
            "No attachment of this cluster names that file; sync the records first.",
        ))
    }
}

fn path_of(state: &AppState, hash: &str, complete: bool) -> PathBuf {
    state.files_dir.join(if complete { hash.to_string() } else { format!("{hash}.part") })
}

/// `HEAD`: how much of the file the server holds (`upload-offset`) and its full size.
pub async fn status(State(state): State<AppState>, Path(hash): Path<String>, headers: HeaderMap) -> Answer<Response> {
    allowed(&state, &headers, &hash).await?;
    let storage = state.storage.clone();
    let h = hash.clone();
    let file = tokio::task::spawn_blocking(move || storage.file(&h)).await??;
    let (offset, length, complete) = match file {
        Some(f) => (f.received_bytes, f.size_bytes, f.complete),
        None => (0, 0, false),
    };
    Ok((
        if complete { StatusCode::OK } else { StatusCode::NO_CONTENT },
        [(UPLOAD_OFFSET_HEADER, offset.to_string()), (UPLOAD_LENGTH_HEADER, length.to_string())],
    )
        .into_response())
}

/// `PATCH`: one piece of the file, at `upload-offset`, of a file of `upload-length` bytes.
pub async fn upload(
    State(state): State<AppState>,
    Path(hash): Path<String>,
    headers: HeaderMap,
    body: crate::http::Body,
) -> Answer<Response> {
    allowed(&state, &headers, &hash).await?;
    let body = body.read(MAX_FILE_CHUNK_BYTES).await?;
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
    if body.len() > MAX_FILE_CHUNK_BYTES {
        return Err(Failure::too_large(MAX_FILE_CHUNK_BYTES));
    }
    let lock = state.upload_lock(&hash);
    let _held = lock.lock().await;
    let storage = state.storage.clone();
    let (part, done) = (path_of(&state, &hash, false), path_of(&state, &hash, true));
    let h = hash.clone();
    let state_after = tokio::task::spawn_blocking(move || -> Answer<FileState> {
        let current = storage.file(&h)?.unwrap_or(FileState { size_bytes: length, received_bytes: 0, complete: false });
        if current.complete {
            return Ok(current);
        }
        if current.size_bytes != length || current.received_bytes != offset || offset + body.len() as i64 > length {
            return Err(mismatch(current.received_bytes));
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(false)
            .open(&part)
            .map_err(Failure::internal)?;
        file.seek(SeekFrom::Start(offset as u64)).map_err(Failure::internal)?;
        file.write_all(&body).map_err(Failure::internal)?;
        file.sync_data().map_err(Failure::internal)?;
        let received = offset + body.len() as i64;
        let mut next = FileState { size_bytes: length, received_bytes: received, complete: false };
        if received == length {
            let bytes = std::fs::read(&part).map_err(Failure::internal)?;
            let actual: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            if actual != h {
                // Start over: the pieces did not add up to the file that was announced.
                let _ = std::fs::remove_file(&part);
                storage.save_file(&h, &FileState { size_bytes: length, received_bytes: 0, complete: false })?;
                return Err(Failure::new(
                    StatusCode::CONFLICT,
                    ErrorCode::UploadMismatch,
                    "올린 파일의 내용이 식별값과 다릅니다. 처음부터 다시 올립니다.",
                    "The uploaded bytes do not match the file's hash; the upload starts over.",
                ));
            }
            std::fs::rename(&part, &done).map_err(Failure::internal)?;
            next.complete = true;
        }
        storage.save_file(&h, &next)?;
        Ok(next)
    })
    .await??;
    Ok((
        if state_after.complete { StatusCode::CREATED } else { StatusCode::NO_CONTENT },
        [(UPLOAD_OFFSET_HEADER, state_after.received_bytes.to_string())],
    )
        .into_response())
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

/// `GET`: the file, or its rest from a `Range: bytes=N-` header.
pub async fn download(State(state): State<AppState>, Path(hash): Path<String>, headers: HeaderMap) -> Answer<Response> {
    allowed(&state, &headers, &hash).await?;
    let storage = state.storage.clone();
    let h = hash.clone();
    let complete = tokio::task::spawn_blocking(move || storage.file(&h)).await??.is_some_and(|f| f.complete);
    if !complete {
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "파일이 아직 본부에 다 올라오지 않았습니다.",
            "The file has not been fully uploaded yet.",
        ));
    }
    let start = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("bytes="))
        .and_then(|v| v.strip_suffix('-'))
        .and_then(|v| v.parse::<usize>().ok());
    let bytes = tokio::fs::read(path_of(&state, &hash, true)).await.map_err(Failure::internal)?;
    match start {
        Some(start) if start <= bytes.len() => {
            let total = bytes.len();
            let rest = bytes[start..].to_vec();
            Ok((
                StatusCode::PARTIAL_CONTENT,
                [(header::CONTENT_RANGE, format!("bytes {start}-{}/{total}", total.saturating_sub(1)))],
                Body::from(rest),
            )
                .into_response())
        }
        _ => Ok((StatusCode::OK, Body::from(bytes)).into_response()),
    }
}
