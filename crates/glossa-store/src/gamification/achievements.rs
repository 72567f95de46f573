//! Achievements: progress toward every active definition, evaluated from
//! the learner's figures after each activity; a completed achievement is
//! recorded once as an "achievement" activity worth its points. Learners
//! showcase up to five completed ones.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use glossa_core::gamification::{Criteria, evaluate as progress_of};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde::Serialize;
use uuid::Uuid;

use super::{exec, figures::learner_figures, rows};
use crate::error::{StoreError, StoreResult};
use crate::learning::schedule::LearnerSchedule;
use crate::progress::{Activity, record};

/// Achievements a learner may showcase.
pub const MAX_SHOWCASE: usize = 5;

/// Rounds of evaluation (completing one achievement may complete another,
/// e.g. "earn N achievements" or an XP total).
const MAX_ROUNDS: usize = 4;

struct Definition {
    id: Uuid,
    slug: String,
    points: i32,
    criteria: Criteria,
}

async fn definitions(db: &impl ConnectionTrait) -> StoreResult<Vec<Definition>> {
    let list = rows(
        db,
        "SELECT id, slug, points, criteria_type, criteria_value, criteria_metadata FROM achievements \
         WHERE is_active = $1 ORDER BY slug",
        vec![true.into()],
    )
    .await?;
    list.iter()
        .map(|r| {
            Ok(Definition {
                id: r.try_get("", "id")?,
                slug: r.try_get("", "slug")?,
                points: r.try_get("", "points")?,
                criteria: Criteria {
                    kind: r.try_get("", "criteria_type")?,
                    value: i64::from(r.try_get::<i32>("", "criteria_value")?),
                    metadata: r.try_get("", "criteria_metadata")?,
                },
            })
        })
        .collect()
}

/// Evaluates every active achievement for the learner of `schedule`:
/// upserts progress, completes those whose criteria are met and records
/// each completion once. Returns the ids completed now.
#[tracing::instrument(skip_all, err)]
pub async fn evaluate(
    db: &impl ConnectionTrait,
    schedule: &LearnerSchedule,
    now: DateTime<Utc>,
) -> StoreResult<Vec<Uuid>> {
    let user = schedule.user_id;
    let defs = definitions(db).await?;
    if defs.is_empty() {
        return Ok(Vec::new());
    }
    let mut completed_now = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let figures = learner_figures(db, user).await?;
        let stored: HashMap<Uuid, (i32, bool)> = rows(
            db,
            "SELECT achievement_id, progress_value, is_completed FROM user_achievements WHERE user_id = $1",
            vec![user.into()],
        )
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("", "achievement_id")?,
                (r.try_get("", "progress_value")?, r.try_get("", "is_completed")?),
            ))
        })
        .collect::<StoreResult<_>>()?;
        let mut newly = Vec::new();
        for d in &defs {
            let p = progress_of(&d.criteria, &figures);
            let value = i32::try_from(p.value).unwrap_or(i32::MAX);
            let before = stored.get(&d.id).copied();
            match before {
                Some((_, true)) => continue,
                Some((v, false)) if v == value && !p.completed => continue,
                None if value == 0 && !p.completed => continue,
                _ => {}
            }
            let done_at: Option<DateTime<Utc>> = p.completed.then_some(now);
            exec(
                db,
                "INSERT INTO user_achievements (id, user_id, achievement_id, progress_value, is_completed, \
                 completed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
                 ON CONFLICT (user_id, achievement_id) DO UPDATE SET progress_value = excluded.progress_value, \
                 is_completed = excluded.is_completed, completed_at = excluded.completed_at, \
                 updated_at = excluded.updated_at",
                vec![
                    Uuid::now_v7().into(),
                    user.into(),
                    d.id.into(),
                    value.into(),
                    p.completed.into(),
                    done_at.into(),
                    now.into(),
                ],
            )
            .await?;
            if p.completed {
                newly.push(d);
            }
        }
        if newly.is_empty() {
            break;
        }
        for d in newly {
            let activity = Activity {
                kind: "achievement",
                xp: d.points.max(0),
                language: None,
                source_id: Some(d.id),
                metadata: serde_json::json!({"achievement": d.slug}),
                counters: vec![
                    ("achievements_earned", 1),
                    ("total_achievement_points", d.points.max(0)),
                ],
            };
            Box::pin(record(db, schedule, &activity, now)).await?;
            completed_now.push(d.id);
        }
    }
    Ok(completed_now)
}

/// One achievement with the learner's progress.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AchievementView {
    /// Achievement id.
    pub id: Uuid,
    /// Stable key.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// conversation, grammar, vocabulary or activity.
    pub category: Option<String>,
    /// bronze, silver, gold or platinum.
    pub tier: String,
    /// Points (and XP) it is worth.
    pub points: i32,
    /// Badge icon.
    pub icon: Option<String>,
    /// Badge colour.
    pub color: Option<String>,
    /// The criteria type.
    pub criteria_type: String,
    /// Progress so far.
    pub progress: i32,
    /// The value that completes it.
    pub target: i32,
    /// Completed.
    pub completed: bool,
    /// When it was completed.
    pub completed_at: Option<DateTime<Utc>>,
    /// Shown on the learner's profile.
    pub showcased: bool,
    /// Position in the showcase (1-5; 0 when not showcased).
    pub showcase_order: i32,
}

