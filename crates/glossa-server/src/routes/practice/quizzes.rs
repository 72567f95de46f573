//! Vocabulary quizzes: create from published words, resume, answer.

use axum::extract::State;
use axum::http::StatusCode;
use glossa_store::learning::schedule;
use glossa_store::practice::quiz::{self, Answered, NewQuiz, QUIZ_TYPES, Quiz};
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
        .routes(routes!(create_quiz))
        .routes(routes!(get_quiz))
        .routes(routes!(answer_quiz))
}

/// A new quiz.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateQuiz {
    /// Target language (ISO 639-1).
    pub language: String,
    /// Only words of this CEFR level.
    pub level: Option<String>,
    /// Only words of this category.
    pub category: Option<String>,
    /// Only words of this vocabulary list.
    pub list_id: Option<Uuid>,
    /// multiple_choice, fill_blank, matching or typed_translation.
    pub quiz_type: String,
    /// Words to quiz on (1-50; matching groups them by four).
    pub size: i64,
}

/// Create a quiz from published words. The answers stay on the server.
#[utoipa::path(post, path = "/api/v1/quizzes", tag = "practice", security(("bearer" = [])), request_body = CreateQuiz,
    responses((status = 201, body = Quiz), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn create_quiz(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<CreateQuiz>,
) -> ApiResult<(StatusCode, ApiJson<Quiz>)> {
    let mut errors = glossa_core::FieldErrors::default();
    let filter = super::filter(
        &mut errors,
        &body.language,
        body.level.as_deref(),
        body.category.as_deref(),
        body.list_id,
    );
    let size = super::size(&mut errors, body.size);
    if !QUIZ_TYPES.contains(&body.quiz_type.as_str()) {
        errors.add(
            "quiz_type",
            format!("must be one of {}", QUIZ_TYPES.join(", ")),
        );
    }
    errors.into_result().map_err(ApiError::validation)?;
    let new = NewQuiz {
        filter,
        quiz_type: body.quiz_type,
        size,
    };
    let quiz = quiz::create(&state.db, auth.user.id, &new, state.clock.now()).await?;
    Ok((StatusCode::CREATED, ApiJson(quiz)))
}

/// A quiz, to resume it at its current index.
#[utoipa::path(get, path = "/api/v1/quizzes/{id}", tag = "practice", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "quiz id")),
    responses((status = 200, body = Quiz), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_quiz(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<Quiz>> {
    Ok(ApiJson(quiz::get(&state.db, auth.user.id, id).await?))
}

/// An answer to one question.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuizAnswer {
    /// The question's index.
    pub index: i64,
    /// The answer (matching: the meanings in the order of the items, separated by `|`).
    pub answer: String,
}

/// Answer a question; the last answer completes the quiz and earns XP.
#[utoipa::path(post, path = "/api/v1/quizzes/{id}/answers", tag = "practice", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "quiz id")), request_body = QuizAnswer,
    responses((status = 200, body = Answered), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn answer_quiz(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<QuizAnswer>,
) -> ApiResult<ApiJson<Answered>> {
    let index =
        usize::try_from(body.index).map_err(|_| ApiError::field("index", "must be 0 or more"))?;
    if body.answer.chars().count() > 1000 {
        return Err(ApiError::field("answer", "must be at most 1000 characters"));
    }
    let schedule = schedule::load(&state.db, auth.user.id).await?;
    let done = quiz::answer(
        &state.db,
        &schedule,
        id,
        index,
        &body.answer,
        state.clock.now(),
    )
    .await?;
    Ok(ApiJson(done))
}
