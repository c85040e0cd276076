//! Field-level writes: insert, update and soft-delete a row while logging each changed field.
//!
//! Every domain table is described by a [`Table`] (its name and its syncable columns). A
//! domain module turns its typed record into a list of `(column, value)` pairs; this
//! module diffs them against the stored row, writes only what changed and appends one
//! change-log entry per field. Deletion is a field too (`deleted` = 1), so a delete and a
//! concurrent edit can be merged like any other two edits.

use rusqlite::types::Value;
use std::sync::Arc;

use rusqlite::{params_from_iter, OptionalExtension, Transaction};

use super::change_log::{self, Change};
use crate::error::{CoreError, CoreResult};
use crate::hlc::{Clock, Timestamp};

/// A domain table whose rows are records with a text `id` and a `deleted` flag.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// What the user calls it in an error message ("member", "event", ...).
    pub kind: &'static str,
    /// The columns a write may set, other than `id` and `deleted`: the protocol's list
    /// of the table's fields (`sync_wire::tables`), so schema and sync cannot drift.
    pub columns: &'static [&'static str],
    /// For a table whose rows link a parent record to another (an invitation, a party to
    /// a project): how its deterministic ids are built. See [`Table::link_id`].
    pub link: Option<Link>,
    /// For a table whose records are searched: the record's search document, `None` when
    /// it is missing, deleted or not complete yet (see `search::reindex`).
    pub(crate) search: Option<SearchDocument>,
}

/// Builds one record's search document from the database.
pub(crate) type SearchDocument = fn(&rusqlite::Connection, &str) -> CoreResult<Option<crate::search::Document>>;

/// How a link table builds its row ids: `<parent>/<infix><child>`. Two laptops that add
/// the same link make the same row; and record ids are unique across tables (sync keys a
/// record by its id alone), so two link tables with the same parent and child use
/// different infixes (a project's party and its result sharing with the same member).
#[derive(Debug, Clone, Copy)]
pub struct Link {
    /// The field that holds the parent's id (`project_id`).
    pub parent: &'static str,
    /// Between the parent's id and the child's: `""`, or `"share/"`.
    pub infix: &'static str,
}

impl Table {
    /// A table of records.
    pub(crate) const fn record(name: &'static str, kind: &'static str, columns: &'static [&'static str]) -> Table {
        Table { name, kind, columns, link: None, search: None }
    }

    /// A table of links from the record in `parent` to another, ids `<parent>/<infix><child>`.
    pub(crate) const fn link(
        name: &'static str,
        kind: &'static str,
        columns: &'static [&'static str],
        parent: &'static str,
        infix: &'static str,
    ) -> Table {
        Table { name, kind, columns, link: Some(Link { parent, infix }), search: None }
    }

    /// The same table, with its records in the search index.
    pub(crate) const fn searched(mut self, document: SearchDocument) -> Table {
        self.search = Some(document);
        self
    }

    /// The id of this link table's row from `parent` to `child`: the one place such ids
    /// are built, for every writer (creating, merging two members, migrations).
    pub(crate) fn link_id(&self, parent: &str, child: &str) -> String {
        let infix = self.link.map_or("", |l| l.infix);
        format!("{parent}/{infix}{child}")
    }
}

pub type Fields = Vec<(&'static str, Value)>;

impl Table {
    /// The static name of one of this table's fields (`deleted` included).
    pub(crate) fn field(&self, name: &str) -> Option<&'static str> {
        if name == "deleted" {
            return Some("deleted");
        }
        self.columns.iter().copied().find(|c| *c == name)
    }
}

/// One user action's transaction, with the clock that stamps its changes.
pub struct Write<'a> {
    tx: Transaction<'a>,
    clock: &'a mut Clock,
    device_id: &'a str,
    action_id: String,
    logging: bool,
    /// Whether this action logged any change (and so moved the clock).
    logged: bool,
    generation: Option<&'a mut super::Generation>,
    clock_offset_millis: i64,
}

