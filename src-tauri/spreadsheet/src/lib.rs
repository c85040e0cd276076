//! The cluster's lists in and out of spreadsheets.
//!
//! Import: [`read`] turns a file (xlsx, xls, ods, CSV in any encoding Korean offices use)
//! into cells; [`columns`] finds the header row and what each column holds; [`values`]
//! reads money, counts and dates exactly or not at all; [`plan`] decides row by row what
//! an import would do, as the preview shows it; [`preview`] and [`import`] are the two
//! steps the window and the command line take. Confirming writes everything in one
//! desk-core action, so it syncs like any edit and `desk_core::undo` can revert it.
//!
//! Export: [`export`] writes the directory as xlsx (Korean headers, numbers as numbers,
//! dates as dates) and CSV (UTF-8 with a BOM, which Korean Excel opens correctly).

pub mod columns;
pub mod export;
pub mod plan;
pub mod read;
pub mod values;

use desk_core::cluster;
use desk_core::member;
use desk_core::person::{self, PersonInput, PersonRole};
use desk_core::{CoreError, Language, Store};
use serde::Serialize;

pub use columns::{ImportField, ListKind};
use plan::RowWrite;
pub use plan::{ImportChoices, ImportCounts, ImportPreview, RowAction, RowPreview, RowProblem};

/// Why a file could not be imported (or a list exported). Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {bytes} bytes; the limit is {limit}")]
    TooLarge { bytes: usize, limit: usize },
    #[error("the sheet has {rows} rows; the limit is {limit}")]
    TooManyRows { rows: usize, limit: usize },
    #[error("the sheet has {columns} columns; the limit is {limit}")]
    TooManyColumns { columns: usize, limit: usize },
    #[error("not a spreadsheet")]
    NotASpreadsheet,
    #[error("the file is password-protected")]
    PasswordProtected,
    #[error("no sheet named {name}")]
    NoSuchSheet { name: String, sheets: Vec<String> },
    #[error("no name column")]
    NoNameColumn { kind: ListKind },
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error("could not write the spreadsheet: {0}")]
    Write(String),
}

impl ImportError {
    /// Every code [`ImportError::code`] returns but the core's own.
    pub const CODES: &'static [&'static str] = &[
        "empty_file",
        "file_too_large",
        "too_many_rows",
        "too_many_columns",
        "not_a_spreadsheet",
        "password_protected",
        "no_such_sheet",
        "no_name_column",
        "export_failed",
    ];

    /// A stable code the window switches on.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Empty => "empty_file",
            ImportError::TooLarge { .. } => "file_too_large",
            ImportError::TooManyRows { .. } => "too_many_rows",
            ImportError::TooManyColumns { .. } => "too_many_columns",
            ImportError::NotASpreadsheet => "not_a_spreadsheet",
            ImportError::PasswordProtected => "password_protected",
            ImportError::NoSuchSheet { .. } => "no_such_sheet",
            ImportError::NoNameColumn { .. } => "no_name_column",
            ImportError::Core(e) => e.code(),
            ImportError::Write(_) => "export_failed",
        }
    }

    /// The message for the user, naming what is wrong and what to do.
    pub fn message(&self, lang: Language) -> String {
        let list = |kind: &ListKind| match (kind, lang) {
            (ListKind::Members, Language::Ko) => "업체명(또는 회사명·기업명)",
            (ListKind::People, Language::Ko) => "성명(또는 이름)",
            (ListKind::Members, Language::En) => "a name column (업체명, 회사명 or 기업명)",
            (ListKind::People, Language::En) => "a name column (성명 or 이름)",
        };
        match (self, lang) {
            (ImportError::Empty, Language::Ko) => "파일에 가져올 행이 없습니다. 내용이 있는 파일인지 확인하세요.".into(),
            (ImportError::Empty, Language::En) => "The file has no rows to import.".into(),
            (ImportError::TooLarge { bytes, limit }, Language::Ko) => format!(
                "파일이 너무 큽니다 ({:.1} MB). {} MB 이하의 명단 파일만 가져올 수 있습니다.",
                *bytes as f64 / 1_048_576.0,
                limit / 1_048_576
            ),
            (ImportError::TooLarge { bytes, limit }, Language::En) => format!(
                "The file is too large ({:.1} MB); lists up to {} MB can be imported.",
                *bytes as f64 / 1_048_576.0,
                limit / 1_048_576
            ),
            (ImportError::TooManyRows { rows, limit }, Language::Ko) => {
                format!("시트의 행이 너무 많습니다 ({rows}행). 한 번에 {limit}행까지 가져올 수 있습니다.")
            }
            (ImportError::TooManyRows { rows, limit }, Language::En) => {
                format!("The sheet has too many rows ({rows}); up to {limit} can be imported at once.")
            }
            (ImportError::TooManyColumns { columns, limit }, Language::Ko) => {
                format!("열이 너무 많습니다 ({columns}열). 명단은 {limit}열까지 가져올 수 있습니다. 구분자가 맞는지 확인하세요.")
            }
            (ImportError::TooManyColumns { columns, limit }, Language::En) => {
                format!("The sheet has too many columns ({columns}); a list can have up to {limit}. Check the separator.")
            }
            (ImportError::NotASpreadsheet, Language::Ko) => {
                "엑셀(xlsx·xls)·ODS·CSV 파일이 아닙니다. 엑셀에서 '다른 이름으로 저장'으로 xlsx나 CSV로 저장해 가져오세요.".into()
            }
            (ImportError::NotASpreadsheet, Language::En) => {
                "This is not an Excel (xlsx, xls), ODS or CSV file; save it as xlsx or CSV from Excel and import that.".into()
            }
            (ImportError::PasswordProtected, Language::Ko) => {
                "암호가 걸린 파일입니다. 엑셀에서 암호를 해제하고 저장한 뒤 가져오세요.".into()
            }
            (ImportError::PasswordProtected, Language::En) => {
                "The file is password-protected; remove the password in Excel, save, and import again.".into()
            }
            (ImportError::NoSuchSheet { name, sheets }, Language::Ko) => {
                format!("'{name}' 시트가 없습니다. 있는 시트: {}", sheets.join(", "))
            }
            (ImportError::NoSuchSheet { name, sheets }, Language::En) => {
                format!("There is no sheet '{name}'. Sheets: {}", sheets.join(", "))
            }
            (ImportError::NoNameColumn { kind }, Language::Ko) => {
                format!("이름 열이 지정되지 않았습니다. 열 지정에서 {}을(를) 고르세요.", list(kind))
            }
            (ImportError::NoNameColumn { kind }, Language::En) => {
                format!("No column is mapped to the name; map {} in the column mapping.", list(kind))
            }
            (ImportError::Core(e), lang) => e.message(lang),
            (ImportError::Write(detail), Language::Ko) => format!("파일을 만들지 못했습니다: {detail}"),
            (ImportError::Write(detail), Language::En) => format!("Could not write the file: {detail}"),
        }
    }
}

