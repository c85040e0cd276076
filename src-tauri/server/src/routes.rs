//! The protocol's endpoints (docs/sync.md): sign-in, push, pull and head office's writes.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sync_wire::{
    ErrorBody, ErrorCode, HeadOfficeWriteResponse, Health, NationalExpert, ProjectDecision, PullResponse, PushRequest,
    PushResponse, Role, SignInRequest, SignInResponse, MAX_COMPRESSED_BODY_BYTES, MAX_PAGE_CHANGES, OLDEST_PROTOCOL,
    OLDEST_SCHEMA_VERSION, PERSON_ROLES, PROJECT_STAGES, PROTOCOL, REGIONS, SCHEMA_VERSION,
};

use crate::auth;
use crate::http::{check_protocol, decode, encode, scope, Answer, Body, Failure};
use crate::storage::{AccountChange, HeadOfficeChange, NewDevice, PushOutcome};
use crate::AppState;

pub async fn health() -> axum::Json<Health> {
    axum::Json(Health { status: "ok".into(), protocol: PROTOCOL, oldest_protocol: OLDEST_PROTOCOL })
}

pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Answer<Response> {
    check_protocol(&headers)?;
    let body = body.read(MAX_COMPRESSED_BODY_BYTES).await?;
    let request: SignInRequest = decode(&headers, &body)?;
    let login = request.login.trim().to_string();
    if login.is_empty() {
        return Err(Failure::invalid("login", "아이디를 입력하세요.", "Enter your login."));
    }
    // Before any work: a megabyte "login" must not reach the brake's memory or the log,
    // nor a megabyte password the hash.
    if login.len() > auth::MAX_LOGIN_BYTES {
        return Err(Failure::invalid(
            "login",
            format!("아이디는 {}바이트까지입니다.", auth::MAX_LOGIN_BYTES),
            format!("A login has at most {} bytes.", auth::MAX_LOGIN_BYTES),
        ));
    }
    if request.password.len() > auth::MAX_PASSWORD_BYTES {
        return Err(Failure::invalid(
            "password",
            format!("비밀번호는 {}바이트까지입니다.", auth::MAX_PASSWORD_BYTES),
            format!("A password has at most {} bytes.", auth::MAX_PASSWORD_BYTES),
        ));
    }
    let device_ok = (8..=100).contains(&request.device_id.len())
        && request.device_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && request.device_id != sync_wire::HEAD_OFFICE_DEVICE;
    if !device_ok {
        return Err(Failure::invalid("device_id", "기기 식별자가 올바르지 않습니다.", "The device id is invalid."));
    }
    let address = peer.ip();
    let attempt = state.brake.begin(&login, address).map_err(|wait| {
        let secs = wait.as_secs().max(1);
        let mut failure = Failure::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::TooManyAttempts,
            format!("로그인 실패가 반복되어 잠시 막혔습니다. {secs}초 뒤에 다시 시도하세요."),
            format!("Too many failed sign-ins; try again in {secs} seconds."),
        );
        failure.retry_after_secs = Some(secs);
        failure
    })?;
    // Hashing takes a core for tens of milliseconds: at most one per core at a time, so a
    // flood of sign-ins cannot take the threads push and pull need.
    let _permit = tokio::time::timeout(std::time::Duration::from_secs(10), state.hashing.clone().acquire_owned())
        .await
        .ok()
        .and_then(Result::ok)
        .ok_or_else(|| {
            let mut failure = Failure::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::TooManyAttempts,
                "로그인 요청이 몰려 있습니다. 잠시 뒤에 다시 시도하세요.",
                "Too many sign-ins at once; try again shortly.",
            );
            failure.retry_after_secs = Some(5);
            failure
        })?;
    let storage = state.storage.clone();
    let (account, password) = (login.clone(), request.password.clone());
    let found = tokio::task::spawn_blocking(move || -> Answer<_> {
        let Some(account) = storage.account(&account)? else {
            // As slow as a wrong password, so the answer's timing tells no one which logins exist.
            let _ = auth::verify_password(&password, auth::dummy_hash());
            return Ok(None);
        };
        if !auth::verify_password(&password, &account.password_hash) {
            return Ok(None);
        }
        if auth::needs_rehash(&account.password_hash) {
            // The password is at hand only now: replace an older hash with a current one.
            let rehash =
                AccountChange::Rehash { login: account.login.clone(), password_hash: auth::hash_password(&password) };
            if let Err(e) = storage.change_account(&rehash) {
                tracing::warn!(error = %e, "password rehash failed");
            }
        }
        let clusters = storage.clusters_of(&account.id)?;
        Ok(Some((account, clusters)))
    })
    .await??;
    if found.as_ref().is_some_and(|(account, _)| account.disabled) {
        // The password was right, so the brake's count is not raised; the account is off.
        attempt.succeeded();
        return Err(Failure::forbidden(
            "본부가 이 계정의 사용을 중지했습니다. 본부에 문의하세요.",
            "Head office has disabled this account; contact head office.",
        ));
    }
    let Some((account, clusters)) = found else {
        attempt.failed();
        // The login is not logged: people sometimes type their password into it.
        tracing::warn!(address = %address, "failed sign-in");
        return Err(Failure::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::WrongCredentials,
            "아이디 또는 비밀번호가 맞지 않습니다.",
            "The login or the password is wrong.",
        ));
    };
    attempt.succeeded();
    let cluster = match (account.role, request.cluster_id.trim()) {
        (Role::Manager, "") if clusters.len() == 1 => clusters.into_iter().next(),
        (Role::Manager, "") => {
            return Err(Failure::invalid(
                "cluster_id",
                "맡은 클러스터가 여러 개입니다. 이 노트북에서 쓸 클러스터를 고르세요.",
                "You are bound to several clusters; choose the one this laptop works for.",
            ))
        }
        (Role::Manager, wanted) => match clusters.into_iter().find(|c| c.id == wanted) {
            Some(c) => Some(c),
            None => {
                return Err(Failure::forbidden(
                    "이 계정은 그 클러스터를 맡고 있지 않습니다.",
                    "This account is not bound to that cluster.",
                ))
            }
        },
        (Role::Staff, _) => None,
    };
    let token = auth::new_token();
    let storage = state.storage.clone();
    let (device_id, label, hash, account_id, cluster_id) = (
        request.device_id.clone(),
        request.device_label.chars().take(100).collect::<String>(),
        auth::token_hash(&token),
        account.id.clone(),
        cluster.as_ref().map(|c| c.id.clone()),
    );
    let saved = tokio::task::spawn_blocking(move || {
        storage.save_device(&NewDevice {
            id: &device_id,
            account_id: &account_id,
            cluster_id: cluster_id.as_deref(),
            label: &label,
            token_hash: &hash,
        })
    })
    .await??;
    if !saved {
        return Err(Failure::forbidden(
            "이 노트북은 본부가 접속을 해제했거나 다른 계정에 등록되어 있습니다. 본부에 기기 등록 해제를 요청하세요.",
            "This laptop was revoked by head office or is registered to another account; ask head office to forget the device.",
        ));
    }
    tracing::info!(login = %login, device = %request.device_id, "device signed in");
    Ok(encode(&headers, &SignInResponse { token, account_name: account.name, role: account.role, cluster }))
}

