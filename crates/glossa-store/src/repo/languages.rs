//! Learner languages: the languages a user learns, with level and score.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use crate::entity::learner_languages::{ActiveModel, Column, Entity, Model};
use crate::error::{StoreError, StoreResult};

/// A user's languages in the order they were added.
#[tracing::instrument(skip_all, fields(%user_id), err)]
pub async fn list(db: &impl ConnectionTrait, user_id: Uuid) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::UserId.eq(user_id))
        .order_by_asc(Column::Id)
        .all(db)
        .await?)
}

/// One of a user's languages.
#[tracing::instrument(skip_all, fields(%user_id, language), err)]
pub async fn find(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    language: &str,
) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::UserId.eq(user_id))
        .filter(Column::Language.eq(language))
        .one(db)
        .await?)
}

/// The level and score of one learner language.
#[derive(Debug, Clone)]
pub struct LanguageLevel {
    /// ISO 639-1 code.
    pub language: String,
    /// CEFR level.
    pub cefr_level: String,
    /// Proficiency 0-100.
    pub proficiency_score: f64,
    /// Whether this is the language shown first.
    pub is_primary: bool,
    /// When the level was last assessed by a test.
    pub assessed_at: Option<DateTime<Utc>>,
}

/// Add a language; a second add of the same language is a conflict.
#[tracing::instrument(skip_all, fields(%user_id), err)]
pub async fn add(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    level: LanguageLevel,
    now: DateTime<Utc>,
) -> StoreResult<Model> {
    let model = ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        language: Set(level.language),
        cefr_level: Set(level.cefr_level),
        proficiency_score: Set(level.proficiency_score),
        is_primary: Set(level.is_primary),
        assessed_at: Set(level.assessed_at),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(model.insert(db).await?)
}

/// Update level, score and primary flag of an existing language.
#[tracing::instrument(skip_all, fields(%user_id), err)]
pub async fn update(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    level: LanguageLevel,
    now: DateTime<Utc>,
) -> StoreResult<Model> {
    let existing = find(db, user_id, &level.language)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut model: ActiveModel = existing.into();
    model.cefr_level = Set(level.cefr_level);
    model.proficiency_score = Set(level.proficiency_score);
    model.is_primary = Set(level.is_primary);
    if level.assessed_at.is_some() {
        model.assessed_at = Set(level.assessed_at);
    }
    model.updated_at = Set(now);
    Ok(model.update(db).await?)
}

/// Clear the primary flag on all of a user's languages but one.
#[tracing::instrument(skip_all, fields(%user_id), err)]
pub async fn clear_primary_except(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    keep: &str,
) -> StoreResult<()> {
    Entity::update_many()
        .col_expr(Column::IsPrimary, sea_orm::sea_query::Expr::value(false))
        .filter(Column::UserId.eq(user_id))
        .filter(Column::Language.ne(keep))
        .exec(db)
        .await?;
    Ok(())
}

/// Remove a language from a user; `NotFound` if they do not learn it.
#[tracing::instrument(skip_all, fields(%user_id, language), err)]
pub async fn remove(db: &impl ConnectionTrait, user_id: Uuid, language: &str) -> StoreResult<()> {
    let res = Entity::delete_many()
        .filter(Column::UserId.eq(user_id))
        .filter(Column::Language.eq(language))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
