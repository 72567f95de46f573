//! Answering a card. The review and the card's new state are written in
//! one transaction. A client-supplied id makes the request idempotent: a
//! retried answer finds the review already stored and changes nothing.

use chrono::{DateTime, Utc};
use glossa_core::srs::{Outcome, Rating};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};
use serde::Serialize;
use uuid::Uuid;

use super::schedule::LearnerSchedule;
use super::{Card, cards};
use crate::error::{StoreError, StoreResult};
use crate::progress::{Activity, Recorded, record};
use crate::repo::placeholders;

/// One answer.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The card.
    pub card_id: Uuid,
    /// The button.
    pub rating: Rating,
    /// The client's id for this answer (idempotency key).
    pub client_id: Uuid,
    /// flashcard, quiz, exercise, conversation or reading.
    pub kind: String,
    /// Milliseconds the learner took.
    pub time_spent_ms: Option<i32>,
    /// Confidence 1-5.
    pub confidence: Option<i32>,
}

/// A stored review.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Review {
    /// Review id.
    pub id: Uuid,
    /// The card.
    pub card_id: Uuid,
    /// The client's id.
    pub client_id: Option<Uuid>,
    /// 1-4.
    pub rating: i32,
    /// Whether it counted as recalled.
    pub was_correct: bool,
    /// Days since the previous review.
    pub elapsed_days: i32,
    /// Days until the next review as scheduled.
    pub scheduled_days: i32,
    /// State before the answer.
    pub state_before: Option<String>,
    /// State after it.
    pub state_after: Option<String>,
    /// When it was given.
    pub reviewed_at: DateTime<Utc>,
}

/// What answering did.
#[derive(Debug, Clone)]
pub struct Answered {
    /// The review (the stored one when the answer was a retry).
    pub review: Review,
    /// The card as it is now.
    pub card: Card,
    /// True when the client id had been seen: nothing was changed.
    pub replayed: bool,
    /// XP and streak after the answer (none for a replay).
    pub progress: Option<Recorded>,
}

/// Failures specific to answering.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    /// Storage failed (including "no such card").
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The card is suspended.
    #[error("the card is suspended")]
    Suspended,
    /// The client id was used for another card.
    #[error("this client_id was already used for another card")]
    ClientIdReused,
    /// The scheduler refused (invalid parameters).
    #[error("{0}")]
    Scheduler(String),
}

async fn stored_review(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    client_id: Uuid,
) -> StoreResult<Option<Review>> {
    let backend = db.get_database_backend();
    let sql = "SELECT id, card_id, client_id, rating, was_correct, elapsed_days, scheduled_days, \
               state_before, state_after, reviewed_at FROM reviews WHERE user_id = $1 AND client_id = $2";
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            [user_id.into(), client_id.into()],
        ))
        .await?;
    row.map(|r| {
        Ok(Review {
            id: r.try_get("", "id")?,
            card_id: r.try_get("", "card_id")?,
            client_id: r.try_get("", "client_id")?,
            rating: r.try_get("", "rating")?,
            was_correct: r.try_get("", "was_correct")?,
            elapsed_days: r.try_get("", "elapsed_days")?,
            scheduled_days: r.try_get("", "scheduled_days")?,
            state_before: r.try_get("", "state_before")?,
            state_after: r.try_get("", "state_after")?,
            reviewed_at: r.try_get("", "reviewed_at")?,
        })
    })
    .transpose()
}

fn seed(card_id: Uuid, reps: u32) -> u64 {
    let (hi, lo) = card_id.as_u64_pair();
    hi ^ lo ^ u64::from(reps).rotate_left(32)
}

