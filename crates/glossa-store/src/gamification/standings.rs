//! League standings: the members of one tier in one week, split into
//! groups of 30 by the order they joined in, each group ranked by the XP
//! earned in the week (ties: who joined first).

use chrono::{Duration, NaiveDate};
use glossa_core::gamification::{GROUP_SIZE, Tier};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use uuid::Uuid;

use super::rows;
use crate::error::StoreResult;

/// One learner's place in a group.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Standing {
    /// 1-based rank in the group.
    pub rank: usize,
    /// The learner.
    pub user_id: Uuid,
    /// Display name, username or "Learner".
    pub name: String,
    /// XP earned this week.
    pub weekly_xp: i64,
    /// The membership row.
    #[serde(skip)]
    pub membership_id: Uuid,
}

/// One league group.
#[derive(Debug, Clone)]
pub struct Group {
    /// 1-based group number within the tier.
    pub number: usize,
    /// Members by rank.
    pub members: Vec<Standing>,
}

/// The groups of `tier` in the week starting `week`.
pub async fn groups(
    db: &impl ConnectionTrait,
    week: NaiveDate,
    tier: Tier,
) -> StoreResult<Vec<Group>> {
    let end = week + Duration::days(7);
    let list = rows(
        db,
        "SELECT m.id, m.user_id, COALESCE(u.display_name, u.username, 'Learner') AS name, \
         (SELECT COALESCE(SUM(e.xp), 0) FROM activity_events e WHERE e.user_id = m.user_id \
           AND e.local_date >= $1 AND e.local_date < $2) AS xp \
         FROM league_memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.week_start = $1 AND m.tier = $3 ORDER BY m.created_at, m.id",
        vec![week.into(), end.into(), tier.as_str().into()],
    )
    .await?;
    let mut all = Vec::with_capacity(list.len());
    for r in &list {
        all.push(Standing {
            rank: 0,
            user_id: r.try_get("", "user_id")?,
            name: r.try_get("", "name")?,
            weekly_xp: r.try_get("", "xp")?,
            membership_id: r.try_get("", "id")?,
        });
    }
    Ok(all
        .chunks(GROUP_SIZE)
        .enumerate()
        .map(|(i, chunk)| {
            let mut members = chunk.to_vec();
            // Stable: equal XP keeps the join order.
            members.sort_by_key(|m| std::cmp::Reverse(m.weekly_xp));
            for (rank, m) in members.iter_mut().enumerate() {
                m.rank = rank + 1;
            }
            Group {
                number: i + 1,
                members,
            }
        })
        .collect())
}
