//! Grammar diagnostics: per-topic scores from the learner's exercise
//! answers, weak and strong areas and a recommended path, stored as a
//! diagnostic assessment attempt.

use axum::extract::State;
use axum::http::StatusCode;
use glossa_core::assessment::diagnostic::{Diagnosis, diagnose};
use glossa_core::{CefrLevel, LanguageCode};
use glossa_store::assessments::diagnostic;
use glossa_store::repo::languages;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::ApiJson;
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(grammar_diagnostic))
}

/// Which language to diagnose.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DiagnosticRequest {
    /// ISO 639-1 code.
    pub language: String,
}

/// A stored diagnosis.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiagnosticResult {
    /// The assessment attempt it was stored as.
    pub attempt_id: Uuid,
    /// The learner's level it was made for.
    pub level: CefrLevel,
    /// The diagnosis.
    pub diagnosis: Diagnosis,
}

/// Diagnose the learner's grammar in a language from their answers so far.
#[utoipa::path(post, path = "/api/v1/diagnostics/grammar", tag = "assessments", security(("bearer" = [])),
    request_body = DiagnosticRequest,
    responses((status = 201, body = DiagnosticResult), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, err)]
pub async fn grammar_diagnostic(
    State(state): State<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<DiagnosticRequest>,
) -> ApiResult<(StatusCode, ApiJson<DiagnosticResult>)> {
    let language =
        LanguageCode::parse(&body.language).map_err(|e| ApiError::field("language", e))?;
    let language = language.as_str();
    let topics = diagnostic::topic_scores(&state.db, auth.user.id, language).await?;
    if topics.is_empty() {
        return Err(ApiError::not_found("grammar topics for this language"));
    }
    let level = match languages::find(&state.db, auth.user.id, language).await? {
        Some(l) => l.cefr_level.parse().unwrap_or(CefrLevel::A1),
        None => CefrLevel::A1,
    };
    let diagnosis = diagnose(&topics, level);
    let attempt_id = diagnostic::save(
        &state.db,
        auth.user.id,
        language,
        &diagnosis,
        state.clock.now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(DiagnosticResult {
            attempt_id,
            level,
            diagnosis,
        }),
    ))
}
