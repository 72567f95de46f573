//! Bad strings: empty, blank, invalid emails and passwords, SQL
//! metacharacters and Unicode edge cases. Each is either rejected with a
//! per-field 422 or stored exactly as sent, and nothing else changes.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::bad_input::{Fixture, PW, TABLES, call, call_raw, fixture, rejected, snapshot};
use crate::both_backends;
use crate::common::TestApp;

both_backends!(
    empty_blank_and_invalid_strings,
    sql_metacharacters_are_data,
    unicode_edge_cases,
    nul_in_a_token_name,
);

/// Send each body to `line` and expect 422 `validation_failed` naming
/// `field`; the snapshot must not change.
async fn field_errors(app: &TestApp, f: &Fixture, line: &str, field: &str, bodies: &[Value]) {
    let before = snapshot(app, f).await;
    for body in bodies {
        let (s, v) = call(app, f, line, body.clone()).await;
        let what = format!("{line} {body}");
        assert_eq!(rejected(s, &v, &what), "validation_failed", "{what}: {v}");
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        let details = &v["error"]["details"][field];
        assert!(details.is_array(), "{what}: no details for {field}: {v}");
    }
    assert_eq!(snapshot(app, f).await, before, "{line}");
}

/// `{field: value}` for each value.
fn bodies(field: &str, values: &[&str]) -> Vec<Value> {
    values.iter().map(|v| json!({ field: v })).collect()
}

/// Percent-encode every byte but ASCII letters and digits.
fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn empty_blank_and_invalid_strings(app: &TestApp) {
    let f = fixture(app).await;
    let reg = "POST /auth/register";
    let long_local = format!("{}@example.com", "a".repeat(250));
    let emails: Vec<Value> = [
        "",
        "   ",
        "\t\n",
        "plainaddress",
        "@example.com",
        "ada@",
        "ada@@example.com",
        "ada@localhost",
        "ada@[127.0.0.1]",
        "Ada <ada@example.com>",
        "ada lovelace@example.com",
        ".ada@example.com",
        "ada..l@example.com",
        "ada@example..com",
        "ada@-example.com",
        "ada\u{0}@example.com",
        "ada\n@example.com",
        "ada@exam ple.com",
        &long_local,
    ]
    .iter()
    .map(|e| json!({"email": e, "password": PW}))
    .collect();
    field_errors(app, &f, reg, "email", &emails).await;

    let pat = "pat@example.com";
    let passwords: Vec<Value> = [
        ("", pat),
        ("short", pat),
        ("123456789", pat),
        ("ééééééééé", pat),
        (&"x".repeat(1025), pat),
        (pat, pat),
        ("PAT@EXAMPLE.COM", pat),
        (" pat@example.com ", "Pat@Example.com"),
        ("Patricia.Lovelace", "patricia.lovelace@example.com"),
    ]
    .iter()
    .map(|(p, e)| json!({"email": e, "password": p}))
    .collect();
    field_errors(app, &f, reg, "password", &passwords).await;
    let both = [json!({"email": "nope", "password": "short"})];
    field_errors(app, &f, reg, "email", &both).await;
    field_errors(app, &f, reg, "password", &both).await;

    let long = "x".repeat(101);
    let names = ["", "   ", "\t\n", "a\u{0}b", "line\nbreak", &long];
    field_errors(
        app,
        &f,
        "PATCH /me",
        "display_name",
        &bodies("display_name", &names),
    )
    .await;
    let users = [
        "",
        "  ",
        "ab",
        "has space",
        "ümlaut",
        "bob!",
        &long[..33],
        "a\u{0}bc",
    ];
    field_errors(
        app,
        &f,
        "PATCH /me",
        "username",
        &bodies("username", &users),
    )
    .await;
    let zones = ["", " ", "Mars/Olympus", "Europe/Atlantis", "UTC\u{0}"];
    field_errors(
        app,
        &f,
        "PATCH /me",
        "timezone",
        &bodies("timezone", &zones),
    )
    .await;
    let natives = bodies(
        "native_language",
        &["", " ", "x", "eng", "xx", "12", "e\u{0}"],
    );
    field_errors(app, &f, "PATCH /me", "native_language", &natives).await;

    let set = "PATCH /me/settings";
    let fonts = ["", "   ", "\t", "a\u{0}b", &long];
    field_errors(app, &f, set, "font", &bodies("font", &fonts)).await;
    let voices = ["", "  ", "a\u{7}b"];
    field_errors(app, &f, set, "tts_voice", &bodies("tts_voice", &voices)).await;
    let times = [
        "", "7:30", "24:00", "12:60", "noon", "07:30:00", "07-30", " 07:30",
    ];
    field_errors(
        app,
        &f,
        set,
        "reminder_time",
        &bodies("reminder_time", &times),
    )
    .await;

    let codes = ["", "  ", "xx", "deu", "d", "d\u{0}"];
    field_errors(
        app,
        &f,
        "POST /me/languages",
        "language",
        &bodies("language", &codes),
    )
    .await;
    for code in [" ", "xx", "deu", "d\u{0}"] {
        let line = format!("PATCH /me/languages/{}", pct(code));
        let body = [json!({"cefr_level": "B2"})];
        field_errors(app, &f, &line, "language", &body).await;
    }

    let tok = "POST /me/tokens";
    let names = ["", "   ", "\n", &long];
    field_errors(app, &f, tok, "name", &bodies("name", &names)).await;
    let scopes = [
        json!({"name": "x", "scopes": []}),
        json!({"name": "x", "scopes": ["admin"]}),
    ];
    field_errors(app, &f, tok, "scopes", &scopes).await;

    let new = ["", "short", "lea@example.com", "LEA@example.com"]
        .map(|n| json!({"current_password": PW, "new_password": n}));
    field_errors(app, &f, "POST /me/password", "new_password", &new).await;
}

