//! Photos and files attached to any record, stored once on disk under their SHA-256
//! (`attachments/ab/abcdef…`) beside the database, described in the database.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::record::Table;
use crate::error::{CoreResult, FieldError};
use crate::{fields, Write};

pub(crate) const SCHEMA_V1: &str = "
CREATE TABLE attachment (
    id           TEXT PRIMARY KEY,
    record_table TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    content_hash TEXT NOT NULL,   -- SHA-256, lower-case hex: the file's name on disk
    size_bytes   INTEGER NOT NULL,
    media_type   TEXT NOT NULL,
    added_at     TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX attachment_record ON attachment(record_id);
CREATE INDEX attachment_hash ON attachment(content_hash);
";

pub(crate) const ATTACHMENT: Table = Table::record("attachment", "attachment", sync_wire::tables::ATTACHMENT_FIELDS);

/// The largest file the app keeps (a phone photo is 3–8 MB; a scanned report may be more).
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attachment {
    pub id: String,
    pub record_table: String,
    pub record_id: String,
    pub file_name: String,
    pub content_hash: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size_bytes: i64,
    pub media_type: String,
    pub added_at: String,
}

/// Where a content hash lives under `folder`.
pub fn blob_path(folder: &Path, hash: &str) -> PathBuf {
    // A hash arrives by sync too: anything but 64 hex digits (a path, `..`) must not
    // lead outside the folder.
    if !is_content_hash(hash) {
        return folder.join("00").join("not-a-content-hash");
    }
    folder.join(&hash[..2]).join(hash)
}

/// Whether `hash` is a SHA-256 in lower-case hex, as this module names files.
pub fn is_content_hash(hash: &str) -> bool {
    sync_wire::ContentHash::parse(hash).is_some()
}

fn media_type(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    let ext = lower.rsplit('.').next().unwrap_or("");
    match ext {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "pdf" => "application/pdf",
        "hwp" => "application/x-hwp",
        "hwpx" => "application/hwp+zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "csv" => "text/csv",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

fn too_large() -> crate::CoreError {
    FieldError::new(
        "file",
        "too_large",
        format!("파일이 너무 큽니다. {}MB 이하만 첨부할 수 있습니다.", MAX_BYTES / 1024 / 1024),
        format!("The file is too large; attachments are limited to {} MB.", MAX_BYTES / 1024 / 1024),
    )
    .into_error()
}

/// Stores the bytes (once per content) and attaches them to a record.
/// The file is written before the row, so a row never points at a missing file; a file
/// left by a rolled-back action is harmless and reused by the next identical one.
pub fn attach_bytes(
    w: &mut Write<'_>,
    folder: &Path,
    record_table: &str,
    record_id: &str,
    file_name: &str,
    bytes: &[u8],
) -> CoreResult<Attachment> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large());
    }
    let name = Path::new(file_name).file_name().and_then(|n| n.to_str()).unwrap_or("").trim().to_string();
    if name.is_empty() {
        return Err(FieldError::required("file", "파일", "File").into_error());
    }
    let hash: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    let path = blob_path(folder, &hash);
    if !path.exists() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let temp = path.with_extension("part");
        std::fs::write(&temp, bytes)?;
        std::fs::rename(&temp, &path)?;
    }
    let added_at = chrono::DateTime::from_timestamp_millis(w.wall_millis() as i64).unwrap_or_default();
    let attachment = Attachment {
        id: w.new_id(),
        record_table: record_table.to_string(),
        record_id: record_id.to_string(),
        media_type: media_type(&name).to_string(),
        file_name: name,
        content_hash: hash,
        size_bytes: bytes.len() as i64,
        added_at: crate::time::format_datetime(added_at.with_timezone(&crate::time::seoul())),
    };
    w.insert(
        &ATTACHMENT,
        &attachment.id,
        &fields![
            ("record_table", attachment.record_table.clone()),
            ("record_id", attachment.record_id.clone()),
            ("file_name", attachment.file_name.clone()),
            ("content_hash", attachment.content_hash.clone()),
            ("size_bytes", attachment.size_bytes),
            ("media_type", attachment.media_type.clone()),
            ("added_at", attachment.added_at.clone()),
        ],
    )?;
    Ok(attachment)
}

pub fn of_record(conn: &Connection, record_id: &str) -> CoreResult<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, record_table, record_id, file_name, content_hash, size_bytes, media_type, added_at
         FROM attachment WHERE record_id = ?1 AND deleted = 0 ORDER BY added_at",
    )?;
    let rows = stmt.query_map([record_id], |r| {
        Ok(Attachment {
            id: r.get(0)?,
            record_table: r.get(1)?,
            record_id: r.get(2)?,
            file_name: r.get(3)?,
            content_hash: r.get(4)?,
            size_bytes: r.get(5)?,
            media_type: r.get(6)?,
            added_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
