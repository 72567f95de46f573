//! Profile, settings, languages, export and account deletion.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::both_backends;
use crate::common::{TestApp, code};

both_backends!(
    profile_patch,
    settings_defaults_and_changes,
    learner_languages,
    export_and_delete_account,
);

async fn profile_patch(app: &TestApp) {
    let (t, _) = app.register("prof@example.com").await;
    let body = json!({"display_name": "Prof", "username": "Prof.X", "timezone": "Europe/Rome", "native_language": "IT"});
    let (s, v) = app
        .call(Method::PATCH, "/api/v1/me", Some(&t), Some(body))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["username"], "prof.x");
    assert_eq!(v["timezone"], "Europe/Rome");
    assert_eq!(v["native_language"], "it");
    let (s, v) = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&t),
            Some(json!({"display_name": null})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["display_name"].is_null());
    assert_eq!(v["username"], "prof.x", "absent fields stay");

    let bad = json!({"timezone": "Mars/Olympus", "native_language": "xx", "username": "a"});
    let (s, v) = app
        .call(Method::PATCH, "/api/v1/me", Some(&t), Some(bad))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    for f in ["timezone", "native_language", "username"] {
        assert!(v["error"]["details"][f].is_array(), "{f}: {v}");
    }
    let (t2, _) = app.register("other@example.com").await;
    let (s, v) = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&t2),
            Some(json!({"username": "prof.x"})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
}

async fn settings_defaults_and_changes(app: &TestApp) {
    let (t, _) = app.register("set@example.com").await;
    let (s, v) = app.get("/api/v1/me/settings", &t).await;
    assert_eq!(s, StatusCode::OK);
    // The writing assistant's defaults.
    assert_eq!(v["theme"], "cream");
    assert_eq!(v["font"], "OpenDyslexic");
    assert_eq!(v["font_size"], 18);
    assert_eq!(v["line_spacing"], 1.75);
    assert_eq!(v["correction_aggressiveness"], 50);
    assert_eq!(v["mind_map_enabled"], true);
    assert_eq!(v["developer_mode"], false);
    assert_eq!(v["desired_retention"], 0.9);

    let (s, v) = app
        .call(
            Method::PATCH,
            "/api/v1/me/settings",
            Some(&t),
            Some(json!({"theme": "dark", "font_size": 22, "reminder_time": "07:30"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["theme"], "dark");
    assert_eq!(v["font_size"], 22);
    assert_eq!(v["font"], "OpenDyslexic");
    let (_, again) = app.get("/api/v1/me/settings", &t).await;
    assert_eq!(again, v, "the change is stored");

    let bad = json!({"font_size": 500, "correction_aggressiveness": 101, "theme": "neon", "reminder_time": "25:99"});
    let (s, e) = app
        .call(Method::PATCH, "/api/v1/me/settings", Some(&t), Some(bad))
        .await;
    assert!(s == StatusCode::UNPROCESSABLE_ENTITY, "{s} {e}");
    let (_, after) = app.get("/api/v1/me/settings", &t).await;
    assert_eq!(after, v, "a rejected change leaves settings as they were");

    let mut full = v.clone();
    full["zoom"] = json!(150);
    full["reminder_time"] = json!(null);
    let (s, put) = app
        .call(
            Method::PUT,
            "/api/v1/me/settings",
            Some(&t),
            Some(full.clone()),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{put}");
    assert_eq!(put, full);
    let (s, _) = app
        .call(
            Method::PUT,
            "/api/v1/me/settings",
            Some(&t),
            Some(json!({"zoom": 120, "nonsense": 1})),
        )
        .await;
    assert!(s.is_client_error());
}

async fn learner_languages(app: &TestApp) {
    let (t, _) = app.register("lang@example.com").await;
    let (s, v) = app
        .post(
            "/api/v1/me/languages",
            Some(&t),
            json!({"language": "de", "cefr_level": "A2", "is_primary": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["cefr_level"], "A2");
    let (s, _) = app
        .post("/api/v1/me/languages", Some(&t), json!({"language": "DE"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, v) = app
        .post(
            "/api/v1/me/languages",
            Some(&t),
            json!({"language": "es", "is_primary": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(v["cefr_level"], "A1");
    let (_, list) = app.get("/api/v1/me/languages", &t).await;
    let list = list.as_array().unwrap().clone();
    assert_eq!(list.len(), 2);
    assert_eq!(
        list.iter().filter(|l| l["is_primary"] == true).count(),
        1,
        "one primary"
    );

    let (s, v) = app
        .call(
            Method::PATCH,
            "/api/v1/me/languages/de",
            Some(&t),
            Some(json!({"cefr_level": "B1", "proficiency_score": 55.5})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["cefr_level"], "B1");
    assert_eq!(v["proficiency_score"], 55.5);
    let (s, v) = app
        .call(
            Method::PATCH,
            "/api/v1/me/languages/de",
            Some(&t),
            Some(json!({"cefr_level": "D1"})),
        )
        .await;
    assert!(s.is_client_error(), "{s} {v}");
    let (s, _) = app
        .call(
            Method::PATCH,
            "/api/v1/me/languages/de",
            Some(&t),
            Some(json!({"proficiency_score": 101})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, v) = app
        .call(Method::DELETE, "/api/v1/me/languages/fr", Some(&t), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(code(&v), "not_found");
    let (s, _) = app
        .call(Method::DELETE, "/api/v1/me/languages/es", Some(&t), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.count("learner_languages").await, 1);
}

async fn export_and_delete_account(app: &TestApp) {
    let (t, id) = app.register("gone@example.com").await;
    let (keep, _) = app.register("stays@example.com").await;
    app.post("/api/v1/me/languages", Some(&t), json!({"language": "fr"}))
        .await;
    app.post(
        "/api/v1/me/languages",
        Some(&keep),
        json!({"language": "fr"}),
    )
    .await;
    app.post("/api/v1/me/tokens", Some(&t), json!({"name": "cli"}))
        .await;

    let (s, v) = app.get("/api/v1/me/export", &t).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["user"]["id"], id);
    assert_eq!(v["languages"].as_array().unwrap().len(), 1);
    assert_eq!(v["api_tokens"].as_array().unwrap().len(), 1);
    assert_eq!(v["settings"]["theme"], "cream");
    let text = v.to_string();
    assert!(
        !text.contains("argon2") && !text.contains("token_hash"),
        "no secrets in the export"
    );

    let (s, _) = app
        .call(
            Method::DELETE,
            "/api/v1/me",
            Some(&t),
            Some(json!({"password": "wrong password x"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.call(Method::DELETE, "/api/v1/me", Some(&t), None).await;
    assert!(s.is_client_error(), "confirmation is required");
    let (s, _) = app
        .call(
            Method::DELETE,
            "/api/v1/me",
            Some(&t),
            Some(json!({"password": "a long enough password"})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/api/v1/me", &t).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("users").await, 1);
    assert_eq!(app.count("user_settings").await, 1);
    assert_eq!(app.count("learner_languages").await, 1);
    assert_eq!(app.count("api_tokens").await, 0);
    assert_eq!(app.get("/api/v1/me", &keep).await.0, StatusCode::OK);
}
