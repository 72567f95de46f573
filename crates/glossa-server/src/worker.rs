//! The background worker each server process runs. Every tick it enqueues
//! the periodic jobs of the current period under a dedupe key (so that all
//! processes together enqueue each run once), then claims and runs jobs
//! until none is due. Jobs: `session_cleanup` (hourly: expired sessions and
//! old rate-limit windows) and `fsrs_optimize` (daily: fit FSRS to each
//! learner with enough reviews), `snapshots` (daily: yesterday's progress
//! snapshots, last week's on Mondays, last month's on the 1st) and
//! `league_rollover` (weekly: rank the finished league weeks).

use std::time::Duration as StdDuration;

use chrono::{DateTime, Datelike, Duration, Utc};
use glossa_core::srs::eval::fit_learner;
use glossa_core::srs::revlog::items;
use glossa_store::jobs::{self, Job};
use glossa_store::learning::optimize;
use glossa_store::repo::{rate_limits, sessions};
use serde_json::json;
use tokio::sync::watch;
use uuid::Uuid;

use crate::state::AppState;

/// Starts the worker; it stops when `stop` changes.
pub fn spawn(state: AppState, mut stop: watch::Receiver<bool>) -> tokio::task::JoinHandle<()> {
    let worker = format!("worker-{}", Uuid::now_v7().simple());
    tokio::spawn(async move {
        let tick = StdDuration::from_millis(state.config.jobs.tick_ms.max(10));
        loop {
            if let Err(e) = run_once(&state, &worker).await {
                tracing::warn!(error = %e, "job worker tick failed");
            }
            tokio::select! {
                _ = tokio::time::sleep(tick) => {}
                _ = stop.changed() => break,
            }
        }
    })
}

/// One tick: enqueue this period's periodic jobs, then run due jobs.
pub async fn run_once(state: &AppState, worker: &str) -> Result<usize, String> {
    let now = state.clock.now();
    let db = &state.db;
    let hour = now.format("%Y-%m-%dT%H").to_string();
    let day = now.format("%Y-%m-%d").to_string();
    let week = now.iso_week();
    let week = format!("{}-W{:02}", week.year(), week.week());
    // Each periodic job once per period: the dedupe key names the period.
    for (kind, period) in [
        ("session_cleanup", &hour),
        ("fsrs_optimize", &day),
        ("snapshots", &day),
        ("league_rollover", &week),
    ] {
        jobs::enqueue_once(db, kind, &format!("{kind}:{period}"), json!({}), now, now)
            .await
            .map_err(|e| e.to_string())?;
    }
    jobs::reap(db, now).await.map_err(|e| e.to_string())?;
    let lease = Duration::seconds(state.config.jobs.lease_secs.max(1));
    let mut ran = 0;
    while let Some(job) = jobs::claim(db, worker, lease, state.clock.now())
        .await
        .map_err(|e| e.to_string())?
    {
        ran += 1;
        let result = run(state, &job).await;
        let now = state.clock.now();
        match result {
            Ok(()) => {
                jobs::complete(db, job.id, worker, now)
                    .await
                    .map_err(|e| e.to_string())?;
            }
            Err(error) => {
                tracing::warn!(kind = %job.kind, %error, attempt = job.attempts, "job failed");
                let backoff = Duration::seconds(30 * i64::from(job.attempts.max(1)));
                jobs::fail(db, job.id, worker, &error, now + backoff, now)
                    .await
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(ran)
}

async fn run(state: &AppState, job: &Job) -> Result<(), String> {
    let now = state.clock.now();
    match job.kind.as_str() {
        "session_cleanup" => {
            let n = sessions::delete_stale(&state.db, now)
                .await
                .map_err(|e| e.to_string())?;
            let m = rate_limits::purge(&state.db, now - Duration::days(1))
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!(sessions = n, rate_limits = m, "cleanup done");
            Ok(())
        }
        "fsrs_optimize" => optimize_all(state, now).await,
        "snapshots" => {
            let n = glossa_store::gamification::snapshots::take(&state.db, now)
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!(snapshots = n, "progress snapshots written");
            Ok(())
        }
        "league_rollover" => {
            let n = glossa_store::gamification::leagues::rollover(&state.db, now)
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!(memberships = n, "league weeks ranked");
            Ok(())
        }
        other => Err(format!("unknown job kind {other}")),
    }
}

async fn optimize_all(state: &AppState, now: DateTime<Utc>) -> Result<(), String> {
    let cfg = &state.config.jobs;
    let since = now - Duration::days(cfg.fsrs_refit_days.max(1));
    let users = optimize::candidates(&state.db, cfg.fsrs_min_reviews, since)
        .await
        .map_err(|e| e.to_string())?;
    for user in users {
        let schedule = glossa_store::learning::schedule::load(&state.db, user)
            .await
            .map_err(|e| e.to_string())?;
        let reviews = optimize::history(&state.db, user)
            .await
            .map_err(|e| e.to_string())?;
        let day_start = Duration::hours(i64::from(schedule.day_start_hour));
        let count = reviews.len();
        // Fitting is CPU work: keep it off the async threads.
        let fit = tokio::task::spawn_blocking(move || fit_learner(&items(&reviews, day_start)))
            .await
            .map_err(|e| e.to_string())?;
        match fit {
            Ok(fit) => {
                let used = optimize::store_fit(&state.db, user, &fit, count, now)
                    .await
                    .map_err(|e| e.to_string())?;
                tracing::info!(%user, used, before = fit.before.log_loss, after = fit.after.log_loss, "FSRS fitted");
            }
            Err(e) => tracing::info!(%user, error = %e.0, "FSRS fit skipped"),
        }
    }
    Ok(())
}
