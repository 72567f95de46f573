//! Recording one activity: the event row, XP, the streak and counters in
//! `user_stats`, and the daily-goal bonus the first time the day's XP
//! reaches the learner's goal. Runs inside the caller's transaction.

use chrono::{DateTime, NaiveDate, Utc};
use glossa_core::progress::{Streak, xp};
use glossa_core::srs::day::learner_date;
use sea_orm::{ConnectionTrait, Statement, Value};
use serde::Serialize;
use serde_json::Value as Json;
use uuid::Uuid;

use crate::error::{StoreError, StoreResult};
use crate::learning::schedule::LearnerSchedule;
use crate::repo::placeholders;

/// `user_stats` counters an activity may increase.
const COUNTERS: &[&str] = &[
    "total_study_time_minutes",
    "total_sessions",
    "conversation_sessions",
    "total_messages_sent",
    "grammar_sessions",
    "grammar_exercises_completed",
    "grammar_exercises_correct",
    "grammar_topics_mastered",
    "vocabulary_words_learned",
    "vocabulary_words_mastered",
    "vocabulary_reviews_completed",
    "vocabulary_reviews_correct",
    "total_achievement_points",
    "achievements_earned",
];

/// One activity.
#[derive(Debug, Clone)]
pub struct Activity {
    /// What was done (an `activity_events.kind`).
    pub kind: &'static str,
    /// XP earned.
    pub xp: i32,
    /// Language, if any.
    pub language: Option<String>,
    /// The card, session, quiz... it came from.
    pub source_id: Option<Uuid>,
    /// Details.
    pub metadata: Json,
    /// `user_stats` counters to increase.
    pub counters: Vec<(&'static str, i32)>,
}

/// What recording did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Recorded {
    /// XP earned by this activity (with any daily-goal bonus).
    pub xp: i32,
    /// Total XP now.
    pub total_xp: i64,
    /// The streak in days now.
    pub streak_days: i32,
    /// True when this was the first activity of the learner's day.
    pub new_day: bool,
    /// True when this activity reached the day's XP goal.
    pub daily_goal_reached: bool,
    /// The learner's local date.
    pub local_date: NaiveDate,
}

async fn exec(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> StoreResult<u64> {
    let backend = db.get_database_backend();
    Ok(db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            values,
        ))
        .await?
        .rows_affected())
}

async fn insert_event(
    db: &impl ConnectionTrait,
    user: Uuid,
    a: &Activity,
    xp: i32,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let sql = "INSERT INTO activity_events (id, user_id, kind, xp, language, source_id, local_date, occurred_at, metadata) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    exec(
        db,
        sql,
        vec![
            Uuid::now_v7().into(),
            user.into(),
            a.kind.into(),
            xp.into(),
            a.language.clone().into(),
            a.source_id.into(),
            date.into(),
            now.into(),
            a.metadata.clone().into(),
        ],
    )
    .await?;
    Ok(())
}

/// Records an activity for the learner of `schedule` at `now`.
#[tracing::instrument(skip_all, fields(kind = a.kind), err)]
pub async fn record(
    db: &impl ConnectionTrait,
    schedule: &LearnerSchedule,
    a: &Activity,
    now: DateTime<Utc>,
) -> StoreResult<Recorded> {
    let user = schedule.user_id;
    let date = learner_date(now, schedule.timezone, schedule.day_start_hour);
    exec(
        db,
        "INSERT INTO user_stats (id, user_id, created_at, updated_at) VALUES ($1, $2, $3, $3) \
              ON CONFLICT (user_id) DO NOTHING",
        vec![Uuid::now_v7().into(), user.into(), now.into()],
    )
    .await?;
    // Lock the learner's stats row for the rest of the transaction.
    exec(
        db,
        "UPDATE user_stats SET updated_at = $2 WHERE user_id = $1",
        vec![user.into(), now.into()],
    )
    .await?;
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(backend, placeholders(backend,
            "SELECT current_streak_days, longest_streak_days, streak_freezes, last_activity_date, total_xp, \
             (SELECT COALESCE(SUM(e.xp), 0) FROM activity_events e WHERE e.user_id = $1 AND e.local_date = $2) AS xp_today \
             FROM user_stats WHERE user_id = $1"), [user.into(), date.into()]))
        .await?
        .ok_or(StoreError::NotFound)?;
    let streak = Streak {
        current: row.try_get("", "current_streak_days")?,
        longest: row.try_get("", "longest_streak_days")?,
        freezes: row.try_get("", "streak_freezes")?,
        last_active: row.try_get("", "last_activity_date")?,
    };
    let xp_today: i64 = row.try_get("", "xp_today")?;
    let total_before: i64 = row.try_get("", "total_xp")?;
    let change = streak.on_activity(date);
    insert_event(db, user, a, a.xp, date, now).await?;
    let goal = i64::from(schedule.daily_goal_xp.max(1));
    let reached = xp_today < goal && xp_today + i64::from(a.xp) >= goal;
    let mut earned = a.xp;
    if reached {
        let bonus = xp("daily_goal", None, None);
        let goal_event = Activity {
            kind: "daily_goal",
            xp: bonus,
            language: None,
            source_id: None,
            metadata: serde_json::json!({"goal": goal}),
            counters: Vec::new(),
        };
        insert_event(db, user, &goal_event, bonus, date, now).await?;
        earned += bonus;
    }
    let mut sets = vec![
        "total_xp = total_xp + $2".to_owned(),
        "weekly_xp = weekly_xp + $3".to_owned(),
        "current_streak_days = $4".to_owned(),
        "longest_streak_days = $5".to_owned(),
        "streak_freezes = $6".to_owned(),
        "last_activity_date = $7".to_owned(),
    ];
    for (name, by) in &a.counters {
        if COUNTERS.contains(name) && *by > 0 {
            sets.push(format!("{name} = {name} + {by}"));
        }
    }
    let s = change.streak;
    let sql = format!(
        "UPDATE user_stats SET {} WHERE user_id = $1",
        sets.join(", ")
    );
    exec(
        db,
        &sql,
        vec![
            user.into(),
            i64::from(earned).into(),
            earned.into(),
            s.current.into(),
            s.longest.into(),
            s.freezes.into(),
            s.last_active.into(),
        ],
    )
    .await?;
    crate::gamification::after_activity(db, schedule, a.kind, now).await?;
    Ok(Recorded {
        xp: earned,
        total_xp: total_before + i64::from(earned),
        streak_days: s.current,
        new_day: change.new_day,
        daily_goal_reached: reached,
        local_date: date,
    })
}
