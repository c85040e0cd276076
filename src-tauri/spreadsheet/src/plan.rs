//! What an import would do, row by row, decided before anything is written: new,
//! update (field by field), unchanged, a possible duplicate to merge, superseded by a
//! later row of the file, or refused, each with the row number Excel shows and reasons
//! in Korean and English. The preview shows this plan; confirming carries it out.

use std::collections::HashMap;

use desk_core::member::{self, Member, MemberInput, MemberKind};
use desk_core::person::{self, Person, PersonInput, PersonRole};
use desk_core::CoreError;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::columns::{self, ImportField, ListKind};
use crate::read::{Cell, FileFormat, TextEncoding, Workbook};
use crate::values::{self, ValueProblem};
use crate::ImportError;

/// What the user chose in the preview (everything optional: the first preview has none).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportChoices {
    /// The sheet to read; None: the first with a header row this list knows.
    pub sheet: Option<String>,
    /// Per column of the header row, the field it fills (None in a slot: not imported).
    /// None: as recognised, or as remembered for a file with the same headers.
    pub mapping: Option<Vec<Option<ImportField>>>,
    /// Rows (as Excel numbers them) whose possible duplicate is a different organisation
    /// to add beside the existing one, instead of merging into it.
    pub keep_both_rows: Vec<u32>,
    /// The header row as Excel numbers it; None: found by its names.
    pub header_row: Option<u32>,
}

/// One column of the header row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnPreview {
    pub header: String,
    /// The field it fills now.
    pub field: Option<ImportField>,
    /// What the header was recognised as by name.
    pub recognised: Option<ImportField>,
    /// The first value under it, to help the user check the mapping.
    pub sample: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    New,
    Update,
    Unchanged,
    /// The same name as an existing record without a registration number: merged into it
    /// (its empty fields filled) unless the user keeps both.
    Merge,
    /// A possible duplicate the user chose to add as a new record.
    KeepBoth,
    /// A later row of the file has the same registration number (or name): that one wins.
    Superseded,
    Refused,
}

/// One field a row changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldDiff {
    pub field: ImportField,
    pub before: String,
    pub after: String,
}

/// Why a value or a row was not taken.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowProblem {
    /// The field, when the problem is one value's.
    pub field: Option<ImportField>,
    /// The value as the file has it.
    pub value: String,
    pub message_ko: String,
    pub message_en: String,
    /// True: the row is not imported. False: flagged, the rest of the row is.
    pub refuses: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowPreview {
    /// The row number Excel shows (the line number for CSV).
    pub row: u32,
    pub name: String,
    pub action: RowAction,
    /// The existing record it updates or may duplicate.
    pub existing_id: Option<String>,
    pub existing_name: Option<String>,
    /// For a superseded row: the later row that wins.
    pub superseded_by: Option<u32>,
    pub changes: Vec<FieldDiff>,
    /// For a possible duplicate merged into an existing record: values the file has that
    /// differ from the record's, which merging keeps as they are (`before` the record's,
    /// `after` the file's).
    pub differing: Vec<FieldDiff>,
    pub problems: Vec<RowProblem>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportCounts {
    pub new: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Imported, but with a value that could not be read (not stored).
    pub flagged: u32,
    pub refused: u32,
    /// Possible duplicates (merged or kept both as chosen).
    pub duplicates: u32,
    pub superseded: u32,
}

/// Everything the preview shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPreview {
    pub kind: ListKind,
    pub format: FileFormat,
    pub text: Option<TextEncoding>,
    pub sheets: Vec<String>,
    pub sheet: String,
    /// The header row as Excel numbers it.
    pub header_row: u32,
    /// No row looked like this list's header: the first row with text was taken, and the
    /// columns are for the user to map.
    pub header_guessed: bool,
    pub columns: Vec<ColumnPreview>,
    /// The mapping came from an earlier import of a file with the same headers.
    pub mapping_remembered: bool,
    /// No column is mapped to the name: nothing can be imported until one is.
    pub needs_name: bool,
    /// The won one revenue unit in the file stands for (from the header, or a
    /// `(단위: 백만원)` note above it); None when revenue is not imported.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub revenue_unit_won: Option<i64>,
    pub counts: ImportCounts,
    /// Every row but the unchanged ones, in file order.
    pub rows: Vec<RowPreview>,
}

/// A row's decision, with what to write.
pub(crate) struct PlannedRow {
    pub preview: RowPreview,
    pub write: Option<RowWrite>,
}

pub(crate) enum RowWrite {
    /// `groups` by name: an existing small group, or one to make.
    CreateMember {
        input: MemberInput,
        groups: Vec<String>,
        contact: Option<String>,
    },
    UpdateMember {
        id: String,
        input: MemberInput,
        groups: Vec<String>,
        contact: Option<String>,
    },
    CreatePerson(PersonInput),
    UpdatePerson {
        id: String,
        input: PersonInput,
    },
}

