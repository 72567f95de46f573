//! Learning activity: each learner's spaced-repetition cards and the log of
//! every review, their fitted FSRS parameters, word and grammar progress,
//! vocabulary lists, assessment attempts and lesson progress.
//!
//! Rows here belong to a learner and go with them (`fk_user`, cascade).
//! References into the catalog (words, grammar topics, exercises, lessons,
//! courses, assessments) are ON DELETE RESTRICT (`fk_restrict`): content a
//! learner has used is archived, never deleted from under their history.
//! The learner's runs (flashcard sessions, quizzes, practice sessions and
//! their exercise attempts) are in m0005 beside the conversations, because
//! a practice session can be started by a conversation.

use crate::ddl::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0004_learning"
    }
}

const ITEM_TYPES: &[&str] = &["word", "grammar_topic", "exercise", "custom"];
const ALGORITHMS: &[&str] = &["fsrs", "sm2", "backoff"];
const CARD_STATES: &[&str] = &["new", "learning", "review", "relearning"];
const REVIEW_KINDS: &[&str] = &["flashcard", "quiz", "exercise", "conversation", "reading"];
const ASSESSMENT_KINDS: &[&str] = &[
    "placement",
    "vocabulary",
    "grammar",
    "comprehensive",
    "diagnostic",
];
const LESSON_STATUSES: &[&str] = &["not_started", "in_progress", "completed"];

