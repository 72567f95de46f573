//! FSRS-6 through the `fsrs` crate, with learning and relearning steps and
//! interval fuzz. The crate computes memory states (stability, difficulty)
//! and intervals; this module adds the card life cycle around it.

use chrono::{DateTime, Duration, Utc};
use fsrs::{FSRS, MemoryState, NextStates};

use super::fuzz::fuzzed_days;
use super::{CardState, Memory, Outcome, Previews, Rating, Scheduler, SrsError, days};

/// How FSRS schedules for one learner.
#[derive(Debug, Clone, PartialEq)]
pub struct FsrsConfig {
    /// The 21 FSRS-6 parameters; empty for the defaults.
    pub parameters: Vec<f32>,
    /// Target probability of recall when a card falls due (0.7-0.99).
    pub desired_retention: f64,
    /// Steps of a new card before it graduates.
    pub learning_steps: Vec<Duration>,
    /// Steps of a forgotten card before it returns to review.
    pub relearning_steps: Vec<Duration>,
    /// Longest interval in days.
    pub maximum_interval: u32,
    /// Spread review intervals a little so that cards learned together do
    /// not stay together.
    pub enable_fuzz: bool,
}

impl Default for FsrsConfig {
    fn default() -> Self {
        Self {
            parameters: Vec::new(),
            desired_retention: 0.9,
            learning_steps: vec![Duration::minutes(1), Duration::minutes(10)],
            relearning_steps: vec![Duration::minutes(10)],
            maximum_interval: 36_500,
            enable_fuzz: true,
        }
    }
}

/// The FSRS-6 scheduler.
#[derive(Debug, Clone)]
pub struct FsrsScheduler {
    model: FSRS,
    decay: f32,
    config: FsrsConfig,
}

impl FsrsScheduler {
    /// A scheduler with these settings; fails on invalid parameters or a
    /// desired retention outside 0.7-0.99.
    pub fn new(config: FsrsConfig) -> Result<Self, SrsError> {
        if !(0.7..=0.99).contains(&config.desired_retention) {
            return Err(SrsError(format!(
                "desired retention must be between 0.7 and 0.99, not {}",
                config.desired_retention
            )));
        }
        let model = FSRS::new(&config.parameters).map_err(|e| SrsError(e.to_string()))?;
        let decay = if config.parameters.len() == 21 {
            config.parameters[20]
        } else {
            fsrs::DEFAULT_PARAMETERS[20]
        };
        Ok(Self {
            model,
            decay,
            config,
        })
    }

    /// The settings.
    pub fn config(&self) -> &FsrsConfig {
        &self.config
    }

    fn memory_of(card: &Memory) -> Option<MemoryState> {
        match (card.stability, card.difficulty) {
            (Some(s), Some(d)) if card.state != CardState::New => Some(MemoryState {
                stability: s as f32,
                difficulty: d as f32,
            }),
            _ => None,
        }
    }

    fn next_states(&self, card: &Memory, now: DateTime<Utc>) -> Result<NextStates, SrsError> {
        let retention = self.config.desired_retention as f32;
        self.model
            .next_states(Self::memory_of(card), retention, card.elapsed_days(now))
            .map_err(|e| SrsError(e.to_string()))
    }

    fn review_days(&self, interval: f32, card: &Memory, now: DateTime<Utc>, seed: u64) -> u32 {
        let max = self.config.maximum_interval.max(1);
        let whole = (interval.round() as i64).clamp(1, i64::from(max)) as u32;
        if self.config.enable_fuzz {
            fuzzed_days(whole, card.elapsed_days(now), max, seed)
        } else {
            whole
        }
    }

    /// A step outcome within the day (learning or relearning).
    fn step_outcome(
        rating: Rating,
        base: &Memory,
        state: CardState,
        step: u32,
        wait: Duration,
        now: DateTime<Utc>,
    ) -> Outcome {
        let mut m = base.clone();
        m.state = state;
        m.step = step;
        m.interval_days = 0;
        Outcome::after(rating, m, now, wait)
    }

