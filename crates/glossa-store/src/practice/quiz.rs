//! Vocabulary quizzes: multiple choice (three distractors of the same level
//! and part of speech), fill in the blank, matching (groups of up to four
//! words, answered `a | b | c` in the order shown) and typed translation.
//! Questions and answers live in the `quizzes` row; the expected answers
//! never leave this module before the question is answered.
//!
//! The table's `quiz_type` CHECK predates typed translation, so such a quiz
//! is stored as `fill_blank` and every question carries its real type.

use chrono::{DateTime, Utc};
use glossa_core::answer::Verdict;
use sea_orm::{ConnectionTrait, DatabaseConnection, QueryResult, TransactionTrait};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::questions::{Stored, build, judge};
use super::words::{WordFilter, draw};
use super::{PracticeError, PracticeResult, Shuffler, exec, int, json_col, lock, one, to_json};
use crate::error::{StoreError, StoreResult};
use crate::learning::schedule::LearnerSchedule;
use crate::progress::{Activity, Recorded, record};

/// The quiz types.
pub const QUIZ_TYPES: [&str; 4] = [
    "multiple_choice",
    "fill_blank",
    "matching",
    "typed_translation",
];

/// A question as the learner sees it (without its answer).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Question {
    /// Position in the quiz, from 0.
    pub index: usize,
    /// multiple_choice, fill_blank, matching or typed_translation.
    pub kind: String,
    /// What is asked.
    pub prompt: String,
    /// Choices (multiple choice) or the right-hand column (matching).
    pub options: Vec<String>,
    /// The left-hand column of a matching question.
    pub items: Vec<String>,
}

/// An answer given.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Given {
    /// The question.
    pub index: usize,
    /// What the learner wrote.
    pub answer: String,
    /// Whether it counted.
    pub correct: bool,
    /// The judgement.
    pub verdict: Verdict,
    /// When.
    pub answered_at: DateTime<Utc>,
}

/// A quiz.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Quiz {
    /// Quiz id.
    pub id: Uuid,
    /// Target language.
    pub language: String,
    /// The quiz type.
    pub quiz_type: String,
    /// active or completed.
    pub status: String,
    /// Questions in the quiz.
    pub total_questions: i32,
    /// The first question not answered yet (= total when all are).
    pub current_index: i32,
    /// Answers counted correct.
    pub correct_answers: i32,
    /// 0-100, once completed.
    pub score: Option<f64>,
    /// Category filter.
    pub category: Option<String>,
    /// Level filter.
    pub cefr_level: Option<String>,
    /// The questions, without answers.
    pub questions: Vec<Question>,
    /// The answers given so far.
    pub answers: Vec<Given>,
    /// Started.
    pub started_at: DateTime<Utc>,
    /// Completed.
    pub completed_at: Option<DateTime<Utc>>,
}

/// What to quiz on.
#[derive(Debug, Clone)]
pub struct NewQuiz {
    /// Words to draw from.
    pub filter: WordFilter,
    /// One of [`QUIZ_TYPES`].
    pub quiz_type: String,
    /// Questions (words, for matching).
    pub size: usize,
}

/// The result of answering.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Answered {
    /// The judgement.
    pub verdict: Verdict,
    /// Whether it counted.
    pub correct: bool,
    /// The expected answer.
    pub expected: String,
    /// The quiz now.
    pub quiz: Quiz,
    /// XP and streak, when this answer completed the quiz.
    pub progress: Option<Recorded>,
}

const SELECT: &str = "SELECT id, language, quiz_type, status, total_questions, current_index, correct_answers, \
    score, category, cefr_level, questions, answers, started_at, completed_at FROM quizzes";

fn view(row: &QueryResult) -> StoreResult<(Quiz, Vec<Stored>)> {
    let stored: Vec<Stored> = json_col(row, "questions")?;
    let answers: Vec<Given> = json_col(row, "answers")?;
    let column_type: String = row.try_get("", "quiz_type")?;
    let quiz_type = stored.first().map_or(column_type, |s| s.kind.clone());
    let questions = stored
        .iter()
        .enumerate()
        .map(|(index, s)| Question {
            index,
            kind: s.kind.clone(),
            prompt: s.prompt.clone(),
            options: s.options.clone(),
            items: s.items.clone(),
        })
        .collect();
    let quiz = Quiz {
        id: row.try_get("", "id")?,
        language: row.try_get("", "language")?,
        quiz_type,
        status: row.try_get("", "status")?,
        total_questions: row.try_get("", "total_questions")?,
        current_index: row.try_get("", "current_index")?,
        correct_answers: row.try_get("", "correct_answers")?,
        score: row.try_get("", "score")?,
        category: row.try_get("", "category")?,
        cefr_level: row.try_get("", "cefr_level")?,
        questions,
        answers,
        started_at: row.try_get("", "started_at")?,
        completed_at: row.try_get("", "completed_at")?,
    };
    Ok((quiz, stored))
}

