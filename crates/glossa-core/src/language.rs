//! ISO 639-1 language codes.

use std::fmt;
use std::str::FromStr;

use isolang::Language;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

/// A language, as its two-letter ISO 639-1 code (`en`, `de`, `it`...).
///
/// Only codes that ISO 639-1 assigns are accepted; input is trimmed and
/// lower-cased, so `"DE"` parses as `de`. The stored form always satisfies
/// the database check (two lower-case ASCII letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(into = "String")]
#[schema(value_type = String, min_length = 2, max_length = 2, pattern = "^[a-z]{2}$", example = "en")]
pub struct LanguageCode(&'static str);

impl LanguageCode {
    /// English, the default language of a new account.
    pub const EN: LanguageCode = LanguageCode("en");

    /// Normalise and validate a code.
    pub fn parse(input: &str) -> Result<LanguageCode, String> {
        let code = input.trim();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(format!(
                "must be a two-letter ISO 639-1 language code such as \"en\" (got {code:?})"
            ));
        }
        let code = code.to_ascii_lowercase();
        Language::from_639_1(&code)
            .and_then(|language| language.to_639_1())
            .map(LanguageCode)
            .ok_or_else(|| format!("{code:?} is not an ISO 639-1 language code"))
    }

    /// The two-letter code.
    pub fn as_str(&self) -> &'static str {
        self.0
    }

    /// The language's English name as given by ISO 639 (`"German"` for `de`).
    pub fn name(&self) -> &'static str {
        Language::from_639_1(self.0).map_or(self.0, |language| language.to_name())
    }
}

impl Default for LanguageCode {
    fn default() -> Self {
        Self::EN
    }
}

impl fmt::Display for LanguageCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl AsRef<str> for LanguageCode {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl FromStr for LanguageCode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LanguageCode::parse(s)
    }
}

impl TryFrom<String> for LanguageCode {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        LanguageCode::parse(&value)
    }
}

// Written by hand: a derived impl would demand `'de: 'static` because of
// the `&'static str` field.
impl<'de> Deserialize<'de> for LanguageCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        LanguageCode::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl From<LanguageCode> for String {
    fn from(code: LanguageCode) -> Self {
        code.0.to_owned()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_assigned_codes() {
        for (code, name) in [
            ("en", "English"),
            ("de", "German"),
            ("it", "Italian"),
            ("fr", "French"),
            ("es", "Spanish"),
            ("ar", "Arabic"),
            ("ja", "Japanese"),
        ] {
            let parsed = LanguageCode::parse(code).unwrap();
            assert_eq!(parsed.as_str(), code);
            assert_eq!(parsed.name(), name);
        }
    }

    #[test]
    fn normalises_case_and_whitespace() {
        assert_eq!(LanguageCode::parse(" DE ").unwrap().as_str(), "de");
        assert_eq!(LanguageCode::parse("Fr").unwrap().as_str(), "fr");
    }

    #[test]
    fn rejects_malformed_and_unassigned() {
        for bad in ["", "e", "eng", "e1", "xx", "qq", "zz", "é!", "ü", "en-GB"] {
            assert!(LanguageCode::parse(bad).is_err(), "{bad:?} should fail");
        }
        assert!(
            LanguageCode::parse("xx")
                .unwrap_err()
                .contains("not an ISO 639-1")
        );
        assert!(
            LanguageCode::parse("eng")
                .unwrap_err()
                .contains("two-letter")
        );
    }

    #[test]
    fn default_is_english() {
        assert_eq!(LanguageCode::default(), LanguageCode::EN);
        assert_eq!(LanguageCode::EN, LanguageCode::parse("en").unwrap());
    }

    #[test]
    fn serde_round_trip() {
        let de = LanguageCode::parse("de").unwrap();
        assert_eq!(serde_json::to_string(&de).unwrap(), "\"de\"");
        assert_eq!(serde_json::from_str::<LanguageCode>("\"DE\"").unwrap(), de);
        assert!(serde_json::from_str::<LanguageCode>("\"xx\"").is_err());
        let s: String = de.into();
        assert_eq!(s, "de");
        assert_eq!(de.to_string(), "de");
        assert_eq!("de".parse::<LanguageCode>().unwrap(), de);
    }

    #[test]
    fn schema_is_a_string() {
        let schema =
            serde_json::to_value(<LanguageCode as utoipa::PartialSchema>::schema()).unwrap();
        assert_eq!(schema["type"], "string");
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = LanguageCode::parse(&s);
        }

        #[test]
        fn valid_codes_round_trip(s in "[a-zA-Z]{2}") {
            if let Ok(code) = LanguageCode::parse(&s) {
                prop_assert_eq!(code.as_str(), s.to_ascii_lowercase());
                prop_assert!(code.as_str().bytes().all(|b| b.is_ascii_lowercase()));
                let shown = code.to_string();
                prop_assert_eq!(LanguageCode::parse(&shown), Ok(code));
                prop_assert!(!code.name().is_empty());
            }
        }
    }
}
