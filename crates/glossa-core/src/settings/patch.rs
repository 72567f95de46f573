//! Partial updates of [`UserSettings`] (`PATCH`).

use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use super::{PageType, Theme, UserSettings, ViewMode};
use crate::language::LanguageCode;

/// A partial update: every field is optional and an absent field keeps its
/// current value. `reminder_time` and `tts_voice` can also be cleared by
/// sending `null` (`Some(None)` here); `null` for any other field is the
/// same as leaving it out. Unknown fields are refused.
///
/// `apply` does not validate: call [`UserSettings::validate`] on the result.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SettingsPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mind_map_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft_mode_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub polish_mode_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passive_learning: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai_coaching: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inline_corrections: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress_tracking: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_aloud: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<Theme>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_type: Option<PageType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view_mode: Option<ViewMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zoom: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_zoom: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_numbers: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font_size: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_spacing: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub letter_spacing: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voice_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_correct: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus_mode: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tts_speed: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction_aggressiveness: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anonymized_data_collection: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_sync: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub developer_mode: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub daily_goal_xp: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_cards_per_day: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_reviews_per_day: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desired_retention: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_start_hour: Option<i32>,
    /// Absent: unchanged; `null`: cleared; `"HH:MM"`: set.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present_or_null"
    )]
    #[schema(value_type = Option<String>, example = "19:30")]
    pub reminder_time: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ui_language: Option<LanguageCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high_contrast: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reduced_motion: Option<bool>,
    /// Absent: unchanged; `null`: cleared; a name: set.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present_or_null"
    )]
    #[schema(value_type = Option<String>)]
    pub tts_voice: Option<Option<String>>,
}

/// Deserialize a field that is present in the input, keeping `null` apart
/// from absence: `null` becomes `Some(None)`; an absent field is left to
/// `#[serde(default)]`, which gives `None`.
fn present_or_null<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

