//! HTTP handlers, one module per resource.

pub mod admin;
pub mod auth;
pub mod cards;
pub mod catalog;
pub mod diagnostics;
pub mod health;
pub mod languages;
pub mod lessons;
pub mod me;
pub mod placement;
pub mod practice;
pub mod progress;
pub mod reviews;
pub mod settings;
pub mod tokens;
pub mod views;