pub(crate) struct Plan {
    pub preview: ImportPreview,
    pub rows: Vec<PlannedRow>,
    /// The headers' mapping, to remember when the import is confirmed.
    pub mapping_key: String,
    pub mapping: Vec<Option<ImportField>>,
}

/// Plans importing `workbook` as a `kind` list into the cluster `cluster_id`.
pub(crate) fn plan(
    conn: &Connection,
    cluster_id: &str,
    kind: ListKind,
    workbook: &mut Workbook,
    choices: &ImportChoices,
) -> Result<Plan, ImportError> {
    let sheets: Vec<String> = workbook.sheet_names().to_vec();
    let sheet = match &choices.sheet {
        Some(name) if sheets.contains(name) => workbook.sheet(name)?,
        Some(name) => return Err(ImportError::NoSuchSheet { name: name.clone(), sheets }),
        None => {
            // The first sheet with a header this list knows; else the first with anything.
            let mut first_with_rows = None;
            let mut found = None;
            for name in &sheets {
                let sheet = workbook.sheet(name)?;
                if columns::find_header(kind, &sheet).is_some() {
                    found = Some(sheet);
                    break;
                }
                if first_with_rows.is_none() && !sheet.rows.is_empty() {
                    first_with_rows = Some(sheet);
                }
            }
            found.or(first_with_rows).ok_or(ImportError::Empty)?
        }
    };
    // The header row: the user's choice, else the one recognised, else the first row with
    // text in two cells (the user then maps the columns by hand).
    let chosen = choices.header_row.and_then(|row| sheet.rows.iter().position(|(n, _)| *n == row));
    let recognised_header = columns::find_header(kind, &sheet);
    let header_guessed = chosen.is_none() && recognised_header.is_none();
    let header_index = chosen
        .or(recognised_header)
        .or_else(|| {
            sheet.rows.iter().position(|(_, cells)| cells.iter().filter(|c| matches!(c, Cell::Text(_))).count() >= 2)
        })
        .or_else(|| sheet.rows.iter().position(|(_, cells)| !cells.iter().all(Cell::is_empty)))
        .ok_or(ImportError::Empty)?;
    let (header_row, header_cells) = &sheet.rows[header_index];
    let headers: Vec<String> = header_cells.iter().map(Cell::text).collect();
    let unit_note = columns::unit_note(sheet.rows[..header_index].iter().flat_map(|(_, cells)| cells.iter()));

    let recognised = columns::recognise_all(kind, &headers);
    let mapping_key = columns::mapping_key(kind, &headers);
    let remembered: Option<Vec<Option<ImportField>>> = desk_core::db::local_setting(conn, &mapping_key)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .filter(|m: &Vec<Option<ImportField>>| m.len() == headers.len());
    let mapping_remembered = choices.mapping.is_none() && remembered.is_some();
    let mut mapping = choices.mapping.clone().or(remembered).unwrap_or_else(|| recognised.clone());
    mapping.resize(headers.len(), None);
    // A field is filled from one column only: the first that claims it.
    let allowed = ImportField::fields_of(kind);
    let mut seen = Vec::new();
    for slot in mapping.iter_mut() {
        match slot {
            Some(f) if !allowed.contains(f) || seen.contains(f) => *slot = None,
            Some(f) => seen.push(*f),
            None => {}
        }
    }
    // Data rows: those with something in a column that is imported (a template's
    // pre-numbered 연번 with nothing else is not a row).
    let any_mapped = mapping.iter().any(Option::is_some);
    let data: Vec<&(u32, Vec<Cell>)> = sheet.rows[header_index + 1..]
        .iter()
        .filter(|(_, cells)| {
            cells
                .iter()
                .enumerate()
                .any(|(i, c)| !c.is_empty() && (!any_mapped || mapping.get(i).is_some_and(Option::is_some)))
        })
        .collect();
    if data.is_empty() {
        return Err(ImportError::Empty);
    }
    let columns: Vec<ColumnPreview> = headers
        .iter()
        .enumerate()
        .map(|(i, header)| ColumnPreview {
            header: header.clone(),
            field: mapping[i],
            recognised: recognised[i],
            sample: sheet.rows[header_index + 1..]
                .iter()
                .take(200)
                .map(|(_, c)| c.get(i).map(Cell::text).unwrap_or_default())
                .find(|t| !t.is_empty())
                .unwrap_or_default(),
        })
        .collect();
    let name_field = columns::name_field(kind);
    let revenue_unit_won = match mapping.iter().position(|f| *f == Some(ImportField::Revenue)) {
        Some(i) => columns::money_unit(&headers[i], unit_note),
        None => None,
    };
    let mut preview = ImportPreview {
        kind,
        format: workbook.format,
        text: workbook.text.clone(),
        sheets,
        sheet: sheet.name.clone(),
        header_row: *header_row,
        header_guessed,
        columns,
        mapping_remembered,
        needs_name: !mapping.contains(&Some(name_field)),
        revenue_unit_won,
        counts: ImportCounts::default(),
        rows: Vec::new(),
    };
    if preview.needs_name {
        // Nothing to plan until the user says which column holds the names.
        return Ok(Plan { preview, rows: Vec::new(), mapping_key, mapping });
    }

    let rows = RowReader { headers: &headers, mapping: &mapping, unit_note };
    let planned = match kind {
        ListKind::Members => plan_members(conn, cluster_id, &rows, &data, &choices.keep_both_rows)?,
        ListKind::People => plan_people(conn, cluster_id, &rows, &data)?,
    };
    let mut counts = ImportCounts::default();
    for row in &planned {
        let p = &row.preview;
        match p.action {
            RowAction::New | RowAction::KeepBoth => counts.new += 1,
            RowAction::Update => counts.updated += 1,
            RowAction::Merge if row.write.is_some() => counts.updated += 1,
            RowAction::Merge | RowAction::Unchanged => counts.unchanged += 1,
            RowAction::Superseded => counts.superseded += 1,
            RowAction::Refused => counts.refused += 1,
        }
        if matches!(p.action, RowAction::Merge | RowAction::KeepBoth) {
            counts.duplicates += 1;
        }
        let imported = !matches!(p.action, RowAction::Refused | RowAction::Superseded);
        if imported && !p.problems.is_empty() {
            counts.flagged += 1;
        }
    }
    preview.counts = counts;
    // Every row but the plainly unchanged, which a re-import would otherwise list in full.
    preview.rows = planned
        .iter()
        .filter(|r| r.preview.action != RowAction::Unchanged || !r.preview.problems.is_empty())
        .map(|r| r.preview.clone())
        .collect();
    Ok(Plan { preview, rows: planned, mapping_key, mapping })
}

