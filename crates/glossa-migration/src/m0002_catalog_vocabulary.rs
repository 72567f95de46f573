//! Catalog, vocabulary: the words of each target language with their
//! meanings, inflected forms, CEFR levels, relations and examples, the
//! language-level list of commonly confused words, and the grammar topic
//! tree (reference data like the words, which exercises, rules, questions
//! and error logs point at; m0003 holds the content built on it).
//!
//! Translations into learner languages are JSON objects keyed by ISO 639-1
//! code (`{"en": "bank", "it": "banca"}`) rather than one column per
//! language (the course seed's `translation_it`, `word_en`, `example_it`), so
//! a new learner language needs no migration.
//!
//! Words are keyed by language + base form + part of speech; grammar topics,
//! like the tables of m0003, by a `slug` unique per language.
//!
//! Rows that belong to one word (meanings, forms, levels, relations) and
//! examples of one meaning are deleted with it (cascade). Whether a word used
//! by learners may be deleted at all is decided by the learner tables'
//! foreign keys, not here.

use crate::ddl::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::ForeignKeyAction::{Cascade, SetNull};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0002_catalog_vocabulary"
    }
}

/// The tutor seed's eight parts of speech, plus what German and the course
/// seed's idioms need: articles, numerals, particles, multi-word phrases.
const PARTS_OF_SPEECH: &[&str] = &[
    "noun",
    "verb",
    "adjective",
    "adverb",
    "pronoun",
    "preposition",
    "conjunction",
    "interjection",
    "article",
    "determiner",
    "numeral",
    "particle",
    "phrase",
];

/// Grammatical gender of nouns (the course seed's masculine/feminine/neuter;
/// `common` for Dutch and the Scandinavian languages).
const GENDERS: &[&str] = &["masculine", "feminine", "neuter", "common"];

