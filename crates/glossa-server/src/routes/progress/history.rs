//! Progress over time: stored snapshots and the activity heatmap.

use axum::extract::State;
use glossa_store::gamification::heatmap::{HeatDay, MAX_DAYS, heatmap};
use glossa_store::gamification::snapshots::{Snapshot, list};
use glossa_store::learning::schedule;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery};
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_snapshots))
        .routes(routes!(get_heatmap))
}

/// Which snapshots.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SnapshotQuery {
    /// daily, weekly (default) or monthly.
    pub period: Option<String>,
    /// Snapshots to return (1-366, default 30).
    pub limit: Option<u64>,
}

/// The caller's snapshots of a period, most recent first.
#[utoipa::path(get, path = "/api/v1/progress/snapshots", tag = "progress", security(("bearer" = [])),
    params(SnapshotQuery), responses((status = 200, body = Vec<Snapshot>), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_snapshots(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<SnapshotQuery>,
) -> ApiResult<ApiJson<Vec<Snapshot>>> {
    let period = q.period.unwrap_or_else(|| "weekly".into());
    if !["daily", "weekly", "monthly"].contains(&period.as_str()) {
        return Err(ApiError::field(
            "period",
            "must be daily, weekly or monthly",
        ));
    }
    let limit = q.limit.unwrap_or(30);
    if !(1..=366).contains(&limit) {
        return Err(ApiError::field("limit", "must be 1-366"));
    }
    Ok(ApiJson(
        list(&state.db, auth.user.id, &period, limit).await?,
    ))
}

/// How many days.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct HeatmapQuery {
    /// Local days up to today (1-366, default 90).
    pub days: Option<u32>,
}

/// XP, activities and review accuracy per local date.
#[utoipa::path(get, path = "/api/v1/progress/heatmap", tag = "progress", security(("bearer" = [])),
    params(HeatmapQuery), responses((status = 200, body = Vec<HeatDay>), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_heatmap(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<HeatmapQuery>,
) -> ApiResult<ApiJson<Vec<HeatDay>>> {
    let days = q.days.unwrap_or(90);
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(ApiError::field("days", format!("must be 1-{MAX_DAYS}")));
    }
    let schedule = schedule::load(&state.db, auth.user.id).await?;
    Ok(ApiJson(
        heatmap(&state.db, &schedule, state.clock.now(), days).await?,
    ))
}
