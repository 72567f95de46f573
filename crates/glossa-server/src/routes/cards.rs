//! The learner's cards: add (by id, a CEFR level, a lesson, a list, or
//! their own front/back), list, read with the four previews, suspend,
//! bury until tomorrow, reset, and change the scheduler of one card or a
//! whole deck.

use axum::extract::State;
use glossa_core::srs::{Algorithm, Previews};
use glossa_core::{CefrLevel, FieldErrors, LanguageCode};
use glossa_store::learning::add::{Added, CardSource, CustomCard, add};
use glossa_store::learning::cards::{self, CardChange, CardFilter};
use glossa_store::learning::{Card, schedule};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_cards, list_cards))
        .routes(routes!(get_card, update_card))
        .routes(routes!(bury_card))
        .routes(routes!(reset_card))
        .routes(routes!(set_deck_algorithm))
}

/// What to add: exactly one source.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddCards {
    /// Published words by id.
    pub words: Option<Vec<Uuid>>,
    /// Published grammar topics by id.
    pub grammar_topics: Option<Vec<Uuid>>,
    /// Published exercises by id.
    pub exercises: Option<Vec<Uuid>>,
    /// Every published word of a CEFR level.
    pub level: Option<LevelSource>,
    /// The words and exercises of a lesson.
    pub lesson: Option<Uuid>,
    /// The words of one of the learner's lists.
    pub list: Option<Uuid>,
    /// The learner's own cards.
    pub custom: Option<Vec<CustomCard>>,
    /// Scheduler for the new cards (default: backoff for grammar, FSRS otherwise).
    pub algorithm: Option<Algorithm>,
}

/// A CEFR level of a language.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelSource {
    /// ISO 639-1.
    pub language: String,
    /// A1-C2.
    pub level: CefrLevel,
}

const MAX_IDS: usize = 1000;

fn source(body: AddCards) -> ApiResult<CardSource> {
    let mut errors = FieldErrors::default();
    let mut sources = Vec::new();
    let mut ids = |field: &str,
                   v: Option<Vec<Uuid>>,
                   make: fn(Vec<Uuid>) -> CardSource,
                   errors: &mut FieldErrors| {
        if let Some(v) = v {
            if v.is_empty() || v.len() > MAX_IDS {
                errors.add(field, format!("give 1 to {MAX_IDS} ids"));
            }
            sources.push(make(v));
        }
    };
    ids("words", body.words, CardSource::Words, &mut errors);
    ids(
        "grammar_topics",
        body.grammar_topics,
        CardSource::GrammarTopics,
        &mut errors,
    );
    ids(
        "exercises",
        body.exercises,
        CardSource::Exercises,
        &mut errors,
    );
    if let Some(l) = body.level {
        match LanguageCode::parse(&l.language) {
            Ok(code) => sources.push(CardSource::Level {
                language: code.as_str().to_owned(),
                level: l.level.as_str().to_owned(),
            }),
            Err(e) => errors.add("level.language", e),
        }
    }
    if let Some(id) = body.lesson {
        sources.push(CardSource::Lesson(id));
    }
    if let Some(id) = body.list {
        sources.push(CardSource::List(id));
    }
    if let Some(list) = body.custom {
        if list.is_empty() || list.len() > MAX_IDS {
            errors.add("custom", format!("give 1 to {MAX_IDS} cards"));
        }
        for (i, c) in list.iter().enumerate() {
            if LanguageCode::parse(&c.language).is_err() {
                errors.add(format!("custom[{i}].language"), "must be an ISO 639-1 code");
            }
            for (side, text) in [("front", &c.front), ("back", &c.back)] {
                if text.trim().is_empty() || text.chars().count() > 2000 || text.contains('\0') {
                    errors.add(
                        format!("custom[{i}].{side}"),
                        "must be 1-2000 characters of text",
                    );
                }
            }
        }
        sources.push(CardSource::Custom(list));
    }
    if sources.len() != 1 {
        errors.add(
            "source",
            "give exactly one of words, grammar_topics, exercises, level, lesson, list, custom",
        );
    }
    errors.into_result().map_err(ApiError::validation)?;
    sources
        .pop()
        .ok_or_else(|| ApiError::field("source", "missing"))
}

/// Add cards. Items the learner already has are counted, not duplicated.
#[utoipa::path(post, path = "/api/v1/cards", tag = "reviews", security(("bearer" = [])),
    request_body = AddCards,
    responses((status = 200, body = Added), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn add_cards(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<AddCards>,
) -> ApiResult<ApiJson<Added>> {
    let algorithm = body.algorithm;
    let source = source(body)?;
    let added = add(
        &state.db,
        auth.user.id,
        &source,
        algorithm,
        state.clock.now(),
    )
    .await?;
    if !added.missing.is_empty() {
        let mut e = ApiError::field("source", "not published catalog items (or not yours)");
        e.details = Some(serde_json::json!({ "missing": added.missing }));
        return Err(e);
    }
    Ok(ApiJson(added))
}

/// Card list filters.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Language.
    pub language: Option<String>,
    /// new, learning, review or relearning.
    pub state: Option<String>,
    /// word, grammar_topic, exercise or custom.
    pub item_type: Option<String>,
    /// Only leeches.
    pub leech: Option<bool>,
    /// Only suspended / not suspended.
    pub suspended: Option<bool>,
    /// Cursor: the last id of the previous page.
    pub after: Option<Uuid>,
    /// Page size (1-500, default 100).
    pub limit: Option<u64>,
}

