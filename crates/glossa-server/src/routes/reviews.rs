//! The daily review loop: the due queue and answering a card.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use glossa_core::srs::Rating;
use glossa_store::learning::queue::{Queue, ReviewOrder, due, next_card};
use glossa_store::learning::reviews::{Answer, AnswerError, Review, answer};
use glossa_store::learning::{Card, schedule};
use glossa_store::progress::Recorded;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::cards::{CardDetail, detail_with};
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery};
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(due_queue))
        .routes(routes!(post_review))
}

/// Queue options.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DueQuery {
    /// Only this language.
    pub language: Option<String>,
    /// `due` (default) or `retrievability` (lowest first).
    pub order: Option<String>,
    /// Cards to return (1-200, default 20).
    pub limit: Option<u64>,
}

fn order(s: Option<&str>) -> ApiResult<ReviewOrder> {
    match s {
        None | Some("due") => Ok(ReviewOrder::Due),
        Some("retrievability") => Ok(ReviewOrder::Retrievability),
        Some(_) => Err(ApiError::field("order", "must be due or retrievability")),
    }
}

/// The due queue: learning cards, then reviews, then new cards, within the
/// learner's daily limits.
#[utoipa::path(get, path = "/api/v1/reviews/due", tag = "reviews", security(("bearer" = [])), params(DueQuery),
    responses((status = 200, body = Queue), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn due_queue(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<DueQuery>,
) -> ApiResult<ApiJson<Queue>> {
    let order = order(q.order.as_deref())?;
    let language = match &q.language {
        Some(l) => Some(super::catalog::language(l)?),
        None => None,
    };
    let schedule = schedule::load(&state.db, auth.user.id).await?;
    let queue = due(
        &state.db,
        &schedule,
        state.clock.now(),
        order,
        q.limit.unwrap_or(20),
        language.as_deref(),
    )
    .await?;
    Ok(ApiJson(queue))
}

/// An answer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostReview {
    /// The card.
    pub card_id: Uuid,
    /// 1 Again, 2 Hard, 3 Good, 4 Easy.
    pub rating: i64,
    /// The client's id for this answer: a retry with the same id changes nothing.
    pub client_id: Uuid,
    /// flashcard (default), quiz, exercise, conversation or reading.
    pub kind: Option<String>,
    /// Milliseconds taken.
    pub time_spent_ms: Option<i64>,
    /// Confidence 1-5.
    pub confidence: Option<i64>,
}

/// The result of an answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewResult {
    /// The stored review.
    pub review: Review,
    /// The card after the answer.
    pub card: Card,
    /// When the card is due next.
    pub next_due: DateTime<Utc>,
    /// True when this client_id had been answered before (nothing changed).
    pub replayed: bool,
    /// XP earned and the streak (absent for a replay).
    pub progress: Option<Recorded>,
    /// The next card in the queue with its four previews, if any.
    pub next: Option<CardDetail>,
}

const KINDS: [&str; 5] = ["flashcard", "quiz", "exercise", "conversation", "reading"];

/// Answer a card: stores the review and the card's new state in one
/// transaction; idempotent by `client_id`.
#[utoipa::path(post, path = "/api/v1/reviews", tag = "reviews", security(("bearer" = [])), request_body = PostReview,
    responses((status = 200, body = ReviewResult), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn post_review(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<PostReview>,
) -> ApiResult<(StatusCode, ApiJson<ReviewResult>)> {
    let mut errors = glossa_core::FieldErrors::default();
    let rating = Rating::from_number(body.rating);
    if rating.is_none() {
        errors.add(
            "rating",
            "must be 1 (again), 2 (hard), 3 (good) or 4 (easy)",
        );
    }
    let kind = body.kind.unwrap_or_else(|| "flashcard".into());
    if !KINDS.contains(&kind.as_str()) {
        errors.add(
            "kind",
            "must be flashcard, quiz, exercise, conversation or reading",
        );
    }
    let time_spent_ms = body.time_spent_ms.map(i32::try_from);
    if matches!(time_spent_ms, Some(Err(_))) || body.time_spent_ms.is_some_and(|t| t < 0) {
        errors.add("time_spent_ms", "must be between 0 and 2147483647");
    }
    if body.confidence.is_some_and(|c| !(1..=5).contains(&c)) {
        errors.add("confidence", "must be 1-5");
    }
    errors.into_result().map_err(ApiError::validation)?;
    let (Some(rating), time_spent_ms) = (rating, time_spent_ms.and_then(Result::ok)) else {
        return Err(ApiError::field("rating", "missing"));
    };
    let a = Answer {
        card_id: body.card_id,
        rating,
        client_id: body.client_id,
        kind,
        time_spent_ms,
        confidence: body.confidence.and_then(|c| i32::try_from(c).ok()),
    };
    let schedule = schedule::load(&state.db, auth.user.id).await?;
    let now = state.clock.now();
    let done = answer(&state.db, &schedule, &a, now)
        .await
        .map_err(|e| match e {
            AnswerError::Store(s) => ApiError::from(s),
            AnswerError::Suspended => {
                ApiError::conflict("the card is suspended; unsuspend it to review it")
            }
            AnswerError::ClientIdReused => {
                ApiError::conflict("this client_id was already used for another card")
            }
            AnswerError::Scheduler(m) => ApiError::conflict(m),
        })?;
    let next = match next_card(&state.db, &schedule, now).await? {
        Some(card) => Some(detail_with(&state, &schedule, card)?),
        None => None,
    };
    let status = if done.replayed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((
        status,
        ApiJson(ReviewResult {
            next_due: done.card.memory.due,
            review: done.review,
            card: done.card,
            replayed: done.replayed,
            progress: done.progress,
            next,
        }),
    ))
}
