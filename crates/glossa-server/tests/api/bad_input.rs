//! Bad input of every kind gets a 4xx with the standard JSON error body and
//! leaves the database as it was. This module holds the shared helpers and
//! the JSON shape cases; `bad_input_more` and `bad_input_http` the rest.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::common::{TestApp, code};

both_backends!(
    malformed_json,
    wrong_top_level_type,
    settings_patch_that_is_an_array,
    wrong_field_types,
    enum_fields_of_the_wrong_type,
    missing_and_unknown_fields,
    unknown_enum_values_and_out_of_range_numbers,
);

/// The tables a rejected request must not touch.
pub(crate) const TABLES: [&str; 5] = [
    "users",
    "user_settings",
    "auth_sessions",
    "api_tokens",
    "learner_languages",
];

/// The harness's password for every registered user.
pub(crate) const PW: &str = "a long enough password";

/// A learner (who learns `de`) and an admin.
pub(crate) struct Fixture {
    pub token: String,
    pub id: String,
    pub admin: String,
}

pub(crate) async fn fixture(app: &TestApp) -> Fixture {
    let (token, id) = app.register("lea@example.com").await;
    let body = json!({"language": "de"});
    let (s, v) = app.post("/api/v1/me/languages", Some(&token), body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (admin, _) = app.admin("root@example.com").await;
    Fixture { token, id, admin }
}

/// A request line such as `"PATCH /me/settings"` (under `/api/v1`, with
/// `{id}` standing for the learner's id) as method, path and the credential
/// it needs: none to register or log in, the admin's for `/admin`, the
/// learner's otherwise.
pub(crate) fn resolve(f: &Fixture, line: &str) -> (Method, String, Option<String>) {
    let (method, path) = line.split_once(' ').unwrap();
    let token = match path {
        "/auth/register" | "/auth/login" => None,
        p if p.starts_with("/admin/") => Some(f.admin.clone()),
        _ => Some(f.token.clone()),
    };
    let path = format!("/api/v1{}", path.replace("{id}", &f.id));
    (Method::from_bytes(method.as_bytes()).unwrap(), path, token)
}

/// Send `body` as JSON to a request line.
pub(crate) async fn call(
    app: &TestApp,
    f: &Fixture,
    line: &str,
    body: Value,
) -> (StatusCode, Value) {
    let (method, path, token) = resolve(f, line);
    app.call(method, &path, token.as_deref(), Some(body)).await
}

/// Send raw bytes as `application/json` to a request line.
pub(crate) async fn call_raw(
    app: &TestApp,
    f: &Fixture,
    line: &str,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let (method, path, token) = resolve(f, line);
    app.raw(method, &path, token.as_deref(), "application/json", body)
        .await
}

/// Row counts and the learner's own data, to compare before and after.
pub(crate) async fn snapshot(app: &TestApp, f: &Fixture) -> Value {
    let mut out = serde_json::Map::new();
    for table in TABLES {
        out.insert(table.to_owned(), json!(app.count(table).await));
    }
    for path in ["/api/v1/me", "/api/v1/me/settings", "/api/v1/me/languages"] {
        let (s, v) = app.get(path, &f.token).await;
        assert_eq!(s, StatusCode::OK, "{path}: {v}");
        out.insert(path.to_owned(), v);
    }
    Value::Object(out)
}

/// Assert a 4xx with `{"error": {"code", "message"}}`; returns the code.
pub(crate) fn rejected(s: StatusCode, v: &Value, what: &str) -> String {
    assert!(s.is_client_error(), "{what}: expected 4xx, got {s} {v}");
    let message = &v["error"]["message"];
    assert!(message.is_string(), "{what}: no JSON error body: {s} {v}");
    code(v).to_owned()
}

/// Send a prepared request; the body as JSON, or as a string if it is not.
pub(crate) async fn send(req: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let resp = req.send().await.unwrap();
    let status = resp.status();
    let text = resp.text().await.unwrap();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, value)
}

