//! Grammar practice sessions (drill, review, diagnostic, conversation
//! triggered): published exercises of a topic and of its subtopics, the
//! learner's weakest first. Each attempt is an `exercise_attempts` row
//! (attempt number per exercise), moves the topic's `grammar_progress`
//! with the backoff scheduler (correct: Good, wrong: Again) and records an
//! `exercise` activity; the last exercise completes the session with a
//! `practice_session` activity. A wrong answer may be retried until
//! [`MAX_ATTEMPTS`]; then the session moves on.

use chrono::{DateTime, Utc};
use glossa_core::answer::check;
use glossa_core::srs::{Backoff, CardState, Memory, Rating, Scheduler};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use uuid::Uuid;

pub use super::grammar_view::{Attempted, ExerciseView, PracticeSession, get};
use super::grammar_view::{EXERCISE, Plan, attempts, load_row};
use super::{PracticeError, PracticeResult, all, exec, int, json_col, lock, one, to_json};
use crate::error::{StoreError, StoreResult};
use crate::learning::schedule::LearnerSchedule;
use crate::progress::{Activity, Recorded, record};

/// Attempts at one exercise before the session moves on.
pub const MAX_ATTEMPTS: i32 = 3;

/// Session modes as the API names them.
pub const MODES: [&str; 4] = ["drill", "review", "diagnostic", "conversation"];

/// Starts a session on the topic `slug` with up to `size` exercises.
#[tracing::instrument(skip_all, err)]
pub async fn create(
    db: &DatabaseConnection,
    user: Uuid,
    language: &str,
    slug: &str,
    mode: &str,
    size: usize,
    now: DateTime<Utc>,
) -> PracticeResult<PracticeSession> {
    let kind = match mode {
        "conversation" => "conversation_triggered",
        m if MODES.contains(&m) => m,
        _ => {
            return Err(PracticeError::Invalid(
                "mode",
                format!("must be one of {}", MODES.join(", ")),
            ));
        }
    };
    let topic = one(
        db,
        "SELECT id FROM grammar_topics WHERE language = $1 AND slug = $2 AND status = 'published'",
        vec![language.into(), slug.into()],
    )
    .await?
    .ok_or_else(|| {
        PracticeError::Invalid(
            "topic",
            format!("no published grammar topic {slug} in {language}"),
        )
    })?;
    let topic: Uuid = topic.try_get("", "id").map_err(StoreError::from)?;
    // The topic and its subtopics; the learner's weakest topics first.
    let sql = "SELECT e.id FROM exercises e LEFT JOIN grammar_progress p \
        ON p.grammar_topic_id = e.grammar_topic_id AND p.user_id = $2 \
        WHERE e.language = $1 AND e.status = 'published' AND (e.grammar_topic_id = $3 OR e.grammar_topic_id IN \
        (SELECT g.id FROM grammar_topics g WHERE g.parent_id = $3 AND g.status = 'published')) \
        ORDER BY COALESCE(p.mastery, 0), RANDOM() LIMIT $4";
    let size_value = i64::try_from(size).unwrap_or(i64::MAX);
    let rows = all(
        db,
        sql,
        vec![
            language.into(),
            user.into(),
            topic.into(),
            size_value.into(),
        ],
    )
    .await?;
    let exercises = rows
        .iter()
        .map(|r| r.try_get("", "id"))
        .collect::<Result<Vec<Uuid>, _>>()
        .map_err(StoreError::from)?;
    if exercises.is_empty() {
        return Err(PracticeError::Invalid(
            "topic",
            format!("topic {slug} has no published exercises"),
        ));
    }
    let plan = Plan {
        exercises,
        current: 0,
        topic_slug: slug.to_owned(),
    };
    let id = Uuid::now_v7();
    let insert = "INSERT INTO practice_sessions (id, user_id, language, kind, status, grammar_topic_id, total_exercises, \
        exercises_correct, exercises_incorrect, metadata, started_at) VALUES ($1, $2, $3, $4, 'active', $5, $6, 0, 0, $7, $8)";
    let values = vec![
        id.into(),
        user.into(),
        language.into(),
        kind.into(),
        topic.into(),
        int(plan.exercises.len()).into(),
        to_json(&plan)?.into(),
        now.into(),
    ];
    exec(db, insert, values).await?;
    Ok(get(db, user, id).await?)
}

