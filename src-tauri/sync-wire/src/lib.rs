//! The sync protocol's types, shared by the desktop's sync client and the head-office server.
//!
//! Everything that crosses the network is defined here and nowhere else, so the two
//! programs cannot drift apart. `docs/sync.md` is the prose specification of the same
//! protocol; the constants below are the numbers it quotes.

pub mod hlc;
pub mod tables;

use serde::{Deserialize, Serialize};

pub use tables::{
    is_head_office_field, synced_table, SyncedTable, PERSON_ROLES, PROJECT_STAGES, REGIONS, SYNCED_TABLES,
};

/// The protocol version this build speaks. Sent in [`PROTOCOL_HEADER`] on every request.
pub const PROTOCOL: u16 = 1;
/// The oldest protocol version the server still accepts. A client older than this gets
/// `426 Upgrade Required` with [`ErrorCode::UpdateRequired`].
pub const OLDEST_PROTOCOL: u16 = 1;
/// The request header that carries the client's protocol version.
pub const PROTOCOL_HEADER: &str = "x-cluster-desk-protocol";
/// The desktop database schema version a change must come from (the field names and
/// meanings of [`SYNCED_TABLES`] belong to it). A newer laptop schema is refused with
/// `426` as well, so an old server never half-understands a new client.
pub const SCHEMA_VERSION: i64 = 5;
/// The oldest desktop schema version whose changes the server still accepts. Versions 4
/// and 5 added only local tables and columns (the minutes editor's drafts and the text
/// they started from), so version 3's fields are the same and its laptops still sync.
pub const OLDEST_SCHEMA_VERSION: i64 = 3;

/// At most this many changes in one push or pull page.
pub const MAX_PAGE_CHANGES: usize = 1000;
/// The largest request body the server reads, after decompression (a full page of long
/// minutes fits with room to spare).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// The largest compressed request body the server reads.
pub const MAX_COMPRESSED_BODY_BYTES: usize = 4 * 1024 * 1024;
/// The largest attachment, the same limit the desktop enforces when a file is added.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// The largest piece of a file sent in one upload request.
pub const MAX_FILE_CHUNK_BYTES: usize = 4 * 1024 * 1024;

/// `POST /v1/session`: a laptop signs in once and receives its device token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRequest {
    pub login: String,
    pub password: String,
    /// The head-office id of the cluster this laptop works for. A manager bound to one
    /// cluster may leave it empty.
    #[serde(default)]
    pub cluster_id: String,
    /// The laptop's own id (its database's `device_id`).
    pub device_id: String,
    /// A name for the device list, e.g. the computer's host name.
    #[serde(default)]
    pub device_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInResponse {
    /// The bearer token for every later request. Shown once; the server keeps only a hash.
    pub token: String,
    pub account_name: String,
    pub role: Role,
    /// The cluster this token is scoped to; `None` for head-office staff.
    pub cluster: Option<ClusterInfo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Head-office staff: read every cluster, make head-office decisions.
    Staff,
    /// A cluster manager: reads and writes only the clusters they are bound to.
    Manager,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Manager => "manager",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "staff" => Some(Role::Staff),
            "manager" => Some(Role::Manager),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterInfo {
    pub id: String,
    pub name: String,
    pub region: String,
}

/// One changed field, as the laptop's change log holds it. Values are JSON text exactly
/// as logged (`"\"text\""`, `"42"`), `None` for SQL NULL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The laptop's change-log sequence number: gap-free per device, the push cursor and
    /// the idempotency key (with the device id taken from the token).
    pub client_seq: i64,
    /// Hybrid logical clock time, `millis-counter-node` in fixed-width hex.
    pub hlc: String,
    /// Groups the changes of one user action.
    pub action_id: String,
    pub table: String,
    pub record_id: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// `POST /v1/push`: the next page of the laptop's own changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRequest {
    /// The desktop schema version the changes were written under.
    pub schema_version: i64,
    /// In ascending `client_seq` order, at most [`MAX_PAGE_CHANGES`].
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    /// Every change up to this `client_seq` is stored on the server (this page's last).
    pub acknowledged_client_seq: i64,
    /// How many were new; the others had been pushed before and were ignored.
    pub accepted: u32,
    pub duplicates: u32,
    /// The server's clock, so a laptop whose clock is behind moves forward.
    pub server_hlc: String,
}