async fn load(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    id: Uuid,
) -> StoreResult<(Quiz, Vec<Stored>)> {
    let sql = format!("{SELECT} WHERE id = $1 AND user_id = $2");
    let row = one(db, &sql, vec![id.into(), user_id.into()])
        .await?
        .ok_or(StoreError::NotFound)?;
    view(&row)
}

/// The caller's quiz.
pub async fn get(db: &impl ConnectionTrait, user_id: Uuid, id: Uuid) -> StoreResult<Quiz> {
    Ok(load(db, user_id, id).await?.0)
}

/// Creates a quiz from published words.
#[tracing::instrument(skip_all, err)]
pub async fn create(
    db: &DatabaseConnection,
    user_id: Uuid,
    q: &NewQuiz,
    now: DateTime<Utc>,
) -> PracticeResult<Quiz> {
    if !QUIZ_TYPES.contains(&q.quiz_type.as_str()) {
        return Err(PracticeError::Invalid(
            "quiz_type",
            format!("must be one of {}", QUIZ_TYPES.join(", ")),
        ));
    }
    let words = draw(db, user_id, &q.filter, q.size).await?;
    let id = Uuid::now_v7();
    let mut rng = Shuffler::new(id);
    let stored = build(db, user_id, q, &words, &mut rng).await?;
    let column_type = if q.quiz_type == "typed_translation" {
        "fill_blank"
    } else {
        q.quiz_type.as_str()
    };
    let sql = "INSERT INTO quizzes (id, user_id, language, quiz_type, status, total_questions, current_index, \
        correct_answers, questions, answers, category, cefr_level, started_at, updated_at) \
        VALUES ($1, $2, $3, $4, 'active', $5, 0, 0, $6, $7, $8, $9, $10, $10)";
    exec(
        db,
        sql,
        vec![
            id.into(),
            user_id.into(),
            q.filter.language.clone().into(),
            column_type.into(),
            int(stored.len()).into(),
            to_json(&stored)?.into(),
            serde_json::json!([]).into(),
            q.filter.category.clone().into(),
            q.filter.level.clone().into(),
            now.into(),
        ],
    )
    .await?;
    Ok(get(db, user_id, id).await?)
}

/// Answers question `index`; the last answer completes the quiz with its
/// score and records a `quiz` activity.
#[tracing::instrument(skip_all, err)]
pub async fn answer(
    db: &DatabaseConnection,
    schedule: &LearnerSchedule,
    id: Uuid,
    index: usize,
    given: &str,
    now: DateTime<Utc>,
) -> PracticeResult<Answered> {
    let user = schedule.user_id;
    let tx = db.begin().await.map_err(StoreError::from)?;
    lock(&tx, "quizzes", id, user).await?;
    let (quiz, stored) = load(&tx, user, id).await?;
    if quiz.status != "active" {
        return Err(PracticeError::Conflict(
            "the quiz is already completed".into(),
        ));
    }
    let Some(s) = stored.get(index) else {
        return Err(PracticeError::Invalid(
            "index",
            format!("must be 0-{}", stored.len().saturating_sub(1)),
        ));
    };
    let mut answers = quiz.answers.clone();
    if answers.iter().any(|a| a.index == index) {
        return Err(PracticeError::Conflict(format!(
            "question {index} is already answered"
        )));
    }
    let verdict = judge(s, given, &quiz.language);
    let correct = verdict.is_accepted();
    answers.push(Given {
        index,
        answer: given.to_owned(),
        correct,
        verdict: verdict.clone(),
        answered_at: now,
    });
    let current = (0..stored.len())
        .find(|i| !answers.iter().any(|a| a.index == *i))
        .unwrap_or(stored.len());
    let right = answers.iter().filter(|a| a.correct).count();
    let done = answers.len() >= stored.len();
    let score =
        done.then(|| (right as f64 * 100.0 / stored.len().max(1) as f64 * 10.0).round() / 10.0);
    let sql = "UPDATE quizzes SET answers = $3, current_index = $4, correct_answers = $5, score = $6, \
        status = $7, completed_at = $8, updated_at = $9 WHERE id = $1 AND user_id = $2";
    exec(
        &tx,
        sql,
        vec![
            id.into(),
            user.into(),
            to_json(&answers)?.into(),
            int(current).into(),
            int(right).into(),
            score.into(),
            (if done { "completed" } else { "active" }).into(),
            done.then_some(now).into(),
            now.into(),
        ],
    )
    .await?;
    let progress = match score {
        Some(score) => {
            let activity = Activity {
                kind: "quiz",
                xp: glossa_core::progress::xp("quiz", None, Some(score / 100.0)),
                language: Some(quiz.language.clone()),
                source_id: Some(id),
                metadata: serde_json::json!({"quiz_type": quiz.quiz_type, "score": score,
                    "correct": right, "total": stored.len()}),
                counters: vec![],
            };
            Some(record(&tx, schedule, &activity, now).await?)
        }
        None => None,
    };
    let quiz = get(&tx, user, id).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Answered {
        verdict,
        correct,
        expected: s.answer.clone(),
        quiz,
        progress,
    })
}
