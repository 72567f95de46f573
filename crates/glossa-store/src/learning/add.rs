//! Adding cards: catalog items by id, a whole CEFR level, a lesson or a
//! vocabulary list, or the learner's own front/back cards. Adding what the
//! learner already has is not an error: it is counted as existing.

use chrono::{DateTime, Utc};
use glossa_core::srs::Algorithm;
use sea_orm::{ConnectionTrait, Statement, Value};
use uuid::Uuid;

use crate::error::StoreResult;
use crate::repo::placeholders;

/// A learner's own card.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomCard {
    /// Target language (ISO 639-1).
    pub language: String,
    /// Question side.
    pub front: String,
    /// Answer side.
    pub back: String,
}

/// Where new cards come from.
#[derive(Debug, Clone)]
pub enum CardSource {
    /// Published words by id.
    Words(Vec<Uuid>),
    /// Published grammar topics by id.
    GrammarTopics(Vec<Uuid>),
    /// Published exercises by id.
    Exercises(Vec<Uuid>),
    /// Every published word of a language at a CEFR level.
    Level {
        /// Language.
        language: String,
        /// CEFR level.
        level: String,
    },
    /// The words, exercises and grammar of a lesson's items.
    Lesson(Uuid),
    /// The words of one of the learner's vocabulary lists.
    List(Uuid),
    /// The learner's own cards.
    Custom(Vec<CustomCard>),
}

/// What adding did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Added {
    /// Cards created.
    pub added: u64,
    /// Items the learner already had cards for.
    pub existing: u64,
    /// Ids that are not published catalog items (nothing was added then).
    pub missing: Vec<Uuid>,
}

/// A catalog item to make a card of: (item_type, id column, id, language).
type Item = (&'static str, &'static str, Uuid, String);

async fn select_items(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
    kind: &'static str,
    column: &'static str,
) -> StoreResult<Vec<Item>> {
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            values,
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                kind,
                column,
                r.try_get("", "id")?,
                r.try_get("", "language")?,
            ))
        })
        .collect()
}

fn id_list(ids: &[Uuid], first: usize) -> (String, Vec<Value>) {
    let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + first)).collect();
    (marks.join(", "), ids.iter().map(|&id| id.into()).collect())
}

async fn by_ids(
    db: &impl ConnectionTrait,
    table: &str,
    kind: &'static str,
    column: &'static str,
    ids: &[Uuid],
) -> StoreResult<(Vec<Item>, Vec<Uuid>)> {
    if ids.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let (marks, values) = id_list(ids, 1);
    let sql =
        format!("SELECT id, language FROM {table} WHERE status = 'published' AND id IN ({marks})");
    let found = select_items(db, &sql, values, kind, column).await?;
    let missing = ids
        .iter()
        .filter(|id| !found.iter().any(|f| f.2 == **id))
        .copied()
        .collect();
    Ok((found, missing))
}

/// Resolves a source to catalog items (or reports missing ids).
async fn items(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    source: &CardSource,
) -> StoreResult<(Vec<Item>, Vec<Uuid>)> {
    match source {
        CardSource::Words(ids) => by_ids(db, "words", "word", "word_id", ids).await,
        CardSource::GrammarTopics(ids) => {
            by_ids(
                db,
                "grammar_topics",
                "grammar_topic",
                "grammar_topic_id",
                ids,
            )
            .await
        }
        CardSource::Exercises(ids) => by_ids(db, "exercises", "exercise", "exercise_id", ids).await,
        CardSource::Level { language, level } => {
            let sql = "SELECT w.id, w.language FROM words w JOIN word_levels l ON l.word_id = w.id \
                       WHERE w.status = 'published' AND w.language = $1 AND l.cefr_level = $2 \
                       ORDER BY l.priority, w.frequency_rank, w.base_form";
            let found = select_items(
                db,
                sql,
                vec![language.clone().into(), level.clone().into()],
                "word",
                "word_id",
            )
            .await?;
            Ok((found, Vec::new()))
        }
        CardSource::Lesson(id) => {
            let lesson = select_items(
                db,
                "SELECT id, 'xx' AS language FROM lessons WHERE id = $1",
                vec![(*id).into()],
                "lesson",
                "id",
            )
            .await?;
            if lesson.is_empty() {
                return Ok((Vec::new(), vec![*id]));
            }
            let mut out = select_items(
                db,
                "SELECT w.id, w.language FROM lesson_items i JOIN words w ON w.id = i.word_id \
                 WHERE i.lesson_id = $1 AND w.status = 'published' ORDER BY i.order_index",
                vec![(*id).into()],
                "word",
                "word_id",
            )
            .await?;
            out.extend(select_items(db, "SELECT e.id, e.language FROM lesson_items i JOIN exercises e ON e.id = i.exercise_id \
                 WHERE i.lesson_id = $1 AND e.status = 'published' ORDER BY i.order_index", vec![(*id).into()], "exercise", "exercise_id").await?);
            Ok((out, Vec::new()))
        }
        CardSource::List(id) => {
            let list = select_items(
                db,
                "SELECT id, 'xx' AS language FROM vocabulary_lists WHERE id = $1 AND user_id = $2",
                vec![(*id).into(), user_id.into()],
                "list",
                "id",
            )
            .await?;
            if list.is_empty() {
                return Ok((Vec::new(), vec![*id]));
            }
            let out = select_items(db, "SELECT w.id, w.language FROM vocabulary_list_words lw JOIN words w ON w.id = lw.word_id \
                 WHERE lw.list_id = $1 AND w.status = 'published' ORDER BY lw.position", vec![(*id).into()], "word", "word_id").await?;
            Ok((out, Vec::new()))
        }
        CardSource::Custom(_) => Ok((Vec::new(), Vec::new())),
    }
}

