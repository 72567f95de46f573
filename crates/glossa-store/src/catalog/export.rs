//! Reading a language's catalog back as a content pack.

use std::collections::BTreeMap;

use glossa_core::pack::{Example, Form, Manifest, Meaning, Pack, Translations, Word};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, QueryResult};
use uuid::Uuid;

use super::filter::Filter;
use super::sql::rows;
use crate::error::StoreResult;

pub(crate) fn select(table: &'static str, cols: &[&'static str]) -> SelectStatement {
    let mut q = Query::select();
    q.from(Alias::new(table));
    for c in cols {
        q.column(Alias::new(*c));
    }
    q
}

pub(crate) fn eq(q: &mut SelectStatement, col: &'static str, v: impl Into<sea_orm::Value>) {
    q.and_where(Expr::col(Alias::new(col)).eq(Expr::val(v.into())));
}

pub(crate) fn order(q: &mut SelectStatement, col: &'static str) {
    q.order_by(Alias::new(col), Order::Asc);
}

pub(crate) fn get<T: sea_orm::TryGetable>(row: &QueryResult, col: &str) -> StoreResult<T> {
    Ok(row.try_get::<T>("", col)?)
}

pub(crate) fn translations(row: &QueryResult, col: &str) -> StoreResult<Translations> {
    let v: serde_json::Value = get(row, col)?;
    Ok(serde_json::from_value(v).unwrap_or_default())
}

pub(crate) fn strings(row: &QueryResult, col: &str) -> StoreResult<Vec<String>> {
    let v: Option<serde_json::Value> = get(row, col)?;
    Ok(v.and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default())
}

/// The catalog of `manifest.language` (achievements for `mul`) as a pack.
pub async fn export_pack(db: &impl ConnectionTrait, manifest: Manifest) -> StoreResult<Pack> {
    let lang = manifest.language.clone();
    let mut pack = Pack {
        manifest,
        ..Pack::default()
    };
    if lang == "mul" {
        pack.achievements = super::export_more::achievements(db, &Filter::all()).await?;
        return Ok(pack);
    }
    pack.words = words(db, &lang).await?;
    let all = Filter::all();
    let topics = super::export_more::topics(db, &lang, &all).await?;
    let topic_slugs: BTreeMap<Uuid, String> =
        topics.iter().map(|(id, t)| (*id, t.slug.clone())).collect();
    pack.topics = topics.into_iter().map(|(_, t)| t).collect();
    pack.exercises = super::export_more::exercises(db, &lang, &topic_slugs, &all).await?;
    pack.scenarios = super::export_more::scenarios(db, &lang, &all).await?;
    pack.courses = super::export_more::courses(db, &lang, &all).await?;
    pack.assessments = super::export_more::assessments(db, &lang, &topic_slugs, &all).await?;
    Ok(pack)
}

async fn words(db: &impl ConnectionTrait, lang: &str) -> StoreResult<Vec<Word>> {
    let mut q = select("words", &["id"]);
    eq(&mut q, "language", lang);
    order(&mut q, "base_form");
    order(&mut q, "part_of_speech");
    let mut out = Vec::new();
    for r in rows(db, &q).await? {
        if let Some(w) = word_entry(db, get(&r, "id")?).await? {
            out.push(w);
        }
    }
    Ok(out)
}

/// How another word is referenced: its lemma, or `lemma|pos` when several
/// words of the language share the lemma.
async fn reference(db: &impl ConnectionTrait, id: Uuid) -> StoreResult<Option<String>> {
    let mut q = select("words", &["language", "base_form", "part_of_speech"]);
    eq(&mut q, "id", id);
    let Some(r) = rows(db, &q).await?.pop() else {
        return Ok(None);
    };
    let lemma: String = get(&r, "base_form")?;
    let pos: String = get(&r, "part_of_speech")?;
    let mut q = select("words", &["id"]);
    eq(&mut q, "language", get::<String>(&r, "language")?);
    eq(&mut q, "base_form", lemma.clone());
    let same = rows(db, &q).await?.len();
    Ok(Some(if same == 1 {
        lemma
    } else {
        format!("{lemma}|{pos}")
    }))
}

