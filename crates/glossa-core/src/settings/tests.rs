#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use proptest::prelude::*;
use serde_json::{Value, json};

fn defaults_json() -> Value {
    json!({
        "language": "en",
        "mind_map_enabled": true,
        "draft_mode_enabled": true,
        "polish_mode_enabled": true,
        "passive_learning": true,
        "ai_coaching": true,
        "inline_corrections": true,
        "progress_tracking": true,
        "read_aloud": true,
        "theme": "cream",
        "font": "OpenDyslexic",
        "page_type": "a4",
        "view_mode": "paper",
        "zoom": 100,
        "show_zoom": false,
        "page_numbers": true,
        "font_size": 18,
        "line_spacing": 1.75,
        "letter_spacing": 0.05,
        "voice_enabled": true,
        "auto_correct": true,
        "focus_mode": false,
        "tts_speed": 1.0,
        "correction_aggressiveness": 50,
        "anonymized_data_collection": false,
        "cloud_sync": false,
        "developer_mode": false,
        "daily_goal_xp": 50,
        "new_cards_per_day": 20,
        "max_reviews_per_day": 200,
        "desired_retention": 0.9,
        "day_start_hour": 4,
        "reminder_time": null,
        "ui_language": "en",
        "high_contrast": false,
        "reduced_motion": false,
        "tts_voice": null
    })
}

fn with(field: &str, value: Value) -> Result<UserSettings, serde_json::Error> {
    let mut v = defaults_json();
    v[field] = value;
    serde_json::from_value(v)
}

#[test]
fn defaults_are_the_migrations() {
    assert_eq!(
        serde_json::to_value(UserSettings::default()).unwrap(),
        defaults_json()
    );
    assert_eq!(
        serde_json::from_value::<UserSettings>(defaults_json()).unwrap(),
        UserSettings::default()
    );
    assert_eq!(UserSettings::default().validate(), Ok(()));
}

#[test]
fn put_body_is_strict() {
    let mut extra = defaults_json();
    extra["colour"] = json!("red");
    assert!(serde_json::from_value::<UserSettings>(extra).is_err());
    let mut missing = defaults_json();
    missing.as_object_mut().unwrap().remove("zoom");
    assert!(serde_json::from_value::<UserSettings>(missing).is_err());
    assert!(with("theme", json!("neon")).is_err());
    assert!(with("language", json!("xx")).is_err());
}

#[test]
fn ranges_match_the_checks() {
    let cases: &[(&str, Value, Value, Value, Value)] = &[
        ("zoom", json!(25), json!(400), json!(24), json!(401)),
        ("font_size", json!(8), json!(72), json!(7), json!(73)),
        (
            "line_spacing",
            json!(1.0),
            json!(4.0),
            json!(0.99),
            json!(4.01),
        ),
        (
            "letter_spacing",
            json!(0.0),
            json!(1.0),
            json!(-0.01),
            json!(1.01),
        ),
        (
            "tts_speed",
            json!(0.25),
            json!(4.0),
            json!(0.24),
            json!(4.01),
        ),
        (
            "correction_aggressiveness",
            json!(0),
            json!(100),
            json!(-1),
            json!(101),
        ),
        (
            "daily_goal_xp",
            json!(1),
            json!(10000),
            json!(0),
            json!(10001),
        ),
        (
            "new_cards_per_day",
            json!(0),
            json!(10000),
            json!(-1),
            json!(10001),
        ),
        (
            "max_reviews_per_day",
            json!(0),
            json!(100000),
            json!(-1),
            json!(100001),
        ),
        (
            "desired_retention",
            json!(0.7),
            json!(0.99),
            json!(0.69),
            json!(0.991),
        ),
        ("day_start_hour", json!(0), json!(23), json!(-1), json!(24)),
    ];
    for (field, lo, hi, below, above) in cases {
        for ok in [lo, hi] {
            assert_eq!(
                with(field, ok.clone()).unwrap().validate(),
                Ok(()),
                "{field}={ok}"
            );
        }
        for bad in [below, above] {
            let errors = with(field, bad.clone()).unwrap().validate().unwrap_err();
            assert_eq!(errors.len(), 1, "{field}={bad}: {errors}");
            let message = &errors.get(field)[0];
            assert!(message.starts_with("must be between"), "{message}");
        }
    }
    let errors = with("zoom", json!(10)).unwrap().validate().unwrap_err();
    assert_eq!(errors.get("zoom"), ["must be between 25 and 400"]);
    let errors = with("tts_speed", json!(9)).unwrap().validate().unwrap_err();
    assert_eq!(errors.get("tts_speed"), ["must be between 0.25 and 4"]);
}

