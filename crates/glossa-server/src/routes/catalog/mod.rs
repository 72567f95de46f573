//! The content catalog: public reads of published content, and teacher
//! and admin management (pack upload, single items, publish, archive,
//! delete).

mod items;
mod manage;
mod read;
mod words;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// Routes of the catalog.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(words::router())
        .merge(read::router())
        .merge(manage::router())
        .merge(items::router())
}

/// A language path segment, checked.
pub(crate) fn language(code: &str) -> Result<String, crate::error::ApiError> {
    glossa_core::LanguageCode::parse(code)
        .map(|l| l.as_str().to_owned())
        .map_err(|e| crate::error::ApiError::field("language", e))
}
