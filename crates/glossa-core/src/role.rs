//! Account roles.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What an account may do. Stored as `learner`, `teacher` or `admin`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Studies languages; the role of every new account.
    #[default]
    Learner,
    /// Authors content and follows learners.
    Teacher,
    /// Administers the server.
    Admin,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Learner, Role::Teacher, Role::Admin];

    /// The role's name as stored in the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Learner => "learner",
            Role::Teacher => "teacher",
            Role::Admin => "admin",
        }
    }

    /// True for administrators.
    pub const fn is_admin(self) -> bool {
        matches!(self, Role::Admin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses the stored names exactly (`"teacher"`).
impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| format!("{s:?} is not a role; expected one of learner, teacher, admin"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), role);
            assert_eq!(role.to_string(), role.as_str());
        }
    }

    #[test]
    fn rejects_unknown() {
        let err = "root".parse::<Role>().unwrap_err();
        assert!(err.contains("learner, teacher, admin"));
        assert!("Admin".parse::<Role>().is_err());
        assert!(serde_json::from_str::<Role>("\"superuser\"").is_err());
    }

    #[test]
    fn default_and_admin() {
        assert_eq!(Role::default(), Role::Learner);
        assert!(Role::Admin.is_admin());
        assert!(!Role::Teacher.is_admin());
    }

    #[test]
    fn schema_lists_roles() {
        let schema = serde_json::to_value(<Role as utoipa::PartialSchema>::schema()).unwrap();
        assert_eq!(
            schema["enum"],
            serde_json::json!(["learner", "teacher", "admin"])
        );
    }
}
