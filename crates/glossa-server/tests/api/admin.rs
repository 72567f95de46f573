//! User administration: listing with cursors, inspecting, roles,
//! deactivation, the last-admin guard and who may use these routes.

use std::collections::BTreeSet;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::common::{TestApp, code};

both_backends!(
    list_users_pages_with_cursors,
    get_one_user,
    change_role,
    deactivate_and_reactivate,
    last_active_admin_is_kept,
    only_admins_may_administer,
);

const PASSWORD: &str = "a long enough password";

async fn patch_user(app: &TestApp, token: &str, id: &str, body: Value) -> (StatusCode, Value) {
    app.call(
        Method::PATCH,
        &format!("/api/v1/admin/users/{id}"),
        Some(token),
        Some(body),
    )
    .await
}

async fn login(app: &TestApp, email: &str) -> (StatusCode, Value) {
    app.post(
        "/api/v1/auth/login",
        None,
        json!({"email": email, "password": PASSWORD}),
    )
    .await
}

async fn list_users_pages_with_cursors(app: &TestApp) {
    let (admin, admin_id) = app.admin("boss@example.com").await;
    let mut expected = vec![admin_id];
    for i in 0..4 {
        expected.push(app.register(&format!("u{i}@example.com")).await.1);
    }

    let (s, all) = app.get("/api/v1/admin/users", &admin).await;
    assert_eq!(s, StatusCode::OK, "{all}");
    let ids: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, expected, "oldest first");
    assert!(all.get("next_cursor").is_none(), "one page only: {all}");
    assert!(all["items"][0].get("password_hash").is_none());

    let mut seen = Vec::new();
    let mut pages = 0;
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/admin/users?limit=2&cursor={c}"),
            None => "/api/v1/admin/users?limit=2".to_owned(),
        };
        let (s, page) = app.get(&path, &admin).await;
        assert_eq!(s, StatusCode::OK, "{page}");
        pages += 1;
        let items = page["items"].as_array().unwrap();
        assert!(!items.is_empty() && items.len() <= 2, "{page}");
        seen.extend(items.iter().map(|u| u["id"].as_str().unwrap().to_owned()));
        match page.get("next_cursor") {
            Some(Value::String(c)) => cursor = Some(c.clone()),
            None => break,
            Some(other) => panic!("next_cursor must be a string or absent: {other}"),
        }
        assert!(pages < 10, "pagination does not end");
    }
    assert_eq!(pages, 3, "5 users in pages of 2");
    assert_eq!(seen, expected, "every user once, in order");
    assert_eq!(
        seen.iter().collect::<BTreeSet<_>>().len(),
        seen.len(),
        "no duplicates"
    );

    for bad in ["limit=0", "limit=101", "cursor=not-a-cursor", "limit=two"] {
        let (s, v) = app.get(&format!("/api/v1/admin/users?{bad}"), &admin).await;
        assert!(s.is_client_error(), "{bad}: {s} {v}");
        assert!(v["error"]["code"].is_string(), "{bad}: {v}");
    }
}

async fn get_one_user(app: &TestApp) {
    let (admin, _) = app.admin("boss@example.com").await;
    let (_, id) = app.register("someone@example.com").await;
    let (s, v) = app.get(&format!("/api/v1/admin/users/{id}"), &admin).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["id"], id);
    assert_eq!(v["email"], "someone@example.com");
    assert_eq!(v["role"], "learner");
    assert_eq!(v["is_active"], true);
    assert!(v.get("password_hash").is_none());

    let unknown = uuid::Uuid::now_v7();
    let (s, v) = app
        .get(&format!("/api/v1/admin/users/{unknown}"), &admin)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    assert_eq!(code(&v), "not_found");
    let (s, v) = patch_user(
        app,
        &admin,
        &unknown.to_string(),
        json!({"role": "teacher"}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    assert_eq!(code(&v), "not_found");

    let (s, v) = app.get("/api/v1/admin/users/not-a-uuid", &admin).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["error"]["code"].is_string());
}

