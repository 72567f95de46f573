//! Exponential backoff for grammar topics: mastery 0.0-1.0 in five steps
//! of 0.2, and the interval doubles with each level (1, 2, 4, 8, 16 days),
//! capped at 30 days at full mastery.
//!
//! Again drops to level 0; Hard keeps the level; Good climbs one level;
//! Easy climbs two. A card is in `learning` until it reaches level 1 and in
//! `relearning` after it falls back to 0 from above.

use chrono::{DateTime, Utc};

use super::{
    CardState, Memory, Outcome, Previews, Rating, Scheduler, SrsError, days, interval_recall,
};

/// Interval in days at mastery levels 0 to 5 (mastery 0.0, 0.2, ... 1.0).
pub const BACKOFF_INTERVALS: [u32; 6] = [1, 2, 4, 8, 16, 30];

/// The backoff scheduler.
#[derive(Debug, Clone, Copy, Default)]
pub struct Backoff;

impl Backoff {
    /// Mastery level 0-5 of a card.
    pub fn level(card: &Memory) -> usize {
        ((card.mastery.clamp(0.0, 1.0) * 5.0).round() as usize).min(5)
    }

    fn answer(card: &Memory, rating: Rating, now: DateTime<Utc>) -> Outcome {
        let level = Self::level(card);
        let next = match rating {
            Rating::Again => 0,
            Rating::Hard => level,
            Rating::Good => (level + 1).min(5),
            Rating::Easy => (level + 2).min(5),
        };
        let mut m = card.clone();
        m.mastery = next as f64 / 5.0;
        m.interval_days = BACKOFF_INTERVALS[next];
        m.reps = card.reps.saturating_add(1);
        m.streak = if rating.is_pass() {
            card.streak.saturating_add(1)
        } else {
            0
        };
        m.step = 0;
        if rating == Rating::Again && level > 0 {
            m.lapses = card.lapses.saturating_add(1);
            m.state = CardState::Relearning;
        } else if next == 0 {
            m.state = if card.state == CardState::New {
                CardState::Learning
            } else {
                card.state
            };
        } else {
            m.state = CardState::Review;
        }
        let wait = days(m.interval_days);
        Outcome::after(rating, m, now, wait)
    }
}

impl Scheduler for Backoff {
    fn preview(&self, card: &Memory, now: DateTime<Utc>, _seed: u64) -> Result<Previews, SrsError> {
        let [again, hard, good, easy] = Rating::ALL.map(|r| Self::answer(card, r, now));
        Ok(Previews {
            again,
            hard,
            good,
            easy,
        })
    }

    fn recall_probability(&self, card: &Memory, at: DateTime<Utc>) -> f64 {
        interval_recall(card, at)
    }
}