/// Every endpoint that reads a JSON body, with a body it would accept.
pub(crate) async fn json_endpoints(app: &TestApp, f: &Fixture) -> Vec<(&'static str, Value)> {
    let (_, settings) = app.get("/api/v1/me/settings", &f.token).await;
    let account = json!({"email": "new@example.com", "password": PW});
    let login = json!({"email": "lea@example.com", "password": PW});
    let password = json!({"current_password": PW, "new_password": "another one!"});
    vec![
        ("POST /auth/register", account),
        ("POST /auth/login", login),
        ("PATCH /me", json!({"display_name": "Lea"})),
        ("DELETE /me", json!({"password": PW})),
        ("POST /me/password", password),
        ("PATCH /me/settings", json!({"theme": "dark"})),
        ("PUT /me/settings", settings),
        ("POST /me/languages", json!({"language": "fr"})),
        ("PATCH /me/languages/de", json!({"cefr_level": "C1"})),
        ("POST /me/tokens", json!({"name": "cli"})),
        ("PATCH /admin/users/{id}", json!({"role": "teacher"})),
    ]
}

/// Send each case and expect a 4xx with one of `statuses` and `codes`; the
/// snapshot must not change.
pub(crate) async fn expect_rejected(
    app: &TestApp,
    f: &Fixture,
    cases: &[(&str, Value)],
    statuses: &[StatusCode],
    codes: &[&str],
) {
    let before = snapshot(app, f).await;
    for (line, body) in cases {
        let (s, v) = call(app, f, line, body.clone()).await;
        let what = format!("{line} {body}");
        let c = rejected(s, &v, &what);
        assert!(statuses.contains(&s), "{what}: status {s} {v}");
        assert!(codes.contains(&c.as_str()), "{what}: code {c}");
    }
    assert_eq!(snapshot(app, f).await, before);
}

const UNPROCESSABLE: [StatusCode; 1] = [StatusCode::UNPROCESSABLE_ENTITY];

async fn malformed_json(app: &TestApp) {
    let f = fixture(app).await;
    let before = snapshot(app, &f).await;
    for (line, good) in json_endpoints(app, &f).await {
        let good = good.to_string();
        let cut = good.len() / 2;
        let bodies = [
            good[..cut].to_owned(),
            good[..good.len() - 1].to_owned(),
            format!("{good} trailing"),
            format!("{good}}}"),
            format!("{good}{good}"),
            format!("{},}}", &good[..good.len() - 1]),
            good.replace('"', "'"),
            good.replacen(':', "", 1),
            "not json at all".to_owned(),
            "{,}".to_owned(),
            "{\"".to_owned(),
            String::new(),
        ];
        for body in bodies {
            let (s, v) = call_raw(app, &f, line, body.clone().into_bytes()).await;
            let what = format!("{line} {body:?}");
            assert_eq!(rejected(s, &v, &what), "malformed_json", "{what}");
            assert_eq!(s, StatusCode::BAD_REQUEST, "{what}");
        }
    }
    assert_eq!(snapshot(app, &f).await, before);
}

async fn wrong_top_level_type(app: &TestApp) {
    let f = fixture(app).await;
    let mut cases = Vec::new();
    for (line, good) in json_endpoints(app, &f).await {
        let wrong = [
            json!([good]),
            json!("a string"),
            Value::Null,
            json!(42),
            json!(true),
        ];
        cases.extend(wrong.into_iter().map(|body| (line, body)));
        // `[]` as a settings patch: see `settings_patch_that_is_an_array`.
        if line != "PATCH /me/settings" {
            cases.push((line, json!([])));
        }
    }
    expect_rejected(app, &f, &cases, &UNPROCESSABLE, &["invalid_body"]).await;
}

/// A JSON array is not a settings patch, even an empty one. (serde reads
/// `[]` as a struct whose fields all take their defaults.)
async fn settings_patch_that_is_an_array(app: &TestApp) {
    let f = fixture(app).await;
    let cases = [("PATCH /me/settings", json!([]))];
    expect_rejected(app, &f, &cases, &UNPROCESSABLE, &["invalid_body"]).await;
}

