//! Minutes that survive a crash: a draft journal the editor writes as the manager types,
//! and the one logged save that ends a typing session.
//!
//! Logging every keystroke would fill the record's history (and the sync) with dozens of
//! near-identical copies of the whole text. So the editor writes the text here — a local
//! table that is never logged or synced, one cheap row per meeting — about twice a second
//! while the manager types, and saves it through the normal logged write when the typing
//! session ends: the editor loses focus, the page or the window closes, or a few minutes
//! of typing have gone by. A draft still here when the app starts is what a crash left
//! behind; [`commit_all`] saves it then, so it reaches the record and the sync.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, CoreResult, FieldError};
use crate::{Store, Write};

pub(crate) const SCHEMA_V4: &str = "
CREATE TABLE minutes_draft (
    event_id  TEXT PRIMARY KEY,
    minutes   TEXT NOT NULL,
    decisions TEXT NOT NULL,
    saved_at  TEXT NOT NULL   -- RFC 3339 UTC: when the editor last wrote it
) STRICT;
";

/// Since schema 5 a draft remembers the text the editor's typing started from, so that a
/// draft saved after a crash keeps what sync merged into the record meanwhile.
pub(crate) const SCHEMA_V5: &str = "
ALTER TABLE minutes_draft ADD COLUMN base_minutes TEXT;    -- NULL: a draft from before schema 5
ALTER TABLE minutes_draft ADD COLUMN base_decisions TEXT;
";

/// A meeting's two long texts, as the minutes editor holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MinutesText {
    pub minutes: String,
    pub decisions: String,
}

/// The most one text of a meeting may hold, in UTF-8 bytes. Head office takes field values
/// up to 1 MiB as JSON; this leaves room for escaping. (About 160,000 Hangul characters:
/// a long day of minutes is a few thousand.)
pub const MAX_TEXT_BYTES: usize = 500_000;

/// What the editor is told after a save: when it reached the disk.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MinutesSaved {
    /// RFC 3339 UTC.
    pub saved_at: String,
}

/// A draft the editor left, as it was last written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MinutesDraft {
    pub event_id: String,
    pub minutes: String,
    pub decisions: String,
    pub saved_at: String,
}

