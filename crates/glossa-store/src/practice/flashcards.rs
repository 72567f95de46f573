//! Flashcard sessions: published words drawn with the shared filters,
//! shown one after the other from `current_index` (so a session resumes
//! where it stopped, on any server process). With spaced repetition on,
//! each answer also reviews the learner's card for the word (added first
//! when missing): known is Good, not known is Again. The last answer
//! completes the session and records a `flashcard_session` activity.

use chrono::{DateTime, Utc};
use glossa_core::srs::Rating;
use sea_orm::{ConnectionTrait, DatabaseConnection, QueryResult, TransactionTrait};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::words::{WordFilter, draw};
use super::{PracticeError, PracticeResult, exec, int, json_col, lock, one, to_json};
use crate::error::{StoreError, StoreResult};
use crate::learning::add::{CardSource, add};
use crate::learning::reviews::{self, AnswerError};
use crate::learning::schedule::LearnerSchedule;
use crate::progress::{Activity, Recorded, record};

/// One card of a session.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SessionCard {
    /// The word.
    pub word_id: Uuid,
    /// The word (with its article, for German nouns).
    pub front: String,
    /// Its meaning in the learner's language.
    pub back: String,
    /// An example sentence.
    pub example: Option<String>,
    /// The learner's answer, once given.
    pub known: Option<bool>,
}

/// A flashcard session.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FlashcardSession {
    /// Session id.
    pub id: Uuid,
    /// Target language.
    pub language: String,
    /// active or completed.
    pub status: String,
    /// Cards in the session.
    pub total_cards: i32,
    /// The card to show now (= total when done).
    pub current_index: i32,
    /// Whether answers also review the learner's cards.
    pub spaced_repetition: bool,
    /// Category filter.
    pub category: Option<String>,
    /// Level filter.
    pub cefr_level: Option<String>,
    /// The card to show now, if any.
    pub current: Option<SessionCard>,
    /// Cards answered known so far.
    pub known: i32,
    /// Started.
    pub started_at: DateTime<Utc>,
    /// Completed.
    pub completed_at: Option<DateTime<Utc>>,
}

/// The result of an answer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FlashcardAnswered {
    /// The session now.
    pub session: FlashcardSession,
    /// The learner's card reviewed, with spaced repetition on.
    pub card_id: Option<Uuid>,
    /// When that card is due next (none when the card is suspended).
    pub next_due: Option<DateTime<Utc>>,
    /// XP and streak, when this answer completed the session.
    pub progress: Option<Recorded>,
}

fn view(row: &QueryResult) -> StoreResult<(FlashcardSession, Vec<SessionCard>)> {
    let cards: Vec<SessionCard> = json_col(row, "cards")?;
    let current_index: i32 = row.try_get("", "current_index")?;
    let current = usize::try_from(current_index)
        .ok()
        .and_then(|i| cards.get(i))
        .cloned();
    let s = FlashcardSession {
        id: row.try_get("", "id")?,
        language: row.try_get("", "language")?,
        status: row.try_get("", "status")?,
        total_cards: row.try_get("", "total_cards")?,
        current_index,
        spaced_repetition: row.try_get("", "use_spaced_repetition")?,
        category: row.try_get("", "category")?,
        cefr_level: row.try_get("", "cefr_level")?,
        current,
        known: int(cards.iter().filter(|c| c.known == Some(true)).count()),
        started_at: row.try_get("", "started_at")?,
        completed_at: row.try_get("", "completed_at")?,
    };
    Ok((s, cards))
}

async fn load(
    db: &impl ConnectionTrait,
    user: Uuid,
    id: Uuid,
) -> StoreResult<(FlashcardSession, Vec<SessionCard>)> {
    let sql = "SELECT id, language, status, total_cards, current_index, use_spaced_repetition, category, \
        cefr_level, cards, started_at, completed_at FROM flashcard_sessions WHERE id = $1 AND user_id = $2";
    let row = one(db, sql, vec![id.into(), user.into()])
        .await?
        .ok_or(StoreError::NotFound)?;
    view(&row)
}

/// The caller's session with its current card.
pub async fn get(db: &impl ConnectionTrait, user: Uuid, id: Uuid) -> StoreResult<FlashcardSession> {
    Ok(load(db, user, id).await?.0)
}

/// Starts a session of up to `size` words.
#[tracing::instrument(skip_all, err)]
pub async fn create(
    db: &DatabaseConnection,
    user: Uuid,
    filter: &WordFilter,
    spaced_repetition: bool,
    size: usize,
    now: DateTime<Utc>,
) -> PracticeResult<FlashcardSession> {
    let words = draw(db, user, filter, size).await?;
    let cards: Vec<SessionCard> = words
        .iter()
        .map(|w| {
            let article = match (filter.language.as_str(), w.gender.as_deref()) {
                ("de", Some("m")) => "der ",
                ("de", Some("f")) => "die ",
                ("de", Some("n")) => "das ",
                _ => "",
            };
            SessionCard {
                word_id: w.id,
                front: format!("{article}{}", w.base_form),
                back: w.translation.clone(),
                example: w.example.clone(),
                known: None,
            }
        })
        .collect();
    let id = Uuid::now_v7();
    let sql = "INSERT INTO flashcard_sessions (id, user_id, language, status, total_cards, current_index, cards, \
        use_spaced_repetition, category, cefr_level, started_at, updated_at) \
        VALUES ($1, $2, $3, 'active', $4, 0, $5, $6, $7, $8, $9, $9)";
    let values = vec![
        id.into(),
        user.into(),
        filter.language.clone().into(),
        int(cards.len()).into(),
        to_json(&cards)?.into(),
        spaced_repetition.into(),
        filter.category.clone().into(),
        filter.level.clone().into(),
        now.into(),
    ];
    exec(db, sql, values).await?;
    Ok(get(db, user, id).await?)
}

