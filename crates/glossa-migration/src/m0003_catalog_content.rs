//! Catalog, content: grammar rules, exercises, courses of lessons with
//! their items, conversation scenarios, assessments with their questions,
//! and achievement definitions. The grammar topic tree they point at is
//! created in m0002.
//!
//! Every top-level table carries a `slug` unique per language (achievements,
//! which have no language, globally), the key content packs import by, and
//! `created_by`, which forgets its author when the user is deleted.
//! Columns are in the target language; their translations into learner
//! languages are JSON objects keyed by ISO 639-1 code in a `<column>_translations`
//! column (`explanation_translations = {"it": "..."}` for the course seed's
//! `explanation_it`), so a new learner language needs no migration.
//! The seeds' `is_active` flags become `status` (draft/published/archived;
//! an inactive row is `archived`). Exercises, scenarios and assessments,
//! active on insert in the seeds, default to `published`; courses and
//! lessons, which the memory seed publishes explicitly, to `draft`.

use crate::ddl::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::ForeignKeyAction::{Cascade, SetNull};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0003_catalog_content"
    }
}

/// What a lesson teaches (tutor vocabulary/grammar, plus reading and
/// conversation lessons).
const LESSON_TYPES: &[&str] = &["vocabulary", "grammar", "reading", "conversation"];

/// What a lesson item shows (tutor item types, the memory seed's free text,
/// and grammar rules).
const ITEM_TYPES: &[&str] = &[
    "text",
    "word",
    "phrase",
    "exercise",
    "example",
    "grammar_rule",
];

/// The course seed's five exercise types plus matching (its quizzes).
const EXERCISE_TYPES: &[&str] = &[
    "fill_blank",
    "multiple_choice",
    "translation",
    "error_correction",
    "sentence_building",
    "matching",
];

/// Where an exercise came from.
const SOURCES: &[&str] = &["manual", "ai_generated", "imported"];

/// Tutor assessment types (`cefr_placement` renamed `placement`) and the
/// course seed's diagnostic tests.
const ASSESSMENT_TYPES: &[&str] = &[
    "placement",
    "vocabulary",
    "grammar",
    "comprehensive",
    "diagnostic",
];

/// The tutor seed's question types.
const QUESTION_TYPES: &[&str] = &["multiple_choice", "fill_blank", "translation", "grammar"];

/// Achievement rarity.
const TIERS: &[&str] = &["bronze", "silver", "gold", "platinum"];

