//! The languages the caller learns, with CEFR level and proficiency.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use glossa_core::{CefrLevel, FieldErrors, LanguageCode};
use glossa_store::TransactionTrait;
use glossa_store::entity::learner_languages::Model;
use glossa_store::repo::languages::{self, LanguageLevel};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_languages, add_language))
        .routes(routes!(update_language, remove_language))
}

/// One language the learner learns.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LanguageView {
    /// ISO 639-1 code.
    pub language: String,
    /// CEFR level A1-C2.
    pub cefr_level: String,
    /// Proficiency 0-100.
    pub proficiency_score: f64,
    /// Shown first.
    pub is_primary: bool,
    /// When a placement test last set the level.
    pub assessed_at: Option<DateTime<Utc>>,
    /// When the learner added it.
    pub created_at: DateTime<Utc>,
}

impl From<Model> for LanguageView {
    fn from(m: Model) -> Self {
        Self {
            language: m.language,
            cefr_level: m.cefr_level,
            proficiency_score: m.proficiency_score,
            is_primary: m.is_primary,
            assessed_at: m.assessed_at,
            created_at: m.created_at,
        }
    }
}

/// A language to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddLanguage {
    /// ISO 639-1 code of the target language.
    pub language: String,
    /// Self-assessed CEFR level (default A1).
    pub cefr_level: Option<CefrLevel>,
    /// Proficiency 0-100 (default 0).
    pub proficiency_score: Option<f64>,
    /// Make it the primary language.
    #[serde(default)]
    pub is_primary: bool,
}

/// Changes to a language.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateLanguage {
    /// New CEFR level.
    pub cefr_level: Option<CefrLevel>,
    /// New proficiency 0-100.
    pub proficiency_score: Option<f64>,
    /// Make it the primary language.
    pub is_primary: Option<bool>,
}

fn check_score(errors: &mut FieldErrors, score: Option<f64>) {
    if let Some(s) = score
        && !(0.0..=100.0).contains(&s)
    {
        errors.add("proficiency_score", "must be between 0 and 100");
    }
}

/// The caller's languages.
#[utoipa::path(get, path = "/api/v1/me/languages", tag = "languages", security(("bearer" = [])),
    responses((status = 200, body = Vec<LanguageView>)))]
#[tracing::instrument(skip_all, err)]
pub async fn list_languages(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<ApiJson<Vec<LanguageView>>> {
    let rows = languages::list(&state.db, auth.id()).await?;
    Ok(ApiJson(rows.into_iter().map(Into::into).collect()))
}

/// Start learning a language.
#[utoipa::path(post, path = "/api/v1/me/languages", tag = "languages", security(("bearer" = [])),
    request_body = AddLanguage,
    responses((status = 201, body = LanguageView), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn add_language(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(req): ApiJson<AddLanguage>,
) -> ApiResult<(StatusCode, ApiJson<LanguageView>)> {
    let mut errors = FieldErrors::new();
    let code = errors.check("language", LanguageCode::parse(&req.language));
    check_score(&mut errors, req.proficiency_score);
    errors.into_result()?;
    let Some(code) = code else {
        return Err(ApiError::internal("validated language missing"));
    };
    let now = state.clock.now();
    let level = LanguageLevel {
        language: code.as_str().to_owned(),
        cefr_level: req.cefr_level.unwrap_or(CefrLevel::A1).to_string(),
        proficiency_score: req.proficiency_score.unwrap_or(0.0),
        is_primary: req.is_primary,
        assessed_at: None,
    };
    let txn = state
        .db
        .begin()
        .await
        .map_err(glossa_store::StoreError::from)?;
    let row = languages::add(&txn, auth.id(), level, now).await?;
    if row.is_primary {
        languages::clear_primary_except(&txn, auth.id(), &row.language).await?;
    }
    txn.commit().await.map_err(glossa_store::StoreError::from)?;
    Ok((StatusCode::CREATED, ApiJson(row.into())))
}

/// Change level, score or primary flag of a language.
#[utoipa::path(patch, path = "/api/v1/me/languages/{language}", tag = "languages",
    security(("bearer" = [])), params(("language" = String, Path, description = "ISO 639-1 code")),
    request_body = UpdateLanguage,
    responses((status = 200, body = LanguageView), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn update_language(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(language): ApiPath<String>,
    ApiJson(req): ApiJson<UpdateLanguage>,
) -> ApiResult<ApiJson<LanguageView>> {
    let code = LanguageCode::parse(&language).map_err(|e| ApiError::field("language", e))?;
    let mut errors = FieldErrors::new();
    check_score(&mut errors, req.proficiency_score);
    errors.into_result()?;
    let txn = state
        .db
        .begin()
        .await
        .map_err(glossa_store::StoreError::from)?;
    let current = languages::find(&txn, auth.id(), code.as_str())
        .await?
        .ok_or_else(|| ApiError::not_found("language"))?;
    let level = LanguageLevel {
        language: current.language.clone(),
        cefr_level: req
            .cefr_level
            .map(|l| l.to_string())
            .unwrap_or(current.cefr_level),
        proficiency_score: req.proficiency_score.unwrap_or(current.proficiency_score),
        is_primary: req.is_primary.unwrap_or(current.is_primary),
        assessed_at: None,
    };
    let row = languages::update(&txn, auth.id(), level, state.clock.now()).await?;
    if row.is_primary {
        languages::clear_primary_except(&txn, auth.id(), &row.language).await?;
    }
    txn.commit().await.map_err(glossa_store::StoreError::from)?;
    Ok(ApiJson(row.into()))
}

/// Stop learning a language.
#[utoipa::path(delete, path = "/api/v1/me/languages/{language}", tag = "languages",
    security(("bearer" = [])), params(("language" = String, Path, description = "ISO 639-1 code")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn remove_language(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(language): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let code = LanguageCode::parse(&language).map_err(|e| ApiError::field("language", e))?;
    languages::remove(&state.db, auth.id(), code.as_str()).await?;
    Ok(StatusCode::NO_CONTENT)
}
