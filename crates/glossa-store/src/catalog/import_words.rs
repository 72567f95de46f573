//! Words and their meanings, examples, forms, levels and relations.

use glossa_core::pack::Pack;
use sea_orm::{ConnectionTrait, Value};
use uuid::Uuid;

use super::import::{Ctx, Ids};
use super::sql::{delete_where, insert, json, opt, s, upsert};
use crate::error::StoreResult;

/// The stored name of a pack gender (`m` -> `masculine`, ...).
pub(crate) fn gender_name(short: &str) -> String {
    match short {
        "m" => "masculine",
        "f" => "feminine",
        "n" => "neuter",
        other => other,
    }
    .to_owned()
}

/// The pack letter of a stored gender.
pub(crate) fn gender_letter(name: &str) -> String {
    match name {
        "masculine" => "m",
        "feminine" => "f",
        "neuter" => "n",
        other => other,
    }
    .to_owned()
}

pub(crate) async fn words(
    db: &impl ConnectionTrait,
    pack: &Pack,
    ctx: &mut Ctx<'_>,
    ids: &mut Ids,
) -> StoreResult<()> {
    for w in &pack.words {
        let cols = vec![
            ("gender", opt(&w.gender.as_deref().map(gender_name))),
            ("plural_form", opt(&w.plural)),
            ("pronunciation", opt(&w.pronunciation)),
            ("category", opt(&w.category)),
            ("frequency_rank", Value::Int(w.frequency_rank)),
            ("is_idiom", Value::Bool(Some(w.idiom))),
            ("is_compound", Value::Bool(Some(w.compound))),
            ("is_separable_verb", Value::Bool(Some(w.separable))),
            ("notes", opt(&w.notes)),
            ("status", s("published")),
        ];
        let keys = vec![
            ctx.lang(),
            ("base_form", s(&w.lemma)),
            ("part_of_speech", s(&w.pos)),
        ];
        let (id, created) = upsert(db, "words", keys, cols, ctx.now).await?;
        // Children are replaced as a whole: they have no identity of their own.
        delete_where(db, "word_meanings", "word_id", id).await?;
        delete_where(db, "word_forms", "word_id", id).await?;
        delete_where(db, "word_levels", "word_id", id).await?;
        delete_where(db, "word_relations", "word_id", id).await?;
        for (n, m) in w.all_meanings().iter().enumerate() {
            let meaning_id = Uuid::now_v7();
            let text = m
                .translations
                .get("en")
                .or_else(|| m.translations.values().next())
                .cloned()
                .unwrap_or_else(|| w.lemma.clone());
            let order = i32::try_from(n + 1).unwrap_or(i32::MAX);
            let cols = vec![
                ("word_id", Value::Uuid(Some(id))),
                ("meaning_text", s(&text)),
                ("translations", json(&m.translations)),
                ("meaning_order", Value::Int(Some(order))),
                ("explanation", opt(&m.explanation)),
            ];
            insert(db, "word_meanings", meaning_id, cols, ctx.now).await?;
            for e in &m.examples {
                let cols = vec![
                    ("word_meaning_id", Value::Uuid(Some(meaning_id))),
                    ("example_text", s(&e.text)),
                    ("translations", json(&e.translations)),
                ];
                insert(db, "word_examples", Uuid::now_v7(), cols, ctx.now).await?;
            }
        }
        for f in &w.forms {
            let cols = vec![
                ("word_id", Value::Uuid(Some(id))),
                ("form_type", s(&f.form_type)),
                ("form_text", s(&f.text)),
                ("grammatical_info", json(serde_json::json!({}))),
            ];
            insert(db, "word_forms", Uuid::now_v7(), cols, ctx.now).await?;
        }
        let cols = vec![
            ("word_id", Value::Uuid(Some(id))),
            ("cefr_level", s(&w.level)),
            ("priority", Value::Int(Some(w.priority))),
        ];
        insert(db, "word_levels", Uuid::now_v7(), cols, ctx.now).await?;
        ids.words_by_key.insert(w.key(), id);
        ids.words_by_lemma.entry(w.lemma.clone()).or_insert(id);
        ctx.count(created);
    }
    // Relations once every word has an id.
    for w in &pack.words {
        let Some(id) = ids.words_by_key.get(&w.key()).copied() else {
            continue;
        };
        for (kind, list) in [("synonym", &w.synonyms), ("antonym", &w.antonyms)] {
            for r in list {
                let Some(other) = ids.word(r) else { continue };
                if other == id {
                    continue;
                }
                let cols = vec![
                    ("word_id", Value::Uuid(Some(id))),
                    ("related_word_id", Value::Uuid(Some(other))),
                    ("relation_type", s(kind)),
                ];
                insert(db, "word_relations", Uuid::now_v7(), cols, ctx.now).await?;
            }
        }
    }
    Ok(())
}
