//! Fixed-window rate-limit counters kept in the database, so that every
//! server process sees the same counts.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, Statement};

use super::placeholders;
use crate::error::{StoreError, StoreResult};

/// The state of one counter after a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Hits in the current window, this one included.
    pub hits: i32,
    /// When the current window started.
    pub window_start: DateTime<Utc>,
}

/// Count one hit on `key` in a window of `window` length; a window older
/// than that starts over. One atomic upsert statement.
#[tracing::instrument(skip_all, err)]
pub async fn hit(
    db: &impl ConnectionTrait,
    key: &str,
    window: Duration,
    now: DateTime<Utc>,
) -> StoreResult<Hit> {
    let backend = db.get_database_backend();
    let sql = placeholders(
        backend,
        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (key) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END, \
           window_start = CASE WHEN rate_limits.window_start <= $3 THEN excluded.window_start \
                               ELSE rate_limits.window_start END \
         RETURNING hits, window_start",
    );
    let stmt = Statement::from_sql_and_values(
        backend,
        sql,
        [key.into(), now.into(), (now - window).into()],
    );
    let row = db
        .query_one_raw(stmt)
        .await?
        .ok_or_else(|| StoreError::Constraint("rate limit upsert returned no row".into()))?;
    Ok(Hit {
        hits: row.try_get("", "hits")?,
        window_start: row.try_get("", "window_start")?,
    })
}

/// Forget counters whose window started before `before`.
#[tracing::instrument(skip_all, err)]
pub async fn purge(db: &impl ConnectionTrait, before: DateTime<Utc>) -> StoreResult<u64> {
    let backend = db.get_database_backend();
    let stmt = Statement::from_sql_and_values(
        backend,
        placeholders(backend, "DELETE FROM rate_limits WHERE window_start < $1"),
        [before.into()],
    );
    Ok(db.execute_raw(stmt).await?.rows_affected())
}
