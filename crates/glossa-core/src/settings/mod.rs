//! A user's preferences: one row of `user_settings`, less its keys and
//! timestamps.

mod enums;
mod patch;

use std::fmt::Display;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::language::LanguageCode;
use crate::validation::FieldErrors;

pub use enums::{PageType, Theme, ViewMode};
pub use patch::SettingsPatch;

/// Longest font name or TTS voice name accepted, in characters.
pub const SETTING_TEXT_MAX_LEN: usize = 100;

/// Every user setting, with the defaults of the migration.
///
/// Deserializing refuses unknown fields and requires every non-nullable
/// field, so that a `PUT` replaces the whole set; it does not check the
/// ranges: call [`UserSettings::validate`] for that.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, garde::Validate)]
#[serde(deny_unknown_fields)]
#[garde(allow_unvalidated)]
pub struct UserSettings {
    /// The language the writing assistant works in.
    pub language: LanguageCode,
    pub mind_map_enabled: bool,
    pub draft_mode_enabled: bool,
    pub polish_mode_enabled: bool,
    pub passive_learning: bool,
    pub ai_coaching: bool,
    pub inline_corrections: bool,
    pub progress_tracking: bool,
    pub read_aloud: bool,
    pub theme: Theme,
    /// Font family name; not blank.
    #[garde(custom(text_setting))]
    #[schema(min_length = 1, max_length = 100)]
    pub font: String,
    pub page_type: PageType,
    pub view_mode: ViewMode,
    /// Percent, 25 to 400.
    #[garde(custom(between(25, 400)))]
    #[schema(minimum = 25, maximum = 400)]
    pub zoom: i32,
    pub show_zoom: bool,
    pub page_numbers: bool,
    /// Points, 8 to 72.
    #[garde(custom(between(8, 72)))]
    #[schema(minimum = 8, maximum = 72)]
    pub font_size: i32,
    /// 1.0 to 4.0.
    #[garde(custom(between(1.0, 4.0)))]
    #[schema(minimum = 1.0, maximum = 4.0)]
    pub line_spacing: f64,
    /// Em, 0.0 to 1.0.
    #[garde(custom(between(0.0, 1.0)))]
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub letter_spacing: f64,
    pub voice_enabled: bool,
    pub auto_correct: bool,
    pub focus_mode: bool,
    /// Speech rate, 0.25 to 4.0.
    #[garde(custom(between(0.25, 4.0)))]
    #[schema(minimum = 0.25, maximum = 4.0)]
    pub tts_speed: f64,
    /// 0 (only clear errors) to 100 (every suggestion).
    #[garde(custom(between(0, 100)))]
    #[schema(minimum = 0, maximum = 100)]
    pub correction_aggressiveness: i32,
    pub anonymized_data_collection: bool,
    pub cloud_sync: bool,
    pub developer_mode: bool,
    /// 1 to 10000.
    #[garde(custom(between(1, 10_000)))]
    #[schema(minimum = 1, maximum = 10000)]
    pub daily_goal_xp: i32,
    /// 0 to 10000.
    #[garde(custom(between(0, 10_000)))]
    #[schema(minimum = 0, maximum = 10000)]
    pub new_cards_per_day: i32,
    /// 0 to 100000.
    #[garde(custom(between(0, 100_000)))]
    #[schema(minimum = 0, maximum = 100000)]
    pub max_reviews_per_day: i32,
    /// Target recall probability for the scheduler, 0.7 to 0.99.
    #[garde(custom(between(0.7, 0.99)))]
    #[schema(minimum = 0.7, maximum = 0.99)]
    pub desired_retention: f64,
    /// Local hour (0 to 23) at which a new study day begins.
    #[garde(custom(between(0, 23)))]
    #[schema(minimum = 0, maximum = 23)]
    pub day_start_hour: i32,
    /// Daily reminder as local `HH:MM` (24-hour clock), or none.
    #[garde(custom(optional_reminder_time))]
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", example = "19:30")]
    pub reminder_time: Option<String>,
    /// The language of the interface.
    pub ui_language: LanguageCode,
    pub high_contrast: bool,
    pub reduced_motion: bool,
    /// Preferred text-to-speech voice, or none for the default voice.
    #[garde(custom(optional_text_setting))]
    #[schema(min_length = 1, max_length = 100)]
    pub tts_voice: Option<String>,
}

