//! Learner progress: every XP-earning activity is one `activity_events`
//! row, and `user_stats` keeps the running totals (XP, weekly XP, streak in
//! local days with freezes, per-area counters).

pub mod record;

pub use record::{Activity, Recorded, record};
