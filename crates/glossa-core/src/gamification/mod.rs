//! Gamification rules: achievement criteria evaluated from a snapshot of a
//! learner's figures, and the weekly league rule (promotion and demotion by
//! final rank). Pure; the store gathers the figures and applies the rules.

pub mod achievements;
pub mod leagues;

pub use achievements::{Criteria, LearnerFigures, Progress, evaluate};
pub use leagues::{GROUP_SIZE, Outcome, Tier, outcome, week_start};
