//! A learner's figures: the `user_stats` row with its streak, and the
//! figures achievement criteria read (stats counters, lessons and perfect
//! sessions from `activity_events`, the highest level of their languages).

use glossa_core::CefrLevel;
use glossa_core::gamification::LearnerFigures;
use glossa_core::progress::Streak;
use sea_orm::{ConnectionTrait, DbBackend};
use serde::Serialize;
use uuid::Uuid;

use super::{one, rows};
use crate::error::StoreResult;

/// The learner's running totals.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Totals {
    /// XP ever.
    pub total_xp: i64,
    /// XP this league week.
    pub weekly_xp: i64,
    /// Achievements earned.
    pub achievements_earned: i32,
    /// Their points.
    pub achievement_points: i32,
    /// Reviews answered.
    pub reviews: i32,
    /// Reviews answered correctly.
    pub reviews_correct: i32,
    /// Words learned.
    pub words_learned: i32,
    /// The stored streak (use `Streak::as_of` for today's figure).
    #[serde(skip)]
    pub streak: Streak,
}

/// The learner's totals (zero before their first activity).
pub async fn totals(db: &impl ConnectionTrait, user: Uuid) -> StoreResult<Totals> {
    let row = one(
        db,
        "SELECT total_xp, weekly_xp, achievements_earned, total_achievement_points, \
         vocabulary_reviews_completed, vocabulary_reviews_correct, vocabulary_words_learned, \
         current_streak_days, longest_streak_days, streak_freezes, last_activity_date \
         FROM user_stats WHERE user_id = $1",
        vec![user.into()],
    )
    .await?;
    let Some(r) = row else {
        return Ok(Totals::default());
    };
    Ok(Totals {
        total_xp: r.try_get("", "total_xp")?,
        weekly_xp: i64::from(r.try_get::<i32>("", "weekly_xp")?),
        achievements_earned: r.try_get("", "achievements_earned")?,
        achievement_points: r.try_get("", "total_achievement_points")?,
        reviews: r.try_get("", "vocabulary_reviews_completed")?,
        reviews_correct: r.try_get("", "vocabulary_reviews_correct")?,
        words_learned: r.try_get("", "vocabulary_words_learned")?,
        streak: Streak {
            current: r.try_get("", "current_streak_days")?,
            longest: r.try_get("", "longest_streak_days")?,
            freezes: r.try_get("", "streak_freezes")?,
            last_active: r.try_get("", "last_activity_date")?,
        },
    })
}

/// The figures achievement criteria read.
pub async fn learner_figures(db: &impl ConnectionTrait, user: Uuid) -> StoreResult<LearnerFigures> {
    let perfect = match db.get_database_backend() {
        DbBackend::Postgres => "(e.metadata->>'score')::float8 >= 1.0",
        _ => "CAST(json_extract(e.metadata, '$.score') AS REAL) >= 1.0",
    };
    let sql = format!(
        "SELECT s.total_sessions, s.conversation_sessions, s.total_messages_sent, s.vocabulary_words_learned, \
         s.vocabulary_words_mastered, s.vocabulary_reviews_completed, s.vocabulary_reviews_correct, \
         s.longest_streak_days, s.grammar_exercises_completed, s.grammar_exercises_correct, \
         s.grammar_topics_mastered, s.total_xp, s.achievements_earned, \
         (SELECT COUNT(*) FROM activity_events e WHERE e.user_id = $1 AND e.kind = 'lesson') AS lessons, \
         (SELECT COUNT(*) FROM activity_events e WHERE e.user_id = $1 AND e.kind IN \
           ('flashcard_session', 'quiz', 'practice_session', 'lesson') AND {perfect}) AS perfect \
         FROM user_stats s WHERE s.user_id = $1"
    );
    let Some(r) = one(db, &sql, vec![user.into()]).await? else {
        return Ok(LearnerFigures::default());
    };
    let i = |col: &str| r.try_get::<i32>("", col).map(i64::from);
    let levels = rows(
        db,
        "SELECT cefr_level FROM learner_languages WHERE user_id = $1",
        vec![user.into()],
    )
    .await?;
    let mut highest: Option<CefrLevel> = None;
    for l in levels {
        let level: String = l.try_get("", "cefr_level")?;
        if let Ok(level) = level.parse::<CefrLevel>() {
            highest = highest.max(Some(level));
        }
    }
    Ok(LearnerFigures {
        sessions: i("total_sessions")?,
        conversations: i("conversation_sessions")?,
        messages_sent: i("total_messages_sent")?,
        words_learned: i("vocabulary_words_learned")?,
        words_mastered: i("vocabulary_words_mastered")?,
        reviews: i("vocabulary_reviews_completed")?,
        reviews_correct: i("vocabulary_reviews_correct")?,
        longest_streak: i("longest_streak_days")?,
        grammar_exercises: i("grammar_exercises_completed")?,
        grammar_correct: i("grammar_exercises_correct")?,
        topics_mastered: i("grammar_topics_mastered")?,
        lessons_completed: r.try_get("", "lessons")?,
        total_xp: r.try_get("", "total_xp")?,
        perfect_sessions: r.try_get("", "perfect")?,
        highest_level: highest,
        achievements_earned: i("achievements_earned")?,
    })
}
