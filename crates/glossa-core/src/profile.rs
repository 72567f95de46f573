//! Public profile values: the optional username and the display name.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Shortest username accepted.
pub const USERNAME_MIN_LEN: usize = 3;
/// Longest username accepted.
pub const USERNAME_MAX_LEN: usize = 32;
/// Longest display name accepted, in characters.
pub const DISPLAY_NAME_MAX_LEN: usize = 100;

/// A unique handle: 3 to 32 of `a-z`, `0-9`, `_`, `.` and `-`. Input is
/// trimmed and lower-cased, so `"Ada_L"` becomes `ada_l`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(
    value_type = String,
    min_length = 3,
    max_length = 32,
    pattern = "^[a-z0-9_.-]{3,32}$",
    example = "ada_lovelace"
)]
pub struct Username(String);

impl Username {
    /// Normalise and validate a username.
    pub fn parse(input: &str) -> Result<Username, String> {
        let name = input.trim().to_ascii_lowercase();
        if let Some(bad) = name.chars().find(|c| {
            !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'))
        }) {
            return Err(format!(
                "may only contain letters a-z, digits, '_', '.' and '-' (found {bad:?})"
            ));
        }
        // Every character is ASCII here, so bytes and characters agree.
        let len = name.len();
        if !(USERNAME_MIN_LEN..=USERNAME_MAX_LEN).contains(&len) {
            return Err(format!(
                "must be between {USERNAME_MIN_LEN} and {USERNAME_MAX_LEN} characters long"
            ));
        }
        Ok(Username(name))
    }

    /// The normalised username.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name shown to other people: trimmed, 1 to 100 characters, without
/// control characters (line breaks and tabs included).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, min_length = 1, max_length = 100, example = "Ada Lovelace")]
pub struct DisplayName(String);

impl DisplayName {
    /// Trim and validate a display name.
    pub fn parse(input: &str) -> Result<DisplayName, String> {
        let name = input.trim();
        if name.is_empty() {
            return Err("must not be empty".to_owned());
        }
        if name.chars().count() > DISPLAY_NAME_MAX_LEN {
            return Err(format!(
                "must be at most {DISPLAY_NAME_MAX_LEN} characters long"
            ));
        }
        if name.chars().any(char::is_control) {
            return Err("must not contain control characters or line breaks".to_owned());
        }
        Ok(DisplayName(name.to_owned()))
    }

    /// The display name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! string_newtype_impls {
    ($t:ident) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $t {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $t::parse(s)
            }
        }

        impl TryFrom<String> for $t {
            type Error = String;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                $t::parse(&value)
            }
        }

        impl From<$t> for String {
            fn from(value: $t) -> Self {
                value.0
            }
        }
    };
}

string_newtype_impls!(Username);
string_newtype_impls!(DisplayName);

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn username_normalises() {
        assert_eq!(Username::parse(" Ada_L ").unwrap().as_str(), "ada_l");
        assert_eq!(Username::parse("a.b-c_1").unwrap().as_str(), "a.b-c_1");
    }

    #[test]
    fn username_length_bounds() {
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("abc").is_ok());
        assert!(Username::parse(&"a".repeat(32)).is_ok());
        let err = Username::parse(&"a".repeat(33)).unwrap_err();
        assert!(err.contains("between 3 and 32"));
        assert!(Username::parse("").is_err());
    }

    #[test]
    fn username_rejects_other_characters() {
        for bad in ["ada lovelace", "ada@home", "adä", "ada/x", "ada+1", "ада"] {
            let err = Username::parse(bad).unwrap_err();
            assert!(err.contains("may only contain"), "{bad}: {err}");
        }
    }

    #[test]
    fn display_name_rules() {
        assert_eq!(
            DisplayName::parse("  Ada Lovelace ").unwrap().as_str(),
            "Ada Lovelace"
        );
        assert_eq!(DisplayName::parse("Zoë 李").unwrap().as_str(), "Zoë 李");
        assert_eq!(DisplayName::parse("   ").unwrap_err(), "must not be empty");
        assert!(DisplayName::parse(&"é".repeat(100)).is_ok());
        assert!(
            DisplayName::parse(&"é".repeat(101))
                .unwrap_err()
                .contains("at most 100")
        );
        assert!(DisplayName::parse("Ada\nLovelace").is_err());
        assert!(DisplayName::parse("Ada\u{0}").is_err());
    }

    #[test]
    fn serde_validates() {
        let user: Username = serde_json::from_str("\"Ada_L\"").unwrap();
        assert_eq!(serde_json::to_string(&user).unwrap(), "\"ada_l\"");
        assert!(serde_json::from_str::<Username>("\"a\"").is_err());
        let name: DisplayName = serde_json::from_str("\" Ada \"").unwrap();
        assert_eq!(name.to_string(), "Ada");
        assert!(serde_json::from_str::<DisplayName>("\"\"").is_err());
        let s: String = name.into();
        assert_eq!(s, "Ada");
        assert_eq!("ada_l".parse::<Username>().unwrap(), user);
        assert_eq!(user.as_ref(), "ada_l");
    }

    #[test]
    fn schemas_are_strings() {
        for schema in [
            <Username as utoipa::PartialSchema>::schema(),
            <DisplayName as utoipa::PartialSchema>::schema(),
        ] {
            assert_eq!(serde_json::to_value(schema).unwrap()["type"], "string");
        }
    }

    proptest! {
        #[test]
        fn username_parse_never_panics_and_is_idempotent(s in "\\PC{0,40}") {
            if let Ok(user) = Username::parse(&s) {
                prop_assert_eq!(Username::parse(user.as_str()), Ok(user.clone()));
                prop_assert!((3..=32).contains(&user.as_str().len()));
            }
        }

        #[test]
        fn valid_usernames_are_accepted(s in "[a-zA-Z0-9_.-]{3,32}") {
            let user = Username::parse(&s).unwrap();
            prop_assert_eq!(user.as_str(), s.to_ascii_lowercase());
        }

        #[test]
        fn display_name_parse_is_idempotent(s in "\\PC{0,120}") {
            if let Ok(name) = DisplayName::parse(&s) {
                let shown = name.to_string();
                prop_assert_eq!(DisplayName::parse(&shown), Ok(name.clone()));
                prop_assert!(!name.as_str().is_empty());
            }
        }
    }
}
