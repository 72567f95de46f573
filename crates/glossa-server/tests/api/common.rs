//! Test harness: each test gets a fresh database (a copy of a migrated
//! template) and a real server on port 0, started through `launch`.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::OnceLock;

use glossa_server::{Clock, ServerConfig};
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use serde_json::{Value, json};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Run one async test body against SQLite and against PostgreSQL.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::common::TestApp::spawn($crate::common::Backend::Sqlite, |_| {}).await;
                super::$name(&app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if !$crate::common::postgres_available() { return; }
                let app = $crate::common::TestApp::spawn($crate::common::Backend::Postgres, |_| {}).await;
                super::$name(&app).await;
            }
        }
    )*};
}

/// The admin URL of the test PostgreSQL server, if configured. Under
/// `CI=true` its absence is a failure, not a skip.
pub fn postgres_url() -> Option<String> {
    match std::env::var("GLOSSA_TEST_POSTGRES") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var("CI").map(|v| v != "true").unwrap_or(true),
                "CI=true but GLOSSA_TEST_POSTGRES is not set: the PostgreSQL suite must run"
            );
            None
        }
    }
}

/// Whether the PostgreSQL variant of a test runs.
pub fn postgres_available() -> bool {
    let ok = postgres_url().is_some();
    if !ok {
        eprintln!("GLOSSA_TEST_POSTGRES unset: PostgreSQL variant not run");
    }
    ok
}

/// Run a future on a private runtime in its own thread (for one-time setup
/// and for cleanup in `Drop`, outside the test's runtime).
fn block_on_thread<F, T>(f: impl FnOnce() -> F + Send + 'static) -> T
where
    F: std::future::Future<Output = T>,
    T: Send + 'static,
{
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f())
    })
    .join()
    .unwrap()
}

fn scratch_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("glossa-tests-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A migrated SQLite file made once per test process.
fn sqlite_template() -> &'static PathBuf {
    static T: OnceLock<PathBuf> = OnceLock::new();
    T.get_or_init(|| {
        let path = scratch_dir().join("template.db");
        let p = path.clone();
        block_on_thread(move || async move {
            let db = glossa_store::connect(
                Some(&format!("sqlite://{}", p.display())),
                p.parent().unwrap(),
                &Default::default(),
            )
            .await
            .unwrap();
            glossa_store::migrate::up(&db, None).await.unwrap();
            db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await
                .unwrap();
            db.close().await.unwrap();
        });
        path
    })
}

fn pg_base(admin: &str) -> String {
    admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap()
}

/// A migrated PostgreSQL template database made once per test process.
fn pg_template() -> &'static String {
    static T: OnceLock<String> = OnceLock::new();
    T.get_or_init(|| {
        let admin = postgres_url().unwrap();
        let name = format!("glossa_tpl_{}", std::process::id());
        let n = name.clone();
        block_on_thread(move || async move {
            let a = Database::connect(&admin).await.unwrap();
            // Templates left by earlier test processes that are gone.
            let rows = a
                .query_all_raw(Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT datname FROM pg_database WHERE datname LIKE 'glossa_tpl_%'",
                ))
                .await
                .unwrap();
            for r in rows {
                let old: String = r.try_get("", "datname").unwrap();
                let pid = old.trim_start_matches("glossa_tpl_");
                if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
                    let _ = a
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {old} WITH (FORCE)"))
                        .await;
                }
            }
            a.execute_unprepared(&format!("DROP DATABASE IF EXISTS {n} WITH (FORCE)"))
                .await
                .unwrap();
            a.execute_unprepared(&format!("CREATE DATABASE {n}"))
                .await
                .unwrap();
            let db = Database::connect(format!("{}/{n}", pg_base(&admin)))
                .await
                .unwrap();
            glossa_store::migrate::up(&db, None).await.unwrap();
            db.close().await.unwrap();
            a.close().await.unwrap();
        });
        name
    })
}

/// Serve `config` on a fresh port until the returned sender fires (or is
/// dropped); returns the base URL.
async fn start_server(
    config: ServerConfig,
    clock: Clock,
) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let stop = async move {
            let _ = rx.await;
        };
        if let Err(e) = glossa_server::launch(listener, config, clock, stop).await {
            panic!("server failed: {e}");
        }
    });
    (base, tx)
}

async fn wait_ready(client: &reqwest::Client, base: &str) {
    for _ in 0..200 {
        if let Ok(r) = client.get(format!("{base}/readyz")).send().await
            && r.status().is_success()
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("server did not become ready");
}

/// Send a request with an optional bearer token and JSON body; the reply
/// as JSON (a string when it is not JSON, null when empty).
async fn send(
    client: &reqwest::Client,
    base: &str,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = client.request(method, format!("{base}{path}"));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status();
    let text = resp.text().await.unwrap();
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, value)
}

/// Another server on the database of a [`TestApp`]. Dropping it stops the
/// server but leaves the database alone: the `TestApp` owns and removes it.
pub struct SecondServer {
    pub base: String,
    pub client: reqwest::Client,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl SecondServer {
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        send(&self.client, &self.base, method, path, token, body).await
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, token, Some(body)).await
    }
}

impl Drop for SecondServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// A running server with its own database.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub clock: Clock,
    pub db: DatabaseConnection,
    pub backend: Backend,
    pub config: ServerConfig,
    cleanup: Option<Cleanup>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

enum Cleanup {
    Sqlite(PathBuf),
    Postgres { admin: String, name: String },
}

