//! The due queue: cards in learning or relearning whose step is due, then
//! review cards due before the learner's next day (by due time or by
//! lowest probability of recall) up to the daily review limit, then new
//! cards up to the daily new-card limit. Suspended cards and cards buried
//! until later are left out. "Today" is the learner's own day.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, Statement, Value};
use serde::Serialize;

use super::schedule::LearnerSchedule;
use super::{CARD_COLUMNS, CARD_JOINS, Card, card_from_row};
use crate::error::StoreResult;
use crate::repo::placeholders;

/// How review cards are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReviewOrder {
    /// Earliest due first.
    #[default]
    Due,
    /// Lowest probability of recall first.
    Retrievability,
}

/// The queue and how much is left today.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Queue {
    /// Learning and relearning cards due now.
    pub learning: u64,
    /// Review cards still to do today (within the daily limit).
    pub review: u64,
    /// New cards still to introduce today (within the daily limit).
    pub new: u64,
    /// When the learner's day started.
    pub day_start: DateTime<Utc>,
    /// When the next day starts.
    pub next_day: DateTime<Utc>,
    /// The next cards, in order.
    pub cards: Vec<Card>,
}

fn count(row: &sea_orm::QueryResult, col: &str) -> StoreResult<u64> {
    let v: Option<i64> = row.try_get("", col)?;
    Ok(u64::try_from(v.unwrap_or(0)).unwrap_or(0))
}

const BASE: &str =
    "c.user_id = $1 AND c.suspended = FALSE AND (c.buried_until IS NULL OR c.buried_until <= $2)";

/// Builds the queue for a learner at `now`: at most `limit` cards,
/// optionally of one language.
#[tracing::instrument(skip_all, err)]
pub async fn due(
    db: &impl ConnectionTrait,
    schedule: &LearnerSchedule,
    now: DateTime<Utc>,
    order: ReviewOrder,
    limit: u64,
    language: Option<&str>,
) -> StoreResult<Queue> {
    let backend = db.get_database_backend();
    let (day_start, next_day) = schedule.day(now);
    let user = schedule.user_id;
    let lang_filter = if language.is_some() {
        " AND c.language = $4"
    } else {
        ""
    };
    let values = |extra: Vec<Value>| {
        let mut v: Vec<Value> = vec![user.into(), now.into(), next_day.into()];
        if let Some(l) = language {
            v.push(l.into());
        }
        v.extend(extra);
        v
    };
    let query = |sql: String, v: Vec<Value>| {
        Statement::from_sql_and_values(backend, placeholders(backend, &sql), v)
    };

    let done_sql = "SELECT SUM(CASE WHEN state_before = 'new' THEN 1 ELSE 0 END) AS new_done, \
         SUM(CASE WHEN state_before = 'review' THEN 1 ELSE 0 END) AS review_done \
         FROM reviews WHERE user_id = $1 AND reviewed_at >= $2";
    let done = db
        .query_one_raw(query(done_sql.into(), vec![user.into(), day_start.into()]))
        .await?;
    let (new_done, review_done) = match &done {
        Some(r) => (count(r, "new_done")?, count(r, "review_done")?),
        None => (0, 0),
    };
    let new_left = u64::from(schedule.new_per_day).saturating_sub(new_done);
    let review_left = u64::from(schedule.max_reviews_per_day).saturating_sub(review_done);

    let counts_sql = format!(
        "SELECT SUM(CASE WHEN c.state IN ('learning', 'relearning') AND c.due <= $2 THEN 1 ELSE 0 END) AS learning, \
         SUM(CASE WHEN c.state = 'review' AND c.due < $3 THEN 1 ELSE 0 END) AS review, \
         SUM(CASE WHEN c.state = 'new' THEN 1 ELSE 0 END) AS fresh \
         FROM cards c WHERE {BASE}{lang_filter}"
    );
    let counts = db.query_one_raw(query(counts_sql, values(vec![]))).await?;
    let (learning, review, fresh) = match &counts {
        Some(r) => (
            count(r, "learning")?,
            count(r, "review")?,
            count(r, "fresh")?,
        ),
        None => (0, 0, 0),
    };
    let review = review.min(review_left);
    let fresh = fresh.min(new_left);

    let limit = limit.clamp(1, 200);
    let select = |cond: &str, order_by: &str, n: u64| {
        format!(
            "SELECT {CARD_COLUMNS} {CARD_JOINS} WHERE {BASE}{lang_filter} AND {cond} ORDER BY {order_by} LIMIT {n}"
        )
    };
    let mut cards = Vec::new();
    if learning > 0 {
        let sql = select(
            "c.state IN ('learning', 'relearning') AND c.due <= $2",
            "c.due, c.id",
            limit,
        );
        for r in db.query_all_raw(query(sql, values(vec![]))).await? {
            cards.push(card_from_row(&r)?);
        }
    }
    let room = (limit - cards.len() as u64).min(review);
    if room > 0 {
        match order {
            ReviewOrder::Due => {
                let sql = select("c.state = 'review' AND c.due < $3", "c.due, c.id", room);
                for r in db.query_all_raw(query(sql, values(vec![]))).await? {
                    cards.push(card_from_row(&r)?);
                }
            }
            ReviewOrder::Retrievability => {
                let sql = select(
                    "c.state = 'review' AND c.due < $3",
                    "c.due, c.id",
                    review.min(2_000),
                );
                let mut scored = Vec::new();
                for r in db.query_all_raw(query(sql, values(vec![]))).await? {
                    let card = card_from_row(&r)?;
                    let p = schedule
                        .scheduler(card.algorithm)
                        .map(|s| s.recall_probability(&card.memory, now))
                        .unwrap_or(0.0);
                    scored.push((p, card));
                }
                scored.sort_by(|a, b| a.0.total_cmp(&b.0));
                cards.extend(scored.into_iter().take(room as usize).map(|(_, c)| c));
            }
        }
    }
    let room = (limit - cards.len() as u64).min(fresh);
    if room > 0 {
        let sql = select("c.state = 'new'", "c.due, c.id", room);
        for r in db.query_all_raw(query(sql, values(vec![]))).await? {
            cards.push(card_from_row(&r)?);
        }
    }
    Ok(Queue {
        learning,
        review,
        new: fresh,
        day_start,
        next_day,
        cards,
    })
}

