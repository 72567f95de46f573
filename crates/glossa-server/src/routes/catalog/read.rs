//! Public reads of the published catalog of one language: grammar topics
//! (as a tree), exercises and assessments (without answers), scenarios,
//! courses with lessons, achievements. Lists take filters (level, type,
//! topic, category); a value that cannot match (`level=D1`, an unknown
//! type) is a 422.

use std::collections::BTreeMap;

use axum::extract::State;
use glossa_core::pack::validate::{ASSESSMENT_TYPES, EXERCISE_TYPES};
use glossa_core::pack::{Achievement, Assessment, Course, Scenario, Topic};
use glossa_core::{CefrLevel, FieldErrors};
use glossa_store::catalog::{Filter, export_more};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::language;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(topics))
        .routes(routes!(exercises))
        .routes(routes!(scenarios))
        .routes(routes!(courses))
        .routes(routes!(assessments))
        .routes(routes!(achievements))
}

/// A grammar topic with its subtopics.
#[derive(Debug, Serialize, ToSchema)]
pub struct TopicNode {
    /// The topic.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub topic: Topic,
    /// Subtopics in order.
    #[schema(no_recursion)]
    pub children: Vec<TopicNode>,
}

fn tree(all: Vec<Topic>) -> Vec<TopicNode> {
    let mut by_parent: BTreeMap<Option<String>, Vec<Topic>> = BTreeMap::new();
    let slugs: Vec<String> = all.iter().map(|t| t.slug.clone()).collect();
    for t in all {
        // A topic whose parent is not published is shown at the root.
        let parent = t.parent.clone().filter(|p| slugs.contains(p));
        by_parent.entry(parent).or_default().push(t);
    }
    fn build(
        parent: Option<String>,
        by_parent: &mut BTreeMap<Option<String>, Vec<Topic>>,
    ) -> Vec<TopicNode> {
        let mut list = by_parent.remove(&parent).unwrap_or_default();
        list.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
        list.into_iter()
            .map(|t| {
                let children = build(Some(t.slug.clone()), by_parent);
                TopicNode { topic: t, children }
            })
            .collect()
    }
    build(None, &mut by_parent)
}

/// Slugs of the published topics of a language, by id.
async fn topic_slugs(state: &AppState, lang: &str) -> ApiResult<BTreeMap<Uuid, String>> {
    Ok(export_more::topics(&state.db, lang, &Filter::published())
        .await?
        .into_iter()
        .map(|(id, t)| (id, t.slug))
        .collect())
}

/// The published-items filter with a checked level and type.
fn filter(level: Option<&str>, kind: Option<(&str, &[&str])>) -> Result<Filter, FieldErrors> {
    let mut errors = FieldErrors::new();
    let level = level.and_then(|l| {
        errors
            .check("level", l.parse::<CefrLevel>())
            .map(|l| l.as_str().to_owned())
    });
    let kind = match kind {
        Some((k, allowed)) if !allowed.contains(&k) => {
            errors.add("type", format!("must be one of {}", allowed.join(", ")));
            None
        }
        other => other.map(|(k, _)| k.to_owned()),
    };
    errors.into_result()?;
    Ok(Filter {
        published: true,
        level,
        kind,
        ..Filter::default()
    })
}

/// Filters of a list by level.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct LevelQuery {
    /// CEFR level (A1 to C2).
    pub level: Option<String>,
}

/// Published grammar topics as a tree. With `level`, only the topics of
/// that level (a topic whose parent is left out is shown at the root).
#[utoipa::path(get, path = "/api/v1/catalog/{language}/grammar-topics", tag = "catalog",
    params(("language" = String, Path, description = "ISO 639-1 code"), LevelQuery),
    responses((status = 200, body = Vec<TopicNode>), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn topics(
    State(state): State<AppState>,
    ApiPath(lang): ApiPath<String>,
    ApiQuery(q): ApiQuery<LevelQuery>,
) -> ApiResult<ApiJson<Vec<TopicNode>>> {
    let lang = language(&lang)?;
    let f = filter(q.level.as_deref(), None)?;
    let list = export_more::topics(&state.db, &lang, &f).await?;
    Ok(ApiJson(tree(list.into_iter().map(|(_, t)| t).collect())))
}

/// Filters of the exercise list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ExerciseQuery {
    /// Grammar topic slug.
    pub topic: Option<String>,
    /// CEFR level (A1 to C2).
    pub level: Option<String>,
    /// Exercise type (fill_blank, multiple_choice, translation,
    /// error_correction, sentence_building, matching).
    #[serde(rename = "type")]
    pub exercise_type: Option<String>,
}

/// An exercise as a learner sees it before answering.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExerciseView {
    /// Stable key.
    pub slug: String,
    /// Topic slug.
    pub topic: Option<String>,
    /// Type.
    #[serde(rename = "type")]
    pub exercise_type: String,
    /// Level.
    pub level: Option<String>,
    /// Question.
    pub question: String,
    /// Choices (multiple choice).
    pub options: Vec<String>,
    /// Hints.
    pub hints: Vec<String>,
    /// Words to order (sentence building) and items to match (matching,
    /// right-hand sides only, shuffled by the client).
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}

