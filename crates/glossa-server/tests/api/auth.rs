//! Registration, login, logout, expiry, revocation, API tokens, rate limits.

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::both_backends;
use crate::common::{Backend, TestApp, code, postgres_available};

both_backends!(
    register_login_logout,
    session_expires_and_slides,
    logout_everywhere,
    api_tokens_work_until_revoked,
    password_change_revokes_other_sessions,
    emails_are_case_insensitive_and_unique,
);

async fn register_login_logout(app: &TestApp) {
    let (token, id) = app.register("ada@example.com").await;
    let (s, me) = app.get("/api/v1/me", &token).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["id"], id);
    assert_eq!(me["role"], "learner");
    assert!(
        me.get("password_hash").is_none(),
        "hash never leaves the server"
    );

    let stored: String = {
        use sea_orm::{ConnectionTrait, Statement};
        let row = app
            .db
            .query_one_raw(Statement::from_string(
                app.db.get_database_backend(),
                "SELECT password_hash FROM users WHERE email = 'ada@example.com'".to_owned(),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "password_hash").unwrap()
    };
    assert!(stored.starts_with("$argon2id$"), "argon2id hash: {stored}");

    let (s, v) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "ada@example.com", "password": "wrong password!"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&v), "unauthorized");

    let (s, v) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "ADA@example.com", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let second = v["token"].as_str().unwrap().to_owned();
    assert_ne!(second, token);
    assert!(v["user"]["last_login_at"].is_string());

    // The stored token is a hash, never the token itself.
    assert_eq!(app.count("auth_sessions").await, 2);
    let (s, _) = app
        .call(Method::POST, "/api/v1/auth/logout", Some(&second), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, v) = app.get("/api/v1/me", &second).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&v), "unauthorized");
    // The first session is untouched.
    assert_eq!(app.get("/api/v1/me", &token).await.0, StatusCode::OK);

    let (s, _) = app.call(Method::GET, "/api/v1/me", None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = app.get("/api/v1/me", "gls_not-a-real-token").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

async fn session_expires_and_slides(app: &TestApp) {
    let (token, _) = app.register("grace@example.com").await;
    // Used after 20 days, the session slides to 30 days from then.
    app.clock.advance(Duration::days(20));
    assert_eq!(app.get("/api/v1/me", &token).await.0, StatusCode::OK);
    app.clock.advance(Duration::days(20));
    assert_eq!(
        app.get("/api/v1/me", &token).await.0,
        StatusCode::OK,
        "sliding expiry extended it"
    );
    // Unused for more than 30 days, it expires.
    app.clock.advance(Duration::days(31));
    let (s, v) = app.get("/api/v1/me", &token).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&v), "unauthorized");
}

async fn logout_everywhere(app: &TestApp) {
    let (a, _) = app.register("lin@example.com").await;
    let (_, v) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "lin@example.com", "password": "a long enough password"}),
        )
        .await;
    let b = v["token"].as_str().unwrap().to_owned();
    let (s, list) = app.get("/api/v1/auth/sessions", &a).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(
        list.as_array()
            .unwrap()
            .iter()
            .filter(|x| x["current"] == true)
            .count(),
        1
    );

    let (s, _) = app
        .call(Method::POST, "/api/v1/auth/logout-all", Some(&b), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/api/v1/me", &a).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/api/v1/me", &b).await.0, StatusCode::UNAUTHORIZED);
}

