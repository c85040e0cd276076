//! Why a sync did not finish, in the manager's words, and whether to try again.

use sync_wire::{ErrorCode, RejectedChange};

/// Why a sync failed on this laptop's side, before or without an error answer from head
/// office (whose own reasons are the wire's [`ErrorCode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalCode {
    Timeout,
    Certificate,
    Offline,
    BadAddress,
    GarbledAnswer,
    Local,
    NotSignedIn,
    HttpStatus,
    RangeIgnored,
    FileMismatch,
    AnswerTooLarge,
}

impl LocalCode {
    pub const ALL: &'static [LocalCode] = &[
        LocalCode::Timeout,
        LocalCode::Certificate,
        LocalCode::Offline,
        LocalCode::BadAddress,
        LocalCode::GarbledAnswer,
        LocalCode::Local,
        LocalCode::NotSignedIn,
        LocalCode::HttpStatus,
        LocalCode::RangeIgnored,
        LocalCode::FileMismatch,
        LocalCode::AnswerTooLarge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LocalCode::Timeout => "timeout",
            LocalCode::Certificate => "certificate",
            LocalCode::Offline => "offline",
            LocalCode::BadAddress => "bad_address",
            LocalCode::GarbledAnswer => "garbled_answer",
            LocalCode::Local => "local",
            LocalCode::NotSignedIn => "not_signed_in",
            LocalCode::HttpStatus => "http_status",
            LocalCode::RangeIgnored => "range_ignored",
            LocalCode::FileMismatch => "file_mismatch",
            LocalCode::AnswerTooLarge => "answer_too_large",
        }
    }
}

/// Every code a [`SyncFailure`] can carry: this laptop's and head office's.
pub fn all_codes() -> impl Iterator<Item = &'static str> {
    LocalCode::ALL.iter().map(|c| c.as_str()).chain(ErrorCode::ALL.iter().map(|c| c.as_str()))
}

/// What the caller should do about a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureKind {
    /// Head office is unreachable (no network, server down): try again later.
    Offline,
    /// A temporary problem on head office's side: try again later.
    Retry,
    /// Wait this many seconds (too many sign-in attempts).
    Wait(u64),
    /// The token was revoked or is unknown: sign in again.
    SignedOut,
    /// This app (or the server) must be updated first.
    UpdateRequired,
    /// Some changes can never be accepted; set them aside and push the rest.
    Refused(Vec<RejectedChange>),
    /// The request was wrong (a bad address, a form field): fix it and try again.
    Invalid,
    /// This laptop's database or disk failed.
    Local,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message_en}")]
pub struct SyncFailure {
    pub kind: FailureKind,
    pub code: String,
    pub message_ko: String,
    pub message_en: String,
    /// The request field the failure is about (sign-in form), if any.
    pub field: Option<String>,
}

impl SyncFailure {
    pub fn new(kind: FailureKind, code: LocalCode, ko: impl Into<String>, en: impl Into<String>) -> SyncFailure {
        SyncFailure::with_code(kind, code.as_str(), ko, en)
    }

    /// A failure head office explained with one of its error codes.
    pub fn from_server(
        kind: FailureKind,
        code: ErrorCode,
        ko: impl Into<String>,
        en: impl Into<String>,
    ) -> SyncFailure {
        SyncFailure::with_code(kind, code.as_str(), ko, en)
    }

    fn with_code(kind: FailureKind, code: &str, ko: impl Into<String>, en: impl Into<String>) -> SyncFailure {
        SyncFailure { kind, code: code.to_string(), message_ko: ko.into(), message_en: en.into(), field: None }
    }

    pub fn network(error: reqwest::Error) -> SyncFailure {
        if error.is_timeout() {
            return SyncFailure::new(
                FailureKind::Offline,
                LocalCode::Timeout,
                "본부 서버가 응답하지 않습니다. 연결되면 다시 동기화합니다.",
                "Head office did not answer in time; sync will resume when it is reachable.",
            );
        }
        // The cause (refused, DNS, certificate) helps whoever sets the address up.
        let mut cause = String::new();
        let mut source = std::error::Error::source(&error);
        while let Some(s) = source {
            cause = s.to_string();
            source = s.source();
        }
        if cause.contains("certificate") || cause.contains("Certificate") {
            return SyncFailure::new(
                FailureKind::Invalid,
                LocalCode::Certificate,
                format!("본부 서버의 인증서를 믿을 수 없습니다. 주소를 확인하세요. ({cause})"),
                format!("Head office's certificate is not trusted; check the address. ({cause})"),
            );
        }
        SyncFailure::new(
            FailureKind::Offline,
            LocalCode::Offline,
            "본부 서버에 연결할 수 없습니다 (오프라인). 연결되면 자동으로 동기화합니다.",
            format!("Cannot reach head office (offline); sync will run by itself when it is reachable. ({cause})"),
        )
    }

