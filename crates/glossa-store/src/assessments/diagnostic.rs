//! Grammar diagnostics: the learner's answers per published grammar topic
//! of a language, and storing a diagnosis as an assessment attempt.

use chrono::{DateTime, Utc};
use glossa_core::assessment::diagnostic::{Diagnosis, TopicScore};
use sea_orm::{ConnectionTrait, Statement};
use uuid::Uuid;

use crate::error::StoreResult;
use crate::repo::placeholders;

/// Answers per topic (every attempt counts), all published topics listed.
#[tracing::instrument(skip_all, err)]
pub async fn topic_scores(
    db: &impl ConnectionTrait,
    user: Uuid,
    language: &str,
) -> StoreResult<Vec<TopicScore>> {
    let backend = db.get_database_backend();
    let sql = "SELECT t.slug, t.name, t.cefr_level, t.order_index, COUNT(a.id) AS answered, \
               COALESCE(SUM(CASE WHEN a.is_correct THEN 1 ELSE 0 END), 0) AS correct \
               FROM grammar_topics t \
               LEFT JOIN exercises e ON e.grammar_topic_id = t.id \
               LEFT JOIN exercise_attempts a ON a.exercise_id = e.id AND a.user_id = $1 \
               WHERE t.language = $2 AND t.status = 'published' \
               GROUP BY t.id, t.slug, t.name, t.cefr_level, t.order_index \
               ORDER BY t.order_index, t.slug";
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            [user.into(), language.into()],
        ))
        .await?;
    rows.iter()
        .map(|r| {
            let level: Option<String> = r.try_get("", "cefr_level")?;
            Ok(TopicScore {
                slug: r.try_get("", "slug")?,
                name: r.try_get("", "name")?,
                level: level.and_then(|l| l.parse().ok()),
                order: r.try_get("", "order_index")?,
                answered: r.try_get("", "answered")?,
                correct: r.try_get("", "correct")?,
            })
        })
        .collect()
}

/// Stores a diagnosis as a completed `diagnostic` attempt; returns its id.
#[tracing::instrument(skip_all, err)]
pub async fn save(
    db: &impl ConnectionTrait,
    user: Uuid,
    language: &str,
    d: &Diagnosis,
    now: DateTime<Utc>,
) -> StoreResult<Uuid> {
    let backend = db.get_database_backend();
    let id = Uuid::now_v7();
    let total = i32::try_from(d.answered.max(1)).unwrap_or(i32::MAX);
    let correct = i32::try_from(d.correct.min(d.answered.max(1))).unwrap_or(0);
    let score = if d.answered > 0 {
        Some(d.correct as f64 / d.answered as f64 * 100.0)
    } else {
        None
    };
    let sql = "INSERT INTO assessment_attempts (id, user_id, language, kind, score, total_questions, correct_answers, \
               topic_scores, weak_areas, strong_areas, recommended_path, started_at, completed_at) \
               VALUES ($1, $2, $3, 'diagnostic', $4, $5, $6, $7, $8, $9, $10, $11, $11)";
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        placeholders(backend, sql),
        [
            id.into(),
            user.into(),
            language.into(),
            score.into(),
            total.into(),
            correct.into(),
            to_json(&d.topic_scores).into(),
            to_json(&d.weak).into(),
            to_json(&d.strong).into(),
            to_json(&d.recommended_path).into(),
            now.into(),
        ],
    ))
    .await?;
    Ok(id)
}

/// Serialises a value to JSON (maps and lists of strings never fail).
fn to_json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or_default()
}
