//! The caller's own account: profile, password, deletion, data export.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use glossa_core::{DisplayName, FieldErrors, LanguageCode, Timezone, Username, check_password};
use glossa_store::repo::{api_tokens, languages, sessions, settings, users};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::views::UserView;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::ApiJson;
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_me, patch_me, delete_me))
        .routes(routes!(change_password))
        .routes(routes!(export))
}

/// Profile fields to change; absent fields stay, `null` clears optional ones.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfilePatch {
    /// Name to show (`null` clears it).
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>)]
    pub display_name: Option<Option<String>>,
    /// Unique username (`null` clears it).
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>)]
    pub username: Option<Option<String>>,
    /// ISO 639-1 code of the learner's own language.
    pub native_language: Option<String>,
    /// IANA timezone.
    pub timezone: Option<String>,
}

/// Current and new password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// The password in use now.
    pub current_password: String,
    /// The new password: at least 10 characters, not the email.
    pub new_password: String,
}

/// The password, to confirm deletion.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteAccount {
    /// The account's password.
    pub password: String,
}

/// Everything Glossa stores about the caller.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DataExport {
    /// When the export was made.
    pub exported_at: DateTime<Utc>,
    /// The account.
    pub user: UserView,
    /// Settings.
    pub settings: Value,
    /// Languages learned.
    pub languages: Vec<super::languages::LanguageView>,
    /// Live and past login sessions (without tokens).
    pub sessions: Vec<Value>,
    /// API tokens (without secrets).
    pub api_tokens: Vec<super::tokens::TokenView>,
}

/// The caller's profile.
#[utoipa::path(get, path = "/api/v1/me", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = UserView), (status = 401, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_me(auth: AuthUser) -> ApiResult<ApiJson<UserView>> {
    Ok(ApiJson(auth.user.into()))
}

/// Change the caller's profile.
#[utoipa::path(patch, path = "/api/v1/me", tag = "me", security(("bearer" = [])),
    request_body = ProfilePatch,
    responses((status = 200, body = UserView), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn patch_me(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(patch): ApiJson<ProfilePatch>,
) -> ApiResult<ApiJson<UserView>> {
    let mut errors = FieldErrors::new();
    let mut change = users::ProfileChange::default();
    match patch.display_name {
        Some(Some(d)) => {
            change.display_name = errors
                .check("display_name", DisplayName::parse(&d))
                .map(|d| Some(d.as_str().to_owned()));
        }
        Some(None) => change.display_name = Some(None),
        None => {}
    }
    match patch.username {
        Some(Some(u)) => {
            change.username = errors
                .check("username", Username::parse(&u))
                .map(|u| Some(u.as_str().to_owned()));
        }
        Some(None) => change.username = Some(None),
        None => {}
    }
    if let Some(l) = patch.native_language {
        change.native_language = errors
            .check("native_language", LanguageCode::parse(&l))
            .map(|l| l.as_str().to_owned());
    }
    if let Some(t) = patch.timezone {
        change.timezone = errors
            .check("timezone", Timezone::parse(&t))
            .map(|t| t.as_str().to_owned());
    }
    errors.into_result()?;
    let user = users::update_profile(&state.db, auth.id(), change, state.clock.now()).await?;
    Ok(ApiJson(user.into()))
}

/// Change the password; every other session is logged out.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "me", security(("bearer" = [])),
    request_body = PasswordChange,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn change_password(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(req): ApiJson<PasswordChange>,
) -> ApiResult<StatusCode> {
    check_password(&req.new_password, &auth.user.email)
        .map_err(|e| ApiError::field("new_password", e))?;
    confirm_password(&state, &auth, req.current_password).await?;
    let hash = state.hasher.hash(req.new_password).await?;
    let now = state.clock.now();
    users::set_password_hash(&state.db, auth.id(), hash, now).await?;
    sessions::revoke_all(&state.db, auth.id(), auth.session_id(), now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 403 unless `password` is the caller's password.
async fn confirm_password(state: &AppState, auth: &AuthUser, password: String) -> ApiResult<()> {
    let Some(hash) = auth.user.password_hash.clone() else {
        return Err(ApiError::forbidden("this account has no password"));
    };
    if state.hasher.verify(password, hash).await? {
        Ok(())
    } else {
        Err(ApiError::forbidden("the password is wrong"))
    }
}

/// Delete the caller's account and everything that is theirs.
#[utoipa::path(delete, path = "/api/v1/me", tag = "me", security(("bearer" = [])),
    request_body = DeleteAccount,
    responses((status = 204), (status = 403, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn delete_me(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(req): ApiJson<DeleteAccount>,
) -> ApiResult<StatusCode> {
    confirm_password(&state, &auth, req.password).await?;
    if auth.role == glossa_core::Role::Admin
        && users::count_active_with_role(&state.db, "admin").await? <= 1
    {
        return Err(ApiError::conflict(
            "the last admin cannot delete their account; make another user admin first",
        ));
    }
    users::delete(&state.db, auth.id()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Everything stored about the caller, as one JSON document.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = DataExport)))]
#[tracing::instrument(skip_all, err)]
pub async fn export(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<ApiJson<DataExport>> {
    let id = auth.id();
    let now = state.clock.now();
    let sessions = sessions::list_live(&state.db, id, now)
        .await?
        .into_iter()
        .map(|s| {
            serde_json::json!({
                "id": s.id, "user_agent": s.user_agent, "ip": s.ip,
                "created_at": s.created_at, "last_seen_at": s.last_seen_at,
                "expires_at": s.expires_at,
            })
        })
        .collect();
    Ok(ApiJson(DataExport {
        exported_at: now,
        settings: settings::get(&state.db, id).await?,
        languages: languages::list(&state.db, id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
        sessions,
        api_tokens: api_tokens::list(&state.db, id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
        user: auth.user.into(),
    }))
}
