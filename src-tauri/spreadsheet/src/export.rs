//! The directory out of the app: an xlsx workbook (members and people sheets) as head
//! office and partner agencies ask for it, and CSV in UTF-8 with a BOM.
//!
//! The headers are the ones the importer recognises, and every value is written in a form
//! it reads back exactly, so exporting and importing the file again changes nothing.

use chrono::NaiveDate;
use desk_core::cluster;
use desk_core::member::{self, Member, MemberKind};
use desk_core::person::{self, Person, PersonRole};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde::{Deserialize, Serialize};

use crate::columns::ImportField;
use crate::ImportError;

/// Which members (and their people) to export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportFilter {
    /// Only members of this kind (None: all).
    pub kind: Option<MemberKind>,
    /// Only members of this small group (None: all).
    pub small_group_id: Option<String>,
}

/// The member columns, in the order written: every importable field but the contact
/// person (people are on their own sheet).
fn member_columns() -> Vec<ImportField> {
    ImportField::MEMBER_FIELDS.iter().copied().filter(|f| *f != ImportField::Contact).collect()
}

const PERSON_COLUMNS: &[ImportField] = ImportField::PERSON_FIELDS;

/// The Korean word for a member kind, as the importer reads it back.
pub fn kind_ko(kind: MemberKind) -> &'static str {
    match kind {
        MemberKind::Company => "기업",
        MemberKind::University => "대학",
        MemberKind::Institute => "연구기관",
        MemberKind::Agency => "지원기관",
        MemberKind::Consultant => "컨설팅",
    }
}

pub fn role_ko(role: PersonRole) -> &'static str {
    match role {
        PersonRole::Staff => "기업 임직원",
        PersonRole::Professor => "교수",
        PersonRole::Researcher => "연구원",
        PersonRole::AgencyStaff => "지원기관 담당자",
        PersonRole::Consultant => "컨설턴트",
    }
}

/// One value to write: text, a whole number (won or a count) or a date.
enum Value {
    Text(String),
    Number(i64),
    Date(NaiveDate),
}

struct Directory {
    members: Vec<(Member, Vec<String>)>,
    people: Vec<Person>,
}

fn directory(conn: &Connection, cluster_id: &str, filter: &ExportFilter) -> Result<Directory, ImportError> {
    let groups = cluster::small_groups(conn, cluster_id)?;
    let members: Vec<(Member, Vec<String>)> = member::list(conn, cluster_id)?
        .into_iter()
        .filter(|m| filter.kind.is_none_or(|k| m.kind == k))
        .filter(|m| {
            filter
                .small_group_id
                .as_ref()
                .is_none_or(|g| groups.iter().any(|s| &s.id == g && s.member_ids.contains(&m.id)))
        })
        .map(|m| {
            let names = groups.iter().filter(|g| g.member_ids.contains(&m.id)).map(|g| g.name.clone()).collect();
            (m, names)
        })
        .collect();
    let filtered = filter.kind.is_some() || filter.small_group_id.is_some();
    let people = person::list(conn, cluster_id)?
        .into_iter()
        .filter(|p| !filtered || p.member_id.as_ref().is_some_and(|id| members.iter().any(|(m, _)| &m.id == id)))
        .collect();
    Ok(Directory { members, people })
}

fn member_row(member: &Member, groups: &[String]) -> Vec<Value> {
    let text = |s: &str| Value::Text(s.to_string());
    member_columns()
        .iter()
        .map(|field| match field {
            ImportField::Name => text(&member.name),
            ImportField::Kind => text(kind_ko(member.kind)),
            ImportField::RegistrationNumber => text(&member.registration_number),
            ImportField::CeoName => text(&member.ceo_name),
            ImportField::Employees => member.employees.map(Value::Number).unwrap_or(Value::Text(String::new())),
            ImportField::Revenue => member.revenue_won.map(Value::Number).unwrap_or(Value::Text(String::new())),
            ImportField::JoinedOn => member
                .joined_on
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(Value::Date)
                .unwrap_or(Value::Text(String::new())),
            ImportField::SmallGroup => text(&groups.join(", ")),
            ImportField::Phone => text(&member.phone),
            ImportField::Email => text(&member.email),
            ImportField::Products => text(&member.products.join(", ")),
            ImportField::Technologies => text(&member.technologies.join(", ")),
            ImportField::Address => text(&member.address),
            ImportField::Industry => text(&member.industry),
            ImportField::Notes => text(&member.notes),
            _ => text(""),
        })
        .collect()
}

fn person_row(person: &Person) -> Vec<Value> {
    let text = |s: &str| Value::Text(s.to_string());
    PERSON_COLUMNS
        .iter()
        .map(|field| match field {
            ImportField::PersonName => text(&person.name),
            ImportField::Affiliation => text(&person.affiliation),
            ImportField::Title => text(&person.title),
            ImportField::Role => text(role_ko(person.role)),
            ImportField::Phone => text(&person.phone),
            ImportField::Email => text(&person.email),
            ImportField::Expertise => text(&person.expertise.join(", ")),
            _ => text(""),
        })
        .collect()
}

