//! The `glossa` binary end to end, on SQLite and on PostgreSQL: schema
//! migrations, creating users, serving and stopping, the effective
//! configuration and the errors an operator sees.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_glossa");

/// Run a future to completion on a private runtime.
fn block<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// The PostgreSQL admin URL for tests; its absence is a skip, or a
/// failure under `CI=true`.
fn pg_admin() -> Option<String> {
    match std::env::var("GLOSSA_TEST_POSTGRES") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var("CI").map(|v| v != "true").unwrap_or(true),
                "CI=true but GLOSSA_TEST_POSTGRES is not set: the PostgreSQL CLI tests must run"
            );
            eprintln!("GLOSSA_TEST_POSTGRES unset: PostgreSQL variant not run");
            None
        }
    }
}

/// One test's world: a scratch directory (working and data directory)
/// and, for PostgreSQL, a database of its own, removed on drop.
struct Env {
    dir: PathBuf,
    url: Option<String>,
    pg: Option<(String, String)>,
}

impl Env {
    fn sqlite() -> Env {
        let dir = std::env::temp_dir().join(format!("glossa-cli-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        Env {
            dir,
            url: None,
            pg: None,
        }
    }

    fn postgres() -> Option<Env> {
        let admin = pg_admin()?;
        let name = format!("glossa_cli_{}", uuid::Uuid::now_v7().simple());
        let n = name.clone();
        let a = admin.clone();
        block(async move {
            let db = Database::connect(&a).await.unwrap();
            db.execute_unprepared(&format!("CREATE DATABASE {n}"))
                .await
                .unwrap();
            db.close().await.unwrap();
        });
        let base = admin.rsplit_once('/').unwrap().0;
        let mut env = Env::sqlite();
        env.url = Some(format!("{base}/{name}"));
        env.pg = Some((admin, name));
        Some(env)
    }

    /// `glossa` with this env's data directory and database, run from the
    /// scratch directory, with no inherited Glossa configuration.
    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.current_dir(&self.dir);
        for (k, _) in std::env::vars() {
            if k.starts_with("GLOSSA_") || k == "DATABASE_URL" || k == "RUST_LOG" {
                c.env_remove(k);
            }
        }
        c.arg("--data-dir").arg(self.dir.join("data"));
        if let Some(url) = &self.url {
            c.args(["--database-url", url]);
        }
        c.args(args);
        c
    }

    fn run(&self, args: &[&str], vars: &[(&str, &str)]) -> Output {
        let mut c = self.cmd(args);
        c.envs(vars.iter().copied());
        c.output().unwrap()
    }