/// `GET /v1/pull?cursor=N&limit=M`: changes from other devices and from head office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullResponse {
    /// In server order, which is the order they must be applied in.
    pub changes: Vec<RemoteChange>,
    /// Where the next pull starts. Store it together with the applied changes.
    pub cursor: i64,
    /// Whether another page is waiting.
    pub more: bool,
    pub server_hlc: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteChange {
    pub server_seq: i64,
    /// Which device wrote it; [`HEAD_OFFICE_DEVICE`] for head office's own decisions.
    pub device_id: String,
    pub hlc: String,
    pub action_id: String,
    pub table: String,
    pub record_id: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// Whether `id` can be a record id: 1 to 200 characters of `[0-9A-Za-z/-]` (UUIDs and
/// link ids `<parent>/<infix><child>`). Both sides refuse anything else, so an id can
/// never carry a path, a quote or a control character into a query, a log or a file.
pub fn valid_record_id(id: &str) -> bool {
    (1..=200).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/')
}

/// Whether `id` can be an action id: 1 to 64 characters of `[0-9A-Za-z-]` (a UUID). A
/// longer one would let one device bloat every pull of its cluster.
pub fn valid_action_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// An attachment's SHA-256 in lower-case hex: the one form a file is named by, on the
/// laptop and at head office. A hash arrives by sync and by URL, so anything else (upper
/// case, a path, `..`) must never be taken for one; every check goes through [`ContentHash::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ContentHash(String);

impl ContentHash {
    /// The hash, if `text` is exactly 64 lower-case hex digits.
    pub fn parse(text: &str) -> Option<ContentHash> {
        let valid = text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        valid.then(|| ContentHash(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The device id under which head office's own changes travel.
pub const HEAD_OFFICE_DEVICE: &str = "head-office";

/// `POST /v1/head-office/decisions` (staff only): head office decides on a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectDecision {
    pub project_id: String,
    /// The project's cluster. Needed only when two clusters hold a project of this id
    /// (ids are per cluster); head office's screens always send it.
    #[serde(default)]
    pub cluster_id: Option<String>,
    /// The new stage code (`approved`, `rejected`, ...), if the decision moves it.
    #[serde(default)]
    pub stage: Option<String>,
    /// The approved government contribution in won.
    #[serde(default)]
    pub approved_government_won: Option<i64>,
    #[serde(default)]
    pub reason: String,
    /// `YYYY-MM-DD` of the decision.
    pub decided_on: String,
}

/// `POST /v1/head-office/experts` (staff only): an expert added to the national directory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationalExpert {
    pub name: String,
    /// A person role code (`professor`, `researcher`, `consultant`, ...); when absent it
    /// is read from the affiliation (a university → professor, an institute → researcher).
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub affiliation: String,
    #[serde(default)]
    pub title: String,
    /// Comma-separated keywords.
    #[serde(default)]
    pub expertise: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    /// A region code, e.g. `incheon`.
    #[serde(default)]
    pub home_region: Option<String>,
}

/// The answer to a head-office write: the changes it made, as laptops will pull them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadOfficeWriteResponse {
    pub record_id: String,
    pub changes: u32,
}

/// `GET /v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub protocol: u16,
    pub oldest_protocol: u16,
}

/// `HEAD /v1/files/{sha256}` answers with this header: how many bytes of the file the
/// server already holds, so an interrupted upload resumes there.
pub const UPLOAD_OFFSET_HEADER: &str = "upload-offset";

/// Every error the server returns has this body, with a status code that says whether
/// retrying can help (`5xx`, `429`) or not (`4xx`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// For the manager, in Korean.
    pub message_ko: String,
    pub message_en: String,
    /// The request field the error is about, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For a refused push page: the changes that can never be accepted. The rest of the
    /// page was not written either; the client sets these aside and pushes the others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<RejectedChange>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message_ko: impl Into<String>, message_en: impl Into<String>) -> ErrorBody {
        ErrorBody {
            code,
            message_ko: message_ko.into(),
            message_en: message_en.into(),
            field: None,
            rejected: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 426: the client's protocol or schema is older than the server accepts.
    UpdateRequired,
    /// 400: the body is not valid JSON of the expected shape, or is truncated.
    MalformedBody,
    /// 413: the body or file is larger than the limit.
    TooLarge,
    /// 401: no token, an unknown token, or a revoked one.
    Unauthorized,
    /// 401 at sign-in: the login or the password is wrong.
    WrongCredentials,
    /// 429: too many failed sign-ins; wait (see `Retry-After`).
    TooManyAttempts,
    /// 403: the account may not touch that cluster or record.
    Forbidden,
    /// 422: some changes of a push can never be applied (see `rejected`).
    RejectedChanges,
    /// 422: a field of the request breaks a rule (see `field`).
    InvalidField,
    /// 404
    NotFound,
    /// 409: an upload's offset or hash does not match what the server holds.
    UploadMismatch,
    /// 409: this device pushed different changes under the same sequence numbers before
    /// (a database restored from a backup or copied to a second laptop).
    DeviceReused,
    /// 507: storing this would take the cluster or the device over its storage quota.
    QuotaExceeded,
    /// 500
    Internal,
}

impl ErrorCode {
    /// Every code, for the window's typed union of error codes.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::UpdateRequired,
        ErrorCode::MalformedBody,
        ErrorCode::TooLarge,
        ErrorCode::Unauthorized,
        ErrorCode::WrongCredentials,
        ErrorCode::TooManyAttempts,
        ErrorCode::Forbidden,
        ErrorCode::RejectedChanges,
        ErrorCode::InvalidField,
        ErrorCode::NotFound,
        ErrorCode::UploadMismatch,
        ErrorCode::DeviceReused,
        ErrorCode::QuotaExceeded,
        ErrorCode::Internal,
    ];

    /// The code as it is written on the wire (`snake_case`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::UpdateRequired => "update_required",
            ErrorCode::MalformedBody => "malformed_body",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::WrongCredentials => "wrong_credentials",
            ErrorCode::TooManyAttempts => "too_many_attempts",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::RejectedChanges => "rejected_changes",
            ErrorCode::InvalidField => "invalid_field",
            ErrorCode::NotFound => "not_found",
            ErrorCode::UploadMismatch => "upload_mismatch",
            ErrorCode::DeviceReused => "device_reused",
            ErrorCode::QuotaExceeded => "quota_exceeded",
            ErrorCode::Internal => "internal",
        }
    }
}

