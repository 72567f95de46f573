//! Users: create, look up, update, list and delete accounts.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::entity::users::{self, ActiveModel, Column, Entity, Model};
use crate::error::{OrNotFound, StoreResult};

/// What is needed to create a user.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Normalised (lower-case) email.
    pub email: String,
    /// argon2id PHC string, or none for passkey-only accounts.
    pub password_hash: Option<String>,
    /// learner, teacher or admin.
    pub role: String,
    /// Optional display name.
    pub display_name: Option<String>,
    /// Optional unique username.
    pub username: Option<String>,
    /// ISO 639-1 code of the user's own language.
    pub native_language: String,
    /// IANA timezone.
    pub timezone: String,
}

/// Insert a user and return it.
#[tracing::instrument(skip_all, err)]
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewUser,
    now: DateTime<Utc>,
) -> StoreResult<Model> {
    let model = ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(new.email),
        username: Set(new.username),
        display_name: Set(new.display_name),
        password_hash: Set(new.password_hash),
        role: Set(new.role),
        native_language: Set(new.native_language),
        timezone: Set(new.timezone),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        last_login_at: Set(None),
    };
    Ok(model.insert(db).await?)
}

/// The user with this id.
#[tracing::instrument(skip_all, fields(%id), err)]
pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> StoreResult<Model> {
    Entity::find_by_id(id).one(db).await?.or_not_found()
}

/// The user with this (normalised) email, if any.
#[tracing::instrument(skip_all, err)]
pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::Email.eq(email))
        .one(db)
        .await?)
}

/// Changes to a user's profile; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ProfileChange {
    /// New display name (`Some(None)` clears it).
    pub display_name: Option<Option<String>>,
    /// New username (`Some(None)` clears it).
    pub username: Option<Option<String>>,
    /// New native language.
    pub native_language: Option<String>,
    /// New timezone.
    pub timezone: Option<String>,
}

/// Apply a profile change and return the updated user.
#[tracing::instrument(skip_all, fields(%id), err)]
pub async fn update_profile(
    db: &impl ConnectionTrait,
    id: Uuid,
    change: ProfileChange,
    now: DateTime<Utc>,
) -> StoreResult<Model> {
    let mut model: ActiveModel = get(db, id).await?.into();
    if let Some(v) = change.display_name {
        model.display_name = Set(v);
    }
    if let Some(v) = change.username {
        model.username = Set(v);
    }
    if let Some(v) = change.native_language {
        model.native_language = Set(v);
    }
    if let Some(v) = change.timezone {
        model.timezone = Set(v);
    }
    model.updated_at = Set(now);
    Ok(model.update(db).await?)
}

/// Replace the password hash.
#[tracing::instrument(skip_all, fields(%id), err)]
pub async fn set_password_hash(
    db: &impl ConnectionTrait,
    id: Uuid,
    hash: String,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut model: ActiveModel = get(db, id).await?.into();
    model.password_hash = Set(Some(hash));
    model.updated_at = Set(now);
    model.update(db).await?;
    Ok(())
}

/// Change a user's role.
#[tracing::instrument(skip_all, fields(%id), err)]
pub async fn set_role(
    db: &impl ConnectionTrait,
    id: Uuid,
    role: &str,
    now: DateTime<Utc>,
) -> StoreResult<Model> {
    let mut model: ActiveModel = get(db, id).await?.into();
    model.role = Set(role.to_owned());
    model.updated_at = Set(now);
    Ok(model.update(db).await?)
}

/// Activate or deactivate a user.
#[tracing::instrument(skip_all, fields(%id), err)]
pub async fn set_active(
    db: &impl ConnectionTrait,
    id: Uuid,
    active: bool,
    now: DateTime<Utc>,
) -> StoreResult<Model> {
    let mut model: ActiveModel = get(db, id).await?.into();
    model.is_active = Set(active);
    model.updated_at = Set(now);
    Ok(model.update(db).await?)
}

/// Record a successful login.
#[tracing::instrument(skip_all, fields(%id), err)]
pub async fn touch_login(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    Entity::update_many()
        .col_expr(Column::LastLoginAt, sea_orm::sea_query::Expr::value(now))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Delete a user; everything that is theirs goes with them (cascade).
#[tracing::instrument(skip_all, fields(%id), err)]
pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> StoreResult<()> {
    let res = Entity::delete_by_id(id).exec(db).await?;
    if res.rows_affected == 0 {
        return Err(crate::error::StoreError::NotFound);
    }
    Ok(())
}

/// A page of users ordered by id (UUIDv7, so by creation time), starting
/// after `after`.
#[tracing::instrument(skip_all, err)]
pub async fn list(
    db: &impl ConnectionTrait,
    after: Option<Uuid>,
    limit: u64,
) -> StoreResult<Vec<Model>> {
    let mut q = Entity::find().order_by_asc(Column::Id);
    if let Some(a) = after {
        q = q.filter(Column::Id.gt(a));
    }
    Ok(q.limit(limit).all(db).await?)
}

/// How many users have a role (used to keep at least one admin).
#[tracing::instrument(skip_all, err)]
pub async fn count_active_with_role(db: &impl ConnectionTrait, role: &str) -> StoreResult<u64> {
    Ok(Entity::find()
        .filter(Column::Role.eq(role))
        .filter(Column::IsActive.eq(true))
        .count(db)
        .await?)
}

/// Re-exported for callers that name the model.
pub use users::Model as User;
