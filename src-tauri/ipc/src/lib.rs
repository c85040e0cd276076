//! The types that cross the IPC boundary and are not the core's own: the error every
//! command may return and the app's start-up status. TypeScript declarations for these
//! and for the core types the commands return are generated into `ui/src/bindings/` by
//! [`bindings`], without Tauri, so the core's own tests can keep them current.

pub mod bindings;

use desk_core::{CoreError, Language};
use desk_sync::SyncFailure;
use serde::Serialize;
use ts_rs::TS;

/// A command's failure as the window receives it: a stable `code` to switch on, a
/// message in the user's language, and, for validation, the fields and rules broken.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ApiError {
    /// One of the codes in the generated `ErrorCode.ts` union.
    #[ts(type = "ErrorCode")]
    pub code: String,
    pub message: String,
    pub fields: Vec<ApiFieldError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ApiFieldError {
    pub field: String,
    pub rule: String,
    pub message: String,
}

impl ApiError {
    pub fn from_core(error: &CoreError, lang: Language) -> ApiError {
        ApiError {
            code: error.code().to_string(),
            message: error.message(lang),
            fields: error
                .field_errors()
                .iter()
                .map(|e| ApiFieldError {
                    field: e.field.clone(),
                    rule: e.rule.clone(),
                    message: e.message(lang).to_string(),
                })
                .collect(),
        }
    }

    /// A failure the shell itself reports (a broken window state, a file it cannot write).
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError { code: INTERNAL.into(), message: message.into(), fields: Vec::new() }
    }

    /// A form field the shell checks itself, named with the rule it breaks.
    pub fn invalid_form(message: String, fields: Vec<ApiFieldError>) -> ApiError {
        ApiError { code: VALIDATION.into(), message, fields }
    }

    /// An import or export failure: the file's problem, named for the user.
    pub fn from_import(error: &desk_spreadsheet::ImportError, lang: Language) -> ApiError {
        match error {
            desk_spreadsheet::ImportError::Core(core) => ApiError::from_core(core, lang),
            other => ApiError { code: other.code().into(), message: other.message(lang), fields: Vec::new() },
        }
    }

    /// A report that could not be made: bad input, a missing record, or the typesetting.
    pub fn from_report(error: &desk_reports::ReportError, lang: Language) -> ApiError {
        match error {
            desk_reports::ReportError::Core(core) => ApiError::from_core(core, lang),
            other => ApiError { code: other.code().into(), message: other.message(lang), fields: Vec::new() },
        }
    }

    pub fn from_sync(failure: &SyncFailure, lang: Language) -> ApiError {
        let message = match lang {
            Language::Ko => failure.message_ko.clone(),
            Language::En => failure.message_en.clone(),
        };
        let fields = failure
            .field
            .iter()
            .map(|field| ApiFieldError { field: field.clone(), rule: failure.code.clone(), message: message.clone() })
            .collect();
        ApiError { code: failure.code.clone(), message, fields }
    }
}

/// The shell's own codes, beside the core's and the sync's.
const INTERNAL: &str = "internal";
const VALIDATION: &str = "validation";

/// Every code an [`ApiError`] can carry, in a stable order without repeats.
pub fn error_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = Vec::new();
    let all = CoreError::CODES
        .iter()
        .copied()
        .chain(desk_spreadsheet::ImportError::CODES.iter().copied())
        .chain(desk_reports::ReportError::CODES.iter().copied())
        .chain(desk_sync::failure::all_codes())
        .chain([INTERNAL, VALIDATION]);
    for code in all {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

/// What the window needs to know first: which database is open and in which language.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppStatus {
    pub database_path: String,
    /// Set when the database could not be opened; the window shows it instead of data.
    pub open_error: Option<ApiError>,
    pub has_cluster: bool,
    pub language: Language,
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A file the user picked in the window, sent as base64.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, TS)]
pub struct UploadedFile {
    pub file_name: String,
    pub data_base64: String,
}

/// Where an export was written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExportedFile {
    pub path: String,
    pub file_name: String,
}

/// Which report the 보고서 page asks for.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportRequest {
    /// `from` and `to` are `YYYY-MM-DD`, both included.
    Activity {
        from: String,
        to: String,
    },
    Minutes {
        event_id: String,
    },
    Project {
        project_id: String,
    },
}

/// The file a report is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Pdf,
    Xlsx,
}

/// A report's contents, for the page's preview.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", content = "report", rename_all = "snake_case")]
pub enum ReportPreview {
    Activity(desk_reports::ActivityReport),
    Minutes(desk_reports::MinutesDocument),
    Project(desk_reports::ProjectReport),
}

impl ReportRequest {
    /// The report this asks for; a date that is not `YYYY-MM-DD` or a period that ends
    /// before it starts is refused, naming the field.
    pub fn kind(&self) -> Result<desk_reports::ReportKind, desk_reports::ReportError> {
        use desk_reports::{Period, ReportKind};
        Ok(match self {
            ReportRequest::Activity { from, to } => {
                let date = |field: &str, text: &str| {
                    desk_core::time::parse_date(text).ok_or_else(|| {
                        desk_reports::ReportError::Core(CoreError::Validation(vec![desk_core::FieldError::new(
                            field,
                            "date",
                            "날짜는 YYYY-MM-DD 형식으로 입력하세요.",
                            "Enter the date as YYYY-MM-DD.",
                        )]))
                    })
                };
                ReportKind::Activity(Period::new(date("from", from)?, date("to", to)?)?)
            }
            ReportRequest::Minutes { event_id } => ReportKind::Minutes { event_id: event_id.clone() },
            ReportRequest::Project { project_id } => ReportKind::Project { project_id: project_id.clone() },
        })
    }
}

/// What the status bar and the sync settings show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SyncStatus {
    pub sync: desk_core::sync::SyncState,
    /// A device token is stored on this laptop.
    pub signed_in: bool,
    /// A sync is running right now.
    pub syncing: bool,
}

/// The sign-in form of the sync settings.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, TS)]
pub struct SignInForm {
    pub server_url: String,
    pub login: String,
    pub password: String,
    /// Empty when the account works for one cluster only.
    pub cluster_id: String,
}

/// What the directory's export button writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DirectoryExport {
    /// Members and people, two sheets of one workbook.
    Xlsx,
    /// Members as CSV in UTF-8 with a BOM.
    MembersCsv,
    /// People as CSV in UTF-8 with a BOM.
    PeopleCsv,
}