impl SettingsPatch {
    /// True when the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == SettingsPatch::default()
    }

    /// `base` with every field present in the patch replaced.
    pub fn apply(&self, base: &UserSettings) -> UserSettings {
        fn pick<T: Clone>(patch: &Option<T>, base: &T) -> T {
            patch.as_ref().unwrap_or(base).clone()
        }
        UserSettings {
            language: pick(&self.language, &base.language),
            mind_map_enabled: pick(&self.mind_map_enabled, &base.mind_map_enabled),
            draft_mode_enabled: pick(&self.draft_mode_enabled, &base.draft_mode_enabled),
            polish_mode_enabled: pick(&self.polish_mode_enabled, &base.polish_mode_enabled),
            passive_learning: pick(&self.passive_learning, &base.passive_learning),
            ai_coaching: pick(&self.ai_coaching, &base.ai_coaching),
            inline_corrections: pick(&self.inline_corrections, &base.inline_corrections),
            progress_tracking: pick(&self.progress_tracking, &base.progress_tracking),
            read_aloud: pick(&self.read_aloud, &base.read_aloud),
            theme: pick(&self.theme, &base.theme),
            font: pick(&self.font, &base.font),
            page_type: pick(&self.page_type, &base.page_type),
            view_mode: pick(&self.view_mode, &base.view_mode),
            zoom: pick(&self.zoom, &base.zoom),
            show_zoom: pick(&self.show_zoom, &base.show_zoom),
            page_numbers: pick(&self.page_numbers, &base.page_numbers),
            font_size: pick(&self.font_size, &base.font_size),
            line_spacing: pick(&self.line_spacing, &base.line_spacing),
            letter_spacing: pick(&self.letter_spacing, &base.letter_spacing),
            voice_enabled: pick(&self.voice_enabled, &base.voice_enabled),
            auto_correct: pick(&self.auto_correct, &base.auto_correct),
            focus_mode: pick(&self.focus_mode, &base.focus_mode),
            tts_speed: pick(&self.tts_speed, &base.tts_speed),
            correction_aggressiveness: pick(
                &self.correction_aggressiveness,
                &base.correction_aggressiveness,
            ),
            anonymized_data_collection: pick(
                &self.anonymized_data_collection,
                &base.anonymized_data_collection,
            ),
            cloud_sync: pick(&self.cloud_sync, &base.cloud_sync),
            developer_mode: pick(&self.developer_mode, &base.developer_mode),
            daily_goal_xp: pick(&self.daily_goal_xp, &base.daily_goal_xp),
            new_cards_per_day: pick(&self.new_cards_per_day, &base.new_cards_per_day),
            max_reviews_per_day: pick(&self.max_reviews_per_day, &base.max_reviews_per_day),
            desired_retention: pick(&self.desired_retention, &base.desired_retention),
            day_start_hour: pick(&self.day_start_hour, &base.day_start_hour),
            reminder_time: pick(&self.reminder_time, &base.reminder_time),
            ui_language: pick(&self.ui_language, &base.ui_language),
            high_contrast: pick(&self.high_contrast, &base.high_contrast),
            reduced_motion: pick(&self.reduced_motion, &base.reduced_motion),
            tts_voice: pick(&self.tts_voice, &base.tts_voice),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn patch_absent_null_and_values() {
        let patch: SettingsPatch = serde_json::from_value(json!({})).unwrap();
        assert!(patch.is_empty());
        let base = UserSettings {
            reminder_time: Some("08:00".to_owned()),
            tts_voice: Some("voice-a".to_owned()),
            ..UserSettings::default()
        };
        assert_eq!(patch.apply(&base), base);

        let patch: SettingsPatch = serde_json::from_value(json!({
            "zoom": 150,
            "theme": "dark",
            "ui_language": "DE",
            "reminder_time": null,
            "tts_speed": null
        }))
        .unwrap();
        assert!(!patch.is_empty());
        assert_eq!(patch.reminder_time, Some(None));
        assert_eq!(patch.tts_voice, None);
        assert_eq!(patch.tts_speed, None);
        let applied = patch.apply(&base);
        assert_eq!(applied.zoom, 150);
        assert_eq!(applied.theme, Theme::Dark);
        assert_eq!(applied.ui_language.as_str(), "de");
        assert_eq!(applied.reminder_time, None);
        assert_eq!(applied.tts_voice, Some("voice-a".to_owned()));
        assert_eq!(applied.tts_speed, base.tts_speed);

        let patch: SettingsPatch =
            serde_json::from_value(json!({"reminder_time": "21:15", "tts_voice": "v"})).unwrap();
        let applied = patch.apply(&UserSettings::default());
        assert_eq!(applied.reminder_time.as_deref(), Some("21:15"));
        assert_eq!(applied.tts_voice.as_deref(), Some("v"));
    }

    #[test]
    fn patch_refuses_unknown_and_ill_typed_fields() {
        assert!(serde_json::from_value::<SettingsPatch>(json!({"zoooom": 1})).is_err());
        assert!(serde_json::from_value::<SettingsPatch>(json!({"zoom": "big"})).is_err());
        assert!(serde_json::from_value::<SettingsPatch>(json!({"page_type": "a3"})).is_err());
    }

    #[test]
    fn patch_serializes_absent_and_null_apart() {
        let patch = SettingsPatch {
            reminder_time: Some(None),
            font_size: Some(20),
            ..SettingsPatch::default()
        };
        let value = serde_json::to_value(&patch).unwrap();
        assert_eq!(value, json!({"reminder_time": null, "font_size": 20}));
        assert_eq!(
            serde_json::from_value::<SettingsPatch>(value).unwrap(),
            patch
        );
    }

    #[test]
    fn a_full_patch_replaces_everything() {
        // Every settings field is a patch field: a patch made from a full
        // settings object yields that object whatever the base.
        let target = UserSettings {
            theme: Theme::Sepia,
            zoom: 300,
            reminder_time: Some("06:45".to_owned()),
            tts_voice: Some("x".to_owned()),
            ..UserSettings::default()
        };
        let patch: SettingsPatch =
            serde_json::from_value(serde_json::to_value(&target).unwrap()).unwrap();
        let base = UserSettings {
            reduced_motion: true,
            page_type: PageType::Legal,
            ..UserSettings::default()
        };
        assert_eq!(patch.apply(&base), target);
    }

    proptest! {
        #[test]
        fn empty_patch_is_identity(zoom in 25i32..=400, goal in 1i32..=10_000, focus in any::<bool>()) {
            let base = UserSettings { zoom, daily_goal_xp: goal, focus_mode: focus, ..UserSettings::default() };
            prop_assert_eq!(SettingsPatch::default().apply(&base), base);
        }
    }
}