const INSERT_COLUMNS: &str = "id, user_id, language, item_type, word_id, grammar_topic_id, exercise_id, \
    front, back, algorithm, state, step, due, created_at, updated_at";

/// Adds cards for a learner, all or nothing; cards already there are kept
/// as they are. `algorithm` overrides the default (backoff for grammar
/// topics, FSRS for everything else).
#[tracing::instrument(skip_all, err)]
pub async fn add(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    source: &CardSource,
    algorithm: Option<Algorithm>,
    now: DateTime<Utc>,
) -> StoreResult<Added> {
    let (found, missing) = items(db, user_id, source).await?;
    if !missing.is_empty() {
        return Ok(Added {
            missing,
            ..Added::default()
        });
    }
    let mut rows: Vec<Vec<Value>> = Vec::new();
    let none_uuid = || Value::Uuid(None);
    let none_text = || Value::String(None);
    for (kind, column, id, language) in &found {
        let algo = algorithm.unwrap_or(if *kind == "grammar_topic" {
            Algorithm::Backoff
        } else {
            Algorithm::Fsrs
        });
        let pick = |c: &str| {
            if *column == c {
                (*id).into()
            } else {
                none_uuid()
            }
        };
        rows.push(vec![
            Uuid::now_v7().into(),
            user_id.into(),
            language.clone().into(),
            (*kind).into(),
            pick("word_id"),
            pick("grammar_topic_id"),
            pick("exercise_id"),
            none_text(),
            none_text(),
            algo.as_str().into(),
            "new".into(),
            0i32.into(),
            now.into(),
            now.into(),
            now.into(),
        ]);
    }
    if let CardSource::Custom(list) = source {
        for c in list {
            rows.push(vec![
                Uuid::now_v7().into(),
                user_id.into(),
                c.language.clone().into(),
                "custom".into(),
                none_uuid(),
                none_uuid(),
                none_uuid(),
                c.front.clone().into(),
                c.back.clone().into(),
                algorithm.unwrap_or(Algorithm::Fsrs).as_str().into(),
                "new".into(),
                0i32.into(),
                now.into(),
                now.into(),
                now.into(),
            ]);
        }
    }
    let backend = db.get_database_backend();
    let total = rows.len() as u64;
    let mut added = 0;
    for chunk in rows.chunks(60) {
        let width = chunk[0].len();
        let tuples: Vec<String> = (0..chunk.len())
            .map(|r| {
                let marks: Vec<String> =
                    (1..=width).map(|c| format!("${}", r * width + c)).collect();
                format!("({})", marks.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO cards ({INSERT_COLUMNS}) VALUES {} ON CONFLICT DO NOTHING",
            tuples.join(", ")
        );
        let values: Vec<Value> = chunk.iter().flatten().cloned().collect();
        let res = db
            .execute_raw(Statement::from_sql_and_values(
                backend,
                placeholders(backend, &sql),
                values,
            ))
            .await?;
        added += res.rows_affected();
    }
    Ok(Added {
        added,
        existing: total - added,
        missing: Vec::new(),
    })
}
