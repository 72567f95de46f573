//! One learner can never read or change another learner's data, and only
//! admins reach the admin endpoints. Every attempt is made with both kinds
//! of credential (login session and API token), and after each one the
//! victim's data is compared with a snapshot taken before. Roles and API
//! token limits are in `isolation_roles`.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::common::{TestApp, code};

both_backends!(
    others_sessions_and_tokens_cannot_be_revoked,
    others_languages_are_untouched,
    reads_show_only_own_data,
    deactivated_user_tokens_stop_working,
);

/// A learner with a session, an API token and the ids of both.
pub(crate) struct Learner {
    pub id: String,
    pub session: String,
    pub session_id: String,
    pub api: String,
    pub token_id: String,
}

impl Learner {
    /// The learner's two credentials.
    pub(crate) fn creds(&self) -> [&str; 2] {
        [&self.session, &self.api]
    }
}

/// Send a request line such as `"PATCH /me/languages/de"` (under `/api/v1`).
pub(crate) async fn go(
    app: &TestApp,
    line: &str,
    token: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let (method, path) = line.split_once(' ').unwrap();
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    app.call(method, &format!("/api/v1{path}"), Some(token), body)
        .await
}

/// Assert a refusal with `status`, `code` and the standard error body.
pub(crate) fn refused((s, v): (StatusCode, Value), status: StatusCode, want: &str, what: &str) {
    assert_eq!(s, status, "{what}: {v}");
    assert!(v["error"]["message"].is_string(), "{what}: {v}");
    assert_eq!(code(&v), want, "{what}");
}

/// The ids in a list answer.
pub(crate) fn ids(list: &Value) -> Vec<Value> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].clone())
        .collect()
}

/// Register a learner and give them an API token.
pub(crate) async fn learner(app: &TestApp, email: &str) -> Learner {
    let (session, id) = app.register(email).await;
    let (s, list) = app.get("/api/v1/auth/sessions", &session).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    let body = json!({"name": format!("{email} cli")});
    let (s, t) = app.post("/api/v1/me/tokens", Some(&session), body).await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    Learner {
        id,
        session,
        session_id: list[0]["id"].as_str().unwrap().to_owned(),
        api: t["token"].as_str().unwrap().to_owned(),
        token_id: t["id"].as_str().unwrap().to_owned(),
    }
}

/// A's own password (everyone else has the harness default).
pub(crate) const A_PASSWORD: &str = "ann's own password";
pub(crate) const DEFAULT_PASSWORD: &str = "a long enough password";

/// Learner A with a password of her own, a profile, changed settings and
/// two languages.
pub(crate) async fn learner_a(app: &TestApp) -> Learner {
    let a = learner(app, "ann@example.com").await;
    let t = &a.session;
    let changes = [
        (
            "POST /me/password",
            json!({"current_password": DEFAULT_PASSWORD, "new_password": A_PASSWORD}),
        ),
        (
            "PATCH /me",
            json!({"display_name": "Ann", "username": "ann"}),
        ),
        (
            "PATCH /me/settings",
            json!({"theme": "dark", "font_size": 22}),
        ),
        (
            "POST /me/languages",
            json!({"language": "de", "cefr_level": "B1", "is_primary": true}),
        ),
        (
            "POST /me/languages",
            json!({"language": "es", "proficiency_score": 12.5}),
        ),
    ];
    for (line, body) in changes {
        let (s, v) = go(app, line, t, Some(body)).await;
        assert!(s.is_success(), "{line}: {s} {v}");
    }
    a
}

/// Drop the fields that change merely because a credential was used.
fn without_usage_times(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| {
                    !["last_used_at", "last_seen_at", "expires_at"].contains(&k.as_str())
                })
                .map(|(k, v)| (k, without_usage_times(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(without_usage_times).collect()),
        other => other,
    }
}

/// Everything A can see of their own data; asserts along the way that A's
/// session and A's API token both still work.
pub(crate) async fn view(app: &TestApp, a: &Learner) -> Value {
    let mut out = serde_json::Map::new();
    for path in [
        "/me",
        "/me/settings",
        "/me/languages",
        "/me/tokens",
        "/auth/sessions",
    ] {
        let (s, v) = go(app, &format!("GET {path}"), &a.session, None).await;
        assert_eq!(s, StatusCode::OK, "A's session works for {path}: {v}");
        out.insert(path.to_owned(), without_usage_times(v));
    }
    let (s, me) = app.get("/api/v1/me", &a.api).await;
    assert_eq!(s, StatusCode::OK, "A's API token works: {me}");
    assert_eq!(me["id"], a.id.as_str());
    Value::Object(out)
}

