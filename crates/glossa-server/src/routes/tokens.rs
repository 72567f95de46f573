//! Named API tokens of the caller, for integrations.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use glossa_core::FieldErrors;
use glossa_store::entity::api_tokens::Model;
use glossa_store::repo::api_tokens;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::{AuthUser, token};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;

/// Scopes a token can carry.
pub const SCOPES: &[&str] = &["read", "write"];

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
}

/// A token as listed (never its secret).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TokenView {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// First characters of the secret.
    pub prefix: String,
    /// Scopes.
    pub scopes: Vec<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last use.
    pub last_used_at: Option<DateTime<Utc>>,
    /// Expiry, if any.
    pub expires_at: Option<DateTime<Utc>>,
    /// Revocation time, if revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<Model> for TokenView {
    fn from(m: Model) -> Self {
        Self {
            id: m.id,
            name: m.name,
            prefix: m.token_prefix,
            scopes: serde_json::from_value(m.scopes).unwrap_or_default(),
            created_at: m.created_at,
            last_used_at: m.last_used_at,
            expires_at: m.expires_at,
            revoked_at: m.revoked_at,
        }
    }
}

/// A token to create.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateToken {
    /// Name, 1-100 characters.
    pub name: String,
    /// Scopes (`read`, `write`; default both).
    pub scopes: Option<Vec<String>>,
    /// Days until it expires (1-3650; default never).
    pub expires_in_days: Option<i64>,
}

/// A created token with its secret, shown only once.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreatedToken {
    /// The secret to send as `Authorization: Bearer`.
    pub token: String,
    /// The stored token.
    #[serde(flatten)]
    pub info: TokenView,
}

/// The caller's tokens.
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "tokens", security(("bearer" = [])),
    responses((status = 200, body = Vec<TokenView>)))]
#[tracing::instrument(skip_all, err)]
pub async fn list_tokens(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<ApiJson<Vec<TokenView>>> {
    let rows = api_tokens::list(&state.db, auth.id()).await?;
    Ok(ApiJson(rows.into_iter().map(Into::into).collect()))
}

/// Create a named token.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "tokens", security(("bearer" = [])),
    request_body = CreateToken,
    responses((status = 201, body = CreatedToken), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn create_token(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(req): ApiJson<CreateToken>,
) -> ApiResult<(StatusCode, ApiJson<CreatedToken>)> {
    let mut errors = FieldErrors::new();
    let name = req.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        errors.add("name", "must be 1-100 characters");
    } else if name.chars().any(char::is_control) {
        errors.add("name", "must not contain control characters");
    }
    let scopes = req
        .scopes
        .unwrap_or_else(|| SCOPES.iter().map(|s| (*s).to_owned()).collect());
    if scopes.is_empty() || scopes.iter().any(|s| !SCOPES.contains(&s.as_str())) {
        errors.add(
            "scopes",
            format!("each scope must be one of: {}", SCOPES.join(", ")),
        );
    }
    if let Some(d) = req.expires_in_days
        && !(1..=3650).contains(&d)
    {
        errors.add("expires_in_days", "must be between 1 and 3650");
    }
    errors.into_result()?;
    let now = state.clock.now();
    let raw = token::generate(token::API_PREFIX);
    let row = api_tokens::create(
        &state.db,
        api_tokens::NewToken {
            user_id: auth.id(),
            name,
            token_hash: token::hash(&raw),
            token_prefix: raw.chars().take(token::API_PREFIX.len() + 6).collect(),
            scopes,
            expires_at: req.expires_in_days.map(|d| now + Duration::days(d)),
        },
        now,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(CreatedToken {
            token: raw,
            info: row.into(),
        }),
    ))
}

/// Revoke one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "tokens", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "token id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn revoke_token(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    if api_tokens::revoke(&state.db, auth.id(), id, state.clock.now()).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("token"))
    }
}