/// Reads a data row's cells by field.
struct RowReader<'a> {
    headers: &'a [String],
    mapping: &'a [Option<ImportField>],
    /// The money unit a note above the header gives, in won.
    unit_note: Option<i64>,
}

impl RowReader<'_> {
    /// A flag for each mapped cell too long to import.
    fn too_long(&self, cells: &[Cell]) -> Vec<RowProblem> {
        self.mapping
            .iter()
            .enumerate()
            .filter_map(|(i, field)| match (field, cells.get(i)) {
                (Some(field), Some(Cell::TooLong(chars))) => Some(RowProblem {
                    field: Some(*field),
                    value: String::new(),
                    message_ko: format!(
                        "'{}' 칸이 너무 길어({chars}자) 가져오지 않았습니다. 한 칸에 {}자까지 가져옵니다.",
                        self.headers[i],
                        crate::read::MAX_CELL_CHARS
                    ),
                    message_en: format!(
                        "The '{}' cell is too long ({chars} characters) and was left out; a cell can hold up to {}.",
                        self.headers[i],
                        crate::read::MAX_CELL_CHARS
                    ),
                    refuses: false,
                }),
                _ => None,
            })
            .collect()
    }

    fn column(&self, field: ImportField) -> Option<usize> {
        self.mapping.iter().position(|m| *m == Some(field))
    }

    fn cell<'c>(&self, cells: &'c [Cell], field: ImportField) -> Option<&'c Cell> {
        self.column(field).and_then(|i| cells.get(i)).filter(|c| !c.is_empty() && !matches!(c, Cell::TooLong(_)))
    }

    fn text(&self, cells: &[Cell], field: ImportField) -> Option<String> {
        self.cell(cells, field).map(Cell::text).filter(|t| !t.is_empty())
    }

    fn header(&self, field: ImportField) -> &str {
        self.column(field).map(|i| self.headers[i].as_str()).unwrap_or("")
    }
}

fn problem(field: ImportField, value: &Cell, kind: &ValueProblem, header: &str) -> RowProblem {
    let value = value.text();
    let (ko, en, refuses) = match kind {
        ValueProblem::ImpossibleDate => (
            format!("'{header}'의 '{value}'은(는) 없는 날짜입니다. 날짜를 고친 뒤 다시 가져오세요."),
            format!("'{value}' in '{header}' is not a real date; correct it and import again."),
            true,
        ),
        ValueProblem::Negative => (
            format!("'{header}'의 '{value}'은(는) 음수라 가져오지 않았습니다. 나머지 항목은 가져옵니다."),
            format!("'{value}' in '{header}' is negative and was left out; the rest of the row is imported."),
            false,
        ),
        ValueProblem::Unreadable => (
            format!("'{header}'의 '{value}'을(를) 정확한 값으로 읽을 수 없어 비워 두었습니다. 나머지 항목은 가져옵니다."),
            format!("'{value}' in '{header}' cannot be read as an exact value and was left empty; the rest of the row is imported."),
            false,
        ),
    };
    RowProblem { field: Some(field), value, message_ko: ko, message_en: en, refuses }
}

