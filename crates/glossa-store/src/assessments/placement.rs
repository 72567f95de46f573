//! Storage for placement attempts: the published placement test of a
//! language with its questions, and attempts with every answer in
//! `assessment_attempts.answers`.

use chrono::{DateTime, Utc};
use glossa_core::CefrLevel;
use glossa_core::assessment::placement::{Asked, Outcome};
use sea_orm::{ConnectionTrait, Statement, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{StoreError, StoreResult};
use crate::repo::placeholders;

/// A question of the test.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Question {
    /// Question id.
    pub id: Uuid,
    /// multiple_choice, fill_blank, translation or grammar.
    pub question_type: String,
    /// The question.
    pub text: String,
    /// Choices, for multiple choice.
    pub options: Option<serde_json::Value>,
    /// Its CEFR level.
    pub level: CefrLevel,
    /// The expected answer (never sent to the learner).
    #[serde(skip)]
    pub answer: String,
}

/// A language's published placement test.
#[derive(Debug, Clone)]
pub struct Test {
    /// Assessment id.
    pub id: Uuid,
    /// Questions in order.
    pub questions: Vec<Question>,
}

/// What an attempt stores about its answers.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct History {
    /// Where the test started.
    pub start: CefrLevel,
    /// Answers so far.
    pub asked: Vec<Asked>,
    /// What the learner wrote, per question id.
    #[serde(default)]
    pub answers: Vec<(String, String)>,
}

/// A stored attempt.
#[derive(Debug, Clone)]
pub struct Attempt {
    /// Attempt id.
    pub id: Uuid,
    /// Its test.
    pub assessment_id: Uuid,
    /// Language.
    pub language: String,
    /// Answers so far.
    pub history: History,
    /// When it finished.
    pub completed_at: Option<DateTime<Utc>>,
}

fn q(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Statement {
    let backend = db.get_database_backend();
    Statement::from_sql_and_values(backend, placeholders(backend, sql), values)
}

/// The published placement test of a language, if there is one.
#[tracing::instrument(skip_all, err)]
pub async fn test_for(db: &impl ConnectionTrait, language: &str) -> StoreResult<Option<Test>> {
    let sql = "SELECT id FROM assessments WHERE language = $1 AND assessment_type = 'placement' \
               AND status = 'published' ORDER BY created_at, id LIMIT 1";
    let Some(row) = db.query_one_raw(q(db, sql, vec![language.into()])).await? else {
        return Ok(None);
    };
    let id: Uuid = row.try_get("", "id")?;
    let sql = "SELECT q.id, q.question_type, q.question_text, q.options, q.correct_answer, \
               COALESCE(q.cefr_level, a.cefr_level) AS level FROM assessment_questions q \
               JOIN assessments a ON a.id = q.assessment_id WHERE q.assessment_id = $1 ORDER BY q.order_index, q.id";
    let rows = db.query_all_raw(q(db, sql, vec![id.into()])).await?;
    let questions = rows
        .iter()
        .map(|r| {
            let level: String = r.try_get("", "level")?;
            Ok(Question {
                id: r.try_get("", "id")?,
                question_type: r.try_get("", "question_type")?,
                text: r.try_get("", "question_text")?,
                options: r.try_get("", "options")?,
                level: level
                    .parse()
                    .map_err(|_| StoreError::Constraint(format!("bad level {level}")))?,
                answer: r.try_get("", "correct_answer")?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(Some(Test { id, questions }))
}

fn history_json(h: &History) -> serde_json::Value {
    serde_json::to_value(h).unwrap_or_default()
}

/// Starts an attempt.
#[tracing::instrument(skip_all, err)]
pub async fn start(
    db: &impl ConnectionTrait,
    user: Uuid,
    test: &Test,
    language: &str,
    start: CefrLevel,
    now: DateTime<Utc>,
) -> StoreResult<Attempt> {
    let id = Uuid::now_v7();
    let history = History {
        start,
        ..History::default()
    };
    let total = i32::try_from(
        test.questions
            .len()
            .clamp(1, glossa_core::assessment::placement::MAX_QUESTIONS),
    )
    .unwrap_or(1);
    let sql = "INSERT INTO assessment_attempts (id, user_id, assessment_id, language, kind, total_questions, \
               correct_answers, answers, started_at) VALUES ($1, $2, $3, $4, 'placement', $5, 0, $6, $7)";
    db.execute_raw(q(
        db,
        sql,
        vec![
            id.into(),
            user.into(),
            test.id.into(),
            language.into(),
            total.into(),
            history_json(&history).into(),
            now.into(),
        ],
    ))
    .await?;
    Ok(Attempt {
        id,
        assessment_id: test.id,
        language: language.to_owned(),
        history,
        completed_at: None,
    })
}

/// One of the learner's attempts; `lock` takes its row lock first.
#[tracing::instrument(skip_all, err)]
pub async fn get(
    db: &impl ConnectionTrait,
    user: Uuid,
    id: Uuid,
    lock: bool,
) -> StoreResult<Attempt> {
    if lock {
        let n = db
            .execute_raw(q(
                db,
                "UPDATE assessment_attempts SET answers = answers WHERE id = $1 AND user_id = $2",
                vec![id.into(), user.into()],
            ))
            .await?;
        if n.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
    }
    let sql = "SELECT id, assessment_id, language, answers, completed_at FROM assessment_attempts \
               WHERE id = $1 AND user_id = $2 AND kind = 'placement'";
    let row = db
        .query_one_raw(q(db, sql, vec![id.into(), user.into()]))
        .await?
        .ok_or(StoreError::NotFound)?;
    let answers: serde_json::Value = row.try_get("", "answers")?;
    let history: History = serde_json::from_value(answers)
        .map_err(|e| StoreError::Constraint(format!("assessment_attempts.answers: {e}")))?;
    Ok(Attempt {
        id: row.try_get("", "id")?,
        assessment_id: row
            .try_get::<Option<Uuid>>("", "assessment_id")?
            .ok_or(StoreError::NotFound)?,
        language: row.try_get("", "language")?,
        history,
        completed_at: row.try_get("", "completed_at")?,
    })
}

/// Saves the answers so far, and the result when the test is over.
#[tracing::instrument(skip_all, err)]
pub async fn save(
    db: &impl ConnectionTrait,
    a: &Attempt,
    outcome: Option<&Outcome>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let correct = i32::try_from(a.history.asked.iter().filter(|x| x.correct).count()).unwrap_or(0);
    let asked = i32::try_from(a.history.asked.len().max(1)).unwrap_or(1);
    match outcome {
        None => {
            let sql = "UPDATE assessment_attempts SET answers = $2, correct_answers = $3, \
                       total_questions = CASE WHEN total_questions < $4 THEN $4 ELSE total_questions END WHERE id = $1";
            db.execute_raw(q(
                db,
                sql,
                vec![
                    a.id.into(),
                    history_json(&a.history).into(),
                    correct.into(),
                    asked.into(),
                ],
            ))
            .await?;
        }
        Some(o) => {
            let by_level = serde_json::to_value(&o.by_level).unwrap_or_default();
            let sql = "UPDATE assessment_attempts SET answers = $2, correct_answers = $3, total_questions = $4, \
                       score = $5, result_level = $6, topic_scores = $7, completed_at = $8 WHERE id = $1";
            db.execute_raw(q(
                db,
                sql,
                vec![
                    a.id.into(),
                    history_json(&a.history).into(),
                    correct.into(),
                    asked.into(),
                    o.proficiency.into(),
                    o.level.as_str().into(),
                    by_level.into(),
                    now.into(),
                ],
            ))
            .await?;
        }
    }
    Ok(())
}
