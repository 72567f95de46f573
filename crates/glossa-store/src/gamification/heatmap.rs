//! The activity heatmap: per local date, XP, activities and review
//! accuracy, every date of the range present (zeros included).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use glossa_core::srs::day::learner_date;
use sea_orm::ConnectionTrait;
use serde::Serialize;
use serde_json::Value as Json;
use uuid::Uuid;

use super::rows;
use super::tally::Tally;
use crate::error::StoreResult;
use crate::learning::schedule::LearnerSchedule;

/// Days a heatmap may cover.
pub const MAX_DAYS: u32 = 366;

/// One day of the heatmap.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HeatDay {
    /// The learner's local date.
    pub date: NaiveDate,
    /// XP earned.
    pub xp: i64,
    /// Activities.
    pub activities: i64,
    /// Reviews answered.
    pub reviews: i64,
    /// Review accuracy in percent (absent without reviews).
    pub accuracy: Option<f64>,
}

/// Tallies of the learner's events per local date in `from..=to`.
pub async fn tallies(
    db: &impl ConnectionTrait,
    user: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> StoreResult<BTreeMap<NaiveDate, Tally>> {
    let list = rows(
        db,
        "SELECT local_date, kind, xp, metadata FROM activity_events \
         WHERE user_id = $1 AND local_date >= $2 AND local_date <= $3",
        vec![user.into(), from.into(), to.into()],
    )
    .await?;
    let mut days: BTreeMap<NaiveDate, Tally> = BTreeMap::new();
    for r in &list {
        let date: NaiveDate = r.try_get("", "local_date")?;
        let kind: String = r.try_get("", "kind")?;
        let xp: i32 = r.try_get("", "xp")?;
        let metadata: Json = r.try_get("", "metadata")?;
        days.entry(date)
            .or_default()
            .add(&kind, i64::from(xp), &metadata);
    }
    Ok(days)
}

/// The last `days` local dates up to today.
pub async fn heatmap(
    db: &impl ConnectionTrait,
    schedule: &LearnerSchedule,
    now: DateTime<Utc>,
    days: u32,
) -> StoreResult<Vec<HeatDay>> {
    let today = learner_date(now, schedule.timezone, schedule.day_start_hour);
    let from = today - Duration::days(i64::from(days.clamp(1, MAX_DAYS)) - 1);
    let tallies = tallies(db, schedule.user_id, from, today).await?;
    Ok(from
        .iter_days()
        .take_while(|d| *d <= today)
        .map(|date| {
            let t = tallies.get(&date).cloned().unwrap_or_default();
            HeatDay {
                date,
                xp: t.xp,
                activities: t.activities,
                reviews: t.reviews,
                accuracy: t.accuracy(),
            }
        })
        .collect())
}