/// The core's validation errors as refusals of the row.
fn refusals(error: CoreError) -> Result<Vec<RowProblem>, ImportError> {
    match error {
        CoreError::Validation(errors) => Ok(errors
            .into_iter()
            .map(|e| RowProblem {
                field: import_field_of(&e.field),
                value: String::new(),
                message_ko: e.message_ko.clone(),
                message_en: e.message_en.clone(),
                refuses: true,
            })
            .collect()),
        other => Err(other.into()),
    }
}

fn import_field_of(core_field: &str) -> Option<ImportField> {
    Some(match core_field {
        "name" => ImportField::Name,
        "kind" => ImportField::Kind,
        "registration_number" => ImportField::RegistrationNumber,
        "employees" => ImportField::Employees,
        "revenue_won" => ImportField::Revenue,
        "joined_on" => ImportField::JoinedOn,
        "email" => ImportField::Email,
        "role" => ImportField::Role,
        "member_id" => ImportField::Affiliation,
        _ => return None,
    })
}

/// The kind a 구분 cell names, or one a name makes plain (대학교, 연구원, 테크노파크).
fn member_kind(text: Option<&str>, name: &str) -> Option<MemberKind> {
    if let Some(text) = text {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        return match t.as_str() {
            "기업" | "회사" | "업체" | "제조기업" | "중소기업" => Some(MemberKind::Company),
            "대학" | "대학교" | "학교" => Some(MemberKind::University),
            "연구기관" | "연구소" | "연구원" | "출연연" => Some(MemberKind::Institute),
            "지원기관" | "기관" | "공공기관" => Some(MemberKind::Agency),
            "컨설팅" | "컨설턴트" | "컨설팅사" => Some(MemberKind::Consultant),
            _ => MemberKind::parse(&t),
        };
    }
    Some(if name.contains("대학교") || name.contains("산학협력단") {
        MemberKind::University
    } else if name.ends_with("연구원") || name.ends_with("연구소") {
        MemberKind::Institute
    } else if name.contains("테크노파크") || name.contains("진흥원") || name.contains("공단") {
        MemberKind::Agency
    } else {
        MemberKind::Company
    })
}

/// A member row as read, before it is compared with the directory.
struct MemberRow {
    row: u32,
    input: MemberInput,
    /// Which fields the row has a value for (an empty cell never clears a stored value).
    present: Vec<ImportField>,
    groups: Vec<String>,
    contact: Option<String>,
    problems: Vec<RowProblem>,
}

