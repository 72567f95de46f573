//! Administration of users: list, inspect, change role, deactivate.

use axum::extract::State;
use glossa_core::Role;
use glossa_store::TransactionTrait;
use glossa_store::repo::{api_tokens, sessions, users};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::views::{Page, PageQuery, UserView, page};
use crate::auth::RequireAdmin;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users))
        .routes(routes!(get_user, update_user))
}

/// Changes an admin can make to a user.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdminUserPatch {
    /// New role.
    pub role: Option<Role>,
    /// Activate (true) or deactivate (false); deactivation ends all sessions.
    pub is_active: Option<bool>,
}

/// All users, oldest first.
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "admin", security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, body = Page<UserView>), (status = 403, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn list_users(
    State(state): State<AppState>,
    _admin: RequireAdmin,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> ApiResult<ApiJson<Page<UserView>>> {
    let limit = q.limit()?;
    let rows = users::list(&state.db, q.after()?, limit + 1).await?;
    Ok(ApiJson(page(rows, limit, |u| u.id, UserView::from)))
}

/// One user.
#[utoipa::path(get, path = "/api/v1/admin/users/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "user id")),
    responses((status = 200, body = UserView), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_user(
    State(state): State<AppState>,
    _admin: RequireAdmin,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<UserView>> {
    let user = users::get(&state.db, id).await?;
    Ok(ApiJson(user.into()))
}

/// Change a user's role or active flag. The last active admin cannot be
/// demoted or deactivated.
#[utoipa::path(patch, path = "/api/v1/admin/users/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "user id")), request_body = AdminUserPatch,
    responses((status = 200, body = UserView), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn update_user(
    State(state): State<AppState>,
    _admin: RequireAdmin,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<AdminUserPatch>,
) -> ApiResult<ApiJson<UserView>> {
    let now = state.clock.now();
    let txn = state
        .db
        .begin()
        .await
        .map_err(glossa_store::StoreError::from)?;
    let mut user = match users::get(&txn, id).await {
        Ok(u) => u,
        Err(glossa_store::StoreError::NotFound) => return Err(ApiError::not_found("user")),
        Err(e) => return Err(e.into()),
    };
    let loses_admin = user.role == "admin"
        && user.is_active
        && (patch.role.is_some_and(|r| r != Role::Admin) || patch.is_active == Some(false));
    if loses_admin && users::count_active_with_role(&txn, "admin").await? <= 1 {
        return Err(ApiError::conflict(
            "this is the last active admin; make another user admin first",
        ));
    }
    if let Some(role) = patch.role {
        user = users::set_role(&txn, id, role.as_str(), now).await?;
    }
    if let Some(active) = patch.is_active {
        user = users::set_active(&txn, id, active, now).await?;
        if !active {
            sessions::revoke_all(&txn, id, None, now).await?;
            api_tokens::revoke_all(&txn, id, now).await?;
        }
    }
    txn.commit().await.map_err(glossa_store::StoreError::from)?;
    Ok(ApiJson(user.into()))
}