/// Attempt details.
#[derive(Debug, Clone)]
pub struct Attempt {
    /// The answer.
    pub answer: String,
    /// Milliseconds taken.
    pub time_spent_ms: Option<i32>,
    /// Hints looked at.
    pub hints_used: i32,
}

/// Updates the learner's progress on `topic`; returns (mastery, next
/// review, whether the topic became mastered).
async fn progress(
    db: &impl ConnectionTrait,
    user: Uuid,
    topic: Uuid,
    correct: bool,
    now: DateTime<Utc>,
) -> StoreResult<(f64, DateTime<Utc>, bool)> {
    let insert = "INSERT INTO grammar_progress (id, user_id, grammar_topic_id, exercises_attempted, exercises_correct, \
        exercises_incorrect, mastery, weak_subtopics, created_at, updated_at) VALUES ($1, $2, $3, 0, 0, 0, 0, $4, $5, $5) \
        ON CONFLICT (user_id, grammar_topic_id) DO NOTHING";
    exec(
        db,
        insert,
        vec![
            Uuid::now_v7().into(),
            user.into(),
            topic.into(),
            serde_json::json!([]).into(),
            now.into(),
        ],
    )
    .await?;
    let row = one(
        db,
        "SELECT mastery, last_practiced_at FROM grammar_progress WHERE user_id = $1 AND grammar_topic_id = $2",
        vec![user.into(), topic.into()],
    )
    .await?
    .ok_or(StoreError::NotFound)?;
    let before: f64 = row.try_get("", "mastery")?;
    let mut memory = Memory::new_card(now);
    memory.mastery = before;
    memory.last_review = row.try_get("", "last_practiced_at")?;
    if before > 0.0 {
        memory.state = CardState::Review;
    }
    let rating = if correct { Rating::Good } else { Rating::Again };
    let outcome = Backoff
        .apply(&memory, rating, now, 0)
        .map_err(|e| StoreError::Constraint(e.0))?;
    let mastery = outcome.memory.mastery.clamp(0.0, 1.0);
    let (c, w) = if correct { (1, 0) } else { (0, 1) };
    let update = "UPDATE grammar_progress SET exercises_attempted = exercises_attempted + 1, \
        exercises_correct = exercises_correct + $3, exercises_incorrect = exercises_incorrect + $4, mastery = $5, \
        last_practiced_at = $6, updated_at = $6 WHERE user_id = $1 AND grammar_topic_id = $2";
    exec(
        db,
        update,
        vec![
            user.into(),
            topic.into(),
            c.into(),
            w.into(),
            mastery.into(),
            now.into(),
        ],
    )
    .await?;
    Ok((mastery, outcome.memory.due, before < 1.0 && mastery >= 1.0))
}

