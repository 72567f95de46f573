//! Rate limits on login and registration, counted in the database so that
//! they hold across server processes.

use chrono::Duration;
use glossa_store::repo::rate_limits;

use crate::config::Limit;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Count one attempt under `key`; 429 with Retry-After once over the limit.
pub async fn check(state: &AppState, key: &str, limit: Limit) -> ApiResult<()> {
    let now = state.clock.now();
    let window = Duration::seconds(i64::try_from(limit.window_secs).unwrap_or(i64::MAX / 2));
    let hit = rate_limits::hit(&state.db, key, window, now).await?;
    if i64::from(hit.hits) > i64::from(limit.max) {
        let retry = (hit.window_start + window - now).num_seconds().max(1);
        return Err(ApiError::too_many(u64::try_from(retry).unwrap_or(1)));
    }
    Ok(())
}