fn read_member(rows: &RowReader<'_>, row: u32, cells: &[Cell]) -> MemberRow {
    let mut input = MemberInput::default();
    let mut present = Vec::new();
    let mut problems = rows.too_long(cells);
    fn take(
        rows: &RowReader<'_>,
        cells: &[Cell],
        present: &mut Vec<ImportField>,
        field: ImportField,
    ) -> Option<String> {
        let text = rows.text(cells, field)?;
        present.push(field);
        Some(text)
    }
    input.name = take(rows, cells, &mut present, ImportField::Name).unwrap_or_default();
    let kind_text = take(rows, cells, &mut present, ImportField::Kind);
    input.kind = member_kind(kind_text.as_deref(), &input.name);
    if input.kind.is_none() {
        problems.push(RowProblem {
            field: Some(ImportField::Kind),
            value: kind_text.clone().unwrap_or_default(),
            message_ko: format!(
                "'{}'의 '{}'은(는) 알 수 없는 구분입니다. 기업·대학·연구기관·지원기관·컨설팅 중 하나로 적으세요.",
                rows.header(ImportField::Kind),
                kind_text.clone().unwrap_or_default()
            ),
            message_en: "Unknown kind; use 기업, 대학, 연구기관, 지원기관 or 컨설팅.".into(),
            refuses: true,
        });
    }
    if let Some(cell) = rows.cell(cells, ImportField::RegistrationNumber) {
        input.registration_number = values::registration_number(cell);
        present.push(ImportField::RegistrationNumber);
    }
    input.ceo_name = take(rows, cells, &mut present, ImportField::CeoName).unwrap_or_default();
    input.address = take(rows, cells, &mut present, ImportField::Address).unwrap_or_default();
    input.industry = take(rows, cells, &mut present, ImportField::Industry).unwrap_or_default();
    if let Some(cell) = rows.cell(cells, ImportField::Phone) {
        input.phone = values::phone(cell);
        present.push(ImportField::Phone);
    }
    input.email = take(rows, cells, &mut present, ImportField::Email).unwrap_or_default();
    input.notes = take(rows, cells, &mut present, ImportField::Notes).unwrap_or_default();
    let contact = take(rows, cells, &mut present, ImportField::Contact);
    let groups = rows.cell(cells, ImportField::SmallGroup).map(values::keywords).unwrap_or_default();
    for (field, list) in
        [(ImportField::Products, &mut input.products), (ImportField::Technologies, &mut input.technologies)]
    {
        if let Some(cell) = rows.cell(cells, field) {
            *list = values::keywords(cell);
            present.push(field);
        }
    }
    if let Some(cell) = rows.cell(cells, ImportField::Employees) {
        match values::count(cell) {
            Ok(n) => {
                input.employees = n;
                present.push(ImportField::Employees);
            }
            Err(p) => problems.push(problem(ImportField::Employees, cell, &p, rows.header(ImportField::Employees))),
        }
    }
    if let Some(cell) = rows.cell(cells, ImportField::Revenue) {
        let header = rows.header(ImportField::Revenue);
        match columns::money_unit(header, rows.unit_note) {
            Some(unit) => match values::money(cell, unit) {
                Ok(n) => {
                    input.revenue_won = n;
                    present.push(ImportField::Revenue);
                }
                Err(p) => problems.push(problem(ImportField::Revenue, cell, &p, header)),
            },
            None => problems.push(RowProblem {
                field: Some(ImportField::Revenue),
                value: cell.text(),
                message_ko: format!("'{header}'의 단위를 알 수 없어 매출액을 가져오지 않았습니다. 원·천원·백만원·억원 중 하나를 쓰세요."),
                message_en: format!("The unit in '{header}' is unknown, so revenue was left out; use 원, 천원, 백만원 or 억원."),
                refuses: false,
            }),
        }
    }
    if let Some(cell) = rows.cell(cells, ImportField::JoinedOn) {
        match values::date(cell) {
            Ok(date) => {
                input.joined_on = date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
                present.push(ImportField::JoinedOn);
            }
            Err(p) => problems.push(problem(ImportField::JoinedOn, cell, &p, rows.header(ImportField::JoinedOn))),
        }
    }
    MemberRow { row, input, present, groups, contact, problems }
}

/// `existing` with the row's values in the fields the row has.
fn overlay(existing: &Member, row: &MemberRow) -> MemberInput {
    let mut input = existing.to_input();
    let new = &row.input;
    for field in &row.present {
        match field {
            ImportField::Name => input.name = new.name.clone(),
            ImportField::Kind => input.kind = new.kind,
            ImportField::RegistrationNumber => input.registration_number = new.registration_number.clone(),
            ImportField::CeoName => input.ceo_name = new.ceo_name.clone(),
            ImportField::Employees => input.employees = new.employees,
            ImportField::Revenue => input.revenue_won = new.revenue_won,
            ImportField::JoinedOn => input.joined_on = new.joined_on.clone(),
            ImportField::Phone => input.phone = new.phone.clone(),
            ImportField::Email => input.email = new.email.clone(),
            ImportField::Products => input.products = new.products.clone(),
            ImportField::Technologies => input.technologies = new.technologies.clone(),
            ImportField::Address => input.address = new.address.clone(),
            ImportField::Industry => input.industry = new.industry.clone(),
            ImportField::Notes => input.notes = new.notes.clone(),
            _ => {}
        }
    }
    input
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The (field, before, after) triples whose two sides differ.
fn differences(pairs: impl IntoIterator<Item = (ImportField, String, String)>) -> Vec<FieldDiff> {
    pairs
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(field, before, after)| FieldDiff { field, before, after })
        .collect()
}