impl Default for UserSettings {
    fn default() -> Self {
        Self {
            language: LanguageCode::EN,
            mind_map_enabled: true,
            draft_mode_enabled: true,
            polish_mode_enabled: true,
            passive_learning: true,
            ai_coaching: true,
            inline_corrections: true,
            progress_tracking: true,
            read_aloud: true,
            theme: Theme::Cream,
            font: "OpenDyslexic".to_owned(),
            page_type: PageType::A4,
            view_mode: ViewMode::Paper,
            zoom: 100,
            show_zoom: false,
            page_numbers: true,
            font_size: 18,
            line_spacing: 1.75,
            letter_spacing: 0.05,
            voice_enabled: true,
            auto_correct: true,
            focus_mode: false,
            tts_speed: 1.0,
            correction_aggressiveness: 50,
            anonymized_data_collection: false,
            cloud_sync: false,
            developer_mode: false,
            daily_goal_xp: 50,
            new_cards_per_day: 20,
            max_reviews_per_day: 200,
            desired_retention: 0.9,
            day_start_hour: 4,
            reminder_time: None,
            ui_language: LanguageCode::EN,
            high_contrast: false,
            reduced_motion: false,
            tts_voice: None,
        }
    }
}

impl UserSettings {
    /// Check every value against the ranges of the table's CHECK
    /// constraints (and the `HH:MM` form of `reminder_time`). Errors are
    /// keyed by field name.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        garde::Validate::validate(self).map_err(FieldErrors::from)
    }
}

/// Parse a 24-hour `HH:MM` time into hours and minutes.
pub fn parse_reminder_time(value: &str) -> Result<(u8, u8), String> {
    let invalid = || {
        format!(
            "must be a time of day as HH:MM on a 24-hour clock, such as \"07:30\" (got {value:?})"
        )
    };
    let bytes = value.as_bytes();
    if bytes.len() != 5 || bytes[2] != b':' {
        return Err(invalid());
    }
    let two_digits = |hi: u8, lo: u8| -> Option<u8> {
        (hi.is_ascii_digit() && lo.is_ascii_digit()).then(|| (hi - b'0') * 10 + (lo - b'0'))
    };
    match (
        two_digits(bytes[0], bytes[1]),
        two_digits(bytes[3], bytes[4]),
    ) {
        (Some(h), Some(m)) if h < 24 && m < 60 => Ok((h, m)),
        _ => Err(invalid()),
    }
}

/// A garde rule: `min <= value <= max` (NaN is out of range).
fn between<T: PartialOrd + Display + Copy>(
    min: T,
    max: T,
) -> impl FnOnce(&T, &()) -> garde::Result {
    move |value, _| {
        if min <= *value && *value <= max {
            Ok(())
        } else {
            Err(garde::Error::new(format!(
                "must be between {min} and {max}"
            )))
        }
    }
}

fn text_setting(value: &str, _: &()) -> garde::Result {
    if value.trim().is_empty() {
        return Err(garde::Error::new("must not be blank"));
    }
    if value.chars().count() > SETTING_TEXT_MAX_LEN {
        return Err(garde::Error::new(format!(
            "must be at most {SETTING_TEXT_MAX_LEN} characters long"
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(garde::Error::new("must not contain control characters"));
    }
    Ok(())
}

fn optional_text_setting(value: &Option<String>, ctx: &()) -> garde::Result {
    value.as_deref().map_or(Ok(()), |v| text_setting(v, ctx))
}

fn optional_reminder_time(value: &Option<String>, _: &()) -> garde::Result {
    match value.as_deref() {
        Some(v) => parse_reminder_time(v)
            .map(|_| ())
            .map_err(garde::Error::new),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
