//! Progress snapshots: for each learner active in a finished period, one
//! row per (period, period_start) with the period's activity, reviews and
//! accuracy and the running totals at the time. The daily job writes
//! yesterday's, on Mondays last week's and on the 1st last month's.

use chrono::{DateTime, Utc};
use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use serde_json::{Value as Json, json};
use uuid::Uuid;

use super::figures::totals;
use super::heatmap::tallies;
use super::tally::Tally;
use super::{exec, rows};
use crate::error::StoreResult;

/// The periods that end before `today` and are due on `today`: yesterday,
/// last week on a Monday, last month on the 1st.
pub fn due_periods(today: NaiveDate) -> Vec<(&'static str, NaiveDate, NaiveDate)> {
    let yesterday = today - Duration::days(1);
    let mut out = vec![("daily", yesterday, yesterday)];
    if today.weekday().num_days_from_monday() == 0 {
        out.push(("weekly", today - Duration::days(7), yesterday));
    }
    if today.day() == 1 {
        let start = yesterday.with_day(1).unwrap_or(yesterday);
        out.push(("monthly", start, yesterday));
    }
    out
}

/// Writes the snapshots due on the UTC date of `now`; returns how many.
pub async fn take(db: &impl ConnectionTrait, now: DateTime<Utc>) -> StoreResult<usize> {
    let mut written = 0;
    for (period, from, to) in due_periods(now.date_naive()) {
        let users = rows(
            db,
            "SELECT DISTINCT user_id FROM activity_events WHERE local_date >= $1 AND local_date <= $2",
            vec![from.into(), to.into()],
        )
        .await?;
        for u in users {
            let user: Uuid = u.try_get("", "user_id")?;
            write(db, user, period, from, to, now).await?;
            written += 1;
        }
    }
    Ok(written)
}

/// Writes (or rewrites) one learner's snapshot of `from..=to`.
pub async fn write(
    db: &impl ConnectionTrait,
    user: Uuid,
    period: &str,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let days = tallies(db, user, from, to).await?;
    let mut t = Tally::default();
    for d in days.values() {
        t.xp += d.xp;
        t.activities += d.activities;
        t.reviews += d.reviews;
        t.reviews_correct += d.reviews_correct;
        t.sessions += d.sessions;
        for (k, n) in &d.by_kind {
            *t.by_kind.entry(k.clone()).or_default() += n;
        }
    }
    let totals = totals(db, user).await?;
    let activity = json!({"xp": t.xp, "activities": t.activities, "active_days": days.len(),
        "by_kind": t.by_kind});
    let vocabulary = json!({"reviews": t.reviews, "reviews_correct": t.reviews_correct,
        "accuracy": t.accuracy(), "words_learned_total": totals.words_learned});
    let overall = json!({"total_xp": totals.total_xp, "streak_days": totals.streak.current,
        "longest_streak_days": totals.streak.longest, "achievements_earned": totals.achievements_earned});
    exec(
        db,
        "INSERT INTO progress_snapshots (id, user_id, period, period_start, accuracy, overall_progress, \
         vocabulary_stats, activity_stats, total_sessions, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (user_id, period, period_start) DO UPDATE SET accuracy = excluded.accuracy, \
         overall_progress = excluded.overall_progress, vocabulary_stats = excluded.vocabulary_stats, \
         activity_stats = excluded.activity_stats, total_sessions = excluded.total_sessions",
        vec![
            Uuid::now_v7().into(),
            user.into(),
            period.into(),
            from.into(),
            t.accuracy().into(),
            overall.into(),
            vocabulary.into(),
            activity.into(),
            i32::try_from(t.sessions).unwrap_or(i32::MAX).into(),
            now.into(),
        ],
    )
    .await?;
    Ok(())
}

/// One stored snapshot.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Snapshot {
    /// daily, weekly or monthly.
    pub period: String,
    /// First local day of the period.
    pub period_start: NaiveDate,
    /// Review accuracy in percent.
    pub accuracy: Option<f64>,
    /// XP, activities, active days and activities per kind.
    #[schema(value_type = Object)]
    pub activity: Json,
    /// Reviews, correct reviews and accuracy.
    #[schema(value_type = Object)]
    pub vocabulary: Json,
    /// Running totals when the snapshot was taken.
    #[schema(value_type = Object)]
    pub overall: Json,
    /// Finished sessions.
    pub total_sessions: i32,
    /// When it was taken.
    pub created_at: DateTime<Utc>,
}

/// The learner's snapshots of `period`, most recent first.
pub async fn list(
    db: &impl ConnectionTrait,
    user: Uuid,
    period: &str,
    limit: u64,
) -> StoreResult<Vec<Snapshot>> {
    let sql = format!(
        "SELECT period, period_start, accuracy, activity_stats, vocabulary_stats, overall_progress, total_sessions, \
         created_at FROM progress_snapshots WHERE user_id = $1 AND period = $2 ORDER BY period_start DESC LIMIT {}",
        limit.clamp(1, 366)
    );
    rows(db, &sql, vec![user.into(), period.into()])
        .await?
        .iter()
        .map(|r| {
            Ok(Snapshot {
                period: r.try_get("", "period")?,
                period_start: r.try_get("", "period_start")?,
                accuracy: r.try_get("", "accuracy")?,
                activity: r.try_get("", "activity_stats")?,
                vocabulary: r.try_get("", "vocabulary_stats")?,
                overall: r.try_get("", "overall_progress")?,
                total_sessions: r.try_get("", "total_sessions")?,
                created_at: r.try_get("", "created_at")?,
            })
        })
        .collect()
}
