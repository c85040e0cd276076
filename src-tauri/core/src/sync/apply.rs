//! The pull side: applying a page of other devices' changes in one transaction.
//!
//! For each change it gathers what the laptop knows about the field, asks
//! [`super::plan::plan`] what to do and does it; then it stores the server cursor in the
//! same transaction, so a page is applied entirely (cursor included) or not at all.

use std::collections::{BTreeSet, HashMap};

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::conflict;
use super::plan::{plan, LocalField, Logged, Step};
use super::text_field;
use super::{outbox, SERVER_CURSOR};
use crate::db::change_log::{self, Change};
use crate::db::record::{from_json, Table};
use crate::db::set_local_setting;
use crate::error::{CoreError, CoreResult};
use crate::schema::table_named;
use crate::{Store, Write};
pub use sync_wire::RemoteChange;

/// What applying one page did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ApplyReport {
    pub applied: u32,
    pub duplicates: u32,
    pub conflicts: u32,
    pub merged: u32,
    /// Changes this version of the app cannot apply (kept aside, see `sync_unapplied`).
    pub unapplied: u32,
}

impl ApplyReport {
    fn add(&mut self, other: &ApplyReport) {
        self.applied += other.applied;
        self.duplicates += other.duplicates;
        self.conflicts += other.conflicts;
        self.merged += other.merged;
        self.unapplied += other.unapplied;
    }
}

/// Applies `changes` (one pull page, in server order) and stores `cursor`, atomically.
pub fn apply_page(store: &mut Store, changes: &[RemoteChange], cursor: i64) -> CoreResult<ApplyReport> {
    // Each change was checked against its references where it was made; inside one page
    // a child may come before the parent it points to, so foreign keys wait outside.
    store.conn().pragma_update(None, "foreign_keys", "OFF")?;
    let drop_conflicts = store.dropping_conflicts();
    let result = store.write(|w| apply_in(w, changes, cursor, drop_conflicts));
    store.conn().pragma_update(None, "foreign_keys", "ON")?;
    result
}

/// Applies a page like [`apply_page`]; if this laptop's database refuses the page as a
/// whole (a change it cannot store), applies it action by action, then change by change,
/// and keeps the refused changes aside (`sync_unapplied`, shown on the sync screen), so
/// one bad change never blocks the ones behind it.
pub fn apply_page_or_set_aside(store: &mut Store, changes: &[RemoteChange], cursor: i64) -> CoreResult<ApplyReport> {
    match apply_page(store, changes, cursor) {
        Err(e) if refused_by_database(&e) => {}
        other => return other,
    }
    let mut total = ApplyReport::default();
    let mut start = 0;
    while start < changes.len() {
        let end = changes[start..]
            .iter()
            .position(|c| c.action_id != changes[start].action_id)
            .map_or(changes.len(), |n| start + n);
        // The cursor after an action is its last change's place in the stream.
        let at = if end == changes.len() { cursor } else { changes[end - 1].server_seq };
        let action = &changes[start..end];
        let report = match apply_page(store, action, at) {
            Err(e) if refused_by_database(&e) => one_by_one(store, action, at)?,
            other => other?,
        };
        total.add(&report);
        start = end;
    }
    Ok(total)
}

/// Whether the database refused the data itself (a constraint, a value of the wrong
/// type), as opposed to a temporary failure (busy, disk full) that must not move the
/// cursor past anything.
fn refused_by_database(error: &CoreError) -> bool {
    match error {
        CoreError::Database(rusqlite::Error::SqliteFailure(e, _)) => {
            matches!(e.code, rusqlite::ErrorCode::ConstraintViolation | rusqlite::ErrorCode::TypeMismatch)
        }
        CoreError::Database(rusqlite::Error::FromSqlConversionFailure(..) | rusqlite::Error::InvalidColumnType(..)) => {
            true
        }
        // A value that is not JSON (see `db::record::from_json`).
        CoreError::Validation(errors) => errors.iter().any(|e| e.rule == "json"),
        _ => false,
    }
}

