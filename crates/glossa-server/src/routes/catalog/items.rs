//! Creating and updating single catalog items (teachers and admins): the
//! item in the same JSON shape as in a content pack. References may point
//! to content already stored for the language.

use axum::extract::State;
use axum::http::StatusCode;
use glossa_core::FieldErrors;
use glossa_core::pack::{Item, Pack, Problem, validate_with_known};
use glossa_store::catalog::{Stored, known, put_item};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
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
        .routes(routes!(put_slugged))
        .routes(routes!(put_word))
}

/// The stored item.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemResult {
    /// Its id.
    pub id: Uuid,
    /// True when it was created, false when updated in place.
    pub created: bool,
    /// The item as stored, in content-pack form.
    #[schema(value_type = Object)]
    pub item: Value,
}

/// The problems of an item as per-field messages (422 `validation_failed`).
/// Problems of a lesson or question carry its name in the message.
pub(super) fn problems_error(label: &str, problems: &[Problem]) -> ApiError {
    let mut errors = FieldErrors::new();
    for p in problems {
        if p.item == label {
            errors.add(&p.field, &p.message);
        } else {
            errors.add(&p.field, format!("{}: {}", p.item, p.message));
        }
    }
    ApiError::validation(errors)
}

fn parse<T: DeserializeOwned>(body: Value) -> ApiResult<T> {
    serde_json::from_value(body).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            format!("the item cannot be read: {e}"),
        )
    })
}

/// Validate against the language's stored content, store, answer 201 or 200.
async fn store(
    state: &AppState,
    lang: &str,
    item: Item,
) -> ApiResult<(StatusCode, ApiJson<ItemResult>)> {
    let label = item.label();
    let pack: Pack = item.clone().into_pack(lang);
    let stored_keys = known(&state.db, &pack).await?;
    let problems = validate_with_known(&pack, &stored_keys);
    if !problems.is_empty() {
        return Err(problems_error(&label, &problems));
    }
    let Stored { id, created, item } = put_item(&state.db, lang, item, state.clock.now()).await?;
    let item = match item {
        Item::Word(w) => serde_json::to_value(w),
        Item::Topic(t) => serde_json::to_value(t),
        Item::Exercise(e) => serde_json::to_value(e),
        Item::Scenario(s) => serde_json::to_value(s),
        Item::Course(c) => serde_json::to_value(c),
        Item::Assessment(a) => serde_json::to_value(a),
    }
    .map_err(ApiError::internal)?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, ApiJson(ItemResult { id, created, item })))
}

/// Create or update one grammar topic, exercise, scenario, course (with its
/// lessons) or assessment (with its questions), keyed by its slug. The body
/// is the item as in a content pack; its `slug` may be left out and must
/// otherwise equal the path's. The item is published. Lessons left out of a
/// course stay as they are (archive or delete them on their own).
#[utoipa::path(put, path = "/api/v1/catalog/{language}/{kind}/{slug}", tag = "catalog",
    security(("bearer" = [])),
    request_body(content = Object, description = "the item, as in a content pack"),
    params(("language" = String, Path, description = "ISO 639-1 code"),
        ("kind" = String, Path, description = "grammar-topics, exercises, scenarios, courses or assessments"),
        ("slug" = String, Path, description = "the item's slug")),
    responses((status = 201, body = ItemResult, description = "created"),
        (status = 200, body = ItemResult, description = "updated"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(kind, slug), err)]
pub async fn put_slugged(
    State(state): State<AppState>,
    RequireTeacher(_who): RequireTeacher,
    ApiPath((lang, kind, slug)): ApiPath<(String, String, String)>,
    ApiJson(mut body): ApiJson<Value>,
) -> ApiResult<(StatusCode, ApiJson<ItemResult>)> {
    tracing::Span::current().record("kind", kind.as_str());
    tracing::Span::current().record("slug", slug.as_str());
    let lang = language(&lang)?;
    let Some(fields) = body.as_object_mut() else {
        return Err(ApiError::field("body", "must be a JSON object"));
    };
    match fields.get("slug") {
        None => {
            fields.insert("slug".into(), Value::String(slug.clone()));
        }
        Some(Value::String(s)) if *s == slug => {}
        Some(other) => {
            return Err(ApiError::field(
                "slug",
                format!("{other} does not match the slug in the path ({slug:?})"),
            ));
        }
    }
    let item = match kind.as_str() {
        "grammar-topics" => Item::Topic(parse(body)?),
        "exercises" => Item::Exercise(parse(body)?),
        "scenarios" => Item::Scenario(parse(body)?),
        "courses" => Item::Course(parse(body)?),
        "assessments" => Item::Assessment(parse(body)?),
        _ => return Err(ApiError::not_found("catalog kind")),
    };
    store(&state, &lang, item).await
}

/// Create or update one word, keyed by its lemma and part of speech. The
/// body is the word as in a content pack; synonyms and antonyms may name
/// words already stored for the language. The word is published.
#[utoipa::path(put, path = "/api/v1/catalog/{language}/words", tag = "catalog",
    security(("bearer" = [])),
    request_body(content = Object, description = "the word, as in a content pack"),
    params(("language" = String, Path, description = "ISO 639-1 code")),
    responses((status = 201, body = ItemResult, description = "created"),
        (status = 200, body = ItemResult, description = "updated"),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn put_word(
    State(state): State<AppState>,
    RequireTeacher(_who): RequireTeacher,
    ApiPath(lang): ApiPath<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<(StatusCode, ApiJson<ItemResult>)> {
    let lang = language(&lang)?;
    store(&state, &lang, Item::Word(parse(body)?)).await
}