/// How two words relate (tutor word_synonyms, course synonyms/antonyms).
const RELATION_TYPES: &[&str] = &["synonym", "near_synonym", "antonym"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // A dictionary entry: tutor words merged with course vocabulary. The
        // course's per-learner counters (last_reviewed, review_count) live in
        // the learner tables, not on the shared entry.
        let t = "words";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(text("language"))
                .col(text("base_form"))
                .col(text("part_of_speech"))
                .col(text_null("gender"))
                .col(text_null("plural_form"))
                .col(text_null("pronunciation"))
                .col(text_null("category"))
                // 1 = the most frequent word of the language.
                .col(int_null("frequency_rank"))
                .col(boolean("is_idiom", false))
                .col(boolean("is_compound", false))
                .col(boolean("is_separable_verb", false))
                // Tutor `notes` and course `usage_notes`.
                .col(text_null("notes"))
                // The seeds' words are usable as soon as they exist.
                .col(text_default("status", "published"))
                .col(uuid_null("created_by"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "created_by", "users", SetNull))
                .check(check_lang(t, "language"))
                .check(check_not_blank(t, "base_form"))
                .check(check_in(t, "part_of_speech", PARTS_OF_SPEECH))
                .check(check_in(t, "gender", GENDERS))
                .check(check_min(t, "frequency_rank", 1))
                .check(check_in(t, "status", CONTENT_STATUSES))
                .take(),
        )
        .await?;
        // The natural key content packs import by (no slug needed).
        index(m, t, &["language", "base_form", "part_of_speech"], true).await?;
        index(m, t, &["language", "part_of_speech"], false).await?;
        index(m, t, &["language", "category"], false).await?;
        index(m, t, &["language", "frequency_rank"], false).await?;
        index(m, t, &["created_by"], false).await?;

        // One sense of a word ("bank": institution, river edge).
        let t = "word_meanings";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("word_id"))
                // Definition in the target language (course `definition_de`).
                .col(text("meaning_text"))
                // Required by the tutor seed: at least one learner language,
                // so no `{}` default.
                .col(
                    ColumnDef::new("translations")
                        .json_binary()
                        .not_null()
                        .take(),
                )
                // 1 = primary meaning.
                .col(int("meaning_order", 1))
                .col(text_null("explanation"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "word_id", "words", Cascade))
                .check(check_not_blank(t, "meaning_text"))
                .check(check(t, "translations_not_empty", "translations <> '{}'"))
                .check(check_min(t, "meaning_order", 1))
                .take(),
        )
        .await?;
        index(m, t, &["word_id", "meaning_order"], false).await?;

        // Inflected forms ("hablo" of "hablar"), matched when recognising
        // words in learner and tutor text.
        let t = "word_forms";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("word_id"))
                // plural, feminine, conjugation, past_tense, ...: the list is
                // language-specific, so the API validates it, not a CHECK.
                .col(text("form_type"))
                .col(text("form_text"))
                // Tense, person, number, gender, case.
                .col(json("grammatical_info", "{}"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "word_id", "words", Cascade))
                .check(check_not_blank(t, "form_type"))
                .check(check_not_blank(t, "form_text"))
                .take(),
        )
        .await?;
        index(m, t, &["word_id", "form_type", "form_text"], true).await?;
        index(m, t, &["form_text"], false).await?;

        // The CEFR levels a word belongs to, with its priority within each
        // (1 = taught first); the course seed's single `difficulty` becomes
        // one row with priority 1.
        let t = "word_levels";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("word_id"))
                .col(text("cefr_level"))
                .col(int("priority", 1))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "word_id", "words", Cascade))
                .check(check_cefr(t, "cefr_level"))
                .check(check_min(t, "priority", 1))
                .take(),
        )
        .await?;
        index(m, t, &["word_id", "cefr_level"], true).await?;
        // "Words of level X by priority"; words.language narrows the join.
        index(m, t, &["cefr_level", "priority"], false).await?;

        // Synonyms, near synonyms and antonyms between two words. Both words
        // must be of one language: a CHECK cannot see the other row, so the
        // API enforces it before inserting.
        let t = "word_relations";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("word_id"))
                .col(uuid("related_word_id"))
                .col(text_default("relation_type", "synonym"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                // A relation means nothing without either of its words.
                .foreign_key(&mut fk(t, "word_id", "words", Cascade))
                .foreign_key(&mut fk(t, "related_word_id", "words", Cascade))
                .check(check_in(t, "relation_type", RELATION_TYPES))
                .check(check(t, "not_self", "word_id <> related_word_id"))
                .take(),
        )
        .await?;
        index(m, t, &["word_id", "related_word_id", "relation_type"], true).await?;
        index(m, t, &["related_word_id"], false).await?;

        // Example sentences of one meaning (tutor word_examples, course
        // example_de/example_it).
        let t = "word_examples";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("word_meaning_id"))
                .col(text("example_text"))
                // Optional in the seeds: `{}` when untranslated.
                .col(json("translations", "{}"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "word_meaning_id", "word_meanings", Cascade))
                .check(check_not_blank(t, "example_text"))
                .take(),
        )
        .await?;
        index(m, t, &["word_meaning_id"], false).await?;

        // Words commonly confused in one language (das/dass, their/there,
        // homophones, letter reversals): data for the writing checker, so
        // every language can have its own list. Keyed by the pair itself.
        let t = "confusion_pairs";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(text("language"))
                .col(text("word_a"))
                .col(text("word_b"))
                // homophone, reversal, grammar, ...
                .col(text_null("category"))
                // How common the confusion is; higher is checked first.
                .col(int("frequency", 0))
                // How to tell the two words apart, shown to the learner.
                .col(text_null("explanation"))
                .col(uuid_null("created_by"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "created_by", "users", SetNull))
                .check(check_lang(t, "language"))
                .check(check_not_blank(t, "word_a"))
                .check(check_not_blank(t, "word_b"))
                .check(check(t, "distinct_words", "word_a <> word_b"))
                .check(check_min(t, "frequency", 0))
                .take(),
        )
        .await?;
        index(m, t, &["language", "word_a", "word_b"], true).await?;
        // Look a pair up from either of its words.
        index(m, t, &["language", "word_b"], false).await?;
        index(m, t, &["language", "category"], false).await?;
        index(m, t, &["created_by"], false).await?;

        // Course grammar_topics: a tree (Cases > Dative > Prepositions with
        // the dative) per target language.
        let t = "grammar_topics";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(text("language"))
                .col(text("slug"))
                // Course `name_de`; `name_en` goes to name_translations.
                .col(text("name"))
                .col(json("name_translations", "{}"))
                .col(text_null("category"))
                .col(text_null("subcategory"))
                // NULL for a topic that spans levels.
                .col(text_null("cefr_level"))
                // Removing a parent lifts its children to the top level.
                .col(uuid_null("parent_id"))
                .col(int("order_index", 0))
                .col(text_null("description"))
                .col(text_null("explanation"))
                .col(json("explanation_translations", "{}"))
                .col(text_default("status", "published"))
                .col(uuid_null("created_by"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "parent_id", t, SetNull))
                .foreign_key(&mut fk(t, "created_by", "users", SetNull))
                .check(check_lang(t, "language"))
                .check(check_slug(t, "slug"))
                .check(check_not_blank(t, "name"))
                .check(check_cefr(t, "cefr_level"))
                .check(check(t, "not_own_parent", "parent_id <> id"))
                .check(check_min(t, "order_index", 0))
                .check(check_in(t, "status", CONTENT_STATUSES))
                .take(),
        )
        .await?;
        index(m, t, &["language", "slug"], true).await?;
        index(m, t, &["language", "cefr_level"], false).await?;
        index(m, t, &["language", "category"], false).await?;
        index(m, t, &["parent_id", "order_index"], false).await?;
        index(m, t, &["created_by"], false).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            m,
            &[
                "grammar_topics",
                "confusion_pairs",
                "word_examples",
                "word_relations",
                "word_levels",
                "word_forms",
                "word_meanings",
                "words",
            ],
        )
        .await
    }
}