fn one_by_one(store: &mut Store, changes: &[RemoteChange], cursor: i64) -> CoreResult<ApplyReport> {
    let mut total = ApplyReport::default();
    for (i, change) in changes.iter().enumerate() {
        let at = if i + 1 == changes.len() { cursor } else { change.server_seq };
        match apply_page(store, std::slice::from_ref(change), at) {
            Ok(report) => total.add(&report),
            Err(e) if refused_by_database(&e) => {
                store.write(|w| {
                    set_aside(w.tx(), change)?;
                    set_local_setting(w.tx(), SERVER_CURSOR, &at.to_string())
                })?;
                total.unapplied += 1;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(total)
}

/// A new row being assembled from the consecutive changes that create it.
struct NewRow {
    table: &'static Table,
    id: String,
    fields: Vec<(&'static str, Value)>,
}

/// Records this laptop had never heard of before the page (no log entry, no row): all
/// there is to know about them is what the page brought, kept here, so their fields are
/// decided without reading the log back. A first sync is almost entirely such records.
#[derive(Default)]
struct FreshRecords {
    fresh: HashMap<String, bool>,
    logged: HashMap<String, HashMap<&'static str, Vec<Logged>>>,
}

impl FreshRecords {
    fn is_fresh(&mut self, conn: &Connection, table: &Table, record_id: &str) -> CoreResult<bool> {
        if let Some(fresh) = self.fresh.get(record_id) {
            return Ok(*fresh);
        }
        let known = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM change_log WHERE record_id = ?1)")?
            .query_row([record_id], |r| r.get::<_, bool>(0))?;
        let fresh = !known
            && !conn
                .prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)", table.name))?
                .query_row([record_id], |r| r.get::<_, bool>(0))?;
        self.fresh.insert(record_id.to_string(), fresh);
        Ok(fresh)
    }

    fn remember(&mut self, record_id: &str, field: &'static str, change: Logged) {
        if let Some(fields) = self.logged.get_mut(record_id) {
            fields.entry(field).or_default().push(change);
        } else if self.fresh.get(record_id) == Some(&true) {
            self.logged.entry(record_id.to_string()).or_default().entry(field).or_default().push(change);
        }
    }

    /// What the log would say about the field, from memory.
    fn log_facts(&self, incoming: &Change, deleted: bool, local: &mut LocalField) {
        let empty = HashMap::new();
        let fields = self.logged.get(&incoming.record_id).unwrap_or(&empty);
        let newest = |field: &str| fields.get(field).and_then(|list| list.iter().max_by_key(|l| l.change.hlc)).cloned();
        let list = fields.get(incoming.field.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        local.duplicate = list.iter().any(|l| l.change.hlc == incoming.hlc && l.change.device_id == incoming.device_id);
        local.latest = newest(&incoming.field);
        local.deleted_by = if deleted { newest("deleted") } else { None };
        if incoming.field == "deleted" && incoming.new_value.as_deref() == Some("1") && local.row_exists {
            local.other_fields = fields.keys().filter(|f| **f != "deleted").filter_map(|f| newest(f)).collect();
        }
        local.value_seen = local.latest.as_ref().is_some_and(|l| l.change.new_value != incoming.new_value)
            && list.iter().any(|l| l.change.new_value == incoming.new_value);
    }
}

fn apply_in(w: &mut Write<'_>, changes: &[RemoteChange], cursor: i64, drop_conflicts: bool) -> CoreResult<ApplyReport> {
    let me = w.device_id().to_string();
    let acknowledged = outbox::acknowledged_seq(w.tx())?;
    let mut report = ApplyReport::default();
    let mut touched: BTreeSet<(&'static str, String)> = BTreeSet::new();
    let mut new_row: Option<NewRow> = None;
    let mut fresh = FreshRecords::default();
    let mut texts: BTreeSet<(&'static str, String, &'static str)> = BTreeSet::new();

    for change in changes {
        // A record id that is not one (a path, a quote) is set aside like an unknown table.
        let known = table_named(&change.table)
            .filter(|_| sync_wire::valid_record_id(&change.record_id))
            .and_then(|t| Some((t, t.field(&change.field)?)));
        let (Some((table, field)), Ok(incoming)) = (known, Change::try_from(change)) else {
            set_aside(w.tx(), change)?;
            report.unapplied += 1;
            continue;
        };
        if new_row.as_ref().is_some_and(|r| r.table.name != table.name || r.id != change.record_id) {
            flush(w, new_row.take())?;
        }
        let local = if fresh.is_fresh(w.tx(), table, &change.record_id)? {
            let row = row_facts(w.tx(), table, &incoming, new_row.as_ref())?;
            let mut local = LocalField { row_exists: row.exists, current: row.current, ..LocalField::default() };
            fresh.log_facts(&incoming, row.deleted, &mut local);
            local
        } else {
            local_field(w.tx(), table, &incoming, new_row.as_ref(), &me, acknowledged)?
        };
        let decision = plan(&incoming, &local, &me);
        if !decision.log {
            report.duplicates += 1;
            continue;
        }
        w.log_remote(&incoming)?;
        fresh.remember(&change.record_id, field, Logged { change: incoming, unpushed: false });
        report.applied += 1;
        touched.insert((table.name, change.record_id.clone()));
        for step in decision.steps {
            match step {
                Step::SetField => {
                    let value = from_json(change.new_value.as_deref())?;
                    if local.row_exists {
                        w.put_remote_fields(table, &change.record_id, &[(field, value)])?;
                    } else {
                        let row = new_row.get_or_insert_with(|| NewRow {
                            table,
                            id: change.record_id.clone(),
                            fields: Vec::new(),
                        });
                        row.fields.retain(|(f, _)| *f != field);
                        row.fields.push((field, value));
                    }
                }
                Step::Conflict(_) if drop_conflicts => {}
                Step::Conflict(c) => {
                    if conflict::record(w, &c)? {
                        report.conflicts += 1;
                    }
                }
                Step::MergeText => {
                    texts.insert((table.name, change.record_id.clone(), field));
                }
            }
        }
    }
    flush(w, new_row.take())?;
    for (table, id, field) in &texts {
        let merged = text_field::recompute(w, table, id, field, drop_conflicts)?;
        report.merged += u32::from(merged.merged);
        report.conflicts += merged.conflicts;
    }
    for (table, id) in &touched {
        crate::search::reindex(w.tx(), table, id)?;
    }
    set_local_setting(w.tx(), SERVER_CURSOR, &cursor.to_string())?;
    Ok(report)
}

fn flush(w: &mut Write<'_>, row: Option<NewRow>) -> CoreResult<()> {
    match row {
        // Only rows found missing are buffered, and nothing else writes during the apply.
        Some(row) if !row.fields.is_empty() => w.insert_remote_row(row.table, &row.id, &row.fields),
        _ => Ok(()),
    }
}

/// Gathers what [`plan`] needs to know about the field `incoming` changes.
/// The row an incoming change is for: whether it is there, the field's value, deleted or not.
struct RowFacts {
    exists: bool,
    current: Option<String>,
    deleted: bool,
}

fn row_facts(conn: &Connection, table: &Table, incoming: &Change, new_row: Option<&NewRow>) -> CoreResult<RowFacts> {
    if let Some(row) = new_row.filter(|r| r.id == incoming.record_id) {
        let value = row.fields.iter().find(|(f, _)| *f == incoming.field).map(|(_, v)| v);
        return Ok(RowFacts { exists: false, current: value.and_then(crate::db::record::to_json), deleted: false });
    }
    let sql = format!("SELECT {}, deleted FROM {} WHERE id = ?1", incoming.field, table.name);
    let row: Option<(Value, i64)> =
        conn.prepare_cached(&sql)?.query_row([&incoming.record_id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    Ok(match row {
        Some((value, deleted)) => {
            RowFacts { exists: true, current: crate::db::record::to_json(&value), deleted: deleted != 0 }
        }
        None => RowFacts { exists: false, current: None, deleted: false },
    })
}

fn local_field(
    conn: &Connection,
    table: &Table,
    incoming: &Change,
    new_row: Option<&NewRow>,
    me: &str,
    acknowledged: i64,
) -> CoreResult<LocalField> {
    let duplicate = conn
        .prepare_cached("SELECT 1 FROM change_log WHERE record_id = ?1 AND field = ?2 AND hlc = ?3 AND device_id = ?4")?
        .exists(params![incoming.record_id, incoming.field, incoming.hlc.to_string(), incoming.device_id])?;
    if duplicate {
        return Ok(LocalField { duplicate, ..LocalField::default() });
    }
    let RowFacts { exists: row_exists, current, deleted } = row_facts(conn, table, incoming, new_row)?;
    let latest = latest_change(conn, &incoming.record_id, &incoming.field, me, acknowledged)?;
    let deleted_by =
        if deleted { latest_change(conn, &incoming.record_id, "deleted", me, acknowledged)? } else { None };
    let other_fields = if incoming.field == "deleted" && incoming.new_value.as_deref() == Some("1") && row_exists {
        latest_of_other_fields(conn, &incoming.record_id, me, acknowledged)?
    } else {
        Vec::new()
    };
    let value_seen = latest.as_ref().is_some_and(|l| l.change.new_value != incoming.new_value)
        && conn
            .prepare_cached("SELECT 1 FROM change_log WHERE record_id = ?1 AND field = ?2 AND new_value IS ?3")?
            .exists(params![incoming.record_id, incoming.field, incoming.new_value])?;
    Ok(LocalField { duplicate, row_exists, current, latest, deleted_by, other_fields, value_seen })
}

/// A log entry as the merge sees it: unpushed when this laptop made it after the last
/// change head office acknowledged.
fn logged_from_row(row: &rusqlite::Row<'_>, me: &str, acknowledged: i64) -> rusqlite::Result<Logged> {
    let entry = change_log::entry_from_row(row)?;
    let unpushed = entry.change.device_id == me && entry.seq > acknowledged;
    Ok(Logged { change: entry.change, unpushed })
}

fn latest_change(
    conn: &Connection,
    record_id: &str,
    field: &str,
    me: &str,
    acknowledged: i64,
) -> CoreResult<Option<Logged>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM change_log WHERE record_id = ?1 AND field = ?2 ORDER BY hlc DESC LIMIT 1",
            change_log::ENTRY_COLUMNS
        ))?
        .query_row(params![record_id, field], |row| logged_from_row(row, me, acknowledged))
        .optional()?)
}

fn latest_of_other_fields(conn: &Connection, record_id: &str, me: &str, acknowledged: i64) -> CoreResult<Vec<Logged>> {
    // SQLite returns the other columns of the row holding max(hlc) for each field.
    let mut stmt = conn.prepare_cached(
        "SELECT seq, max(hlc), device_id, action_id, table_name, record_id, field, old_value, new_value
         FROM change_log WHERE record_id = ?1 AND field <> 'deleted' GROUP BY field",
    )?;
    let rows = stmt.query_map([record_id], |row| logged_from_row(row, me, acknowledged))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Keeps a change this version cannot apply (a table or field from a newer app), so it
/// is not lost and can be shown.
fn set_aside(conn: &Connection, change: &RemoteChange) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO sync_unapplied (server_seq, device_id, hlc, table_name, record_id, field, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        change.server_seq,
        change.device_id,
        change.hlc,
        change.table,
        change.record_id,
        change.field,
        change.new_value
    ])?;
    Ok(())
}