/// `DELETE /v1/session`: the laptop signs out; its token stops working at once.
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Answer<Response> {
    check_protocol(&headers)?;
    let scope = scope(&state, &headers).await?;
    let storage = state.storage.clone();
    let device = scope.device_id.clone();
    tokio::task::spawn_blocking(move || storage.revoke_device(&device)).await??;
    tracing::info!(device = %scope.device_id, "device signed out");
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn push(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Answer<Response> {
    check_protocol(&headers)?;
    let scope = scope(&state, &headers).await?;
    let body = body.read(MAX_COMPRESSED_BODY_BYTES).await?;
    if scope.role == Role::Staff || scope.cluster_id.is_none() {
        return Err(Failure::forbidden(
            "본부 계정은 변경 내용을 올리지 않습니다. 본부 결정 기능을 쓰세요.",
            "A head-office token does not push changes; use the head-office decisions.",
        ));
    }
    let request: PushRequest = decode(&headers, &body)?;
    if request.schema_version < OLDEST_SCHEMA_VERSION || request.schema_version > SCHEMA_VERSION {
        return Err(Failure::new(
            StatusCode::UPGRADE_REQUIRED,
            ErrorCode::UpdateRequired,
            "이 앱의 자료 구조 버전을 본부 서버가 받지 않습니다. 앱(또는 서버)을 업데이트하세요.",
            "Head office does not accept this app's data version; update the app (or the server).",
        ));
    }
    if request.changes.len() > MAX_PAGE_CHANGES {
        return Err(Failure::invalid(
            "changes",
            format!("한 번에 {MAX_PAGE_CHANGES}건까지 보낼 수 있습니다."),
            format!("At most {MAX_PAGE_CHANGES} changes per page."),
        ));
    }
    if request.changes.windows(2).any(|w| w[0].client_seq >= w[1].client_seq) {
        return Err(Failure::invalid(
            "changes",
            "변경 내용의 순서가 올바르지 않습니다.",
            "Changes must be in ascending client_seq order.",
        ));
    }
    let acknowledged = request.changes.last().map_or(0, |c| c.client_seq);
    let storage = state.storage.clone();
    let changes = std::sync::Arc::new(request.changes);
    let stored = changes.clone();
    let scope_for_push = scope.clone();
    let quotas = state.quotas;
    let outcome = tokio::task::spawn_blocking(move || storage.push(&scope_for_push, &changes, &quotas)).await??;
    match outcome {
        PushOutcome::Stored { accepted, duplicates } => {
            tracing::info!(device = %scope.device_id, accepted, duplicates, "push stored");
            if accepted > 0 {
                state.replicas.changed(scope.cluster_id.as_deref());
            }
            // Only accepted changes move head office's clock (their times passed the rules).
            for change in stored.iter() {
                if let Some(t) = sync_wire::hlc::Timestamp::parse(&change.hlc) {
                    state.observe(t);
                }
            }
            let server_hlc = state.now_hlc();
            Ok(encode(
                &headers,
                &PushResponse { acknowledged_client_seq: acknowledged, accepted, duplicates, server_hlc },
            ))
        }
        PushOutcome::DeviceReused { client_seq } => {
            tracing::warn!(device = %scope.device_id, client_seq, "device pushed different changes under stored numbers");
            Err(Failure::new(
                StatusCode::CONFLICT,
                ErrorCode::DeviceReused,
                "이 노트북의 자료가 백업에서 복원되었거나 다른 노트북에서 복사된 것 같습니다. 변경을 덮어쓰지 않도록 동기화를 멈췄습니다. 본부에 문의하세요.",
                "This laptop's database seems restored from a backup or copied from another laptop; sync stopped so nothing is overwritten. Contact head office.",
            ))
        }
        PushOutcome::OverQuota(exceeded) => {
            tracing::warn!(device = %scope.device_id, ?exceeded, "push over quota");
            Err(Failure::over_quota(exceeded))
        }
        PushOutcome::Refused(rejected) => {
            tracing::warn!(device = %scope.device_id, refused = rejected.len(), "push refused");
            let mut body = ErrorBody::new(
                ErrorCode::RejectedChanges,
                format!("본부가 받을 수 없는 변경 {}건이 있습니다. 나머지는 다시 보냅니다.", rejected.len()),
                format!("{} changes cannot be accepted by head office; the rest will be sent again.", rejected.len()),
            );
            body.rejected = rejected;
            Err(Failure { status: StatusCode::UNPROCESSABLE_ENTITY, body: Box::new(body), retry_after_secs: None })
        }
    }
}

#[derive(Deserialize)]
pub struct PullQuery {
    #[serde(default)]
    cursor: i64,
    #[serde(default)]
    limit: Option<usize>,
    /// Head-office staff only: the cluster to read. Ignored for a manager, whose token
    /// names the cluster.
    #[serde(default)]
    cluster: Option<String>,
}

pub async fn pull(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<PullQuery>,
) -> Answer<Response> {
    check_protocol(&headers)?;
    let mut scope = scope(&state, &headers).await?;
    if scope.role == Role::Staff {
        // Staff read every cluster: the one asked for, as a reader that is no device of it.
        let Some(cluster) = query.cluster.clone().filter(|c| !c.is_empty()) else {
            return Err(Failure::invalid("cluster", "읽을 클러스터를 고르세요.", "Choose the cluster to read."));
        };
        let storage = state.storage.clone();
        let known = tokio::task::spawn_blocking(move || storage.clusters()).await??.iter().any(|c| c.id == cluster);
        if !known {
            return Err(Failure::new(
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                "그런 클러스터가 없습니다.",
                "No such cluster.",
            ));
        }
        scope.cluster_id = Some(cluster);
    } else if scope.cluster_id.is_none() {
        return Err(Failure::unauthorized());
    }
    let limit = query.limit.unwrap_or(MAX_PAGE_CHANGES).clamp(1, MAX_PAGE_CHANGES);
    let storage = state.storage.clone();
    let page = tokio::task::spawn_blocking(move || storage.pull(&scope, query.cursor.max(0), limit)).await??;
    Ok(encode(
        &headers,
        &PullResponse { changes: page.changes, cursor: page.cursor, more: page.more, server_hlc: state.now_hlc() },
    ))
}

/// `GET /v1/head-office/summary` (staff): the national summary.
pub async fn summary(State(state): State<AppState>, headers: HeaderMap) -> Answer<Response> {
    staff(&state, &headers).await?;
    let storage = state.storage.clone();
    let summary = tokio::task::spawn_blocking(move || storage.summary()).await??;
    Ok(encode(&headers, &summary))
}

async fn staff(state: &AppState, headers: &HeaderMap) -> Answer<()> {
    check_protocol(headers)?;
    let scope = scope(state, headers).await?;
    if scope.role != Role::Staff {
        return Err(Failure::forbidden("본부 직원만 할 수 있습니다.", "Only head-office staff may do this."));
    }
    Ok(())
}

fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    Some(serde_json::to_string(value).unwrap_or_default())
}

/// Head office decides on a project: its stage and the approved government amount.
pub async fn decide(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Answer<Response> {
    staff(&state, &headers).await?;
    let body = body.read(MAX_COMPRESSED_BODY_BYTES).await?;
    let decision: ProjectDecision = decode(&headers, &body)?;
    let answer = record_decision(&state, decision).await?;
    Ok(encode(&headers, &answer))
}

/// The decision itself, shared with the admin command line.
pub async fn record_decision(state: &AppState, decision: ProjectDecision) -> Answer<HeadOfficeWriteResponse> {
    if let Some(stage) = decision.stage.as_deref() {
        if !PROJECT_STAGES.contains(&stage) {
            return Err(Failure::invalid(
                "stage",
                format!("알 수 없는 단계입니다: {stage}"),
                format!("Unknown stage {stage:?}."),
            ));
        }
    }
    if decision.approved_government_won.is_some_and(|won| won < 0) {
        return Err(Failure::invalid(
            "approved_government_won",
            "승인 금액은 0원 이상이어야 합니다.",
            "The approved amount cannot be negative.",
        ));
    }
    if chrono::NaiveDate::parse_from_str(&decision.decided_on, "%Y-%m-%d").is_err() {
        return Err(Failure::invalid(
            "decided_on",
            "결정일은 YYYY-MM-DD 형식이어야 합니다.",
            "decided_on must be YYYY-MM-DD.",
        ));
    }
    let storage = state.storage.clone();
    let project_id = decision.project_id.clone();
    let records = tokio::task::spawn_blocking(move || storage.records(&project_id, "stage")).await??;
    let mut projects: Vec<(String, Option<String>)> = records
        .into_iter()
        .filter(|(c, t, _)| t == "project" && !c.is_empty())
        .filter(|(c, _, _)| decision.cluster_id.as_ref().is_none_or(|wanted| wanted == c))
        .map(|(c, _, stage)| (c, stage))
        .collect();
    if projects.len() > 1 {
        return Err(Failure::invalid(
            "cluster_id",
            "여러 클러스터에 같은 식별자의 사업이 있습니다. 클러스터를 지정하세요.",
            "More than one cluster has a project of this id; name the cluster.",
        ));
    }
    let Some((cluster, current_stage)) = projects.pop() else {
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "그런 사업이 없습니다.",
            "No such project.",
        ));
    };
    let mut changes = Vec::new();
    if let Some(stage) = decision.stage.as_deref() {
        let from: String = current_stage.as_deref().and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
        changes.push(HeadOfficeChange {
            table: "project",
            record_id: decision.project_id.clone(),
            field: "stage",
            new_value: json(&stage),
        });
        changes.push(HeadOfficeChange {
            table: "project",
            record_id: decision.project_id.clone(),
            field: "stage_reason",
            new_value: json(&decision.reason),
        });
        // The stage log the laptop shows, as if the manager had moved it.
        let change_id = uuid::Uuid::now_v7().to_string();
        for (field, value) in [
            ("project_id", json(&decision.project_id)),
            ("from_stage", json(&from)),
            ("to_stage", json(&stage)),
            ("changed_on", json(&decision.decided_on)),
            ("reason", json(&decision.reason)),
        ] {
            changes.push(HeadOfficeChange {
                table: "project_stage_change",
                record_id: change_id.clone(),
                field,
                new_value: value,
            });
        }
    }
    if let Some(won) = decision.approved_government_won {
        changes.push(HeadOfficeChange {
            table: "project",
            record_id: decision.project_id.clone(),
            field: "approved_government_won",
            new_value: json(&won),
        });
    }
    let count = head_office_write(state, Some(cluster), changes).await?;
    Ok(HeadOfficeWriteResponse { record_id: decision.project_id, changes: count })
}

