//! The adaptive CEFR placement test: start, resume, answer. Each answer is
//! stored with the attempt, so a test started on one server process
//! continues on another; the result is written to the learner's languages.

use axum::extract::State;
use axum::http::StatusCode;
use glossa_core::answer::{Verdict, check};
use glossa_core::assessment::placement::{Asked, Next, Outcome, next};
use glossa_core::{CefrLevel, LanguageCode};
use glossa_store::TransactionTrait;
use glossa_store::assessments::placement::{self, Attempt, Question, Test};
use glossa_store::progress::{Activity, record};
use glossa_store::repo::languages::{self, LanguageLevel};
use serde::{Deserialize, Serialize};
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
        .routes(routes!(start_placement))
        .routes(routes!(get_placement))
        .routes(routes!(answer_placement))
}

/// Which language to place.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartPlacement {
    /// ISO 639-1 code.
    pub language: String,
}

/// Where an attempt stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacementState {
    /// Attempt id.
    pub attempt_id: Uuid,
    /// Language.
    pub language: String,
    /// Questions answered.
    pub answered: usize,
    /// The next question (without its answer), while the test runs.
    pub question: Option<Question>,
    /// The result, once the test is over.
    pub result: Option<Outcome>,
    /// The verdict on the answer just given.
    pub verdict: Option<Verdict>,
}

fn pool(test: &Test) -> Vec<(String, CefrLevel)> {
    test.questions
        .iter()
        .map(|q| (q.id.to_string(), q.level))
        .collect()
}

fn state_of(attempt: &Attempt, test: &Test, verdict: Option<Verdict>) -> PlacementState {
    let step = next(attempt.history.start, &attempt.history.asked, &pool(test));
    let (question, result) = match step {
        Next::Ask(id) => (
            test.questions
                .iter()
                .find(|q| q.id.to_string() == id)
                .cloned(),
            None,
        ),
        Next::Done(o) => (None, Some(o)),
    };
    PlacementState {
        attempt_id: attempt.id,
        language: attempt.language.clone(),
        answered: attempt.history.asked.len(),
        question,
        result,
        verdict,
    }
}

async fn test_of(state: &AppState, language: &str) -> ApiResult<Test> {
    match placement::test_for(&state.db, language).await? {
        Some(t) if !t.questions.is_empty() => Ok(t),
        _ => Err(ApiError::not_found("placement test for this language")),
    }
}

/// Start a placement test (at the learner's current level for the language, A1 if none).
#[utoipa::path(post, path = "/api/v1/placement", tag = "assessments", security(("bearer" = [])),
    request_body = StartPlacement,
    responses((status = 201, body = PlacementState), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn start_placement(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<StartPlacement>,
) -> ApiResult<(StatusCode, ApiJson<PlacementState>)> {
    let language =
        LanguageCode::parse(&body.language).map_err(|e| ApiError::field("language", e))?;
    let language = language.as_str();
    let test = test_of(&state, language).await?;
    let start = match languages::find(&state.db, auth.user.id, language).await? {
        Some(l) => l.cefr_level.parse().unwrap_or(CefrLevel::A1),
        None => CefrLevel::A1,
    };
    let attempt = placement::start(
        &state.db,
        auth.user.id,
        &test,
        language,
        start,
        state.clock.now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(state_of(&attempt, &test, None)),
    ))
}

/// Where a placement attempt stands (the current question or the result).
#[utoipa::path(get, path = "/api/v1/placement/{id}", tag = "assessments", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "attempt id")),
    responses((status = 200, body = PlacementState), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_placement(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<PlacementState>> {
    let attempt = placement::get(&state.db, auth.user.id, id, false).await?;
    let test = test_of(&state, &attempt.language).await?;
    Ok(ApiJson(state_of(&attempt, &test, None)))
}

/// An answer to the current question.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlacementAnswer {
    /// The question answered (must be the current one).
    pub question_id: Uuid,
    /// The answer.
    pub answer: String,
}

/// Answer the current question; gives the verdict and the next question or the result.
#[utoipa::path(post, path = "/api/v1/placement/{id}/answers", tag = "assessments", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "attempt id")), request_body = PlacementAnswer,
    responses((status = 200, body = PlacementState), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn answer_placement(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<PlacementAnswer>,
) -> ApiResult<ApiJson<PlacementState>> {
    if body.answer.chars().count() > 500 {
        return Err(ApiError::field("answer", "must be at most 500 characters"));
    }
    let user = auth.user.id;
    let now = state.clock.now();
    let tx = state
        .db
        .begin()
        .await
        .map_err(glossa_store::StoreError::from)?;
    let mut attempt = placement::get(&tx, user, id, true).await?;
    if attempt.completed_at.is_some() {
        return Err(ApiError::conflict("this placement test is finished"));
    }
    let test = test_of(&state, &attempt.language).await?;
    let current = match next(attempt.history.start, &attempt.history.asked, &pool(&test)) {
        Next::Ask(q) => q,
        Next::Done(_) => return Err(ApiError::conflict("this placement test is finished")),
    };
    if current != body.question_id.to_string() {
        return Err(ApiError::conflict(
            "answer the current question (GET the attempt to see it)",
        ));
    }
    let Some(question) = test.questions.iter().find(|q| q.id == body.question_id) else {
        return Err(ApiError::not_found("question"));
    };
    let verdict = check(&body.answer, &question.answer, &[], &attempt.language);
    attempt.history.asked.push(Asked {
        question: current.clone(),
        level: question.level,
        correct: verdict.is_accepted(),
    });
    attempt.history.answers.push((current, body.answer.clone()));
    let after = next(attempt.history.start, &attempt.history.asked, &pool(&test));
    let outcome = match &after {
        Next::Done(o) => Some(o.clone()),
        Next::Ask(_) => None,
    };
    placement::save(&tx, &attempt, outcome.as_ref(), now).await?;
    if let Some(o) = &outcome {
        attempt.completed_at = Some(now);
        let level = LanguageLevel {
            language: attempt.language.clone(),
            cefr_level: o.level.as_str().to_owned(),
            proficiency_score: o.proficiency,
            is_primary: false,
            assessed_at: Some(now),
        };
        match languages::find(&tx, user, &attempt.language).await? {
            Some(existing) => {
                languages::update(
                    &tx,
                    user,
                    LanguageLevel {
                        is_primary: existing.is_primary,
                        ..level
                    },
                    now,
                )
                .await?;
            }
            None => {
                languages::add(&tx, user, level, now).await?;
            }
        }
        let schedule = glossa_store::learning::schedule::load(&tx, user).await?;
        let activity = Activity {
            kind: "assessment",
            xp: glossa_core::progress::xp("assessment", None, None),
            language: Some(attempt.language.clone()),
            source_id: Some(attempt.id),
            metadata: serde_json::json!({"level": o.level.as_str(), "proficiency": o.proficiency}),
            counters: Vec::new(),
        };
        record(&tx, &schedule, &activity, now).await?;
    }
    tx.commit().await.map_err(glossa_store::StoreError::from)?;
    Ok(ApiJson(state_of(&attempt, &test, Some(verdict))))
}