/// Strings an attacker would use to break out of an SQL literal.
const SQL: [&str; 7] = [
    "'; DROP TABLE users; --",
    "\" OR 1=1 --",
    "' OR '1'='1",
    "1; DELETE FROM auth_sessions",
    "Robert'); DROP TABLE learner_languages;--",
    "%_\\ LIKE '%'",
    "$1 $$ $body$ ?",
];

async fn sql_metacharacters_are_data(app: &TestApp) {
    let f = fixture(app).await;
    let (reg, login) = ("POST /auth/register", "POST /auth/login");
    let (mut users, mut sessions) = (2, 2);
    for (i, payload) in SQL.iter().take(2).enumerate() {
        let email = format!("sql{i}@example.com");
        let body = json!({"email": email, "password": PW, "display_name": payload});
        let (s, v) = call(app, &f, reg, body).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(v["user"]["display_name"], *payload);
        (users, sessions) = (users + 1, sessions + 1);
    }
    // A quote is allowed in an email address: stored as is, or refused.
    let quoted = json!({"email": "o'hara+1=1@example.com", "password": SQL[0]});
    let (s, v) = call(app, &f, reg, quoted.clone()).await;
    if s == StatusCode::CREATED {
        assert_eq!(v["user"]["email"], "o'hara+1=1@example.com");
        assert_eq!(call(app, &f, login, quoted).await.0, StatusCode::OK);
        (users, sessions) = (users + 1, sessions + 2);
    } else {
        rejected(s, &v, "email with a quote");
    }
    // Logins that would match everyone if pasted into SQL.
    for (email, password) in [
        (SQL[1], PW),
        ("' OR 1=1 --@example.com", PW),
        ("lea@example.com' --", PW),
        ("lea@example.com", SQL[2]),
    ] {
        let (s, v) = call(
            app,
            &f,
            login,
            json!({"email": email, "password": password}),
        )
        .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{email} / {password}: {v}");
    }

    for payload in SQL {
        // Free text is stored exactly as sent.
        let (s, v) = call(app, &f, "PATCH /me", json!({"display_name": payload})).await;
        assert_eq!((s, &v["display_name"]), (StatusCode::OK, &json!(payload)));
        let body = json!({"font": payload, "tts_voice": payload});
        let (s, v) = call(app, &f, "PATCH /me/settings", body).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!([&v["font"], &v["tts_voice"]], [payload, payload]);
        let (s, v) = call(app, &f, "POST /me/tokens", json!({"name": payload})).await;
        assert_eq!((s, &v["name"]), (StatusCode::CREATED, &json!(payload)));
        // Codes, usernames, ids and cursors are validated and refuse it.
        let before = snapshot(app, &f).await;
        let p = pct(payload);
        for (line, body) in [
            ("PATCH /me".to_owned(), json!({"username": payload})),
            ("PATCH /me".to_owned(), json!({"timezone": payload})),
            ("PATCH /me".to_owned(), json!({"native_language": payload})),
            (
                "POST /me/languages".to_owned(),
                json!({"language": payload}),
            ),
            (
                format!("PATCH /me/languages/{p}"),
                json!({"cefr_level": "B1"}),
            ),
        ] {
            let (s, v) = call(app, &f, &line, body.clone()).await;
            rejected(s, &v, &format!("{line} {body}"));
        }
        let (s, v) = app
            .call(
                reqwest::Method::DELETE,
                &format!("/api/v1/me/languages/{p}"),
                Some(&f.token),
                None,
            )
            .await;
        rejected(s, &v, "DELETE language");
        let (s, v) = app
            .get(&format!("/api/v1/admin/users?cursor={p}"), &f.admin)
            .await;
        assert_eq!(rejected(s, &v, "cursor"), "validation_failed");
        let (s, v) = app.get(&format!("/api/v1/admin/users/{p}"), &f.admin).await;
        assert_eq!(rejected(s, &v, "user id"), "invalid_path");
        assert_eq!(snapshot(app, &f).await, before);
    }
    let (_, tokens) = app.get("/api/v1/me/tokens", &f.token).await;
    let names: Vec<&Value> = tokens
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["name"])
        .collect();
    assert_eq!(names.len(), SQL.len());
    assert!(SQL.iter().all(|p| names.contains(&&json!(p))), "{names:?}");

    // Every table is still there with the rows it should have.
    let mut counts = Vec::new();
    for table in TABLES {
        counts.push(app.count(table).await);
    }
    assert_eq!(counts, [users, users, sessions, 7, 1]);
    let (s, langs) = app.get("/api/v1/me/languages", &f.token).await;
    assert_eq!((s, &langs[0]["language"]), (StatusCode::OK, &json!("de")));
}

