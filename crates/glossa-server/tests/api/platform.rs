//! Health, readiness, metrics, the OpenAPI document and Swagger UI,
//! request ids, JSON errors for unknown routes and methods, and several
//! servers sharing one database.

use std::collections::{BTreeMap, BTreeSet};

use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::both_backends;
use crate::common::{Backend, TestApp, code, postgres_available};

both_backends!(
    health_and_readiness,
    metrics_are_prometheus_text,
    openapi_documents_every_route,
    swagger_ui_is_served,
    request_ids,
    unknown_routes_and_methods_are_json,
);

async fn health_and_readiness(app: &TestApp) {
    let resp = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_json(&resp);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["status"], "ok");

    let (s, v) = app.call(Method::GET, "/readyz", None, None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "ready");

    // A migration the database does not have makes the server unready.
    app.exec(
        "DELETE FROM seaql_migrations WHERE version = (SELECT MAX(version) FROM seaql_migrations)",
    )
    .await;
    let (s, v) = app.call(Method::GET, "/readyz", None, None).await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(v["status"], "not_ready");
    assert_eq!(
        app.call(Method::GET, "/healthz", None, None).await.0,
        StatusCode::OK,
        "liveness does not depend on the schema"
    );
}

async fn metrics_are_prometheus_text(app: &TestApp) {
    let (token, _) = app.register("metrics@example.com").await;
    for _ in 0..3 {
        assert_eq!(app.get("/api/v1/me", &token).await.0, StatusCode::OK);
    }
    let missing = uuid::Uuid::now_v7().to_string();
    let path = format!("/api/v1/me/tokens/{missing}");
    let (s, _) = app.call(Method::DELETE, &path, Some(&token), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let resp = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let ctype = resp.headers()[header::CONTENT_TYPE].to_str().unwrap();
    assert!(ctype.starts_with("text/plain"), "{ctype}");
    let text = resp.text().await.unwrap();

    let me_requests = text
        .lines()
        .find(|l| {
            l.starts_with("glossa_http_requests_total{")
                && l.contains(r#"route="/api/v1/me""#)
                && l.contains(r#"method="GET""#)
                && l.contains(r#"status="200""#)
        })
        .unwrap_or_else(|| panic!("no request counter for /api/v1/me:\n{text}"));
    let n: f64 = me_requests.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(n >= 3.0, "{me_requests}");
    // Routes are labelled by template, never by concrete id.
    assert!(
        text.lines()
            .any(|l| l.starts_with("glossa_http_requests_total{")
                && l.contains(r#"route="/api/v1/me/tokens/{id}""#)),
        "{text}"
    );
    assert!(!text.contains(&missing), "a concrete id became a label");

    assert!(
        text.contains("# TYPE glossa_http_request_duration_seconds histogram"),
        "duration is a histogram:\n{text}"
    );
    assert!(
        text.lines().any(|l| {
            l.starts_with("glossa_http_request_duration_seconds_bucket{")
                && l.contains(r#"route="/api/v1/me""#)
                && l.contains(r#"le="+Inf""#)
        }),
        "{text}"
    );
    assert!(text.contains("glossa_http_request_duration_seconds_count{"));
    assert!(
        text.lines()
            .any(|l| l.starts_with("glossa_db_pool_connections ")),
        "{text}"
    );
    assert!(text.contains("glossa_db_pool_idle_connections"));
}

/// Every route in src/routes as (method, path, needs a token). A new
/// route must be added here, and so documented.
const ROUTES: &[(&str, &str, bool)] = &[
    ("post", "/api/v1/auth/register", false),
    ("post", "/api/v1/auth/login", false),
    ("post", "/api/v1/auth/logout", true),
    ("post", "/api/v1/auth/logout-all", true),
    ("get", "/api/v1/auth/sessions", true),
    ("delete", "/api/v1/auth/sessions/{id}", true),
    ("get", "/api/v1/me", true),
    ("patch", "/api/v1/me", true),
    ("delete", "/api/v1/me", true),
    ("post", "/api/v1/me/password", true),
    ("get", "/api/v1/me/export", true),
    ("get", "/api/v1/me/settings", true),
    ("put", "/api/v1/me/settings", true),
    ("patch", "/api/v1/me/settings", true),
    ("get", "/api/v1/me/languages", true),
    ("post", "/api/v1/me/languages", true),
    ("patch", "/api/v1/me/languages/{language}", true),
    ("delete", "/api/v1/me/languages/{language}", true),
    ("get", "/api/v1/me/tokens", true),
    ("post", "/api/v1/me/tokens", true),
    ("delete", "/api/v1/me/tokens/{id}", true),
    ("get", "/api/v1/admin/users", true),
    ("get", "/api/v1/admin/users/{id}", true),
    ("patch", "/api/v1/admin/users/{id}", true),
    ("get", "/api/v1/catalog/words", false),
    ("get", "/api/v1/catalog/words/{id}", false),
    ("put", "/api/v1/catalog/words/{id}/status", true),
    ("delete", "/api/v1/catalog/words/{id}/status", true),
    ("get", "/api/v1/catalog/{language}/grammar-topics", false),
    ("get", "/api/v1/catalog/{language}/exercises", false),
    ("get", "/api/v1/catalog/{language}/scenarios", false),
    ("get", "/api/v1/catalog/{language}/courses", false),
    ("get", "/api/v1/catalog/{language}/assessments", false),
    ("get", "/api/v1/catalog/achievements", false),
    ("post", "/api/v1/catalog/packs", true),
    ("put", "/api/v1/catalog/{language}/words", true),
    ("put", "/api/v1/catalog/{language}/{kind}/{slug}", true),
    ("post", "/api/v1/cards", true),
    ("get", "/api/v1/cards", true),
    ("get", "/api/v1/cards/{id}", true),
    ("patch", "/api/v1/cards/{id}", true),
    ("post", "/api/v1/cards/{id}/bury", true),
    ("post", "/api/v1/cards/{id}/reset", true),
    ("put", "/api/v1/cards/algorithm", true),
    ("get", "/api/v1/reviews/due", true),
    ("post", "/api/v1/reviews", true),
    ("get", "/api/v1/achievements", true),
    ("put", "/api/v1/achievements/showcase", true),
    ("get", "/api/v1/leaderboard", true),
    ("get", "/api/v1/progress/snapshots", true),
    ("get", "/api/v1/progress/heatmap", true),
    ("get", "/api/v1/dashboard", true),
    ("post", "/api/v1/quizzes", true),
    ("get", "/api/v1/quizzes/{id}", true),
    ("post", "/api/v1/quizzes/{id}/answers", true),
    ("post", "/api/v1/practice-sessions", true),
    ("get", "/api/v1/practice-sessions/{id}", true),
    ("post", "/api/v1/practice-sessions/{id}/attempts", true),
    ("post", "/api/v1/flashcard-sessions", true),
    ("get", "/api/v1/flashcard-sessions/{id}", true),
    ("post", "/api/v1/flashcard-sessions/{id}/answers", true),
    ("post", "/api/v1/placement", true),
    ("get", "/api/v1/lessons/{id}/progress", true),
    ("post", "/api/v1/diagnostics/grammar", true),
    ("put", "/api/v1/lessons/{id}/progress", true),
    ("get", "/api/v1/placement/{id}", true),
    ("post", "/api/v1/placement/{id}/answers", true),
    (
        "put",
        "/api/v1/catalog/{language}/{kind}/{slug}/status",
        true,
    ),
    (
        "delete",
        "/api/v1/catalog/{language}/{kind}/{slug}/status",
        true,
    ),
];

async fn openapi_documents_every_route(app: &TestApp) {
    let resp = app
        .client
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_json(&resp);
    let doc: Value = resp.json().await.unwrap();
    let version = doc["openapi"].as_str().unwrap();
    assert!(version.starts_with("3.1"), "{version}");
    assert_eq!(doc["info"]["title"], "Glossa API");
    let scheme = &doc["components"]["securitySchemes"]["bearer"];
    assert_eq!(scheme["type"], "http", "{scheme}");
    assert_eq!(scheme["scheme"], "bearer");

    // (method, path) -> documented as needing the bearer token.
    let mut found = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if !["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                continue;
            }
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{method} {path} documents its responses"
            );
            let secured = op["security"]
                .as_array()
                .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
            found.insert((method.clone(), path.clone()), secured);
        }
    }
    let expected: BTreeMap<(String, String), bool> = ROUTES
        .iter()
        .map(|(m, p, t)| ((m.to_string(), p.to_string()), *t))
        .collect();
    let paths = |m: &BTreeMap<(String, String), bool>| m.keys().cloned().collect::<BTreeSet<_>>();
    assert_eq!(paths(&found), paths(&expected), "documented routes");
    assert_eq!(found, expected, "documented security");

    // The server agrees with the documentation: without a token, exactly
    // the secured routes answer 401.
    for ((method, path), secured) in &expected {
        let concrete = path
            .replace("{id}", &uuid::Uuid::now_v7().to_string())
            .replace("{language}", "de")
            .replace("{kind}", "scenarios")
            .replace("{slug}", "no-such-slug");
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let body = (method != Method::GET && method != Method::DELETE).then(|| json!({}));
        let (s, v) = app.call(method.clone(), &concrete, None, body).await;
        assert_eq!(
            s == StatusCode::UNAUTHORIZED,
            *secured,
            "{method} {concrete} without a token: {s} {v}"
        );
        assert!(
            v["error"]["code"].is_string() || s.is_success(),
            "{method} {concrete}: {v}"
        );
    }
}

async fn swagger_ui_is_served(app: &TestApp) {
    for path in ["/api/docs/", "/api/docs"] {
        let resp = app
            .client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{path}");
        let ctype = resp.headers()[header::CONTENT_TYPE].to_str().unwrap();
        assert!(ctype.starts_with("text/html"), "{path}: {ctype}");
        let html = resp.text().await.unwrap();
        assert!(html.to_lowercase().contains("swagger-ui"), "{html}");
    }
    let init = app
        .client
        .get(format!("{}/api/docs/swagger-initializer.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(init.status(), StatusCode::OK);
    let js = init.text().await.unwrap();
    assert!(js.contains("/api/v1/openapi.json"), "{js}");
}

async fn request_ids(app: &TestApp) {
    let get = |id: Option<&'static str>| {
        let mut req = app.client.get(format!("{}/healthz", app.base));
        if let Some(id) = id {
            req = req.header("x-request-id", id);
        }
        req.send()
    };
    let header_of = |r: &reqwest::Response| {
        r.headers()
            .get("x-request-id")
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let a = header_of(&get(None).await.unwrap()).expect("a generated request id");
    let b = header_of(&get(None).await.unwrap()).expect("a generated request id");
    assert!(uuid::Uuid::parse_str(&a).is_ok(), "{a}");
    assert_ne!(a, b, "each request gets its own id");
    let echoed = header_of(&get(Some("trace-me-123")).await.unwrap());
    assert_eq!(echoed.as_deref(), Some("trace-me-123"));

    // Errors carry it too.
    let resp = app
        .client
        .get(format!("{}/api/v1/me", app.base))
        .header("x-request-id", "err-42")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header_of(&resp).as_deref(), Some("err-42"));
}

async fn unknown_routes_and_methods_are_json(app: &TestApp) {
    for path in ["/nope", "/api/v1/nope", "/api/v2/me"] {
        let resp = app
            .client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{path}");
        assert_json(&resp);
        let v: Value = resp.json().await.unwrap();
        assert_eq!(code(&v), "not_found", "{path}: {v}");
    }

    for (method, path, allowed) in [
        (Method::PUT, "/api/v1/auth/login", "POST"),
        (Method::DELETE, "/healthz", "GET"),
        (Method::POST, "/api/v1/admin/users", "GET"),
    ] {
        let resp = app
            .client
            .request(method.clone(), format!("{}{path}", app.base))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            resp.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert_json(&resp);
        let allow = resp
            .headers()
            .get(header::ALLOW)
            .unwrap_or_else(|| panic!("{method} {path}: no Allow header"))
            .to_str()
            .unwrap()
            .to_owned();
        assert!(allow.contains(allowed), "{method} {path}: Allow {allow}");
        let v: Value = resp.json().await.unwrap();
        assert_eq!(code(&v), "method_not_allowed", "{v}");
    }
}

fn assert_json(resp: &reqwest::Response) {
    let ctype = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(
        ctype.starts_with("application/json"),
        "{} {}: content-type {ctype:?}",
        resp.status(),
        resp.url()
    );
}

/// Two servers on one database behave as one: sessions, logout and login
/// rate limits live in the database, not in either process.
async fn shared_state(backend: Backend) {
    let one = TestApp::spawn(backend, |c| c.auth.login_per_account.max = 3).await;
    let two = one.second_server().await;
    assert_ne!(one.base, two.base);

    let (token, id) = one.register("shared@example.com").await;
    let (s, me) = two.get("/api/v1/me", &token).await;
    assert_eq!(s, StatusCode::OK, "a session made on one works on two");
    assert_eq!(me["id"], id);

    let creds = json!({"email": "shared@example.com", "password": "a long enough password"});
    let (s, v) = two.post("/api/v1/auth/login", None, creds.clone()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let second = v["token"].as_str().unwrap().to_owned();
    assert_eq!(one.get("/api/v1/me", &second).await.0, StatusCode::OK);
    let (s, _) = two
        .call(Method::POST, "/api/v1/auth/logout", Some(&token), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, v) = one.get("/api/v1/me", &token).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "logged out on two: {v}");
    assert_eq!(code(&v), "unauthorized");
    assert_eq!(
        one.get("/api/v1/me", &second).await.0,
        StatusCode::OK,
        "the other session stays"
    );

    // Three failed attempts allowed per account, wherever they are made.
    let wrong = json!({"email": "shared@example.com", "password": "not the password"});
    for server in [0, 1, 0] {
        let (s, _) = if server == 0 {
            one.post("/api/v1/auth/login", None, wrong.clone()).await
        } else {
            two.post("/api/v1/auth/login", None, wrong.clone()).await
        };
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    let (s, v) = two.post("/api/v1/auth/login", None, wrong.clone()).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{v}");
    assert_eq!(code(&v), "rate_limited");
    let (s, _) = one.post("/api/v1/auth/login", None, wrong).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);

    // Stopping the second server leaves the database to the first.
    drop(two);
    assert_eq!(one.get("/api/v1/me", &second).await.0, StatusCode::OK);
    assert_eq!(one.count("users").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shared_state_sqlite() {
    shared_state(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shared_state_postgres() {
    if postgres_available() {
        shared_state(Backend::Postgres).await;
    }
}
