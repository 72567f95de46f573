//! The caller's achievements with progress, and their showcase.

use axum::extract::State;
use glossa_store::gamification::achievements::{
    AchievementView, Filter, MAX_SHOWCASE, ShowcaseError, list, set_showcase,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::ApiJson;
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_achievements))
        .routes(routes!(put_showcase))
}

/// Every achievement with the caller's progress.
#[derive(Debug, Serialize, ToSchema)]
pub struct Achievements {
    /// Completed achievements.
    pub completed: usize,
    /// Active achievements.
    pub total: usize,
    /// All of them, with progress.
    pub achievements: Vec<AchievementView>,
}

/// All achievements with the caller's progress, completion and showcase.
#[utoipa::path(get, path = "/api/v1/achievements", tag = "progress", security(("bearer" = [])),
    responses((status = 200, body = Achievements)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_achievements(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<ApiJson<Achievements>> {
    let achievements = list(&state.db, auth.user.id, Filter::All).await?;
    Ok(ApiJson(Achievements {
        completed: achievements.iter().filter(|a| a.completed).count(),
        total: achievements.len(),
        achievements,
    }))
}

/// A new showcase.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Showcase {
    /// Completed achievement ids in display order (at most 5; empty clears it).
    pub ids: Vec<Uuid>,
}

/// Replaces the caller's showcase.
#[utoipa::path(put, path = "/api/v1/achievements/showcase", tag = "progress", security(("bearer" = [])),
    request_body = Showcase,
    responses((status = 200, body = Vec<AchievementView>), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn put_showcase(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<Showcase>,
) -> ApiResult<ApiJson<Vec<AchievementView>>> {
    set_showcase(&state.db, auth.user.id, &body.ids, state.clock.now())
        .await
        .map_err(|e| match e {
            ShowcaseError::TooMany => {
                ApiError::field("ids", format!("at most {MAX_SHOWCASE} achievements"))
            }
            ShowcaseError::Duplicate => ApiError::field("ids", "an achievement is listed twice"),
            ShowcaseError::NotCompleted(id) => {
                ApiError::field("ids", format!("achievement {id} is not completed"))
            }
            ShowcaseError::Store(s) => ApiError::from(s),
        })?;
    Ok(ApiJson(
        list(&state.db, auth.user.id, Filter::Showcase).await?,
    ))
}
