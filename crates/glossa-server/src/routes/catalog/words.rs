//! Words: filtered lists, search, lookup by inflected form, one word.

use axum::extract::State;
use glossa_core::pack::validate::PARTS_OF_SPEECH;
use glossa_core::{CefrLevel, FieldErrors, LanguageCode};
use glossa_store::catalog::words::{self, WordDetail, WordFilter, WordSummary};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::routes::views::{Page, page};
use crate::state::AppState;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_words))
        .routes(routes!(get_word))
}

/// Filters of the word list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct WordQuery {
    /// Target language (ISO 639-1).
    pub language: Option<String>,
    /// CEFR level.
    pub level: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Part of speech.
    pub pos: Option<String>,
    /// Search in the word and its translations.
    pub q: Option<String>,
    /// Any inflected form: `Häuser` finds `Haus`.
    pub form: Option<String>,
    /// Items per page, 1-100 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Published words, filtered.
#[utoipa::path(get, path = "/api/v1/catalog/words", tag = "catalog", params(WordQuery),
    responses((status = 200, body = Page<WordSummary>), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn list_words(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<WordQuery>,
) -> ApiResult<ApiJson<Page<WordSummary>>> {
    let mut errors = FieldErrors::new();
    let language = match &q.language {
        Some(l) => errors
            .check("language", LanguageCode::parse(l))
            .map(|l| l.as_str().to_owned()),
        None => None,
    };
    let level = match &q.level {
        Some(l) => errors
            .check("level", l.parse::<CefrLevel>())
            .map(|l| l.as_str().to_owned()),
        None => None,
    };
    if let Some(p) = &q.pos
        && !PARTS_OF_SPEECH.contains(&p.as_str())
    {
        errors.add(
            "pos",
            format!("must be one of {}", PARTS_OF_SPEECH.join(", ")),
        );
    }
    errors.into_result()?;
    let pq = crate::routes::views::PageQuery {
        limit: q.limit,
        cursor: q.cursor.clone(),
    };
    let (limit, after) = (pq.limit()?, pq.after()?);
    let filter = WordFilter {
        language,
        level,
        category: q.category,
        pos: q.pos,
        q: q.q,
        form: q.form,
        published_only: true,
        id: None,
        after,
        limit: limit + 1,
    };
    let rows = words::list(&state.db, &filter).await?;
    Ok(ApiJson(page(rows, limit, |w| w.id, |w| w)))
}

/// One published word with meanings, examples, forms and relations.
#[utoipa::path(get, path = "/api/v1/catalog/words/{id}", tag = "catalog",
    params(("id" = Uuid, Path, description = "word id")),
    responses((status = 200, body = WordDetail), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_word(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<WordDetail>> {
    words::get_one(&state.db, id, true)
        .await?
        .map(ApiJson)
        .ok_or_else(|| ApiError::not_found("word"))
}
