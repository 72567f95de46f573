//! SeaORM entities, one module per table. Columns mirror the migrations in
//! `glossa-migration`; the round-trip tests catch a mismatch.

pub mod api_tokens;
pub mod auth_sessions;
pub mod learner_languages;
pub mod user_settings;
pub mod users;
