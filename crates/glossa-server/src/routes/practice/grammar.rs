//! Grammar practice sessions: start on a topic, resume, attempt.

use axum::extract::State;
use axum::http::StatusCode;
use glossa_store::learning::schedule;
use glossa_store::practice::grammar::{self, Attempt, Attempted, MODES, PracticeSession};
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
        .routes(routes!(create_session))
        .routes(routes!(get_session))
        .routes(routes!(attempt_exercise))
}

/// A new practice session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSession {
    /// Target language (ISO 639-1).
    pub language: String,
    /// The grammar topic's slug.
    pub topic: String,
    /// drill, review, diagnostic or conversation.
    pub mode: String,
    /// Exercises (1-50).
    pub size: i64,
}

/// Start a session with published exercises of the topic and its
/// subtopics, the learner's weakest first.
#[utoipa::path(post, path = "/api/v1/practice-sessions", tag = "practice", security(("bearer" = [])),
    request_body = CreateSession,
    responses((status = 201, body = PracticeSession), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn create_session(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<CreateSession>,
) -> ApiResult<(StatusCode, ApiJson<PracticeSession>)> {
    let mut errors = glossa_core::FieldErrors::default();
    let language = match glossa_core::LanguageCode::parse(&body.language) {
        Ok(l) => l.as_str().to_owned(),
        Err(e) => {
            errors.add("language", e);
            String::new()
        }
    };
    let size = super::size(&mut errors, body.size);
    if !MODES.contains(&body.mode.as_str()) {
        errors.add("mode", format!("must be one of {}", MODES.join(", ")));
    }
    if body.topic.trim().is_empty() || body.topic.len() > 200 {
        errors.add("topic", "must be a topic slug");
    }
    errors.into_result().map_err(ApiError::validation)?;
    let s = grammar::create(
        &state.db,
        auth.user.id,
        &language,
        body.topic.trim(),
        &body.mode,
        size,
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, ApiJson(s)))
}

/// A session with its current exercise (without the answer).
#[utoipa::path(get, path = "/api/v1/practice-sessions/{id}", tag = "practice", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "session id")),
    responses((status = 200, body = PracticeSession), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_session(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<PracticeSession>> {
    Ok(ApiJson(grammar::get(&state.db, auth.user.id, id).await?))
}

/// An attempt at the current exercise.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostAttempt {
    /// The answer.
    pub answer: String,
    /// Milliseconds taken.
    pub time_spent_ms: Option<i64>,
    /// Hints looked at (default 0).
    pub hints_used: Option<i64>,
}

/// Attempt the current exercise: stores the attempt, updates the topic's
/// mastery and earns XP; the last exercise completes the session.
#[utoipa::path(post, path = "/api/v1/practice-sessions/{id}/attempts", tag = "practice", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "session id")), request_body = PostAttempt,
    responses((status = 200, body = Attempted), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn attempt_exercise(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<PostAttempt>,
) -> ApiResult<ApiJson<Attempted>> {
    let mut errors = glossa_core::FieldErrors::default();
    if body.answer.chars().count() > 1000 {
        errors.add("answer", "must be at most 1000 characters");
    }
    let time_spent_ms = body.time_spent_ms.map(i32::try_from);
    if matches!(time_spent_ms, Some(Err(_))) || body.time_spent_ms.is_some_and(|t| t < 0) {
        errors.add("time_spent_ms", "must be between 0 and 2147483647");
    }
    let hints_used = i32::try_from(body.hints_used.unwrap_or(0)).unwrap_or(-1);
    if !(0..=100).contains(&hints_used) {
        errors.add("hints_used", "must be 0-100");
    }
    errors.into_result().map_err(ApiError::validation)?;
    let a = Attempt {
        answer: body.answer,
        time_spent_ms: time_spent_ms.and_then(Result::ok),
        hints_used,
    };
    let schedule = schedule::load(&state.db, auth.user.id).await?;
    let done = grammar::attempt(&state.db, &schedule, id, &a, state.clock.now()).await?;
    Ok(ApiJson(done))
}
