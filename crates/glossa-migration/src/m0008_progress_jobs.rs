//! Progress and gamification (aggregate stats, the XP event log, earned
//! achievements, periodic snapshots, weekly leagues) and the `jobs` queue
//! that the server instances share.

use crate::ddl::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::ForeignKeyAction;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0008_progress_jobs"
    }
}

/// The course seed's `user_stats` counters, all `>= 0` and starting at 0.
const STAT_COUNTERS: &[&str] = &[
    "total_study_time_minutes",
    "total_sessions",
    "current_streak_days",
    "longest_streak_days",
    "streak_freezes",
    "conversation_sessions",
    "total_messages_sent",
    "grammar_sessions",
    "grammar_exercises_completed",
    "grammar_exercises_correct",
    "grammar_topics_mastered",
    "vocabulary_words_learned",
    "vocabulary_words_mastered",
    "vocabulary_reviews_completed",
    "vocabulary_reviews_correct",
    "total_achievement_points",
    "achievements_earned",
    "weekly_xp",
];

/// The actions that earn XP (one `activity_events` row each).
const ACTIVITY_KINDS: &[&str] = &[
    "review",
    "flashcard_session",
    "quiz",
    "exercise",
    "practice_session",
    "lesson",
    "conversation",
    "writing",
    "assessment",
    "achievement",
    "daily_goal",
    "streak_bonus",
];

const PERIODS: &[&str] = &["daily", "weekly", "monthly"];

const LEAGUE_TIERS: &[&str] = &["bronze", "silver", "gold", "platinum", "diamond"];

/// The learners in one league group.
const LEAGUE_SIZE: f64 = 30.0;

