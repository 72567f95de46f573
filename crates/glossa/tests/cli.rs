//! The `glossa` binary end to end, on SQLite and on PostgreSQL: schema
//! migrations, creating users, serving and stopping, the effective
//! configuration and the errors an operator sees.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "cli/support.rs"]
mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::{Env, Server, block};

/// The migrations in the source tree, e.g. `m0001_identity`.
fn migration_files() -> usize {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../glossa-migration/src");
    std::fs::read_dir(src)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("m0") && n.ends_with(".rs"))
        .count()
}

/// `(applied, name)` for each line `migrate ...` printed.
fn states(stdout: &str) -> Vec<(bool, String)> {
    let rows: Vec<(bool, String)> = stdout
        .lines()
        .map(|l| match l.split_once(' ') {
            Some(("applied", n)) => (true, n.to_owned()),
            Some(("pending", n)) => (false, n.to_owned()),
            _ => panic!("unexpected status line {l:?}"),
        })
        .collect();
    assert_eq!(
        rows.iter().filter(|(_, n)| n.starts_with("m00")).count(),
        rows.len()
    );
    rows
}

fn all(stdout: &str, applied: bool) -> bool {
    let rows = states(stdout);
    rows.len() == migration_files() && rows.iter().all(|(a, _)| *a == applied)
}

fn migrations(env: &Env) {
    let before = env.ok(&["migrate", "status"], &[]);
    assert!(migration_files() >= 8);
    assert!(all(&before, false), "all pending at first:\n{before}");
    let names: Vec<String> = states(&before).into_iter().map(|(_, n)| n).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "listed in order");

    assert!(all(&env.ok(&["migrate", "up"], &[]), true));
    let after = env.ok(&["migrate", "status"], &[]);
    assert!(all(&after, true), "{after}");

    let one_down = states(&env.ok(&["migrate", "down"], &[]));
    let pending: Vec<&String> = one_down
        .iter()
        .filter(|(a, _)| !a)
        .map(|(_, n)| n)
        .collect();
    assert_eq!(
        pending,
        [names.last().unwrap()],
        "down reverts the last one"
    );
    assert!(all(&env.ok(&["migrate", "down", "--all"], &[]), false));
    assert!(all(&env.ok(&["migrate", "status"], &[]), false));
    assert!(all(&env.ok(&["migrate", "up"], &[]), true));

    // `fresh` destroys data, so it needs --yes.
    let pw = [("GLOSSA_USER_PASSWORD", "a long enough password")];
    let create = ["user", "create", "--email", "keep@example.com"];
    env.ok(&create, &pw);
    let err = env.fails(&["migrate", "fresh"], &[]);
    assert!(err.contains("--yes"), "{err}");
    let err = env.fails(&create, &pw);
    assert!(
        err.contains("exists") || err.contains("taken"),
        "data kept: {err}"
    );
    assert!(all(&env.ok(&["migrate", "fresh", "--yes"], &[]), true));
    env.ok(&create, &pw);
}

#[test]
fn migrations_sqlite() {
    migrations(&Env::sqlite());
}

#[test]
fn migrations_postgres() {
    if let Some(env) = Env::postgres() {
        migrations(&env);
    }
}

async fn login(base: &str, email: &str, password: &str) -> (reqwest::StatusCode, Value) {
    let resp = reqwest::Client::new()
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap();
    (resp.status(), resp.json().await.unwrap_or(Value::Null))
}

fn users_and_serve(env: &Env) {
    let out = env.ok(
        &[
            "user",
            "create",
            "--email",
            "root@example.com",
            "--role",
            "admin",
        ],
        &[],
    );
    let shown: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("generated password (shown only now): "))
        .collect();
    assert_eq!(shown.len(), 1, "the password is printed once:\n{out}");
    let generated = shown[0].trim().to_owned();
    assert!(generated.len() >= 16, "{generated}");
    assert_eq!(out.matches(&generated).count(), 1);
    assert!(out.contains("admin root@example.com"), "{out}");

    let chosen = "correct horse battery staple";
    let out = env.ok(
        &[
            "user",
            "create",
            "--email",
            "t@example.com",
            "--role",
            "teacher",
        ],
        &[("GLOSSA_USER_PASSWORD", chosen)],
    );
    assert!(!out.contains("generated password"), "{out}");
    assert!(!out.contains(chosen), "a chosen password is not echoed");

    let err = env.fails(
        &["user", "create", "--email", "x@example.com"],
        &[("GLOSSA_USER_PASSWORD", "short")],
    );
    assert!(err.contains("GLOSSA_USER_PASSWORD"), "{err}");
    let err = env.fails(
        &[
            "user",
            "create",
            "--email",
            "x@example.com",
            "--role",
            "king",
        ],
        &[],
    );
    assert!(err.contains("--role"), "{err}");
    let err = env.fails(&["user", "create", "--email", "not-an-email"], &[]);
    assert!(err.contains("--email"), "{err}");

    let server = Server::start(env);
    block(async {
        let (s, v) = login(&server.base, "root@example.com", &generated).await;
        assert_eq!(s, reqwest::StatusCode::OK, "{v}");
        assert_eq!(v["user"]["role"], "admin");
        let token = v["token"].as_str().unwrap();
        let resp = reqwest::Client::new()
            .get(format!("{}/api/v1/admin/users", server.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), reqwest::StatusCode::OK);
        let list: Value = resp.json().await.unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 2);

        let (s, v) = login(&server.base, "t@example.com", chosen).await;
        assert_eq!(s, reqwest::StatusCode::OK, "{v}");
        assert_eq!(v["user"]["role"], "teacher");
        let (s, _) = login(&server.base, "root@example.com", chosen).await;
        assert_eq!(s, reqwest::StatusCode::UNAUTHORIZED);
    });
    let status = server.terminate();
    assert_eq!(status.code(), Some(0), "clean exit on SIGTERM");
}