/// List the learner's cards.
#[utoipa::path(get, path = "/api/v1/cards", tag = "reviews", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = [Card]), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn list_cards(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<ApiJson<Vec<Card>>> {
    let mut errors = FieldErrors::default();
    if let Some(s) = &q.state
        && glossa_core::srs::CardState::parse(s).is_none()
    {
        errors.add("state", "must be new, learning, review or relearning");
    }
    if let Some(t) = &q.item_type
        && !["word", "grammar_topic", "exercise", "custom"].contains(&t.as_str())
    {
        errors.add(
            "item_type",
            "must be word, grammar_topic, exercise or custom",
        );
    }
    errors.into_result().map_err(ApiError::validation)?;
    let f = CardFilter {
        language: q.language,
        state: q.state,
        item_type: q.item_type,
        leech: q.leech,
        suspended: q.suspended,
        after: q.after,
        limit: q.limit.unwrap_or(100),
    };
    Ok(ApiJson(cards::list(&state.db, auth.user.id, &f).await?))
}

/// A card with its probability of recall now and the four outcomes.
#[derive(Debug, Serialize, ToSchema)]
pub struct CardDetail {
    /// The card.
    pub card: Card,
    /// Probability of recall now (0 for new cards).
    pub recall_probability: f64,
    /// What each answer would do now.
    pub previews: Previews,
}

/// Build the detail view of a card.
pub(crate) async fn detail(state: &AppState, user: Uuid, card: Card) -> ApiResult<CardDetail> {
    let schedule = schedule::load(&state.db, user).await?;
    detail_with(state, &schedule, card)
}

/// Build the detail view of a card with the learner's schedule at hand.
pub(crate) fn detail_with(
    state: &AppState,
    schedule: &schedule::LearnerSchedule,
    card: Card,
) -> ApiResult<CardDetail> {
    let now = state.clock.now();
    let scheduler = schedule
        .scheduler(card.algorithm)
        .map_err(|e| ApiError::conflict(e.0))?;
    let previews = scheduler
        .preview(&card.memory, now, card.memory.reps.into())
        .map_err(|e| ApiError::conflict(e.0))?;
    Ok(CardDetail {
        recall_probability: scheduler.recall_probability(&card.memory, now),
        previews,
        card,
    })
}

/// One card.
#[utoipa::path(get, path = "/api/v1/cards/{id}", tag = "reviews", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "card id")),
    responses((status = 200, body = CardDetail), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn get_card(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<CardDetail>> {
    let card = cards::get(&state.db, auth.user.id, id).await?;
    Ok(ApiJson(detail(&state, auth.user.id, card).await?))
}

/// Changes to a card.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCard {
    /// Suspend or unsuspend.
    pub suspended: Option<bool>,
    /// Another scheduler.
    pub algorithm: Option<Algorithm>,
    /// A note (null clears it).
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    pub personal_note: Option<Option<String>>,
}

/// Suspend, change the scheduler or the note of a card.
#[utoipa::path(patch, path = "/api/v1/cards/{id}", tag = "reviews", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "card id")), request_body = UpdateCard,
    responses((status = 200, body = Card), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn update_card(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<UpdateCard>,
) -> ApiResult<ApiJson<Card>> {
    if let Some(Some(n)) = &body.personal_note
        && (n.chars().count() > 5000 || n.contains('\0'))
    {
        return Err(ApiError::field(
            "personal_note",
            "must be at most 5000 characters of text",
        ));
    }
    let change = CardChange {
        suspended: body.suspended,
        algorithm: body.algorithm,
        personal_note: body.personal_note,
    };
    cards::change(&state.db, auth.user.id, id, &change, state.clock.now()).await?;
    Ok(ApiJson(cards::get(&state.db, auth.user.id, id).await?))
}

/// Hide a card until the learner's next day.
#[utoipa::path(post, path = "/api/v1/cards/{id}/bury", tag = "reviews", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "card id")),
    responses((status = 200, body = Card), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn bury_card(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<Card>> {
    let now = state.clock.now();
    let schedule = schedule::load(&state.db, auth.user.id).await?;
    let (_, tomorrow) = schedule.day(now);
    cards::bury(&state.db, auth.user.id, id, tomorrow, now).await?;
    Ok(ApiJson(cards::get(&state.db, auth.user.id, id).await?))
}

/// Forget a card's progress (its reviews are kept).
#[utoipa::path(post, path = "/api/v1/cards/{id}/reset", tag = "reviews", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "card id")),
    responses((status = 200, body = Card), (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn reset_card(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<Card>> {
    cards::reset(&state.db, auth.user.id, id, state.clock.now()).await?;
    Ok(ApiJson(cards::get(&state.db, auth.user.id, id).await?))
}

/// A deck's new scheduler.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeckAlgorithm {
    /// The deck's language.
    pub language: String,
    /// Only cards of this item type.
    pub item_type: Option<String>,
    /// The scheduler.
    pub algorithm: Algorithm,
}

/// How many cards changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct Changed {
    /// Cards changed.
    pub changed: u64,
}

/// Move a deck (a language, optionally one item type) to another scheduler.
#[utoipa::path(put, path = "/api/v1/cards/algorithm", tag = "reviews", security(("bearer" = [])),
    request_body = DeckAlgorithm, responses((status = 200, body = Changed), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn set_deck_algorithm(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<DeckAlgorithm>,
) -> ApiResult<ApiJson<Changed>> {
    let language =
        LanguageCode::parse(&body.language).map_err(|e| ApiError::field("language", e))?;
    if let Some(t) = &body.item_type
        && !["word", "grammar_topic", "exercise", "custom"].contains(&t.as_str())
    {
        return Err(ApiError::field(
            "item_type",
            "must be word, grammar_topic, exercise or custom",
        ));
    }
    let changed = cards::set_deck_algorithm(
        &state.db,
        auth.user.id,
        language.as_str(),
        body.item_type.as_deref(),
        body.algorithm,
        state.clock.now(),
    )
    .await?;
    Ok(ApiJson(Changed { changed }))
}
