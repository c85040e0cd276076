//! The paperwork head office asks for, made from the cluster's database.
//!
//! - `activity`, `minutes`, `project` gather a report's figures and rows, each a query of
//!   the database (reads only; `&Connection`);
//! - `typeset` lays a report out as an A4 PDF with Typst (the templates are in
//!   `templates/`, the Korean font is embedded);
//! - `workbook` writes the activity report as an Excel workbook, a sheet per section;
//! - `labels` names codes as the window does (from its Korean message file).
//!
//! Nothing here writes to the database or depends on the window.

pub mod activity;
pub mod labels;
pub mod minutes;
pub mod project;
pub mod typeset;
pub mod workbook;

use chrono::NaiveDate;
use desk_core::{CoreError, FieldError, Language};
use rusqlite::Connection;
use serde::Serialize;

pub use activity::{ActivityReport, Period};
pub use minutes::MinutesDocument;
pub use project::ProjectReport;

/// What can go wrong making a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Bad input (a period that ends before it starts), a missing event or project, or
    /// the database.
    #[error(transparent)]
    Core(#[from] CoreError),
    /// Typst could not lay the document out (a bug in a template, never the data).
    #[error("typesetting failed: {0}")]
    Typesetting(String),
    /// The workbook could not be written.
    #[error("workbook failed: {0}")]
    Workbook(String),
}

impl From<rusqlite::Error> for ReportError {
    fn from(e: rusqlite::Error) -> ReportError {
        ReportError::Core(CoreError::Database(e))
    }
}

impl ReportError {
    /// The codes of its own (the core's come on top), for the window's union of codes.
    pub const CODES: &'static [&'static str] = &["report_failed"];

    pub(crate) fn invalid(field: &str, ko: &str, en: &str) -> ReportError {
        ReportError::Core(CoreError::Validation(vec![FieldError::new(field, "period", ko, en)]))
    }

    pub fn code(&self) -> &'static str {
        match self {
            ReportError::Core(e) => e.code(),
            ReportError::Typesetting(_) | ReportError::Workbook(_) => "report_failed",
        }
    }

    pub fn message(&self, lang: Language) -> String {
        match (self, lang) {
            (ReportError::Core(e), _) => e.message(lang),
            (ReportError::Typesetting(detail) | ReportError::Workbook(detail), Language::Ko) => {
                format!("보고서를 만들지 못했습니다: {detail}")
            }
            (ReportError::Typesetting(detail) | ReportError::Workbook(detail), Language::En) => {
                format!("The report could not be made: {detail}")
            }
        }
    }
}

/// The cover of every report: whose it is and when it was made.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportHeader {
    pub title: String,
    pub cluster: String,
    pub complex: String,
    pub region: String,
    pub manager: String,
    /// The period or the day the report covers, as printed.
    pub period: String,
    pub generated_on: String,
}

impl ReportHeader {
    pub(crate) fn of_cluster(
        conn: &Connection,
        title: &str,
        period: String,
        generated_on: NaiveDate,
    ) -> Result<ReportHeader, ReportError> {
        let cluster =
            desk_core::cluster::current(conn)?.ok_or(CoreError::NotFound { kind: "cluster", id: String::new() })?;
        Ok(ReportHeader {
            title: title.to_string(),
            cluster: cluster.name,
            complex: cluster.complex_name,
            region: labels::korean("region", cluster.region.as_str()),
            manager: cluster.manager_name,
            period,
            generated_on: generated_on.format("%Y-%m-%d").to_string(),
        })
    }
}

/// Which report, for the command line and the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportKind {
    Activity(Period),
    Minutes { event_id: String },
    Project { project_id: String },
}

/// The file formats a report comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    /// The activity report only.
    Xlsx,
}

/// Makes a report as the bytes of a file.
pub fn render(conn: &Connection, kind: &ReportKind, format: Format, today: NaiveDate) -> Result<Vec<u8>, ReportError> {
    match (kind, format) {
        (ReportKind::Activity(period), Format::Pdf) => {
            typeset::activity_pdf(&ActivityReport::gather(conn, *period, today)?)
        }
        (ReportKind::Activity(period), Format::Xlsx) => {
            workbook::activity_xlsx(&ActivityReport::gather(conn, *period, today)?)
        }
        (ReportKind::Minutes { event_id }, Format::Pdf) => {
            typeset::minutes_pdf(&MinutesDocument::gather(conn, event_id, today)?)
        }
        (ReportKind::Project { project_id }, Format::Pdf) => {
            typeset::project_pdf(&ProjectReport::gather(conn, project_id, today)?)
        }
        (_, Format::Xlsx) => Err(ReportError::invalid(
            "format",
            "엑셀 파일은 활동 실적 보고서만 만들 수 있습니다. PDF를 고르세요.",
            "Only the activity report comes as an Excel file; choose PDF.",
        )),
    }
}

/// The file name a report is saved under: what it is, whose, and when.
pub fn file_name(conn: &Connection, kind: &ReportKind, format: Format) -> Result<String, ReportError> {
    let extension = match format {
        Format::Pdf => "pdf",
        Format::Xlsx => "xlsx",
    };
    // Characters Windows does not allow in a file name become `_`.
    let clean = |text: &str| -> String {
        text.chars().map(|c| if "\\/:*?\"<>|".contains(c) || c.is_control() { '_' } else { c }).take(60).collect()
    };
    let stem = match kind {
        ReportKind::Activity(period) => format!("활동실적보고서_{}_{}", period.from, period.to),
        ReportKind::Minutes { event_id } => {
            let (title, day): (String, String) = conn
                .query_row("SELECT title, substr(starts_at, 1, 10) FROM event WHERE id = ?1", [event_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .map_err(|_| CoreError::NotFound { kind: "event", id: event_id.clone() })?;
            format!("회의록_{day}_{}", clean(&title))
        }
        ReportKind::Project { project_id } => {
            let title: String = conn
                .query_row("SELECT title FROM project WHERE id = ?1", [project_id], |r| r.get(0))
                .map_err(|_| CoreError::NotFound { kind: "project", id: project_id.clone() })?;
            format!("과제결과보고서_{}", clean(&title))
        }
    };
    Ok(format!("{stem}.{extension}"))
}

/// Every row `sql` finds, each made by `row`.
pub(crate) fn rows<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let found = stmt.query_map(params, row)?.collect();
    found
}