/// What confirming an import did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportDone {
    pub counts: ImportCounts,
    /// The action to pass to `desk_core::undo::revert_action` ("Undo this import");
    /// None when nothing was written.
    pub action_id: Option<String>,
}

/// What importing `bytes` as a `kind` list into the cluster would do, writing nothing.
pub fn preview(
    conn: &rusqlite::Connection,
    cluster_id: &str,
    kind: ListKind,
    bytes: &[u8],
    choices: &ImportChoices,
) -> Result<ImportPreview, ImportError> {
    let mut workbook = read::read(bytes)?;
    Ok(plan::plan(conn, cluster_id, kind, &mut workbook, choices)?.preview)
}

/// Imports `bytes` as the preview with the same `choices` showed it, in one action: all
/// rows that are not refused, or (on any failure) nothing at all. The mapping used is
/// remembered for the next file with the same headers.
pub fn import(
    store: &mut Store,
    cluster_id: &str,
    kind: ListKind,
    bytes: &[u8],
    choices: &ImportChoices,
) -> Result<ImportDone, ImportError> {
    let mut workbook = read::read(bytes)?;
    let plan = plan::plan(store.conn(), cluster_id, kind, &mut workbook, choices)?;
    if plan.preview.needs_name {
        return Err(ImportError::NoNameColumn { kind });
    }
    let counts = plan.preview.counts;
    let mapping = serde_json::to_string(&plan.mapping).map_err(|e| ImportError::Write(e.to_string()))?;
    let action_id = store.write(|w| {
        let mut groups: std::collections::HashMap<String, String> =
            cluster::small_groups(w.tx(), cluster_id)?.into_iter().map(|g| (g.name.trim().to_string(), g.id)).collect();
        let mut wrote = false;
        for row in plan.rows {
            let Some(write) = row.write else { continue };
            wrote = true;
            match write {
                RowWrite::CreateMember { input, groups: join, contact } => {
                    let id = member::create(w, cluster_id, &input)?;
                    member_extras(w, cluster_id, &id, &join, &mut groups, contact)?;
                }
                RowWrite::UpdateMember { id, input, groups: join, contact } => {
                    member::update(w, &id, &input)?;
                    member_extras(w, cluster_id, &id, &join, &mut groups, contact)?;
                }
                RowWrite::CreatePerson(input) => {
                    person::create(w, cluster_id, &input)?;
                }
                RowWrite::UpdatePerson { id, input } => person::update(w, &id, &input)?,
            }
        }
        desk_core::db::set_local_setting(w.tx(), &plan.mapping_key, &mapping)?;
        Ok(wrote.then(|| w.action_id().to_string()))
    })?;
    Ok(ImportDone { counts, action_id })
}

fn member_extras(
    w: &mut desk_core::Write<'_>,
    cluster_id: &str,
    member_id: &str,
    join: &[String],
    groups: &mut std::collections::HashMap<String, String>,
    contact: Option<String>,
) -> Result<(), CoreError> {
    for name in join {
        let group_id = match groups.get(name) {
            Some(id) => id.clone(),
            None => {
                let id = cluster::create_small_group(w, cluster_id, name, "")?;
                groups.insert(name.clone(), id.clone());
                id
            }
        };
        cluster::add_to_small_group(w, &group_id, member_id)?;
    }
    if let Some(name) = contact {
        let input = PersonInput {
            role: Some(PersonRole::Staff),
            name,
            member_id: Some(member_id.to_string()),
            title: "담당자".into(),
            ..PersonInput::default()
        };
        person::create(w, cluster_id, &input)?;
    }
    Ok(())
}
