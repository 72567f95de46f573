//! Glossa's domain types: validated values parsed once at the edge of the
//! system, and the rules that go with them. No I/O lives here.

pub mod answer;
pub mod assessment;
pub mod cefr;
pub mod email;
pub mod gamification;
pub mod language;
pub mod pack;
pub mod password;
pub mod profile;
pub mod progress;
pub mod role;
pub mod settings;
pub mod srs;
pub mod timezone;
pub mod validation;

pub use cefr::CefrLevel;
pub use email::Email;
pub use language::LanguageCode;
pub use password::check_password;
pub use profile::{DisplayName, Username};
pub use role::Role;
pub use settings::{PageType, SettingsPatch, Theme, UserSettings, ViewMode};
pub use timezone::Timezone;
pub use validation::FieldErrors;