    /// Stdout of a command that must succeed.
    fn ok(&self, args: &[&str], vars: &[(&str, &str)]) -> String {
        let out = self.run(args, vars);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "glossa {args:?} failed: {stderr}");
        String::from_utf8(out.stdout).unwrap()
    }

    /// The error line of a command that must fail with exit code 1 (log
    /// lines may precede it).
    fn fails(&self, args: &[&str], vars: &[(&str, &str)]) -> String {
        let out = self.run(args, vars);
        let what = format!("{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_owned();
        assert_eq!(out.status.code(), Some(1), "{what} should fail: {stderr}");
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .collect();
        assert_eq!(errors.len(), 1, "{what}: one error line:\n{stderr}");
        assert!(stderr.ends_with(errors[0]), "{what}: error comes last:\n{stderr}");
        errors[0].to_owned()
    }

    /// A command that must fail with exit code 1 and print nothing but a
    /// single error line.
    fn fails_one_line(&self, args: &[&str], vars: &[(&str, &str)]) -> String {
        let out = self.run(args, vars);
        let what = format!("{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_owned();
        assert_eq!(out.status.code(), Some(1), "{what} should fail: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{what}: one line only:\n{stderr}");
        assert!(stderr.starts_with("error: "), "{what}: {stderr}");
        assert!(out.stdout.is_empty(), "{what}: nothing on stdout");
        stderr
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((admin, name)) = self.pg.take() {
            block(async move {
                if let Ok(db) = Database::connect(&admin).await {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = db.execute_unprepared(&sql).await;
                    let _ = db.close().await;
                }
            });
        }
    }
}

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
    let pending: Vec<&String> = one_down.iter().filter(|(a, _)| !a).map(|(_, n)| n).collect();
    assert_eq!(pending, [names.last().unwrap()], "down reverts the last one");
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
    assert!(err.contains("exists") || err.contains("taken"), "data kept: {err}");
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

/// A `glossa serve` child, killed if the test ends early.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(env: &Env) -> Server {
        let log = std::fs::File::create(env.dir.join("serve.log")).unwrap();
        let mut child = env
            .cmd(&["serve", "--bind", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = stdout.read_line(&mut line);
            let _ = tx.send(line);
            let mut rest = String::new();
            let _ = stdout.read_to_string(&mut rest);
        });
        let line = rx.recv_timeout(Duration::from_secs(60)).unwrap_or_default();
        let Some(base) = line.trim().strip_prefix("Glossa listening on ") else {
            let _ = child.kill();
            let _ = child.wait();
            let log = std::fs::read_to_string(env.dir.join("serve.log")).unwrap_or_default();
            panic!("serve did not start: {line:?}\n{log}");
        };
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        Server {
            base: base.to_owned(),
            child,
        }
    }

    /// SIGTERM, then the exit status (within 20 s).
    fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let kill = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(kill.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "serve ignored SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
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
        &["user", "create", "--email", "root@example.com", "--role", "admin"],
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
        &["user", "create", "--email", "t@example.com", "--role", "teacher"],
        &[("GLOSSA_USER_PASSWORD", chosen)],
    );
    assert!(!out.contains("generated password"), "{out}");
    assert!(!out.contains(chosen), "a chosen password is not echoed");

    let err = env.fails(
        &["user", "create", "--email", "x@example.com"],
        &[("GLOSSA_USER_PASSWORD", "short")],
    );
    assert!(err.contains("GLOSSA_USER_PASSWORD"), "{err}");
    let err = env.fails(&["user", "create", "--email", "x@example.com", "--role", "king"], &[]);
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
    let table = out.parse::<toml::Table>().unwrap_or_else(|e| panic!("{e}\n{out}"));
    (out, table)
}

#[test]
fn config_print() {
    let env = Env::sqlite();
    let (out, t) = printed(&env, &[], &[]);
    assert_eq!(t["bind"].as_str(), Some("127.0.0.1:8080"));
    assert!(t.get("database_url").is_none(), "{out}");
    assert!(out.contains("# database_url unset: using sqlite://"), "{out}");
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
    assert_eq!(t["bind"].as_str(), Some("10.0.0.1:1"), "variables beat the file");
    let (_, t) = printed(&env, &[], &[("GLOSSA_CONFIG", path)]);
    assert_eq!(t["bind"].as_str(), Some("127.0.0.2:7000"));

    // ./glossa.toml is read when present.
    std::fs::write(env.dir.join("glossa.toml"), "bind = \"127.0.0.3:7001\"\n").unwrap();
    let (_, t) = printed(&env, &[], &[]);
    assert_eq!(t["bind"].as_str(), Some("127.0.0.3:7001"));

    let err = env.fails(&["--config", "/nonexistent/glossa.toml", "config", "print"], &[]);
    assert!(err.contains("/nonexistent/glossa.toml"), "{err}");
    std::fs::write(&file, "bind = 5\nnot_a_key = true\n").unwrap();
    env.fails(&["--config", path, "config", "print"], &[]);
}

#[test]
fn database_errors_are_one_line() {
    let env = Env::sqlite();
    for cmd in [&["migrate", "status"][..], &["serve", "--bind", "127.0.0.1:0"]] {
        let mut args = vec!["--database-url", "mysql://x/y"];
        args.extend_from_slice(cmd);
        let err = env.fails_one_line(&args, &[]);
        assert!(
            err.contains("sqlite://") && err.contains("postgres://"),
            "{err}"
        );
    }
    let started = Instant::now();
    for cmd in [&["migrate", "up"][..], &["serve", "--bind", "127.0.0.1:0"]] {
        let mut args = vec!["--database-url", "postgres://postgres:hunter2@127.0.0.1:1/x"];
        args.extend_from_slice(cmd);
        let err = env.fails_one_line(&args, &[]);
        assert!(err.contains("cannot connect"), "{err}");
        assert!(!err.contains("hunter2"), "the password is not shown: {err}");
    }
    let err = env.fails_one_line(
        &["--database-url", "postgres://postgres@127.0.0.1:1/x", "user", "create", "--email", "a@example.com"],
        &[],
    );
    assert!(err.contains("127.0.0.1:1"), "{err}");
    eprintln!("unreachable database reported in {:?}", started.elapsed());
}