/// Head office adds an expert to the national directory every cluster receives.
pub async fn add_expert(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Answer<Response> {
    staff(&state, &headers).await?;
    let body = body.read(MAX_COMPRESSED_BODY_BYTES).await?;
    let expert: NationalExpert = decode(&headers, &body)?;
    let answer = record_expert(&state, expert).await?;
    Ok(encode(&headers, &answer))
}

pub async fn record_expert(state: &AppState, expert: NationalExpert) -> Answer<HeadOfficeWriteResponse> {
    if expert.name.trim().is_empty() {
        return Err(Failure::invalid("name", "이름을 입력하세요.", "Enter a name."));
    }
    if expert.home_region.as_deref().is_some_and(|r| !REGIONS.contains(&r)) {
        return Err(Failure::invalid("home_region", "알 수 없는 권역입니다.", "Unknown region."));
    }
    let role = match expert.role.as_deref() {
        Some(role) if PERSON_ROLES.contains(&role) => role,
        Some(role) => {
            return Err(Failure::invalid(
                "role",
                format!("알 수 없는 역할입니다: {role}"),
                format!("Unknown role {role:?}."),
            ))
        }
        None if expert.affiliation.contains("대학") => "professor",
        None if expert.affiliation.contains("연구원") => "researcher",
        None => "consultant",
    };
    let id = uuid::Uuid::now_v7().to_string();
    let mut changes = vec![
        ("role", json(&role)),
        ("name", json(&expert.name.trim())),
        ("affiliation", json(&expert.affiliation)),
        ("title", json(&expert.title)),
        ("expertise", json(&expert.expertise)),
        ("phone", json(&expert.phone)),
        ("email", json(&expert.email)),
        ("external", json(&1)),
    ];
    if let Some(region) = &expert.home_region {
        changes.push(("home_region", json(region)));
    }
    let changes = changes
        .into_iter()
        .map(|(field, new_value)| HeadOfficeChange { table: "person", record_id: id.clone(), field, new_value })
        .collect();
    let count = head_office_write(state, None, changes).await?;
    Ok(HeadOfficeWriteResponse { record_id: id, changes: count })
}

async fn head_office_write(state: &AppState, cluster: Option<String>, changes: Vec<HeadOfficeChange>) -> Answer<u32> {
    let storage = state.storage.clone();
    let clock = state.clone();
    let n = changes.len() as u32;
    let changed = cluster.clone();
    tokio::task::spawn_blocking(move || {
        let mut stamp = || clock.now_hlc();
        storage.head_office_write(cluster.as_deref(), &changes, &mut stamp)
    })
    .await??;
    state.replicas.changed(changed.as_deref());
    Ok(n)
}
