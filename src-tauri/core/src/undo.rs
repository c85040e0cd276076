//! Undoing one whole user action (an import, say) as a new action of its own, as long as
//! nothing newer touched the records it changed.
//!
//! The change log already holds everything needed: each field's value before the action
//! and which records the action created. Undoing writes the old values back (and deletes
//! what it created) through the normal logged writes, so the undo syncs like any edit and
//! can itself be seen in each record's history.

use rusqlite::params;
use rusqlite::types::Value;

use crate::db::change_log::{entry_from_row, LogEntry, ENTRY_COLUMNS};
use crate::db::record::from_json;
use crate::error::{CoreError, CoreResult, FieldError};
use crate::schema::table_named;
use crate::Write;

/// What an undo did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Undone {
    /// Members the action had created, now deleted.
    pub deleted_members: u32,
    /// People the action had created, now deleted.
    pub deleted_people: u32,
    /// Other records it had created (small groups, say), now deleted. Link rows (a member
    /// in a group) go with them and are not counted: nobody thinks of them as records.
    pub deleted_other: u32,
    /// Records the action had changed, now back to their earlier values.
    pub restored: u32,
}

/// Reverts the action `action_id` (in this laptop's log) as one new action. Refused, with
/// nothing written, when any of its records changed after it, here or on another laptop
/// whose change has arrived: undoing would silently throw that newer work away.
pub fn revert_action(w: &mut Write<'_>, action_id: &str) -> CoreResult<Undone> {
    let changes: Vec<LogEntry> = w
        .tx()
        .prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM change_log WHERE action_id = ?1 ORDER BY seq"))?
        .query_map([action_id], entry_from_row)?
        .collect::<Result<_, _>>()?;
    let (Some(first), Some(last)) = (changes.first(), changes.last()) else {
        return Err(CoreError::NotFound { kind: "action", id: action_id.to_string() });
    };
    let (first_seq, last_seq) = (first.seq, last.seq);
    let newer: Option<String> = w
        .tx()
        .prepare_cached(
            "SELECT record_id FROM change_log
             WHERE seq > ?2 AND record_id IN (SELECT record_id FROM change_log WHERE action_id = ?1) LIMIT 1",
        )?
        .query_row(params![action_id, last_seq], |r| r.get(0))
        .ok();
    if newer.is_some() {
        return Err(FieldError::new(
            "action_id",
            "changed_since",
            "그 뒤에 바뀐 기록이 있어 되돌릴 수 없습니다. 바뀐 기록은 각 기록의 변경 이력에서 확인하세요.",
            "Some of its records changed afterwards, so it cannot be undone; see each record's history.",
        )
        .into_error());
    }

    // Per record, in the order the action touched them: created by it (no earlier entry),
    // or the first old value of each field it changed.
    let mut records: Vec<(&str, &str, bool)> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut by_record: std::collections::HashMap<&str, Vec<&LogEntry>> = std::collections::HashMap::new();
    for entry in &changes {
        let change = &entry.change;
        by_record.entry(change.record_id.as_str()).or_default().push(entry);
        if !seen.insert(change.record_id.as_str()) {
            continue;
        }
        let earlier: bool = w
            .tx()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM change_log WHERE record_id = ?1 AND seq < ?2)")?
            .query_row(params![change.record_id, first_seq], |r| r.get(0))?;
        records.push((change.table.as_str(), change.record_id.as_str(), !earlier));
    }
    // Nor when a newer record points at one the action created (a person at an imported
    // member, a visit to it): deleting it would leave that record pointing at nothing.
    let pointed_at: std::collections::HashSet<String> = w
        .tx()
        .prepare_cached("SELECT new_value FROM change_log WHERE seq > ?1 AND new_value LIKE '\"%\"'")?
        .query_map([last_seq], |r| r.get::<_, String>(0))?
        .filter_map(Result::ok)
        .filter_map(|json| serde_json::from_str::<String>(&json).ok())
        .collect();
    if records.iter().any(|(_, id, created)| *created && pointed_at.contains(*id)) {
        return Err(FieldError::new(
            "action_id",
            "referenced_since",
            "이 가져오기로 추가된 기록을 그 뒤에 만든 기록(인력, 방문 등)이 가리키고 있어 되돌릴 수 없습니다.",
            "Records added since (people, visits…) point at records this import added, so it cannot be undone.",
        )
        .into_error());
    }
    let mut undone = Undone::default();
    for (table_name, id, created) in records {
        let Some(table) = table_named(table_name) else { continue };
        if created {
            w.soft_delete(table, id)?;
            crate::search::remove(w.tx(), id)?;
            match table.name {
                _ if table.link.is_some() => {}
                "member" => undone.deleted_members += 1,
                "person" => undone.deleted_people += 1,
                _ => undone.deleted_other += 1,
            }
            continue;
        }
        let mut restored_fields: Vec<&str> = Vec::new();
        for entry in by_record.get(id).into_iter().flatten() {
            let change = &entry.change;
            let Some(field) = table.field(&change.field) else { continue };
            if restored_fields.contains(&field) {
                continue;
            }
            restored_fields.push(field);
            let old: Value = from_json(change.old_value.as_deref())?;
            w.set_field(table, id, field, old)?;
        }
        crate::search::reindex(w.tx(), table.name, id)?;
        if table.link.is_none() {
            undone.restored += 1;
        }
    }
    Ok(undone)
}