/// The fields that differ between two member forms, as the preview lists them.
fn member_diff(before: &MemberInput, after: &MemberInput) -> Vec<FieldDiff> {
    let list = |l: &[String]| l.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
    let kind = |k: Option<MemberKind>| k.map(|k| k.as_str().to_string()).unwrap_or_default();
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let pairs = [
        (ImportField::Name, before.name.trim().to_string(), after.name.trim().to_string()),
        (ImportField::Kind, kind(before.kind), kind(after.kind)),
        (ImportField::RegistrationNumber, digits(&before.registration_number), digits(&after.registration_number)),
        (ImportField::CeoName, before.ceo_name.trim().into(), after.ceo_name.trim().into()),
        (ImportField::Employees, number(before.employees), number(after.employees)),
        (ImportField::Revenue, number(before.revenue_won), number(after.revenue_won)),
        (ImportField::JoinedOn, before.joined_on.trim().into(), after.joined_on.trim().into()),
        (ImportField::Phone, before.phone.trim().into(), after.phone.trim().into()),
        (ImportField::Email, before.email.trim().into(), after.email.trim().into()),
        (ImportField::Products, list(&before.products), list(&after.products)),
        (ImportField::Technologies, list(&before.technologies), list(&after.technologies)),
        (ImportField::Address, before.address.trim().into(), after.address.trim().into()),
        (ImportField::Industry, before.industry.trim().into(), after.industry.trim().into()),
        (ImportField::Notes, before.notes.trim().into(), after.notes.trim().into()),
    ];
    differences(pairs)
}

fn plan_members(
    conn: &Connection,
    cluster_id: &str,
    rows: &RowReader<'_>,
    data: &[&(u32, Vec<Cell>)],
    keep_both: &[u32],
) -> Result<Vec<PlannedRow>, ImportError> {
    let read: Vec<MemberRow> = data.iter().map(|(row, cells)| read_member(rows, *row, cells)).collect();
    // Within the file, the last row of each registration number (or, without one, name) wins.
    let key = |r: &MemberRow| {
        let d = digits(&r.input.registration_number);
        if d.is_empty() {
            format!("name:{}", member::name_key(&r.input.name))
        } else {
            format!("number:{d}")
        }
    };
    let mut last: HashMap<String, u32> = HashMap::new();
    for r in &read {
        if !r.input.name.trim().is_empty() || !digits(&r.input.registration_number).is_empty() {
            last.insert(key(r), r.row);
        }
    }
    let existing = member::list(conn, cluster_id)?;
    let mut by_name: HashMap<String, Vec<&Member>> = HashMap::new();
    for m in &existing {
        by_name.entry(member::name_key(&m.name)).or_default().push(m);
    }
    let groups = desk_core::cluster::small_groups(conn, cluster_id)?;
    let people = person::list(conn, cluster_id)?;

    let mut planned = Vec::with_capacity(read.len());
    for r in read {
        let mut preview = RowPreview {
            row: r.row,
            name: r.input.name.clone(),
            action: RowAction::New,
            existing_id: None,
            existing_name: None,
            superseded_by: None,
            changes: Vec::new(),
            differing: Vec::new(),
            problems: r.problems.clone(),
        };
        if let Some(winner) = last.get(&key(&r)).filter(|w| **w != r.row) {
            preview.action = RowAction::Superseded;
            preview.superseded_by = Some(*winner);
            planned.push(PlannedRow { preview, write: None });
            continue;
        }
        if preview.problems.iter().any(|p| p.refuses) {
            preview.action = RowAction::Refused;
            planned.push(PlannedRow { preview, write: None });
            continue;
        }
        let number = digits(&r.input.registration_number);
        let by_number =
            if number.len() == 10 { member::find_by_registration(conn, cluster_id, &number)? } else { None };
        let similar = if number.is_empty() {
            by_name.get(&member::name_key(&r.input.name)).and_then(|list| list.first().copied())
        } else {
            None
        };
        let (target, input) = match (&by_number, similar) {
            (Some(m), _) => {
                preview.action = RowAction::Update;
                (Some(m), overlay(m, &r))
            }
            (None, Some(m)) if keep_both.contains(&r.row) => {
                preview.action = RowAction::KeepBoth;
                preview.existing_id = Some(m.id.clone());
                preview.existing_name = Some(m.name.clone());
                (None, r.input.clone())
            }
            (None, Some(m)) => {
                preview.action = RowAction::Merge;
                (Some(m), member::fill_blanks(m, &r.input))
            }
            (None, None) => (None, r.input.clone()),
        };
        if let Some(m) = target {
            preview.existing_id = Some(m.id.clone());
            preview.existing_name = Some(m.name.clone());
            preview.changes = member_diff(&m.to_input(), &input);
            if preview.action == RowAction::Merge {
                // Keyword lists and notes are joined by the merge, so they never differ.
                preview.differing = member_diff(&input, &overlay(m, &r))
                    .into_iter()
                    .filter(|d| {
                        !matches!(d.field, ImportField::Products | ImportField::Technologies | ImportField::Notes)
                    })
                    .collect();
            }
        }
        if let Err(e) = member::check_input(conn, cluster_id, target.map(|m| m.id.as_str()), &input) {
            preview.problems.extend(refusals(e)?);
            preview.action = RowAction::Refused;
            planned.push(PlannedRow { preview, write: None });
            continue;
        }
        // Small groups the member should join (made when the cluster has none of that
        // name yet), and a contact person to add.
        let mut join = Vec::new();
        for name in &r.groups {
            let existing = groups.iter().find(|g| g.name.trim() == name.trim());
            if existing.is_some_and(|g| target.is_some_and(|m| g.member_ids.contains(&m.id))) {
                continue;
            }
            let after = match existing {
                Some(g) => g.name.clone(),
                None => format!("{} (새 소그룹)", name.trim()),
            };
            join.push(name.trim().to_string());
            preview.changes.push(FieldDiff { field: ImportField::SmallGroup, before: String::new(), after });
        }
        let contact = r.contact.clone().filter(|name| {
            !target.is_some_and(|m| {
                people.iter().any(|p| p.member_id.as_deref() == Some(&m.id) && p.name.trim() == name.trim())
            })
        });
        if let Some(name) = &contact {
            preview.changes.push(FieldDiff { field: ImportField::Contact, before: String::new(), after: name.clone() });
        }
        let write = match target {
            // A possible duplicate stays one in the preview while the file differs from the
            // record, so the user can still say it is another organisation.
            Some(_)
                if preview.changes.is_empty()
                    && preview.action == RowAction::Merge
                    && !preview.differing.is_empty() =>
            {
                None
            }
            Some(_) if preview.changes.is_empty() => {
                preview.action = RowAction::Unchanged;
                None
            }
            Some(m) => Some(RowWrite::UpdateMember { id: m.id.clone(), input, groups: join, contact }),
            None => Some(RowWrite::CreateMember { input, groups: join, contact }),
        };
        planned.push(PlannedRow { preview, write });
    }
    Ok(planned)
}

