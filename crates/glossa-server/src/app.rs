//! Building the application and serving it. `main` and the tests both
//! start the server through [`launch`].

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use glossa_store::{DatabaseConnection, migrate};
use tokio::net::TcpListener;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::password::Hasher;
use crate::clock::Clock;
use crate::config::ServerConfig;
use crate::error::ApiError;
use crate::openapi::ApiDoc;
use crate::routes;
use crate::state::AppState;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    /// Database unreachable or misconfigured.
    #[error(transparent)]
    Connect(#[from] glossa_store::ConnectError),
    /// Migrations failed.
    #[error("applying migrations failed: {0}")]
    Migrate(sea_orm::DbErr),
    /// Pending migrations and `migrate_on_start` is off.
    #[error("the database has pending migrations; run `glossa migrate up` first")]
    Pending,
    /// The starter content could not be loaded.
    #[error("loading starter content: {0}")]
    Content(String),
    /// Bad configuration.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// Serving failed.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// Connect to the database and apply migrations as configured.
pub async fn open_database(config: &ServerConfig) -> Result<DatabaseConnection, LaunchError> {
    let db = glossa_store::connect(
        config.database_url.as_deref(),
        &config.data_dir,
        &config.database,
    )
    .await?;
    if config.migrate_on_start {
        migrate::up(&db, None).await.map_err(LaunchError::Migrate)?;
    } else if !migrate::is_current(&db)
        .await
        .map_err(LaunchError::Migrate)?
    {
        return Err(LaunchError::Pending);
    }
    if config.load_starter_content {
        crate::starter::load_if_empty(&db, &config.content_dir).await?;
    }
    Ok(db)
}

/// The whole HTTP application and its OpenAPI document.
pub fn build(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    let (api, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(routes::auth::router())
        .merge(routes::me::router())
        .merge(routes::settings::router())
        .merge(routes::languages::router())
        .merge(routes::tokens::router())
        .merge(routes::admin::router())
        .merge(routes::catalog::router())
        .merge(routes::cards::router())
        .merge(routes::reviews::router())
        .merge(routes::progress::router())
        .merge(routes::practice::router())
        .merge(routes::placement::router())
        .merge(routes::lessons::router())
        .merge(routes::diagnostics::router())
        .split_for_parts();
    let body_limit = state.config.http.body_limit_bytes;
    let timeout = Duration::from_secs(state.config.http.request_timeout_secs.max(1));
    let spec = doc.clone();
    let router = Router::new()
        .merge(api)
        .merge(routes::health::router())
        .merge(SwaggerUi::new("/api/docs").url("/api/v1/openapi.json", spec))
        .fallback(not_found)
        .layer(middleware::from_fn(json_errors))
        .layer(middleware::from_fn(crate::metrics::track))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &Request| {
                let id = req
                    .headers()
                    .get(REQUEST_ID)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", method = %req.method(), uri = %req.uri().path(), request_id = %id)
            }),
        )
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state);
    (router, doc)
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route")
}

/// Give error responses that carry no JSON body (405, timeouts, ...) the
/// standard error body.
async fn json_errors(req: Request, next: Next) -> Response {
    let resp = next.run(req).await;
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return resp;
    }
    let code = match status {
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        s if s.is_server_error() => "internal",
        _ => "bad_request",
    };
    let message = status.canonical_reason().unwrap_or("error").to_lowercase();
    let mut out = ApiError::new(status, code, message).into_response();
    if let Some(allow) = resp.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    out
}

/// Start serving on `listener` until `shutdown` resolves, then finish
/// in-flight requests. Used by `glossa serve` and by the tests.
pub async fn launch(
    listener: TcpListener,
    config: ServerConfig,
    clock: Clock,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), LaunchError> {
    let db = open_database(&config).await?;
    serve(listener, db, config, clock, shutdown).await
}

/// Serve with an already opened database.
pub async fn serve(
    listener: TcpListener,
    db: DatabaseConnection,
    config: ServerConfig,
    clock: Clock,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), LaunchError> {
    crate::metrics::install();
    let auth = &config.auth;
    let hasher = Hasher::new(
        auth.argon2_memory_kib,
        auth.argon2_iterations,
        auth.argon2_parallelism,
    )
    .map_err(LaunchError::Config)?;
    let state = AppState {
        db,
        config: Arc::new(config),
        clock,
        hasher,
    };
    let (stop_worker, stop_rx) = tokio::sync::watch::channel(false);
    let worker = state
        .config
        .jobs
        .enabled
        .then(|| crate::worker::spawn(state.clone(), stop_rx));
    let (router, _) = build(state);
    let served = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    let _ = stop_worker.send(true);
    if let Some(w) = worker {
        let _ = w.await;
    }
    served?;
    Ok(())
}
