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
