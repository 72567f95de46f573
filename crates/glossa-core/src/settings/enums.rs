//! The closed sets of the writing assistant's appearance settings, with the
//! exact values of the database CHECK constraints.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Declares `ALL`, `as_str`, `Display` and `FromStr` for a settings enum
/// from its variants and their stored names.
macro_rules! text_enum {
    ($t:ident, $what:literal, { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $t {
            /// Every value, in the order the schema lists them.
            pub const ALL: &'static [$t] = &[$($t::$variant),+];

            /// The value as stored in the database and sent over the API.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($t::$variant => $name),+
                }
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $t {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| {
                        let names: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                        format!("{s:?} is not a {}; expected one of {}", $what, names.join(", "))
                    })
            }
        }
    };
}

/// The colour theme of the editor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Cream,
    Light,
    Dark,
    Sepia,
    HighContrast,
}

text_enum!(Theme, "theme", {
    Cream => "cream",
    Light => "light",
    Dark => "dark",
    Sepia => "sepia",
    HighContrast => "high_contrast",
});

/// The paper size of the editor's page view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PageType {
    #[default]
    A4,
    A5,
    Letter,
    Legal,
}

text_enum!(PageType, "page type", {
    A4 => "a4",
    A5 => "a5",
    Letter => "letter",
    Legal => "legal",
});

/// How the editor lays out the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ViewMode {
    #[default]
    Paper,
    Web,
    Focus,
}

text_enum!(ViewMode, "view mode", {
    Paper => "paper",
    Web => "web",
    Focus => "focus",
});

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    fn check_enum<T>(expected: &[&str], all: &[T])
    where
        T: Copy + PartialEq + fmt::Debug + fmt::Display + FromStr<Err = String>,
        T: Serialize + DeserializeOwned + utoipa::PartialSchema,
    {
        let names: Vec<String> = all.iter().map(ToString::to_string).collect();
        assert_eq!(names, expected);
        for (value, name) in all.iter().zip(expected) {
            assert_eq!(name.parse::<T>().unwrap(), *value);
            let json = serde_json::to_string(value).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *value);
        }
        let err = "nope".parse::<T>().unwrap_err();
        assert!(err.contains(&expected.join(", ")), "{err}");
        assert!(serde_json::from_str::<T>("\"nope\"").is_err());
        let schema = serde_json::to_value(T::schema()).unwrap();
        assert_eq!(schema["enum"], serde_json::json!(expected));
    }

    #[test]
    fn theme_matches_the_check() {
        check_enum(
            &["cream", "light", "dark", "sepia", "high_contrast"],
            Theme::ALL,
        );
        assert_eq!(Theme::default(), Theme::Cream);
    }

    #[test]
    fn page_type_matches_the_check() {
        check_enum(&["a4", "a5", "letter", "legal"], PageType::ALL);
        assert_eq!(PageType::default(), PageType::A4);
    }

    #[test]
    fn view_mode_matches_the_check() {
        check_enum(&["paper", "web", "focus"], ViewMode::ALL);
        assert_eq!(ViewMode::default(), ViewMode::Paper);
    }
}
