//! Flashcard sessions: resumable on another server process, spaced
//! repetition through the learner's cards, bad input, other learners.

use reqwest::StatusCode;
use serde_json::json;

use super::{scalar, setup, word_of};
use crate::both_backends;
use crate::common::TestApp;

both_backends!(flashcards);

async fn flashcards(app: &TestApp) {
    let learner = setup(app).await;
    let (s, session) = app
        .post(
            "/api/v1/flashcard-sessions",
            Some(&learner),
            json!({"language": "de", "level": "A1", "category": "basic", "spaced_repetition": true, "size": 3}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{session}");
    assert_eq!(
        (
            session["total_cards"].as_i64(),
            session["current_index"].as_i64()
        ),
        (Some(3), Some(0))
    );
    assert_eq!(session["cefr_level"], "A1");
    let back = session["current"]["back"].as_str().unwrap();
    assert_eq!(word_of(back).3, "A1", "{session}");
    let id = session["id"].as_str().unwrap().to_owned();
    let url = format!("/api/v1/flashcard-sessions/{id}/answers");
    let (s, v) = app
        .post(&url, Some(&learner), json!({"index": 0, "known": true}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["session"]["current_index"], 1);
    assert!(v["card_id"].is_string() && v["next_due"].is_string(), "{v}");
    assert!(v["progress"].is_null());
    assert_eq!(
        (app.count("cards").await, app.count("reviews").await),
        (1, 1)
    );
    let (s, v) = app
        .post(&url, Some(&learner), json!({"index": 0, "known": true}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    let (s, v) = app
        .post(&url, Some(&learner), json!({"index": 2, "known": true}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(app.count("reviews").await, 1);

    // The session continues on another server process.
    let second = app.second_server().await;
    let (s, v) = second
        .get(&format!("/api/v1/flashcard-sessions/{id}"), &learner)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["current_index"], 1);
    assert_eq!(v["known"], 1);
    let (s, v) = second
        .post(&url, Some(&learner), json!({"index": 1, "known": false}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = second
        .post(&url, Some(&learner), json!({"index": 2, "known": true}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["session"]["status"], "completed");
    assert!(v["session"]["current"].is_null());
    assert!(v["progress"]["xp"].as_i64().unwrap() >= 15, "{v}");
    assert_eq!(
        app.count("activity_events WHERE kind = 'flashcard_session'")
            .await,
        1
    );
    assert_eq!(
        scalar(
            app,
            "SELECT xp AS v FROM activity_events WHERE kind = 'flashcard_session'"
        )
        .await,
        15.0
    );
    assert_eq!(
        (app.count("cards").await, app.count("reviews").await),
        (3, 3)
    );
    assert_eq!(app.count("reviews WHERE was_correct = false").await, 1);
    let (s, v) = second
        .post(&url, Some(&learner), json!({"index": 2, "known": true}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");

    // Without spaced repetition no card is touched; a card the learner has
    // is reviewed rather than added again.
    let (s, plain) = app
        .post(
            "/api/v1/flashcard-sessions",
            Some(&learner),
            json!({"language": "de", "spaced_repetition": false, "size": 50}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{plain}");
    assert_eq!(plain["total_cards"], 11);
    let purl = format!(
        "/api/v1/flashcard-sessions/{}/answers",
        plain["id"].as_str().unwrap()
    );
    let (s, v) = app
        .post(&purl, Some(&learner), json!({"index": 0, "known": true}))
        .await;
    assert_eq!((s, v["card_id"].is_null()), (StatusCode::OK, true), "{v}");
    assert_eq!(
        (app.count("cards").await, app.count("reviews").await),
        (3, 3)
    );

    let (other, _) = app.register("other@example.com").await;
    let (s, _) = app
        .get(&format!("/api/v1/flashcard-sessions/{id}"), &other)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .post(&purl, Some(&other), json!({"index": 1, "known": true}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    for body in [
        json!({"language": "de", "spaced_repetition": true, "size": 0}),
        json!({"language": "de", "size": 3}),
        json!({"language": "de", "spaced_repetition": true, "size": 3, "level": "A9"}),
        json!({"language": "de", "spaced_repetition": true, "size": 3, "category": "none"}),
    ] {
        let (s, v) = app
            .post("/api/v1/flashcard-sessions", Some(&learner), body.clone())
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {v}");
    }
}
