//! Spaced-repetition schedulers: FSRS-6 (through the `fsrs` crate), SM-2
//! as SuperMemo 2 defines it, and the exponential backoff used for grammar.
//!
//! All three share one interface ([`Scheduler`]): preview the four outcomes
//! of an answer, apply an answer, and give the probability of recall at any
//! moment. They are pure: the caller passes the time and a per-card seed
//! (for FSRS's interval fuzz), and stores the returned [`Memory`].

mod backoff;
pub mod day;
pub mod eval;
mod fsrs6;
mod fuzz;
pub mod metrics;
pub mod revlog;
mod sm2;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use backoff::{BACKOFF_INTERVALS, Backoff};
pub use fsrs6::{FsrsConfig, FsrsScheduler};
pub use sm2::Sm2;

/// Lapses at which a card is flagged as a leech.
pub const LEECH_LAPSES: u32 = 8;

/// The four answer buttons.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Forgotten.
    Again = 1,
    /// Recalled with serious difficulty.
    Hard = 2,
    /// Recalled.
    Good = 3,
    /// Recalled effortlessly.
    Easy = 4,
}

impl Rating {
    /// All four, worst first.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// From 1-4.
    pub fn from_number(n: i64) -> Option<Self> {
        match n {
            1 => Some(Self::Again),
            2 => Some(Self::Hard),
            3 => Some(Self::Good),
            4 => Some(Self::Easy),
            _ => None,
        }
    }

    /// 1-4.
    pub fn number(self) -> u32 {
        self as u32
    }

    /// Whether the answer counts as recalled.
    pub fn is_pass(self) -> bool {
        self != Self::Again
    }
}

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CardState {
    /// Never answered.
    New,
    /// Being learned: short steps within the day.
    Learning,
    /// Learned: reviewed at growing intervals.
    Review,
    /// Forgotten after learning: short steps again.
    Relearning,
}

impl CardState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Learning => "learning",
            Self::Review => "review",
            Self::Relearning => "relearning",
        }
    }

    /// From the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "new" => Some(Self::New),
            "learning" => Some(Self::Learning),
            "review" => Some(Self::Review),
            "relearning" => Some(Self::Relearning),
            _ => None,
        }
    }
}

/// Which scheduler a card uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Algorithm {
    /// FSRS-6 (the default).
    Fsrs,
    /// SuperMemo 2.
    Sm2,
    /// Exponential backoff in five mastery levels (grammar).
    Backoff,
}

impl Algorithm {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fsrs => "fsrs",
            Self::Sm2 => "sm2",
            Self::Backoff => "backoff",
        }
    }

    /// From the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "fsrs" => Some(Self::Fsrs),
            "sm2" => Some(Self::Sm2),
            "backoff" => Some(Self::Backoff),
            _ => None,
        }
    }
}

/// The scheduling state of one card: what the database stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Memory {
    /// Life stage.
    pub state: CardState,
    /// Index of the current learning or relearning step.
    pub step: u32,
    /// When the card is next due.
    pub due: DateTime<Utc>,
    /// FSRS stability in days.
    pub stability: Option<f64>,
    /// FSRS difficulty, 1-10.
    pub difficulty: Option<f64>,
    /// SM-2 easiness factor (>= 1.3).
    pub ease_factor: f64,
    /// The last scheduled interval in whole days.
    pub interval_days: u32,
    /// Successful repetitions in a row as SM-2 counts them; answers in all
    /// for the other schedulers.
    pub reps: u32,
    /// Times forgotten after being learned.
    pub lapses: u32,
    /// Correct answers in a row.
    pub streak: u32,
    /// Mastery 0.0-1.0.
    pub mastery: f64,
    /// When the card was last answered.
    pub last_review: Option<DateTime<Utc>>,
}