async fn wrong_field_types(app: &TestApp) {
    let f = fixture(app).await;
    let (reg, login) = ("POST /auth/register", "POST /auth/login");
    let (me, set, lang) = ("PATCH /me", "PATCH /me/settings", "POST /me/languages");
    let (de, tok, admin) = (
        "PATCH /me/languages/de",
        "POST /me/tokens",
        "PATCH /admin/users/{id}",
    );
    let email = "n@example.com";
    let cases = [
        (reg, json!({"email": 42, "password": PW})),
        (reg, json!({"email": email, "password": true})),
        (reg, json!({"email": [email], "password": PW})),
        (
            reg,
            json!({"email": email, "password": PW, "display_name": 7}),
        ),
        (
            reg,
            json!({"email": email, "password": PW, "timezone": {"name": "UTC"}}),
        ),
        (login, json!({"email": {"$ne": null}, "password": PW})),
        (
            login,
            json!({"email": "lea@example.com", "password": 1234567890}),
        ),
        (me, json!({"display_name": 5})),
        (me, json!({"username": ["lea"]})),
        (me, json!({"timezone": false})),
        (me, json!({"native_language": 1.5})),
        (set, json!({"font_size": "18"})),
        (set, json!({"font_size": 18.5})),
        (set, json!({"zoom": 3_000_000_000_i64})),
        (set, json!({"zoom": -3_000_000_000_i64})),
        (set, json!({"daily_goal_xp": u64::MAX})),
        (set, json!({"mind_map_enabled": "true"})),
        (set, json!({"mind_map_enabled": 1})),
        (set, json!({"line_spacing": "1.5"})),
        (set, json!({"font": ["Arial"]})),
        (set, json!({"reminder_time": 730})),
        (set, json!({"language": 49})),
        (lang, json!({"language": 7})),
        (lang, json!({"language": "fr", "is_primary": "yes"})),
        (lang, json!({"language": "fr", "proficiency_score": "NaN"})),
        (de, json!({"proficiency_score": "Infinity"})),
        (de, json!({"is_primary": 1})),
        (tok, json!({"name": 1})),
        (tok, json!({"name": "x", "scopes": "read"})),
        (tok, json!({"name": "x", "scopes": [1]})),
        (tok, json!({"name": "x", "expires_in_days": 1.5})),
        (tok, json!({"name": "x", "expires_in_days": "7"})),
        (
            tok,
            json!({"name": "x", "expires_in_days": 9_223_372_036_854_775_808_u64}),
        ),
        (admin, json!({"is_active": "false"})),
        (admin, json!({"is_active": 0})),
    ];
    expect_rejected(app, &f, &cases, &UNPROCESSABLE, &["invalid_body"]).await;
}

/// Valid JSON with a number or array where an enum is expected is a body of
/// the wrong shape (422), not malformed JSON (400).
async fn enum_fields_of_the_wrong_type(app: &TestApp) {
    let f = fixture(app).await;
    let cases = [
        ("PATCH /me/settings", json!({"theme": 1})),
        ("PATCH /me/settings", json!({"page_type": ["a4"]})),
        (
            "POST /me/languages",
            json!({"language": "fr", "cefr_level": 2}),
        ),
        ("PATCH /me/languages/de", json!({"cefr_level": ["B1"]})),
        ("PATCH /admin/users/{id}", json!({"role": 1})),
    ];
    expect_rejected(app, &f, &cases, &UNPROCESSABLE, &["invalid_body"]).await;
}

async fn missing_and_unknown_fields(app: &TestApp) {
    let f = fixture(app).await;
    let (reg, login, me) = ("POST /auth/register", "POST /auth/login", "PATCH /me");
    let (set, put, lang) = (
        "PATCH /me/settings",
        "PUT /me/settings",
        "POST /me/languages",
    );
    let (tok, admin) = ("POST /me/tokens", "PATCH /admin/users/{id}");
    let email = "n@example.com";
    let cases = [
        (reg, json!({})),
        (reg, json!({"email": email})),
        (reg, json!({"password": PW})),
        (
            reg,
            json!({"email": email, "password": PW, "role": "admin"}),
        ),
        (
            reg,
            json!({"email": email, "password": PW, "is_active": true}),
        ),
        (login, json!({})),
        (login, json!({"email": "lea@example.com"})),
        (
            login,
            json!({"email": "lea@example.com", "password": PW, "remember_me": true}),
        ),
        (me, json!({"role": "admin"})),
        (me, json!({"email": "other@example.com"})),
        (me, json!({"password_hash": "x"})),
        (me, json!({"display_name": "Lea", "is_active": false})),
        ("POST /me/password", json!({})),
        (
            "POST /me/password",
            json!({"new_password": "another long one"}),
        ),
        ("DELETE /me", json!({})),
        ("DELETE /me", json!({"confirm": true})),
        (set, json!({"nonsense": 1})),
        (set, json!({"theme": "dark", "user_id": f.id})),
        (put, json!({})),
        (put, json!({"theme": "dark"})),
        (lang, json!({})),
        (lang, json!({"cefr_level": "B1"})),
        (lang, json!({"language": "fr", "user_id": f.id})),
        ("PATCH /me/languages/de", json!({"language": "fr"})),
        (tok, json!({})),
        (tok, json!({"scopes": ["read"]})),
        (tok, json!({"name": "x", "user_id": f.id})),
        (admin, json!({"email": "x@example.com"})),
        (admin, json!({"role": "admin", "password_hash": "x"})),
    ];
    expect_rejected(app, &f, &cases, &UNPROCESSABLE, &["invalid_body"]).await;
}

