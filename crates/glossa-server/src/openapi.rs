//! The OpenAPI 3.1 document, generated from the handlers.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// Top-level document; paths are added by the routers.
#[derive(OpenApi)]
#[openapi(
    info(title = "Glossa API", description = "AI-assisted language learning server"),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Registration, login and sessions"),
        (name = "me", description = "The caller's account"),
        (name = "settings", description = "The caller's settings"),
        (name = "languages", description = "Languages the caller learns"),
        (name = "tokens", description = "Named API tokens"),
        (name = "admin", description = "User administration"),
        (name = "catalog", description = "Content: words, grammar, exercises, scenarios, courses, assessments"),
        (name = "reviews", description = "Cards, the due queue and answers"),
        (name = "progress", description = "XP, streaks, achievements, leagues, snapshots, heatmap and the dashboard"),
        (name = "practice", description = "Quizzes, flashcard sessions and grammar practice"),
        (name = "assessments", description = "The adaptive placement test"),
        (name = "lessons", description = "Lesson progress"),
    )
)]
pub struct ApiDoc;

/// Declares the `bearer` security scheme used by authenticated routes.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A session token from login or a named API token"))
                    .build(),
            ),
        );
    }
}
