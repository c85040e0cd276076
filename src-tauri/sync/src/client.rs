//! The HTTP client of the protocol: one method per endpoint, gzip both ways, every
//! failure turned into a [`SyncFailure`] that says whether trying again can help.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT_ENCODING, AUTHORIZATION, CONTENT_ENCODING, CONTENT_TYPE, RANGE};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sync_wire::{
    ErrorBody, ErrorCode, HeadOfficeWriteResponse, Health, NationalExpert, ProjectDecision, PullResponse, PushRequest,
    PushResponse, SignInRequest, SignInResponse, MAX_PAGE_CHANGES, PROTOCOL, PROTOCOL_HEADER, UPLOAD_OFFSET_HEADER,
};

use crate::failure::{FailureKind, LocalCode, SyncFailure};

/// Bytes and requests that crossed the network, for the status line and the benchmarks.
#[derive(Debug, Default)]
pub struct Traffic {
    pub requests: AtomicU64,
    pub bytes_sent: AtomicU64,
    pub bytes_received: AtomicU64,
}

impl Traffic {
    pub fn snapshot(&self) -> (u64, u64, u64) {
        (
            self.requests.load(Ordering::Relaxed),
            self.bytes_sent.load(Ordering::Relaxed),
            self.bytes_received.load(Ordering::Relaxed),
        )
    }
}

/// A connection to head office, signed in or not.
#[derive(Clone)]
pub struct HeadOffice {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
    pub traffic: Arc<Traffic>,
}

/// The largest answer head office can give (a whole attachment file, plus room); a gzip
/// answer must not unpack into more either.
const MAX_ANSWER_BYTES: usize = sync_wire::MAX_FILE_BYTES as usize + 1024 * 1024;

/// Request bodies below this are sent plain: compressing them costs more than it saves.
const COMPRESS_ABOVE: usize = 512;

impl HeadOffice {
    /// `base_url` like `https://sync.kicox.example` (a path prefix is kept).
    pub fn new(base_url: &str, token: Option<String>) -> Result<HeadOffice, SyncFailure> {
        HeadOffice::with_certificate(base_url, token, None)
    }