/// The role a 역할 cell names, or one the title or affiliation makes plain.
fn person_role(text: Option<&str>, title: &str, affiliation: Option<&Member>) -> Option<PersonRole> {
    if let Some(text) = text {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        return match t.as_str() {
            "기업임직원" | "임직원" | "직원" | "기업" => Some(PersonRole::Staff),
            "교수" => Some(PersonRole::Professor),
            "연구원" | "연구자" => Some(PersonRole::Researcher),
            "지원기관담당자" | "지원기관" | "기관담당자" => Some(PersonRole::AgencyStaff),
            "컨설턴트" | "컨설팅" => Some(PersonRole::Consultant),
            _ => PersonRole::parse(&t),
        };
    }
    Some(if title.contains("교수") {
        PersonRole::Professor
    } else if title.contains("연구원") || title.contains("박사") {
        PersonRole::Researcher
    } else if title.contains("컨설턴트") {
        PersonRole::Consultant
    } else {
        match affiliation.map(|m| m.kind) {
            Some(MemberKind::University) => PersonRole::Professor,
            Some(MemberKind::Institute) => PersonRole::Researcher,
            Some(MemberKind::Agency) => PersonRole::AgencyStaff,
            Some(MemberKind::Consultant) => PersonRole::Consultant,
            _ => PersonRole::Staff,
        }
    })
}

fn person_diff(before: &PersonInput, after: &PersonInput) -> Vec<FieldDiff> {
    let role = |r: Option<PersonRole>| r.map(|r| r.as_str().to_string()).unwrap_or_default();
    let pairs = [
        (ImportField::PersonName, before.name.trim().to_string(), after.name.trim().to_string()),
        (ImportField::Affiliation, before.affiliation.trim().into(), after.affiliation.trim().into()),
        (ImportField::Title, before.title.trim().into(), after.title.trim().into()),
        (ImportField::Role, role(before.role), role(after.role)),
        (ImportField::Phone, before.phone.trim().into(), after.phone.trim().into()),
        (ImportField::Email, before.email.trim().into(), after.email.trim().into()),
        (ImportField::Expertise, before.expertise.join(", "), after.expertise.join(", ")),
    ];
    differences(pairs)
}

