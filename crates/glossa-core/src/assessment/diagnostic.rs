//! Grammar diagnostics: from a learner's answers per grammar topic, the
//! score of each topic, the weak and strong areas and a recommended path.
//!
//! A topic needs `MIN_ANSWERS` answers to count as weak (score below
//! `WEAK`) or strong (score at least `STRONG`). The path starts with the
//! weak topics, weakest first, then the topics not yet practised at or
//! below the learner's level, easiest level first, in the catalog's order;
//! at most `PATH_LENGTH` topics.

use serde::Serialize;

use crate::CefrLevel;

/// Answers a topic needs before it is judged.
pub const MIN_ANSWERS: i64 = 2;
/// Below this score a topic is weak.
pub const WEAK: f64 = 0.6;
/// From this score a topic is strong.
pub const STRONG: f64 = 0.85;
/// Topics in a recommended path.
pub const PATH_LENGTH: usize = 10;

/// One topic and the learner's answers in it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct TopicScore {
    /// Topic slug.
    pub slug: String,
    /// Topic name.
    pub name: String,
    /// Its level, if it has one.
    pub level: Option<CefrLevel>,
    /// Its position in the catalog.
    pub order: i32,
    /// Answers given.
    pub answered: i64,
    /// Answers correct.
    pub correct: i64,
}

impl TopicScore {
    /// Share correct (0 when unanswered).
    pub fn score(&self) -> f64 {
        if self.answered == 0 {
            0.0
        } else {
            self.correct as f64 / self.answered as f64
        }
    }
}

/// The diagnosis.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Diagnosis {
    /// Score per answered topic (slug -> 0-1).
    pub topic_scores: std::collections::BTreeMap<String, f64>,
    /// Weak topics, weakest first.
    pub weak: Vec<String>,
    /// Strong topics.
    pub strong: Vec<String>,
    /// What to practise next, in order.
    pub recommended_path: Vec<String>,
    /// Answers in all.
    pub answered: i64,
    /// Correct answers in all.
    pub correct: i64,
}

/// Diagnoses a learner at `level` from their topic scores.
pub fn diagnose(topics: &[TopicScore], level: CefrLevel) -> Diagnosis {
    let judged: Vec<&TopicScore> = topics
        .iter()
        .filter(|t| t.answered >= MIN_ANSWERS)
        .collect();
    let mut weak: Vec<&TopicScore> = judged
        .iter()
        .copied()
        .filter(|t| t.score() < WEAK)
        .collect();
    weak.sort_by(|a, b| a.score().total_cmp(&b.score()).then(a.order.cmp(&b.order)));
    let strong: Vec<String> = judged
        .iter()
        .filter(|t| t.score() >= STRONG)
        .map(|t| t.slug.clone())
        .collect();
    let mut fresh: Vec<&TopicScore> = topics
        .iter()
        .filter(|t| t.answered == 0 && t.level.is_none_or(|l| l <= level))
        .collect();
    fresh.sort_by_key(|t| (t.level.unwrap_or(CefrLevel::A1), t.order));
    let recommended_path = weak
        .iter()
        .chain(fresh.iter())
        .take(PATH_LENGTH)
        .map(|t| t.slug.clone())
        .collect();
    Diagnosis {
        topic_scores: topics
            .iter()
            .filter(|t| t.answered > 0)
            .map(|t| (t.slug.clone(), t.score()))
            .collect(),
        weak: weak.iter().map(|t| t.slug.clone()).collect(),
        strong,
        recommended_path,
        answered: topics.iter().map(|t| t.answered).sum(),
        correct: topics.iter().map(|t| t.correct).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(slug: &str, level: CefrLevel, order: i32, answered: i64, correct: i64) -> TopicScore {
        TopicScore {
            slug: slug.into(),
            name: slug.into(),
            level: Some(level),
            order,
            answered,
            correct,
        }
    }

    #[test]
    fn weak_first_then_unpractised_at_the_learners_level() {
        let topics = vec![
            t("dative", CefrLevel::A2, 2, 4, 1),
            t("articles", CefrLevel::A1, 1, 5, 5),
            t("accusative", CefrLevel::A1, 3, 3, 1),
            t("genitive", CefrLevel::B1, 4, 0, 0),
            t("plural", CefrLevel::A1, 5, 0, 0),
            t("perfect", CefrLevel::A2, 6, 1, 0),
        ];
        let d = diagnose(&topics, CefrLevel::A2);
        assert_eq!(d.weak, vec!["dative", "accusative"]);
        assert_eq!(d.strong, vec!["articles"]);
        assert_eq!(d.recommended_path, vec!["dative", "accusative", "plural"]);
        assert_eq!((d.answered, d.correct), (13, 7));
        assert!((d.topic_scores["dative"] - 0.25).abs() < 1e-9);
        assert!(!d.topic_scores.contains_key("genitive"));
        let b1 = diagnose(&topics, CefrLevel::B1);
        assert_eq!(
            b1.recommended_path.last().map(String::as_str),
            Some("genitive")
        );
    }
}
