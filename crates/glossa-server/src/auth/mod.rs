//! Authentication: password hashing, opaque tokens, the authenticated-user
//! extractor and rate limits.

pub mod extractor;
pub mod password;
pub mod rate_limit;
pub mod token;

pub use extractor::{AuthUser, RequireAdmin, RequireTeacher};
