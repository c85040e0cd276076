//! A long text field on this laptop (minutes, notes): recomputed from all its logged
//! edits after a pull, and written from an older text by the minutes editor.

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};

use super::conflict;
use super::plan::{ConflictKind, NewConflict};
use super::text_history::{self, text_of_json, Edit};
use crate::db::change_log;
use crate::db::record::Table;
use crate::error::{CoreError, CoreResult};
use crate::schema::table_named;
use crate::Write;

/// A local edit of a long text that started from `base` (what the editor showed when the
/// manager began typing), not necessarily from the text the row holds now: sync may have
/// merged other laptops' lines in meanwhile. The edit is logged as made from `base`, and
/// the field becomes the replay of all its edits, so those lines stay. Returns the text
/// the field holds afterwards.
pub(crate) fn edit_from(
    w: &mut Write<'_>,
    table: &Table,
    id: &str,
    field: &'static str,
    base: &str,
    text: &str,
) -> CoreResult<String> {
    if w.set_field_from(table, id, field, Value::Text(base.to_string()), Value::Text(text.to_string()))? {
        recompute(w, table.name, id, field, false)?;
    }
    let now: String =
        w.tx().query_row(&format!("SELECT {field} FROM {} WHERE id = ?1", table.name), [id], |r| r.get(0))?;
    Ok(now)
}

/// What recomputing one text field did.
pub(crate) struct TextMerged {
    /// The text differs from the newest edit's: edits were combined.
    pub merged: bool,
    pub conflicts: u32,
}

/// Sets a long text field to the replay of all its logged edits (`text_history`), and
/// keeps a conflict for each collision the replay met. Every laptop holding the same edits
/// computes the same text, so nothing new is logged.
pub(crate) fn recompute(
    w: &mut Write<'_>,
    table_name: &str,
    id: &str,
    field: &'static str,
    drop_conflicts: bool,
) -> CoreResult<TextMerged> {
    let table = table_named(table_name).ok_or(CoreError::NotFound { kind: "table", id: table_name.to_string() })?;
    let edits: Vec<(Edit, Option<String>)> = {
        let mut stmt = w.tx().prepare_cached(&format!(
            "SELECT {} FROM change_log WHERE record_id = ?1 AND field = ?2 ORDER BY hlc",
            change_log::ENTRY_COLUMNS
        ))?;
        let rows = stmt.query_map(params![id, field], change_log::entry_from_row)?;
        let mut edits = Vec::new();
        for row in rows {
            let change = row?.change;
            let edit = Edit {
                hlc: change.hlc,
                device_id: change.device_id,
                old: text_of_json(change.old_value.as_deref()),
                new: text_of_json(change.new_value.as_deref()),
            };
            edits.push((edit, change.new_value));
        }
        edits
    };
    let Some((_, newest)) = edits.last() else {
        return Ok(TextMerged { merged: false, conflicts: 0 });
    };
    let newest_text = text_of_json(newest.as_deref());
    let replayed = text_history::replay(&edits.iter().map(|(e, _)| e.clone()).collect::<Vec<_>>());
    let current: Option<String> = w
        .tx()
        .query_row(&format!("SELECT {field} FROM {} WHERE id = ?1", table.name), [id], |r| r.get(0))
        .optional()?;
    if current.as_ref().is_some_and(|c| *c != replayed.text) {
        w.put_remote_fields(table, id, &[(field, Value::Text(replayed.text.clone()))])?;
    }
    let mut conflicts = 0;
    for collision in replayed.collisions.iter().filter(|_| !drop_conflicts) {
        let json = |text: &str| Some(serde_json::Value::from(text).to_string());
        let kept = NewConflict {
            table: table.name.to_string(),
            record_id: id.to_string(),
            field: field.to_string(),
            kind: ConflictKind::TextOverlap,
            kept_value: json(&collision.kept),
            kept_hlc: collision.kept_hlc,
            lost_value: json(&collision.lost),
            lost_hlc: collision.lost_hlc,
            lost_device: collision.lost_device.clone(),
        };
        if conflict::record(w, &kept)? {
            conflicts += 1;
        }
    }
    Ok(TextMerged { merged: replayed.text != newest_text, conflicts })
}
