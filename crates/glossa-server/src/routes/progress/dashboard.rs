//! The dashboard: everything the learner's home screen shows, in one
//! request.

use axum::extract::State;
use chrono::NaiveDate;
use glossa_core::srs::day::learner_date;
use glossa_store::gamification::achievements::{AchievementView, Filter, list};
use glossa_store::gamification::figures::totals;
use glossa_store::gamification::heatmap::{HeatDay, heatmap, tallies};
use glossa_store::gamification::leagues::{self, current_week};
use glossa_store::learning::queue::{ReviewOrder, due};
use glossa_store::learning::schedule;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::ApiJson;
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_dashboard))
}

/// XP, the daily goal and the streak.
#[derive(Debug, Serialize, ToSchema)]
pub struct Stats {
    /// XP ever.
    pub total_xp: i64,
    /// XP today (the learner's local day).
    pub xp_today: i64,
    /// XP this league week.
    pub weekly_xp: i64,
    /// The daily XP goal.
    pub daily_goal_xp: i32,
    /// Percent of the goal reached today (0-100).
    pub daily_goal_percent: i64,
    /// The goal is reached today.
    pub daily_goal_reached: bool,
    /// Days in a row (0 once broken).
    pub streak_days: i32,
    /// The longest streak.
    pub longest_streak_days: i32,
    /// Streak freezes held.
    pub streak_freezes: i32,
    /// Practised today.
    pub active_today: bool,
    /// The learner's local date.
    pub today: NaiveDate,
    /// Achievements earned.
    pub achievements_earned: i32,
    /// Their points.
    pub achievement_points: i32,
}

/// Cards due now.
#[derive(Debug, Serialize, ToSchema)]
pub struct DueCounts {
    /// Learning and relearning cards due.
    pub learning: u64,
    /// Reviews left today.
    pub review: u64,
    /// New cards left today.
    pub new: u64,
    /// All of them.
    pub total: u64,
}

/// The caller's place in their league this week.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeaguePosition {
    /// Monday of the week.
    pub week_start: NaiveDate,
    /// The tier.
    pub tier: String,
    /// Rank in the group.
    pub rank: usize,
    /// Learners in the group.
    pub group_size: usize,
    /// XP this week.
    pub weekly_xp: i64,
    /// In the promotion zone.
    pub promotion_zone: bool,
    /// In the demotion zone.
    pub demotion_zone: bool,
}

/// The home screen.
#[derive(Debug, Serialize, ToSchema)]
pub struct Dashboard {
    /// XP, goal and streak.
    pub stats: Stats,
    /// Cards due.
    pub due: DueCounts,
    /// The five most recent achievements.
    pub recent_achievements: Vec<AchievementView>,
    /// The showcase.
    pub showcase: Vec<AchievementView>,
    /// League position (absent until the first activity of the week).
    pub league: Option<LeaguePosition>,
    /// The last seven local days.
    pub last_7_days: Vec<HeatDay>,
}

/// Stats, due counts, achievements, league and the last week in one call.
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "progress", security(("bearer" = [])),
    responses((status = 200, body = Dashboard)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_dashboard(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<ApiJson<Dashboard>> {
    let db = &state.db;
    let user = auth.user.id;
    let now = state.clock.now();
    let schedule = schedule::load(db, user).await?;
    let today = learner_date(now, schedule.timezone, schedule.day_start_hour);
    let t = totals(db, user).await?;
    let days = heatmap(db, &schedule, now, 7).await?;
    let xp_today = days.last().map(|d| d.xp).unwrap_or(0);
    let week = tallies(db, user, current_week(&schedule, now), today).await?;
    let goal = schedule.daily_goal_xp.max(1);
    // Only the counts are used. Limit 2, not 1: with 1 the new-card query's
    // text equals `next_card`'s, which binds one value fewer, and PostgreSQL's
    // cached prepared statement then rejects one of the two.
    let queue = due(db, &schedule, now, ReviewOrder::Due, 2, None).await?;
    let league = leagues::current(db, &schedule, now).await?.map(|l| {
        let size = l.standings.len();
        LeaguePosition {
            week_start: l.week_start,
            tier: l.tier,
            rank: l.rank,
            group_size: size,
            weekly_xp: l.weekly_xp,
            promotion_zone: l.rank <= l.promotion_ranks,
            demotion_zone: l.demotion_from_rank.is_some_and(|r| l.rank >= r),
        }
    });
    Ok(ApiJson(Dashboard {
        stats: Stats {
            total_xp: t.total_xp,
            xp_today,
            weekly_xp: week.values().map(|d| d.xp).sum(),
            daily_goal_xp: goal,
            daily_goal_percent: (xp_today * 100 / i64::from(goal)).min(100),
            daily_goal_reached: xp_today >= i64::from(goal),
            streak_days: t.streak.as_of(today),
            longest_streak_days: t.streak.longest,
            streak_freezes: t.streak.freezes,
            active_today: t.streak.last_active == Some(today),
            today,
            achievements_earned: t.achievements_earned,
            achievement_points: t.achievement_points,
        },
        due: DueCounts {
            learning: queue.learning,
            review: queue.review,
            new: queue.new,
            total: queue.learning + queue.review + queue.new,
        },
        recent_achievements: list(db, user, Filter::Recent(5)).await?,
        showcase: list(db, user, Filter::Showcase).await?,
        league,
        last_7_days: days,
    }))
}