fn i32_of(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Answers a card at `now`.
#[tracing::instrument(skip_all, err)]
pub async fn answer(
    db: &DatabaseConnection,
    schedule: &LearnerSchedule,
    a: &Answer,
    now: DateTime<Utc>,
) -> Result<Answered, AnswerError> {
    let user = schedule.user_id;
    let tx = db.begin().await.map_err(StoreError::from)?;
    let backend = tx.get_database_backend();
    // Take the card's row lock first (and SQLite's write lock), so that
    // concurrent answers to one card, or retries, run one after the other.
    let locked = tx
        .execute_raw(Statement::from_sql_and_values(
            backend,
            placeholders(
                backend,
                "UPDATE cards SET updated_at = updated_at WHERE id = $1 AND user_id = $2",
            ),
            [a.card_id.into(), user.into()],
        ))
        .await
        .map_err(StoreError::from)?;
    if locked.rows_affected() == 0 {
        return Err(StoreError::NotFound.into());
    }
    if let Some(review) = stored_review(&tx, user, a.client_id).await? {
        if review.card_id != a.card_id {
            return Err(AnswerError::ClientIdReused);
        }
        let card = cards::get(&tx, user, a.card_id).await?;
        tx.commit().await.map_err(StoreError::from)?;
        return Ok(Answered {
            review,
            card,
            replayed: true,
            progress: None,
        });
    }
    let card = cards::get(&tx, user, a.card_id).await?;
    if card.suspended {
        return Err(AnswerError::Suspended);
    }
    let scheduler = schedule
        .scheduler(card.algorithm)
        .map_err(|e| AnswerError::Scheduler(e.0))?;
    let outcome: Outcome = scheduler
        .apply(&card.memory, a.rating, now, seed(card.id, card.memory.reps))
        .map_err(|e| AnswerError::Scheduler(e.0))?;
    let m = &outcome.memory;
    let before = card.memory.state;
    let review = Review {
        id: Uuid::now_v7(),
        card_id: card.id,
        client_id: Some(a.client_id),
        rating: i32_of(a.rating.number()),
        was_correct: a.rating.is_pass(),
        elapsed_days: i32_of(card.memory.elapsed_days(now)),
        scheduled_days: i32_of(m.interval_days),
        state_before: Some(before.as_str().to_owned()),
        state_after: Some(m.state.as_str().to_owned()),
        reviewed_at: now,
    };
    let insert = "INSERT INTO reviews (id, card_id, user_id, client_id, rating, review_kind, was_correct, \
        confidence, time_spent_ms, elapsed_days, scheduled_days, state_before, state_after, reviewed_at, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)";
    tx.execute_raw(Statement::from_sql_and_values(
        backend,
        placeholders(backend, insert),
        [
            review.id.into(),
            card.id.into(),
            user.into(),
            a.client_id.into(),
            review.rating.into(),
            a.kind.clone().into(),
            review.was_correct.into(),
            a.confidence.into(),
            a.time_spent_ms.into(),
            review.elapsed_days.into(),
            review.scheduled_days.into(),
            review.state_before.clone().into(),
            review.state_after.clone().into(),
            now.into(),
        ],
    ))
    .await
    .map_err(StoreError::from)?;
    let (correct, incorrect) = if a.rating.is_pass() { (1, 0) } else { (0, 1) };
    let update = "UPDATE cards SET state = $3, step = $4, due = $5, stability = $6, difficulty = $7, \
        ease_factor = $8, interval_days = $9, reps = $10, lapses = $11, streak = $12, mastery = $13, \
        last_reviewed_at = $14, first_reviewed_at = COALESCE(first_reviewed_at, $14), \
        correct_count = correct_count + $15, incorrect_count = incorrect_count + $16, \
        is_leech = (is_leech OR $17), buried_until = NULL, updated_at = $14 WHERE id = $1 AND user_id = $2";
    tx.execute_raw(Statement::from_sql_and_values(
        backend,
        placeholders(backend, update),
        [
            card.id.into(),
            user.into(),
            m.state.as_str().into(),
            i32_of(m.step).into(),
            m.due.into(),
            m.stability.into(),
            m.difficulty.into(),
            m.ease_factor.into(),
            i32_of(m.interval_days).into(),
            i32_of(m.reps).into(),
            i32_of(m.lapses).into(),
            i32_of(m.streak).into(),
            m.mastery.into(),
            now.into(),
            correct.into(),
            incorrect.into(),
            m.is_leech().into(),
        ],
    ))
    .await
    .map_err(StoreError::from)?;
    let pass = i32::from(a.rating.is_pass());
    let counters = match card.item_type.as_str() {
        "grammar_topic" | "exercise" => vec![
            ("grammar_exercises_completed", 1),
            ("grammar_exercises_correct", pass),
        ],
        _ => vec![
            ("vocabulary_reviews_completed", 1),
            ("vocabulary_reviews_correct", pass),
            (
                "vocabulary_words_learned",
                i32::from(before == glossa_core::srs::CardState::New && card.item_type == "word"),
            ),
        ],
    };
    let activity = Activity {
        kind: "review",
        xp: glossa_core::progress::xp("review", Some(a.rating.is_pass()), None),
        language: Some(card.language.clone()),
        source_id: Some(card.id),
        metadata: serde_json::json!({"rating": a.rating.number(), "item_type": card.item_type}),
        counters,
    };
    let progress = record(&tx, schedule, &activity, now).await?;
    let card = cards::get(&tx, user, a.card_id).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Answered {
        review,
        card,
        replayed: false,
        progress: Some(progress),
    })
}
