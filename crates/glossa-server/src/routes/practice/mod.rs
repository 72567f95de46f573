//! Practice runs kept in the database: vocabulary quizzes, flashcard
//! sessions and grammar practice sessions.

pub mod flashcards;
pub mod grammar;
pub mod quizzes;

use glossa_core::FieldErrors;
use glossa_store::practice::PracticeError;
use glossa_store::practice::words::WordFilter;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use crate::error::ApiError;
use crate::state::AppState;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(quizzes::router())
        .merge(flashcards::router())
        .merge(grammar::router())
}

/// Largest run.
pub(crate) const MAX_SIZE: i64 = 50;

impl From<PracticeError> for ApiError {
    fn from(e: PracticeError) -> Self {
        match e {
            PracticeError::Store(s) => ApiError::from(s),
            PracticeError::Invalid(field, message) => ApiError::field(field, message),
            PracticeError::Conflict(message) => ApiError::conflict(message),
        }
    }
}

/// Checks the size of a run (1-50), adding an error when it is out of range.
pub(crate) fn size(errors: &mut FieldErrors, size: i64) -> usize {
    if !(1..=MAX_SIZE).contains(&size) {
        errors.add("size", format!("must be 1-{MAX_SIZE}"));
        return 1;
    }
    usize::try_from(size).unwrap_or(1)
}

/// Checks the word filters shared by quizzes and flashcards.
pub(crate) fn filter(
    errors: &mut FieldErrors,
    language: &str,
    level: Option<&str>,
    category: Option<&str>,
    list_id: Option<Uuid>,
) -> WordFilter {
    let language = match glossa_core::LanguageCode::parse(language) {
        Ok(l) => l.as_str().to_owned(),
        Err(e) => {
            errors.add("language", e.to_string());
            String::new()
        }
    };
    let level = level.and_then(|l| match l.parse::<glossa_core::CefrLevel>() {
        Ok(l) => Some(l.as_str().to_owned()),
        Err(e) => {
            errors.add("level", e.to_string());
            None
        }
    });
    let category = category.map(str::trim).map(str::to_owned);
    if category.as_deref().is_some_and(str::is_empty) {
        errors.add("category", "must not be blank");
    }
    WordFilter {
        language,
        level,
        category,
        list_id,
    }
}
