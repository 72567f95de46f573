//! Liveness, readiness and Prometheus metrics (public, outside /api/v1).

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use glossa_store::migrate;
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::metrics;
use crate::state::AppState;

/// `/healthz`, `/readyz`, `/metrics`.
pub fn router() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
}

/// The process is up.
async fn healthz() -> impl IntoResponse {
    Json(json!({"status": "ok"}))
}

/// The database answers and every migration is applied.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let ping = state.db.execute_unprepared("SELECT 1").await;
    let current = match ping {
        Ok(_) => migrate::is_current(&state.db).await,
        Err(e) => Err(e),
    };
    match current {
        Ok(true) => (StatusCode::OK, Json(json!({"status": "ready"}))),
        Ok(false) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(
                json!({"status": "not_ready", "reason": "pending migrations: run `glossa migrate up`"}),
            ),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "not_ready", "reason": "database unreachable"})),
            )
        }
    }
}

/// Prometheus text exposition.
async fn metrics_text(State(state): State<AppState>) -> impl IntoResponse {
    metrics::record_pool(&state.db);
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        metrics::render(),
    )
}