/// Published exercises, without answers.
#[utoipa::path(get, path = "/api/v1/catalog/{language}/exercises", tag = "catalog",
    params(("language" = String, Path, description = "ISO 639-1 code"), ExerciseQuery),
    responses((status = 200, body = Vec<ExerciseView>), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn exercises(
    State(state): State<AppState>,
    ApiPath(lang): ApiPath<String>,
    ApiQuery(q): ApiQuery<ExerciseQuery>,
) -> ApiResult<ApiJson<Vec<ExerciseView>>> {
    let lang = language(&lang)?;
    let mut f = filter(
        q.level.as_deref(),
        q.exercise_type.as_deref().map(|t| (t, EXERCISE_TYPES)),
    )?;
    f.topic = q.topic;
    let topics = topic_slugs(&state, &lang).await?;
    let list = export_more::exercises(&state.db, &lang, &topics, &f).await?;
    let views = list
        .into_iter()
        .map(|e| {
            let mut data = e.data.clone();
            if let Some(pairs) = data.get("pairs").and_then(|p| p.as_array()).cloned() {
                // Only the right-hand sides: the pairing is the answer.
                let mut rights: Vec<String> = pairs
                    .iter()
                    .filter_map(|p| p.get(1).and_then(|v| v.as_str()).map(str::to_owned))
                    .collect();
                // Sorted, so that the position does not give the pairing away.
                rights.sort();
                let lefts: Vec<serde_json::Value> =
                    pairs.iter().filter_map(|p| p.get(0).cloned()).collect();
                data = serde_json::json!({"left": lefts, "right": rights});
            }
            ExerciseView {
                slug: e.slug,
                topic: e.topic,
                exercise_type: e.exercise_type,
                level: e.level,
                question: e.question,
                options: e.options,
                hints: e.hints,
                data,
            }
        })
        .collect();
    Ok(ApiJson(views))
}

/// Filters of the scenario list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ScenarioQuery {
    /// daily or work.
    pub category: Option<String>,
    /// CEFR level (A1 to C2).
    pub level: Option<String>,
}

/// Published conversation scenarios.
#[utoipa::path(get, path = "/api/v1/catalog/{language}/scenarios", tag = "catalog",
    params(("language" = String, Path, description = "ISO 639-1 code"), ScenarioQuery),
    responses((status = 200, body = Vec<Object>), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn scenarios(
    State(state): State<AppState>,
    ApiPath(lang): ApiPath<String>,
    ApiQuery(q): ApiQuery<ScenarioQuery>,
) -> ApiResult<ApiJson<Vec<Scenario>>> {
    let lang = language(&lang)?;
    let mut f = filter(q.level.as_deref(), None)?;
    if let Some(c) = q.category {
        if !["daily", "work"].contains(&c.as_str()) {
            return Err(ApiError::field("category", "must be one of daily, work"));
        }
        f.category = Some(c);
    }
    Ok(ApiJson(export_more::scenarios(&state.db, &lang, &f).await?))
}

/// Published courses with their published lessons in order.
#[utoipa::path(get, path = "/api/v1/catalog/{language}/courses", tag = "catalog",
    params(("language" = String, Path, description = "ISO 639-1 code"), LevelQuery),
    responses((status = 200, body = Vec<Object>), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn courses(
    State(state): State<AppState>,
    ApiPath(lang): ApiPath<String>,
    ApiQuery(q): ApiQuery<LevelQuery>,
) -> ApiResult<ApiJson<Vec<Course>>> {
    let lang = language(&lang)?;
    let f = filter(q.level.as_deref(), None)?;
    Ok(ApiJson(export_more::courses(&state.db, &lang, &f).await?))
}

/// Filters of the assessment list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AssessmentQuery {
    /// CEFR level (A1 to C2).
    pub level: Option<String>,
    /// placement, vocabulary, grammar, comprehensive or diagnostic.
    #[serde(rename = "type")]
    pub assessment_type: Option<String>,
}

/// Published assessments; answers are not shown.
#[utoipa::path(get, path = "/api/v1/catalog/{language}/assessments", tag = "catalog",
    params(("language" = String, Path, description = "ISO 639-1 code"), AssessmentQuery),
    responses((status = 200, body = Vec<Object>), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn assessments(
    State(state): State<AppState>,
    ApiPath(lang): ApiPath<String>,
    ApiQuery(q): ApiQuery<AssessmentQuery>,
) -> ApiResult<ApiJson<Vec<Assessment>>> {
    let lang = language(&lang)?;
    let f = filter(
        q.level.as_deref(),
        q.assessment_type.as_deref().map(|t| (t, ASSESSMENT_TYPES)),
    )?;
    let topics = topic_slugs(&state, &lang).await?;
    let mut list = export_more::assessments(&state.db, &lang, &topics, &f).await?;
    for a in &mut list {
        for q in &mut a.questions {
            q.answer.clear();
        }
    }
    Ok(ApiJson(list))
}

/// Active achievement definitions.
#[utoipa::path(get, path = "/api/v1/catalog/achievements", tag = "catalog",
    responses((status = 200, body = Vec<Object>)))]
#[tracing::instrument(skip_all, err)]
pub async fn achievements(State(state): State<AppState>) -> ApiResult<ApiJson<Vec<Achievement>>> {
    Ok(ApiJson(
        export_more::achievements(&state.db, &Filter::published()).await?,
    ))
}