async fn others_sessions_and_tokens_cannot_be_revoked(app: &TestApp) {
    let a = learner_a(app).await;
    let b = learner(app, "bob@example.com").await;
    let before = view(app, &a).await;
    for cred in b.creds() {
        for line in [
            format!("DELETE /auth/sessions/{}", a.session_id),
            format!("DELETE /me/tokens/{}", a.token_id),
        ] {
            let answer = go(app, &line, cred, None).await;
            refused(answer, StatusCode::NOT_FOUND, "not_found", &line);
            assert_eq!(view(app, &a).await, before, "after {line}");
        }
    }
    let revoked = "auth_sessions WHERE revoked_at IS NOT NULL";
    assert_eq!(app.count(revoked).await, 0);
    assert_eq!(
        app.count("api_tokens WHERE revoked_at IS NOT NULL").await,
        0
    );

    // B logging out everywhere ends only B's sessions.
    let (s, _) = go(app, "POST /auth/logout-all", &b.api, None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(
        go(app, "GET /me", &b.session, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.count(revoked).await, 1);
    assert_eq!(view(app, &a).await, before);
}

async fn others_languages_are_untouched(app: &TestApp) {
    let a = learner_a(app).await;
    let b = learner(app, "bob@example.com").await;
    let before = view(app, &a).await;
    for cred in b.creds() {
        let body = json!({"cefr_level": "C2", "is_primary": false, "proficiency_score": 99});
        let answer = go(app, "PATCH /me/languages/de", cred, Some(body)).await;
        refused(
            answer,
            StatusCode::NOT_FOUND,
            "not_found",
            "PATCH A's language",
        );
        let answer = go(app, "DELETE /me/languages/es", cred, None).await;
        refused(
            answer,
            StatusCode::NOT_FOUND,
            "not_found",
            "DELETE A's language",
        );
        assert_eq!(view(app, &a).await, before);
    }

    // B learning the same languages works on B's own rows only.
    for (cred, lang) in [(&b.session, "de"), (&b.api, "es")] {
        let body = json!({"language": lang, "is_primary": true});
        let (s, v) = go(app, "POST /me/languages", cred, Some(body)).await;
        assert_eq!(s, StatusCode::CREATED, "not a conflict with A's row: {v}");
        assert_eq!(view(app, &a).await, before, "A's primary flag stays");
    }
    let body = json!({"cefr_level": "C2", "is_primary": true});
    let (s, v) = go(app, "PATCH /me/languages/de", &b.api, Some(body)).await;
    assert_eq!((s, &v["cefr_level"]), (StatusCode::OK, &json!("C2")));
    assert_eq!(view(app, &a).await, before);
    for line in ["DELETE /me/languages/de", "DELETE /me/languages/es"] {
        assert_eq!(
            go(app, line, &b.session, None).await.0,
            StatusCode::NO_CONTENT
        );
    }
    assert_eq!(view(app, &a).await, before);
    assert_eq!(app.count("learner_languages").await, 2, "A's two remain");
}

async fn reads_show_only_own_data(app: &TestApp) {
    let a = learner_a(app).await;
    let b = learner(app, "bob@example.com").await;
    let before = view(app, &a).await;
    let secrets_of_a = [
        a.id.as_str(),
        &a.session_id,
        &a.token_id,
        "ann@example.com",
        "Ann",
    ];
    for cred in b.creds() {
        let (s, me) = go(app, "GET /me", cred, None).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(
            (&me["id"], &me["email"]),
            (&json!(b.id), &json!("bob@example.com"))
        );
        let (_, set) = go(app, "GET /me/settings", cred, None).await;
        assert_eq!(set["theme"], "cream", "B's defaults, not A's dark theme");
        assert_eq!(set["font_size"], 18);
        assert_eq!(go(app, "GET /me/languages", cred, None).await.1, json!([]));
        let (_, tokens) = go(app, "GET /me/tokens", cred, None).await;
        assert_eq!(ids(&tokens), [json!(b.token_id)]);
        let (_, sessions) = go(app, "GET /auth/sessions", cred, None).await;
        assert_eq!(ids(&sessions), [json!(b.session_id)]);
        let (s, export) = go(app, "GET /me/export", cred, None).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(export["user"]["id"], b.id.as_str());
        assert_eq!(export["languages"], json!([]));
        assert_eq!(export["settings"]["theme"], "cream");
        assert_eq!(ids(&export["sessions"]), [json!(b.session_id)]);
        let text = export.to_string();
        for secret in secrets_of_a {
            assert!(!text.contains(secret), "B's export shows {secret}");
        }
    }
    assert_eq!(view(app, &a).await, before);
}

async fn deactivated_user_tokens_stop_working(app: &TestApp) {
    let a = learner_a(app).await;
    let b = learner(app, "bob@example.com").await;
    let before = view(app, &a).await;
    let (admin, _) = app.admin("root@example.com").await;
    let line = format!("PATCH /admin/users/{}", a.id);
    let (s, v) = go(app, &line, &admin, Some(json!({"is_active": false}))).await;
    assert_eq!((s, &v["is_active"]), (StatusCode::OK, &json!(false)));
    for cred in a.creds() {
        for (line, body) in [
            ("GET /me", None),
            ("GET /me/settings", None),
            ("GET /me/export", None),
            ("PATCH /me/settings", Some(json!({"theme": "light"}))),
            ("POST /me/tokens", Some(json!({"name": "while away"}))),
        ] {
            let answer = go(app, line, cred, body).await;
            refused(answer, StatusCode::UNAUTHORIZED, "unauthorized", line);
        }
    }
    let login = json!({"email": "ann@example.com", "password": A_PASSWORD});
    let answer = app.post("/api/v1/auth/login", None, login.clone()).await;
    refused(
        answer,
        StatusCode::FORBIDDEN,
        "forbidden",
        "login while deactivated",
    );
    assert_eq!(
        go(app, "GET /me", &b.session, None).await.0,
        StatusCode::OK,
        "B unaffected"
    );
    assert_eq!(app.count("learner_languages").await, 2, "A's data is kept");
    assert_eq!(app.count("api_tokens").await, 2);

    // Reactivated, A logs in again and finds their data as it was; the
    // sessions ended by the deactivation stay ended.
    let (s, _) = go(app, &line, &admin, Some(json!({"is_active": true}))).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        go(app, "GET /me", &a.session, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (s, v) = app.post("/api/v1/auth/login", None, login).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let fresh = v["token"].as_str().unwrap();
    for path in ["/me/settings", "/me/languages"] {
        assert_eq!(
            go(app, &format!("GET {path}"), fresh, None).await.1,
            before[path]
        );
    }
}