fn plan_people(
    conn: &Connection,
    cluster_id: &str,
    rows: &RowReader<'_>,
    data: &[&(u32, Vec<Cell>)],
) -> Result<Vec<PlannedRow>, ImportError> {
    let members = member::list(conn, cluster_id)?;
    let mut by_name: HashMap<String, Vec<&Member>> = HashMap::new();
    for m in &members {
        by_name.entry(member::name_key(&m.name)).or_default().push(m);
    }
    let people = person::list(conn, cluster_id)?;
    // Later rows win within the file too: the same e-mail, or the same name at the same place.
    let mut planned: Vec<PlannedRow> = Vec::with_capacity(data.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (row, cells) in data {
        let name = rows.text(cells, ImportField::PersonName).unwrap_or_default();
        let affiliation_text = rows.text(cells, ImportField::Affiliation);
        let title = rows.text(cells, ImportField::Title);
        let mut preview = RowPreview {
            row: *row,
            name: name.clone(),
            action: RowAction::New,
            existing_id: None,
            existing_name: None,
            superseded_by: None,
            changes: Vec::new(),
            differing: Vec::new(),
            problems: rows.too_long(cells),
        };
        let member = match affiliation_text.as_deref().map(member::name_key).and_then(|k| by_name.get(&k)) {
            Some(list) if list.len() == 1 => Some(list[0]),
            Some(_) => {
                preview.problems.push(RowProblem {
                    field: Some(ImportField::Affiliation),
                    value: affiliation_text.clone().unwrap_or_default(),
                    message_ko: "같은 이름의 회원사가 여럿이라 소속을 글자로만 적었습니다. 인력 화면에서 소속을 고르세요.".into(),
                    message_en: "Several members have this name, so the affiliation is kept as text; pick it on the person's page.".into(),
                    refuses: false,
                });
                None
            }
            None => None,
        };
        let role_text = rows.text(cells, ImportField::Role);
        let role = person_role(role_text.as_deref(), title.as_deref().unwrap_or(""), member);
        if role.is_none() {
            preview.problems.push(RowProblem {
                field: Some(ImportField::Role),
                value: role_text.clone().unwrap_or_default(),
                message_ko: "알 수 없는 역할입니다. 기업 임직원·교수·연구원·지원기관 담당자·컨설턴트 중 하나로 적으세요.".into(),
                message_en: "Unknown role; use 기업 임직원, 교수, 연구원, 지원기관 담당자 or 컨설턴트.".into(),
                refuses: true,
            });
        }
        let email = rows.text(cells, ImportField::Email);
        let expertise = rows.cell(cells, ImportField::Expertise).map(values::keywords);
        let phone = rows.cell(cells, ImportField::Phone).map(values::phone);
        let member_id = member.map(|m| m.id.clone());
        let key_email = email.as_ref().map(|e| format!("email:{}", e.to_lowercase()));
        let key_name = format!(
            "name:{}:{}",
            name.trim(),
            member_id.clone().unwrap_or_else(|| affiliation_text.clone().unwrap_or_default())
        );
        for key in key_email.iter().chain([&key_name]) {
            if let Some(earlier) = seen.insert(key.clone(), planned.len()) {
                let earlier = &mut planned[earlier];
                if earlier.preview.action != RowAction::Superseded {
                    earlier.preview.action = RowAction::Superseded;
                    earlier.preview.superseded_by = Some(*row);
                    earlier.write = None;
                }
            }
        }
        if preview.problems.iter().any(|p| p.refuses) {
            preview.action = RowAction::Refused;
            planned.push(PlannedRow { preview, write: None });
            continue;
        }
        let existing: Option<&Person> = email
            .as_ref()
            .and_then(|e| people.iter().find(|p| !p.email.is_empty() && p.email.eq_ignore_ascii_case(e)))
            .or_else(|| {
                people.iter().find(|p| {
                    p.name.trim() == name.trim()
                        && match (&member_id, &p.member_id) {
                            (Some(a), Some(b)) => a == b,
                            (None, None) => p.affiliation.trim() == affiliation_text.as_deref().unwrap_or("").trim(),
                            _ => false,
                        }
                })
            });
        let mut input = existing.map(Person::to_input).unwrap_or_default();
        input.name = name.clone();
        if role_text.is_some() || existing.is_none() {
            input.role = role;
        }
        if affiliation_text.is_some() {
            input.member_id = member_id.clone();
            input.affiliation = match member {
                Some(m) => m.name.clone(),
                None => affiliation_text.clone().unwrap_or_default(),
            };
        }
        if let Some(t) = title {
            input.title = t;
        }
        if let Some(p) = phone {
            input.phone = p;
        }
        if let Some(e) = email {
            input.email = e;
        }
        if let Some(x) = expertise {
            input.expertise = x;
        }
        if let Err(e) = person::check_input(conn, &input) {
            preview.problems.extend(refusals(e)?);
            preview.action = RowAction::Refused;
            planned.push(PlannedRow { preview, write: None });
            continue;
        }
        let write = match existing {
            Some(p) => {
                preview.existing_id = Some(p.id.clone());
                preview.existing_name = Some(p.name.clone());
                preview.changes = person_diff(&p.to_input(), &input);
                if preview.changes.is_empty() {
                    preview.action = RowAction::Unchanged;
                    None
                } else {
                    preview.action = RowAction::Update;
                    Some(RowWrite::UpdatePerson { id: p.id.clone(), input })
                }
            }
            None => Some(RowWrite::CreatePerson(input)),
        };
        planned.push(PlannedRow { preview, write });
    }
    Ok(planned)
}
