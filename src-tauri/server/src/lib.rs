//! The head-office server of Cluster Desk: accounts and device tokens, every cluster's
//! change stream, the national directory and head office's decisions, over HTTP(S).
//!
//! `routes` and `files` are the endpoints, `http` their shared edges, `rules` what a
//! laptop may push, `storage` the database behind a trait, `replica` each cluster's
//! state merged by desk-core's rules, `admin` the command line.

pub mod admin;
pub mod auth;
pub mod connections;
pub mod files;
pub mod http;
pub mod replica;
pub mod routes;
pub mod rules;
pub mod storage;
pub mod summary;
pub mod tls;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use sync_wire::hlc::{wall_millis, Clock, Timestamp};
use sync_wire::{MAX_COMPRESSED_BODY_BYTES, MAX_FILE_CHUNK_BYTES};

use crate::auth::SignInBrake;
use crate::storage::{SqliteStorage, Storage, StorageResult};

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
    pub storage: Arc<dyn Storage>,
    pub brake: Arc<SignInBrake>,
    /// Connection and request limits (the tests make them short).
    pub limits: connections::Limits,
    /// How much each cluster and device may store (the tests make them small).
    pub quotas: storage::Quotas,
    /// Password hashes being computed at once: one per core.
    pub(crate) hashing: Arc<tokio::sync::Semaphore>,
    /// Head office's own clock: stamps its decisions and tells laptops the time.
    clock: Arc<Mutex<Clock>>,
    pub files_dir: PathBuf,
    /// Every cluster's read replica (`replicas/` beside the database).
    pub replicas: Arc<replica::Replicas>,
    /// One upload at a time per file: two pieces at one offset must not interleave.
    pub(crate) upload_locks: Arc<Mutex<std::collections::HashMap<String, Arc<tokio::sync::Mutex<()>>>>>,
}

/// The clock node of head office (laptops use the random part of their device id).
const HEAD_OFFICE_NODE: u64 = 0x4845_4144_4f46_4943; // "HEADOFIC"

impl AppState {
    /// Opens the server's database at `database`; uploaded files go in `files/` beside it.
    pub fn open(database: &std::path::Path) -> StorageResult<AppState> {
        let storage = SqliteStorage::open(database)?;
        let files_dir = database.parent().map(|p| p.to_path_buf()).unwrap_or_default().join("files");
        std::fs::create_dir_all(&files_dir).map_err(|e| storage::StorageError::Invalid(e.to_string()))?;
        AppState::with_storage(Arc::new(storage), files_dir)
    }

    pub fn with_storage(storage: Arc<dyn Storage>, files_dir: PathBuf) -> StorageResult<AppState> {
        let newest = storage.newest_hlc()?.as_deref().and_then(Timestamp::parse);
        let replicas_dir = files_dir.parent().map(|p| p.to_path_buf()).unwrap_or_default().join("replicas");
        let replicas = Arc::new(replica::Replicas::new(replicas_dir, storage.clone()));
        Ok(AppState {
            storage,
            brake: Arc::new(SignInBrake::default()),
            limits: connections::Limits::default(),
            quotas: storage::Quotas::default(),
            hashing: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2),
            )),
            clock: Arc::new(Mutex::new(Clock::resume(HEAD_OFFICE_NODE, newest))),
            files_dir,
            replicas,
            upload_locks: Arc::new(Mutex::new(std::collections::HashMap::new())),
        })
    }

    /// The lock of one file's upload.
    pub(crate) fn upload_lock(&self, hash: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.upload_locks.lock().unwrap_or_else(|p| p.into_inner());
        if locks.len() > 1024 {
            // Forget the locks nobody holds (one strong count: the map's own).
            locks.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        locks.entry(hash.to_string()).or_default().clone()
    }

    /// A new head-office clock time.
    pub fn now_hlc(&self) -> String {
        let mut clock = self.clock.lock().unwrap_or_else(|p| p.into_inner());
        clock.tick(wall_millis()).to_string()
    }

    /// Moves head office's clock past a time a laptop sent.
    pub fn observe(&self, seen: Timestamp) {
        let mut clock = self.clock.lock().unwrap_or_else(|p| p.into_inner());
        clock.observe(seen, wall_millis());
    }
}

/// Every route of the protocol (docs/sync.md).
pub fn router(state: AppState) -> Router {
    let files = Router::new()
        .route("/v1/files/{hash}", get(files::download).head(files::status).patch(files::upload))
        .layer(DefaultBodyLimit::max(MAX_FILE_CHUNK_BYTES + 1024));
    Router::new()
        .route("/v1/health", get(routes::health))
        .route("/v1/session", post(routes::sign_in).delete(routes::sign_out))
        .route("/v1/push", post(routes::push))
        .route("/v1/pull", get(routes::pull))
        .route("/v1/head-office/decisions", post(routes::decide))
        .route("/v1/head-office/experts", post(routes::add_expert))
        .route("/v1/head-office/summary", get(routes::summary))
        .layer(DefaultBodyLimit::max(MAX_COMPRESSED_BODY_BYTES))
        .merge(files)
        .layer(middleware::from_fn_with_state(state.limits.request_timeout, request_deadline))
        .layer(middleware::from_fn(contain_panics))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

/// A request that takes longer than the deadline (a body trickling in byte by byte) is
/// answered 408 and its connection freed.
async fn request_deadline(
    axum::extract::State(deadline): axum::extract::State<std::time::Duration>,
    request: Request,
    next: Next,
) -> Response {
    match tokio::time::timeout(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            use axum::response::IntoResponse;
            http::Failure::new(
                axum::http::StatusCode::REQUEST_TIMEOUT,
                sync_wire::ErrorCode::MalformedBody,
                "요청이 너무 오래 걸려 끊었습니다. 연결이 좋을 때 다시 시도하세요.",
                "The request took too long and was cut off; try again on a better connection.",
            )
            .into_response()
        }
    }
}

/// A handler that panics (a bug) answers 500 and is logged, instead of silently dropping
/// the connection: the request runs as its own task, whose panic is caught at its end.
async fn contain_panics(request: Request, next: Next) -> Response {
    match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        Err(error) => {
            use axum::response::IntoResponse;
            http::Failure::internal(format!("a request handler panicked: {error}")).into_response()
        }
    }
}

/// One structured log line per request: method, path, status and time taken.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    tracing::info!(
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        millis = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

/// How the server listens.
pub struct Listen {
    pub listener: tokio::net::TcpListener,
    /// Certificate chain and private key (PEM): serve HTTPS.
    pub tls: Option<tls::TlsFiles>,
}

/// Serves until `shutdown` resolves, then lets requests in flight finish (within the
/// limits' grace period).
pub async fn serve(
    listen: Listen,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = state.limits;
    files::spawn_sweeper(state.clone());
    let replicas = state.replicas.clone();
    let worker = replica::spawn_worker(replicas.clone());
    let app = router(state);
    let tls = match &listen.tls {
        Some(files) => Some(tokio_rustls::TlsAcceptor::from(Arc::new(tls::config(files)?))),
        None => None,
    };
    let served = connections::serve(listen.listener, tls, app, limits, shutdown).await;
    // Stopped: no more catch-ups, and the replicas' files are closed (an admin rebuild may
    // replace them). A catch-up in flight finishes first.
    if let Some(worker) = worker {
        worker.abort();
        let _ = worker.await;
    }
    let closed = tokio::task::spawn_blocking(move || replicas.close_all()).await;
    if !matches!(closed, Ok(Ok(()))) {
        tracing::error!("the replicas could not be closed");
    }
    served
}
