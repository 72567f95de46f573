//! The shared job queue. Periodic runs are enqueued under a dedupe key
//! (one row per period, however many instances try), and a worker claims a
//! job with a lease in one atomic statement: `FOR UPDATE SKIP LOCKED` on
//! PostgreSQL, SQLite's single writer on SQLite. A job whose lease expired
//! (its worker died) can be claimed again; each claim counts an attempt.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::Value as Json;
use uuid::Uuid;

use crate::error::StoreResult;
use crate::repo::placeholders;

/// A claimed job.
#[derive(Debug, Clone)]
pub struct Job {
    /// Job id.
    pub id: Uuid,
    /// What to run.
    pub kind: String,
    /// The period key of a periodic job.
    pub dedupe_key: Option<String>,
    /// Arguments.
    pub payload: Json,
    /// Claims so far, this one included.
    pub attempts: i32,
    /// Claims allowed.
    pub max_attempts: i32,
}

/// Enqueues a job unless one with the same key exists; true if enqueued.
#[tracing::instrument(skip_all, err)]
pub async fn enqueue_once(
    db: &impl ConnectionTrait,
    kind: &str,
    dedupe_key: &str,
    payload: Json,
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let backend = db.get_database_backend();
    let sql = "INSERT INTO jobs (id, kind, dedupe_key, payload, status, run_at, created_at, updated_at) \
               VALUES ($1, $2, $3, $4, 'queued', $5, $6, $6) ON CONFLICT (dedupe_key) DO NOTHING";
    let res = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            [
                Uuid::now_v7().into(),
                kind.into(),
                dedupe_key.into(),
                payload.into(),
                run_at.into(),
                now.into(),
            ],
        ))
        .await?;
    Ok(res.rows_affected() == 1)
}

/// Claims the oldest runnable job for `worker` with a lease of `lease`.
#[tracing::instrument(skip_all, err)]
pub async fn claim(
    db: &impl ConnectionTrait,
    worker: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> StoreResult<Option<Job>> {
    let backend = db.get_database_backend();
    let lock = if backend == DbBackend::Postgres {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE jobs SET status = 'running', locked_by = $1, lease_expires_at = $2, \
         attempts = attempts + 1, updated_at = $3 \
         WHERE id = (SELECT id FROM jobs WHERE attempts < max_attempts AND \
           ((status = 'queued' AND run_at <= $3) OR (status = 'running' AND lease_expires_at < $3)) \
           ORDER BY run_at, id LIMIT 1{lock}) \
         RETURNING id, kind, dedupe_key, payload, attempts, max_attempts"
    );
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, &sql),
            [worker.into(), (now + lease).into(), now.into()],
        ))
        .await?;
    row.map(|r| {
        Ok(Job {
            id: r.try_get("", "id")?,
            kind: r.try_get("", "kind")?,
            dedupe_key: r.try_get("", "dedupe_key")?,
            payload: r.try_get("", "payload")?,
            attempts: r.try_get("", "attempts")?,
            max_attempts: r.try_get("", "max_attempts")?,
        })
    })
    .transpose()
}

/// Marks a job done, if `worker` still holds it; true if it did.
#[tracing::instrument(skip_all, err)]
pub async fn complete(
    db: &impl ConnectionTrait,
    id: Uuid,
    worker: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let backend = db.get_database_backend();
    let sql = "UPDATE jobs SET status = 'done', finished_at = $3, updated_at = $3, lease_expires_at = NULL, \
               last_error = NULL WHERE id = $1 AND locked_by = $2 AND status = 'running'";
    let res = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            [id.into(), worker.into(), now.into()],
        ))
        .await?;
    Ok(res.rows_affected() == 1)
}

/// Records a failure: the job is queued again at `retry_at`, or failed for
/// good once its attempts are used up.
#[tracing::instrument(skip_all, err)]
pub async fn fail(
    db: &impl ConnectionTrait,
    id: Uuid,
    worker: &str,
    error: &str,
    retry_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let backend = db.get_database_backend();
    let sql = "UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END, \
               finished_at = CASE WHEN attempts >= max_attempts THEN $4 ELSE NULL END, \
               run_at = $3, last_error = $5, locked_by = NULL, lease_expires_at = NULL, updated_at = $4 \
               WHERE id = $1 AND locked_by = $2 AND status = 'running'";
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        placeholders(backend, sql),
        [
            id.into(),
            worker.into(),
            retry_at.into(),
            now.into(),
            error.into(),
        ],
    ))
    .await?;
    Ok(())
}

/// Running jobs whose lease expired and whose attempts are used up can
/// never be claimed again: mark them failed.
#[tracing::instrument(skip_all, err)]
pub async fn reap(db: &impl ConnectionTrait, now: DateTime<Utc>) -> StoreResult<u64> {
    let backend = db.get_database_backend();
    let sql = "UPDATE jobs SET status = 'failed', finished_at = $1, updated_at = $1, \
               last_error = COALESCE(last_error, 'lease expired on the last attempt') \
               WHERE status = 'running' AND lease_expires_at < $1 AND attempts >= max_attempts";
    let res = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            [now.into()],
        ))
        .await?;
    Ok(res.rows_affected())
}
