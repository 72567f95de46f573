//! Opening the database chosen by `DATABASE_URL`: SQLite (the default, a
//! file in the data directory) or PostgreSQL.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};
use serde::{Deserialize, Serialize};

/// Pool sizes and timeouts, configurable per deployment.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct PoolSettings {
    /// Most connections the pool opens.
    pub max_connections: u32,
    /// Connections kept open when idle.
    pub min_connections: u32,
    /// Seconds to wait for a free connection before failing a request.
    pub acquire_timeout_secs: u64,
    /// Seconds to wait when opening a connection.
    pub connect_timeout_secs: u64,
    /// SQLite only: milliseconds a writer waits for the write lock.
    pub sqlite_busy_timeout_ms: u64,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: 16,
            min_connections: 1,
            acquire_timeout_secs: 10,
            connect_timeout_secs: 5,
            sqlite_busy_timeout_ms: 5_000,
        }
    }
}

/// Why the database could not be opened; each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The URL scheme is neither SQLite nor PostgreSQL.
    #[error(
        "unsupported database URL scheme in {0:?}: use sqlite://PATH or postgres://USER@HOST:PORT/DB"
    )]
    UnknownScheme(String),
    /// The data directory could not be created.
    #[error("cannot create the data directory {path}: {source}; choose another with --data-dir")]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// The I/O failure.
        source: std::io::Error,
    },
    /// The database did not answer.
    #[error(
        "cannot connect to the database at {url}: {cause}; check that it is running and that DATABASE_URL is right"
    )]
    Unreachable {
        /// The URL with any password removed.
        url: String,
        /// The driver's message.
        cause: String,
    },
}

/// Hide the password of a database URL (`postgres://user:***@host/db`).
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.rsplit_once('@') {
        Some((creds, host)) => match creds.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// The URL used when none is configured: `sqlite://DATA_DIR/glossa.db`.
pub fn default_sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}", data_dir.join("glossa.db").display())
}

/// Which backend a URL selects, or an error naming the accepted schemes.
pub fn backend_of(url: &str) -> Result<DbBackend, ConnectError> {
    let scheme = url.split_once(':').map(|(s, _)| s).unwrap_or_default();
    match scheme {
        "sqlite" => Ok(DbBackend::Sqlite),
        "postgres" | "postgresql" => Ok(DbBackend::Postgres),
        _ => Err(ConnectError::UnknownScheme(redact_url(url))),
    }
}

/// Open the database: `url` if given, else a SQLite file in `data_dir`
/// (created on first run). SQLite gets WAL, foreign keys and a busy timeout.
pub async fn connect(
    url: Option<&str>,
    data_dir: &Path,
    pool: &PoolSettings,
) -> Result<DatabaseConnection, ConnectError> {
    let url = match url {
        Some(u) if !u.trim().is_empty() => u.trim().to_owned(),
        _ => {
            std::fs::create_dir_all(data_dir).map_err(|source| ConnectError::DataDir {
                path: data_dir.to_owned(),
                source,
            })?;
            default_sqlite_url(data_dir)
        }
    };
    let backend = backend_of(&url)?;
    if backend == DbBackend::Sqlite {
        create_sqlite_parent(&url)?;
    }
    let mut opts = ConnectOptions::new(url.clone());
    opts.max_connections(pool.max_connections.max(1))
        .min_connections(pool.min_connections.min(pool.max_connections.max(1)))
        .acquire_timeout(Duration::from_secs(pool.acquire_timeout_secs.max(1)))
        .connect_timeout(Duration::from_secs(pool.connect_timeout_secs.max(1)))
        .sqlx_logging(false);
    let busy = Duration::from_millis(pool.sqlite_busy_timeout_ms);
    opts.map_sqlx_sqlite_opts(move |o| {
        o.create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(busy)
    });
    Database::connect(opts)
        .await
        .map_err(|e| ConnectError::Unreachable {
            url: redact_url(&url),
            cause: e.to_string(),
        })
}

/// Make sure the directory of a `sqlite://path` URL exists.
fn create_sqlite_parent(url: &str) -> Result<(), ConnectError> {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(parent) = Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(|source| ConnectError::DataDir {
            path: parent.to_owned(),
            source,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_password() {
        assert_eq!(
            redact_url("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact_url("sqlite://x.db"), "sqlite://x.db");
    }

    #[test]
    fn rejects_unknown_scheme() {
        let err = backend_of("mysql://h/db").err().map(|e| e.to_string());
        assert!(err.is_some_and(|m| m.contains("sqlite://") && m.contains("postgres://")));
        assert!(matches!(
            backend_of("postgresql://h/db"),
            Ok(DbBackend::Postgres)
        ));
    }
}