/// Records an attempt at the session's current exercise.
#[tracing::instrument(skip_all, err)]
pub async fn attempt(
    db: &DatabaseConnection,
    schedule: &LearnerSchedule,
    id: Uuid,
    a: &Attempt,
    now: DateTime<Utc>,
) -> PracticeResult<Attempted> {
    let user = schedule.user_id;
    let tx = db.begin().await.map_err(StoreError::from)?;
    lock(&tx, "practice_sessions", id, user).await?;
    let row = load_row(&tx, user, id).await?;
    let status: String = row.try_get("", "status").map_err(StoreError::from)?;
    let mut plan: Plan = json_col(&row, "metadata")?;
    let Some(exercise) = plan.exercises.get(plan.current).copied() else {
        return Err(PracticeError::Conflict(
            "the session is already completed".into(),
        ));
    };
    if status != "active" {
        return Err(PracticeError::Conflict(
            "the session is already completed".into(),
        ));
    }
    let e = one(&tx, EXERCISE, vec![exercise.into()])
        .await?
        .ok_or(StoreError::NotFound)?;
    let expected: String = e.try_get("", "correct_answer").map_err(StoreError::from)?;
    let alternatives: Vec<String> = json_col(&e, "alternative_answers")?;
    let language: String = e.try_get("", "language").map_err(StoreError::from)?;
    let topic: Option<Uuid> = e
        .try_get("", "grammar_topic_id")
        .map_err(StoreError::from)?;
    let verdict = check(&a.answer, &expected, &alternatives, &language);
    let correct = verdict.is_accepted();
    let attempt_number = attempts(&tx, id, exercise).await? + 1;
    let insert = "INSERT INTO exercise_attempts (id, user_id, practice_session_id, exercise_id, user_answer, is_correct, \
        time_spent_ms, hints_used, attempt_number, feedback, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    let values = vec![
        Uuid::now_v7().into(),
        user.into(),
        id.into(),
        exercise.into(),
        a.answer.clone().into(),
        correct.into(),
        a.time_spent_ms.into(),
        a.hints_used.into(),
        attempt_number.into(),
        verdict.message.clone().into(),
        now.into(),
    ];
    exec(&tx, insert, values).await?;
    let topic = topic.or(row
        .try_get("", "grammar_topic_id")
        .map_err(StoreError::from)?);
    let (mastery, next_review_at, mastered) = match topic {
        Some(t) => progress(&tx, user, t, correct, now).await?,
        None => (0.0, now, false),
    };
    let over = correct || attempt_number >= MAX_ATTEMPTS;
    let (mut right, mut wrong): (i32, i32) = (
        row.try_get("", "exercises_correct")
            .map_err(StoreError::from)?,
        row.try_get("", "exercises_incorrect")
            .map_err(StoreError::from)?,
    );
    if over {
        plan.current += 1;
        if correct { right += 1 } else { wrong += 1 }
    }
    let done = plan.current >= plan.exercises.len();
    let total = plan.exercises.len().max(1) as f64;
    let accuracy = done.then(|| f64::from(right) / total);
    let update = "UPDATE practice_sessions SET metadata = $3, exercises_correct = $4, exercises_incorrect = $5, \
        accuracy_rate = $6, completion_rate = $7, status = $8, completed_at = $9 WHERE id = $1 AND user_id = $2";
    let values = vec![
        id.into(),
        user.into(),
        to_json(&plan)?.into(),
        right.into(),
        wrong.into(),
        accuracy.into(),
        (f64::from(right + wrong) / total).into(),
        (if done { "completed" } else { "active" }).into(),
        done.then_some(now).into(),
    ];
    exec(&tx, update, values).await?;
    let activity = Activity {
        kind: "exercise",
        xp: glossa_core::progress::xp("exercise", Some(correct), None),
        language: Some(language.clone()),
        source_id: Some(exercise),
        metadata: serde_json::json!({"practice_session_id": id, "attempt_number": attempt_number,
            "hints_used": a.hints_used, "time_spent_ms": a.time_spent_ms}),
        counters: vec![
            ("grammar_exercises_completed", 1),
            ("grammar_exercises_correct", i32::from(correct)),
            ("grammar_topics_mastered", i32::from(mastered)),
        ],
    };
    let mut recorded = record(&tx, schedule, &activity, now).await?;
    if let Some(accuracy) = accuracy {
        let finished = Activity {
            kind: "practice_session",
            xp: glossa_core::progress::xp("practice_session", None, Some(accuracy)),
            language: Some(language),
            source_id: Some(id),
            metadata: serde_json::json!({"accuracy": accuracy, "correct": right, "incorrect": wrong}),
            counters: vec![("grammar_sessions", 1)],
        };
        let more = record(&tx, schedule, &finished, now).await?;
        recorded = Recorded {
            xp: recorded.xp + more.xp,
            ..more
        };
    }
    let session = get(&tx, user, id).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Attempted {
        verdict,
        correct,
        attempt_number,
        expected: over.then_some(expected),
        explanation: if over {
            e.try_get("", "explanation").map_err(StoreError::from)?
        } else {
            None
        },
        mastery,
        next_review_at,
        session,
        progress: recorded,
    })
}
