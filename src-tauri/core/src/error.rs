//! Errors of the core: what went wrong, in words a cluster manager can act on, in Korean and English.
//!
//! Validation problems name the field and the rule. A value of [`CoreError`] always has a
//! stable machine `code` (for the UI and for tests) and a message in each language.

use serde::Serialize;

/// The languages the product speaks. Korean is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Ko,
    En,
}

/// One broken rule on one field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldError {
    /// The field's name as the form knows it, e.g. `registration_number`.
    pub field: String,
    /// A stable rule code, e.g. `check_digit`, `required`, `duplicate`.
    pub rule: String,
    pub message_ko: String,
    pub message_en: String,
}

impl FieldError {
    pub fn new(field: &str, rule: &str, message_ko: impl Into<String>, message_en: impl Into<String>) -> Self {
        FieldError {
            field: field.to_string(),
            rule: rule.to_string(),
            message_ko: message_ko.into(),
            message_en: message_en.into(),
        }
    }

    pub fn message(&self, lang: Language) -> &str {
        match lang {
            Language::Ko => &self.message_ko,
            Language::En => &self.message_en,
        }
    }

    /// This one error as a failed validation.
    pub fn into_error(self) -> CoreError {
        CoreError::Validation(vec![self])
    }

    /// A required field left empty.
    pub fn required(field: &str, label_ko: &str, label_en: &str) -> Self {
        FieldError::new(
            field,
            "required",
            format!("{} 입력하세요.", crate::korean::with_object_particle(label_ko)),
            format!("{label_en} is required."),
        )
    }
}

/// Everything the core can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The input breaks one or more rules; nothing was written.
    #[error("validation failed: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message_en)).collect::<Vec<_>>().join("; "))]
    Validation(Vec<FieldError>),
    /// The record asked for does not exist (or was deleted).
    #[error("{kind} {id} not found")]
    NotFound { kind: &'static str, id: String },
    /// The database file was written by a newer version of the app; it is left untouched.
    #[error("database schema version {found} is newer than this app supports ({supported})")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

impl CoreError {
    /// Every code [`CoreError::code`] can return, for the window's typed union of codes.
    pub const CODES: &'static [&'static str] = &["validation", "not_found", "schema_too_new", "database", "io"];

    /// A stable code the UI switches on.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Validation(_) => "validation",
            CoreError::NotFound { .. } => "not_found",
            CoreError::SchemaTooNew { .. } => "schema_too_new",
            CoreError::Database(_) => "database",
            CoreError::Io(_) => "io",
        }
    }

    /// The message shown to the user.
    pub fn message(&self, lang: Language) -> String {
        match (self, lang) {
            (CoreError::Validation(errors), _) => errors
                .iter()
                .map(|e| e.message(lang).to_string())
                .collect::<Vec<_>>()
                .join(" "),
            (CoreError::NotFound { .. }, Language::Ko) => "찾는 기록이 없습니다. 삭제되었을 수 있습니다.".into(),
            (CoreError::NotFound { kind, .. }, Language::En) => {
                format!("The {kind} could not be found; it may have been deleted.")
            }
            (CoreError::SchemaTooNew { .. }, Language::Ko) => {
                "이 데이터베이스는 더 새로운 버전의 클러스터 데스크에서 만들어졌습니다. 앱을 업데이트하세요. 파일은 변경하지 않았습니다.".into()
            }
            (CoreError::SchemaTooNew { .. }, Language::En) => {
                "This database was written by a newer version of Cluster Desk. Update the app; the file was not changed.".into()
            }
            (CoreError::Database(e), Language::Ko) => format!("데이터베이스 오류: {e}"),
            (CoreError::Database(e), Language::En) => format!("Database error: {e}"),
            (CoreError::Io(e), Language::Ko) => format!("파일 오류: {e}"),
            (CoreError::Io(e), Language::En) => format!("File error: {e}"),
        }
    }

    /// The field errors, if this is a validation failure.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            CoreError::Validation(errors) => errors,
            _ => &[],
        }
    }
}

pub type CoreResult<T> = Result<T, CoreError>;

/// Collects field errors while a form is checked, so the user sees all of them at once.
#[derive(Debug, Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    pub fn require(&mut self, field: &str, value: &str, label_ko: &str, label_en: &str) {
        if value.trim().is_empty() {
            self.push(FieldError::required(field, label_ko, label_en));
        }
    }

    pub fn finish(self) -> CoreResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(CoreError::Validation(self.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CoreError;

    #[test]
    fn codes_lists_the_code_of_every_error() {
        let errors = [
            CoreError::Validation(Vec::new()),
            CoreError::NotFound { kind: "member", id: "x".into() },
            CoreError::SchemaTooNew { found: 9, supported: 4 },
            CoreError::Database(rusqlite::Error::InvalidQuery),
            CoreError::Io(std::io::Error::other("disk")),
        ];
        let codes: Vec<&str> = errors.iter().map(CoreError::code).collect();
        assert_eq!(codes, CoreError::CODES);
    }
}
