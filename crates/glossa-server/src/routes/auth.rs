//! Registration, login, logout and the caller's sessions.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use chrono::{DateTime, Duration, Utc};
use glossa_core::{Email, FieldErrors, Role, check_password};
use glossa_store::repo::{sessions, users};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::views::UserView;
use crate::accounts;
use crate::auth::extractor::ClientIp;
use crate::auth::{AuthUser, rate_limit, token};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(logout_all))
        .routes(routes!(list_sessions))
        .routes(routes!(revoke_session))
}

/// A new account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// Email address (case is ignored).
    pub email: String,
    /// At least 10 characters, not the email.
    pub password: String,
    /// Optional name to show.
    pub display_name: Option<String>,
    /// ISO 639-1 code of the learner's own language (default `en`).
    pub native_language: Option<String>,
    /// IANA timezone (default `UTC`).
    pub timezone: Option<String>,
}

/// Email and password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Email address.
    pub email: String,
    /// Password.
    pub password: String,
}

/// A session token and its user.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionResponse {
    /// The bearer token; shown only now.
    pub token: String,
    /// When the token expires unless used (each use extends it).
    pub expires_at: DateTime<Utc>,
    /// The user.
    pub user: UserView,
}

/// One live session of the caller.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionView {
    /// Session id.
    pub id: Uuid,
    /// Whether this is the session of the current request.
    pub current: bool,
    /// Client that logged in.
    pub user_agent: Option<String>,
    /// Address it logged in from.
    pub ip: Option<String>,
    /// Login time.
    pub created_at: DateTime<Utc>,
    /// Last use.
    pub last_seen_at: DateTime<Utc>,
    /// Expiry unless used again.
    pub expires_at: DateTime<Utc>,
}

fn user_agent(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(256).collect())
}

/// Open a session for a user and return its token.
pub(crate) async fn open_session(
    state: &AppState,
    user: glossa_store::entity::users::Model,
    headers: &HeaderMap,
    ip: String,
) -> ApiResult<SessionResponse> {
    let now = state.clock.now();
    let expires_at = now + Duration::days(state.config.auth.session_days);
    let raw = token::generate(token::SESSION_PREFIX);
    sessions::create(
        &state.db,
        user.id,
        token::hash(&raw),
        user_agent(headers),
        Some(ip),
        now,
        expires_at,
    )
    .await?;
    Ok(SessionResponse {
        token: raw,
        expires_at,
        user: user.into(),
    })
}

/// Create an account and log it in.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth",
    request_body = RegisterRequest,
    responses((status = 201, body = SessionResponse), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn register(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<RegisterRequest>,
) -> ApiResult<(StatusCode, ApiJson<SessionResponse>)> {
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(&req.email));
    if let Err(e) = check_password(&req.password, &req.email) {
        errors.add("password", e);
    }
    errors.into_result()?;
    let Some(email) = email else {
        return Err(ApiError::internal("validated email missing"));
    };
    let limit = state.config.auth.register_per_ip;
    rate_limit::check(&state, &format!("register:ip:{ip}"), limit).await?;
    let user = accounts::create_account(
        &state.db,
        &state.hasher,
        accounts::NewAccount {
            email,
            password: req.password,
            role: Role::Learner,
            display_name: req.display_name,
            native_language: req.native_language,
            timezone: req.timezone,
        },
        state.clock.now(),
    )
    .await?;
    let session = open_session(&state, user, &headers, ip).await?;
    Ok((StatusCode::CREATED, ApiJson(session)))
}

/// Log in with email and password.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses((status = 200, body = SessionResponse), (status = 401, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> ApiResult<ApiJson<SessionResponse>> {
    let auth = &state.config.auth;
    rate_limit::check(&state, &format!("login:ip:{ip}"), auth.login_per_ip).await?;
    let invalid = || ApiError::unauthorized("wrong email or password");
    let Ok(email) = Email::parse(&req.email) else {
        return Err(invalid());
    };
    let account_key = format!("login:account:{}", email.as_str());
    let user = users::find_by_email(&state.db, email.as_str()).await?;
    let Some(user) = user else {
        state.hasher.burn().await;
        rate_limit::check(&state, &account_key, auth.login_per_account).await?;
        return Err(invalid());
    };
    let ok = match user.password_hash.clone() {
        Some(hash) => state.hasher.verify(req.password, hash).await?,
        None => false,
    };
    if !ok {
        rate_limit::check(&state, &account_key, auth.login_per_account).await?;
        return Err(invalid());
    }
    if !user.is_active {
        return Err(ApiError::forbidden("this account is deactivated"));
    }
    let now = state.clock.now();
    users::touch_login(&state.db, user.id, now).await?;
    let user = users::get(&state.db, user.id).await?;
    Ok(ApiJson(open_session(&state, user, &headers, ip).await?))
}

/// End the current session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    security(("bearer" = [])), responses((status = 204), (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn logout(State(state): State<AppState>, auth: AuthUser) -> ApiResult<StatusCode> {
    let Some(session) = auth.session_id() else {
        return Err(ApiError::bad_request(
            "this request used an API token; revoke it at /api/v1/me/tokens instead",
        ));
    };
    sessions::revoke(&state.db, auth.id(), session, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// End every session of the caller, this one included.
#[utoipa::path(post, path = "/api/v1/auth/logout-all", tag = "auth",
    security(("bearer" = [])), responses((status = 204), (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn logout_all(State(state): State<AppState>, auth: AuthUser) -> ApiResult<StatusCode> {
    sessions::revoke_all(&state.db, auth.id(), None, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's live sessions.
#[utoipa::path(get, path = "/api/v1/auth/sessions", tag = "auth",
    security(("bearer" = [])), responses((status = 200, body = Vec<SessionView>)))]
#[tracing::instrument(skip_all, err)]
pub async fn list_sessions(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<ApiJson<Vec<SessionView>>> {
    let rows = sessions::list_live(&state.db, auth.id(), state.clock.now()).await?;
    let current = auth.session_id();
    Ok(ApiJson(
        rows.into_iter()
            .map(|s| SessionView {
                current: Some(s.id) == current,
                id: s.id,
                user_agent: s.user_agent,
                ip: s.ip,
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
                expires_at: s.expires_at,
            })
            .collect(),
    ))
}

/// End one of the caller's sessions.
#[utoipa::path(delete, path = "/api/v1/auth/sessions/{id}", tag = "auth",
    params(("id" = Uuid, Path, description = "session id")),
    security(("bearer" = [])), responses((status = 204), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn revoke_session(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    if sessions::revoke(&state.db, auth.id(), id, state.clock.now()).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("session"))
    }
}
