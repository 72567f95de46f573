//! Lesson progress: resume where the learner left a lesson; finishing a
//! lesson earns XP.

use axum::extract::State;
use glossa_store::TransactionTrait;
use glossa_store::learning::lessons::{self, LessonProgress};
use glossa_store::progress::{Activity, record};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_progress, put_progress))
}

/// The learner's place in a lesson.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressUpdate {
    /// Index (0-based) of the item the learner is at.
    pub position: i64,
    /// The lesson is finished.
    #[serde(default)]
    pub completed: bool,
}

/// Progress and what finishing earned.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressResult {
    /// The progress now.
    pub progress: LessonProgress,
    /// XP earned by this update (finishing a lesson for the first time).
    pub xp: i32,
}

/// Where the learner is in a lesson (not_started if never opened).
#[utoipa::path(get, path = "/api/v1/lessons/{id}/progress", tag = "lessons", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "lesson id")),
    responses((status = 200, body = LessonProgress), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_progress(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<LessonProgress>> {
    lessons::lesson(&state.db, id).await?;
    Ok(ApiJson(lessons::get(&state.db, auth.user.id, id).await?))
}

/// Record the learner's position in a lesson, or that they finished it.
#[utoipa::path(put, path = "/api/v1/lessons/{id}/progress", tag = "lessons", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "lesson id")), request_body = ProgressUpdate,
    responses((status = 200, body = ProgressResult), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn put_progress(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ProgressUpdate>,
) -> ApiResult<ApiJson<ProgressResult>> {
    let info = lessons::lesson(&state.db, id).await?;
    let position = i32::try_from(body.position)
        .ok()
        .filter(|p| *p >= 0 && i64::from(*p) <= info.items);
    let Some(position) = position else {
        return Err(ApiError::field(
            "position",
            format!("must be between 0 and {} (the lesson's items)", info.items),
        ));
    };
    let now = state.clock.now();
    let user = auth.user.id;
    let tx = state
        .db
        .begin()
        .await
        .map_err(glossa_store::StoreError::from)?;
    let (progress, finished) =
        lessons::advance(&tx, user, &info, position, body.completed, now).await?;
    let mut xp = 0;
    if finished {
        let schedule = glossa_store::learning::schedule::load(&tx, user).await?;
        let activity = Activity {
            kind: "lesson",
            xp: glossa_core::progress::xp("lesson", None, Some(1.0)),
            language: Some(info.language.clone()),
            source_id: Some(id),
            metadata: serde_json::json!({"score": 1.0}),
            counters: Vec::new(),
        };
        xp = record(&tx, &schedule, &activity, now).await?.xp;
    }
    tx.commit().await.map_err(glossa_store::StoreError::from)?;
    Ok(ApiJson(ProgressResult { progress, xp }))
}
