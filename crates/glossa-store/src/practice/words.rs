//! Drawing published words for quizzes and flashcards: filters by CEFR
//! level, category and vocabulary list, the translation in the learner's
//! language, and distractors of the same level and part of speech.

use sea_orm::{ConnectionTrait, QueryResult, Value};
use uuid::Uuid;

use super::{PracticeError, PracticeResult, all, one};
use crate::error::{StoreError, StoreResult};

/// The filters a run is drawn with.
#[derive(Debug, Clone, Default)]
pub struct WordFilter {
    /// Target language.
    pub language: String,
    /// Only words of this CEFR level.
    pub level: Option<String>,
    /// Only words of this category.
    pub category: Option<String>,
    /// Only words of this vocabulary list (the caller's or a public one).
    pub list_id: Option<Uuid>,
}

/// One drawn word.
#[derive(Debug, Clone)]
pub struct DrawnWord {
    /// Word id.
    pub id: Uuid,
    /// The word as written.
    pub base_form: String,
    /// noun, verb, ...
    pub part_of_speech: String,
    /// Grammatical gender of a noun.
    pub gender: Option<String>,
    /// Its (first) CEFR level.
    pub level: Option<String>,
    /// Its meaning in the learner's language.
    pub translation: String,
    /// An example sentence, if any.
    pub example: Option<String>,
}

const COLUMNS: &str = "w.id, w.base_form, w.part_of_speech, w.gender, \
    (SELECT l.cefr_level FROM word_levels l WHERE l.word_id = w.id ORDER BY l.priority, l.cefr_level LIMIT 1) AS level, \
    (SELECT m.translations FROM word_meanings m WHERE m.word_id = w.id ORDER BY m.meaning_order LIMIT 1) AS translations, \
    (SELECT m.meaning_text FROM word_meanings m WHERE m.word_id = w.id ORDER BY m.meaning_order LIMIT 1) AS meaning_text, \
    (SELECT e.example_text FROM word_examples e JOIN word_meanings m ON m.id = e.word_meaning_id \
        WHERE m.word_id = w.id ORDER BY m.meaning_order, e.example_text LIMIT 1) AS example";

/// The learner's native language (translations are shown in it).
pub async fn native_language(db: &impl ConnectionTrait, user_id: Uuid) -> StoreResult<String> {
    let row = one(
        db,
        "SELECT native_language FROM users WHERE id = $1",
        vec![user_id.into()],
    )
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(row.try_get("", "native_language")?)
}

fn translation(row: &QueryResult, native: &str) -> StoreResult<Option<String>> {
    let t: Option<serde_json::Value> = row.try_get("", "translations")?;
    let t = match t {
        Some(serde_json::Value::String(s)) => serde_json::from_str(&s).ok(),
        other => other,
    };
    let pick = t.as_ref().and_then(|t| {
        let obj = t.as_object()?;
        [native, "en"]
            .iter()
            .find_map(|k| obj.get(*k))
            .or_else(|| obj.values().next())
            .and_then(|v| v.as_str().map(str::to_owned))
    });
    match pick {
        Some(p) => Ok(Some(p)),
        None => Ok(row.try_get("", "meaning_text")?),
    }
}

fn drawn(row: &QueryResult, native: &str) -> StoreResult<Option<DrawnWord>> {
    let Some(translation) = translation(row, native)? else {
        return Ok(None);
    };
    Ok(Some(DrawnWord {
        id: row.try_get("", "id")?,
        base_form: row.try_get("", "base_form")?,
        part_of_speech: row.try_get("", "part_of_speech")?,
        gender: row.try_get("", "gender")?,
        level: row.try_get("", "level")?,
        translation,
        example: row.try_get("", "example")?,
    }))
}

/// Up to `limit` published words matching `filter`, in random order.
pub async fn draw(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    filter: &WordFilter,
    limit: usize,
) -> PracticeResult<Vec<DrawnWord>> {
    let mut sql = format!(
        "SELECT {COLUMNS} FROM words w WHERE w.language = $1 AND w.status = 'published' \
         AND EXISTS (SELECT 1 FROM word_meanings m WHERE m.word_id = w.id)"
    );
    let mut values: Vec<Value> = vec![filter.language.clone().into()];
    if let Some(level) = &filter.level {
        values.push(level.clone().into());
        sql += &format!(
            " AND EXISTS (SELECT 1 FROM word_levels l WHERE l.word_id = w.id AND l.cefr_level = ${})",
            values.len()
        );
    }
    if let Some(category) = &filter.category {
        values.push(category.clone().into());
        sql += &format!(" AND w.category = ${}", values.len());
    }
    if let Some(list) = filter.list_id {
        let visible = one(
            db,
            "SELECT id FROM vocabulary_lists WHERE id = $1 AND (user_id = $2 OR is_public)",
            vec![list.into(), user_id.into()],
        )
        .await?;
        if visible.is_none() {
            return Err(PracticeError::Invalid(
                "list_id",
                "no such vocabulary list".into(),
            ));
        }
        values.push(list.into());
        sql += &format!(
            " AND EXISTS (SELECT 1 FROM vocabulary_list_words v WHERE v.word_id = w.id AND v.list_id = ${})",
            values.len()
        );
    }
    values.push(i64::try_from(limit).unwrap_or(i64::MAX).into());
    sql += &format!(" ORDER BY RANDOM() LIMIT ${}", values.len());
    let native = native_language(db, user_id).await?;
    let mut words = Vec::new();
    for row in all(db, &sql, values).await? {
        if let Some(w) = drawn(&row, &native)? {
            words.push(w);
        }
    }
    if words.is_empty() {
        return Err(PracticeError::Invalid(
            "language",
            "no published words with a meaning match these filters".into(),
        ));
    }
    Ok(words)
}

/// Up to `n` translations of other words to offer beside `word`'s: of the
/// same level and part of speech first, then of any word of the language.
pub async fn distractors(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    language: &str,
    word: &DrawnWord,
    n: usize,
) -> StoreResult<Vec<String>> {
    let native = native_language(db, user_id).await?;
    let mut found: Vec<String> = Vec::new();
    let same = format!(
        "SELECT {COLUMNS} FROM words w WHERE w.language = $1 AND w.status = 'published' AND w.id <> $2 \
         AND w.part_of_speech = $3 AND ($4 IS NULL OR EXISTS (SELECT 1 FROM word_levels l \
         WHERE l.word_id = w.id AND l.cefr_level = $4)) ORDER BY RANDOM() LIMIT 20"
    );
    let any = format!(
        "SELECT {COLUMNS} FROM words w WHERE w.language = $1 AND w.status = 'published' AND w.id <> $2 \
         ORDER BY RANDOM() LIMIT 40"
    );
    let queries: [(&str, Vec<Value>); 2] = [
        (
            &same,
            vec![
                language.into(),
                word.id.into(),
                word.part_of_speech.clone().into(),
                word.level.clone().into(),
            ],
        ),
        (&any, vec![language.into(), word.id.into()]),
    ];
    for (sql, values) in queries {
        for row in all(db, sql, values).await? {
            if found.len() >= n {
                return Ok(found);
            }
            if let Some(t) = translation(&row, &native)?
                && t != word.translation
                && !found.contains(&t)
            {
                found.push(t);
            }
        }
    }
    Ok(found)
}