/// A multiple-choice question needs a non-empty array of `options`, whose
/// type is in `type_column`. `options` is jsonb on PostgreSQL and text on
/// SQLite; comparing with the literal `'[]'` works on both (the application
/// writes compact JSON).
fn options_required(type_column: &str) -> String {
    format!("{type_column} <> 'multiple_choice' OR (options IS NOT NULL AND options <> '[]')")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Memory hikmah_trees: a course is a tree of lessons.
        let t = "courses";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(text("language"))
                .col(text("slug"))
                .col(text("title"))
                .col(text_null("summary"))
                .col(json("tags", "[]"))
                .col(text_null("cefr_level"))
                // The memory seed's 1-10 difficulty scale, kept as given.
                .col(int_null("skill_level"))
                // hikmah_trees.meta
                .col(json("metadata", "{}"))
                // Authored content starts unpublished (memory seed workflow).
                .col(text_default("status", "draft"))
                .col(ts_null("published_at"))
                .col(uuid_null("created_by"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "created_by", "users", SetNull))
                .check(check_lang(t, "language"))
                .check(check_slug(t, "slug"))
                .check(check_not_blank(t, "title"))
                .check(check_cefr(t, "cefr_level"))
                .check(check_range(t, "skill_level", 1.0, 10.0))
                .check(check_in(t, "status", CONTENT_STATUSES))
                .take(),
        )
        .await?;
        index(m, t, &["language", "slug"], true).await?;
        index(m, t, &["language", "cefr_level"], false).await?;
        index(m, t, &["status"], false).await?;
        index(m, t, &["created_by"], false).await?;

        // Memory lessons merged with tutor lessons. The author is
        // `created_by` (memory author_user_id); tutor `is_active` is status.
        let t = "lessons";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(text("language"))
                .col(text("slug"))
                .col(text("lesson_type"))
                .col(text("title"))
                .col(text_null("summary"))
                .col(text_null("description"))
                .col(json("tags", "[]"))
                .col(text_default("cefr_level", "A1"))
                .col(int_null("estimated_minutes"))
                // A lesson may stand alone; deleting its course keeps it.
                .col(uuid_null("course_id"))
                // Tutor order_index and memory order_position.
                .col(int("order_index", 0))
                .col(text_default("status", "draft"))
                .col(ts_null("published_at"))
                .col(uuid_null("created_by"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "course_id", "courses", SetNull))
                .foreign_key(&mut fk(t, "created_by", "users", SetNull))
                .check(check_lang(t, "language"))
                .check(check_slug(t, "slug"))
                .check(check_in(t, "lesson_type", LESSON_TYPES))
                .check(check_not_blank(t, "title"))
                .check(check_cefr(t, "cefr_level"))
                .check(check_min(t, "estimated_minutes", 1))
                .check(check_min(t, "order_index", 0))
                .check(check_in(t, "status", CONTENT_STATUSES))
                .take(),
        )
        .await?;
        index(m, t, &["language", "slug"], true).await?;
        index(m, t, &["language", "cefr_level"], false).await?;
        index(m, t, &["status"], false).await?;
        index(m, t, &["course_id", "order_index"], false).await?;
        index(m, t, &["created_by"], false).await?;

        // Tutor grammar_rules, reusable: linked to a lesson and a topic, and
        // kept (unlinked) when either goes away.
        let t = "grammar_rules";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(text("language"))
                .col(text("slug"))
                .col(text("title"))
                .col(text("description"))
                // Array of example sentences.
                .col(json("examples", "[]"))
                .col(text_default("cefr_level", "A1"))
                .col(uuid_null("lesson_id"))
                .col(uuid_null("grammar_topic_id"))
                .col(uuid_null("created_by"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "lesson_id", "lessons", SetNull))
                .foreign_key(&mut fk(t, "grammar_topic_id", "grammar_topics", SetNull))
                .foreign_key(&mut fk(t, "created_by", "users", SetNull))
                .check(check_lang(t, "language"))
                .check(check_slug(t, "slug"))
                .check(check_not_blank(t, "title"))
                .check(check_not_blank(t, "description"))
                .check(check_cefr(t, "cefr_level"))
                .take(),
        )
        .await?;
        index(m, t, &["language", "slug"], true).await?;
        index(m, t, &["language", "cefr_level"], false).await?;
        index(m, t, &["lesson_id"], false).await?;
        index(m, t, &["grammar_topic_id"], false).await?;
        index(m, t, &["created_by"], false).await?;

        // Course grammar_exercises and tutor lesson exercises.
        let t = "exercises";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(text("language"))
                .col(text("slug"))
                .col(uuid_null("grammar_topic_id"))
                .col(text("exercise_type"))
                .col(text_null("cefr_level"))
                .col(text("question_text"))
                // Choices of a multiple-choice exercise (taken out of the
                // course seed's question_data so that a CHECK can see them).
                .col(json_null("options"))
                // Blanks, word bank, pairs: data specific to the type.
                .col(json("question_data", "{}"))
                .col(text("correct_answer"))
                .col(json("alternative_answers", "[]"))
                // Progressive hints, first shown first.
                .col(json("hints", "[]"))
                // Course explanation_de; explanation_it is a translation.
                .col(text_null("explanation"))
                .col(json("explanation_translations", "{}"))
                // Course context_category: business, daily, general.
                .col(text_null("category"))
                .col(text_default("source", "manual"))
                .col(json("metadata", "{}"))
                .col(text_default("status", "published"))
                .col(uuid_null("created_by"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "grammar_topic_id", "grammar_topics", SetNull))
                .foreign_key(&mut fk(t, "created_by", "users", SetNull))
                .check(check_lang(t, "language"))
                .check(check_slug(t, "slug"))
                .check(check_in(t, "exercise_type", EXERCISE_TYPES))
                .check(check_cefr(t, "cefr_level"))
                .check(check_not_blank(t, "question_text"))
                .check(check_not_blank(t, "correct_answer"))
                .check(check(
                    t,
                    "options_required",
                    &options_required("exercise_type"),
                ))
                .check(check_in(t, "source", SOURCES))
                .check(check_in(t, "status", CONTENT_STATUSES))
                .take(),
        )
        .await?;
        index(m, t, &["language", "slug"], true).await?;
        index(m, t, &["language", "cefr_level"], false).await?;
        index(m, t, &["language", "category"], false).await?;
        index(m, t, &["language", "exercise_type"], false).await?;
        index(m, t, &["grammar_topic_id"], false).await?;
        index(m, t, &["created_by"], false).await?;

        // Memory lesson_content and tutor lesson_items: the ordered steps of
        // one lesson, deleted with it. An item may point at a word, exercise
        // or grammar rule; `content` keeps its text so the item still reads
        // if that target is deleted (and its link set to NULL).
        let t = "lesson_items";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("lesson_id"))
                .col(text("item_type"))
                .col(text("content"))
                // Tutor metadata and memory meta.
                .col(json("metadata", "{}"))
                .col(int("order_index", 0))
                .col(uuid_null("word_id"))
                .col(uuid_null("exercise_id"))
                .col(uuid_null("grammar_rule_id"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "lesson_id", "lessons", Cascade))
                .foreign_key(&mut fk(t, "word_id", "words", SetNull))
                .foreign_key(&mut fk(t, "exercise_id", "exercises", SetNull))
                .foreign_key(&mut fk(t, "grammar_rule_id", "grammar_rules", SetNull))
                .check(check_in(t, "item_type", ITEM_TYPES))
                .check(check_not_blank(t, "content"))
                .check(check_min(t, "order_index", 0))
                .take(),
        )
        .await?;
        index(m, t, &["lesson_id", "order_index"], false).await?;
        index(m, t, &["word_id"], false).await?;
        index(m, t, &["exercise_id"], false).await?;
        index(m, t, &["grammar_rule_id"], false).await?;

        // Course contexts: role-play settings for the AI tutor.
        let t = "scenarios";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(text("language"))
                .col(text("slug"))
                .col(text("name"))
                // business, daily, finance, social
                .col(text_null("category"))
                .col(text_null("cefr_level"))
                .col(text_null("description"))
                .col(text("system_prompt"))
                // Array of word ids (course suggested_vocab) the tutor should
                // use; resolved by the API, so no foreign key.
                .col(json("suggested_words", "[]"))
                .col(text_default("status", "published"))
                .col(uuid_null("created_by"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "created_by", "users", SetNull))
                .check(check_lang(t, "language"))
                .check(check_slug(t, "slug"))
                .check(check_not_blank(t, "name"))
                .check(check_cefr(t, "cefr_level"))
                .check(check_not_blank(t, "system_prompt"))
                .check(check_in(t, "status", CONTENT_STATUSES))
                .take(),
        )
        .await?;
        index(m, t, &["language", "slug"], true).await?;
        index(m, t, &["language", "cefr_level"], false).await?;
        index(m, t, &["language", "category"], false).await?;
        index(m, t, &["created_by"], false).await?;

        // Tutor assessments (placement, vocabulary, grammar, comprehensive)
        // and the course seed's diagnostic tests.
        let t = "assessments";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(text("language"))
                .col(text("slug"))
                .col(text("assessment_type"))
                .col(text("title"))
                .col(text_null("description"))
                // The target level.
                .col(text("cefr_level"))
                .col(int_null("duration_minutes"))
                .col(text_default("status", "published"))
                .col(uuid_null("created_by"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "created_by", "users", SetNull))
                .check(check_lang(t, "language"))
                .check(check_slug(t, "slug"))
                .check(check_in(t, "assessment_type", ASSESSMENT_TYPES))
                .check(check_not_blank(t, "title"))
                .check(check_cefr(t, "cefr_level"))
                .check(check_min(t, "duration_minutes", 1))
                .check(check_in(t, "status", CONTENT_STATUSES))
                .take(),
        )
        .await?;
        index(m, t, &["language", "slug"], true).await?;
        index(m, t, &["language", "cefr_level"], false).await?;
        index(m, t, &["language", "assessment_type"], false).await?;
        index(m, t, &["created_by"], false).await?;

        // The questions of one assessment, deleted with it.
        let t = "assessment_questions";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("assessment_id"))
                .col(text("question_type"))
                .col(text("question_text"))
                .col(text("correct_answer"))
                // Array of choices; required for multiple choice.
                .col(json_null("options"))
                .col(int("points", 1))
                .col(int("order_index", 0))
                // The topic a question tests, for per-topic scores (course
                // diagnostic_tests.topic_scores).
                .col(uuid_null("grammar_topic_id"))
                .col(text_null("cefr_level"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "assessment_id", "assessments", Cascade))
                .foreign_key(&mut fk(t, "grammar_topic_id", "grammar_topics", SetNull))
                .check(check_cefr(t, "cefr_level"))
                .check(check_in(t, "question_type", QUESTION_TYPES))
                .check(check_not_blank(t, "question_text"))
                .check(check_not_blank(t, "correct_answer"))
                .check(check(
                    t,
                    "options_required",
                    &options_required("question_type"),
                ))
                .check(check_min(t, "points", 1))
                .check(check_min(t, "order_index", 0))
                .take(),
        )
        .await?;
        index(m, t, &["assessment_id", "order_index"], false).await?;
        index(m, t, &["grammar_topic_id"], false).await?;

        // Course achievements: 31 definitions in four tiers. Not tied to one
        // language, so the slug is unique on its own.
        let t = "achievements";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(text("slug"))
                .col(text("name"))
                .col(text_null("description"))
                // conversation, grammar, vocabulary, activity
                .col(text_null("category"))
                .col(text_null("badge_icon"))
                .col(text_null("badge_color"))
                // sessions_count, words_learned, streak, mastery, ...: the
                // rules engine owns the list, so no CHECK here.
                .col(text("criteria_type"))
                .col(int("criteria_value", 1))
                .col(json("criteria_metadata", "{}"))
                .col(text_default("tier", "bronze"))
                .col(int("points", 0))
                .col(boolean("is_active", true))
                .col(uuid_null("created_by"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk(t, "created_by", "users", SetNull))
                .check(check_slug(t, "slug"))
                .check(check_not_blank(t, "name"))
                .check(check_not_blank(t, "criteria_type"))
                .check(check_min(t, "criteria_value", 0))
                .check(check_in(t, "tier", TIERS))
                .check(check_min(t, "points", 0))
                .take(),
        )
        .await?;
        index(m, t, &["slug"], true).await?;
        index(m, t, &["name"], true).await?;
        index(m, t, &["category"], false).await?;
        index(m, t, &["created_by"], false).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            m,
            &[
                "achievements",
                "assessment_questions",
                "assessments",
                "scenarios",
                "lesson_items",
                "exercises",
                "grammar_rules",
                "lessons",
                "courses",
            ],
        )
        .await
    }
}
