//! The core of Cluster Desk: one manager's cluster in one SQLite file.
//!
//! It holds the domain (members, people, events, issues found, projects), validates
//! every write, logs each changed field with a hybrid-logical-clock time for history and
//! sync, searches Korean text inside words, and suggests partners for an issue. It
//! deliberately knows nothing of Tauri, windows or HTTP: the desktop shell and the sync
//! client call it, and its tests run without a window.

pub mod attachment;
pub mod cluster;
pub mod db;
pub mod error;
pub mod event;
pub mod history;
pub mod home;
pub mod ics;
pub mod issue;
pub mod korean;
pub mod matching;
pub mod member;
pub mod minutes_draft;
pub mod person;
pub mod project;
mod schema;
pub mod search;
pub mod sync;
pub mod time;
pub mod undo;
pub mod validate;
pub mod visit;

pub use db::{Store, Write};
pub use error::{CoreError, CoreResult, FieldError, Language};
/// The hybrid logical clock is part of the protocol, so it lives in the wire crate.
pub use sync_wire::hlc;

/// A new record id: UUIDv7, so ids sort by creation time and index well.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Declares a closed set of codes stored as text, with parsing that names the field.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("unknown {} code {text:?}", stringify!($name)).into()))
            }
        }

        impl From<$name> for rusqlite::types::Value {
            fn from(value: $name) -> Self {
                rusqlite::types::Value::Text(value.as_str().to_string())
            }
        }
    };
}