async fn api_tokens_work_until_revoked(app: &TestApp) {
    let (session, _) = app.register("tok@example.com").await;
    let (s, v) = app
        .post(
            "/api/v1/me/tokens",
            Some(&session),
            json!({"name": "anki sync", "expires_in_days": 7}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let secret = v["token"].as_str().unwrap().to_owned();
    let id = v["id"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("gla_"));
    assert_eq!(v["scopes"], json!(["read", "write"]));

    let (s, me) = app.get("/api/v1/me", &secret).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["email"], "tok@example.com");
    let (_, list) = app.get("/api/v1/me/tokens", &session).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(
        list[0].get("token").is_none(),
        "the secret is shown only once"
    );
    assert!(list[0]["last_used_at"].is_string());

    // Expiry.
    app.clock.advance(Duration::days(8));
    assert_eq!(
        app.get("/api/v1/me", &secret).await.0,
        StatusCode::UNAUTHORIZED
    );
    app.clock.advance(Duration::days(-8));
    assert_eq!(app.get("/api/v1/me", &secret).await.0, StatusCode::OK);

    let (s, _) = app
        .call(
            Method::DELETE,
            &format!("/api/v1/me/tokens/{id}"),
            Some(&session),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", &secret).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (s, _) = app
        .call(
            Method::DELETE,
            &format!("/api/v1/me/tokens/{id}"),
            Some(&session),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "revoking twice");
    let (s, v) = app
        .post(
            "/api/v1/me/tokens",
            Some(&session),
            json!({"name": "x", "scopes": ["root"]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["error"]["details"]["scopes"].is_array());
}

async fn password_change_revokes_other_sessions(app: &TestApp) {
    let (a, _) = app.register("pw@example.com").await;
    let (_, v) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "pw@example.com", "password": "a long enough password"}),
        )
        .await;
    let b = v["token"].as_str().unwrap().to_owned();
    let body =
        json!({"current_password": "not the password", "new_password": "another long password"});
    let (s, _) = app.post("/api/v1/me/password", Some(&a), body).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let body = json!({"current_password": "a long enough password", "new_password": "short"});
    let (s, v) = app.post("/api/v1/me/password", Some(&a), body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["error"]["details"]["new_password"].is_array());
    let body =
        json!({"current_password": "a long enough password", "new_password": "pw@example.com"});
    assert_eq!(
        app.post("/api/v1/me/password", Some(&a), body).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let body = json!({"current_password": "a long enough password", "new_password": "another long password"});
    let (s, _) = app.post("/api/v1/me/password", Some(&a), body).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", &a).await.0,
        StatusCode::OK,
        "the session that changed it stays"
    );
    assert_eq!(
        app.get("/api/v1/me", &b).await.0,
        StatusCode::UNAUTHORIZED,
        "others are logged out"
    );
    let old = json!({"email": "pw@example.com", "password": "a long enough password"});
    assert_eq!(
        app.post("/api/v1/auth/login", None, old).await.0,
        StatusCode::UNAUTHORIZED
    );
    let new = json!({"email": "pw@example.com", "password": "another long password"});
    assert_eq!(
        app.post("/api/v1/auth/login", None, new).await.0,
        StatusCode::OK
    );
}

async fn emails_are_case_insensitive_and_unique(app: &TestApp) {
    app.register("Case@Example.COM").await;
    let body = json!({"email": "case@example.com", "password": "a long enough password"});
    let (s, v) = app.post("/api/v1/auth/register", None, body).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(code(&v), "conflict");
    assert_eq!(app.count("users").await, 1);
    assert_eq!(
        app.count("user_settings").await,
        1,
        "the failed registration left nothing"
    );
}

/// Both limits: per address for registration, per account for logins.
async fn rate_limits(backend: Backend) {
    let app = TestApp::spawn(backend, |c| {
        c.auth.register_per_ip.max = 2;
        c.auth.login_per_account.max = 3;
    })
    .await;
    app.register("r1@example.com").await;
    app.register("r2@example.com").await;
    let body = json!({"email": "r3@example.com", "password": "a long enough password"});
    let resp = app
        .client
        .post(format!("{}/api/v1/auth/register", app.base))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 3600);
    assert_eq!(app.count("users").await, 2);

    let wrong = json!({"email": "r1@example.com", "password": "wrong wrong wrong"});
    for _ in 0..3 {
        assert_eq!(
            app.post("/api/v1/auth/login", None, wrong.clone()).await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    let (s, v) = app.post("/api/v1/auth/login", None, wrong).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(code(&v), "rate_limited");
    // A new window starts once the old one is over.
    app.clock.advance(Duration::seconds(901));
    let right = json!({"email": "r1@example.com", "password": "a long enough password"});
    assert_eq!(
        app.post("/api/v1/auth/login", None, right).await.0,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_sqlite() {
    rate_limits(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_postgres() {
    if postgres_available() {
        rate_limits(Backend::Postgres).await;
    }
}
