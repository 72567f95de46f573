//! What a grammar practice session looks like to the learner: the session
//! with its current exercise (without the answer) and an attempt's result.

use chrono::{DateTime, Utc};
use glossa_core::answer::Verdict;
use sea_orm::{ConnectionTrait, QueryResult};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{int, json_col, one};
use crate::error::{StoreError, StoreResult};
use crate::progress::Recorded;

/// What the session row keeps in `metadata`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Plan {
    pub(crate) exercises: Vec<Uuid>,
    pub(crate) current: usize,
    pub(crate) topic_slug: String,
}

/// An exercise as the learner sees it (without its answer).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExerciseView {
    /// Exercise id.
    pub id: Uuid,
    /// Its grammar topic.
    pub grammar_topic_id: Option<Uuid>,
    /// multiple_choice, fill_blank, translation, ...
    pub exercise_type: String,
    /// CEFR level.
    pub cefr_level: Option<String>,
    /// The question.
    pub question: String,
    /// Choices, for multiple choice.
    pub options: Option<serde_json::Value>,
    /// Progressive hints.
    pub hints: serde_json::Value,
    /// Attempts made at it in this session.
    pub attempts: i32,
}

/// A practice session.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PracticeSession {
    /// Session id.
    pub id: Uuid,
    /// Target language.
    pub language: String,
    /// drill, review, diagnostic or conversation_triggered.
    pub kind: String,
    /// active or completed.
    pub status: String,
    /// The topic practised.
    pub grammar_topic_id: Option<Uuid>,
    /// Its slug.
    pub topic: String,
    /// Exercises in the session.
    pub total_exercises: i32,
    /// Index of the current exercise (= total when done).
    pub current_index: i32,
    /// Exercises finished correctly.
    pub exercises_correct: i32,
    /// Exercises failed.
    pub exercises_incorrect: i32,
    /// Correct / answered, once completed.
    pub accuracy_rate: Option<f64>,
    /// The exercise to answer now, if any.
    pub current: Option<ExerciseView>,
    /// Started.
    pub started_at: DateTime<Utc>,
    /// Completed.
    pub completed_at: Option<DateTime<Utc>>,
}

/// The result of one attempt.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Attempted {
    /// The judgement.
    pub verdict: Verdict,
    /// Whether it counted.
    pub correct: bool,
    /// 1 for the first attempt at this exercise.
    pub attempt_number: i32,
    /// The answer and explanation, once the exercise is over.
    pub expected: Option<String>,
    /// The explanation, once the exercise is over.
    pub explanation: Option<String>,
    /// The topic's mastery now (0-1).
    pub mastery: f64,
    /// When the topic should be practised again.
    pub next_review_at: DateTime<Utc>,
    /// The session now.
    pub session: PracticeSession,
    /// XP and streak of this attempt (and of the session, when it ended).
    pub progress: Recorded,
}

pub(crate) const EXERCISE: &str = "SELECT id, grammar_topic_id, exercise_type, cefr_level, question_text, options, hints, \
    correct_answer, alternative_answers, explanation, language FROM exercises WHERE id = $1";

pub(crate) async fn attempts(
    db: &impl ConnectionTrait,
    session: Uuid,
    exercise: Uuid,
) -> StoreResult<i32> {
    let sql = "SELECT COUNT(*) AS n FROM exercise_attempts WHERE practice_session_id = $1 AND exercise_id = $2";
    let row = one(db, sql, vec![session.into(), exercise.into()]).await?;
    let n: i64 = match row {
        Some(r) => r.try_get("", "n")?,
        None => 0,
    };
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

async fn view(db: &impl ConnectionTrait, row: &QueryResult) -> StoreResult<PracticeSession> {
    let plan: Plan = json_col(row, "metadata")?;
    let id: Uuid = row.try_get("", "id")?;
    let current = match plan.exercises.get(plan.current) {
        Some(eid) => {
            let e = one(db, EXERCISE, vec![(*eid).into()])
                .await?
                .ok_or(StoreError::NotFound)?;
            Some(ExerciseView {
                id: *eid,
                grammar_topic_id: e.try_get("", "grammar_topic_id")?,
                exercise_type: e.try_get("", "exercise_type")?,
                cefr_level: e.try_get("", "cefr_level")?,
                question: e.try_get("", "question_text")?,
                options: json_col(&e, "options")?,
                hints: json_col(&e, "hints")?,
                attempts: attempts(db, id, *eid).await?,
            })
        }
        None => None,
    };
    Ok(PracticeSession {
        id,
        language: row.try_get("", "language")?,
        kind: row.try_get("", "kind")?,
        status: row.try_get("", "status")?,
        grammar_topic_id: row.try_get("", "grammar_topic_id")?,
        topic: plan.topic_slug,
        total_exercises: row.try_get("", "total_exercises")?,
        current_index: int(plan.current),
        exercises_correct: row.try_get("", "exercises_correct")?,
        exercises_incorrect: row.try_get("", "exercises_incorrect")?,
        accuracy_rate: row.try_get("", "accuracy_rate")?,
        current,
        started_at: row.try_get("", "started_at")?,
        completed_at: row.try_get("", "completed_at")?,
    })
}

pub(crate) async fn load_row(
    db: &impl ConnectionTrait,
    user: Uuid,
    id: Uuid,
) -> StoreResult<QueryResult> {
    let sql = "SELECT id, language, kind, status, grammar_topic_id, total_exercises, exercises_correct, \
        exercises_incorrect, accuracy_rate, metadata, started_at, completed_at FROM practice_sessions \
        WHERE id = $1 AND user_id = $2";
    one(db, sql, vec![id.into(), user.into()])
        .await?
        .ok_or(StoreError::NotFound)
}

/// The caller's session with its current exercise.
pub async fn get(db: &impl ConnectionTrait, user: Uuid, id: Uuid) -> StoreResult<PracticeSession> {
    view(db, &load_row(db, user, id).await?).await
}