const JOB_STATUSES: &[&str] = &["queued", "running", "done", "failed"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let t = "user_stats";
        let mut stats = Table::create();
        stats.table(t).col(id()).col(uuid("user_id"));
        for &c in STAT_COUNTERS {
            stats.col(int(c, 0)).check(check_min(t, c, 0));
        }
        stats
            // The learner's local day of the last activity (streaks are
            // counted in local days).
            .col(date_null("last_activity_date"))
            .col(int("average_grammar_accuracy", 0))
            .col(int("average_vocabulary_accuracy", 0))
            .col(bigint("total_xp", 0))
            // Ranks are recomputed periodically; NULL until then.
            .col(int_null("overall_rank"))
            .col(int_null("grammar_rank"))
            .col(int_null("vocabulary_rank"))
            .col(ts_now("created_at"))
            .col(ts_now("updated_at"))
            .foreign_key(&mut fk_user(t, "user_id"))
            .check(check_range(t, "average_grammar_accuracy", 0.0, 100.0))
            .check(check_range(t, "average_vocabulary_accuracy", 0.0, 100.0))
            .check(check_min(t, "total_xp", 0))
            .check(check_min(t, "overall_rank", 1))
            .check(check_min(t, "grammar_rank", 1))
            .check(check_min(t, "vocabulary_rank", 1))
            .check(check(
                t,
                "grammar_correct_le_completed",
                "grammar_exercises_correct <= grammar_exercises_completed",
            ))
            .check(check(
                t,
                "vocabulary_correct_le_completed",
                "vocabulary_reviews_correct <= vocabulary_reviews_completed",
            ))
            .check(check(
                t,
                "streak_le_longest",
                "current_streak_days <= longest_streak_days",
            ));
        m.create_table(stats).await?;
        index(m, t, &["user_id"], true).await?;
        index(m, t, &["total_xp"], false).await?;

        // Each XP-earning action with the learner's local date: the source
        // of streaks, heatmaps and league standings.
        let t = "activity_events";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text("kind"))
                .col(int("xp", 0))
                .col(text_null("language"))
                // The row that earned the XP (review, lesson, ...); no FK
                // because it points into several tables.
                .col(uuid_null("source_id"))
                .col(date("local_date"))
                .col(ts_now("occurred_at"))
                .col(json("metadata", "{}"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_in(t, "kind", ACTIVITY_KINDS))
                .check(check_min(t, "xp", 0))
                .check(check_lang(t, "language"))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "local_date"], false).await?;
        index(m, t, &["local_date"], false).await?;

        let t = "user_achievements";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(uuid("achievement_id"))
                .col(int("progress_value", 0))
                .col(boolean("is_completed", false))
                .col(ts_null("completed_at"))
                .col(boolean("is_showcased", false))
                .col(int("showcase_order", 0))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                // An achievement that learners earned cannot be deleted;
                // deactivate it instead.
                .foreign_key(&mut fk(
                    t,
                    "achievement_id",
                    "achievements",
                    ForeignKeyAction::Restrict,
                ))
                .check(check_min(t, "progress_value", 0))
                .check(check_range(t, "showcase_order", 0.0, 5.0))
                .check(check(
                    t,
                    "completed_at",
                    "is_completed = (completed_at IS NOT NULL)",
                ))
                .check(check(
                    t,
                    "showcase_completed",
                    "NOT is_showcased OR is_completed",
                ))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "achievement_id"], true).await?;
        index(m, t, &["achievement_id"], false).await?;

        let t = "progress_snapshots";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                .col(text_default("period", "weekly"))
                // First local day of the period.
                .col(date("period_start"))
                // The writing assistant's weekly figures.
                .col(int("words_written", 0))
                .col(int("corrections_count", 0))
                .col(double_null("accuracy"))
                .col(json("error_type_breakdown", "{}"))
                .col(json("top_errors", "[]"))
                .col(int("patterns_mastered", 0))
                .col(int("new_patterns", 0))
                // The course's JSON sections.
                .col(json("overall_progress", "{}"))
                .col(json("conversation_stats", "{}"))
                .col(json("grammar_stats", "{}"))
                .col(json("vocabulary_stats", "{}"))
                .col(json("activity_stats", "{}"))
                .col(json("error_analysis", "{}"))
                // The course's summary metrics.
                .col(int_null("overall_score"))
                .col(int("total_sessions", 0))
                .col(int("study_time_minutes", 0))
                .col(ts_now("created_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_in(t, "period", PERIODS))
                .check(check_min(t, "words_written", 0))
                .check(check_min(t, "corrections_count", 0))
                .check(check_range(t, "accuracy", 0.0, 100.0))
                .check(check_min(t, "patterns_mastered", 0))
                .check(check_min(t, "new_patterns", 0))
                .check(check_range(t, "overall_score", 0.0, 100.0))
                .check(check_min(t, "total_sessions", 0))
                .check(check_min(t, "study_time_minutes", 0))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "period", "period_start"], true).await?;

        // Weekly XP leagues: each week learners of one tier are grouped in
        // leagues of 30; at rollover the final rank decides promotion.
        let t = "league_memberships";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(uuid("user_id"))
                // Local Monday the league week starts on.
                .col(date("week_start"))
                .col(text_default("tier", "bronze"))
                .col(int("group_number", 1))
                .col(int("weekly_xp", 0))
                // Set at rollover.
                .col(int_null("final_rank"))
                .col(boolean("promoted", false))
                .col(boolean("demoted", false))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .foreign_key(&mut fk_user(t, "user_id"))
                .check(check_in(t, "tier", LEAGUE_TIERS))
                .check(check_min(t, "group_number", 1))
                .check(check_min(t, "weekly_xp", 0))
                .check(check_range(t, "final_rank", 1.0, LEAGUE_SIZE))
                .check(check(t, "one_outcome", "NOT (promoted AND demoted)"))
                .take(),
        )
        .await?;
        index(m, t, &["user_id", "week_start"], true).await?;
        // A league's standings: everyone in one group of one tier and week.
        index(m, t, &["week_start", "tier", "group_number"], false).await?;

        // Background work claimed with a lease: a worker sets status
        // 'running', locked_by and lease_expires_at in one atomic update;
        // when a lease expires another worker may take the job over.
        let t = "jobs";
        m.create_table(
            Table::create()
                .table(t)
                .col(id())
                .col(text("kind"))
                // Periodic jobs carry a key such as "snapshot:weekly:2025-W02"
                // so that each run is enqueued once however many instances
                // try; one-off jobs leave it NULL.
                .col(text_null("dedupe_key"))
                .col(json("payload", "{}"))
                .col(text_default("status", "queued"))
                .col(ts_now("run_at"))
                .col(int("attempts", 0))
                .col(int("max_attempts", 5))
                .col(text_null("locked_by"))
                .col(ts_null("lease_expires_at"))
                .col(text_null("last_error"))
                .col(ts_now("created_at"))
                .col(ts_now("updated_at"))
                .col(ts_null("finished_at"))
                .check(check_not_blank(t, "kind"))
                .check(check_in(t, "status", JOB_STATUSES))
                .check(check_min(t, "attempts", 0))
                .check(check_min(t, "max_attempts", 1))
                .check(check(t, "attempts_le_max", "attempts <= max_attempts"))
                .check(check(
                    t,
                    "running_lease",
                    "status <> 'running' OR \
                     (locked_by IS NOT NULL AND lease_expires_at IS NOT NULL)",
                ))
                .take(),
        )
        .await?;
        index(m, t, &["dedupe_key"], true).await?;
        // The claim query: due queued jobs, oldest first.
        index(m, t, &["status", "run_at"], false).await?;
        // Finding running jobs whose lease has expired.
        index(m, t, &["status", "lease_expires_at"], false).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            m,
            &[
                "jobs",
                "league_memberships",
                "progress_snapshots",
                "user_achievements",
                "activity_events",
                "user_stats",
            ],
        )
        .await
    }
}