/// Text in other scripts, with combining marks, emoji and invisible
/// characters, round-trips unchanged; NUL and other control characters
/// are refused; a lone surrogate escape is malformed JSON.
async fn unicode_edge_cases(app: &TestApp) {
    let f = fixture(app).await;
    let crabs = "🦀".repeat(100);
    let texts = [
        "🦀 Ferris",
        "مرحبا بالعالم",
        "שלום עולם",
        "\u{202E}evil\u{202C} text",
        "e\u{301}le\u{300}ve",
        "👩‍👩‍👧‍👦 family",
        "Z\u{351}\u{352}\u{353}a\u{354}l\u{355}",
        "\u{FEFF}bom\u{200B}zero width",
        "漢字かな交じり",
        &"é".repeat(100),
        &crabs,
    ];
    for text in texts {
        let (s, v) = call(app, &f, "PATCH /me", json!({"display_name": text})).await;
        assert_eq!((s, &v["display_name"]), (StatusCode::OK, &json!(text)));
        let (s, v) = call(app, &f, "PATCH /me/settings", json!({"font": text})).await;
        assert_eq!((s, &v["font"]), (StatusCode::OK, &json!(text)));
        let (s, v) = call(app, &f, "POST /me/tokens", json!({"name": text})).await;
        assert_eq!((s, &v["name"]), (StatusCode::CREATED, &json!(text)));
    }
    let (_, me) = app.get("/api/v1/me", &f.token).await;
    assert_eq!(me["display_name"], crabs, "stored, not only echoed");

    // Too long counts characters, not bytes.
    let before = snapshot(app, &f).await;
    for (line, field) in [
        ("PATCH /me", "display_name"),
        ("PATCH /me/settings", "font"),
    ] {
        let (s, v) = call(app, &f, line, json!({ field: "🦀".repeat(101) })).await;
        assert_eq!(rejected(s, &v, field), "validation_failed");
    }
    // Escaped and raw forms are the same text; a lone surrogate is not text.
    for (body, ok) in [
        (r#"{"display_name": "\u00e9t\u00e9"}"#, true),
        (r#"{"display_name": "\ud83e\udd80"}"#, true),
        (r#"{"display_name": "\ud800"}"#, false),
        (r#"{"display_name": "\udc00x"}"#, false),
        (r#"{"display_name": "a\u0000b"}"#, false),
    ] {
        let (s, v) = call_raw(app, &f, "PATCH /me", body.as_bytes().to_vec()).await;
        if ok {
            assert_eq!(s, StatusCode::OK, "{body}: {v}");
        } else {
            rejected(s, &v, body);
        }
    }
    call(app, &f, "PATCH /me", json!({"display_name": crabs})).await;
    assert_eq!(snapshot(app, &f).await, before);

    // A password may hold any character, NUL included; it is only hashed.
    let body = json!({"email": "nul@example.com", "password": "pass\u{0}word 🦀 ✓"});
    let (s, v) = call(app, &f, "POST /auth/register", body.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(
        call(app, &f, "POST /auth/login", body).await.0,
        StatusCode::OK
    );
    let wrong = json!({"email": "nul@example.com", "password": "pass"});
    let (s, _) = call(app, &f, "POST /auth/login", wrong).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

/// A NUL in a token name is refused like a NUL in any other name; never a
/// 500 (PostgreSQL text cannot hold NUL).
async fn nul_in_a_token_name(app: &TestApp) {
    let f = fixture(app).await;
    let body = [json!({"name": "cli\u{0}name"})];
    field_errors(app, &f, "POST /me/tokens", "name", &body).await;
}
