//! Named API tokens for integrations: hashed, scoped, revocable.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use crate::entity::api_tokens::{ActiveModel, Column, Entity, Model};
use crate::error::StoreResult;

/// What is needed to create a token.
#[derive(Debug, Clone)]
pub struct NewToken {
    /// Owner.
    pub user_id: Uuid,
    /// Name shown in listings.
    pub name: String,
    /// SHA-256 of the secret.
    pub token_hash: String,
    /// First characters of the secret, to recognise it in listings.
    pub token_prefix: String,
    /// Scopes granted.
    pub scopes: Vec<String>,
    /// Optional expiry.
    pub expires_at: Option<DateTime<Utc>>,
}

/// Insert a token.
#[tracing::instrument(skip_all, err)]
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewToken,
    now: DateTime<Utc>,
) -> StoreResult<Model> {
    let model = ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(new.user_id),
        name: Set(new.name),
        token_hash: Set(new.token_hash),
        token_prefix: Set(new.token_prefix),
        scopes: Set(serde_json::json!(new.scopes)),
        created_at: Set(now),
        last_used_at: Set(None),
        expires_at: Set(new.expires_at),
        revoked_at: Set(None),
    };
    Ok(model.insert(db).await?)
}

/// A user's tokens, newest first (revoked ones included).
#[tracing::instrument(skip_all, fields(%user_id), err)]
pub async fn list(db: &impl ConnectionTrait, user_id: Uuid) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::UserId.eq(user_id))
        .order_by_desc(Column::Id)
        .all(db)
        .await?)
}

/// The live token with this hash.
#[tracing::instrument(skip_all, err)]
pub async fn find_live(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::TokenHash.eq(token_hash))
        .filter(Column::RevokedAt.is_null())
        .filter(Column::ExpiresAt.is_null().or(Column::ExpiresAt.gt(now)))
        .one(db)
        .await?)
}

/// Record use of a token.
#[tracing::instrument(skip_all, fields(%id), err)]
pub async fn touch(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> StoreResult<()> {
    Entity::update_many()
        .col_expr(Column::LastUsedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Revoke a user's token; false if it is not theirs or already revoked.
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

/// Revoke every live token of a user (deactivation); returns how many.
#[tracing::instrument(skip_all, fields(%user_id), err)]
pub async fn revoke_all(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let res = Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(now))
        .filter(Column::UserId.eq(user_id))
        .filter(Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
