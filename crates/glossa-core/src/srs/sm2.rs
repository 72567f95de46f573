//! SuperMemo 2 (P. Wozniak, 1990), as its description defines it:
//! - quality q of an answer from 0 to 5; q >= 3 is a correct answer;
//! - intervals I(1) = 1 day, I(2) = 6 days, I(n) = I(n-1) * EF, rounded;
//! - after each correct answer EF' = EF + (0.1 - (5-q) * (0.08 + (5-q) * 0.02)),
//!   never below 1.3;
//! - an answer with q < 3 starts the repetitions again from I(1) without
//!   changing EF;
//! - items answered with q < 4 are repeated the same day until they score
//!   at least 4; those drills change neither EF nor the interval.
//!
//! The four buttons map to qualities Again = 1, Hard = 3, Good = 4,
//! Easy = 5. The state `learning`/`relearning` marks a card in its
//! same-day drill; it is due at once and returns to `review` (due one
//! interval later) when answered with q >= 4.

use chrono::{DateTime, Utc};

use super::{
    CardState, Memory, Outcome, Previews, Rating, Scheduler, SrsError, days, interval_recall,
};

/// EF of a new item.
pub(crate) const INITIAL_EF: f64 = 2.5;
/// The lowest EF.
pub const MIN_EF: f64 = 1.3;

/// The SM-2 scheduler.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sm2;

impl Sm2 {
    /// The quality a button stands for.
    pub fn quality(rating: Rating) -> u8 {
        match rating {
            Rating::Again => 1,
            Rating::Hard => 3,
            Rating::Good => 4,
            Rating::Easy => 5,
        }
    }

    /// EF after an answer of quality `q` (unchanged for q < 3).
    pub fn next_ef(ef: f64, q: u8) -> f64 {
        if q < 3 {
            return ef;
        }
        let d = f64::from(5 - q.min(5));
        (ef + (0.1 - d * (0.08 + d * 0.02))).max(MIN_EF)
    }

    /// The interval after the `n`th correct repetition in a row (n >= 1),
    /// given the previous interval and the EF before this answer.
    pub fn interval(n: u32, previous: u32, ef: f64) -> u32 {
        match n {
            0 | 1 => 1,
            2 => 6,
            _ => ((f64::from(previous) * ef).round() as u32).max(1),
        }
    }

    /// The card after an answer of quality `q` (0-5) at `now`.
    pub fn answer(card: &Memory, q: u8, now: DateTime<Utc>) -> Outcome {
        let q = q.min(5);
        let rating = match q {
            0..=2 => Rating::Again,
            3 => Rating::Hard,
            4 => Rating::Good,
            _ => Rating::Easy,
        };
        let mut m = card.clone();
        let drilling = matches!(card.state, CardState::Learning | CardState::Relearning);
        if q >= 3 {
            m.streak = card.streak.saturating_add(1);
        } else {
            m.streak = 0;
        }
        if drilling && card.reps > 0 && q >= 3 {
            // A same-day drill: EF and interval stay; q >= 4 ends it.
            if q >= 4 {
                m.state = CardState::Review;
                m.step = 0;
                let wait = days(m.interval_days);
                return Outcome::after(rating, m, now, wait);
            }
            return Outcome::after(rating, m, now, chrono::Duration::zero());
        }
        if q >= 3 {
            m.reps = card.reps.saturating_add(1);
            m.interval_days = Self::interval(m.reps, card.interval_days, card.ease_factor);
            m.ease_factor = Self::next_ef(card.ease_factor, q);
        } else {
            if card.state == CardState::Review {
                m.lapses = card.lapses.saturating_add(1);
            }
            m.reps = 0;
            m.interval_days = 1;
        }
        m.mastery = f64::from(m.reps.min(5)) / 5.0;
        if q >= 4 {
            m.state = CardState::Review;
            m.step = 0;
            let wait = days(m.interval_days);
            Outcome::after(rating, m, now, wait)
        } else {
            m.state = if card.state == CardState::New
                || (card.state == CardState::Learning && card.reps == 0)
            {
                CardState::Learning
            } else {
                CardState::Relearning
            };
            m.step = 0;
            Outcome::after(rating, m, now, chrono::Duration::zero())
        }
    }
}

impl Scheduler for Sm2 {
    fn preview(&self, card: &Memory, now: DateTime<Utc>, _seed: u64) -> Result<Previews, SrsError> {
        let [again, hard, good, easy] =
            Rating::ALL.map(|r| Self::answer(card, Self::quality(r), now));
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
