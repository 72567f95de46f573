//! Public reads of the published catalog of one language: grammar topics
//! (as a tree), exercises and assessments (without answers), scenarios,
//! courses with lessons, achievements.

use std::collections::BTreeMap;

use axum::extract::State;
use glossa_core::pack::{Achievement, Assessment, Course, Scenario, Topic};
use glossa_store::catalog::export_more;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::language;
use crate::error::{ApiResult, ErrorBody};
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
    Ok(export_more::topics(&state.db, lang, true)
        .await?
        .into_iter()
        .map(|(id, t)| (id, t.slug))
        .collect())
}

/// Published grammar topics as a tree.
#[utoipa::path(get, path = "/api/v1/catalog/{language}/grammar-topics", tag = "catalog",
    params(("language" = String, Path, description = "ISO 639-1 code")),
    responses((status = 200, body = Vec<TopicNode>), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn topics(
    State(state): State<AppState>,
    ApiPath(lang): ApiPath<String>,
) -> ApiResult<ApiJson<Vec<TopicNode>>> {
    let lang = language(&lang)?;
    let list = export_more::topics(&state.db, &lang, true).await?;
    Ok(ApiJson(tree(list.into_iter().map(|(_, t)| t).collect())))
}

/// Filters of the exercise list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ExerciseQuery {
    /// Grammar topic slug.
    pub topic: Option<String>,
    /// CEFR level.
    pub level: Option<String>,
    /// Exercise type.
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
    let topics = topic_slugs(&state, &lang).await?;
    let list = export_more::exercises(&state.db, &lang, &topics, true).await?;
    let views = list
        .into_iter()
        .filter(|e| q.topic.as_ref().is_none_or(|t| e.topic.as_ref() == Some(t)))
        .filter(|e| q.level.as_ref().is_none_or(|l| e.level.as_ref() == Some(l)))
        .filter(|e| {
            q.exercise_type
                .as_ref()
                .is_none_or(|t| &e.exercise_type == t)
        })
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

/// Published conversation scenarios.
#[utoipa::path(get, path = "/api/v1/catalog/{language}/scenarios", tag = "catalog",
    params(("language" = String, Path, description = "ISO 639-1 code")),
    responses((status = 200, body = Vec<Object>)))]
#[tracing::instrument(skip_all, err)]
pub async fn scenarios(
    State(state): State<AppState>,
    ApiPath(lang): ApiPath<String>,
) -> ApiResult<ApiJson<Vec<Scenario>>> {
    let lang = language(&lang)?;
    Ok(ApiJson(
        export_more::scenarios(&state.db, &lang, true).await?,
    ))
}

/// Published courses with their published lessons in order.
#[utoipa::path(get, path = "/api/v1/catalog/{language}/courses", tag = "catalog",
    params(("language" = String, Path, description = "ISO 639-1 code")),
    responses((status = 200, body = Vec<Object>)))]
#[tracing::instrument(skip_all, err)]
pub async fn courses(
    State(state): State<AppState>,
    ApiPath(lang): ApiPath<String>,
) -> ApiResult<ApiJson<Vec<Course>>> {
    let lang = language(&lang)?;
    Ok(ApiJson(export_more::courses(&state.db, &lang, true).await?))
}

/// Published assessments; answers are not shown.
#[utoipa::path(get, path = "/api/v1/catalog/{language}/assessments", tag = "catalog",
    params(("language" = String, Path, description = "ISO 639-1 code")),
    responses((status = 200, body = Vec<Object>)))]
#[tracing::instrument(skip_all, err)]
pub async fn assessments(
    State(state): State<AppState>,
    ApiPath(lang): ApiPath<String>,
) -> ApiResult<ApiJson<Vec<Assessment>>> {
    let lang = language(&lang)?;
    let topics = topic_slugs(&state, &lang).await?;
    let mut list = export_more::assessments(&state.db, &lang, &topics, true).await?;
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
    Ok(ApiJson(export_more::achievements(&state.db, true).await?))
}
