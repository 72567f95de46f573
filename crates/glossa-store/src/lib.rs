//! Storage for Glossa: connecting to SQLite or PostgreSQL, the entities,
//! the migrations and one repository per aggregate.

pub mod assessments;
pub mod catalog;
pub mod db;
pub mod entity;
pub mod error;
pub mod gamification;
pub mod jobs;
pub mod learning;
pub mod migrate;
pub mod practice;
pub mod progress;
pub mod repo;

pub use db::{ConnectError, PoolSettings, backend_of, connect, redact_url};
pub use error::{OrNotFound, StoreError, StoreResult};
pub use sea_orm::{DatabaseConnection, DbBackend, TransactionTrait};
