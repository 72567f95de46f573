//! What every handler shares: the database pool, configuration and clock.
//! No learner state lives here; it all lives in the database.

use std::sync::Arc;

use glossa_store::DatabaseConnection;

use crate::auth::password::Hasher;
use crate::clock::Clock;
use crate::config::ServerConfig;

/// Shared application state (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    /// Database pool.
    pub db: DatabaseConnection,
    /// Effective configuration.
    pub config: Arc<ServerConfig>,
    /// Time source.
    pub clock: Clock,
    /// Password hasher with the configured argon2id parameters.
    pub hasher: Hasher,
}
