//! Prometheus metrics: request counts and latency per route, pool stats.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sea_orm::DatabaseConnection;

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Install the process-wide recorder once (several servers in one test
/// process share it).
pub fn install() {
    HANDLE.get_or_init(|| {
        let installed = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("glossa_http_request_duration_seconds".to_owned()),
                &LATENCY_BUCKETS,
            )
            .and_then(PrometheusBuilder::install_recorder);
        match installed {
            Ok(h) => Some(h),
            Err(e) => {
                tracing::warn!(error = %e, "metrics recorder not installed");
                None
            }
        }
    });
}

/// Upper bounds (seconds) of the request latency histogram's buckets.
const LATENCY_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The current metrics in Prometheus text format.
pub fn render() -> String {
    HANDLE
        .get()
        .and_then(Option::as_ref)
        .map(PrometheusHandle::render)
        .unwrap_or_default()
}

/// Count and time each request under its route template.
pub async fn track(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = req.method().as_str().to_owned();
    let resp = next.run(req).await;
    let status = resp.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("glossa_http_requests_total", &labels).increment(1);
    metrics::histogram!("glossa_http_request_duration_seconds", &labels[..2])
        .record(start.elapsed().as_secs_f64());
    resp
}

/// Record the connection pool's size and idle connections.
pub fn record_pool(db: &DatabaseConnection) {
    use sea_orm::DatabaseConnectionType as T;
    let (size, idle) = match &db.inner {
        T::SqlxSqlitePoolConnection(_) => {
            let p = db.get_sqlite_connection_pool();
            (p.size(), p.num_idle())
        }
        T::SqlxPostgresPoolConnection(_) => {
            let p = db.get_postgres_connection_pool();
            (p.size(), p.num_idle())
        }
        _ => (0, 0),
    };
    metrics::gauge!("glossa_db_pool_connections").set(f64::from(size));
    metrics::gauge!("glossa_db_pool_idle_connections").set(idle as f64);
}
