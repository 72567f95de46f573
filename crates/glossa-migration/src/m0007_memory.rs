//! The tutor's memory of each learner: a profile, one row per note (so that
//! the learner can read, correct and delete each one), the events the memory
//! agent processed, and its consolidations (merges) of notes.
//!
//! Every table hangs off `users` directly rather than off the profile: the
//! profile is 1:1 with the user, ownership checks are by `user_id`, and
//! deleting the user deletes all of it.

use crate::ddl::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::ForeignKeyAction;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0007_memory"
    }
}

/// The five note lists of the memory seed, one category each.
const NOTE_CATEGORIES: &[&str] = &[
    "learning",
    "interest",
    "knowledge",
    "behavior",
    "preference",
];

const EVENT_STATUSES: &[&str] = &["pending", "processing", "done", "failed"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let t = "memory_profiles";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text_null("display_name"))
                // ISO 639-1 here (the seed stored names such as "english").
                .col(text_default("preferred_language", "en"))
                // NULL means the timezone of the user account.
                .col(text_null("timezone"))
                .col(int("total_interactions", 0))
                .col(ts_null("last_significant_update_at"))
                .col(int("memory_version", 1))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_lang(t, "preferred_language"))
                .check(check_not_blank(t, "timezone"))
                .check(check_min(t, "total_interactions", 0))
                .check(check_min(t, "memory_version", 1))
                .take(),
        )
        .await?;
        index(m, t, &["user_id"], true).await?;

        // Created before memory_notes, which point back at the event that
        // produced them.
        let t = "memory_events";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("event_type"))
                .col(json("event_data", "{}"))
                .col(json_null("trigger_context"))
                // What processing the event added or changed.
                .col(json("notes_added", "[]"))
                .col(json("memory_updates", "[]"))
                .col(text_null("processing_reasoning"))
                .col(text_default("processing_status", "pending"))
                .col(text_null("last_error"))
                .col(ts_now("created_at"))
                .col(ts_null("processed_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_not_blank(t, "event_type"))
                .check(check_in(t, "processing_status", EVENT_STATUSES))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "created_at"], false).await?;
        // The agent picks up unprocessed events oldest first.
        index(m, t, &["processing_status", "created_at"], false).await?;

        let t = "memory_notes";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("category"))
                // The seed's finer label inside a category ("learning_gap").
                .col(text_null("subcategory"))
                .col(text("content"))
                .col(text_null("evidence"))
                .col(double("confidence", 0.5))
                .col(json("tags", "[]"))
                .col(uuid_null("source_event_id"))
                // Notes merged away by a consolidation are deactivated, not
                // deleted, so the consolidation record stays explainable.
                .col(boolean("is_active", true))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .foreign_key(&mut fk(
                    t,
                    "source_event_id",
                    "memory_events",
                    ForeignKeyAction::SetNull,
                ))
                .check(check_in(t, "category", NOTE_CATEGORIES))
                .check(check_not_blank(t, "content"))
                .check(check_range(t, "confidence", 0.0, 1.0))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "category", "is_active"], false).await?;
        index(m, t, &["source_event_id"], false).await?;

        let t = "memory_consolidations";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("consolidation_type"))
                .col(int("notes_before_count", 0))
                .col(int("notes_after_count", 0))
                // Ids and texts of the notes merged, removed and written.
                .col(json("merged_notes", "[]"))
                .col(json("removed_notes", "[]"))
                .col(json("new_summary_notes", "[]"))
                .col(text_null("reasoning"))
                .col(ts_now("created_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_not_blank(t, "consolidation_type"))
                .check(check_min(t, "notes_before_count", 0))
                .check(check_min(t, "notes_after_count", 0))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "created_at"], false).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            m,
            &[
                "memory_consolidations",
                "memory_notes",
                "memory_events",
                "memory_profiles",
            ],
        )
        .await
    }
}
