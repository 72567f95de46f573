//! CEFR proficiency levels.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A level of the Common European Framework of Reference for Languages,
/// ordered from beginner (`A1`) to mastery (`C2`).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    ToSchema,
)]
pub enum CefrLevel {
    #[default]
    A1,
    A2,
    B1,
    B2,
    C1,
    C2,
}

impl CefrLevel {
    /// Every level, in ascending order.
    pub const ALL: [CefrLevel; 6] = [
        CefrLevel::A1,
        CefrLevel::A2,
        CefrLevel::B1,
        CefrLevel::B2,
        CefrLevel::C1,
        CefrLevel::C2,
    ];

    /// The level's name as stored in the database (`"B1"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            CefrLevel::A1 => "A1",
            CefrLevel::A2 => "A2",
            CefrLevel::B1 => "B1",
            CefrLevel::B2 => "B2",
            CefrLevel::C1 => "C1",
            CefrLevel::C2 => "C2",
        }
    }

    /// The level above this one, if any.
    pub fn next(self) -> Option<CefrLevel> {
        Self::ALL.get(self as usize + 1).copied()
    }

    /// The level below this one, if any.
    pub fn previous(self) -> Option<CefrLevel> {
        (self as usize)
            .checked_sub(1)
            .and_then(|i| Self::ALL.get(i).copied())
    }
}

impl fmt::Display for CefrLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses `"B1"`; surrounding whitespace and lower case (`" b1"`) are
/// accepted.
impl FromStr for CefrLevel {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Self::ALL
            .into_iter()
            .find(|level| level.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                format!("{wanted:?} is not a CEFR level; expected one of A1, A2, B1, B2, C1, C2")
            })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn all_is_sorted_and_complete() {
        let mut sorted = CefrLevel::ALL;
        sorted.sort();
        assert_eq!(sorted, CefrLevel::ALL);
        assert!(CefrLevel::A1 < CefrLevel::C2);
        assert!(CefrLevel::B2 > CefrLevel::B1);
        assert_eq!(CefrLevel::default(), CefrLevel::A1);
    }

    #[test]
    fn parse_and_display_round_trip() {
        for level in CefrLevel::ALL {
            assert_eq!(level.to_string().parse::<CefrLevel>().unwrap(), level);
            assert_eq!(
                level.as_str().to_lowercase().parse::<CefrLevel>().unwrap(),
                level
            );
        }
        assert_eq!(" c1 ".parse::<CefrLevel>().unwrap(), CefrLevel::C1);
    }

    #[test]
    fn parse_error_lists_accepted_values() {
        let err = "D1".parse::<CefrLevel>().unwrap_err();
        assert!(err.contains("\"D1\""));
        assert!(err.contains("A1, A2, B1, B2, C1, C2"));
        assert!("".parse::<CefrLevel>().is_err());
        assert!("A".parse::<CefrLevel>().is_err());
    }

    #[test]
    fn next_and_previous() {
        assert_eq!(CefrLevel::A1.next(), Some(CefrLevel::A2));
        assert_eq!(CefrLevel::C2.next(), None);
        assert_eq!(CefrLevel::A1.previous(), None);
        assert_eq!(CefrLevel::C2.previous(), Some(CefrLevel::C1));
    }

    #[test]
    fn serde_uses_upper_case_names() {
        assert_eq!(serde_json::to_string(&CefrLevel::B2).unwrap(), "\"B2\"");
        assert_eq!(
            serde_json::from_str::<CefrLevel>("\"C1\"").unwrap(),
            CefrLevel::C1
        );
        assert!(serde_json::from_str::<CefrLevel>("\"X9\"").is_err());
    }

    #[test]
    fn schema_lists_levels() {
        let schema = serde_json::to_value(<CefrLevel as utoipa::PartialSchema>::schema()).unwrap();
        assert_eq!(
            schema["enum"],
            serde_json::json!(["A1", "A2", "B1", "B2", "C1", "C2"])
        );
    }
}