impl TestApp {
    /// Start a server on a fresh database; `tweak` adjusts the config.
    pub async fn spawn(backend: Backend, tweak: impl FnOnce(&mut ServerConfig)) -> TestApp {
        let id = uuid::Uuid::now_v7().simple().to_string();
        let (url, cleanup) = match backend {
            Backend::Sqlite => {
                let dir = scratch_dir().join(&id);
                std::fs::create_dir_all(&dir).unwrap();
                let file = dir.join("glossa.db");
                std::fs::copy(sqlite_template(), &file).unwrap();
                (format!("sqlite://{}", file.display()), Cleanup::Sqlite(dir))
            }
            Backend::Postgres => {
                let template = pg_template().clone();
                let admin = postgres_url().unwrap();
                let name = format!("glossa_t_{id}");
                let a = Database::connect(&admin).await.unwrap();
                let mut tries = 0;
                loop {
                    let sql = format!("CREATE DATABASE {name} TEMPLATE {template}");
                    match a.execute_unprepared(&sql).await {
                        Ok(_) => break,
                        Err(e) if tries < 20 => {
                            tries += 1;
                            eprintln!("retrying database creation: {e}");
                            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                        }
                        Err(e) => panic!("creating test database: {e}"),
                    }
                }
                a.close().await.unwrap();
                (
                    format!("{}/{name}", pg_base(&admin)),
                    Cleanup::Postgres { admin, name },
                )
            }
        };
        let mut config = ServerConfig {
            bind: "127.0.0.1:0".into(),
            database_url: Some(url.clone()),
            ..ServerConfig::default()
        };
        config.database.max_connections = 5;
        // Cheap hashing keeps the suite fast; production parameters are
        // the defaults, checked in the unit tests.
        config.auth.argon2_memory_kib = 1024;
        config.auth.argon2_iterations = 1;
        // The job worker runs only in the tests about jobs.
        config.jobs.enabled = false;
        tweak(&mut config);
        let clock = Clock::system();
        let (base, tx) = start_server(config.clone(), clock.clone()).await;
        let db = glossa_store::connect(Some(&url), &scratch_dir(), &Default::default())
            .await
            .unwrap();
        let app = TestApp {
            base,
            client: reqwest::Client::new(),
            clock,
            db,
            backend,
            config,
            cleanup: Some(cleanup),
            shutdown: Some(tx),
        };
        app.wait_ready().await;
        app
    }

    async fn wait_ready(&self) {
        wait_ready(&self.client, &self.base).await;
    }

    /// Start another server on this app's database, configuration and
    /// clock, as a second process of the same deployment would run.
    pub async fn second_server(&self) -> SecondServer {
        let (base, tx) = start_server(self.config.clone(), self.clock.clone()).await;
        let client = reqwest::Client::new();
        wait_ready(&client, &base).await;
        SecondServer {
            base,
            client,
            shutdown: Some(tx),
        }
    }

    /// Starts another server process with a job worker (ticking every
    /// 40 ms, `tweak` adjusts its job settings) on this app's database;
    /// send on the returned channel, then await the handle, to stop it.
    pub async fn worker_server(
        &self,
        tweak: impl FnOnce(&mut glossa_server::config::JobSettings),
    ) -> (
        tokio::sync::oneshot::Sender<()>,
        tokio::task::JoinHandle<()>,
    ) {
        let mut config = self.config.clone();
        config.jobs.enabled = true;
        config.jobs.tick_ms = 40;
        tweak(&mut config.jobs);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let clock = self.clock.clone();
        let handle = tokio::spawn(async move {
            glossa_server::app::launch(listener, config, clock, async move {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        (tx, handle)
    }

    /// Send a request with an optional bearer token and JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        send(&self.client, &self.base, method, path, token, body).await
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, token, Some(body)).await
    }

    /// Send raw bytes with a content type.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: Vec<u8>,
    ) -> (StatusCode, Value) {
        // The server answers 413 before reading an oversized body and then
        // closes the connection; a client still writing the body may see
        // the close before the answer. Such a send is tried again (a few
        // times) rather than counted as a failure of the server.
        let mut tries = 0;
        let resp = loop {
            let mut req = self
                .client
                .request(method.clone(), format!("{}{path}", self.base))
                .header("content-type", content_type)
                .body(body.clone());
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            match req.send().await {
                Ok(r) => break r,
                Err(e) if tries < 5 && e.is_request() => {
                    tries += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
                Err(e) => panic!("{method} {path}: {e}"),
            }
        };
        let status = resp.status();
        let text = resp.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// Register a learner; returns (token, user id).
    pub async fn register(&self, email: &str) -> (String, String) {
        let (s, v) = self
            .post(
                "/api/v1/auth/register",
                None,
                json!({"email": email, "password": "a long enough password"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "register {email}: {v}");
        (
            v["token"].as_str().unwrap().to_owned(),
            v["user"]["id"].as_str().unwrap().to_owned(),
        )
    }

    /// Register a user and make them admin directly in the database.
    pub async fn admin(&self, email: &str) -> (String, String) {
        let (token, id) = self.register(email).await;
        self.exec(&format!(
            "UPDATE users SET role = 'admin' WHERE email = '{email}'"
        ))
        .await;
        (token, id)
    }

    pub async fn exec(&self, sql: &str) {
        self.db.execute_unprepared(sql).await.unwrap();
    }

    /// Rows in a table.
    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match self.cleanup.take() {
            Some(Cleanup::Sqlite(dir)) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Some(Cleanup::Postgres { admin, name }) => {
                block_on_thread(move || async move {
                    if let Ok(a) = Database::connect(&admin).await {
                        let _ = a
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await;
                        let _ = a.close().await;
                    }
                });
            }
            None => {}
        }
    }
}

/// The error code of an error body.
pub fn code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("<no error body>")
}