    pub fn bad_address(address: &str) -> SyncFailure {
        let mut failure = SyncFailure::new(
            FailureKind::Invalid,
            LocalCode::BadAddress,
            format!("본부 서버 주소가 올바르지 않습니다: {address:?} (예: https://sync.kicox.or.kr)"),
            format!("The head-office address is not valid: {address:?} (e.g. https://sync.kicox.or.kr)"),
        );
        failure.field = Some("server_url".into());
        failure
    }

    /// The address is plain `http://` to another machine: the password and every change
    /// would cross the network readable by anyone on the way.
    pub fn plain_http(address: &str) -> SyncFailure {
        let mut failure = SyncFailure::new(
            FailureKind::Invalid,
            LocalCode::BadAddress,
            format!("본부 서버 주소는 https://로 시작해야 합니다 (이 컴퓨터 안의 시험 서버만 http:// 가능): {address}"),
            format!("The head-office address must start with https:// (http:// only for a test server on this computer): {address}"),
        );
        failure.field = Some("server_url".into());
        failure
    }

    /// Head office's answer was larger than any answer can be (or unpacked into more).
    pub fn answer_too_large(limit: usize) -> SyncFailure {
        SyncFailure::new(
            FailureKind::Retry,
            LocalCode::AnswerTooLarge,
            format!("본부 서버의 답이 너무 큽니다 ({} MB 초과). 다시 시도합니다.", limit / (1024 * 1024)),
            format!("Head office's answer is too large (over {} MB); will try again.", limit / (1024 * 1024)),
        )
    }

    pub fn server_garbled(detail: String) -> SyncFailure {
        SyncFailure::new(
            FailureKind::Retry,
            LocalCode::GarbledAnswer,
            "본부 서버의 답을 읽지 못했습니다. 다시 시도합니다.",
            format!("Could not read head office's answer ({detail}); will try again."),
        )
    }

    pub fn local(detail: String) -> SyncFailure {
        SyncFailure::new(
            FailureKind::Local,
            LocalCode::Local,
            format!("이 노트북에서 동기화 준비 중 문제가 생겼습니다: {detail}"),
            format!("A problem on this laptop while syncing: {detail}"),
        )
    }

    pub fn not_signed_in() -> SyncFailure {
        SyncFailure::new(
            FailureKind::SignedOut,
            LocalCode::NotSignedIn,
            "본부에 로그인하지 않았습니다. 설정에서 로그인하세요.",
            "Not signed in to head office; sign in under Settings.",
        )
    }

    /// Whether trying again later (without the user) can help.
    pub fn is_temporary(&self) -> bool {
        matches!(self.kind, FailureKind::Offline | FailureKind::Retry | FailureKind::Wait(_))
    }
}

impl From<desk_core::CoreError> for SyncFailure {
    fn from(e: desk_core::CoreError) -> SyncFailure {
        SyncFailure::local(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::LocalCode;

    /// A new variant does not compile here until it is numbered, and then the test below
    /// fails until it is in [`LocalCode::ALL`] too.
    fn number(code: LocalCode) -> usize {
        match code {
            LocalCode::Timeout => 0,
            LocalCode::Certificate => 1,
            LocalCode::Offline => 2,
            LocalCode::BadAddress => 3,
            LocalCode::GarbledAnswer => 4,
            LocalCode::Local => 5,
            LocalCode::NotSignedIn => 6,
            LocalCode::HttpStatus => 7,
            LocalCode::RangeIgnored => 8,
            LocalCode::FileMismatch => 9,
            LocalCode::AnswerTooLarge => 10,
        }
    }

    #[test]
    fn all_lists_every_local_code_once() {
        let mut numbers: Vec<usize> = LocalCode::ALL.iter().map(|c| number(*c)).collect();
        numbers.sort();
        assert_eq!(numbers, (0..=10).collect::<Vec<_>>());
    }
}
