//! Progress and gamification: achievements and the showcase, leaderboards
//! and leagues, snapshots and the heatmap, and the dashboard.

pub mod achievements;
pub mod dashboard;
pub mod history;
pub mod leaderboard;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(achievements::router())
        .merge(leaderboard::router())
        .merge(history::router())
        .merge(dashboard::router())
}
