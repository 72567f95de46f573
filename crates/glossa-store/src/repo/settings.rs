//! User settings: one row per user, read and written as a JSON object of
//! the typed settings (the domain type lives in `glossa-core`).

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::Value;
use uuid::Uuid;

use crate::entity::user_settings::{ActiveModel, Column, Entity, Model};
use crate::error::{OrNotFound, StoreError, StoreResult};

/// Columns that are bookkeeping, not settings.
const META: &[&str] = &["id", "user_id", "created_at", "updated_at"];

/// Create the settings row of a new user with the schema's defaults.
#[tracing::instrument(skip_all, fields(%user_id), err)]
pub async fn create_default(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    defaults: Value,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut model = ActiveModel::from_json(with_meta(defaults, user_id, now)?)?;
    model.id = Set(Uuid::now_v7());
    model.insert(db).await?;
    Ok(())
}

/// A user's settings as a JSON object (without bookkeeping columns).
#[tracing::instrument(skip_all, fields(%user_id), err)]
pub async fn get(db: &impl ConnectionTrait, user_id: Uuid) -> StoreResult<Value> {
    let model = Entity::find()
        .filter(Column::UserId.eq(user_id))
        .one(db)
        .await?
        .or_not_found()?;
    to_settings_json(&model)
}

/// Replace a user's settings with the given JSON object.
#[tracing::instrument(skip_all, fields(%user_id), err)]
pub async fn put(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    settings: Value,
    now: DateTime<Utc>,
) -> StoreResult<Value> {
    let current = Entity::find()
        .filter(Column::UserId.eq(user_id))
        .one(db)
        .await?
        .or_not_found()?;
    let mut model: ActiveModel = current.clone().into();
    let mut json = with_meta(settings, user_id, now)?;
    if let Value::Object(map) = &mut json {
        map.insert("id".into(), serde_json::json!(current.id));
        map.insert("created_at".into(), serde_json::json!(current.created_at));
    }
    model.set_from_json(json)?;
    let saved = model.update(db).await?;
    to_settings_json(&saved)
}

fn with_meta(settings: Value, user_id: Uuid, now: DateTime<Utc>) -> StoreResult<Value> {
    let Value::Object(mut map) = settings else {
        return Err(StoreError::Constraint("settings must be an object".into()));
    };
    map.insert("user_id".into(), serde_json::json!(user_id));
    map.insert("created_at".into(), serde_json::json!(now));
    map.insert("updated_at".into(), serde_json::json!(now));
    map.entry("id").or_insert(serde_json::json!(Uuid::nil()));
    Ok(Value::Object(map))
}

fn to_settings_json(model: &Model) -> StoreResult<Value> {
    let mut v = serde_json::to_value(model)
        .map_err(|e| StoreError::Constraint(format!("settings row not serialisable: {e}")))?;
    if let Value::Object(map) = &mut v {
        for k in META {
            map.remove(*k);
        }
    }
    Ok(v)
}