impl Memory {
    /// A card never seen, due at `now`.
    pub fn new_card(now: DateTime<Utc>) -> Self {
        Self {
            state: CardState::New,
            step: 0,
            due: now,
            stability: None,
            difficulty: None,
            ease_factor: sm2::INITIAL_EF,
            interval_days: 0,
            reps: 0,
            lapses: 0,
            streak: 0,
            mastery: 0.0,
            last_review: None,
        }
    }

    /// Whether the card has lapsed often enough to be a leech.
    pub fn is_leech(&self) -> bool {
        self.lapses >= LEECH_LAPSES
    }

    /// Whole days since the last review (0 if never reviewed).
    pub fn elapsed_days(&self, now: DateTime<Utc>) -> u32 {
        self.last_review
            .map(|t| u32::try_from((now - t).num_days().max(0)).unwrap_or(u32::MAX))
            .unwrap_or(0)
    }

    /// Fractional days since the last review.
    pub fn elapsed_days_f(&self, now: DateTime<Utc>) -> f64 {
        self.last_review
            .map(|t| ((now - t).num_seconds() as f64 / 86_400.0).max(0.0))
            .unwrap_or(0.0)
    }
}

/// The result of one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Outcome {
    /// The rating this outcome is for.
    pub rating: Rating,
    /// The card after the answer.
    pub memory: Memory,
    /// Time until the card is due again, in seconds.
    pub interval_seconds: i64,
}

impl Outcome {
    /// Builds an outcome due `interval` after `now`.
    pub(crate) fn after(
        rating: Rating,
        mut memory: Memory,
        now: DateTime<Utc>,
        interval: Duration,
    ) -> Self {
        let interval = interval.max(Duration::zero());
        memory.due = now + interval;
        memory.last_review = Some(now);
        Self {
            rating,
            memory,
            interval_seconds: interval.num_seconds(),
        }
    }
}

/// The four possible outcomes of answering a card now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Previews {
    /// After Again.
    pub again: Outcome,
    /// After Hard.
    pub hard: Outcome,
    /// After Good.
    pub good: Outcome,
    /// After Easy.
    pub easy: Outcome,
}

impl Previews {
    /// The outcome for one rating.
    pub fn pick(self, rating: Rating) -> Outcome {
        match rating {
            Rating::Again => self.again,
            Rating::Hard => self.hard,
            Rating::Good => self.good,
            Rating::Easy => self.easy,
        }
    }

    /// The outcomes worst first.
    pub fn all(&self) -> [&Outcome; 4] {
        [&self.again, &self.hard, &self.good, &self.easy]
    }
}

/// A scheduler failed (only FSRS can, on parameters or a state it rejects).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("scheduler: {0}")]
pub struct SrsError(pub String);

/// What every scheduler offers.
pub trait Scheduler {
    /// The four outcomes of answering `card` at `now`. `seed` makes the
    /// interval fuzz repeatable for one card and review.
    fn preview(&self, card: &Memory, now: DateTime<Utc>, seed: u64) -> Result<Previews, SrsError>;

    /// The card after answering `rating` at `now`.
    fn apply(
        &self,
        card: &Memory,
        rating: Rating,
        now: DateTime<Utc>,
        seed: u64,
    ) -> Result<Outcome, SrsError> {
        Ok(self.preview(card, now, seed)?.pick(rating))
    }

    /// Probability that the learner recalls the card at `at` (1.0 for a
    /// card never reviewed is meaningless, so new cards give 0.0).
    fn recall_probability(&self, card: &Memory, at: DateTime<Utc>) -> f64;
}

/// Probability of recall under an exponential curve that reaches 90 % after
/// one scheduled interval (used for SM-2 and the backoff).
pub(crate) fn interval_recall(card: &Memory, at: DateTime<Utc>) -> f64 {
    if card.last_review.is_none() {
        return 0.0;
    }
    let interval = f64::from(card.interval_days.max(1));
    0.9f64.powf(card.elapsed_days_f(at) / interval)
}

/// Days as a duration.
pub(crate) fn days(n: u32) -> Duration {
    Duration::days(i64::from(n))
}

#[cfg(test)]
mod tests;
