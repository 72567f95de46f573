//! Repositories, one module per aggregate. Every function takes any
//! connection or transaction, so services decide the transaction scope.

pub mod api_tokens;
pub mod languages;
pub mod rate_limits;
pub mod sessions;
pub mod settings;
pub mod users;

use sea_orm::DbBackend;

/// Write `$1, $2, ...` placeholders as the backend expects them
/// (`?1, ?2, ...` on SQLite).
pub fn placeholders(backend: DbBackend, sql: &str) -> String {
    match backend {
        DbBackend::Sqlite => sql.replace('$', "?"),
        _ => sql.to_owned(),
    }
}