async fn review(
    db: &DatabaseConnection,
    schedule: &LearnerSchedule,
    word: Uuid,
    known: bool,
    now: DateTime<Utc>,
) -> PracticeResult<(Uuid, Option<DateTime<Utc>>)> {
    let user = schedule.user_id;
    let find = "SELECT id FROM cards WHERE user_id = $1 AND word_id = $2 AND item_type = 'word'";
    let mut row = one(db, find, vec![user.into(), word.into()]).await?;
    if row.is_none() {
        add(db, user, &CardSource::Words(vec![word]), None, now).await?;
        row = one(db, find, vec![user.into(), word.into()]).await?;
    }
    let card: Uuid = row
        .ok_or(StoreError::NotFound)?
        .try_get("", "id")
        .map_err(StoreError::from)?;
    let answer = reviews::Answer {
        card_id: card,
        rating: if known { Rating::Good } else { Rating::Again },
        client_id: Uuid::now_v7(),
        kind: "flashcard".into(),
        time_spent_ms: None,
        confidence: None,
    };
    match reviews::answer(db, schedule, &answer, now).await {
        Ok(done) => Ok((card, Some(done.card.memory.due))),
        Err(AnswerError::Store(e)) => Err(e.into()),
        // A suspended card stays out of reviews; the session goes on.
        Err(AnswerError::Suspended) => Ok((card, None)),
        Err(AnswerError::ClientIdReused) => Err(PracticeError::Conflict(
            "the answer was already given".into(),
        )),
        Err(AnswerError::Scheduler(m)) => Err(PracticeError::Conflict(m)),
    }
}

/// Answers card `index` (which must be the current one).
#[tracing::instrument(skip_all, err)]
pub async fn answer(
    db: &DatabaseConnection,
    schedule: &LearnerSchedule,
    id: Uuid,
    index: usize,
    known: bool,
    now: DateTime<Utc>,
) -> PracticeResult<FlashcardAnswered> {
    let user = schedule.user_id;
    let tx = db.begin().await.map_err(StoreError::from)?;
    lock(&tx, "flashcard_sessions", id, user).await?;
    let (session, mut cards) = load(&tx, user, id).await?;
    if session.status != "active" {
        return Err(PracticeError::Conflict(
            "the session is already completed".into(),
        ));
    }
    let current = usize::try_from(session.current_index).unwrap_or(0);
    if index >= cards.len() {
        return Err(PracticeError::Invalid(
            "index",
            format!("must be 0-{}", cards.len().saturating_sub(1)),
        ));
    }
    if index < current {
        return Err(PracticeError::Conflict(format!(
            "card {index} is already answered"
        )));
    }
    if index > current {
        return Err(PracticeError::Invalid(
            "index",
            format!("answer card {current} first"),
        ));
    }
    let word = cards[index].word_id;
    cards[index].known = Some(known);
    let next = index + 1;
    let done = next >= cards.len();
    let sql = "UPDATE flashcard_sessions SET cards = $3, current_index = $4, status = $5, completed_at = $6, \
        updated_at = $7 WHERE id = $1 AND user_id = $2";
    let values = vec![
        id.into(),
        user.into(),
        to_json(&cards)?.into(),
        int(next).into(),
        (if done { "completed" } else { "active" }).into(),
        done.then_some(now).into(),
        now.into(),
    ];
    exec(&tx, sql, values).await?;
    let progress = if done {
        let right = cards.iter().filter(|c| c.known == Some(true)).count();
        let score = right as f64 / cards.len().max(1) as f64;
        let activity = Activity {
            kind: "flashcard_session",
            xp: glossa_core::progress::xp("flashcard_session", None, Some(score)),
            language: Some(session.language.clone()),
            source_id: Some(id),
            metadata: serde_json::json!({"known": right, "total": cards.len(),
                "spaced_repetition": session.spaced_repetition}),
            counters: vec![],
        };
        Some(record(&tx, schedule, &activity, now).await?)
    } else {
        None
    };
    tx.commit().await.map_err(StoreError::from)?;
    // The card review runs in its own transaction once the session moved
    // on, so that a repeated answer cannot review the card twice.
    let (card_id, next_due) = if session.spaced_repetition {
        let (card, due) = review(db, schedule, word, known, now).await?;
        (Some(card), due)
    } else {
        (None, None)
    };
    Ok(FlashcardAnswered {
        session: get(db, user, id).await?,
        card_id,
        next_due,
        progress,
    })
}