/// The card's item type matches exactly one reference: a word card has only
/// `word_id`, ..., and a custom card has no reference but its own front and
/// back text. Every comparison is parenthesised because `IS` binds more
/// loosely than `=` on PostgreSQL.
const CARD_ITEM_MATCH: &str = "((word_id IS NOT NULL) = (item_type = 'word')) \
     AND ((grammar_topic_id IS NOT NULL) = (item_type = 'grammar_topic')) \
     AND ((exercise_id IS NOT NULL) = (item_type = 'exercise')) \
     AND ((front IS NOT NULL) = (item_type = 'custom')) \
     AND ((back IS NOT NULL) = (item_type = 'custom'))";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One learner's spaced-repetition state for one item.
        let t = "cards";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                // The target language, so that the due queue of one language
                // needs no join (and custom cards have one too).
                .col(text("language"))
                .col(text("item_type"))
                .col(uuid_null("word_id"))
                .col(uuid_null("grammar_topic_id"))
                .col(uuid_null("exercise_id"))
                .col(text_null("front"))
                .col(text_null("back"))
                .col(text_default("algorithm", "fsrs"))
                .col(text_default("state", "new"))
                // A new card is due at once.
                .col(ts_now("due"))
                // FSRS memory state; unknown until the first review.
                .col(double_null("stability"))
                .col(double_null("difficulty"))
                // SM-2 ease factor (its floor is 1.3).
                .col(double("ease_factor", 2.5))
                .col(int("interval_days", 0))
                .col(int("reps", 0))
                .col(int("lapses", 0))
                .col(int("streak", 0))
                // 0-1; the course's vocabulary levels 0-5 map to level / 5.
                .col(double("mastery", 0.0))
                .col(double("confidence", 0.0))
                .col(int("correct_count", 0))
                .col(int("incorrect_count", 0))
                .col(text_null("personal_note"))
                .col(boolean("suspended", false))
                .col(ts_null("buried_until"))
                .col(boolean("is_leech", false))
                .col(ts_null("first_reviewed_at"))
                .col(ts_null("last_reviewed_at"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .foreign_key(&mut fk_restrict(t, "word_id", "words"))
                .foreign_key(&mut fk_restrict(t, "grammar_topic_id", "grammar_topics"))
                .foreign_key(&mut fk_restrict(t, "exercise_id", "exercises"))
                .check(check_lang(t, "language"))
                .check(check_in(t, "item_type", ITEM_TYPES))
                .check(check(t, "item_match", CARD_ITEM_MATCH))
                .check(check_not_blank(t, "front"))
                .check(check_not_blank(t, "back"))
                .check(check_in(t, "algorithm", ALGORITHMS))
                .check(check_in(t, "state", CARD_STATES))
                .check(check(t, "stability", "stability > 0"))
                .check(check_range(t, "difficulty", 1.0, 10.0))
                .check(check(t, "ease_factor", "ease_factor >= 1.3"))
                .check(check_min(t, "interval_days", 0))
                .check(check_min(t, "reps", 0))
                .check(check_min(t, "lapses", 0))
                .check(check_min(t, "streak", 0))
                .check(check_range(t, "mastery", 0.0, 1.0))
                .check(check_range(t, "confidence", 0.0, 1.0))
                .check(check_min(t, "correct_count", 0))
                .check(check_min(t, "incorrect_count", 0))
                .check(check(
                    t,
                    "reviewed_order",
                    "last_reviewed_at >= first_reviewed_at",
                ))
                .take(),
        )
        .await?;
        // Unique per learner and item; a NULL reference never collides, so
        // each index only constrains the cards of its own item type.
        index(m, t, &["user_id", "word_id"], true).await?;
        index(m, t, &["user_id", "grammar_topic_id"], true).await?;
        index(m, t, &["user_id", "exercise_id"], true).await?;
        index(m, t, &["user_id", "due"], false).await?;
        index(m, t, &["user_id", "state"], false).await?;
        index(m, t, &["word_id"], false).await?;
        index(m, t, &["grammar_topic_id"], false).await?;
        index(m, t, &["exercise_id"], false).await?;

        // Every answer given to a card: what the scheduler's optimizer
        // learns from.
        let t = "reviews";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("card_id"))
                .col(uuid("user_id"))
                // The client's idempotency key: a retried submission finds
                // its first row instead of counting twice. NULL for reviews
                // the server records itself or imports.
                .col(uuid_null("client_id"))
                .col(int_req("rating"))
                .col(text_default("review_kind", "flashcard"))
                .col(ColumnDef::new("was_correct").boolean().not_null().take())
                // The learner's own 1-5 rating, when asked.
                .col(int_null("confidence"))
                .col(int_null("time_spent_ms"))
                .col(int("elapsed_days", 0))
                .col(int("scheduled_days", 0))
                // NULL for imported history that did not record states.
                .col(text_null("state_before"))
                .col(text_null("state_after"))
                .col(ts_now("reviewed_at"))
                // When the server stored it (later than reviewed_at for
                // reviews made offline).
                .col(ts_now("created_at"))
                .foreign_key(&mut fk(t, "card_id", "cards", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_range(t, "rating", 1.0, 4.0))
                .check(check_in(t, "review_kind", REVIEW_KINDS))
                .check(check_range(t, "confidence", 1.0, 5.0))
                .check(check_min(t, "time_spent_ms", 0))
                .check(check_min(t, "elapsed_days", 0))
                .check(check_min(t, "scheduled_days", 0))
                .check(check_in(t, "state_before", CARD_STATES))
                .check(check_in(t, "state_after", CARD_STATES))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "client_id"], true).await?;
        index(m, t, &["user_id", "reviewed_at"], false).await?;
        index(m, t, &["card_id", "reviewed_at"], false).await?;

        // FSRS parameters fitted to one learner's reviews, kept per fit so
        // that a worse fit can be rolled back; `in_use` marks the active one.
        let t = "fsrs_parameters";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                // The JSON array of model weights.
                .col(ColumnDef::new("parameters").json_binary().not_null().take())
                .col(ts_now("fitted_at"))
                .col(int("review_count", 0))
                .col(double_null("log_loss_before"))
                .col(double_null("log_loss_after"))
                .col(double_null("rmse_before"))
                .col(double_null("rmse_after"))
                .col(boolean("in_use", false))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_min(t, "review_count", 0))
                .check(check(t, "log_loss_before", "log_loss_before >= 0"))
                .check(check(t, "log_loss_after", "log_loss_after >= 0"))
                .check(check(t, "rmse_before", "rmse_before >= 0"))
                .check(check(t, "rmse_after", "rmse_after >= 0"))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "fitted_at"], false).await?;
        // At most one parameter set in use per learner.
        index_where(
            m,
            "ux_fsrs_parameters_user_id_in_use",
            t,
            &["user_id"],
            true,
            "in_use",
        )
        .await?;

        // Words met in conversation and reading (not drilled as cards).
        let t = "word_progress";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(uuid("word_id"))
                // Copied from the word so that per-language lists need no join.
                .col(text("language"))
                .col(int("times_encountered", 0))
                .col(int("times_used_correctly", 0))
                .col(double("mastery_score", 0.0))
                .col(ts_null("first_encountered_at"))
                .col(ts_null("last_encountered_at"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .foreign_key(&mut fk_restrict(t, "word_id", "words"))
                .check(check_lang(t, "language"))
                .check(check_min(t, "times_encountered", 0))
                .check(check_min(t, "times_used_correctly", 0))
                .check(check_range(t, "mastery_score", 0.0, 100.0))
                .check(check(
                    t,
                    "encountered_order",
                    "last_encountered_at >= first_encountered_at",
                ))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "word_id"], true).await?;
        index(m, t, &["user_id", "language", "mastery_score"], false).await?;
        index(m, t, &["word_id"], false).await?;

        // Aggregate results per grammar topic; the topic's review schedule
        // is a card with item_type 'grammar_topic'.
        let t = "grammar_progress";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(uuid("grammar_topic_id"))
                .col(int("exercises_attempted", 0))
                .col(int("exercises_correct", 0))
                .col(int("exercises_incorrect", 0))
                .col(double("mastery", 0.0))
                .col(json("weak_subtopics", "[]"))
                .col(text_null("notes"))
                .col(ts_null("last_practiced_at"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .foreign_key(&mut fk_restrict(t, "grammar_topic_id", "grammar_topics"))
                .check(check_min(t, "exercises_attempted", 0))
                .check(check_min(t, "exercises_correct", 0))
                .check(check_min(t, "exercises_incorrect", 0))
                .check(check(
                    t,
                    "answered_le_attempted",
                    "exercises_correct + exercises_incorrect <= exercises_attempted",
                ))
                .check(check_range(t, "mastery", 0.0, 1.0))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "grammar_topic_id"], true).await?;
        index(m, t, &["user_id", "mastery"], false).await?;
        index(m, t, &["grammar_topic_id"], false).await?;

        let t = "vocabulary_lists";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("name"))
                .col(text_null("description"))
                // NULL for a list that mixes languages.
                .col(text_null("language"))
                .col(boolean("is_public", false))
                .col(text_null("color"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_not_blank(t, "name"))
                .check(check_lang(t, "language"))
                .take(),
        )
        .await?;
        index(m, t, &["user_id"], false).await?;

        let t = "vocabulary_list_words";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("list_id"))
                .col(uuid("word_id"))
                .col(int("position", 0))
                .col(text_null("notes"))
                .col(ts_now("added_at"))
                .foreign_key(&mut fk(
                    t,
                    "list_id",
                    "vocabulary_lists",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk_restrict(t, "word_id", "words"))
                .check(check_min(t, "position", 0))
                .take(),
        )
        .await?;
        index(m, t, &["list_id", "word_id"], true).await?;
        index(m, t, &["word_id"], false).await?;

        // A placement, diagnostic or other assessment taken by a learner.
        // The course's diagnostic tests have no catalog assessment, so the
        // reference is optional and `kind` says what was taken.
        let t = "assessment_attempts";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(uuid_null("assessment_id"))
                .col(text("language"))
                .col(text_default("kind", "placement"))
                // 0-100; NULL while the attempt is in progress.
                .col(double_null("score"))
                .col(int_req("total_questions"))
                .col(int("correct_answers", 0))
                // The level the attempt placed the learner at.
                .col(text_null("result_level"))
                .col(json("answers", "{}"))
                .col(json("topic_scores", "{}"))
                .col(json("weak_areas", "[]"))
                .col(json("strong_areas", "[]"))
                .col(json("recommended_path", "[]"))
                .col(ts_now("started_at"))
                .col(ts_null("completed_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .foreign_key(&mut fk_restrict(t, "assessment_id", "assessments"))
                .check(check_lang(t, "language"))
                .check(check_in(t, "kind", ASSESSMENT_KINDS))
                .check(check_range(t, "score", 0.0, 100.0))
                .check(check_min(t, "total_questions", 1))
                .check(check_min(t, "correct_answers", 0))
                .check(check(
                    t,
                    "correct_le_total",
                    "correct_answers <= total_questions",
                ))
                .check(check_cefr(t, "result_level"))
                .check(check(t, "completed_order", "completed_at >= started_at"))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "started_at"], false).await?;
        index(m, t, &["assessment_id"], false).await?;

        // A learner's progress through one lesson, optionally within a course.
        let t = "lesson_progress";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(uuid("lesson_id"))
                .col(uuid_null("course_id"))
                // The item the learner stopped at.
                .col(uuid_null("current_item_id"))
                .col(text_default("status", "not_started"))
                .col(double("percent_complete", 0.0))
                .col(int_null("last_position"))
                .col(text_null("notes"))
                .col(json("meta", "{}"))
                .col(ts_null("started_at"))
                .col(ts_null("completed_at"))
                .col(ts_now("last_accessed_at"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .foreign_key(&mut fk_restrict(t, "lesson_id", "lessons"))
                .foreign_key(&mut fk_restrict(t, "course_id", "courses"))
                // Only a bookmark: editing a lesson's items must stay possible.
                .foreign_key(&mut fk(
                    t,
                    "current_item_id",
                    "lesson_items",
                    ForeignKeyAction::SetNull,
                ))
                .check(check_in(t, "status", LESSON_STATUSES))
                .check(check_range(t, "percent_complete", 0.0, 100.0))
                .check(check_min(t, "last_position", 0))
                .check(check(t, "completed_order", "completed_at >= started_at"))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "lesson_id"], true).await?;
        index(m, t, &["lesson_id"], false).await?;
        index(m, t, &["course_id"], false).await?;
        index(m, t, &["current_item_id"], false).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            m,
            &[
                "lesson_progress",
                "assessment_attempts",
                "vocabulary_list_words",
                "vocabulary_lists",
                "grammar_progress",
                "word_progress",
                "fsrs_parameters",
                "reviews",
                "cards",
            ],
        )
        .await
    }
}
