//! Catalog management for teachers and admins: upload a pack (creates or
//! updates items by their stable keys), publish or archive, delete (content
//! that learners used is archived instead).

use axum::extract::State;
use axum::http::StatusCode;
use glossa_core::pack::Pack;
use glossa_store::catalog::status::{Kind, Removal, Target, delete_or_archive, set_status};
use glossa_store::catalog::{ImportReport, import_pack};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::language;
use crate::auth::RequireTeacher;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_pack))
        .routes(routes!(set_item_status, delete_item))
        .routes(routes!(set_word_status, delete_word))
}

/// The import result.
#[derive(Debug, Serialize, ToSchema)]
pub struct UploadResult {
    /// Items created.
    pub created: u64,
    /// Items updated in place.
    pub updated: u64,
}

impl From<ImportReport> for UploadResult {
    fn from(r: ImportReport) -> Self {
        Self {
            created: r.created,
            updated: r.updated,
        }
    }
}

/// A new publication status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// draft, published or archived.
    pub status: String,
}

/// What a delete did.
#[derive(Debug, Serialize, ToSchema)]
pub struct RemovalResult {
    /// `deleted`, or `archived` when learners use the item.
    pub result: Removal,
}

/// Create or update catalog items from a content pack (JSON form of the
/// format in docs/content-packs.md). All or nothing. References may point
/// to items of the pack or to content already stored for its language.
#[utoipa::path(post, path = "/api/v1/catalog/packs", tag = "catalog", security(("bearer" = [])),
    request_body(content = Object, description = "a content pack"),
    responses((status = 200, body = UploadResult), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn upload_pack(
    State(state): State<AppState>,
    RequireTeacher(_who): RequireTeacher,
    ApiJson(pack): ApiJson<Pack>,
) -> ApiResult<ApiJson<UploadResult>> {
    // References may also point to content already stored for the language.
    let stored = glossa_store::catalog::known(&state.db, &pack).await?;
    let problems = glossa_core::pack::validate_with_known(&pack, &stored);
    if !problems.is_empty() {
        let mut e = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_pack",
            format!("the pack has {} problem(s)", problems.len()),
        );
        e.details = Some(serde_json::json!({
            "problems": problems.iter().map(|p| serde_json::json!({"item": p.item, "field": p.field, "message": p.message})).collect::<Vec<_>>()
        }));
        return Err(e);
    }
    let report = import_pack(&state.db, &pack, state.clock.now(), &|_, _| {}).await?;
    Ok(ApiJson(report.into()))
}

fn check_status(s: &str) -> ApiResult<()> {
    if ["draft", "published", "archived"].contains(&s) {
        Ok(())
    } else {
        Err(ApiError::field(
            "status",
            "must be one of draft, published, archived",
        ))
    }
}

fn target(lang: &str, kind: &str, slug: String) -> ApiResult<Target> {
    let kind = Kind::from_path(kind).ok_or_else(|| ApiError::not_found("catalog kind"))?;
    Ok(Target::Slug(kind, language(lang)?, slug))
}

/// Publish, unpublish or archive an item.
#[utoipa::path(put, path = "/api/v1/catalog/{language}/{kind}/{slug}/status", tag = "catalog",
    security(("bearer" = [])), request_body = StatusChange,
    params(("language" = String, Path, description = "ISO 639-1 code"),
        ("kind" = String, Path, description = "grammar-topics, exercises, scenarios, courses, lessons or assessments"),
        ("slug" = String, Path, description = "the item's slug")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn set_item_status(
    State(state): State<AppState>,
    RequireTeacher(_who): RequireTeacher,
    ApiPath((lang, kind, slug)): ApiPath<(String, String, String)>,
    ApiJson(change): ApiJson<StatusChange>,
) -> ApiResult<StatusCode> {
    check_status(&change.status)?;
    let t = target(&lang, &kind, slug)?;
    if set_status(&state.db, &t, &change.status, state.clock.now()).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("item"))
    }
}

/// Delete an item; archived instead when learners use it.
#[utoipa::path(delete, path = "/api/v1/catalog/{language}/{kind}/{slug}/status", tag = "catalog",
    security(("bearer" = [])),
    params(("language" = String, Path, description = "ISO 639-1 code"),
        ("kind" = String, Path, description = "grammar-topics, exercises, scenarios, courses, lessons or assessments"),
        ("slug" = String, Path, description = "the item's slug")),
    responses((status = 200, body = RemovalResult), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn delete_item(
    State(state): State<AppState>,
    RequireTeacher(_who): RequireTeacher,
    ApiPath((lang, kind, slug)): ApiPath<(String, String, String)>,
) -> ApiResult<ApiJson<RemovalResult>> {
    let t = target(&lang, &kind, slug)?;
    match delete_or_archive(&state.db, &t, state.clock.now()).await? {
        Some(result) => Ok(ApiJson(RemovalResult { result })),
        None => Err(ApiError::not_found("item")),
    }
}

/// Publish, unpublish or archive a word.
#[utoipa::path(put, path = "/api/v1/catalog/words/{id}/status", tag = "catalog",
    security(("bearer" = [])), request_body = StatusChange,
    params(("id" = Uuid, Path, description = "word id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn set_word_status(
    State(state): State<AppState>,
    RequireTeacher(_who): RequireTeacher,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(change): ApiJson<StatusChange>,
) -> ApiResult<StatusCode> {
    check_status(&change.status)?;
    if set_status(
        &state.db,
        &Target::Word(id),
        &change.status,
        state.clock.now(),
    )
    .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("word"))
    }
}

/// Delete a word; archived instead when learners use it.
#[utoipa::path(delete, path = "/api/v1/catalog/words/{id}/status", tag = "catalog",
    security(("bearer" = [])), params(("id" = Uuid, Path, description = "word id")),
    responses((status = 200, body = RemovalResult), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn delete_word(
    State(state): State<AppState>,
    RequireTeacher(_who): RequireTeacher,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<RemovalResult>> {
    match delete_or_archive(&state.db, &Target::Word(id), state.clock.now()).await? {
        Some(result) => Ok(ApiJson(RemovalResult { result })),
        None => Err(ApiError::not_found("word")),
    }
}