/// The first card of the queue, without the counts: what to show after an
/// answer. Learning and review cards come from one query.
#[tracing::instrument(skip_all, err)]
pub async fn next_card(
    db: &impl ConnectionTrait,
    schedule: &LearnerSchedule,
    now: DateTime<Utc>,
) -> StoreResult<Option<Card>> {
    let backend = db.get_database_backend();
    let (day_start, next_day) = schedule.day(now);
    let user = schedule.user_id;
    let query = |sql: &str, v: Vec<Value>| {
        Statement::from_sql_and_values(backend, placeholders(backend, sql), v)
    };
    let done_sql = "SELECT SUM(CASE WHEN state_before = 'new' THEN 1 ELSE 0 END) AS new_done, \
         SUM(CASE WHEN state_before = 'review' THEN 1 ELSE 0 END) AS review_done \
         FROM reviews WHERE user_id = $1 AND reviewed_at >= $2";
    let (new_done, review_done) = match db
        .query_one_raw(query(done_sql, vec![user.into(), day_start.into()]))
        .await?
    {
        Some(r) => (count(&r, "new_done")?, count(&r, "review_done")?),
        None => (0, 0),
    };
    let reviews_allowed = review_done < u64::from(schedule.max_reviews_per_day);
    let due_cond = if reviews_allowed {
        "((c.state IN ('learning', 'relearning') AND c.due <= $2) OR (c.state = 'review' AND c.due < $3))"
    } else {
        "(c.state IN ('learning', 'relearning') AND c.due <= $2)"
    };
    let sql = format!(
        "SELECT {CARD_COLUMNS} {CARD_JOINS} WHERE {BASE} AND {due_cond} \
         ORDER BY CASE WHEN c.state = 'review' THEN 1 ELSE 0 END, c.due, c.id LIMIT 1"
    );
    let mut values: Vec<Value> = vec![user.into(), now.into()];
    if reviews_allowed {
        values.push(next_day.into());
    }
    if let Some(r) = db.query_one_raw(query(&sql, values)).await? {
        return Ok(Some(card_from_row(&r)?));
    }
    if new_done >= u64::from(schedule.new_per_day) {
        return Ok(None);
    }
    let sql = format!(
        "SELECT {CARD_COLUMNS} {CARD_JOINS} WHERE {BASE} AND c.state = 'new' ORDER BY c.due, c.id LIMIT 1"
    );
    // The same text as `due`'s new-card query, so the same values: a
    // prepared statement is cached by its text.
    let values = vec![user.into(), now.into(), next_day.into()];
    match db.query_one_raw(query(&sql, values)).await? {
        Some(r) => Ok(Some(card_from_row(&r)?)),
        None => Ok(None),
    }
}