#[test]
fn nan_is_out_of_range() {
    let settings = UserSettings {
        line_spacing: f64::NAN,
        ..UserSettings::default()
    };
    assert!(
        !settings
            .validate()
            .unwrap_err()
            .get("line_spacing")
            .is_empty()
    );
}

#[test]
fn every_error_is_reported() {
    let settings = UserSettings {
        zoom: 0,
        font: " ".to_owned(),
        reminder_time: Some("25:00".to_owned()),
        tts_voice: Some(String::new()),
        ..UserSettings::default()
    };
    let errors = settings.validate().unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["font", "reminder_time", "tts_voice", "zoom"]);
    assert_eq!(errors.get("font"), ["must not be blank"]);
}

#[test]
fn text_settings() {
    assert!(with("font", json!("")).unwrap().validate().is_err());
    assert!(
        with("font", json!("x".repeat(101)))
            .unwrap()
            .validate()
            .is_err()
    );
    assert!(
        with("font", json!("Atkinson\tHyperlegible"))
            .unwrap()
            .validate()
            .is_err()
    );
    assert_eq!(
        with("font", json!("Atkinson Hyperlegible"))
            .unwrap()
            .validate(),
        Ok(())
    );
    assert_eq!(
        with("tts_voice", json!("de-DE-Katja")).unwrap().validate(),
        Ok(())
    );
    assert!(with("tts_voice", json!("  ")).unwrap().validate().is_err());
}

#[test]
fn reminder_times() {
    for ok in ["00:00", "07:30", "19:05", "23:59"] {
        assert!(parse_reminder_time(ok).is_ok(), "{ok}");
        assert_eq!(with("reminder_time", json!(ok)).unwrap().validate(), Ok(()));
    }
    assert_eq!(parse_reminder_time("07:30"), Ok((7, 30)));
    for bad in [
        "",
        "7:30",
        "24:00",
        "12:60",
        "12-30",
        "12:3",
        "1230",
        "12:30:00",
        "ab:cd",
        "+1:30",
        "１２:３０",
    ] {
        assert!(parse_reminder_time(bad).is_err(), "{bad}");
        let errors = with("reminder_time", json!(bad))
            .unwrap()
            .validate()
            .unwrap_err();
        assert!(errors.get("reminder_time")[0].contains("HH:MM"));
    }
}

#[test]
fn schemas() {
    let schema = serde_json::to_value(<UserSettings as utoipa::PartialSchema>::schema()).unwrap();
    let properties = schema["properties"].as_object().unwrap();
    assert_eq!(properties.len(), defaults_json().as_object().unwrap().len());
    assert_eq!(properties["zoom"]["minimum"], json!(25));
    let patch = serde_json::to_value(<SettingsPatch as utoipa::PartialSchema>::schema()).unwrap();
    assert_eq!(
        patch["properties"].as_object().unwrap().len(),
        properties.len()
    );
}

proptest! {
    #[test]
    fn zoom_validity_matches_the_range(zoom in any::<i32>()) {
        let settings = UserSettings { zoom, ..UserSettings::default() };
        prop_assert_eq!(settings.validate().is_ok(), (25..=400).contains(&zoom));
    }

    #[test]
    fn retention_validity_matches_the_range(r in -1.0f64..2.0) {
        let settings = UserSettings { desired_retention: r, ..UserSettings::default() };
        prop_assert_eq!(settings.validate().is_ok(), (0.7..=0.99).contains(&r));
    }

    #[test]
    fn reminder_parse_matches_format(h in 0u8..30, m in 0u8..70) {
        let text = format!("{h:02}:{m:02}");
        prop_assert_eq!(parse_reminder_time(&text).is_ok(), h < 24 && m < 60);
    }

    #[test]
    fn reminder_parse_never_panics(s in "\\PC{0,8}") {
        let _ = parse_reminder_time(&s);
    }
}
