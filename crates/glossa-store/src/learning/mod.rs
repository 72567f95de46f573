//! The learner's cards and reviews: adding cards from the catalog or by
//! hand, the daily due queue, and answering a card (idempotent, one
//! transaction for the review and the card).

pub mod add;
pub mod cards;
pub mod lessons;
pub mod optimize;
pub mod queue;
pub mod reviews;
pub mod schedule;

use chrono::{DateTime, Utc};
use glossa_core::srs::{Algorithm, CardState, Memory};
use sea_orm::QueryResult;
use serde::Serialize;
use uuid::Uuid;

use crate::error::{StoreError, StoreResult};

/// The columns every card query selects (`c` is `cards`), with the text a
/// learner sees on each side.
pub(crate) const CARD_COLUMNS: &str = "c.id, c.language, c.item_type, c.word_id, c.grammar_topic_id, \
    c.exercise_id, c.algorithm, c.state, c.step, c.due, c.stability, c.difficulty, c.ease_factor, \
    c.interval_days, c.reps, c.lapses, c.streak, c.mastery, c.last_reviewed_at, c.suspended, \
    c.buried_until, c.is_leech, c.personal_note, c.correct_count, c.incorrect_count, c.created_at, \
    COALESCE(c.front, w.base_form, g.name, e.question_text) AS front_text, \
    COALESCE(c.back, (SELECT m.meaning_text FROM word_meanings m WHERE m.word_id = c.word_id \
        ORDER BY m.meaning_order LIMIT 1), g.description, e.correct_answer) AS back_text, \
    w.gender AS word_gender";

/// The joins [`CARD_COLUMNS`] needs.
pub(crate) const CARD_JOINS: &str = "FROM cards c \
    LEFT JOIN words w ON w.id = c.word_id \
    LEFT JOIN grammar_topics g ON g.id = c.grammar_topic_id \
    LEFT JOIN exercises e ON e.id = c.exercise_id";

/// One card as the learner sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Card {
    /// Card id.
    pub id: Uuid,
    /// Target language.
    pub language: String,
    /// word, grammar_topic, exercise or custom.
    pub item_type: String,
    /// The word, for word cards.
    pub word_id: Option<Uuid>,
    /// The grammar topic, for grammar cards.
    pub grammar_topic_id: Option<Uuid>,
    /// The exercise, for exercise cards.
    pub exercise_id: Option<Uuid>,
    /// What the learner is asked.
    pub front: String,
    /// The answer.
    pub back: String,
    /// Grammatical gender, for nouns.
    pub gender: Option<String>,
    /// The scheduler.
    pub algorithm: Algorithm,
    /// The scheduling state.
    pub memory: Memory,
    /// Left out of reviews until unsuspended.
    pub suspended: bool,
    /// Left out of reviews until this time.
    pub buried_until: Option<DateTime<Utc>>,
    /// Forgotten too often (lapses >= 8).
    pub is_leech: bool,
    /// The learner's own note.
    pub personal_note: Option<String>,
    /// Answers counted correct.
    pub correct_count: i32,
    /// Answers counted wrong.
    pub incorrect_count: i32,
    /// When the card was added.
    pub created_at: DateTime<Utc>,
}

fn u32_of(row: &QueryResult, col: &str) -> StoreResult<u32> {
    let v: i32 = row.try_get("", col)?;
    u32::try_from(v).map_err(|_| StoreError::Constraint(format!("cards.{col} is negative")))
}

/// Reads a card from a row selected with [`CARD_COLUMNS`].
pub(crate) fn card_from_row(row: &QueryResult) -> StoreResult<Card> {
    let algorithm: String = row.try_get("", "algorithm")?;
    let state: String = row.try_get("", "state")?;
    let memory = Memory {
        state: CardState::parse(&state)
            .ok_or_else(|| StoreError::Constraint(format!("unknown card state {state}")))?,
        step: u32_of(row, "step")?,
        due: row.try_get("", "due")?,
        stability: row.try_get("", "stability")?,
        difficulty: row.try_get("", "difficulty")?,
        ease_factor: row.try_get("", "ease_factor")?,
        interval_days: u32_of(row, "interval_days")?,
        reps: u32_of(row, "reps")?,
        lapses: u32_of(row, "lapses")?,
        streak: u32_of(row, "streak")?,
        mastery: row.try_get("", "mastery")?,
        last_review: row.try_get("", "last_reviewed_at")?,
    };
    Ok(Card {
        id: row.try_get("", "id")?,
        language: row.try_get("", "language")?,
        item_type: row.try_get("", "item_type")?,
        word_id: row.try_get("", "word_id")?,
        grammar_topic_id: row.try_get("", "grammar_topic_id")?,
        exercise_id: row.try_get("", "exercise_id")?,
        front: row
            .try_get::<Option<String>>("", "front_text")?
            .unwrap_or_default(),
        back: row
            .try_get::<Option<String>>("", "back_text")?
            .unwrap_or_default(),
        gender: row.try_get("", "word_gender")?,
        algorithm: Algorithm::parse(&algorithm)
            .ok_or_else(|| StoreError::Constraint(format!("unknown algorithm {algorithm}")))?,
        memory,
        suspended: row.try_get("", "suspended")?,
        buried_until: row.try_get("", "buried_until")?,
        is_leech: row.try_get("", "is_leech")?,
        personal_note: row.try_get("", "personal_note")?,
        correct_count: row.try_get("", "correct_count")?,
        incorrect_count: row.try_get("", "incorrect_count")?,
        created_at: row.try_get("", "created_at")?,
    })
}
