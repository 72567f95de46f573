//! Corrections and the learner's error profile: every correction made
//! (error_logs), the misspellings and confusions that keep coming back, the
//! words never to flag, and the learner's own writing in nested folders.

use crate::ddl::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::ForeignKeyAction;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0006_writing_corrections"
    }
}

const SEVERITIES: &[&str] = &["minor", "moderate", "major"];

/// Where a correction was made: passive checking while typing, an explicit
/// check, a conversation turn, an exercise answer or a saved document.
const SOURCES: &[&str] = &["passive", "check", "conversation", "exercise", "document"];

/// The writing assistant's modes (see the `*_mode_enabled` settings).
const DOCUMENT_MODES: &[&str] = &["draft", "mind_map", "polish"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One row per correction, from the writing checker and from the
        // tutor's grammar corrections in conversations.
        let t = "error_logs";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("language"))
                .col(text("original"))
                .col(text("corrected"))
                .col(text_null("context"))
                .col(text("error_type"))
                // The course seed grades severity; the writing seed does not,
                // so it stays unknown (NULL) for those rows.
                .col(text_null("severity"))
                .col(double_null("confidence"))
                // NULL while the learner has not answered the suggestion.
                .col(ColumnDef::new("was_accepted").boolean().null().take())
                .col(text_null("explanation"))
                .col(text_null("rule_reference"))
                .col(text_default("source", "check"))
                // The exercise attempt, document, ... the correction came
                // from; no FK because it points into several tables.
                .col(uuid_null("source_id"))
                .col(uuid_null("grammar_topic_id"))
                .col(uuid_null("conversation_id"))
                .col(uuid_null("message_id"))
                .col(ts_now("created_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                // Catalog and conversation rows may go away; the learner's
                // history of corrections stays, only unlinked.
                .foreign_key(&mut fk(
                    t,
                    "grammar_topic_id",
                    "grammar_topics",
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    t,
                    "conversation_id",
                    "conversations",
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    t,
                    "message_id",
                    "messages",
                    ForeignKeyAction::SetNull,
                ))
                .check(check_lang(t, "language"))
                .check(check_not_blank(t, "original"))
                .check(check_not_blank(t, "error_type"))
                .check(check_in(t, "severity", SEVERITIES))
                .check(check_range(t, "confidence", 0.0, 1.0))
                .check(check_in(t, "source", SOURCES))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "created_at"], false).await?;
        index(m, t, &["user_id", "error_type"], false).await?;
        index(m, t, &["source", "source_id"], false).await?;
        index(m, t, &["grammar_topic_id"], false).await?;
        index(m, t, &["conversation_id"], false).await?;
        index(m, t, &["message_id"], false).await?;

        // How often a learner writes one word wrong in one particular way.
        let t = "user_error_patterns";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("language"))
                .col(text("misspelling"))
                .col(text("correction"))
                .col(int("frequency", 1))
                .col(text_default("error_type", "spelling"))
                .col(boolean("improving", false))
                .col(boolean("mastered", false))
                .col(ts_now("first_seen_at"))
                .col(ts_now("last_seen_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_lang(t, "language"))
                .check(check_not_blank(t, "misspelling"))
                .check(check_not_blank(t, "correction"))
                .check(check(t, "changes", "misspelling <> correction"))
                .check(check_min(t, "frequency", 1))
                .check(check_not_blank(t, "error_type"))
                .check(check(t, "seen_order", "last_seen_at >= first_seen_at"))
                .take(),
        )
        .await?;
        index(
            m,
            t,
            &["user_id", "language", "misspelling", "correction"],
            true,
        )
        .await?;

        // Real-word confusions (their/there, das/dass) of one learner.
        let t = "user_confusion_pairs";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("word_a"))
                .col(text("word_b"))
                .col(int("count", 1))
                .col(ts_now("created_at"))
                .col(ts_now("last_confused_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_not_blank(t, "word_a"))
                .check(check_not_blank(t, "word_b"))
                .check(check(t, "distinct_words", "word_a <> word_b"))
                .check(check_min(t, "count", 1))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "word_a", "word_b"], true).await?;

        // Words the checker must never flag for this learner.
        let t = "personal_dictionary";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("language"))
                .col(text("word"))
                .col(ts_now("created_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_lang(t, "language"))
                .check(check_not_blank(t, "word"))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "language", "word"], true).await?;

        // Folders nest; deleting a folder deletes its subfolders (documents
        // in them are kept and move to the top level, see below).
        let t = "folders";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(uuid_null("parent_id"))
                .col(text("name"))
                .col(int("position", 0))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .foreign_key(&mut fk(t, "parent_id", t, ForeignKeyAction::Cascade))
                .check(check_not_blank(t, "name"))
                .check(check(t, "not_own_parent", "parent_id <> id"))
                .check(check_min(t, "position", 0))
                .take(),
        )
        .await?;
        index(m, t, &["user_id"], false).await?;
        index(m, t, &["parent_id"], false).await?;

        let t = "documents";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(uuid_null("folder_id"))
                .col(text_default("title", "Untitled"))
                .col(text_default("content", ""))
                .col(text_default("mode", "draft"))
                // The language the checker uses; NULL means the learner's
                // writing language from their settings.
                .col(text_null("language"))
                .col(int("word_count", 0))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .foreign_key(&mut fk(
                    t,
                    "folder_id",
                    "folders",
                    ForeignKeyAction::SetNull,
                ))
                .check(check_in(t, "mode", DOCUMENT_MODES))
                .check(check_lang(t, "language"))
                .check(check_min(t, "word_count", 0))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "updated_at"], false).await?;
        index(m, t, &["folder_id"], false).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            m,
            &[
                "documents",
                "folders",
                "personal_dictionary",
                "user_confusion_pairs",
                "user_error_patterns",
                "error_logs",
            ],
        )
        .await
    }
}
