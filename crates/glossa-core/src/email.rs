//! A validated, normalised email address.

use std::fmt;
use std::str::FromStr;

use email_address::{EmailAddress, Options};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The longest address accepted, in bytes (the SMTP path limit less the
/// angle brackets).
pub const EMAIL_MAX_LEN: usize = 254;

/// An email address: trimmed, lower-cased and checked against RFC 5322 by
/// the `email_address` crate. Display names (`Ada <ada@example.com>`),
/// domain literals (`ada@[127.0.0.1]`) and single-label domains
/// (`ada@localhost`) are refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, format = Email, max_length = 254, example = "ada@example.com")]
pub struct Email(String);

impl Email {
    /// Normalise and validate `input`.
    pub fn parse(input: &str) -> Result<Email, String> {
        let normalised = input.trim().to_lowercase();
        if normalised.is_empty() {
            return Err("must not be empty".to_owned());
        }
        if normalised.len() > EMAIL_MAX_LEN {
            return Err(format!("must be at most {EMAIL_MAX_LEN} characters long"));
        }
        if normalised.chars().any(char::is_control) {
            return Err("must not contain control characters".to_owned());
        }
        let options = Options {
            minimum_sub_domains: 2,
            allow_domain_literal: false,
            allow_display_text: false,
            allow_long_local_parts: false,
        };
        match EmailAddress::parse_with_options(&normalised, options) {
            Ok(_) => Ok(Email(normalised)),
            Err(_) => Err("is not a valid email address".to_owned()),
        }
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the last `@`.
    pub fn local_part(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(local, _)| local)
    }

    /// The part after the last `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }

    /// Consume the value, returning the normalised address.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for Email {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Email::parse(s)
    }
}

impl TryFrom<String> for Email {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalises_case_and_whitespace() {
        let email = Email::parse("  Ada.Lovelace@Example.COM \n").unwrap();
        assert_eq!(email.as_str(), "ada.lovelace@example.com");
        assert_eq!(email.to_string(), "ada.lovelace@example.com");
        assert_eq!(email.local_part(), "ada.lovelace");
        assert_eq!(email.domain(), "example.com");
    }

    #[test]
    fn accepts_common_forms() {
        for ok in [
            "a@b.co",
            "first.last+tag@sub.example.org",
            "user_name-1@example-mail.de",
            "müller@beispiel.de",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok} should be valid");
        }
    }

    #[test]
    fn rejects_invalid_addresses() {
        for bad in [
            "",
            "   ",
            "plainaddress",
            "@example.com",
            "ada@",
            "ada@@example.com",
            "ada@localhost",
            "ada@[127.0.0.1]",
            "Ada <ada@example.com>",
            "ada lovelace@example.com",
            ".ada@example.com",
            "ada..l@example.com",
            "ada@-example.com",
            "ada@example..com",
            "ada\u{7}@example.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be invalid");
        }
    }

    #[test]
    fn error_messages() {
        assert_eq!(Email::parse(" ").unwrap_err(), "must not be empty");
        assert_eq!(
            Email::parse("nope").unwrap_err(),
            "is not a valid email address"
        );
    }

    #[test]
    fn length_limit() {
        let domain = format!(
            "{}.{}.{}.com",
            "d".repeat(63),
            "e".repeat(63),
            "f".repeat(63)
        );
        let fits = format!("{}@{domain}", "a".repeat(EMAIL_MAX_LEN - domain.len() - 1));
        assert_eq!(fits.len(), EMAIL_MAX_LEN);
        assert!(Email::parse(&fits).is_ok());
        let too_long = format!("a{fits}");
        assert!(Email::parse(&too_long).unwrap_err().contains("at most 254"));
    }

    #[test]
    fn serde_round_trip_and_validation() {
        let email = Email::parse("Ada@Example.com").unwrap();
        let json = serde_json::to_string(&email).unwrap();
        assert_eq!(json, "\"ada@example.com\"");
        assert_eq!(serde_json::from_str::<Email>(&json).unwrap(), email);
        assert_eq!(
            serde_json::from_str::<Email>("\"ADA@example.com\"").unwrap(),
            email
        );
        assert!(serde_json::from_str::<Email>("\"not an email\"").is_err());
        assert!(serde_json::from_str::<Email>("3").is_err());
    }

    #[test]
    fn from_str_and_conversions() {
        let email: Email = "x@y.io".parse().unwrap();
        let s: String = email.clone().into();
        assert_eq!(s, "x@y.io");
        assert_eq!(email.as_ref(), "x@y.io");
        assert_eq!(Email::try_from(s).unwrap(), email);
        assert_eq!(email.into_inner(), "x@y.io");
    }

    #[test]
    fn schema_is_a_string() {
        let schema = serde_json::to_value(<Email as utoipa::PartialSchema>::schema()).unwrap();
        assert_eq!(schema["type"], "string");
        assert_eq!(schema["format"], "email");
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = Email::parse(&s);
        }

        #[test]
        fn parse_is_idempotent(s in "\\PC{0,80}") {
            if let Ok(email) = Email::parse(&s) {
                let shown = email.to_string();
                prop_assert_eq!(Email::parse(&shown), Ok(email.clone()));
                prop_assert_eq!(email.as_str().trim(), email.as_str());
            }
        }

        #[test]
        fn generated_addresses_are_accepted(
            local in "[a-zA-Z0-9_+-]{1,20}(\\.[a-zA-Z0-9_+-]{1,10})?",
            host in "[a-zA-Z0-9]{1,20}",
            tld in "[a-zA-Z]{2,6}",
        ) {
            let raw = format!(" {local}@{host}.{tld} ");
            let email = Email::parse(&raw).unwrap();
            prop_assert_eq!(email.as_str(), raw.trim().to_lowercase());
            prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
            let json = serde_json::to_string(&email).unwrap();
            prop_assert_eq!(serde_json::from_str::<Email>(&json).unwrap(), email);
        }
    }
}
