//! Weekly leagues: a learner joins the league of their local week with
//! their first activity in it (tier from last week's outcome), the caller's
//! group standings, the all-time board and the rollover that ranks each
//! finished week, promotes and demotes, and restarts the weekly XP.

use chrono::{DateTime, NaiveDate, Utc};
use glossa_core::gamification::{GROUP_SIZE, Outcome, Tier, outcome, week_start};
use glossa_core::srs::day::learner_date;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde::Serialize;
use uuid::Uuid;

use super::standings::{Standing, groups};
use super::{exec, one, rows};
use crate::error::{StoreError, StoreResult};
use crate::learning::schedule::LearnerSchedule;

/// The league week of the learner at `now`.
pub fn current_week(schedule: &LearnerSchedule, now: DateTime<Utc>) -> NaiveDate {
    week_start(learner_date(
        now,
        schedule.timezone,
        schedule.day_start_hour,
    ))
}

/// Joins this week's league unless already in it.
pub async fn join(
    db: &impl ConnectionTrait,
    schedule: &LearnerSchedule,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let user = schedule.user_id;
    let week = current_week(schedule, now);
    let exists = one(
        db,
        "SELECT id FROM league_memberships WHERE user_id = $1 AND week_start = $2",
        vec![user.into(), week.into()],
    )
    .await?;
    if exists.is_some() {
        return Ok(());
    }
    let last = one(
        db,
        "SELECT tier, promoted, demoted FROM league_memberships WHERE user_id = $1 AND week_start < $2 \
         ORDER BY week_start DESC LIMIT 1",
        vec![user.into(), week.into()],
    )
    .await?;
    let tier = match last {
        Some(r) => {
            let tier: String = r.try_get("", "tier")?;
            let o = Outcome {
                promoted: r.try_get("", "promoted")?,
                demoted: r.try_get("", "demoted")?,
            };
            o.next_tier(Tier::parse(&tier).unwrap_or(Tier::Bronze))
        }
        None => Tier::Bronze,
    };
    let members = one(
        db,
        "SELECT COUNT(*) AS n FROM league_memberships WHERE week_start = $1 AND tier = $2",
        vec![week.into(), tier.as_str().into()],
    )
    .await?;
    let n: i64 = match members {
        Some(r) => r.try_get("", "n")?,
        None => 0,
    };
    let group = i32::try_from(n / GROUP_SIZE as i64 + 1).unwrap_or(1);
    exec(
        db,
        "INSERT INTO league_memberships (id, user_id, week_start, tier, group_number, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (user_id, week_start) DO NOTHING",
        vec![
            Uuid::now_v7().into(),
            user.into(),
            week.into(),
            tier.as_str().into(),
            group.into(),
            now.into(),
        ],
    )
    .await?;
    Ok(())
}

/// The caller's league this week.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct League {
    /// Monday of the league week.
    pub week_start: NaiveDate,
    /// bronze, silver, gold, platinum or diamond.
    pub tier: String,
    /// The group within the tier.
    pub group_number: usize,
    /// The caller's rank.
    pub rank: usize,
    /// The caller's XP this week.
    pub weekly_xp: i64,
    /// Ranks up to this one move up a tier (0 in diamond).
    pub promotion_ranks: usize,
    /// Ranks from this one move down (absent in bronze or small groups).
    pub demotion_from_rank: Option<usize>,
    /// The group by rank.
    pub standings: Vec<Standing>,
}

/// The caller's league group this week, if they have joined one.
pub async fn current(
    db: &impl ConnectionTrait,
    schedule: &LearnerSchedule,
    now: DateTime<Utc>,
) -> StoreResult<Option<League>> {
    let user = schedule.user_id;
    let week = current_week(schedule, now);
    let Some(r) = one(
        db,
        "SELECT tier FROM league_memberships WHERE user_id = $1 AND week_start = $2",
        vec![user.into(), week.into()],
    )
    .await?
    else {
        return Ok(None);
    };
    let tier_name: String = r.try_get("", "tier")?;
    let tier = Tier::parse(&tier_name).unwrap_or(Tier::Bronze);
    for g in groups(db, week, tier).await? {
        let Some(me) = g.members.iter().find(|m| m.user_id == user) else {
            continue;
        };
        let size = g.members.len();
        let promotion_ranks = (1..=size)
            .filter(|&r| outcome(r, size, tier, 1).promoted)
            .count();
        let demotion_from_rank = (1..=size).find(|&r| outcome(r, size, tier, 1).demoted);
        return Ok(Some(League {
            week_start: week,
            tier: tier_name,
            group_number: g.number,
            rank: me.rank,
            weekly_xp: me.weekly_xp,
            promotion_ranks,
            demotion_from_rank,
            standings: g.members.clone(),
        }));
    }
    Ok(None)
}

/// One row of the all-time board.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Leader {
    /// 1-based rank.
    pub rank: i64,
    /// The learner.
    pub user_id: Uuid,
    /// Display name, username or "Learner".
    pub name: String,
    /// XP ever.
    pub total_xp: i64,
}

