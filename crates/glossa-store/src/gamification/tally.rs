//! Adding up activity events: XP, activities, reviews and their accuracy
//! (a review is correct when its rating is Hard or better).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value as Json;

/// Activity kinds that count as a finished session.
pub const SESSION_KINDS: &[&str] = &[
    "flashcard_session",
    "quiz",
    "practice_session",
    "lesson",
    "conversation",
    "assessment",
];

/// Totals over some activity events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Tally {
    /// XP earned.
    pub xp: i64,
    /// Activity events.
    pub activities: i64,
    /// Reviews answered.
    pub reviews: i64,
    /// Reviews answered Hard, Good or Easy.
    pub reviews_correct: i64,
    /// Finished sessions.
    pub sessions: i64,
    /// Events per kind.
    pub by_kind: BTreeMap<String, i64>,
}

impl Tally {
    /// Adds one event.
    pub fn add(&mut self, kind: &str, xp: i64, metadata: &Json) {
        self.xp += xp;
        self.activities += 1;
        *self.by_kind.entry(kind.to_owned()).or_default() += 1;
        if kind == "review" {
            self.reviews += 1;
            if metadata.get("rating").and_then(Json::as_i64).unwrap_or(0) >= 2 {
                self.reviews_correct += 1;
            }
        }
        if SESSION_KINDS.contains(&kind) {
            self.sessions += 1;
        }
    }

    /// Review accuracy in percent, if there were reviews.
    pub fn accuracy(&self) -> Option<f64> {
        (self.reviews > 0)
            .then(|| (self.reviews_correct as f64 * 1000.0 / self.reviews as f64).round() / 10.0)
    }
}