/// Refuses a text too long to sync, naming the field.
pub(crate) fn check_lengths(minutes: &str, decisions: &str) -> CoreResult<()> {
    let too_long = |field: &str, ko: &str, en: &str| {
        FieldError::new(
            field,
            "max_length",
            format!("{ko}은 {} KB까지 쓸 수 있습니다. 긴 자료는 첨부 파일로 올리세요.", MAX_TEXT_BYTES / 1000),
            format!("{en} can hold up to {} KB; attach long documents as files.", MAX_TEXT_BYTES / 1000),
        )
    };
    let mut errors = Vec::new();
    if minutes.len() > MAX_TEXT_BYTES {
        errors.push(too_long("minutes", "회의록", "The minutes"));
    }
    if decisions.len() > MAX_TEXT_BYTES {
        errors.push(too_long("decisions", "결정 사항", "The decisions"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Validation(errors))
    }
}

/// Writes the editor's text as the meeting's draft, replacing the previous draft. Nothing
/// is logged: this is what makes writing it every half second cheap.
pub fn save(conn: &Connection, event_id: &str, minutes: &str, decisions: &str) -> CoreResult<MinutesSaved> {
    save_from(conn, event_id, &MinutesText { minutes: minutes.into(), decisions: decisions.into() }, None)
}

/// Writes the editor's text as the draft, with the text its typing started from (`base`,
/// the last logged save), which the save after a crash merges from.
pub fn save_from(
    conn: &Connection,
    event_id: &str,
    text: &MinutesText,
    base: Option<&MinutesText>,
) -> CoreResult<MinutesSaved> {
    let (minutes, decisions) = (text.minutes.as_str(), text.decisions.as_str());
    check_lengths(minutes, decisions)?;
    let exists: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM event WHERE id = ?1 AND deleted = 0")?
        .query_row([event_id], |r| r.get(0))
        .optional()?;
    if exists.is_none() {
        return Err(CoreError::NotFound { kind: "event", id: event_id.to_string() });
    }
    let saved_at = crate::time::now_utc_rfc3339();
    conn.prepare_cached(
        "INSERT INTO minutes_draft (event_id, minutes, decisions, saved_at, base_minutes, base_decisions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (event_id) DO UPDATE SET minutes = excluded.minutes, decisions = excluded.decisions,
             saved_at = excluded.saved_at, base_minutes = excluded.base_minutes,
             base_decisions = excluded.base_decisions",
    )?
    .execute(params![
        event_id,
        minutes,
        decisions,
        saved_at,
        base.map(|b| b.minutes.as_str()),
        base.map(|b| b.decisions.as_str())
    ])?;
    Ok(MinutesSaved { saved_at })
}

/// The draft of one meeting, if the editor left one that was not saved yet.
pub fn get(conn: &Connection, event_id: &str) -> CoreResult<Option<MinutesDraft>> {
    Ok(conn
        .prepare_cached("SELECT event_id, minutes, decisions, saved_at FROM minutes_draft WHERE event_id = ?1")?
        .query_row([event_id], |r| {
            Ok(MinutesDraft { event_id: r.get(0)?, minutes: r.get(1)?, decisions: r.get(2)?, saved_at: r.get(3)? })
        })
        .optional()?)
}

/// Every draft waiting to be saved, oldest first.
pub fn all(conn: &Connection) -> CoreResult<Vec<MinutesDraft>> {
    let mut stmt =
        conn.prepare_cached("SELECT event_id, minutes, decisions, saved_at FROM minutes_draft ORDER BY saved_at")?;
    let rows = stmt.query_map([], |r| {
        Ok(MinutesDraft { event_id: r.get(0)?, minutes: r.get(1)?, decisions: r.get(2)?, saved_at: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Drops a meeting's draft; the logged save calls this in its own transaction, so the
/// draft and the record never both claim to be the newest text.
pub(crate) fn discard(conn: &Connection, event_id: &str) -> CoreResult<()> {
    conn.prepare_cached("DELETE FROM minutes_draft WHERE event_id = ?1")?.execute([event_id])?;
    Ok(())
}

/// Saves one meeting's draft as a logged change (one action), if there is one.
/// Returns whether there was a draft.
pub fn commit(w: &mut Write<'_>, event_id: &str) -> CoreResult<bool> {
    let Some(draft) = get(w.tx(), event_id)? else {
        return Ok(false);
    };
    let base: Option<(Option<String>, Option<String>)> = w
        .tx()
        .query_row("SELECT base_minutes, base_decisions FROM minutes_draft WHERE event_id = ?1", [event_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let text = MinutesText { minutes: draft.minutes, decisions: draft.decisions };
    match base {
        Some((Some(minutes), Some(decisions))) => {
            crate::event::save_minutes_from(w, event_id, &text, &MinutesText { minutes, decisions })?;
        }
        // A draft from before schema 5 does not know its start: saved over the record.
        _ => crate::event::save_minutes(w, event_id, &text.minutes, &text.decisions)?,
    }
    Ok(true)
}

/// Saves every draft left behind (after a crash, or when the window closes), each as its
/// own action. A draft that cannot be saved — its meeting was deleted meanwhile — is kept,
/// so that nothing typed is thrown away, and reported in the error list.
pub fn commit_all(store: &mut Store) -> CoreResult<CommitReport> {
    let mut report = CommitReport::default();
    for draft in all(store.conn())? {
        match store.write(|w| commit(w, &draft.event_id)) {
            Ok(true) => report.saved.push(draft.event_id),
            Ok(false) => {}
            Err(error) => report.kept.push((draft.event_id, error.to_string())),
        }
    }
    Ok(report)
}

/// What [`commit_all`] did.
#[derive(Debug, Default, PartialEq)]
pub struct CommitReport {
    /// The meetings whose drafts became logged changes.
    pub saved: Vec<String>,
    /// The drafts that could not be saved, with why; they stay in the journal.
    pub kept: Vec<(String, String)>,
}
