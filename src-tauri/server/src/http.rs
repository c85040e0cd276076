//! The HTTP edges every route shares: errors as [`ErrorBody`], gzip bodies with size
//! limits, the protocol-version check and the bearer token.

use std::io::Read;

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sync_wire::{ErrorBody, ErrorCode, MAX_BODY_BYTES, OLDEST_PROTOCOL, PROTOCOL, PROTOCOL_HEADER};

use crate::storage::{Scope, StorageError};
use crate::AppState;

/// A failed request: the status and the body that explains it.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    /// Boxed: a failure travels through every `Result` of a handler, the body is large.
    pub body: Box<ErrorBody>,
    pub retry_after_secs: Option<u64>,
}

impl Failure {
    pub fn new(status: StatusCode, code: ErrorCode, ko: impl Into<String>, en: impl Into<String>) -> Failure {
        Failure { status, body: Box::new(ErrorBody::new(code, ko, en)), retry_after_secs: None }
    }

    pub fn malformed(detail: impl std::fmt::Display) -> Failure {
        Failure::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::MalformedBody,
            format!("요청 본문을 읽을 수 없습니다 (잘렸거나 형식이 다릅니다): {detail}"),
            format!("The request body could not be read (truncated or of the wrong shape): {detail}"),
        )
    }

    pub fn too_large(limit: usize) -> Failure {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::TooLarge,
            format!("요청이 너무 큽니다. 최대 {} MB까지 보낼 수 있습니다.", limit / (1024 * 1024)),
            format!("The request is too large; the limit is {} MB.", limit / (1024 * 1024)),
        )
    }

    /// Storing more would break a quota: the cluster's (its records and files) or the
    /// device's (what it pushed).
    pub fn over_quota(exceeded: crate::storage::QuotaExceeded) -> Failure {
        use crate::storage::QuotaExceeded;
        let mb = |bytes: u64| bytes / (1024 * 1024);
        let (ko, en) = match exceeded {
            QuotaExceeded::Cluster { limit_bytes } => (
                format!(
                    "이 클러스터가 본부에 저장할 수 있는 한도({} MB)를 넘습니다. 본부에 한도 조정을 요청하세요.",
                    mb(limit_bytes)
                ),
                format!("This would take the cluster over its storage quota at head office ({} MB); ask head office to raise it.", mb(limit_bytes)),
            ),
            QuotaExceeded::Device { limit_bytes } => (
                format!(
                    "이 노트북이 본부에 올릴 수 있는 한도({} MB)를 넘습니다. 본부에 문의하세요.",
                    mb(limit_bytes)
                ),
                format!("This would take this laptop over what it may store at head office ({} MB); contact head office.", mb(limit_bytes)),
            ),
        };
        Failure::new(StatusCode::INSUFFICIENT_STORAGE, ErrorCode::QuotaExceeded, ko, en)
    }

    pub fn unauthorized() -> Failure {
        Failure::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "로그인이 필요합니다. 이 노트북의 접속이 해제되었거나 만료되었습니다. 다시 로그인하세요.",
            "Sign-in required: this laptop's access was revoked or is unknown. Sign in again.",
        )
    }

    pub fn forbidden(ko: impl Into<String>, en: impl Into<String>) -> Failure {
        Failure::new(StatusCode::FORBIDDEN, ErrorCode::Forbidden, ko, en)
    }

    pub fn invalid(field: &str, ko: impl Into<String>, en: impl Into<String>) -> Failure {
        let mut failure = Failure::new(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::InvalidField, ko, en);
        failure.body.field = Some(field.to_string());
        failure
    }

    pub fn internal(detail: impl std::fmt::Display) -> Failure {
        tracing::error!(error = %detail, "internal error");
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "본부 서버에 문제가 생겼습니다. 잠시 후 다시 동기화합니다.",
            "Head office's server had a problem; sync will try again shortly.",
        )
    }
}

impl From<StorageError> for Failure {
    fn from(e: StorageError) -> Failure {
        Failure::internal(e)
    }
}