/// The all-time board by total XP, and the caller's rank (if they have XP).
pub async fn all_time(
    db: &impl ConnectionTrait,
    user: Uuid,
    limit: u64,
) -> StoreResult<(Vec<Leader>, Option<Leader>)> {
    let sql = format!(
        "SELECT s.user_id, s.total_xp, COALESCE(u.display_name, u.username, 'Learner') AS name \
         FROM user_stats s JOIN users u ON u.id = s.user_id WHERE u.is_active = $1 AND s.total_xp > 0 \
         ORDER BY s.total_xp DESC, s.user_id LIMIT {}",
        limit.clamp(1, 100)
    );
    let list = rows(db, &sql, vec![true.into()]).await?;
    let mut leaders = Vec::with_capacity(list.len());
    for (i, r) in list.iter().enumerate() {
        leaders.push(Leader {
            rank: i64::try_from(i + 1).unwrap_or(i64::MAX),
            user_id: r.try_get("", "user_id")?,
            name: r.try_get("", "name")?,
            total_xp: r.try_get("", "total_xp")?,
        });
    }
    let me = one(
        db,
        "SELECT s.total_xp, COALESCE(u.display_name, u.username, 'Learner') AS name, \
         (SELECT COUNT(*) FROM user_stats o JOIN users ou ON ou.id = o.user_id \
           WHERE ou.is_active = $2 AND o.total_xp > s.total_xp) AS above \
         FROM user_stats s JOIN users u ON u.id = s.user_id WHERE s.user_id = $1 AND s.total_xp > 0",
        vec![user.into(), true.into()],
    )
    .await?;
    let me = match me {
        Some(r) => Some(Leader {
            rank: r.try_get::<i64>("", "above")? + 1,
            user_id: user,
            name: r.try_get("", "name")?,
            total_xp: r.try_get("", "total_xp")?,
        }),
        None => None,
    };
    Ok((leaders, me))
}

/// Ends every league week before the one containing `now` (UTC) that has
/// not been ranked: final ranks, promotion and demotion, next week's tier
/// for learners already in it; then each learner's weekly XP restarts at
/// what they earned this week. Returns the memberships ranked.
pub async fn rollover(db: &DatabaseConnection, now: DateTime<Utc>) -> StoreResult<usize> {
    let this_week = week_start(now.date_naive());
    let tx = db.begin().await?;
    let weeks = rows(
        &tx,
        "SELECT DISTINCT week_start FROM league_memberships WHERE final_rank IS NULL AND week_start < $1 \
         ORDER BY week_start",
        vec![this_week.into()],
    )
    .await?;
    let mut ranked = 0;
    for w in weeks {
        let week: NaiveDate = w.try_get("", "week_start")?;
        for tier in Tier::ALL {
            for g in groups(&tx, week, tier).await? {
                let size = g.members.len();
                for m in &g.members {
                    let o = outcome(m.rank, size, tier, m.weekly_xp);
                    finalize(&tx, m, g.number, o, now).await?;
                    let next = o.next_tier(tier);
                    if next != tier {
                        exec(
                            &tx,
                            "UPDATE league_memberships SET tier = $3, updated_at = $4 \
                             WHERE user_id = $1 AND week_start > $2 AND final_rank IS NULL",
                            vec![
                                m.user_id.into(),
                                week.into(),
                                next.as_str().into(),
                                now.into(),
                            ],
                        )
                        .await?;
                    }
                    ranked += 1;
                }
            }
        }
    }
    exec(
        &tx,
        "UPDATE user_stats SET weekly_xp = (SELECT COALESCE(SUM(e.xp), 0) FROM activity_events e \
         WHERE e.user_id = user_stats.user_id AND e.local_date >= $1), updated_at = $2",
        vec![this_week.into(), now.into()],
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(ranked)
}

async fn finalize(
    db: &impl ConnectionTrait,
    m: &Standing,
    group: usize,
    o: Outcome,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    exec(
        db,
        "UPDATE league_memberships SET group_number = $2, weekly_xp = $3, final_rank = $4, promoted = $5, \
         demoted = $6, updated_at = $7 WHERE id = $1",
        vec![
            m.membership_id.into(),
            i32::try_from(group).unwrap_or(i32::MAX).into(),
            i32::try_from(m.weekly_xp).unwrap_or(i32::MAX).into(),
            i32::try_from(m.rank).unwrap_or(i32::MAX).into(),
            o.promoted.into(),
            o.demoted.into(),
            now.into(),
        ],
    )
    .await?;
    Ok(())
}

/// The learner's finished league weeks, most recent first.
pub async fn history(
    db: &impl ConnectionTrait,
    user: Uuid,
    limit: u64,
) -> StoreResult<Vec<PastWeek>> {
    let sql = format!(
        "SELECT week_start, tier, group_number, weekly_xp, final_rank, promoted, demoted FROM league_memberships \
         WHERE user_id = $1 AND final_rank IS NOT NULL ORDER BY week_start DESC LIMIT {}",
        limit.clamp(1, 52)
    );
    rows(db, &sql, vec![user.into()])
        .await?
        .iter()
        .map(|r| {
            Ok(PastWeek {
                week_start: r.try_get("", "week_start")?,
                tier: r.try_get("", "tier")?,
                group_number: r.try_get("", "group_number")?,
                weekly_xp: r.try_get("", "weekly_xp")?,
                final_rank: r.try_get("", "final_rank")?,
                promoted: r.try_get("", "promoted")?,
                demoted: r.try_get("", "demoted")?,
            })
        })
        .collect()
}

/// A finished league week.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PastWeek {
    /// Monday of the week.
    pub week_start: NaiveDate,
    /// The tier played in.
    pub tier: String,
    /// The group.
    pub group_number: i32,
    /// XP earned in the week.
    pub weekly_xp: i32,
    /// Final rank.
    pub final_rank: i32,
    /// Moved up.
    pub promoted: bool,
    /// Moved down.
    pub demoted: bool,
}
