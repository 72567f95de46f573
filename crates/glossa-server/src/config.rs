//! The server's configuration. The binary fills it from defaults,
//! `glossa.toml` and `GLOSSA_*` variables; tests build it directly.

use std::path::PathBuf;

use glossa_store::PoolSettings;
use serde::{Deserialize, Serialize};

/// Everything `serve` needs.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// Address to listen on.
    pub bind: String,
    /// Where the default SQLite database and other files live.
    pub data_dir: PathBuf,
    /// `sqlite://...` or `postgres://...`; empty means SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// Pool sizes and timeouts.
    pub database: PoolSettings,
    /// Apply pending migrations when the server starts.
    pub migrate_on_start: bool,
    /// Directory of content packs loaded into an empty catalog at start.
    pub content_dir: PathBuf,
    /// Load the packs of `content_dir` when the catalog is empty.
    pub load_starter_content: bool,
    /// HTTP limits.
    pub http: HttpSettings,
    /// Sessions, passwords and rate limits.
    pub auth: AuthSettings,
    /// `text` or `json` logs.
    pub log_format: String,
    /// Background jobs.
    pub jobs: JobSettings,
}

/// The background job worker every server process runs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct JobSettings {
    /// Run the worker in this process.
    pub enabled: bool,
    /// Milliseconds between looks at the queue.
    pub tick_ms: u64,
    /// Seconds a claimed job is leased before another worker may take it.
    pub lease_secs: i64,
    /// Reviews a learner needs before their FSRS parameters are fitted.
    pub fsrs_min_reviews: i64,
    /// Days between fits for one learner.
    pub fsrs_refit_days: i64,
}

impl Default for JobSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            tick_ms: 30_000,
            lease_secs: 600,
            fsrs_min_reviews: 400,
            fsrs_refit_days: 30,
        }
    }
}

impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConfig")
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field(
                "database_url",
                &self.database_url.as_deref().map(glossa_store::redact_url),
            )
            .field("database", &self.database)
            .field("migrate_on_start", &self.migrate_on_start)
            .field("content_dir", &self.content_dir)
            .field("load_starter_content", &self.load_starter_content)
            .field("http", &self.http)
            .field("auth", &self.auth)
            .field("log_format", &self.log_format)
            .field("jobs", &self.jobs)
            .finish()
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./glossa-data"),
            database_url: None,
            database: PoolSettings::default(),
            migrate_on_start: true,
            content_dir: PathBuf::from("content"),
            load_starter_content: true,
            http: HttpSettings::default(),
            auth: AuthSettings::default(),
            log_format: "text".into(),
            jobs: JobSettings::default(),
        }
    }
}

impl ServerConfig {
    /// A copy safe to print: the database password is replaced by `***`.
    pub fn redacted(&self) -> Self {
        let mut c = self.clone();
        c.database_url = c.database_url.as_deref().map(glossa_store::redact_url);
        c
    }
}

/// HTTP limits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct HttpSettings {
    /// Largest accepted request body in bytes.
    pub body_limit_bytes: usize,
    /// Seconds before a request is answered with 503.
    pub request_timeout_secs: u64,
    /// Take the client address from `X-Forwarded-For` (behind a proxy).
    pub trust_forwarded_for: bool,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            body_limit_bytes: 1024 * 1024,
            request_timeout_secs: 30,
            trust_forwarded_for: false,
        }
    }
}

/// A limit of `max` attempts per `window_secs`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    /// Attempts allowed in a window.
    pub max: u32,
    /// Window length in seconds.
    pub window_secs: u64,
}

/// Sessions, password hashing and rate limits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct AuthSettings {
    /// Days a session lives after its last use (sliding expiry).
    pub session_days: i64,
    /// argon2id memory in KiB.
    pub argon2_memory_kib: u32,
    /// argon2id passes.
    pub argon2_iterations: u32,
    /// argon2id lanes.
    pub argon2_parallelism: u32,
    /// Login attempts per client address.
    pub login_per_ip: Limit,
    /// Failed login attempts per account.
    pub login_per_account: Limit,
    /// Registrations per client address.
    pub register_per_ip: Limit,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            session_days: 30,
            argon2_memory_kib: 19 * 1024,
            argon2_iterations: 2,
            argon2_parallelism: 1,
            login_per_ip: Limit {
                max: 30,
                window_secs: 300,
            },
            login_per_account: Limit {
                max: 10,
                window_secs: 900,
            },
            register_per_ip: Limit {
                max: 10,
                window_secs: 3600,
            },
        }
    }
}