#[test]
fn users_and_serve_sqlite() {
    users_and_serve(&Env::sqlite());
}

#[test]
fn users_and_serve_postgres() {
    if let Some(env) = Env::postgres() {
        users_and_serve(&env);
    }
}

fn printed(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> (String, toml::Table) {
    let mut all = vec!["config", "print"];
    all.splice(0..0, args.iter().copied());
    let out = env.ok(&all, vars);
    let table = out
        .parse::<toml::Table>()
        .unwrap_or_else(|e| panic!("{e}\n{out}"));
    (out, table)
}

#[test]
fn config_print() {
    let env = Env::sqlite();
    let (out, t) = printed(&env, &[], &[]);
    assert_eq!(t["bind"].as_str(), Some("127.0.0.1:8080"));
    assert!(t.get("database_url").is_none(), "{out}");
    assert!(
        out.contains("# database_url unset: using sqlite://"),
        "{out}"
    );
    assert!(t["auth"].as_table().is_some() && t["http"].as_table().is_some());

    let url = "postgres://glossa:s3cret-pw@db.example:5432/glossa";
    let (out, t) = printed(&env, &[], &[("DATABASE_URL", url)]);
    assert!(!out.contains("s3cret-pw"), "{out}");
    assert_eq!(
        t["database_url"].as_str(),
        Some("postgres://glossa:***@db.example:5432/glossa")
    );
    let (out, _) = printed(&env, &["--database-url", url], &[]);
    assert!(!out.contains("s3cret-pw"), "{out}");

    let (_, t) = printed(&env, &[], &[("GLOSSA_BIND", "0.0.0.0:9999")]);
    assert_eq!(t["bind"].as_str(), Some("0.0.0.0:9999"));
    let (_, t) = printed(&env, &[], &[("GLOSSA_HTTP__BODY_LIMIT_BYTES", "4096")]);
    assert_eq!(t["http"]["body_limit_bytes"].as_integer(), Some(4096));

    let file = env.dir.join("custom.toml");
    std::fs::write(
        &file,
        "bind = \"127.0.0.2:7000\"\nmigrate_on_start = false\n\n[http]\nbody_limit_bytes = 2048\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let (_, t) = printed(&env, &["--config", path], &[]);
    assert_eq!(t["bind"].as_str(), Some("127.0.0.2:7000"));
    assert_eq!(t["migrate_on_start"].as_bool(), Some(false));
    assert_eq!(t["http"]["body_limit_bytes"].as_integer(), Some(2048));
    assert_eq!(t["http"]["request_timeout_secs"].as_integer(), Some(30));
    let (_, t) = printed(&env, &["--config", path], &[("GLOSSA_BIND", "10.0.0.1:1")]);
    assert_eq!(
        t["bind"].as_str(),
        Some("10.0.0.1:1"),
        "variables beat the file"
    );
    let (_, t) = printed(&env, &[], &[("GLOSSA_CONFIG", path)]);
    assert_eq!(t["bind"].as_str(), Some("127.0.0.2:7000"));

    // ./glossa.toml is read when present.
    std::fs::write(env.dir.join("glossa.toml"), "bind = \"127.0.0.3:7001\"\n").unwrap();
    let (_, t) = printed(&env, &[], &[]);
    assert_eq!(t["bind"].as_str(), Some("127.0.0.3:7001"));

    let err = env.fails(
        &["--config", "/nonexistent/glossa.toml", "config", "print"],
        &[],
    );
    assert!(err.contains("/nonexistent/glossa.toml"), "{err}");
    std::fs::write(&file, "bind = 5\nnot_a_key = true\n").unwrap();
    env.fails(&["--config", path, "config", "print"], &[]);
}

#[test]
fn database_errors_are_one_line() {
    let env = Env::sqlite();
    for cmd in [
        &["migrate", "status"][..],
        &["serve", "--bind", "127.0.0.1:0"],
    ] {
        let mut args = vec!["--database-url", "mysql://x/y"];
        args.extend_from_slice(cmd);
        let err = env.fails_one_line(&args, &[]);
        assert!(
            err.contains("sqlite://") && err.contains("postgres://"),
            "{err}"
        );
    }
    // Nothing listens on port 1. With the default pool timeout (10 s)...
    let unreachable = "postgres://postgres:hunter2@127.0.0.1:1/x";
    let started = Instant::now();
    let err = env.fails_one_line(&["--database-url", unreachable, "migrate", "up"], &[]);
    assert!(err.contains("cannot connect"), "{err}");
    assert!(err.contains("127.0.0.1:1"), "{err}");
    assert!(!err.contains("hunter2"), "the password is not shown: {err}");
    assert!(started.elapsed() < Duration::from_secs(30));
    // ...and a shorter one, for the other commands.
    let quick = [("GLOSSA_DATABASE__ACQUIRE_TIMEOUT_SECS", "1")];
    for cmd in [
        &["serve", "--bind", "127.0.0.1:0"][..],
        &["user", "create", "--email", "a@example.com"],
        &["migrate", "status"],
    ] {
        let mut args = vec!["--database-url", unreachable];
        args.extend_from_slice(cmd);
        let err = env.fails_one_line(&args, &quick);
        assert!(err.contains("cannot connect"), "{cmd:?}: {err}");
        assert!(!err.contains("hunter2"), "{cmd:?}: {err}");
    }
    eprintln!("unreachable database reported in {:?}", started.elapsed());
}
