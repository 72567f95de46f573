//! One learner can never read or change another learner's data, and only
//! admins reach the admin endpoints. Every attempt is made with both kinds
//! of credential (login session and API token), and after each one the
//! victim's data is compared with a snapshot taken before.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::common::{TestApp, code};

both_backends!(
    others_sessions_and_tokens_cannot_be_revoked,
    others_languages_are_untouched,
    reads_show_only_own_data,
    admin_endpoints_refuse_learners_and_teachers,
    api_token_cannot_do_more_than_its_user,
    read_only_token_cannot_write,
    deactivated_user_tokens_stop_working,
);

/// A learner with a session, an API token and the ids of both.
struct Learner {
    id: String,
    session: String,
    session_id: String,
    api: String,
    token_id: String,
}

impl Learner {
    /// The learner's two credentials.
    fn creds(&self) -> [&str; 2] {
        [&self.session, &self.api]
    }
}

/// Register a learner and give them an API token.
async fn learner(app: &TestApp, email: &str) -> Learner {
    let (session, id) = app.register(email).await;
    let (s, list) = app.get("/api/v1/auth/sessions", &session).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    let session_id = list[0]["id"].as_str().unwrap().to_owned();
    let body = json!({"name": format!("{email} cli")});
    let (s, t) = app.post("/api/v1/me/tokens", Some(&session), body).await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    Learner {
        id,
        session,
        session_id,
        api: t["token"].as_str().unwrap().to_owned(),
        token_id: t["id"].as_str().unwrap().to_owned(),
    }
}

/// A's own password (everyone else has the harness default).
const A_PASSWORD: &str = "ann's own password";

