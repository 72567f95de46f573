//! IANA time zones.

use std::fmt;
use std::str::FromStr;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A time zone from the IANA database (`"Europe/Berlin"`, `"UTC"`), as known
/// to `chrono-tz`. Names are matched exactly, after trimming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "Europe/Berlin")]
pub struct Timezone(Tz);

impl Timezone {
    /// Coordinated Universal Time, the default of a new account.
    pub const UTC: Timezone = Timezone(Tz::UTC);

    /// Validate an IANA zone name.
    pub fn parse(input: &str) -> Result<Timezone, String> {
        let name = input.trim();
        if name.is_empty() {
            return Err("must not be empty".to_owned());
        }
        name.parse::<Tz>().map(Timezone).map_err(|_| {
            format!("{name:?} is not an IANA time zone name such as \"Europe/Berlin\" or \"UTC\"")
        })
    }

    /// The zone's IANA name.
    pub fn as_str(&self) -> &'static str {
        self.0.name()
    }

    /// The zone, for date arithmetic with `chrono`.
    pub fn tz(&self) -> Tz {
        self.0
    }
}

impl Default for Timezone {
    fn default() -> Self {
        Self::UTC
    }
}

impl fmt::Display for Timezone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Timezone {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Timezone::parse(s)
    }
}

impl TryFrom<String> for Timezone {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Timezone::parse(&value)
    }
}

impl From<Timezone> for String {
    fn from(tz: Timezone) -> Self {
        tz.as_str().to_owned()
    }
}

impl From<Tz> for Timezone {
    fn from(tz: Tz) -> Self {
        Timezone(tz)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_iana_names() {
        for name in [
            "UTC",
            "Europe/Berlin",
            "America/Argentina/Buenos_Aires",
            "Asia/Kolkata",
        ] {
            let tz = Timezone::parse(name).unwrap();
            assert_eq!(tz.as_str(), name);
            assert_eq!(tz.to_string(), name);
        }
        assert_eq!(
            Timezone::parse(" Europe/Rome ").unwrap().as_str(),
            "Europe/Rome"
        );
    }

    #[test]
    fn rejects_unknown_names() {
        for bad in [
            "",
            "  ",
            "Mars/Olympus",
            "europe/berlin",
            "GMT+25",
            "Berlin",
        ] {
            assert!(Timezone::parse(bad).is_err(), "{bad:?} should fail");
        }
        assert!(Timezone::parse("Nowhere").unwrap_err().contains("IANA"));
    }

    #[test]
    fn default_is_utc() {
        assert_eq!(Timezone::default(), Timezone::UTC);
        assert_eq!(Timezone::default().as_str(), "UTC");
        assert_eq!(Timezone::from(Tz::UTC), Timezone::UTC);
        assert_eq!(Timezone::UTC.tz(), Tz::UTC);
    }

    #[test]
    fn serde_round_trip() {
        let tz = Timezone::parse("Asia/Tokyo").unwrap();
        let json = serde_json::to_string(&tz).unwrap();
        assert_eq!(json, "\"Asia/Tokyo\"");
        assert_eq!(serde_json::from_str::<Timezone>(&json).unwrap(), tz);
        assert!(serde_json::from_str::<Timezone>("\"Asia/Nowhere\"").is_err());
        assert_eq!("Asia/Tokyo".parse::<Timezone>().unwrap(), tz);
    }

    #[test]
    fn schema_is_a_string() {
        let schema = serde_json::to_value(<Timezone as utoipa::PartialSchema>::schema()).unwrap();
        assert_eq!(schema["type"], "string");
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = Timezone::parse(&s);
        }

        #[test]
        fn display_round_trips(s in "[A-Z][a-z]{2,8}/[A-Z][a-z]{2,10}") {
            if let Ok(tz) = Timezone::parse(&s) {
                prop_assert_eq!(Timezone::parse(&tz.to_string()), Ok(tz));
            }
        }
    }
}
