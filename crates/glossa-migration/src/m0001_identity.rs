//! Identity: users, their settings, sessions, API tokens, passkeys, the
//! languages they learn, and the shared rate-limit counters.

use crate::ddl::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0001_identity"
    }
}

const ROLES: &[&str] = &["learner", "teacher", "admin"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("users")
                .col(id())
                .col(text("email"))
                .col(text_null("username"))
                .col(text_null("display_name"))
                .col(text_null("password_hash"))
                .col(text_default("role", "learner"))
                .col(text_default("native_language", "en"))
                .col(text_default("timezone", "UTC"))
                .col(boolean("is_active", true))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .col(ts_null("last_login_at"))
                .check(check_in("users", "role", ROLES))
                .check(check_lang("users", "native_language"))
                .check(check("users", "email_lower", "email = lower(email)"))
                .check(check_not_blank("users", "email"))
                .check(check_not_blank("users", "timezone"))
                .take(),
        )
        .await?;
        index(m, "users", &["email"], true).await?;
        index(m, "users", &["username"], true).await?;
        index(m, "users", &["role"], false).await?;

        let t = "user_settings";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                // The writing assistant's settings, with its defaults.
                .col(text_default("language", "en"))
                .col(boolean("mind_map_enabled", true))
                .col(boolean("draft_mode_enabled", true))
                .col(boolean("polish_mode_enabled", true))
                .col(boolean("passive_learning", true))
                .col(boolean("ai_coaching", true))
                .col(boolean("inline_corrections", true))
                .col(boolean("progress_tracking", true))
                .col(boolean("read_aloud", true))
                .col(text_default("theme", "cream"))
                .col(text_default("font", "OpenDyslexic"))
                .col(text_default("page_type", "a4"))
                .col(text_default("view_mode", "paper"))
                .col(int("zoom", 100))
                .col(boolean("show_zoom", false))
                .col(boolean("page_numbers", true))
                .col(int("font_size", 18))
                .col(double("line_spacing", 1.75))
                .col(double("letter_spacing", 0.05))
                .col(boolean("voice_enabled", true))
                .col(boolean("auto_correct", true))
                .col(boolean("focus_mode", false))
                .col(double("tts_speed", 1.0))
                .col(int("correction_aggressiveness", 50))
                .col(boolean("anonymized_data_collection", false))
                .col(boolean("cloud_sync", false))
                .col(boolean("developer_mode", false))
                // What a language learner needs beside them.
                .col(int("daily_goal_xp", 50))
                .col(int("new_cards_per_day", 20))
                .col(int("max_reviews_per_day", 200))
                .col(double("desired_retention", 0.9))
                .col(int("day_start_hour", 4))
                .col(text_null("reminder_time"))
                .col(text_default("ui_language", "en"))
                .col(boolean("high_contrast", false))
                .col(boolean("reduced_motion", false))
                .col(text_null("tts_voice"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_lang(t, "language"))
                .check(check_lang(t, "ui_language"))
                .check(check_in(
                    t,
                    "theme",
                    &["cream", "light", "dark", "sepia", "high_contrast"],
                ))
                .check(check_in(t, "page_type", &["a4", "a5", "letter", "legal"]))
                .check(check_in(t, "view_mode", &["paper", "web", "focus"]))
                .check(check_not_blank(t, "font"))
                .check(check_range(t, "zoom", 25.0, 400.0))
                .check(check_range(t, "font_size", 8.0, 72.0))
                .check(check_range(t, "line_spacing", 1.0, 4.0))
                .check(check_range(t, "letter_spacing", 0.0, 1.0))
                .check(check_range(t, "tts_speed", 0.25, 4.0))
                .check(check_range(t, "correction_aggressiveness", 0.0, 100.0))
                .check(check_range(t, "daily_goal_xp", 1.0, 10000.0))
                .check(check_range(t, "new_cards_per_day", 0.0, 10000.0))
                .check(check_range(t, "max_reviews_per_day", 0.0, 100000.0))
                .check(check_range(t, "desired_retention", 0.7, 0.99))
                .check(check_range(t, "day_start_hour", 0.0, 23.0))
                .take(),
        )
        .await?;
        index(m, t, &["user_id"], true).await?;

        let t = "auth_sessions";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("token_hash"))
                .col(text_null("user_agent"))
                .col(text_null("ip"))
                .col(ts_now("created_at"))
                .col(ts_now("last_seen_at"))
                .col(ts("expires_at"))
                .col(ts_null("revoked_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check(t, "expiry", "expires_at > created_at"))
                .take(),
        )
        .await?;
        index(m, t, &["token_hash"], true).await?;
        index(m, t, &["user_id"], false).await?;
        index(m, t, &["expires_at"], false).await?;

        let t = "api_tokens";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("name"))
                .col(text("token_hash"))
                .col(text("token_prefix"))
                .col(json("scopes", "[]"))
                .col(ts_now("created_at"))
                .col(ts_null("last_used_at"))
                .col(ts_null("expires_at"))
                .col(ts_null("revoked_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_not_blank(t, "name"))
                .take(),
        )
        .await?;
        index(m, t, &["token_hash"], true).await?;
        index(m, t, &["user_id"], false).await?;

        let t = "passkey_credentials";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("credential_id"))
                .col(text("public_key"))
                .col(bigint("sign_count", 0))
                .col(json("transports", "[]"))
                .col(text_null("name"))
                .col(text_null("aaguid"))
                .col(boolean("backup_eligible", false))
                .col(ts_now("created_at"))
                .col(ts_null("last_used_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check(t, "sign_count", "sign_count >= 0"))
                .take(),
        )
        .await?;
        index(m, t, &["credential_id"], true).await?;
        index(m, t, &["user_id"], false).await?;

        let t = "learner_languages";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("language"))
                .col(text_default("cefr_level", "A1"))
                .col(double("proficiency_score", 0.0))
                .col(boolean("is_primary", false))
                .col(ts_null("assessed_at"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_lang(t, "language"))
                .check(check_cefr(t, "cefr_level"))
                .check(check_range(t, "proficiency_score", 0.0, 100.0))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "language"], true).await?;

        // Fixed-window counters shared by every server process, so that a
        // rate limit holds across instances and restarts.
        let t = "rate_limits";
        m.create_table(
            Table::create()
                .table(t)
                .col(ColumnDef::new("key").text().not_null().primary_key())
                .col(ts("window_start"))
                .col(int("hits", 0))
                .check(check(t, "hits", "hits >= 0"))
                .take(),
        )
        .await?;
        index(m, t, &["window_start"], false).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            m,
            &[
                "rate_limits",
                "learner_languages",
                "passkey_credentials",
                "api_tokens",
                "auth_sessions",
                "user_settings",
                "users",
            ],
        )
        .await
    }
}
