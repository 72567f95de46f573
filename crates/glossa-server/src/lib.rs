//! The Glossa HTTP server: the `/api/v1` API, authentication, OpenAPI,
//! health and metrics endpoints.

pub mod accounts;
pub mod app;
pub mod auth;
pub mod clock;
pub mod config;
pub mod error;
pub mod extract;
pub mod metrics;
pub mod openapi;
pub mod routes;
pub mod starter;
pub mod state;
pub mod worker;

pub use app::{LaunchError, build, launch, open_database, serve};
pub use clock::Clock;
pub use config::ServerConfig;
