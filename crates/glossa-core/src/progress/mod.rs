//! Progress rules: XP per activity and streaks counted in the learner's
//! local days, with streak freezes. Pure; the store applies them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// XP for one activity. Reviews and exercises earn more when correct;
/// finished sessions, quizzes, lessons and assessments earn a bonus that
/// grows with their score (0.0-1.0).
pub fn xp(kind: &str, correct: Option<bool>, score: Option<f64>) -> i32 {
    let score_bonus = |base: f64| (base * score.unwrap_or(1.0).clamp(0.0, 1.0)).round() as i32;
    match kind {
        "review" | "exercise" => match correct {
            Some(true) => 10,
            Some(false) => 2,
            None => 5,
        },
        "flashcard_session" => 5 + score_bonus(15.0),
        "quiz" => 10 + score_bonus(40.0),
        "practice_session" => 10 + score_bonus(30.0),
        "lesson" => 20 + score_bonus(30.0),
        "assessment" => 50,
        "conversation" => 15,
        "writing" => 10,
        "daily_goal" => 20,
        "streak_bonus" => 25,
        _ => 0,
    }
}

/// A learner's streak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Streak {
    /// Days in a row with activity, up to the last active day.
    pub current: i32,
    /// The longest streak ever.
    pub longest: i32,
    /// Freezes held: each covers one missed day.
    pub freezes: i32,
    /// The learner's local date of the last activity.
    pub last_active: Option<NaiveDate>,
}

/// What an activity on `today` did to the streak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreakChange {
    /// The streak after the activity.
    pub streak: Streak,
    /// Freezes used to bridge missed days.
    pub freezes_used: i32,
    /// True on the first activity of a day.
    pub new_day: bool,
}

/// Days in a row earn a freeze every 7 days, holding at most 2.
pub const FREEZE_EVERY: i32 = 7;
/// Freezes a learner can hold.
pub const MAX_FREEZES: i32 = 2;

impl Streak {
    /// Applies an activity on the learner's local date `today`. Missed days
    /// are bridged by freezes if there are enough; otherwise the streak
    /// starts again at 1. Activity on an earlier date than the last (a
    /// clock going back) changes nothing.
    pub fn on_activity(self, today: NaiveDate) -> StreakChange {
        let mut s = self;
        let unchanged = StreakChange {
            streak: self,
            freezes_used: 0,
            new_day: false,
        };
        let mut used = 0;
        match self.last_active {
            Some(last) if today <= last => return unchanged,
            Some(last) => {
                let missed = (today - last).num_days() - 1;
                if missed == 0 {
                    s.current += 1;
                } else if missed <= i64::from(self.freezes) {
                    used = missed as i32;
                    s.freezes -= used;
                    s.current += 1;
                } else {
                    s.current = 1;
                }
            }
            None => s.current = 1,
        }
        if s.current > 0 && s.current % FREEZE_EVERY == 0 && s.freezes < MAX_FREEZES {
            s.freezes += 1;
        }
        s.longest = s.longest.max(s.current);
        s.last_active = Some(today);
        StreakChange {
            streak: s,
            freezes_used: used,
            new_day: true,
        }
    }

    /// The streak as it stands on `today`: broken if days were missed
    /// beyond what the freezes cover.
    pub fn as_of(self, today: NaiveDate) -> i32 {
        match self.last_active {
            Some(last) if (today - last).num_days() - 1 <= i64::from(self.freezes) => self.current,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap_or_default()
    }

    #[test]
    fn consecutive_days_grow_the_streak_and_earn_freezes() {
        let mut s = Streak::default();
        for day in 1..=7 {
            let c = s.on_activity(d(day));
            assert!(c.new_day);
            s = c.streak;
            assert!(!s.on_activity(d(day)).new_day, "second activity of a day");
        }
        assert_eq!((s.current, s.longest, s.freezes), (7, 7, 1));
    }

    #[test]
    fn a_freeze_bridges_one_missed_day_and_then_the_streak_breaks() {
        let s = Streak {
            current: 7,
            longest: 7,
            freezes: 1,
            last_active: Some(d(7)),
        };
        assert_eq!(s.as_of(d(9)), 7);
        let c = s.on_activity(d(9));
        assert_eq!(
            (c.streak.current, c.streak.freezes, c.freezes_used),
            (8, 0, 1)
        );
        assert_eq!(c.streak.as_of(d(11)), 0);
        let broken = c.streak.on_activity(d(11));
        assert_eq!((broken.streak.current, broken.streak.longest), (1, 8));
    }

    #[test]
    fn xp_rewards_correct_answers_and_scores() {
        assert!(xp("review", Some(true), None) > xp("review", Some(false), None));
        assert_eq!(xp("quiz", None, Some(1.0)), 50);
        assert_eq!(xp("quiz", None, Some(0.5)), 30);
        assert_eq!(xp("unknown", None, None), 0);
    }
}