    /// The wait for a rating at `step` of `steps` (never empty here).
    fn step_wait(steps: &[Duration], step: usize, rating: Rating) -> Option<(u32, Duration)> {
        let first = steps[0];
        match rating {
            Rating::Again => Some((0, first)),
            Rating::Hard => {
                let wait = if step == 0 && steps.len() == 1 {
                    (first * 3) / 2
                } else if step == 0 {
                    (first + steps[1]) / 2
                } else {
                    steps[step.min(steps.len() - 1)]
                };
                Some((step as u32, wait))
            }
            Rating::Good if step + 1 < steps.len() => Some(((step + 1) as u32, steps[step + 1])),
            Rating::Good | Rating::Easy => None,
        }
    }
}

impl Scheduler for FsrsScheduler {
    fn preview(&self, card: &Memory, now: DateTime<Utc>, seed: u64) -> Result<Previews, SrsError> {
        let next = self.next_states(card, now)?;
        let states = [&next.again, &next.hard, &next.good, &next.easy];
        let mut outcomes = Vec::with_capacity(4);
        let mut last_review_days = 0u32;
        for (rating, st) in Rating::ALL.into_iter().zip(states) {
            let mut m = card.clone();
            m.stability = Some(f64::from(st.memory.stability));
            m.difficulty = Some(f64::from(st.memory.difficulty));
            m.reps = card.reps.saturating_add(1);
            m.streak = if rating.is_pass() {
                card.streak.saturating_add(1)
            } else {
                0
            };
            let (steps, step_state) = match card.state {
                CardState::New | CardState::Learning => {
                    (&self.config.learning_steps, CardState::Learning)
                }
                CardState::Relearning => (&self.config.relearning_steps, CardState::Relearning),
                CardState::Review => (&self.config.relearning_steps, CardState::Relearning),
            };
            let in_steps = card.state != CardState::Review;
            if card.state == CardState::Review && rating == Rating::Again {
                m.lapses = card.lapses.saturating_add(1);
            }
            let step_choice = if in_steps && !steps.is_empty() {
                Self::step_wait(steps, card.step as usize, rating)
            } else if !in_steps && rating == Rating::Again && !steps.is_empty() {
                Some((0, steps[0]))
            } else {
                None
            };
            let outcome = match step_choice {
                Some((step, wait)) => Self::step_outcome(rating, &m, step_state, step, wait, now),
                None => {
                    let mut d =
                        self.review_days(st.interval, card, now, seed ^ rating.number() as u64);
                    // Answers in review keep their order after fuzz:
                    // Hard < Good < Easy.
                    let ordered = rating > Rating::Hard
                        || (rating == Rating::Hard && card.state == CardState::Review);
                    if ordered && last_review_days > 0 && d <= last_review_days {
                        d = (last_review_days + 1).min(self.config.maximum_interval.max(1));
                    }
                    last_review_days = last_review_days.max(d);
                    m.state = CardState::Review;
                    m.step = 0;
                    m.interval_days = d;
                    Outcome::after(rating, m, now, days(d))
                }
            };
            outcomes.push(outcome);
        }
        let mut it = outcomes.into_iter();
        match (it.next(), it.next(), it.next(), it.next()) {
            (Some(again), Some(hard), Some(good), Some(easy)) => Ok(Previews {
                again,
                hard,
                good,
                easy,
            }),
            _ => Err(SrsError("FSRS gave fewer than four outcomes".into())),
        }
    }

    fn recall_probability(&self, card: &Memory, at: DateTime<Utc>) -> f64 {
        match Self::memory_of(card) {
            Some(state) if card.last_review.is_some() => f64::from(fsrs::current_retrievability(
                state,
                card.elapsed_days_f(at) as f32,
                self.decay,
            )),
            _ => 0.0,
        }
    }
}