/// Learner A with a password of her own, a profile, changed settings and
/// two languages.
async fn learner_a(app: &TestApp) -> Learner {
    let a = learner(app, "ann@example.com").await;
    let t = Some(a.session.as_str());
    let body = json!({"current_password": "a long enough password", "new_password": A_PASSWORD});
    assert_eq!(
        app.post("/api/v1/me/password", t, body).await.0,
        StatusCode::NO_CONTENT
    );
    let patch = |path: &'static str, body: Value| app.call(Method::PATCH, path, t, Some(body));
    assert_eq!(
        patch(
            "/api/v1/me",
            json!({"display_name": "Ann", "username": "ann"})
        )
        .await
        .0,
        StatusCode::OK
    );
    let body = json!({"theme": "dark", "font_size": 22});
    assert_eq!(patch("/api/v1/me/settings", body).await.0, StatusCode::OK);
    for body in [
        json!({"language": "de", "cefr_level": "B1", "is_primary": true}),
        json!({"language": "es", "cefr_level": "A2", "proficiency_score": 12.5}),
    ] {
        let (s, v) = app.post("/api/v1/me/languages", t, body).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    a
}

/// Drop the fields that change merely because a credential was used.
fn without_usage_times(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| !matches!(k.as_str(), "last_used_at" | "last_seen_at"))
                .filter(|(k, _)| k != "expires_at")
                .map(|(k, v)| (k, without_usage_times(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(without_usage_times).collect()),
        other => other,
    }
}

/// Everything A can see of their own data; asserts along the way that A's
/// session and A's API token both still work.
async fn view(app: &TestApp, a: &Learner) -> Value {
    let mut out = serde_json::Map::new();
    for path in [
        "/api/v1/me",
        "/api/v1/me/settings",
        "/api/v1/me/languages",
        "/api/v1/me/tokens",
        "/api/v1/auth/sessions",
    ] {
        let (s, v) = app.get(path, &a.session).await;
        assert_eq!(s, StatusCode::OK, "A's session works for {path}: {v}");
        out.insert(path.to_owned(), without_usage_times(v));
    }
    let (s, me) = app.get("/api/v1/me", &a.api).await;
    assert_eq!(s, StatusCode::OK, "A's API token works: {me}");
    assert_eq!(me["id"], a.id.as_str());
    Value::Object(out)
}

/// Assert a refusal with the standard error body.
fn refused(s: StatusCode, v: &Value, want: StatusCode, what: &str) {
    assert_eq!(s, want, "{what}: {v}");
    assert!(v["error"]["message"].is_string(), "{what}: {v}");
}

async fn others_sessions_and_tokens_cannot_be_revoked(app: &TestApp) {
    let a = learner_a(app).await;
    let b = learner(app, "bob@example.com").await;
    let before = view(app, &a).await;
    for cred in b.creds() {
        for path in [
            format!("/api/v1/auth/sessions/{}", a.session_id),
            format!("/api/v1/me/tokens/{}", a.token_id),
        ] {
            let (s, v) = app.call(Method::DELETE, &path, Some(cred), None).await;
            refused(s, &v, StatusCode::NOT_FOUND, &path);
            assert_eq!(code(&v), "not_found");
            assert_eq!(view(app, &a).await, before, "after DELETE {path}");
        }
    }
    let revoked = "auth_sessions WHERE revoked_at IS NOT NULL";
    assert_eq!(app.count(revoked).await, 0);
    assert_eq!(
        app.count("api_tokens WHERE revoked_at IS NOT NULL").await,
        0
    );

    // B logging out everywhere ends only B's sessions.
    let (s, _) = app
        .call(Method::POST, "/api/v1/auth/logout-all", Some(&b.api), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", &b.session).await.0,
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
        let (s, v) = app
            .call(
                Method::PATCH,
                "/api/v1/me/languages/de",
                Some(cred),
                Some(body),
            )
            .await;
        refused(s, &v, StatusCode::NOT_FOUND, "PATCH A's language");
        let (s, v) = app
            .call(Method::DELETE, "/api/v1/me/languages/es", Some(cred), None)
            .await;
        refused(s, &v, StatusCode::NOT_FOUND, "DELETE A's language");
        assert_eq!(view(app, &a).await, before);
    }

    // B learning the same languages works on B's own rows only.
    let (s, v) = app
        .post(
            "/api/v1/me/languages",
            Some(&b.session),
            json!({"language": "de", "is_primary": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "not a conflict with A's row: {v}");
    let (s, _) = app
        .post(
            "/api/v1/me/languages",
            Some(&b.api),
            json!({"language": "es", "is_primary": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(view(app, &a).await, before, "A's primary flag stays");
    let body = json!({"cefr_level": "C2", "is_primary": true});
    let (s, v) = app
        .call(
            Method::PATCH,
            "/api/v1/me/languages/de",
            Some(&b.api),
            Some(body),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["cefr_level"], "C2");
    assert_eq!(view(app, &a).await, before);
    for lang in ["de", "es"] {
        let path = format!("/api/v1/me/languages/{lang}");
        let (s, _) = app
            .call(Method::DELETE, &path, Some(&b.session), None)
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
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
        a.session_id.as_str(),
        a.token_id.as_str(),
        "ann@example.com",
        "Ann",
    ];
    for cred in b.creds() {
        let (s, me) = app.get("/api/v1/me", cred).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(me["id"], b.id.as_str());
        assert_eq!(me["email"], "bob@example.com");
        let (_, set) = app.get("/api/v1/me/settings", cred).await;
        assert_eq!(set["theme"], "cream", "B's defaults, not A's dark theme");
        assert_eq!(set["font_size"], 18);
        let (_, langs) = app.get("/api/v1/me/languages", cred).await;
        assert_eq!(langs, json!([]));
        let (_, tokens) = app.get("/api/v1/me/tokens", cred).await;
        let ids: Vec<&Value> = tokens
            .as_array()
            .unwrap()
            .iter()
            .map(|t| &t["id"])
            .collect();
        assert_eq!(ids, [&json!(b.token_id)]);
        let (_, sessions) = app.get("/api/v1/auth/sessions", cred).await;
        let ids: Vec<&Value> = sessions
            .as_array()
            .unwrap()
            .iter()
            .map(|t| &t["id"])
            .collect();
        assert_eq!(ids, [&json!(b.session_id)]);
        let (s, export) = app.get("/api/v1/me/export", cred).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(export["user"]["id"], b.id.as_str());
        assert_eq!(export["languages"], json!([]));
        assert_eq!(export["settings"]["theme"], "cream");
        let text = export.to_string();
        for secret in secrets_of_a {
            assert!(!text.contains(secret), "B's export shows {secret}");
        }
    }
    assert_eq!(view(app, &a).await, before);
}

async fn admin_endpoints_refuse_learners_and_teachers(app: &TestApp) {
    let a = learner_a(app).await;
    let b = learner(app, "bob@example.com").await;
    let t = learner(app, "tess@example.com").await;
    app.exec("UPDATE users SET role = 'teacher' WHERE email = 'tess@example.com'")
        .await;
    let before = view(app, &a).await;
    let requests = [
        (Method::GET, "/api/v1/admin/users".to_owned(), None),
        (
            Method::GET,
            "/api/v1/admin/users?limit=100".to_owned(),
            None,
        ),
        (Method::GET, format!("/api/v1/admin/users/{}", a.id), None),
        (
            Method::GET,
            "/api/v1/admin/users/not-a-uuid".to_owned(),
            None,
        ),
        (
            Method::PATCH,
            format!("/api/v1/admin/users/{}", a.id),
            Some(json!({"is_active": false, "role": "teacher"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/admin/users/{}", b.id),
            Some(json!({"role": "admin"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/admin/users/{}", t.id),
            Some(json!({"role": "admin"})),
        ),
    ];
    for cred in [&b.session, &b.api, &t.session, &t.api] {
        for (method, path, body) in &requests {
            let (s, v) = app
                .call(method.clone(), path, Some(cred), body.clone())
                .await;
            refused(s, &v, StatusCode::FORBIDDEN, &format!("{method} {path}"));
            assert_eq!(code(&v), "forbidden");
        }
        assert_eq!(view(app, &a).await, before);
    }
    assert_eq!(app.get("/api/v1/me", &b.api).await.1["role"], "learner");
    assert_eq!(app.get("/api/v1/me", &t.api).await.1["role"], "teacher");
    assert_eq!(app.count("users WHERE role = 'admin'").await, 0);
    assert_eq!(app.count("users WHERE is_active = false").await, 0);

    // The same request from an admin works, so the 403s above were about
    // the role and nothing else.
    let (admin, _) = app.admin("root@example.com").await;
    let (s, v) = app
        .get(&format!("/api/v1/admin/users/{}", a.id), &admin)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["email"], "ann@example.com");
}

async fn api_token_cannot_do_more_than_its_user(app: &TestApp) {
    let a = learner_a(app).await;
    let b = learner(app, "bob@example.com").await;
    let before = view(app, &a).await;

    // A token minted with B's API token belongs to B.
    let (s, v) = app
        .post("/api/v1/me/tokens", Some(&b.api), json!({"name": "minted"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let minted = v["token"].as_str().unwrap().to_owned();
    assert_eq!(app.get("/api/v1/me", &minted).await.1["id"], b.id.as_str());
    assert_eq!(view(app, &a).await, before, "A's token list is unchanged");

    // Fields that would raise privileges or move data are refused.
    for body in [
        json!({"role": "admin"}),
        json!({"is_active": true, "display_name": "x"}),
        json!({"id": a.id}),
        json!({"email": "ann@example.com"}),
    ] {
        let (s, v) = app
            .call(
                Method::PATCH,
                "/api/v1/me",
                Some(&b.api),
                Some(body.clone()),
            )
            .await;
        refused(s, &v, StatusCode::UNPROCESSABLE_ENTITY, &body.to_string());
    }
    let (s, v) = app
        .post(
            "/api/v1/me/languages",
            Some(&b.api),
            json!({"language": "fr", "user_id": a.id}),
        )
        .await;
    refused(
        s,
        &v,
        StatusCode::UNPROCESSABLE_ENTITY,
        "user_id on a language",
    );
    let (s, v) = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            Some(&b.api),
            Some(json!({"username": "ann"})),
        )
        .await;
    refused(s, &v, StatusCode::CONFLICT, "A's username");

    // A's password is of no use to B.
    for cred in b.creds() {
        let body = json!({"current_password": A_PASSWORD, "new_password": "taken over by bob"});
        let (s, v) = app.post("/api/v1/me/password", Some(cred), body).await;
        refused(
            s,
            &v,
            StatusCode::FORBIDDEN,
            "B's password change with A's password",
        );
        let body = Some(json!({"password": A_PASSWORD}));
        let (s, v) = app
            .call(Method::DELETE, "/api/v1/me", Some(cred), body)
            .await;
        refused(
            s,
            &v,
            StatusCode::FORBIDDEN,
            "B's deletion with A's password",
        );
    }
    let body =
        json!({"current_password": "a long enough password", "new_password": "bob's new password"});
    let (s, _) = app.post("/api/v1/me/password", Some(&b.api), body).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "B changes B's own password");
    let login = json!({"email": "ann@example.com", "password": A_PASSWORD});
    assert_eq!(
        app.post("/api/v1/auth/login", None, login).await.0,
        StatusCode::OK,
        "A's password is unchanged"
    );
    let (s, v) = app
        .call(Method::POST, "/api/v1/auth/logout", Some(&b.api), None)
        .await;
    refused(s, &v, StatusCode::BAD_REQUEST, "logout with an API token");
    assert_eq!(app.count("users").await, 2);
    let mut after = view(app, &a).await;
    // A's login above added a session and set the login time; everything
    // else is as it was.
    let sessions = after["/api/v1/auth/sessions"].as_array_mut().unwrap();
    assert_eq!(sessions.len(), 2);
    sessions.retain(|s| s["id"] == a.session_id.as_str());
    after["/api/v1/me"]["last_login_at"] = Value::Null;
    assert_eq!(after, before);
}

/// A token created with only the `read` scope must not change anything,
/// nor mint itself a token with more scopes.
async fn read_only_token_cannot_write(app: &TestApp) {
    let b = learner(app, "bob@example.com").await;
    let body = json!({"name": "dashboard", "scopes": ["read"]});
    let (s, v) = app.post("/api/v1/me/tokens", Some(&b.session), body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["scopes"], json!(["read"]));
    let read = v["token"].as_str().unwrap().to_owned();
    assert_eq!(
        app.get("/api/v1/me/settings", &read).await.0,
        StatusCode::OK
    );
    let settings = app.get("/api/v1/me/settings", &b.session).await.1;
    let tokens = app.count("api_tokens").await;
    let writes = [
        (
            Method::PATCH,
            "/api/v1/me/settings",
            json!({"theme": "dark"}),
        ),
        (
            Method::PATCH,
            "/api/v1/me",
            json!({"display_name": "Bobby"}),
        ),
        (
            Method::POST,
            "/api/v1/me/languages",
            json!({"language": "fr"}),
        ),
        (
            Method::POST,
            "/api/v1/me/tokens",
            json!({"name": "escalated"}),
        ),
    ];
    for (method, path, body) in writes {
        let (s, v) = app
            .call(method.clone(), path, Some(&read), Some(body))
            .await;
        refused(
            s,
            &v,
            StatusCode::FORBIDDEN,
            &format!("read-only {method} {path}"),
        );
    }
    assert_eq!(app.get("/api/v1/me/settings", &b.session).await.1, settings);
    assert_eq!(app.count("api_tokens").await, tokens);
    assert_eq!(app.count("learner_languages").await, 0);
    assert!(app.get("/api/v1/me", &b.session).await.1["display_name"].is_null());
}

async fn deactivated_user_tokens_stop_working(app: &TestApp) {
    let a = learner_a(app).await;
    let b = learner(app, "bob@example.com").await;
    let before = view(app, &a).await;
    let (admin, _) = app.admin("root@example.com").await;
    let path = format!("/api/v1/admin/users/{}", a.id);
    let (s, v) = app
        .call(
            Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"is_active": false})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["is_active"], false);
    for cred in a.creds() {
        for p in ["/api/v1/me", "/api/v1/me/settings", "/api/v1/me/export"] {
            let (s, v) = app.get(p, cred).await;
            refused(s, &v, StatusCode::UNAUTHORIZED, p);
            assert_eq!(code(&v), "unauthorized");
        }
        let (s, _) = app
            .call(
                Method::PATCH,
                "/api/v1/me/settings",
                Some(cred),
                Some(json!({"theme": "light"})),
            )
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    let login = json!({"email": "ann@example.com", "password": A_PASSWORD});
    let (s, v) = app.post("/api/v1/auth/login", None, login.clone()).await;
    refused(s, &v, StatusCode::FORBIDDEN, "login while deactivated");
    assert_eq!(
        app.get("/api/v1/me", &b.session).await.0,
        StatusCode::OK,
        "B unaffected"
    );
    assert_eq!(app.count("learner_languages").await, 2, "A's data is kept");

    // Reactivated, A logs in again and finds their data as it was; the
    // sessions ended by the deactivation stay ended.
    let (s, _) = app
        .call(
            Method::PATCH,
            &path,
            Some(&admin),
            Some(json!({"is_active": true})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/me", &a.session).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (s, v) = app.post("/api/v1/auth/login", None, login).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let fresh = v["token"].as_str().unwrap();
    for p in ["/api/v1/me/settings", "/api/v1/me/languages"] {
        assert_eq!(app.get(p, fresh).await.1, before[p]);
    }
}