async fn unknown_enum_values_and_out_of_range_numbers(app: &TestApp) {
    let f = fixture(app).await;
    let (de, lang) = ("PATCH /me/languages/de", "POST /me/languages");
    let (set, tok, admin) = (
        "PATCH /me/settings",
        "POST /me/tokens",
        "PATCH /admin/users/{id}",
    );
    let cases = [
        (de, json!({"cefr_level": "D1"})),
        (de, json!({"cefr_level": "b1"})),
        (de, json!({"cefr_level": ""})),
        (de, json!({"proficiency_score": -1})),
        (de, json!({"proficiency_score": 100.0001})),
        (lang, json!({"language": "fr", "cefr_level": "D1"})),
        (lang, json!({"language": "fr", "proficiency_score": 1000})),
        (admin, json!({"role": "superuser"})),
        (admin, json!({"role": "Admin"})),
        (admin, json!({"role": ""})),
        (set, json!({"theme": "neon"})),
        (set, json!({"theme": "DARK"})),
        (set, json!({"page_type": "b5"})),
        (set, json!({"view_mode": ""})),
        (set, json!({"font_size": -1})),
        (set, json!({"font_size": 0})),
        (set, json!({"font_size": 500})),
        (set, json!({"zoom": i32::MIN})),
        (set, json!({"zoom": i32::MAX})),
        (set, json!({"line_spacing": -0.5})),
        (set, json!({"desired_retention": 2})),
        (set, json!({"correction_aggressiveness": 101})),
        (set, json!({"day_start_hour": 24})),
        (set, json!({"max_reviews_per_day": -1})),
        (set, json!({"tts_speed": 0})),
        (tok, json!({"name": "x", "expires_in_days": 0})),
        (tok, json!({"name": "x", "expires_in_days": -1})),
        (tok, json!({"name": "x", "expires_in_days": 3651})),
        (tok, json!({"name": "x", "expires_in_days": i64::MAX})),
        (tok, json!({"name": "x", "expires_in_days": i64::MIN})),
        (tok, json!({"name": "x", "scopes": ["root"]})),
    ];
    let codes = ["invalid_body", "validation_failed"];
    expect_rejected(app, &f, &cases, &UNPROCESSABLE, &codes).await;

    // Numbers JSON cannot hold (1e309 overflows f64; NaN, hex and a leading
    // plus are no JSON), beyond i64, or in a form an integer field refuses.
    let before = snapshot(app, &f).await;
    let templates = [
        (de, r#"{"proficiency_score": N}"#),
        (set, r#"{"line_spacing": N}"#),
        (set, r#"{"font_size": N}"#),
        (tok, r#"{"name": "x", "expires_in_days": N}"#),
    ];
    let numbers = [
        "1e309",
        "-1e309",
        "NaN",
        "Infinity",
        "-Infinity",
        "0x10",
        "+1",
        ".5",
        "1e3",
        "99999999999999999999",
        "-99999999999999999999",
    ];
    for (line, template) in templates {
        for number in numbers {
            let body = template.replace('N', number);
            let (s, v) = call_raw(app, &f, line, body.clone().into_bytes()).await;
            rejected(s, &v, &body);
            let ok = [StatusCode::BAD_REQUEST, StatusCode::UNPROCESSABLE_ENTITY];
            assert!(ok.contains(&s), "{body}: {s}");
        }
    }
    assert_eq!(snapshot(app, &f).await, before);
}
