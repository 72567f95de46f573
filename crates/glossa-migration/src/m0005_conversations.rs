//! Conversations with the AI tutor and their messages, and the learner's
//! runs: practice sessions with each exercise attempt, flashcard sessions
//! and quizzes.
//!
//! Every run is kept in the database (never in process memory), so that any
//! server process can continue it. The runs are here rather than in m0004
//! because a practice session can be started by a conversation, and the
//! conversations table must exist before a foreign key can point at it.

use crate::ddl::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0005_conversations"
    }
}

/// A role-play in a catalog scenario (course sessions), free conversation
/// with the tutor (tutor conversations), or open chat (chat sessions).
const CONVERSATION_KINDS: &[&str] = &["scenario", "free", "chat"];
const ROLES: &[&str] = &["user", "assistant", "system"];
/// Every run is active until it is finished or given up.
const RUN_STATUSES: &[&str] = &["active", "completed", "abandoned"];
const PRACTICE_KINDS: &[&str] = &["drill", "diagnostic", "review", "conversation_triggered"];
const QUIZ_TYPES: &[&str] = &["multiple_choice", "fill_blank", "matching"];

/// An active run has no end time; a finished or abandoned one has.
const RUN_ENDED: &str = "(status = 'active') = (completed_at IS NULL)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let t = "conversations";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("language"))
                // CEFR level the tutor speaks at; NULL for open chat.
                .col(text_null("cefr_level"))
                .col(uuid_null("scenario_id"))
                .col(text_null("title"))
                .col(text_default("kind", "free"))
                .col(ts_now("started_at"))
                .col(ts_null("ended_at"))
                .col(int("turn_count", 0))
                .col(int("error_count", 0))
                // 0-1 scores the tutor gives the whole conversation.
                .col(double_null("vocabulary_score"))
                .col(double_null("fluency_score"))
                .col(double_null("overall_score"))
                .col(text_null("model"))
                .col(text_null("summary"))
                .col(json("metadata", "{}"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                // A retired scenario leaves the conversation in place.
                .foreign_key(&mut fk(
                    t,
                    "scenario_id",
                    "scenarios",
                    ForeignKeyAction::SetNull,
                ))
                .check(check_lang(t, "language"))
                .check(check_cefr(t, "cefr_level"))
                .check(check_in(t, "kind", CONVERSATION_KINDS))
                .check(check(t, "ended_order", "ended_at >= started_at"))
                .check(check_min(t, "turn_count", 0))
                .check(check_min(t, "error_count", 0))
                .check(check_range(t, "vocabulary_score", 0.0, 1.0))
                .check(check_range(t, "fluency_score", 0.0, 1.0))
                .check(check_range(t, "overall_score", 0.0, 1.0))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "started_at"], false).await?;
        index(m, t, &["scenario_id"], false).await?;

        let t = "messages";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("conversation_id"))
                .col(int_req("turn_number"))
                .col(text("role"))
                .col(text("content"))
                .col(text_null("audio_path"))
                // The tutor's analysis of a learner turn.
                .col(json_null("corrections"))
                .col(text_null("feedback"))
                .col(json("vocabulary_used", "[]"))
                .col(json_null("evaluation"))
                // What produced an assistant turn.
                .col(text_null("model_name"))
                .col(int_null("prompt_tokens"))
                .col(int_null("completion_tokens"))
                .col(int_null("latency_ms"))
                // How the assistant framed it (the chat seed's AI Core
                // metadata, all versions).
                .col(text_null("persona"))
                .col(text_null("tone"))
                .col(text_null("behavior"))
                .col(text_null("context_type"))
                .col(double_null("confidence"))
                .col(double_null("signal_strength"))
                // NULL when not classified.
                .col(ColumnDef::new("context_clarity").boolean().null().take())
                .col(boolean("needs_knowledge", false))
                // An operator's flag on a wrong answer.
                .col(boolean("is_mistake", false))
                .col(text_null("mistake_note"))
                .col(json("metadata", "{}"))
                .col(ts_now("created_at"))
                .foreign_key(&mut fk(
                    t,
                    "conversation_id",
                    "conversations",
                    ForeignKeyAction::Cascade,
                ))
                .check(check_min(t, "turn_number", 0))
                .check(check_in(t, "role", ROLES))
                .check(check_not_blank(t, "content"))
                .check(check_not_blank(t, "audio_path"))
                .check(check_min(t, "prompt_tokens", 0))
                .check(check_min(t, "completion_tokens", 0))
                .check(check_min(t, "latency_ms", 0))
                .check(check_range(t, "confidence", 0.0, 1.0))
                .check(check_range(t, "signal_strength", 0.0, 1.0))
                .take(),
        )
        .await?;
        // Orders the turns and forbids two messages with one turn number.
        index(m, t, &["conversation_id", "turn_number"], true).await?;
        // The operators' review queue: only the few flagged rows.
        index_where(
            m,
            "ix_messages_mistakes_created_at",
            t,
            &["created_at"],
            false,
            "is_mistake",
        )
        .await?;

        // A run of grammar exercises: a drill, a diagnostic, a review, or
        // practice a conversation called for.
        let t = "practice_sessions";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("language"))
                .col(text_default("kind", "drill"))
                .col(text_default("status", "active"))
                // NULL for a run that mixes topics.
                .col(uuid_null("grammar_topic_id"))
                .col(uuid_null("conversation_id"))
                .col(int("total_exercises", 0))
                .col(int("exercises_correct", 0))
                .col(int("exercises_incorrect", 0))
                .col(double_null("accuracy_rate"))
                .col(double_null("completion_rate"))
                .col(json_null("summary"))
                .col(json("metadata", "{}"))
                .col(ts_now("started_at"))
                .col(ts_null("completed_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .foreign_key(&mut fk_restrict(t, "grammar_topic_id", "grammar_topics"))
                // Only the trigger: deleting the conversation keeps the run.
                .foreign_key(&mut fk(
                    t,
                    "conversation_id",
                    "conversations",
                    ForeignKeyAction::SetNull,
                ))
                .check(check_lang(t, "language"))
                .check(check_in(t, "kind", PRACTICE_KINDS))
                .check(check_in(t, "status", RUN_STATUSES))
                .check(check_min(t, "total_exercises", 0))
                .check(check_min(t, "exercises_correct", 0))
                .check(check_min(t, "exercises_incorrect", 0))
                .check(check(
                    t,
                    "answered_le_total",
                    "exercises_correct + exercises_incorrect <= total_exercises",
                ))
                .check(check_range(t, "accuracy_rate", 0.0, 1.0))
                .check(check_range(t, "completion_rate", 0.0, 1.0))
                .check(check(t, "completed_order", "completed_at >= started_at"))
                .check(check(t, "status_ended", RUN_ENDED))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "started_at"], false).await?;
        index(m, t, &["grammar_topic_id"], false).await?;
        index(m, t, &["conversation_id"], false).await?;

        // Each answer to an exercise, inside a practice session or not
        // (an exercise met in a lesson).
        let t = "exercise_attempts";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(uuid_null("practice_session_id"))
                .col(uuid("exercise_id"))
                .col(text("user_answer"))
                .col(ColumnDef::new("is_correct").boolean().not_null().take())
                .col(int_null("time_spent_ms"))
                .col(int("hints_used", 0))
                .col(int("attempt_number", 1))
                .col(text_null("feedback"))
                .col(ts_now("answered_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .foreign_key(&mut fk(
                    t,
                    "practice_session_id",
                    "practice_sessions",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk_restrict(t, "exercise_id", "exercises"))
                .check(check_min(t, "time_spent_ms", 0))
                .check(check_min(t, "hints_used", 0))
                .check(check_min(t, "attempt_number", 1))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "answered_at"], false).await?;
        index(m, t, &["practice_session_id"], false).await?;
        index(m, t, &["exercise_id"], false).await?;

        // A flashcard run.
        let t = "flashcard_sessions";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("language"))
                .col(text_default("status", "active"))
                .col(int_req("total_cards"))
                .col(int("current_index", 0))
                // The cards of the run, in order, as the client shows them.
                .col(json("cards", "[]"))
                .col(boolean("use_spaced_repetition", true))
                // The filters the run was drawn with.
                .col(text_null("category"))
                .col(text_null("cefr_level"))
                .col(ts_now("started_at"))
                .col(ts_null("completed_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_lang(t, "language"))
                .check(check_in(t, "status", RUN_STATUSES))
                .check(check_min(t, "total_cards", 1))
                .check(check_min(t, "current_index", 0))
                .check(check(t, "index_le_total", "current_index <= total_cards"))
                .check(check_cefr(t, "cefr_level"))
                .check(check(t, "completed_order", "completed_at >= started_at"))
                .check(check(t, "status_ended", RUN_ENDED))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "status"], false).await?;

        // A quiz, its questions and the answers given so far.
        let t = "quizzes";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("language"))
                .col(text("quiz_type"))
                .col(text_default("status", "active"))
                .col(int_req("total_questions"))
                .col(int("current_index", 0))
                .col(int("correct_answers", 0))
                // 0-100, set when the quiz is completed.
                .col(double_null("score"))
                .col(json("questions", "[]"))
                .col(json("answers", "[]"))
                .col(text_null("category"))
                .col(text_null("cefr_level"))
                .col(ts_now("started_at"))
                .col(ts_null("completed_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_lang(t, "language"))
                .check(check_in(t, "quiz_type", QUIZ_TYPES))
                .check(check_in(t, "status", RUN_STATUSES))
                .check(check_min(t, "total_questions", 1))
                .check(check_min(t, "current_index", 0))
                .check(check(
                    t,
                    "index_le_total",
                    "current_index <= total_questions",
                ))
                .check(check_min(t, "correct_answers", 0))
                .check(check(
                    t,
                    "correct_le_total",
                    "correct_answers <= total_questions",
                ))
                .check(check_range(t, "score", 0.0, 100.0))
                .check(check_cefr(t, "cefr_level"))
                .check(check(t, "completed_order", "completed_at >= started_at"))
                .check(check(t, "status_ended", RUN_ENDED))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "status"], false).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            m,
            &[
                "quizzes",
                "flashcard_sessions",
                "exercise_attempts",
                "practice_sessions",
                "messages",
                "conversations",
            ],
        )
        .await
    }
}