/// Which achievements to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Every active achievement (and any completed inactive one).
    All,
    /// Completed, most recent first.
    Recent(u64),
    /// The showcase, in order.
    Showcase,
}

/// The learner's achievements.
pub async fn list(
    db: &impl ConnectionTrait,
    user: Uuid,
    filter: Filter,
) -> StoreResult<Vec<AchievementView>> {
    let (cond, order) = match filter {
        Filter::All => (
            "(a.is_active = $2 OR ua.is_completed = $2)".to_owned(),
            "a.category, a.criteria_type, a.criteria_value, a.slug".to_owned(),
        ),
        Filter::Recent(n) => (
            "ua.is_completed = $2".to_owned(),
            format!("ua.completed_at DESC, a.slug LIMIT {}", n.min(100)),
        ),
        Filter::Showcase => (
            "ua.is_showcased = $2".to_owned(),
            "ua.showcase_order".to_owned(),
        ),
    };
    let sql = format!(
        "SELECT a.id, a.slug, a.name, a.description, a.category, a.tier, a.points, a.badge_icon, a.badge_color, \
         a.criteria_type, a.criteria_value, ua.progress_value, ua.is_completed, ua.completed_at, ua.is_showcased, \
         ua.showcase_order FROM achievements a \
         LEFT JOIN user_achievements ua ON ua.achievement_id = a.id AND ua.user_id = $1 \
         WHERE {cond} ORDER BY {order}"
    );
    let list = rows(db, &sql, vec![user.into(), true.into()]).await?;
    list.iter()
        .map(|r| {
            Ok(AchievementView {
                id: r.try_get("", "id")?,
                slug: r.try_get("", "slug")?,
                name: r.try_get("", "name")?,
                description: r.try_get("", "description")?,
                category: r.try_get("", "category")?,
                tier: r.try_get("", "tier")?,
                points: r.try_get("", "points")?,
                icon: r.try_get("", "badge_icon")?,
                color: r.try_get("", "badge_color")?,
                criteria_type: r.try_get("", "criteria_type")?,
                target: r.try_get("", "criteria_value")?,
                progress: r.try_get::<Option<i32>>("", "progress_value")?.unwrap_or(0),
                completed: r
                    .try_get::<Option<bool>>("", "is_completed")?
                    .unwrap_or(false),
                completed_at: r.try_get("", "completed_at")?,
                showcased: r
                    .try_get::<Option<bool>>("", "is_showcased")?
                    .unwrap_or(false),
                showcase_order: r.try_get::<Option<i32>>("", "showcase_order")?.unwrap_or(0),
            })
        })
        .collect()
}

/// Why a showcase was refused.
#[derive(Debug, thiserror::Error)]
pub enum ShowcaseError {
    /// More than five.
    #[error("at most {MAX_SHOWCASE} achievements can be showcased")]
    TooMany,
    /// The same achievement twice.
    #[error("an achievement is listed twice")]
    Duplicate,
    /// Not completed by the learner (or no such achievement).
    #[error("achievement {0} is not completed")]
    NotCompleted(Uuid),
    /// The database.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Replaces the learner's showcase with `ids`, in order.
pub async fn set_showcase(
    db: &DatabaseConnection,
    user: Uuid,
    ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<(), ShowcaseError> {
    if ids.len() > MAX_SHOWCASE {
        return Err(ShowcaseError::TooMany);
    }
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            return Err(ShowcaseError::Duplicate);
        }
    }
    let tx = db.begin().await.map_err(StoreError::from)?;
    let done: Vec<Uuid> = rows(
        &tx,
        "SELECT achievement_id FROM user_achievements WHERE user_id = $1 AND is_completed = $2",
        vec![user.into(), true.into()],
    )
    .await?
    .iter()
    .map(|r| r.try_get("", "achievement_id"))
    .collect::<Result<_, _>>()
    .map_err(StoreError::from)?;
    if let Some(id) = ids.iter().find(|id| !done.contains(id)) {
        return Err(ShowcaseError::NotCompleted(*id));
    }
    exec(
        &tx,
        "UPDATE user_achievements SET is_showcased = $2, showcase_order = 0, updated_at = $3 \
         WHERE user_id = $1 AND is_showcased = $4",
        vec![user.into(), false.into(), now.into(), true.into()],
    )
    .await?;
    for (i, id) in ids.iter().enumerate() {
        let order = i32::try_from(i + 1).unwrap_or(0);
        exec(
            &tx,
            "UPDATE user_achievements SET is_showcased = $3, showcase_order = $4, updated_at = $5 \
             WHERE user_id = $1 AND achievement_id = $2",
            vec![
                user.into(),
                (*id).into(),
                true.into(),
                order.into(),
                now.into(),
            ],
        )
        .await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}