    /// Also trusts `root_pem` (a head office with its own certificate authority, or tests).
    pub fn with_certificate(
        base_url: &str,
        token: Option<String>,
        root_pem: Option<&[u8]>,
    ) -> Result<HeadOffice, SyncFailure> {
        let base = base_url.trim().trim_end_matches('/').to_string();
        let parsed = reqwest::Url::parse(&base).map_err(|_| SyncFailure::bad_address(&base))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(SyncFailure::bad_address(&base));
        }
        // As the server: plain HTTP only to this computer (a test head office).
        let host = parsed.host_str().unwrap_or("").trim_start_matches('[').trim_end_matches(']');
        let loopback =
            host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
        if parsed.scheme() == "http" && !loopback {
            return Err(SyncFailure::plain_http(&base));
        }
        let mut builder = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            // A redirect would send the password (or the token) on to wherever it points.
            .redirect(reqwest::redirect::Policy::none())
            .use_rustls_tls();
        if let Some(pem) = root_pem {
            let cert = reqwest::Certificate::from_pem(pem).map_err(|e| SyncFailure::local(e.to_string()))?;
            builder = builder.add_root_certificate(cert);
        }
        let http = builder.build().map_err(|e| SyncFailure::local(e.to_string()))?;
        Ok(HeadOffice { http, base, token, traffic: Arc::new(Traffic::default()) })
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    pub fn with_token(mut self, token: Option<String>) -> HeadOffice {
        self.token = token;
        self
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        extra: HeaderMap,
    ) -> Result<(StatusCode, HeaderMap, Vec<u8>), SyncFailure> {
        let mut headers = extra;
        headers.insert(PROTOCOL_HEADER, HeaderValue::from(PROTOCOL));
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
        if let Some(token) = &self.token {
            let value =
                HeaderValue::from_str(&format!("Bearer {token}")).map_err(|e| SyncFailure::local(e.to_string()))?;
            headers.insert(AUTHORIZATION, value);
        }
        let mut request = self.http.request(method, format!("{}{path}", self.base)).headers(headers);
        let mut sent = 0;
        if let Some(body) = body {
            sent = body.len();
            request = request.body(body);
        }
        let mut response = request.send().await.map_err(SyncFailure::network)?;
        let status = response.status();
        let headers = response.headers().clone();
        // Read within the limit, never trusting the server to stop.
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(SyncFailure::network)? {
            if bytes.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(SyncFailure::answer_too_large(MAX_ANSWER_BYTES));
            }
            bytes.extend_from_slice(&chunk);
        }
        self.traffic.requests.fetch_add(1, Ordering::Relaxed);
        self.traffic.bytes_sent.fetch_add(sent as u64, Ordering::Relaxed);
        self.traffic.bytes_received.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        let gzip = headers.get(CONTENT_ENCODING).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("gzip"));
        let bytes = if gzip {
            let mut out = Vec::new();
            GzDecoder::new(&bytes[..])
                .take(MAX_ANSWER_BYTES as u64 + 1)
                .read_to_end(&mut out)
                .map_err(|e| SyncFailure::server_garbled(e.to_string()))?;
            if out.len() > MAX_ANSWER_BYTES {
                return Err(SyncFailure::answer_too_large(MAX_ANSWER_BYTES));
            }
            out
        } else {
            bytes
        };
        if status.is_success() {
            return Ok((status, headers, bytes));
        }
        let retry_after = headers.get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
        let body: Option<ErrorBody> = serde_json::from_slice(&bytes).ok();
        Err(SyncFailure::from_answer(status, body, retry_after))
    }

    async fn json<Req: Serialize, Res: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        request: Option<&Req>,
    ) -> Result<Res, SyncFailure> {
        let mut headers = HeaderMap::new();
        let body = match request {
            Some(r) => {
                let json = serde_json::to_vec(r).map_err(|e| SyncFailure::local(e.to_string()))?;
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                if json.len() > COMPRESS_ABOVE {
                    headers.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
                    Some(gzip(&json))
                } else {
                    Some(json)
                }
            }
            None => None,
        };
        let (_, _, bytes) = self.send(method, path, body, headers).await?;
        serde_json::from_slice(&bytes).map_err(|e| SyncFailure::server_garbled(e.to_string()))
    }

    pub async fn health(&self) -> Result<Health, SyncFailure> {
        self.json::<(), _>(Method::GET, "/v1/health", None).await
    }

    pub async fn sign_in(&self, request: &SignInRequest) -> Result<SignInResponse, SyncFailure> {
        self.json(Method::POST, "/v1/session", Some(request)).await
    }

    pub async fn push(&self, request: &PushRequest) -> Result<PushResponse, SyncFailure> {
        self.json(Method::POST, "/v1/push", Some(request)).await
    }

    /// `DELETE /v1/session`: this laptop's token stops working at head office.
    pub async fn end_session(&self) -> Result<(), SyncFailure> {
        self.send(Method::DELETE, "/v1/session", None, HeaderMap::new()).await.map(|_| ())
    }

    pub async fn pull(&self, cursor: i64) -> Result<PullResponse, SyncFailure> {
        self.json::<(), _>(Method::GET, &format!("/v1/pull?cursor={cursor}&limit={MAX_PAGE_CHANGES}"), None).await
    }

    pub async fn decide(&self, decision: &ProjectDecision) -> Result<HeadOfficeWriteResponse, SyncFailure> {
        self.json(Method::POST, "/v1/head-office/decisions", Some(decision)).await
    }

    pub async fn add_expert(&self, expert: &NationalExpert) -> Result<HeadOfficeWriteResponse, SyncFailure> {
        self.json(Method::POST, "/v1/head-office/experts", Some(expert)).await
    }

    /// How much of a file head office holds for this cluster: `(offset, declared
    /// length, complete)`.
    pub async fn file_offset(&self, hash: &str) -> Result<(u64, u64, bool), SyncFailure> {
        let (status, headers, _) =
            self.send(Method::HEAD, &format!("/v1/files/{hash}"), None, HeaderMap::new()).await?;
        let number = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
        Ok((number(UPLOAD_OFFSET_HEADER).unwrap_or(0), number("upload-length").unwrap_or(0), status == StatusCode::OK))
    }

    /// Sends one piece of a file; returns the server's offset after it.
    pub async fn upload_piece(&self, hash: &str, offset: u64, total: u64, piece: Vec<u8>) -> Result<u64, SyncFailure> {
        let mut headers = HeaderMap::new();
        headers.insert(UPLOAD_OFFSET_HEADER, HeaderValue::from(offset));
        headers.insert("upload-length", HeaderValue::from(total));
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
        let (_, answer, _) = self.send(Method::PATCH, &format!("/v1/files/{hash}"), Some(piece), headers).await?;
        Ok(answer.get(UPLOAD_OFFSET_HEADER).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// The file from byte `from` on.
    pub async fn download_from(&self, hash: &str, from: u64) -> Result<Vec<u8>, SyncFailure> {
        let mut headers = HeaderMap::new();
        if from > 0 {
            let range =
                HeaderValue::from_str(&format!("bytes={from}-")).map_err(|e| SyncFailure::local(e.to_string()))?;
            headers.insert(RANGE, range);
        }
        let (status, _, bytes) = self.send(Method::GET, &format!("/v1/files/{hash}"), None, headers).await?;
        if from > 0 && status != StatusCode::PARTIAL_CONTENT {
            return Err(SyncFailure::new(
                FailureKind::Retry,
                LocalCode::RangeIgnored,
                "파일을 이어받지 못했습니다.",
                "The download could not resume.",
            ));
        }
        Ok(bytes)
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 4), flate2::Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

impl SyncFailure {
    fn from_answer(status: StatusCode, body: Option<ErrorBody>, retry_after: Option<u64>) -> SyncFailure {
        let Some(body) = body else {
            let kind = if status.is_server_error() { FailureKind::Retry } else { FailureKind::Invalid };
            return SyncFailure::new(
                kind,
                LocalCode::HttpStatus,
                format!("본부 서버가 예상하지 못한 답을 했습니다 (HTTP {}).", status.as_u16()),
                format!("Head office answered unexpectedly (HTTP {}).", status.as_u16()),
            );
        };
        let kind = match body.code {
            ErrorCode::Unauthorized => FailureKind::SignedOut,
            ErrorCode::UpdateRequired => FailureKind::UpdateRequired,
            ErrorCode::RejectedChanges => FailureKind::Refused(body.rejected.clone()),
            ErrorCode::TooManyAttempts => FailureKind::Wait(retry_after.unwrap_or(30)),
            ErrorCode::Internal => FailureKind::Retry,
            // Not temporary: head office must raise the quota before it helps to try.
            ErrorCode::QuotaExceeded => FailureKind::Invalid,
            _ if status.is_server_error() => FailureKind::Retry,
            _ => FailureKind::Invalid,
        };
        let mut failure = SyncFailure::from_server(kind, body.code, body.message_ko, body.message_en);
        failure.field = body.field;
        failure
    }
}
