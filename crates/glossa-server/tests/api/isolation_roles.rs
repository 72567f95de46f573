//! Only admins reach the admin endpoints, and an API token can do no more
//! than its user (nor more than its scopes allow).

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::common::TestApp;
use crate::isolation::{A_PASSWORD, DEFAULT_PASSWORD, go, learner, learner_a, refused, view};

both_backends!(
    admin_endpoints_refuse_learners_and_teachers,
    api_token_cannot_do_more_than_its_user,
    read_only_token_cannot_write,
);

async fn admin_endpoints_refuse_learners_and_teachers(app: &TestApp) {
    let a = learner_a(app).await;
    let b = learner(app, "bob@example.com").await;
    let t = learner(app, "tess@example.com").await;
    app.exec("UPDATE users SET role = 'teacher' WHERE email = 'tess@example.com'")
        .await;
    let before = view(app, &a).await;
    let requests = [
        ("GET /admin/users".to_owned(), None),
        ("GET /admin/users?limit=100".to_owned(), None),
        (format!("GET /admin/users/{}", a.id), None),
        ("GET /admin/users/not-a-uuid".to_owned(), None),
        (
            format!("PATCH /admin/users/{}", a.id),
            Some(json!({"is_active": false})),
        ),
        (
            format!("PATCH /admin/users/{}", a.id),
            Some(json!({"role": "teacher"})),
        ),
        (
            format!("PATCH /admin/users/{}", b.id),
            Some(json!({"role": "admin"})),
        ),
        (
            format!("PATCH /admin/users/{}", t.id),
            Some(json!({"role": "admin"})),
        ),
    ];
    for cred in [&b.session, &b.api, &t.session, &t.api] {
        for (line, body) in &requests {
            let answer = go(app, line, cred, body.clone()).await;
            refused(answer, StatusCode::FORBIDDEN, "forbidden", line);
        }
        assert_eq!(view(app, &a).await, before);
    }
    assert_eq!(go(app, "GET /me", &b.api, None).await.1["role"], "learner");
    assert_eq!(go(app, "GET /me", &t.api, None).await.1["role"], "teacher");
    assert_eq!(app.count("users WHERE role = 'admin'").await, 0);
    assert_eq!(app.count("users WHERE is_active = false").await, 0);

    // The same request from an admin works, so the 403s above were about
    // the role and nothing else.
    let (admin, _) = app.admin("root@example.com").await;
    let (s, v) = go(app, &format!("GET /admin/users/{}", a.id), &admin, None).await;
    assert_eq!(
        (s, &v["email"]),
        (StatusCode::OK, &json!("ann@example.com"))
    );
}

async fn api_token_cannot_do_more_than_its_user(app: &TestApp) {
    let a = learner_a(app).await;
    let b = learner(app, "bob@example.com").await;
    let before = view(app, &a).await;

    // A token minted with B's API token belongs to B.
    let (s, v) = go(
        app,
        "POST /me/tokens",
        &b.api,
        Some(json!({"name": "minted"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let minted = v["token"].as_str().unwrap();
    assert_eq!(
        go(app, "GET /me", minted, None).await.1["id"],
        b.id.as_str()
    );
    assert_eq!(view(app, &a).await, before, "A's token list is unchanged");

    // Fields that would raise privileges or reach A's rows are refused.
    for (line, body) in [
        ("PATCH /me", json!({"role": "admin"})),
        ("PATCH /me", json!({"is_active": true, "display_name": "x"})),
        ("PATCH /me", json!({"id": a.id})),
        ("PATCH /me", json!({"email": "ann@example.com"})),
        (
            "POST /me/languages",
            json!({"language": "fr", "user_id": a.id}),
        ),
        ("POST /me/tokens", json!({"name": "x", "user_id": a.id})),
    ] {
        let what = format!("{line} {body}");
        let answer = go(app, line, &b.api, Some(body)).await;
        refused(
            answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            &what,
        );
    }
    let answer = go(app, "PATCH /me", &b.api, Some(json!({"username": "ann"}))).await;
    refused(answer, StatusCode::CONFLICT, "conflict", "A's username");

    // A's password is of no use to B.
    for cred in b.creds() {
        let body = json!({"current_password": A_PASSWORD, "new_password": "taken over by bob"});
        let answer = go(app, "POST /me/password", cred, Some(body)).await;
        refused(
            answer,
            StatusCode::FORBIDDEN,
            "forbidden",
            "password change",
        );
        let body = json!({"password": A_PASSWORD});
        let answer = go(app, "DELETE /me", cred, Some(body)).await;
        refused(
            answer,
            StatusCode::FORBIDDEN,
            "forbidden",
            "account deletion",
        );
    }
    let body = json!({"current_password": DEFAULT_PASSWORD, "new_password": "bob's new password"});
    let (s, _) = go(app, "POST /me/password", &b.api, Some(body)).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "B changes B's own password");
    let login = json!({"email": "ann@example.com", "password": A_PASSWORD});
    let (s, _) = app.post("/api/v1/auth/login", None, login).await;
    assert_eq!(s, StatusCode::OK, "A's password is unchanged");
    let answer = go(app, "POST /auth/logout", &b.api, None).await;
    refused(
        answer,
        StatusCode::BAD_REQUEST,
        "bad_request",
        "logout with an API token",
    );
    assert_eq!(app.count("users").await, 2);
    // A's login above added a session and set the login time; everything
    // else is as it was.
    let mut after = view(app, &a).await;
    let sessions = after["/auth/sessions"].as_array_mut().unwrap();
    assert_eq!(sessions.len(), 2);
    sessions.retain(|s| s["id"] == a.session_id.as_str());
    after["/me"]["last_login_at"] = Value::Null;
    assert_eq!(after, before);
}

/// A token created with only the `read` scope must not change anything,
/// nor mint itself a token with more scopes.
async fn read_only_token_cannot_write(app: &TestApp) {
    let b = learner(app, "bob@example.com").await;
    let body = json!({"name": "dashboard", "scopes": ["read"]});
    let (s, v) = go(app, "POST /me/tokens", &b.session, Some(body)).await;
    assert_eq!((s, &v["scopes"]), (StatusCode::CREATED, &json!(["read"])));
    let read = v["token"].as_str().unwrap();
    assert_eq!(
        go(app, "GET /me/settings", read, None).await.0,
        StatusCode::OK
    );
    let settings = go(app, "GET /me/settings", &b.session, None).await.1;
    let tokens = app.count("api_tokens").await;
    for (line, body) in [
        ("PATCH /me/settings", json!({"theme": "dark"})),
        ("PATCH /me", json!({"display_name": "Bobby"})),
        ("POST /me/languages", json!({"language": "fr"})),
        ("POST /me/tokens", json!({"name": "escalated"})),
    ] {
        let answer = go(app, line, read, Some(body)).await;
        refused(
            answer,
            StatusCode::FORBIDDEN,
            "forbidden",
            &format!("read-only {line}"),
        );
    }
    assert_eq!(
        go(app, "GET /me/settings", &b.session, None).await.1,
        settings
    );
    assert_eq!(app.count("api_tokens").await, tokens);
    assert_eq!(app.count("learner_languages").await, 0);
    assert!(go(app, "GET /me", &b.session, None).await.1["display_name"].is_null());
}
