//! Flashcard sessions: start, resume at the current card, answer.

use axum::extract::State;
use axum::http::StatusCode;
use glossa_store::learning::schedule;
use glossa_store::practice::flashcards::{self, FlashcardAnswered, FlashcardSession};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_flashcards))
        .routes(routes!(get_flashcards))
        .routes(routes!(answer_flashcard))
}

/// A new flashcard session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateFlashcards {
    /// Target language (ISO 639-1).
    pub language: String,
    /// Only words of this CEFR level.
    pub level: Option<String>,
    /// Only words of this category.
    pub category: Option<String>,
    /// Only words of this vocabulary list.
    pub list_id: Option<Uuid>,
    /// Whether answers also review the learner's cards.
    pub spaced_repetition: bool,
    /// Cards (1-50).
    pub size: i64,
}

/// Start a flashcard session from published words.
#[utoipa::path(post, path = "/api/v1/flashcard-sessions", tag = "practice", security(("bearer" = [])),
    request_body = CreateFlashcards,
    responses((status = 201, body = FlashcardSession), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn create_flashcards(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<CreateFlashcards>,
) -> ApiResult<(StatusCode, ApiJson<FlashcardSession>)> {
    let mut errors = glossa_core::FieldErrors::default();
    let filter = super::filter(
        &mut errors,
        &body.language,
        body.level.as_deref(),
        body.category.as_deref(),
        body.list_id,
    );
    let size = super::size(&mut errors, body.size);
    errors.into_result().map_err(ApiError::validation)?;
    let s = flashcards::create(
        &state.db,
        auth.user.id,
        &filter,
        body.spaced_repetition,
        size,
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, ApiJson(s)))
}

/// A session with its current card.
#[utoipa::path(get, path = "/api/v1/flashcard-sessions/{id}", tag = "practice", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "session id")),
    responses((status = 200, body = FlashcardSession), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_flashcards(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<FlashcardSession>> {
    Ok(ApiJson(flashcards::get(&state.db, auth.user.id, id).await?))
}

/// An answer to the current card.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FlashcardAnswer {
    /// The card's index (the current one).
    pub index: i64,
    /// Whether the learner knew it.
    pub known: bool,
}

/// Answer the current card; with spaced repetition on, the learner's card
/// for the word is reviewed too. The last answer completes the session.
#[utoipa::path(post, path = "/api/v1/flashcard-sessions/{id}/answers", tag = "practice", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "session id")), request_body = FlashcardAnswer,
    responses((status = 200, body = FlashcardAnswered), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn answer_flashcard(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<FlashcardAnswer>,
) -> ApiResult<ApiJson<FlashcardAnswered>> {
    let index =
        usize::try_from(body.index).map_err(|_| ApiError::field("index", "must be 0 or more"))?;
    let schedule = schedule::load(&state.db, auth.user.id).await?;
    let done = flashcards::answer(
        &state.db,
        &schedule,
        id,
        index,
        body.known,
        state.clock.now(),
    )
    .await?;
    Ok(ApiJson(done))
}
