//! The caller's settings: read, replace, change some.

use axum::extract::State;
use glossa_core::{SettingsPatch, UserSettings};
use glossa_store::repo::settings;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::ApiJson;
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_settings, put_settings, patch_settings))
}

async fn load(state: &AppState, auth: &AuthUser) -> ApiResult<UserSettings> {
    let json = settings::get(&state.db, auth.id()).await?;
    serde_json::from_value(json).map_err(|e| ApiError::internal(format!("stored settings: {e}")))
}

async fn save(state: &AppState, auth: &AuthUser, new: UserSettings) -> ApiResult<UserSettings> {
    new.validate()?;
    let json = serde_json::to_value(&new).map_err(ApiError::internal)?;
    let saved = settings::put(&state.db, auth.id(), json, state.clock.now()).await?;
    serde_json::from_value(saved).map_err(|e| ApiError::internal(format!("stored settings: {e}")))
}

/// The caller's settings.
#[utoipa::path(get, path = "/api/v1/me/settings", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = UserSettings)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_settings(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<ApiJson<UserSettings>> {
    Ok(ApiJson(load(&state, &auth).await?))
}

/// Replace every setting.
#[utoipa::path(put, path = "/api/v1/me/settings", tag = "settings", security(("bearer" = [])),
    request_body = UserSettings,
    responses((status = 200, body = UserSettings), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn put_settings(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(new): ApiJson<UserSettings>,
) -> ApiResult<ApiJson<UserSettings>> {
    Ok(ApiJson(save(&state, &auth, new).await?))
}

/// Change some settings; the others stay.
#[utoipa::path(patch, path = "/api/v1/me/settings", tag = "settings", security(("bearer" = [])),
    request_body = SettingsPatch,
    responses((status = 200, body = UserSettings), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn patch_settings(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(patch): ApiJson<SettingsPatch>,
) -> ApiResult<ApiJson<UserSettings>> {
    let current = load(&state, &auth).await?;
    Ok(ApiJson(save(&state, &auth, patch.apply(&current)).await?))
}