/// One word in content-pack form, with meanings, examples, forms, level
/// and relations.
pub async fn word_entry(db: &impl ConnectionTrait, id: Uuid) -> StoreResult<Option<Word>> {
    let mut q = select(
        "words",
        &[
            "id",
            "base_form",
            "part_of_speech",
            "gender",
            "plural_form",
            "pronunciation",
            "category",
            "frequency_rank",
            "is_idiom",
            "is_compound",
            "is_separable_verb",
            "notes",
        ],
    );
    eq(&mut q, "id", id);
    let Some(r) = rows(db, &q).await?.pop() else {
        return Ok(None);
    };
    let r = &r;
    {
        let mut q = select("word_meanings", &["id", "translations", "explanation"]);
        eq(&mut q, "word_id", id);
        order(&mut q, "meaning_order");
        let mut meanings = Vec::new();
        for m in rows(db, &q).await? {
            let mid: Uuid = get(&m, "id")?;
            let mut q = select("word_examples", &["example_text", "translations"]);
            eq(&mut q, "word_meaning_id", mid);
            order(&mut q, "id");
            let mut examples = Vec::new();
            for e in rows(db, &q).await? {
                examples.push(Example {
                    text: get(&e, "example_text")?,
                    translations: translations(&e, "translations")?,
                });
            }
            meanings.push(Meaning {
                translations: translations(&m, "translations")?,
                explanation: get(&m, "explanation")?,
                examples,
            });
        }
        let mut q = select("word_forms", &["form_type", "form_text"]);
        eq(&mut q, "word_id", id);
        order(&mut q, "id");
        let forms = rows(db, &q)
            .await?
            .iter()
            .map(|f| {
                Ok(Form {
                    form_type: get(f, "form_type")?,
                    text: get(f, "form_text")?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let mut q = select("word_levels", &["cefr_level", "priority"]);
        eq(&mut q, "word_id", id);
        order(&mut q, "cefr_level");
        let level = rows(db, &q).await?;
        let (level, priority) = match level.first() {
            Some(l) => (get::<String>(l, "cefr_level")?, get::<i32>(l, "priority")?),
            None => ("A1".to_owned(), 1),
        };
        let mut q = select("word_relations", &["related_word_id", "relation_type"]);
        eq(&mut q, "word_id", id);
        order(&mut q, "id");
        let (mut synonyms, mut antonyms) = (Vec::new(), Vec::new());
        for rel in rows(db, &q).await? {
            let other: Uuid = get(&rel, "related_word_id")?;
            let kind: String = get(&rel, "relation_type")?;
            if let Some(name) = reference(db, other).await? {
                if kind == "antonym" {
                    antonyms.push(name)
                } else {
                    synonyms.push(name)
                }
            }
        }
        // The first meaning is written in the short form unless it carries
        // an explanation, which only the long form can hold.
        let mut meanings = meanings.into_iter().peekable();
        let first = if meanings.peek().is_some_and(|m| m.explanation.is_none()) {
            meanings.next()
        } else {
            None
        };
        Ok(Some(Word {
            lemma: get(r, "base_form")?,
            pos: get(r, "part_of_speech")?,
            gender: get::<Option<String>>(r, "gender")?
                .map(|g| super::import_words::gender_letter(&g)),
            plural: get(r, "plural_form")?,
            level,
            priority,
            category: get(r, "category")?,
            frequency_rank: get(r, "frequency_rank")?,
            pronunciation: get(r, "pronunciation")?,
            separable: get(r, "is_separable_verb")?,
            idiom: get(r, "is_idiom")?,
            compound: get(r, "is_compound")?,
            notes: get(r, "notes")?,
            translations: first
                .as_ref()
                .map(|m| m.translations.clone())
                .unwrap_or_default(),
            forms,
            synonyms,
            antonyms,
            examples: first.map(|m| m.examples).unwrap_or_default(),
            meanings: meanings.collect(),
        }))
    }
}
