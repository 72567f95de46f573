//! Reading words for the catalog API: filtered lists, full-text search and
//! lookup by any inflected form.

use sea_orm::{ConnectionTrait, Statement, Value};
use serde::Serialize;
use uuid::Uuid;

use super::export::get;
use crate::error::StoreResult;
use crate::repo::placeholders;

/// Filters of a word list; all optional.
#[derive(Debug, Clone, Default)]
pub struct WordFilter {
    /// ISO 639-1 target language.
    pub language: Option<String>,
    /// CEFR level.
    pub level: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Part of speech.
    pub pos: Option<String>,
    /// Text searched in the word and its translations (case-insensitive).
    pub q: Option<String>,
    /// An inflected form (or the base form) the word must have.
    pub form: Option<String>,
    /// Only published words (learners); all statuses for teachers.
    pub published_only: bool,
    /// Only the word with this id.
    pub id: Option<Uuid>,
    /// Start after this id.
    pub after: Option<Uuid>,
    /// Page size.
    pub limit: u64,
}

/// A word in a list.
#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
pub struct WordSummary {
    /// Id.
    pub id: Uuid,
    /// Target language.
    pub language: String,
    /// Base form.
    pub lemma: String,
    /// Part of speech.
    pub pos: String,
    /// masculine, feminine, neuter, common.
    pub gender: Option<String>,
    /// Plural.
    pub plural: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Lowest CEFR level.
    pub level: Option<String>,
    /// Publication status.
    pub status: String,
    /// Translations of the first meaning, by learner language.
    #[schema(value_type = Object)]
    pub translations: serde_json::Value,
}

fn like(s: &str) -> String {
    let escaped = s
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// A page of words matching the filter, ordered by id.
#[tracing::instrument(skip_all, err)]
pub async fn list(db: &impl ConnectionTrait, f: &WordFilter) -> StoreResult<Vec<WordSummary>> {
    let mut conds: Vec<String> = Vec::new();
    let mut vals: Vec<Value> = Vec::new();
    let arg = |v: Value, vals: &mut Vec<Value>| {
        vals.push(v);
        format!("${}", vals.len())
    };
    if let Some(l) = &f.language {
        let p = arg(l.clone().into(), &mut vals);
        conds.push(format!("w.language = {p}"));
    }
    if let Some(l) = &f.level {
        let p = arg(l.clone().into(), &mut vals);
        conds.push(format!(
            "EXISTS (SELECT 1 FROM word_levels l WHERE l.word_id = w.id AND l.cefr_level = {p})"
        ));
    }
    if let Some(c) = &f.category {
        let p = arg(c.clone().into(), &mut vals);
        conds.push(format!("w.category = {p}"));
    }
    if let Some(pos) = &f.pos {
        let p = arg(pos.clone().into(), &mut vals);
        conds.push(format!("w.part_of_speech = {p}"));
    }
    if let Some(q) = f.q.as_deref().filter(|q| !q.trim().is_empty()) {
        let p = arg(like(q.trim()).into(), &mut vals);
        conds.push(format!(
            "(lower(w.base_form) LIKE {p} ESCAPE '\\' OR EXISTS (SELECT 1 FROM word_meanings m \
             WHERE m.word_id = w.id AND (lower(m.meaning_text) LIKE {p} ESCAPE '\\' \
             OR lower(CAST(m.translations AS TEXT)) LIKE {p} ESCAPE '\\')))"
        ));
    }
    if let Some(form) = f.form.as_deref().filter(|s| !s.trim().is_empty()) {
        let p = arg(form.trim().to_owned().into(), &mut vals);
        conds.push(format!(
            "(w.base_form = {p} OR lower(w.base_form) = lower({p}) OR EXISTS (SELECT 1 FROM word_forms x \
             WHERE x.word_id = w.id AND (x.form_text = {p} OR lower(x.form_text) = lower({p}))))"
        ));
    }
    if f.published_only {
        conds.push("w.status = 'published'".to_owned());
    }
    if let Some(id) = f.id {
        let p = arg(id.into(), &mut vals);
        conds.push(format!("w.id = {p}"));
    }
    if let Some(a) = f.after {
        let p = arg(a.into(), &mut vals);
        conds.push(format!("w.id > {p}"));
    }
    let limit = arg(
        Value::BigInt(Some(i64::try_from(f.limit).unwrap_or(i64::MAX))),
        &mut vals,
    );
    let filter = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    let sql = format!(
        "SELECT w.id, w.language, w.base_form, w.part_of_speech, w.gender, w.plural_form, w.category, w.status, \
         (SELECT min(l.cefr_level) FROM word_levels l WHERE l.word_id = w.id) AS level, \
         (SELECT m.translations FROM word_meanings m WHERE m.word_id = w.id ORDER BY m.meaning_order LIMIT 1) AS translations \
         FROM words w {filter} ORDER BY w.id LIMIT {limit}"
    );
    let backend = db.get_database_backend();
    let stmt = Statement::from_sql_and_values(backend, placeholders(backend, &sql), vals);
    db.query_all_raw(stmt)
        .await?
        .iter()
        .map(|r| {
            let t: Option<serde_json::Value> = get(r, "translations")?;
            Ok(WordSummary {
                id: get(r, "id")?,
                language: get(r, "language")?,
                lemma: get(r, "base_form")?,
                pos: get(r, "part_of_speech")?,
                gender: get(r, "gender")?,
                plural: get(r, "plural_form")?,
                category: get(r, "category")?,
                level: get(r, "level")?,
                status: get(r, "status")?,
                translations: t.unwrap_or_else(|| serde_json::json!({})),
            })
        })
        .collect()
}

/// A word with everything about it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WordDetail {
    /// The summary fields.
    #[serde(flatten)]
    pub word: WordSummary,
    /// The full entry in content-pack form (meanings, examples, forms,
    /// relations).
    #[schema(value_type = Object)]
    pub entry: glossa_core::pack::Word,
}

/// One word by id, with its full entry.
#[tracing::instrument(skip_all, fields(%id), err)]
pub async fn get_one(
    db: &impl ConnectionTrait,
    id: Uuid,
    published_only: bool,
) -> StoreResult<Option<WordDetail>> {
    let f = WordFilter {
        id: Some(id),
        limit: 1,
        published_only,
        ..WordFilter::default()
    };
    let Some(word) = list(db, &f).await?.pop() else {
        return Ok(None);
    };
    let entry = super::export::word_entry(db, id).await?;
    Ok(entry.map(|entry| WordDetail { word, entry }))
}