/// One change of a push that the server will never accept, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedChange {
    pub client_seq: i64,
    /// `unknown_table`, `unknown_field`, `other_cluster`, `head_office_only`, `bad_value`.
    pub reason: String,
    pub message_ko: String,
    pub message_en: String,
}

#[cfg(test)]
mod content_hash_tests {
    use super::ContentHash;

    #[test]
    fn only_lower_case_sha256_hex_is_a_content_hash() {
        let good = "0123456789abcdef".repeat(4);
        assert_eq!(ContentHash::parse(&good).map(|h| h.as_str().to_string()), Some(good.clone()));
        assert_eq!(ContentHash::parse(&good.to_uppercase()), None, "upper case is another name");
        assert_eq!(ContentHash::parse(&good[..63]), None);
        assert_eq!(ContentHash::parse(&format!("../{}", &good[3..])), None);
        assert_eq!(ContentHash::parse(""), None);
    }
}

#[cfg(test)]
mod error_code_tests {
    use super::ErrorCode;

    /// A new variant does not compile here until it is numbered, and then the test below
    /// fails until it is in [`ErrorCode::ALL`] too.
    fn number(code: ErrorCode) -> usize {
        match code {
            ErrorCode::UpdateRequired => 0,
            ErrorCode::MalformedBody => 1,
            ErrorCode::TooLarge => 2,
            ErrorCode::Unauthorized => 3,
            ErrorCode::WrongCredentials => 4,
            ErrorCode::TooManyAttempts => 5,
            ErrorCode::Forbidden => 6,
            ErrorCode::RejectedChanges => 7,
            ErrorCode::InvalidField => 8,
            ErrorCode::NotFound => 9,
            ErrorCode::UploadMismatch => 10,
            ErrorCode::DeviceReused => 11,
            ErrorCode::Internal => 12,
            ErrorCode::QuotaExceeded => 13,
        }
    }

    #[test]
    fn all_lists_every_code_once_with_its_wire_spelling() {
        let mut numbers: Vec<usize> = ErrorCode::ALL.iter().map(|c| number(*c)).collect();
        numbers.sort();
        assert_eq!(numbers, (0..=13).collect::<Vec<_>>());
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::Value::from(code.as_str()));
        }
    }
}
