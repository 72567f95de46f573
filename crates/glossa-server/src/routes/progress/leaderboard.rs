//! Leaderboards: all time by total XP, and the caller's weekly league.

use axum::extract::State;
use glossa_store::gamification::leagues::{self, Leader, League, PastWeek};
use glossa_store::learning::schedule;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery};
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_leaderboard))
}

/// Which board.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct BoardQuery {
    /// `all_time` (default) or `weekly` (the caller's league group).
    pub scope: Option<String>,
    /// Rows of the all-time board (1-100, default 50).
    pub limit: Option<u64>,
}

/// A leaderboard.
#[derive(Debug, Serialize, ToSchema)]
pub struct Board {
    /// all_time or weekly.
    pub scope: String,
    /// All time: the top learners by XP.
    pub leaders: Vec<Leader>,
    /// All time: the caller's place (absent before their first XP).
    pub me: Option<Leader>,
    /// Weekly: the caller's league group this week (absent until their
    /// first activity of the week).
    pub league: Option<League>,
    /// Weekly: the caller's finished league weeks, most recent first.
    pub history: Vec<PastWeek>,
}

/// The all-time board or the caller's weekly league.
#[utoipa::path(get, path = "/api/v1/leaderboard", tag = "progress", security(("bearer" = [])), params(BoardQuery),
    responses((status = 200, body = Board), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_leaderboard(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<BoardQuery>,
) -> ApiResult<ApiJson<Board>> {
    let limit = q.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::field("limit", "must be 1-100"));
    }
    let user = auth.user.id;
    match q.scope.as_deref() {
        None | Some("all_time") => {
            let (leaders, me) = leagues::all_time(&state.db, user, limit).await?;
            Ok(ApiJson(Board {
                scope: "all_time".into(),
                leaders,
                me,
                league: None,
                history: Vec::new(),
            }))
        }
        Some("weekly") => {
            let schedule = schedule::load(&state.db, user).await?;
            let league = leagues::current(&state.db, &schedule, state.clock.now()).await?;
            let history = leagues::history(&state.db, user, 10).await?;
            Ok(ApiJson(Board {
                scope: "weekly".into(),
                leaders: Vec::new(),
                me: None,
                league,
                history,
            }))
        }
        Some(_) => Err(ApiError::field("scope", "must be all_time or weekly")),
    }
}