impl<'a> Write<'a> {
    pub(crate) fn new(
        tx: Transaction<'a>,
        clock: &'a mut Clock,
        device_id: &'a str,
        mut generation: Option<&'a mut super::Generation>,
    ) -> Write<'a> {
        let action_id = match generation.as_deref_mut() {
            Some(g) => g.next_id(),
            None => crate::new_id(),
        };
        Write { tx, clock, device_id, action_id, logging: true, logged: false, generation, clock_offset_millis: 0 }
    }

    /// The id shared by every change this action logs (see `undo::revert_action`).
    pub fn action_id(&self) -> &str {
        &self.action_id
    }

    /// A new record id (seeded while generating demo data).
    pub fn new_id(&mut self) -> String {
        match self.generation.as_deref_mut() {
            Some(g) => g.next_id(),
            None => crate::new_id(),
        }
    }

    /// The wall clock's reading, or the simulated one while generating.
    pub fn wall_millis(&self) -> u64 {
        match self.generation.as_deref() {
            Some(g) => g.wall_millis,
            None => super::now_millis().saturating_add_signed(self.clock_offset_millis),
        }
    }

    pub(crate) fn set_clock_offset(&mut self, offset_millis: i64) {
        self.clock_offset_millis = offset_millis;
    }

    pub(crate) fn set_logging(&mut self, on: bool) {
        self.logging = on;
    }

    pub(crate) fn commit(self) -> CoreResult<()> {
        if self.logged {
            // Kept beside the log so that opening the file need not scan the log for it.
            super::set_local_setting(&self.tx, super::CLOCK_SETTING, &self.clock.last().to_string())?;
        }
        self.tx.commit()?;
        Ok(())
    }

    /// The transaction, for reads inside the action and for tables without history.
    pub fn tx(&self) -> &Transaction<'a> {
        &self.tx
    }

    /// This laptop's device id.
    pub fn device_id(&self) -> &str {
        self.device_id
    }

    /// Appends another device's change to the log as it was made (its clock, its device)
    /// and moves this device's clock past it, so a later local edit orders after it.
    pub(crate) fn log_remote(&mut self, change: &Change) -> CoreResult<()> {
        let wall = self.wall_millis();
        self.clock.observe(change.hlc, wall);
        self.logged = true;
        change_log::append(&self.tx, change)
    }

    /// Moves the clock past a time seen elsewhere (the server's clock after a push).
    pub(crate) fn observe(&mut self, seen: Timestamp) {
        let wall = self.wall_millis();
        self.clock.observe(seen, wall);
        self.logged = true;
    }

    /// Sets one field of a row without logging (the change was logged by `log_remote`),
    /// creating the row from `fields` when it does not exist yet.
    pub(crate) fn put_remote_fields(
        &mut self,
        table: &Table,
        id: &str,
        fields: &[(&'static str, Value)],
    ) -> CoreResult<()> {
        if self.exists(table, id)?.is_some() {
            let sets = fields.iter().enumerate().map(|(i, (c, _))| format!("{c} = ?{}", i + 2)).collect::<Vec<_>>();
            let sql = format!("UPDATE {} SET {} WHERE id = ?1", table.name, sets.join(", "));
            let values = std::iter::once(Value::Text(id.to_string())).chain(fields.iter().map(|(_, v)| v.clone()));
            self.tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
            return Ok(());
        }
        self.insert_remote_row(table, id, fields)
    }

    /// Creates a row that does not exist yet from the fields that arrived for it.
    pub(crate) fn insert_remote_row(
        &mut self,
        table: &Table,
        id: &str,
        fields: &[(&'static str, Value)],
    ) -> CoreResult<()> {
        // A row must satisfy its NOT NULL columns from the start; a field that has not
        // arrived yet gets its type's empty value until its own change comes.
        let mut columns: Vec<&str> = fields.iter().map(|(c, _)| *c).collect();
        let mut values: Vec<Value> = fields.iter().map(|(_, v)| v.clone()).collect();
        for (column, empty) in required_columns(&self.tx, table)?.iter() {
            if !columns.contains(column) {
                columns.push(column);
                values.push(empty.clone());
            }
        }
        let placeholders = (1..=columns.len() + 1).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let sql = format!("INSERT INTO {} (id, {}) VALUES ({placeholders})", table.name, columns.join(", "));
        let values = std::iter::once(Value::Text(id.to_string())).chain(values);
        self.tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
        Ok(())
    }

    /// Sets one field as a local, logged change, even on a deleted record (a conflict's
    /// resolution, a merged text). Returns whether the value changed.
    pub(crate) fn set_field(&mut self, table: &Table, id: &str, field: &'static str, value: Value) -> CoreResult<bool> {
        let old: Option<Value> = self
            .tx
            .query_row(&format!("SELECT {field} FROM {} WHERE id = ?1", table.name), [id], |r| r.get(0))
            .optional()?;
        let Some(old) = old else {
            return Err(CoreError::NotFound { kind: table.kind, id: id.to_string() });
        };
        self.write_field(table, id, field, old, value)
    }

    /// Sets one field as a local change made from `base` rather than from the value the
    /// row holds (an editor's text that sync changed underneath): logged with `base` as
    /// its old value, so the merge sees what its author saw. Nothing is written when the
    /// author changed nothing since `base`. Returns whether a change was logged.
    pub(crate) fn set_field_from(
        &mut self,
        table: &Table,
        id: &str,
        field: &'static str,
        base: Value,
        value: Value,
    ) -> CoreResult<bool> {
        if self.exists(table, id)?.is_none() {
            return Err(CoreError::NotFound { kind: table.kind, id: id.to_string() });
        }
        self.write_field(table, id, field, base, value)
    }

    /// Writes `value` into the row and logs it as replacing `old`, unless they are equal.
    fn write_field(
        &mut self,
        table: &Table,
        id: &str,
        field: &'static str,
        old: Value,
        value: Value,
    ) -> CoreResult<bool> {
        if old == value {
            return Ok(false);
        }
        self.tx
            .execute(&format!("UPDATE {} SET {field} = ?2 WHERE id = ?1", table.name), rusqlite::params![id, value])?;
        self.log(table, id, field, Some(&old), Some(&value))?;
        Ok(true)
    }

    /// Inserts a new record and logs every field that has a value.
    pub fn insert(&mut self, table: &Table, id: &str, fields: &Fields) -> CoreResult<()> {
        debug_assert!(fields.iter().all(|(c, _)| table.columns.contains(c)));
        let columns: Vec<&str> = fields.iter().map(|(c, _)| *c).collect();
        let placeholders = (1..=fields.len() + 1).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let sql = format!("INSERT INTO {} (id, {}) VALUES ({placeholders})", table.name, columns.join(", "));
        let values = std::iter::once(Value::Text(id.to_string())).chain(fields.iter().map(|(_, v)| v.clone()));
        self.tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
        for (column, value) in fields {
            if *value != Value::Null {
                self.log(table, id, column, None, Some(value))?;
            }
        }
        Ok(())
    }

    /// Updates the given fields of a record, writing and logging only those that changed.
    /// Returns how many fields changed.
    pub fn update(&mut self, table: &Table, id: &str, fields: &Fields) -> CoreResult<usize> {
        let columns: Vec<&str> = fields.iter().map(|(c, _)| *c).collect();
        let old = self.read_fields(table, id, &columns)?;
        let changed: Vec<(&'static str, &Value, Value)> = fields
            .iter()
            .zip(old)
            .filter(|((_, new), old)| new != old)
            .map(|((column, new), old)| (*column, new, old))
            .collect();
        if changed.is_empty() {
            return Ok(0);
        }
        let sets =
            changed.iter().enumerate().map(|(i, (c, _, _))| format!("{c} = ?{}", i + 2)).collect::<Vec<_>>().join(", ");
        let sql = format!("UPDATE {} SET {sets} WHERE id = ?1", table.name);
        let values =
            std::iter::once(Value::Text(id.to_string())).chain(changed.iter().map(|(_, new, _)| (*new).clone()));
        self.tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
        for (column, new, old) in &changed {
            self.log(table, id, column, Some(old), Some(new))?;
        }
        Ok(changed.len())
    }

    /// Marks a record deleted (it stays, so a concurrent edit elsewhere can still be merged).
    pub fn soft_delete(&mut self, table: &Table, id: &str) -> CoreResult<()> {
        self.set_deleted(table, id, true)
    }

    /// Brings back a deleted record, e.g. a member added again to a small group.
    pub fn restore(&mut self, table: &Table, id: &str) -> CoreResult<()> {
        self.set_deleted(table, id, false)
    }

    fn set_deleted(&mut self, table: &Table, id: &str, deleted: bool) -> CoreResult<()> {
        let current: Option<i64> = self
            .tx
            .query_row(&format!("SELECT deleted FROM {} WHERE id = ?1", table.name), [id], |r| r.get(0))
            .optional()?;
        let Some(current) = current else {
            return Err(CoreError::NotFound { kind: table.kind, id: id.to_string() });
        };
        let wanted = i64::from(deleted);
        if current == wanted {
            return Ok(());
        }
        self.tx
            .execute(&format!("UPDATE {} SET deleted = ?2 WHERE id = ?1", table.name), rusqlite::params![id, wanted])?;
        self.log(table, id, "deleted", Some(&Value::Integer(current)), Some(&Value::Integer(wanted)))
    }

    /// Whether a record exists: `None` if never, `Some(deleted)` otherwise.
    pub fn exists(&self, table: &Table, id: &str) -> CoreResult<Option<bool>> {
        let deleted: Option<i64> = self
            .tx
            .prepare_cached(&format!("SELECT deleted FROM {} WHERE id = ?1", table.name))?
            .query_row([id], |r| r.get(0))
            .optional()?;
        Ok(deleted.map(|d| d != 0))
    }

    fn read_fields(&self, table: &Table, id: &str, columns: &[&str]) -> CoreResult<Vec<Value>> {
        let sql = format!("SELECT {} FROM {} WHERE id = ?1 AND deleted = 0", columns.join(", "), table.name);
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let row = stmt
            .query_row([id], |row| (0..columns.len()).map(|i| row.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>())
            .optional()?;
        row.ok_or_else(|| CoreError::NotFound { kind: table.kind, id: id.to_string() })
    }

    fn log(
        &mut self,
        table: &Table,
        id: &str,
        column: &str,
        old: Option<&Value>,
        new: Option<&Value>,
    ) -> CoreResult<()> {
        if !self.logging {
            return Ok(());
        }
        let old = old.and_then(to_json);
        let new = new.and_then(to_json);
        let hlc = self.clock.tick(self.wall_millis());
        self.logged = true;
        change_log::append(
            &self.tx,
            &Change {
                hlc,
                device_id: self.device_id.to_string(),
                action_id: self.action_id.clone(),
                table: table.name.to_string(),
                record_id: id.to_string(),
                field: column.to_string(),
                old_value: old,
                new_value: new,
            },
        )
    }
}

/// The NOT NULL columns without a default of `table`, with the empty value of each's
/// type. Read once per table and process from the database itself (every open database
/// has the current schema).
fn required_columns(conn: &rusqlite::Connection, table: &Table) -> CoreResult<Arc<[(&'static str, Value)]>> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    /// Each table's required columns with their empty values, by table name. Shared, not
    /// copied: every new row a pull brings asks for them.
    type Required = HashMap<&'static str, Arc<[(&'static str, Value)]>>;
    static REQUIRED: OnceLock<Mutex<Required>> = OnceLock::new();
    let cache = REQUIRED.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(known) = cache.lock().ok().and_then(|c| c.get(table.name).cloned()) {
        return Ok(known);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT name, type FROM pragma_table_info(?1) WHERE \"notnull\" = 1 AND dflt_value IS NULL AND pk = 0",
    )?;
    let rows = stmt.query_map([table.name], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))?;
    let mut required = Vec::new();
    for row in rows {
        let (name, kind) = row?;
        if let Some(column) = table.columns.iter().copied().find(|c| *c == name) {
            let empty =
                if kind.eq_ignore_ascii_case("INTEGER") { Value::Integer(0) } else { Value::Text(String::new()) };
            required.push((column, empty));
        }
    }
    let required: Arc<[(&'static str, Value)]> = required.into();
    if let Ok(mut c) = cache.lock() {
        c.insert(table.name, Arc::clone(&required));
    }
    Ok(required)
}

/// A column value from the JSON text the log and the wire carry.
pub(crate) fn from_json(json: Option<&str>) -> CoreResult<Value> {
    let Some(json) = json else {
        return Ok(Value::Null);
    };
    // A value that is not JSON is refused, never stored as an empty field: the change it
    // came with is set aside (see `sync::apply`) and counted on the sync screen.
    let parsed = serde_json::from_str::<serde_json::Value>(json).map_err(|_| {
        crate::FieldError::new(
            "new_value",
            "json",
            "동기화로 받은 값을 읽을 수 없습니다.",
            "A value received from sync could not be read.",
        )
        .into_error()
    })?;
    Ok(match parsed {
        serde_json::Value::String(s) => Value::Text(s),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Value::Integer(i),
            (None, Some(f)) => Value::Real(f),
            (None, None) => Value::Text(n.to_string()),
        },
        serde_json::Value::Bool(b) => Value::Integer(i64::from(b)),
        serde_json::Value::Null => Value::Null,
        other => Value::Text(other.to_string()),
    })
}

/// The JSON text of a column value; `None` for SQL NULL.
pub(crate) fn to_json(value: &Value) -> Option<String> {
    let json = match value {
        Value::Null => return None,
        Value::Integer(i) => serde_json::Value::from(*i),
        Value::Real(f) => serde_json::Value::from(*f),
        Value::Text(t) => serde_json::Value::from(t.as_str()),
        Value::Blob(b) => serde_json::Value::from(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
    };
    Some(json.to_string())
}

/// Builds a field list: `fields![("name", name.clone()), ...]` with anything `Into<Value>`.
#[macro_export]
macro_rules! fields {
    ($(($col:literal, $val:expr)),* $(,)?) => {
        vec![$(($col, rusqlite::types::Value::from($val))),*]
    };
}
