//! Background jobs: two server processes on one database run each
//! periodic job once, and a job whose worker died is taken over after its
//! lease expires while a live lease is respected.

use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

use crate::common::{Backend, TestApp, postgres_available};

async fn exec(app: &TestApp, sql: &str, values: Vec<Value>) {
    let backend = app.db.get_database_backend();
    let sql = if backend == DbBackend::Sqlite {
        sql.replace('$', "?")
    } else {
        sql.to_owned()
    };
    app.db
        .execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
        .unwrap();
}

async fn jobs(app: &TestApp) -> Vec<(String, String, i32, Option<String>)> {
    let rows = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT dedupe_key, status, attempts, locked_by FROM jobs ORDER BY dedupe_key",
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            (
                r.try_get("", "dedupe_key").unwrap(),
                r.try_get("", "status").unwrap(),
                r.try_get("", "attempts").unwrap(),
                r.try_get("", "locked_by").unwrap(),
            )
        })
        .collect()
}

async fn periodic_jobs_run_once(backend: Backend) {
    let app = TestApp::spawn(backend, |_| {}).await;
    let (_, _) = app.register("live@example.com").await;
    let (_, _) = app.register("stale@example.com").await;
    // One session long expired: the hourly cleanup removes it.
    exec(
        &app,
        "UPDATE auth_sessions SET created_at = $2, last_seen_at = $2, expires_at = $1 WHERE user_id = (SELECT id FROM users WHERE email = 'stale@example.com')",
        vec![(Utc::now() - Duration::days(1)).into(), (Utc::now() - Duration::days(40)).into()],
    )
    .await;
    // Two processes with workers; dozens of ticks in each.
    let (stop_a, a) = app.worker_server(|_| {}).await;
    let (stop_b, b) = app.worker_server(|_| {}).await;
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let _ = (stop_a.send(()), stop_b.send(()));
    a.await.unwrap();
    b.await.unwrap();
    let all = jobs(&app).await;
    assert!(
        all.iter().any(|j| j.0.starts_with("session_cleanup:")),
        "{all:?}"
    );
    assert!(
        all.iter().any(|j| j.0.starts_with("fsrs_optimize:")),
        "{all:?}"
    );
    for (key, status, attempts, _) in &all {
        assert_eq!(
            (status.as_str(), *attempts),
            ("done", 1),
            "{key} ran more than once or not at all: {all:?}"
        );
    }
    // At most one run per period (an hour may roll over during the test).
    let kinds: std::collections::BTreeSet<&str> = all
        .iter()
        .map(|j| j.0.split(':').next().unwrap_or(""))
        .collect();
    assert!(all.len() <= 2 * kinds.len(), "{all:?}");
    assert_eq!(app.count("auth_sessions").await, 1);
}

async fn expired_leases_are_taken_over(backend: Backend) {
    let app = TestApp::spawn(backend, |_| {}).await;
    let now = Utc::now();
    let insert = "INSERT INTO jobs (id, kind, dedupe_key, payload, status, run_at, attempts, locked_by, \
                  lease_expires_at, created_at, updated_at) VALUES ($1, 'session_cleanup', $2, $3, 'running', $4, 1, $5, $6, $4, $4)";
    for (key, worker, lease) in [
        ("manual:dead", "dead-worker", now - Duration::minutes(1)),
        ("manual:alive", "busy-worker", now + Duration::hours(1)),
    ] {
        exec(
            &app,
            insert,
            vec![
                uuid::Uuid::now_v7().into(),
                key.into(),
                serde_json::json!({}).into(),
                (now - Duration::minutes(5)).into(),
                worker.into(),
                lease.into(),
            ],
        )
        .await;
    }
    // A process with a worker starts on the same database.
    let (stop, server) = app.worker_server(|_| {}).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let _ = stop.send(());
    server.await.unwrap();
    let all = jobs(&app).await;
    let dead = all.iter().find(|j| j.0 == "manual:dead").unwrap();
    assert_eq!((dead.1.as_str(), dead.2), ("done", 2), "{all:?}");
    assert!(dead.3.as_deref().unwrap().starts_with("worker-"), "{all:?}");
    let alive = all.iter().find(|j| j.0 == "manual:alive").unwrap();
    assert_eq!(
        (alive.1.as_str(), alive.2, alive.3.as_deref()),
        ("running", 1, Some("busy-worker")),
        "{all:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn periodic_jobs_run_once_sqlite() {
    periodic_jobs_run_once(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn periodic_jobs_run_once_postgres() {
    if postgres_available() {
        periodic_jobs_run_once(Backend::Postgres).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_leases_are_taken_over_sqlite() {
    expired_leases_are_taken_over(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_leases_are_taken_over_postgres() {
    if postgres_available() {
        expired_leases_are_taken_over(Backend::Postgres).await;
    }
}
