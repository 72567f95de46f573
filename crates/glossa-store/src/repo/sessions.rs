//! Login sessions: opaque bearer tokens stored as SHA-256 hashes, with a
//! sliding expiry and revocation.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::entity::auth_sessions::{ActiveModel, Column, Entity, Model};
use crate::error::StoreResult;

/// Store a new session for a token hash.
#[tracing::instrument(skip_all, fields(%user_id), err)]
pub async fn create(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    token_hash: String,
    user_agent: Option<String>,
    ip: Option<String>,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<Model> {
    let model = ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        token_hash: Set(token_hash),
        user_agent: Set(user_agent),
        ip: Set(ip),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
    };
    Ok(model.insert(db).await?)
}

/// The live (not revoked, not expired) session with this token hash.
#[tracing::instrument(skip_all, err)]
pub async fn find_live(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::TokenHash.eq(token_hash))
        .filter(Column::RevokedAt.is_null())
        .filter(Column::ExpiresAt.gt(now))
        .one(db)
        .await?)
}

/// Slide the expiry forward on use.
#[tracing::instrument(skip_all, fields(%id), err)]
pub async fn touch(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<()> {
    Entity::update_many()
        .col_expr(Column::LastSeenAt, Expr::value(now))
        .col_expr(Column::ExpiresAt, Expr::value(expires_at))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Revoke one session of a user; false if it was not theirs or not live.
#[tracing::instrument(skip_all, fields(%id), err)]
pub async fn revoke(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let res = Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::UserId.eq(user_id))
        .filter(Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Revoke every live session of a user except `keep`; returns how many.
#[tracing::instrument(skip_all, fields(%user_id), err)]
pub async fn revoke_all(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    keep: Option<Uuid>,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let mut q = Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(now))
        .filter(Column::UserId.eq(user_id))
        .filter(Column::RevokedAt.is_null());
    if let Some(k) = keep {
        q = q.filter(Column::Id.ne(k));
    }
    Ok(q.exec(db).await?.rows_affected)
}

/// Delete sessions that expired or were revoked before `before`.
#[tracing::instrument(skip_all, err)]
pub async fn delete_stale(db: &impl ConnectionTrait, before: DateTime<Utc>) -> StoreResult<u64> {
    let res = Entity::delete_many()
        .filter(
            Column::ExpiresAt
                .lt(before)
                .or(Column::RevokedAt.lt(before)),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// The live sessions of a user, newest first.
#[tracing::instrument(skip_all, fields(%user_id), err)]
pub async fn list_live(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> StoreResult<Vec<Model>> {
    use sea_orm::QueryOrder;
    Ok(Entity::find()
        .filter(Column::UserId.eq(user_id))
        .filter(Column::RevokedAt.is_null())
        .filter(Column::ExpiresAt.gt(now))
        .order_by_desc(Column::Id)
        .all(db)
        .await?)
}
