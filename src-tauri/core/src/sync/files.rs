//! Which attachment files still have to travel: up (head office lacks them) or down
//! (an attachment record arrived but its file is not on this laptop yet).

use std::path::Path;

use rusqlite::Connection;

use crate::attachment::blob_path;
use crate::error::CoreResult;
use crate::Store;

/// A file by its content hash and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileToMove {
    pub content_hash: String,
    pub size_bytes: i64,
}

fn attachments(conn: &Connection) -> CoreResult<Vec<FileToMove>> {
    let mut stmt = conn.prepare_cached(
        "SELECT content_hash, max(size_bytes) FROM attachment a
         WHERE deleted = 0 AND NOT EXISTS (SELECT 1 FROM sync_file f WHERE f.content_hash = a.content_hash)
         GROUP BY content_hash ORDER BY content_hash",
    )?;
    let rows = stmt.query_map([], |r| Ok(FileToMove { content_hash: r.get(0)?, size_bytes: r.get(1)? }))?;
    let files: Vec<FileToMove> = rows.collect::<Result<_, _>>()?;
    Ok(files.into_iter().filter(|f| crate::attachment::is_content_hash(&f.content_hash)).collect())
}

/// Files this laptop has that head office does not yet.
pub fn to_upload(conn: &Connection, folder: &Path) -> CoreResult<Vec<FileToMove>> {
    Ok(attachments(conn)?.into_iter().filter(|f| blob_path(folder, &f.content_hash).exists()).collect())
}

/// Files named by an attachment record but missing from this laptop.
pub fn to_download(conn: &Connection, folder: &Path) -> CoreResult<Vec<FileToMove>> {
    Ok(attachments(conn)?.into_iter().filter(|f| !blob_path(folder, &f.content_hash).exists()).collect())
}

/// Head office now holds this file (uploaded, or downloaded from it).
pub fn mark_synced(store: &mut Store, content_hash: &str) -> CoreResult<()> {
    store.write(|w| {
        w.tx().execute("INSERT OR IGNORE INTO sync_file (content_hash) VALUES (?1)", [content_hash])?;
        Ok(())
    })
}
