//! The HTTP API suite. Every test runs twice: on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod accounts;
mod admin;
mod auth;
mod bad_input;
mod bad_input_http;
mod bad_input_more;
mod catalog;
mod catalog_items;
mod diagnostics;
mod isolation;
mod isolation_roles;
mod jobs;
mod jobs_fsrs;
mod lessons;
mod placement;
mod platform;
mod practice;
mod progress;
mod reviews;
