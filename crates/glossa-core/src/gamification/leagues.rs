//! Weekly leagues: learners of one tier are grouped 30 at a time by the
//! order they joined in; when the week ends the top 5 of each group move up
//! a tier and the bottom 5 move down (nobody leaves bronze downwards or
//! diamond upwards; a learner without XP is never promoted).

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Learners in one league group.
pub const GROUP_SIZE: usize = 30;
/// Learners promoted from each group.
pub const PROMOTED: usize = 5;
/// Learners demoted from each group.
pub const DEMOTED: usize = 5;

/// League tiers, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// The first tier.
    Bronze,
    /// Second.
    Silver,
    /// Third.
    Gold,
    /// Fourth.
    Platinum,
    /// The top tier.
    Diamond,
}

impl Tier {
    /// Every tier, lowest first.
    pub const ALL: [Tier; 5] = [
        Tier::Bronze,
        Tier::Silver,
        Tier::Gold,
        Tier::Platinum,
        Tier::Diamond,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Bronze => "bronze",
            Tier::Silver => "silver",
            Tier::Gold => "gold",
            Tier::Platinum => "platinum",
            Tier::Diamond => "diamond",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.as_str() == s)
    }

    fn index(self) -> usize {
        Tier::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tier above (itself for diamond).
    pub fn up(self) -> Tier {
        Tier::ALL[(self.index() + 1).min(Tier::ALL.len() - 1)]
    }

    /// The tier below (itself for bronze).
    pub fn down(self) -> Tier {
        Tier::ALL[self.index().saturating_sub(1)]
    }
}

/// A learner's result at the end of a league week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Moves up a tier.
    pub promoted: bool,
    /// Moves down a tier.
    pub demoted: bool,
}

impl Outcome {
    /// The tier for next week.
    pub fn next_tier(self, tier: Tier) -> Tier {
        if self.promoted {
            tier.up()
        } else if self.demoted {
            tier.down()
        } else {
            tier
        }
    }
}

/// The outcome for final `rank` (1-based) in a group of `size` in `tier`
/// with `weekly_xp`. In small groups the promotion zone wins: a learner in
/// the top 5 is never demoted.
pub fn outcome(rank: usize, size: usize, tier: Tier, weekly_xp: i64) -> Outcome {
    let promoted = (1..=PROMOTED).contains(&rank) && weekly_xp > 0 && tier != Tier::Diamond;
    let demoted = !promoted && rank > PROMOTED && rank + DEMOTED > size && tier != Tier::Bronze;
    Outcome { promoted, demoted }
}

/// The Monday that starts the league week containing `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_five_up_bottom_five_down() {
        let up: Vec<usize> = (1..=30)
            .filter(|&r| outcome(r, 30, Tier::Silver, 100).promoted)
            .collect();
        let down: Vec<usize> = (1..=30)
            .filter(|&r| outcome(r, 30, Tier::Silver, 100).demoted)
            .collect();
        assert_eq!(up, vec![1, 2, 3, 4, 5]);
        assert_eq!(down, vec![26, 27, 28, 29, 30]);
    }

    #[test]
    fn edges_of_the_ladder_and_small_groups() {
        assert!(!outcome(1, 30, Tier::Diamond, 500).promoted);
        assert!(!outcome(30, 30, Tier::Bronze, 0).demoted);
        assert!(
            !outcome(1, 30, Tier::Gold, 0).promoted,
            "no XP, no promotion"
        );
        // Seven learners: 1-5 up, 6 and 7 down.
        let o: Vec<Outcome> = (1..=7).map(|r| outcome(r, 7, Tier::Gold, 10)).collect();
        assert!(o[..5].iter().all(|o| o.promoted && !o.demoted));
        assert!(o[5..].iter().all(|o| o.demoted));
        assert_eq!(o[0].next_tier(Tier::Gold), Tier::Platinum);
        assert_eq!(o[6].next_tier(Tier::Gold), Tier::Silver);
    }

    #[test]
    fn weeks_start_on_monday() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap_or_default();
        assert_eq!(week_start(d("2026-03-08")), d("2026-03-02"));
        assert_eq!(week_start(d("2026-03-02")), d("2026-03-02"));
    }
}
