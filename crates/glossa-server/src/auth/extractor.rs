//! `AuthUser`: the caller, from `Authorization: Bearer <token>`. Session
//! tokens slide their expiry on use; API tokens are checked for revocation
//! and expiry. Inactive users are refused.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use chrono::Duration;
use glossa_core::Role;
use glossa_store::entity::users::Model as User;
use glossa_store::repo::{api_tokens, sessions, users};
use uuid::Uuid;

use super::token;
use crate::error::ApiError;
use crate::state::AppState;

/// How a request was authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// A login session (its id).
    Session(Uuid),
    /// A named API token (its id).
    ApiToken(Uuid),
}

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct AuthUser {
    /// The user row.
    pub user: User,
    /// The user's role.
    pub role: Role,
    /// What they authenticated with.
    pub credential: Credential,
}

impl AuthUser {
    /// The caller's id.
    pub fn id(&self) -> Uuid {
        self.user.id
    }

    /// The session id when authenticated by a login session.
    pub fn session_id(&self) -> Option<Uuid> {
        match self.credential {
            Credential::Session(id) => Some(id),
            Credential::ApiToken(_) => None,
        }
    }
}

/// Minimum time between two writes of a session's sliding expiry, so that
/// a busy client does not write on every request.
const TOUCH_EVERY: Duration = Duration::seconds(60);

fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    let value = parts
        .headers
        .get(header::AUTHORIZATION)
        .ok_or_else(|| ApiError::unauthorized("missing Authorization: Bearer token"))?;
    let value = value
        .to_str()
        .map_err(|_| ApiError::unauthorized("Authorization header is not valid text"))?;
    // The scheme name is case-insensitive (RFC 9110).
    value
        .split_once(' ')
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim())
        .filter(|t| !t.is_empty() && !t.contains(' '))
        .ok_or_else(|| ApiError::unauthorized("Authorization must be: Bearer <token>"))
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let raw = bearer(parts)?;
        let hash = token::hash(raw);
        let now = state.clock.now();
        let (user_id, credential) = if raw.starts_with(token::API_PREFIX) {
            let t = api_tokens::find_live(&state.db, &hash, now)
                .await?
                .ok_or_else(|| ApiError::unauthorized("invalid, revoked or expired token"))?;
            // A token without the write scope may only read.
            let read_only_method = matches!(
                parts.method,
                axum::http::Method::GET | axum::http::Method::HEAD
            );
            let can_write = t
                .scopes
                .as_array()
                .is_some_and(|a| a.iter().any(|s| s.as_str() == Some("write")));
            if !read_only_method && !can_write {
                return Err(ApiError::forbidden("this API token has no write scope"));
            }
            api_tokens::touch(&state.db, t.id, now).await?;
            (t.user_id, Credential::ApiToken(t.id))
        } else {
            let s = sessions::find_live(&state.db, &hash, now)
                .await?
                .ok_or_else(|| ApiError::unauthorized("invalid, revoked or expired token"))?;
            if now - s.last_seen_at >= TOUCH_EVERY {
                let expires = now + Duration::days(state.config.auth.session_days);
                sessions::touch(&state.db, s.id, now, expires).await?;
            }
            (s.user_id, Credential::Session(s.id))
        };
        let user = users::get(&state.db, user_id).await?;
        if !user.is_active {
            return Err(ApiError::unauthorized("this account is deactivated"));
        }
        let role = user
            .role
            .parse::<Role>()
            .map_err(|e| ApiError::internal(format!("stored role: {e}")))?;
        Ok(AuthUser {
            user,
            role,
            credential,
        })
    }
}

/// An authenticated admin; 403 for anyone else.
#[derive(Debug, Clone)]
pub struct RequireAdmin(pub AuthUser);

impl FromRequestParts<AppState> for RequireAdmin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let user = AuthUser::from_request_parts(parts, state).await?;
        if user.role != Role::Admin {
            return Err(ApiError::forbidden("this needs the admin role"));
        }
        Ok(RequireAdmin(user))
    }
}

/// The client's address: the peer, or the first `X-Forwarded-For` entry
/// when the deployment trusts its proxy.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if state.config.http.trust_forwarded_for
            && let Some(first) = parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(str::trim)
                .filter(|v| !v.is_empty())
        {
            return Ok(ClientIp(first.to_owned()));
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "unknown".to_owned());
        Ok(ClientIp(peer))
    }
}

/// An authenticated teacher or admin; 403 for learners.
#[derive(Debug, Clone)]
pub struct RequireTeacher(pub AuthUser);

impl FromRequestParts<AppState> for RequireTeacher {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let user = AuthUser::from_request_parts(parts, state).await?;
        if user.role == Role::Learner {
            return Err(ApiError::forbidden("this needs the teacher or admin role"));
        }
        Ok(RequireTeacher(user))
    }
}
