//! Bad input below the JSON: bytes that are not UTF-8, wrong content types,
//! bodies over the limit, malformed path and query parameters, unknown
//! routes and methods, and malformed Authorization headers.

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::bad_input::{PW, call, call_raw, fixture, json_endpoints, rejected, resolve};
use crate::bad_input::{send, snapshot};
use crate::both_backends;
use crate::common::{Backend, TestApp, postgres_available};

both_backends!(
    bytes_that_are_not_utf8,
    wrong_or_missing_content_type,
    body_over_the_default_limit,
    malformed_path_params,
    bad_query_params,
    unknown_routes_and_methods,
    malformed_authorization,
);

async fn bytes_that_are_not_utf8(app: &TestApp) {
    let f = fixture(app).await;
    let before = snapshot(app, &f).await;
    for (line, good) in json_endpoints(app, &f).await {
        let good = good.to_string();
        let key = good.find('"').unwrap() + 1;
        let inside_string = [
            &good.as_bytes()[..key],
            b"\xff\xfe",
            &good.as_bytes()[key..],
        ];
        let utf16: Vec<u8> = std::iter::once(0xfeff_u16)
            .chain(good.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect();
        for body in [
            b"\xff\xfe".to_vec(),
            b"\xff\xfe{}".to_vec(),
            inside_string.concat(),
            b"{\"\xc3\":1}".to_vec(),
            b"{\"\xed\xa0\x80\":1}".to_vec(),
            [b"\xef\xbb\xbf", good.as_bytes()].concat(),
            utf16,
        ] {
            let (s, v) = call_raw(app, &f, line, body.clone()).await;
            let what = format!("{line} {body:x?}");
            let c = rejected(s, &v, &what);
            assert!(
                ["malformed_json", "invalid_body"].contains(&c.as_str()),
                "{what}: {c}"
            );
        }
    }
    assert_eq!(snapshot(app, &f).await, before);
}

async fn wrong_or_missing_content_type(app: &TestApp) {
    let f = fixture(app).await;
    let before = snapshot(app, &f).await;
    for (line, good) in json_endpoints(app, &f).await {
        let (method, path, token) = resolve(&f, line);
        for content_type in [
            Some("text/plain"),
            Some("text/plain; charset=utf-8"),
            Some("application/x-www-form-urlencoded"),
            Some("multipart/form-data; boundary=x"),
            Some("application/xml"),
            Some("application/jsonx"),
            Some("json"),
            Some(""),
            None,
        ] {
            let url = format!("{}{path}", app.base);
            let mut req = app
                .client
                .request(method.clone(), url)
                .body(good.to_string());
            if let Some(ct) = content_type {
                req = req.header(CONTENT_TYPE, ct);
            }
            if let Some(t) = &token {
                req = req.bearer_auth(t);
            }
            let (s, v) = send(req).await;
            let what = format!("{line} {content_type:?}");
            assert_eq!(rejected(s, &v, &what), "unsupported_media_type", "{what}");
            assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{what}");
        }
    }
    // A form body is not read as a form either.
    let form = b"email=lea%40example.com&password=a+long+enough+password".to_vec();
    let (login, form_type) = ("/api/v1/auth/login", "application/x-www-form-urlencoded");
    let (s, v) = app.raw(Method::POST, login, None, form_type, form).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{v}");
    assert_eq!(snapshot(app, &f).await, before);
    // JSON with a charset parameter is still JSON.
    let body = json!({"email": "lea@example.com", "password": PW}).to_string();
    let ct = "application/json; charset=utf-8";
    let (s, v) = app
        .raw(Method::POST, login, None, ct, body.into_bytes())
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// `{"<field>": "aaaa..."}` of a little over `bytes` bytes.
fn big_body(field: &str, bytes: usize) -> Vec<u8> {
    format!("{{\"{field}\": \"{}\"}}", "a".repeat(bytes)).into_bytes()
}

/// Send each `(line, body)` and expect 413 with the standard body.
async fn expect_too_large(app: &TestApp, cases: Vec<(&str, Vec<u8>)>) {
    let f = fixture(app).await;
    let before = snapshot(app, &f).await;
    for (line, body) in cases {
        let (s, v) = call_raw(app, &f, line, body).await;
        assert_eq!(rejected(s, &v, line), "payload_too_large");
        assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    }
    assert_eq!(snapshot(app, &f).await, before);
    // A small body still fits.
    let (s, v) = call(app, &f, "PATCH /me/settings", json!({"theme": "dark"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

async fn body_over_the_default_limit(app: &TestApp) {
    let two_mib = 2 * 1024 * 1024;
    let cases = vec![
        ("POST /auth/register", big_body("display_name", two_mib)),
        ("PATCH /me", big_body("display_name", two_mib)),
        ("PATCH /me/settings", big_body("font", two_mib)),
        ("POST /me/tokens", big_body("name", two_mib)),
    ];
    expect_too_large(app, cases).await;
}

/// A server with a 768-byte body limit: a 4 KiB body and a full settings
/// document (about 1 KiB) are too large.
async fn small_body_limit(backend: Backend) {
    let app = TestApp::spawn(backend, |c| c.http.body_limit_bytes = 768).await;
    let mut settings = serde_json::to_value(glossa_core::UserSettings::default()).unwrap();
    settings["font"] = json!("a".repeat(100));
    settings["tts_voice"] = json!("b".repeat(100));
    let settings = settings.to_string().into_bytes();
    assert!(settings.len() > 768, "{}", settings.len());
    let cases = vec![
        ("POST /auth/register", big_body("email", 4096)),
        ("POST /auth/login", big_body("password", 800)),
        ("PATCH /me/settings", big_body("font", 4096)),
        ("PUT /me/settings", settings),
    ];
    expect_too_large(&app, cases).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn small_body_limit_sqlite() {
    small_body_limit(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn small_body_limit_postgres() {
    if postgres_available() {
        small_body_limit(Backend::Postgres).await;
    }
}

/// The endpoints with an id in the path, each with a body it would take.
fn id_routes(id: &str) -> [(String, Option<Value>); 4] {
    [
        (format!("DELETE /auth/sessions/{id}"), None),
        (format!("DELETE /me/tokens/{id}"), None),
        (format!("GET /admin/users/{id}"), None),
        (
            format!("PATCH /admin/users/{id}"),
            Some(json!({"is_active": false})),
        ),
    ]
}

async fn malformed_path_params(app: &TestApp) {
    let f = fixture(app).await;
    let before = snapshot(app, &f).await;
    let ids = [
        "not-a-uuid",
        "123",
        "00000000-0000-0000-0000-00000000000g",
        "00000000-0000-0000-0000-0000000000000",
        "%27%20OR%201%3D1%20--",
        "%00",
        "%F0%9F%A6%80",
        "%FF%FE",
    ];
    let long: Vec<String> = ids
        .iter()
        .map(|id| format!("{id}{}", "9".repeat(2000)))
        .collect();
    for id in ids.iter().copied().chain(long.iter().map(String::as_str)) {
        for (line, body) in id_routes(id) {
            let (method, path, token) = resolve(&f, &line);
            let (s, v) = app.call(method, &path, token.as_deref(), body).await;
            assert_eq!(rejected(s, &v, &line), "invalid_path", "{line}");
            assert_eq!(s, StatusCode::BAD_REQUEST, "{line}");
        }
    }
    // Well-formed ids of nothing are 404.
    for (line, body) in id_routes(&uuid::Uuid::now_v7().to_string()) {
        let (method, path, token) = resolve(&f, &line);
        let (s, v) = app.call(method, &path, token.as_deref(), body).await;
        assert_eq!(rejected(s, &v, &line), "not_found", "{line}");
    }
    assert_eq!(snapshot(app, &f).await, before);
}

async fn bad_query_params(app: &TestApp) {
    let f = fixture(app).await;
    let before = snapshot(app, &f).await;
    let (invalid, bad) = (StatusCode::UNPROCESSABLE_ENTITY, StatusCode::BAD_REQUEST);
    for (query, status, want) in [
        ("limit=0", invalid, "validation_failed"),
        ("limit=101", invalid, "validation_failed"),
        ("limit=-1", bad, "invalid_query"),
        ("limit=abc", bad, "invalid_query"),
        ("limit=1.5", bad, "invalid_query"),
        ("limit=", bad, "invalid_query"),
        ("limit=99999999999", bad, "invalid_query"),
        ("limit=1&limit=2", bad, "invalid_query"),
        ("cursor=garbage", invalid, "validation_failed"),
        ("cursor=", invalid, "validation_failed"),
        (
            "cursor=%27%3B%20DROP%20TABLE%20users%3B%20--",
            invalid,
            "validation_failed",
        ),
        ("cursor=%FF%FE", invalid, "validation_failed"),
        ("unknown=1", bad, "invalid_query"),
    ] {
        let path = format!("/api/v1/admin/users?{query}");
        let (s, v) = app.get(&path, &f.admin).await;
        assert_eq!(rejected(s, &v, &path), want, "{query}");
        assert_eq!(s, status, "{query}: {v}");
        if s == invalid {
            let field = query.split('=').next().unwrap();
            assert!(v["error"]["details"][field].is_array(), "{query}: {v}");
        }
    }
    // A cursor that parses but names nobody is an empty page.
    let path = format!(
        "/api/v1/admin/users?cursor={}&limit=1",
        uuid::Uuid::now_v7()
    );
    let (s, v) = app.get(&path, &f.admin).await;
    assert_eq!((s, &v["items"]), (StatusCode::OK, &json!([])));
    assert_eq!(snapshot(app, &f).await, before);
}

async fn unknown_routes_and_methods(app: &TestApp) {
    let f = fixture(app).await;
    for path in [
        "/api/v1/nope",
        "/api/v1/me/settings/theme",
        "/api/v2/me",
        "/api/v1/me/",
    ] {
        let (s, v) = app.get(path, &f.token).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}: {v}");
        assert_eq!(rejected(s, &v, path), "not_found");
    }
    for line in [
        "DELETE /me/settings",
        "GET /auth/login",
        "PUT /me",
        "POST /admin/users",
    ] {
        let (method, path, _) = resolve(&f, line);
        let (s, v) = app.call(method, &path, Some(&f.token), None).await;
        assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED, "{line}: {v}");
        assert_eq!(rejected(s, &v, line), "method_not_allowed");
    }
}

async fn malformed_authorization(app: &TestApp) {
    let f = fixture(app).await;
    let before = snapshot(app, &f).await;
    let t = &f.token;
    let texts = [
        String::new(),
        "Bearer".into(),
        "Bearer ".into(),
        "Bearer     ".into(),
        "Basic bGVhQGV4YW1wbGUuY29tOmEgbG9uZyBlbm91Z2ggcGFzc3dvcmQ=".into(),
        format!("Token {t}"),
        t.clone(),
        format!("Bearer {t} extra"),
        format!("Bearer {t}x"),
        format!("Bearer {}", &t[..t.len() - 1]),
        format!("Bearer: {t}"),
        format!("Bearer {}", t.to_uppercase()),
        "Bearer gla_".into(),
        "Bearer gla_not-a-real-token".into(),
        "Bearer gls_' OR 1=1 --".into(),
        "Bearer %00".into(),
        format!("Bearer gls_{}", "a".repeat(16 * 1024)),
    ];
    let mut headers: Vec<HeaderValue> = texts
        .iter()
        .map(|s| HeaderValue::from_str(s).unwrap())
        .collect();
    let with_nbsp = [b"Bearer ", t.as_bytes(), b"\xa0"].concat();
    for bytes in [
        "Bearer gls_é".as_bytes(),
        b"Bearer \xff\xfe",
        b"\xff\xfe",
        &with_nbsp,
    ] {
        headers.push(HeaderValue::from_bytes(bytes).unwrap());
    }
    for header in headers {
        for (line, body) in [
            ("GET /me", None),
            ("GET /admin/users", None),
            ("PATCH /me/settings", Some(json!({"theme": "dark"}))),
            ("POST /me/tokens", Some(json!({"name": "stolen"}))),
        ] {
            let (method, path, _) = resolve(&f, line);
            let url = format!("{}{path}", app.base);
            let mut req = app
                .client
                .request(method, url)
                .header(AUTHORIZATION, header.clone());
            if let Some(b) = body {
                req = req.json(&b);
            }
            let (s, v) = send(req).await;
            let what = format!("{line} with {header:?}");
            assert_eq!(rejected(s, &v, &what), "unauthorized", "{what}");
            assert_eq!(s, StatusCode::UNAUTHORIZED, "{what}");
        }
    }
    assert_eq!(snapshot(app, &f).await, before);
}