async fn change_role(app: &TestApp) {
    let (admin, _) = app.admin("boss@example.com").await;
    let (learner, id) = app.register("student@example.com").await;
    let (s, v) = patch_user(app, &admin, &id, json!({"role": "teacher"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["role"], "teacher");
    assert_eq!(v["is_active"], true, "the active flag is untouched");
    let (_, me) = app.get("/api/v1/me", &learner).await;
    assert_eq!(me["role"], "teacher", "the user's own session sees it");
    let (_, v) = app.get(&format!("/api/v1/admin/users/{id}"), &admin).await;
    assert_eq!(v["role"], "teacher");

    for bad in [
        json!({"role": "overlord"}),
        json!({"role": 3}),
        json!({"role": "teacher", "email": "x@example.com"}),
        json!({"is_active": "no"}),
    ] {
        let (s, v) = patch_user(app, &admin, &id, bad.clone()).await;
        assert!(s.is_client_error(), "{bad}: {s} {v}");
        assert!(v["error"]["code"].is_string(), "{bad}: {v}");
    }
    let (_, v) = app.get(&format!("/api/v1/admin/users/{id}"), &admin).await;
    assert_eq!(v["role"], "teacher", "rejected changes changed nothing");

    // An empty patch changes nothing and is fine.
    let (s, v) = patch_user(app, &admin, &id, json!({})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["role"], "teacher");
}

async fn deactivate_and_reactivate(app: &TestApp) {
    let (admin, _) = app.admin("boss@example.com").await;
    let (session, id) = app.register("leaving@example.com").await;
    let (s, v) = app
        .post(
            "/api/v1/me/tokens",
            Some(&session),
            json!({"name": "script"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let api_token = v["token"].as_str().unwrap().to_owned();

    let (s, v) = patch_user(app, &admin, &id, json!({"is_active": false})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["is_active"], false);
    for t in [&session, &api_token] {
        let (s, v) = app.get("/api/v1/me", t).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
        assert_eq!(code(&v), "unauthorized");
    }
    let (s, v) = login(app, "leaving@example.com").await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    assert_eq!(code(&v), "forbidden");
    assert!(v.get("token").is_none());
    // A wrong password still answers 401, revealing nothing more.
    let (s, _) = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "leaving@example.com", "password": "not the password"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    let (s, v) = patch_user(app, &admin, &id, json!({"is_active": true})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["is_active"], true);
    let (s, v) = login(app, "leaving@example.com").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let fresh = v["token"].as_str().unwrap().to_owned();
    assert_eq!(app.get("/api/v1/me", &fresh).await.0, StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/me", &session).await.0,
        StatusCode::UNAUTHORIZED,
        "sessions ended by deactivation stay ended"
    );
}

async fn last_active_admin_is_kept(app: &TestApp) {
    let (root, root_id) = app.admin("root@example.com").await;
    for body in [
        json!({"role": "learner"}),
        json!({"role": "teacher"}),
        json!({"is_active": false}),
    ] {
        let (s, v) = patch_user(app, &root, &root_id, body.clone()).await;
        assert_eq!(s, StatusCode::CONFLICT, "{body}: {v}");
        assert_eq!(code(&v), "conflict");
    }
    // Keeping the role is not a demotion.
    let (s, v) = patch_user(app, &root, &root_id, json!({"role": "admin"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(app.get("/api/v1/me", &root).await.0, StatusCode::OK);

    // An inactive admin does not count as another admin.
    let (_, dormant) = app.admin("dormant@example.com").await;
    let (s, _) = patch_user(app, &root, &dormant, json!({"is_active": false})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = patch_user(app, &root, &root_id, json!({"role": "learner"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");

    // With a second active admin, the first may step down.
    let (deputy, deputy_id) = app.register("deputy@example.com").await;
    let (s, v) = patch_user(app, &root, &deputy_id, json!({"role": "admin"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = patch_user(app, &deputy, &root_id, json!({"role": "teacher"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["role"], "teacher");
    // Now the deputy is the last one.
    let (s, v) = patch_user(app, &deputy, &deputy_id, json!({"is_active": false})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    let (_, v) = app
        .get(&format!("/api/v1/admin/users/{deputy_id}"), &deputy)
        .await;
    assert_eq!(v["role"], "admin");
    assert_eq!(v["is_active"], true);
    // The demoted admin has lost access.
    let (s, _) = app.get("/api/v1/admin/users", &root).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

async fn only_admins_may_administer(app: &TestApp) {
    let (_, admin_id) = app.admin("boss@example.com").await;
    let (teacher, teacher_id) = app.register("teacher@example.com").await;
    app.exec("UPDATE users SET role = 'teacher' WHERE email = 'teacher@example.com'")
        .await;
    let (learner, _) = app.register("learner@example.com").await;

    for token in [&teacher, &learner] {
        for (method, path, body) in [
            (Method::GET, "/api/v1/admin/users".to_owned(), None),
            (Method::GET, format!("/api/v1/admin/users/{admin_id}"), None),
            (
                Method::PATCH,
                format!("/api/v1/admin/users/{teacher_id}"),
                Some(json!({"role": "admin"})),
            ),
            (
                Method::PATCH,
                format!("/api/v1/admin/users/{admin_id}"),
                Some(json!({"is_active": false})),
            ),
        ] {
            let (s, v) = app.call(method.clone(), &path, Some(token), body).await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{method} {path}: {v}");
            assert_eq!(code(&v), "forbidden");
        }
    }
    let (s, v) = app
        .call(Method::GET, "/api/v1/admin/users", None, None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    let (_, me) = app.get("/api/v1/me", &teacher).await;
    assert_eq!(me["role"], "teacher", "the attempt changed nothing");
    assert_eq!(login(app, "boss@example.com").await.0, StatusCode::OK);
}
