//! The adaptive placement test. It starts at the learner's self-assessed
//! level (A1 without one), moves one level up after a correct answer and
//! one level down after a wrong one, and asks at most `MAX_QUESTIONS`. It
//! stops early once it has asked `MIN_QUESTIONS` and the walk has turned
//! around `STOP_REVERSALS` times (it keeps crossing the same boundary).
//!
//! The result is the highest level answered at least `PASS` correctly
//! (with every lower level asked also passed), A1 if none; the proficiency
//! score (0-100) places the learner within the CEFR scale: each passed
//! level is worth one sixth, and accuracy at the level above adds a part of
//! the next sixth.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::CefrLevel;

/// Questions asked at most.
pub const MAX_QUESTIONS: usize = 20;
/// Questions asked at least before stopping early.
pub const MIN_QUESTIONS: usize = 10;
/// Turns of direction after which the test stops.
pub const STOP_REVERSALS: usize = 4;
/// Share of correct answers that passes a level.
pub const PASS: f64 = 0.6;

const LEVELS: [CefrLevel; 6] = [
    CefrLevel::A1,
    CefrLevel::A2,
    CefrLevel::B1,
    CefrLevel::B2,
    CefrLevel::C1,
    CefrLevel::C2,
];

fn index(level: CefrLevel) -> usize {
    LEVELS.iter().position(|l| *l == level).unwrap_or(0)
}

/// One answered question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Asked {
    /// Question id (opaque here).
    pub question: String,
    /// Its level.
    pub level: CefrLevel,
    /// Whether the answer was accepted.
    pub correct: bool,
}

/// What to do next.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// Ask this question.
    Ask(String),
    /// The test is over.
    Done(Outcome),
}

/// The result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Outcome {
    /// The placed level.
    pub level: CefrLevel,
    /// Proficiency 0-100.
    pub proficiency: f64,
    /// Correct answers.
    pub correct: usize,
    /// Questions asked.
    pub asked: usize,
    /// Accuracy per level asked (0-1).
    pub by_level: BTreeMap<String, f64>,
}

/// The level the next question should have.
pub fn target_level(start: CefrLevel, history: &[Asked]) -> CefrLevel {
    match history.last() {
        None => start,
        Some(last) => {
            let i = index(last.level);
            let j = if last.correct {
                (i + 1).min(LEVELS.len() - 1)
            } else {
                i.saturating_sub(1)
            };
            LEVELS[j]
        }
    }
}

fn reversals(history: &[Asked]) -> usize {
    history
        .windows(2)
        .filter(|w| w[0].correct != w[1].correct)
        .count()
}

/// Scores a finished (or stopped) test.
pub fn outcome(history: &[Asked]) -> Outcome {
    let mut per: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for a in history {
        let e = per.entry(index(a.level)).or_default();
        e.0 += 1;
        e.1 += usize::from(a.correct);
    }
    let acc = |i: usize| per.get(&i).map(|(n, c)| *c as f64 / *n as f64);
    let mut placed: Option<usize> = None;
    for i in 0..LEVELS.len() {
        match acc(i) {
            Some(a) if a >= PASS => placed = Some(i),
            Some(_) => break,
            None => {}
        }
    }
    let base = placed.map_or(0.0, |i| (i + 1) as f64);
    let above = placed.map_or(0, |i| i + 1);
    let partial = acc(above).unwrap_or(0.0);
    let proficiency = ((base + partial) / LEVELS.len() as f64 * 100.0).clamp(0.0, 100.0);
    Outcome {
        level: LEVELS[placed.unwrap_or(0)],
        proficiency: (proficiency * 10.0).round() / 10.0,
        correct: history.iter().filter(|a| a.correct).count(),
        asked: history.len(),
        by_level: per
            .iter()
            .map(|(i, (n, c))| (LEVELS[*i].as_str().to_owned(), *c as f64 / *n as f64))
            .collect(),
    }
}

/// Chooses the next question from `pool` (question id, level, in the
/// assessment's order), or ends the test.
pub fn next(start: CefrLevel, history: &[Asked], pool: &[(String, CefrLevel)]) -> Next {
    let done = history.len() >= MAX_QUESTIONS
        || (history.len() >= MIN_QUESTIONS && reversals(history) >= STOP_REVERSALS);
    if done {
        return Next::Done(outcome(history));
    }
    let want = index(target_level(start, history));
    let unasked = |lvl: usize| {
        pool.iter()
            .find(|(id, l)| index(*l) == lvl && !history.iter().any(|a| &a.question == id))
            .map(|(id, _)| id.clone())
    };
    // The wanted level, else the nearest level with questions left,
    // preferring the direction of the last answer.
    let up_first = history.last().is_none_or(|a| a.correct);
    for d in 0..LEVELS.len() {
        let candidates = if up_first {
            [want + d, want.wrapping_sub(d)]
        } else {
            [want.wrapping_sub(d), want + d]
        };
        for lvl in candidates {
            if lvl < LEVELS.len()
                && let Some(id) = unasked(lvl)
            {
                return Next::Ask(id);
            }
        }
    }
    Next::Done(outcome(history))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> Vec<(String, CefrLevel)> {
        LEVELS
            .iter()
            .flat_map(|l| (0..6).map(move |i| (format!("{}-{i}", l.as_str()), *l)))
            .collect()
    }

    /// A simulated learner who knows everything up to `known`.
    fn run(known: CefrLevel, start: CefrLevel) -> Outcome {
        let pool = pool();
        let mut history = Vec::new();
        loop {
            match next(start, &history, &pool) {
                Next::Ask(id) => {
                    let level = pool
                        .iter()
                        .find(|(q, _)| *q == id)
                        .map(|(_, l)| *l)
                        .unwrap_or(CefrLevel::A1);
                    history.push(Asked {
                        question: id,
                        level,
                        correct: index(level) <= index(known),
                    });
                }
                Next::Done(o) => return o,
            }
        }
    }

    #[test]
    fn places_simulated_learners_at_their_level() {
        for known in LEVELS {
            for start in [CefrLevel::A1, CefrLevel::B2] {
                let o = run(known, start);
                assert_eq!(o.level, known, "knows {known:?}, started {start:?}: {o:?}");
                assert!(o.asked <= MAX_QUESTIONS);
            }
        }
    }

    #[test]
    fn proficiency_grows_with_the_level() {
        let scores: Vec<f64> = LEVELS
            .iter()
            .map(|l| run(*l, CefrLevel::A1).proficiency)
            .collect();
        assert!(scores.windows(2).all(|w| w[0] < w[1]), "{scores:?}");
        assert!(scores.iter().all(|s| (0.0..=100.0).contains(s)));
    }

    #[test]
    fn adapts_up_after_correct_and_down_after_wrong() {
        let a = |level, correct| Asked {
            question: "x".into(),
            level,
            correct,
        };
        assert_eq!(target_level(CefrLevel::A2, &[]), CefrLevel::A2);
        assert_eq!(
            target_level(CefrLevel::A1, &[a(CefrLevel::B1, true)]),
            CefrLevel::B2
        );
        assert_eq!(
            target_level(CefrLevel::A1, &[a(CefrLevel::B1, false)]),
            CefrLevel::A2
        );
        assert_eq!(
            target_level(CefrLevel::A1, &[a(CefrLevel::A1, false)]),
            CefrLevel::A1
        );
        // Nobody answers anything: A1 with a low score.
        let o = outcome(&[a(CefrLevel::A1, false), a(CefrLevel::A1, false)]);
        assert_eq!((o.level, o.proficiency), (CefrLevel::A1, 0.0));
    }
}
