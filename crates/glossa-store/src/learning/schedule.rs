//! A learner's scheduling settings: timezone and day start, daily limits,
//! desired retention and their own fitted FSRS parameters (when in use).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use glossa_core::srs::day::day_bounds;
use glossa_core::srs::{Algorithm, Backoff, FsrsConfig, FsrsScheduler, Scheduler, Sm2, SrsError};
use sea_orm::{ConnectionTrait, Statement};
use uuid::Uuid;

use crate::error::{StoreError, StoreResult};
use crate::repo::placeholders;

/// Everything the scheduler and the queue need to know about a learner.
#[derive(Debug, Clone)]
pub struct LearnerSchedule {
    /// The learner.
    pub user_id: Uuid,
    /// Their timezone.
    pub timezone: Tz,
    /// Hour at which their day starts.
    pub day_start_hour: u32,
    /// New cards a day.
    pub new_per_day: u32,
    /// Reviews a day.
    pub max_reviews_per_day: u32,
    /// XP a day the learner aims for.
    pub daily_goal_xp: i32,
    /// FSRS settings (desired retention and parameters).
    pub fsrs: FsrsConfig,
}

impl LearnerSchedule {
    /// Start of the learner's day at `now` and of the next.
    pub fn day(&self, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        day_bounds(now, self.timezone, self.day_start_hour)
    }

    /// The scheduler for an algorithm.
    pub fn scheduler(
        &self,
        algorithm: Algorithm,
    ) -> Result<Box<dyn Scheduler + Send + Sync>, SrsError> {
        Ok(match algorithm {
            Algorithm::Fsrs => Box::new(FsrsScheduler::new(self.fsrs.clone())?),
            Algorithm::Sm2 => Box::new(Sm2),
            Algorithm::Backoff => Box::new(Backoff),
        })
    }
}

fn non_negative(v: i32) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

/// Loads a learner's schedule; `NotFound` if the user does not exist.
#[tracing::instrument(skip_all, err)]
pub async fn load(db: &impl ConnectionTrait, user_id: Uuid) -> StoreResult<LearnerSchedule> {
    let backend = db.get_database_backend();
    let sql = placeholders(
        backend,
        "SELECT u.timezone, s.new_cards_per_day, s.max_reviews_per_day, s.desired_retention, \
         s.day_start_hour, s.daily_goal_xp, \
         (SELECT p.parameters FROM fsrs_parameters p WHERE p.user_id = u.id AND p.in_use = TRUE \
          ORDER BY p.fitted_at DESC LIMIT 1) AS parameters \
         FROM users u LEFT JOIN user_settings s ON s.user_id = u.id WHERE u.id = $1",
    );
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [user_id.into()],
        ))
        .await?
        .ok_or(StoreError::NotFound)?;
    let tz: String = row.try_get("", "timezone")?;
    let timezone: Tz = tz
        .parse()
        .map_err(|_| StoreError::Constraint(format!("unknown timezone {tz}")))?;
    let parameters: Option<serde_json::Value> = row.try_get("", "parameters")?;
    let parameters: Vec<f32> = match parameters {
        Some(v) => serde_json::from_value(v)
            .map_err(|e| StoreError::Constraint(format!("fsrs_parameters.parameters: {e}")))?,
        None => Vec::new(),
    };
    Ok(LearnerSchedule {
        user_id,
        timezone,
        day_start_hour: non_negative(
            row.try_get::<Option<i32>>("", "day_start_hour")?
                .unwrap_or(4),
        ),
        new_per_day: non_negative(
            row.try_get::<Option<i32>>("", "new_cards_per_day")?
                .unwrap_or(20),
        ),
        max_reviews_per_day: non_negative(
            row.try_get::<Option<i32>>("", "max_reviews_per_day")?
                .unwrap_or(200),
        ),
        daily_goal_xp: row
            .try_get::<Option<i32>>("", "daily_goal_xp")?
            .unwrap_or(50),
        fsrs: FsrsConfig {
            parameters,
            desired_retention: row
                .try_get::<Option<f64>>("", "desired_retention")?
                .unwrap_or(0.9),
            ..FsrsConfig::default()
        },
    })
}