/// Which lists a workbook holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheets {
    /// 회원사 and 인력.
    Both,
    Members,
    People,
}

/// The directory as an xlsx workbook: sheet 회원사 and sheet 인력, each with a bold frozen
/// header row and an autofilter; won and counts as numbers (won with thousands
/// separators), join dates as dates.
pub fn directory_xlsx(conn: &Connection, cluster_id: &str, filter: &ExportFilter) -> Result<Vec<u8>, ImportError> {
    lists_xlsx(conn, cluster_id, filter, Sheets::Both)
}

/// As [`directory_xlsx`], with only the lists asked for.
pub fn lists_xlsx(
    conn: &Connection,
    cluster_id: &str,
    filter: &ExportFilter,
    which: Sheets,
) -> Result<Vec<u8>, ImportError> {
    let dir = directory(conn, cluster_id, filter)?;
    let write = || -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let header = Format::new().set_bold().set_background_color("#E8EEF7");
        let won = Format::new().set_num_format("#,##0");
        let date = Format::new().set_num_format("yyyy-mm-dd");
        if which != Sheets::People {
            let sheet = book.add_worksheet();
            sheet.set_name("회원사")?;
            let rows: Vec<Vec<Value>> = dir.members.iter().map(|(m, g)| member_row(m, g)).collect();
            fill(sheet, &member_columns(), &rows, &header, &won, &date)?;
        }
        if which != Sheets::Members {
            let sheet = book.add_worksheet();
            sheet.set_name("인력")?;
            let rows: Vec<Vec<Value>> = dir.people.iter().map(person_row).collect();
            fill(sheet, PERSON_COLUMNS, &rows, &header, &won, &date)?;
        }
        book.save_to_buffer()
    };
    write().map_err(|e| ImportError::Write(e.to_string()))
}

fn fill(
    sheet: &mut Worksheet,
    columns: &[ImportField],
    rows: &[Vec<Value>],
    header: &Format,
    won: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    for (c, field) in columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, field.label_ko(), header)?;
        let width = match field {
            ImportField::Name | ImportField::Affiliation | ImportField::Email => 24.0,
            ImportField::Address | ImportField::Products | ImportField::Technologies | ImportField::Notes => 36.0,
            ImportField::RegistrationNumber | ImportField::Phone | ImportField::Revenue => 16.0,
            _ => 12.0,
        };
        sheet.set_column_width(c, width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            match value {
                Value::Text(t) if t.is_empty() => {}
                Value::Text(t) => {
                    sheet.write_string(r, c, t)?;
                }
                Value::Number(n) if columns[c as usize] == ImportField::Revenue => {
                    sheet.write_number_with_format(r, c, *n as f64, won)?;
                }
                Value::Number(n) => {
                    sheet.write_number(r, c, *n as f64)?;
                }
                Value::Date(d) => {
                    sheet.write_datetime_with_format(r, c, d, date)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, columns.len() as u16 - 1)?;
    Ok(())
}

/// The members as CSV in UTF-8 with a BOM (without it, Korean Excel reads UTF-8 as CP949
/// and shows garbage), CRLF line ends as Excel writes them.
pub fn members_csv(conn: &Connection, cluster_id: &str, filter: &ExportFilter) -> Result<Vec<u8>, ImportError> {
    let dir = directory(conn, cluster_id, filter)?;
    let rows: Vec<Vec<Value>> = dir.members.iter().map(|(m, g)| member_row(m, g)).collect();
    csv_bytes(&member_columns(), &rows)
}

pub fn people_csv(conn: &Connection, cluster_id: &str, filter: &ExportFilter) -> Result<Vec<u8>, ImportError> {
    let dir = directory(conn, cluster_id, filter)?;
    let rows: Vec<Vec<Value>> = dir.people.iter().map(person_row).collect();
    csv_bytes(PERSON_COLUMNS, &rows)
}

/// Text as a CSV cell Excel will not run: a value starting with `=`, `+`, `-` or `@`
/// (a note "- 2019년 방문", a phone "+82 …", or something worse from a synced record)
/// gets a leading `'`, which the importer removes again.
fn formula_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\'']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn csv_bytes(columns: &[ImportField], rows: &[Vec<Value>]) -> Result<Vec<u8>, ImportError> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let fail = |e: csv::Error| ImportError::Write(e.to_string());
        writer.write_record(columns.iter().map(|f| f.label_ko())).map_err(fail)?;
        for row in rows {
            let fields = row.iter().map(|v| match v {
                Value::Text(t) => formula_safe(t),
                Value::Number(n) => n.to_string(),
                Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            });
            writer.write_record(fields).map_err(fail)?;
        }
        writer.flush().map_err(|e| ImportError::Write(e.to_string()))?;
    }
    Ok(out)
}