impl From<tokio::task::JoinError> for Failure {
    fn from(e: tokio::task::JoinError) -> Failure {
        Failure::internal(e)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.body).unwrap_or_default();
        let mut response = (self.status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
        if let Some(secs) = self.retry_after_secs {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

pub type Answer<T> = Result<T, Failure>;

/// A request body, or why it could not be read (too large, cut off), as a [`Failure`].
/// A request body not read yet: a handler checks the token first, so nobody without one
/// can make the server take in megabytes ([`Body::read`]).
pub struct Body(axum::body::Body);

impl<S: Send + Sync> axum::extract::FromRequest<S> for Body {
    type Rejection = std::convert::Infallible;

    async fn from_request(request: axum::extract::Request, _: &S) -> Result<Body, Self::Rejection> {
        Ok(Body(request.into_body()))
    }
}

impl Body {
    /// The whole body, up to `limit` bytes as sent (compressed).
    pub async fn read(self, limit: usize) -> Answer<Bytes> {
        axum::body::to_bytes(self.0, limit).await.map_err(|e| {
            // `to_bytes` reports the limit as an error whose text says so; any other error
            // is a body cut short.
            if std::error::Error::source(&e).is_some_and(|s| s.to_string().contains("length limit")) {
                Failure::too_large(limit)
            } else {
                Failure::malformed(e)
            }
        })
    }
}

/// Refuses a client whose protocol this server no longer (or does not yet) speak.
pub fn check_protocol(headers: &HeaderMap) -> Answer<()> {
    let version = headers.get(PROTOCOL_HEADER).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u16>().ok());
    match version {
        Some(v) if (OLDEST_PROTOCOL..=PROTOCOL).contains(&v) => Ok(()),
        Some(v) if v > PROTOCOL => Err(Failure::new(
            StatusCode::UPGRADE_REQUIRED,
            ErrorCode::UpdateRequired,
            "본부 서버가 이 앱보다 오래된 버전입니다. 본부 담당자에게 서버 업데이트를 요청하세요.",
            "Head office's server is older than this app; ask head office to update it.",
        )),
        _ => Err(Failure::new(
            StatusCode::UPGRADE_REQUIRED,
            ErrorCode::UpdateRequired,
            "앱을 업데이트해야 동기화할 수 있습니다. 새 버전을 설치하세요.",
            "This app must be updated before it can sync; install the new version.",
        )),
    }
}

/// The bearer token's scope, or 401.
pub async fn scope(state: &AppState, headers: &HeaderMap) -> Answer<Scope> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(Failure::unauthorized)?;
    let hash = crate::auth::token_hash(token.trim());
    let storage = state.storage.clone();
    let scope = tokio::task::spawn_blocking(move || storage.scope_for_token(&hash)).await??;
    let scope = scope.ok_or_else(Failure::unauthorized)?;
    if scope.renew {
        // In use, so kept alive; a failure here costs the laptop nothing now.
        let (storage, device) = (state.storage.clone(), scope.device_id.clone());
        if let Ok(Err(e)) = tokio::task::spawn_blocking(move || storage.renew_token(&device)).await {
            tracing::warn!(error = %e, "token renewal failed");
        }
    }
    Ok(scope)
}

/// Reads a JSON body, gzip or plain, refusing anything over the limit after decompression.
pub fn decode<T: DeserializeOwned>(headers: &HeaderMap, body: &Bytes) -> Answer<T> {
    let gzip = headers.get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("gzip"));
    let plain: std::borrow::Cow<'_, [u8]> = if gzip {
        let mut out = Vec::new();
        // Read one byte past the limit to tell "exactly at the limit" from "over it".
        GzDecoder::new(&body[..])
            .take(MAX_BODY_BYTES as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| Failure::malformed(format!("gzip: {e}")))?;
        if out.len() > MAX_BODY_BYTES {
            return Err(Failure::too_large(MAX_BODY_BYTES));
        }
        out.into()
    } else {
        if body.len() > MAX_BODY_BYTES {
            return Err(Failure::too_large(MAX_BODY_BYTES));
        }
        (&body[..]).into()
    };
    serde_json::from_slice(&plain).map_err(Failure::malformed)
}

/// A JSON answer, gzip-compressed when the client accepts it and it is worth it.
pub fn encode<T: Serialize>(headers: &HeaderMap, value: &T) -> Response {
    let json = match serde_json::to_vec(value) {
        Ok(json) => json,
        Err(e) => return Failure::internal(e).into_response(),
    };
    let accepts_gzip =
        headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("gzip"));
    if accepts_gzip && json.len() > 512 {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        if std::io::Write::write_all(&mut encoder, &json).is_ok() {
            if let Ok(gz) = encoder.finish() {
                return (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "application/json"), (header::CONTENT_ENCODING, "gzip")],
                    gz,
                )
                    .into_response();
            }
        }
    }
    (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], json).into_response()
}
