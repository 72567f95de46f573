//! Achievement criteria (`docs/content-packs.md`, "Achievements"): each
//! criteria type reads one figure of the learner; accuracy types need a
//! minimum number of answers before they count.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::CefrLevel;

/// Answers needed before an accuracy achievement counts, unless the
/// criteria's metadata says otherwise (`min_reviews` / `min_exercises`).
pub const DEFAULT_MIN_ANSWERS: i64 = 20;

/// The learner's figures the criteria read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LearnerFigures {
    /// Finished practice sessions of any kind.
    pub sessions: i64,
    /// Conversations held.
    pub conversations: i64,
    /// Messages sent to the tutor.
    pub messages_sent: i64,
    /// Words learned (introduced cards).
    pub words_learned: i64,
    /// Words mastered.
    pub words_mastered: i64,
    /// Reviews answered.
    pub reviews: i64,
    /// Reviews answered correctly.
    pub reviews_correct: i64,
    /// The longest streak in days.
    pub longest_streak: i64,
    /// Grammar exercises done.
    pub grammar_exercises: i64,
    /// Grammar exercises done correctly.
    pub grammar_correct: i64,
    /// Grammar topics mastered.
    pub topics_mastered: i64,
    /// Course lessons completed.
    pub lessons_completed: i64,
    /// Total XP.
    pub total_xp: i64,
    /// Sessions finished without a mistake.
    pub perfect_sessions: i64,
    /// The highest CEFR level among the learner's languages.
    pub highest_level: Option<CefrLevel>,
    /// Achievements earned.
    pub achievements_earned: i64,
}

/// One achievement's criteria as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criteria {
    /// The criteria type.
    pub kind: String,
    /// The target value.
    pub value: i64,
    /// Extra settings (`min_reviews`, `level`).
    pub metadata: Json,
}

/// Progress toward one achievement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Progress so far, at most `target`.
    pub value: i64,
    /// The value that completes it.
    pub target: i64,
    /// True when the criteria are met.
    pub completed: bool,
}

fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        0
    } else {
        part.saturating_mul(100) / whole
    }
}

fn meta_i64(c: &Criteria, key: &str) -> Option<i64> {
    c.metadata.get(key).and_then(Json::as_i64)
}

/// An accuracy criterion: met when the accuracy reaches the target over at
/// least `min` answers; short of that, progress stops just below the target.
fn accuracy(c: &Criteria, correct: i64, total: i64, min_key: &str) -> Progress {
    let min = meta_i64(c, min_key).unwrap_or(DEFAULT_MIN_ANSWERS).max(1);
    let target = c.value.max(1);
    let acc = percent(correct, total);
    let completed = total >= min && acc >= target;
    let value = if completed {
        target
    } else {
        acc.min(target - 1)
    };
    Progress {
        value,
        target,
        completed,
    }
}

fn count(value: i64, target: i64) -> Progress {
    let target = target.max(1);
    Progress {
        value: value.clamp(0, target),
        target,
        completed: value >= target,
    }
}

/// Progress toward `c` with the learner's figures `f`. Unknown criteria
/// types never complete.
pub fn evaluate(c: &Criteria, f: &LearnerFigures) -> Progress {
    match c.kind.as_str() {
        "sessions_count" => count(f.sessions, c.value),
        "conversation_count" => count(f.conversations, c.value),
        "messages_sent" => count(f.messages_sent, c.value),
        "words_learned" => count(f.words_learned, c.value),
        "words_mastered" => count(f.words_mastered, c.value),
        "reviews_count" => count(f.reviews, c.value),
        "review_accuracy" => accuracy(c, f.reviews_correct, f.reviews, "min_reviews"),
        "streak_days" => count(f.longest_streak, c.value),
        "grammar_exercises" => count(f.grammar_exercises, c.value),
        "grammar_accuracy" => accuracy(c, f.grammar_correct, f.grammar_exercises, "min_exercises"),
        "topics_mastered" => count(f.topics_mastered, c.value),
        "lessons_completed" => count(f.lessons_completed, c.value),
        "xp_total" => count(f.total_xp, c.value),
        "perfect_sessions" => count(f.perfect_sessions, c.value),
        "achievements_earned" => count(f.achievements_earned, c.value),
        "level_reached" => {
            let wanted = c
                .metadata
                .get("level")
                .and_then(Json::as_str)
                .and_then(|l| l.parse::<CefrLevel>().ok());
            let reached = matches!((wanted, f.highest_level), (Some(w), Some(h)) if h >= w);
            count(i64::from(reached), 1)
        }
        _ => Progress {
            value: 0,
            target: c.value.max(1),
            completed: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn c(kind: &str, value: i64, metadata: Json) -> Criteria {
        Criteria {
            kind: kind.into(),
            value,
            metadata,
        }
    }

    #[test]
    fn counts_cap_at_the_target() {
        let f = LearnerFigures {
            reviews: 150,
            ..Default::default()
        };
        let p = evaluate(&c("reviews_count", 100, json!({})), &f);
        assert_eq!((p.value, p.target, p.completed), (100, 100, true));
        let p = evaluate(&c("reviews_count", 10000, json!({})), &f);
        assert_eq!((p.value, p.completed), (150, false));
    }

    #[test]
    fn accuracy_needs_enough_answers() {
        let mut f = LearnerFigures {
            reviews: 100,
            reviews_correct: 95,
            ..Default::default()
        };
        let crit = c("review_accuracy", 85, json!({"min_reviews": 200}));
        let p = evaluate(&crit, &f);
        assert_eq!((p.value, p.completed), (84, false));
        f.reviews = 200;
        f.reviews_correct = 180;
        assert!(evaluate(&crit, &f).completed);
        f.reviews_correct = 160;
        assert!(!evaluate(&crit, &f).completed);
    }

    #[test]
    fn levels_and_unknown_types() {
        let f = LearnerFigures {
            highest_level: Some(CefrLevel::B2),
            ..Default::default()
        };
        assert!(evaluate(&c("level_reached", 1, json!({"level": "B1"})), &f).completed);
        assert!(!evaluate(&c("level_reached", 1, json!({"level": "C1"})), &f).completed);
        assert!(!evaluate(&c("dance", 1, json!({})), &f).completed);
    }
}
