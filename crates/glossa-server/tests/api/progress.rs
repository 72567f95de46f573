//! Gamification over HTTP: XP, streaks and freezes over simulated days,
//! achievements completing as reviews are recorded and the showcase, the
//! dashboard and the heatmap; `leagues`: weekly leagues ranked by the
//! rollover job (promotion and demotion) and progress snapshots.

use chrono::{Datelike, Duration, NaiveDate, Timelike};
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::both_backends;
use crate::common::{TestApp, code};

mod leagues;

both_backends!(streaks_achievements_and_dashboard);

/// Moves the test clock to the next Monday, 12:00 UTC, at least a day ahead.
pub(super) fn to_next_monday_noon(app: &TestApp) -> NaiveDate {
    let now = app.clock.now();
    let mut date = now.date_naive() + Duration::days(1);
    while date.weekday().num_days_from_monday() != 0 {
        date += Duration::days(1);
    }
    let target = date.and_hms_opt(12, 0, 0).unwrap().and_utc();
    app.clock.advance(target - now + Duration::seconds(1));
    assert_eq!(app.clock.now().hour(), 12);
    date
}

/// Loads the starter achievements plus a "first review" one as an admin.
async fn load_achievements(app: &TestApp) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/achievements");
    let (pack, _) = glossa_lang::pack::read_pack(&dir).unwrap();
    let mut pack = serde_json::to_value(&pack).unwrap();
    assert_eq!(pack["achievements"].as_array().unwrap().len(), 31);
    pack["achievements"].as_array_mut().unwrap().push(json!({
        "slug": "first-review", "name": "First review", "description": "Answer your first card.",
        "category": "vocabulary", "tier": "bronze", "points": 15,
        "criteria": {"type": "reviews_count", "value": 1}}));
    let (admin, _) = app.admin("admin@example.com").await;
    let (s, v) = app.post("/api/v1/catalog/packs", Some(&admin), pack).await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// A learner with `n` custom cards; returns (token, card ids).
pub(super) async fn learner_with_cards(
    app: &TestApp,
    email: &str,
    n: usize,
) -> (String, Vec<String>) {
    let (token, _) = app.register(email).await;
    let custom: Vec<Value> = (0..n)
        .map(|i| json!({"language": "de", "front": format!("Karte {i}"), "back": format!("card {i}")}))
        .collect();
    let (s, v) = app
        .post("/api/v1/cards", Some(&token), json!({"custom": custom}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, cards) = app.get("/api/v1/cards?limit=500", &token).await;
    let ids = cards
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    assert_eq!(ids.len(), n);
    (token, ids)
}

pub(super) async fn answer(app: &TestApp, token: &str, card: &str) -> Value {
    let body = json!({"card_id": card, "rating": 3, "client_id": Uuid::now_v7()});
    let (s, v) = app.post("/api/v1/reviews", Some(token), body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v
}

pub(super) async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let row = app
        .db
        .query_one_raw(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

fn completed(list: &Value, slug: &str) -> bool {
    list["achievements"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["slug"] == slug && a["completed"] == true)
}

async fn streaks_achievements_and_dashboard(app: &TestApp) {
    load_achievements(app).await;
    to_next_monday_noon(app);
    let (learner, cards) = learner_with_cards(app, "learner@example.com", 12).await;

    // Before any activity: an empty dashboard with 12 new cards due.
    let (s, d) = app.get("/api/v1/dashboard", &learner).await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(
        (
            d["stats"]["total_xp"].as_i64(),
            d["stats"]["streak_days"].as_i64()
        ),
        (Some(0), Some(0))
    );
    assert_eq!(d["due"]["new"], 12, "{d}");
    assert!(d["league"].is_null());
    assert_eq!(d["last_7_days"].as_array().unwrap().len(), 7);

    // Day 1: the first review completes "first-review" once.
    let r = answer(app, &learner, &cards[0]).await;
    assert_eq!(r["progress"]["streak_days"], 1);
    let (s, list) = app.get("/api/v1/achievements", &learner).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    assert_eq!(list["total"], 32, "{list}");
    assert!(completed(&list, "first-review"), "{list}");
    assert!(!completed(&list, "three-day-streak"));
    let rookie = list["achievements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "review-rookie")
        .unwrap();
    assert_eq!(
        (rookie["progress"].as_i64(), rookie["target"].as_i64()),
        (Some(1), Some(100))
    );
    let (_, d) = app.get("/api/v1/dashboard", &learner).await;
    assert_eq!(d["stats"]["total_xp"], 25, "10 XP and 15 points: {d}");
    assert_eq!(d["stats"]["xp_today"], 25);
    assert_eq!(d["stats"]["achievements_earned"], 1);
    assert_eq!(d["recent_achievements"][0]["slug"], "first-review", "{d}");
    assert_eq!(d["due"]["new"], 11, "{d}");
    assert_eq!(d["league"]["tier"], "bronze", "{d}");
    assert_eq!(d["league"]["rank"], 1);
    assert_eq!(d["last_7_days"][6]["xp"], 25);
    assert_eq!(d["last_7_days"][6]["accuracy"], 100.0);

    // Days 2-7: one review a day; the streak grows, three- and seven-day
    // achievements complete, a freeze is earned on day 7.
    for day in 2..=7 {
        app.clock.advance(Duration::days(1));
        let r = answer(app, &learner, &cards[day - 1]).await;
        assert_eq!(r["progress"]["streak_days"], day as i64, "{r}");
    }
    let (_, list) = app.get("/api/v1/achievements", &learner).await;
    assert!(completed(&list, "three-day-streak"), "{list}");
    assert!(list["completed"].as_i64().unwrap() >= 3, "{list}");
    let (_, d) = app.get("/api/v1/dashboard", &learner).await;
    assert_eq!(
        (
            d["stats"]["streak_days"].as_i64(),
            d["stats"]["streak_freezes"].as_i64()
        ),
        (Some(7), Some(1)),
        "{d}"
    );
    let xp_before = d["stats"]["total_xp"].as_i64().unwrap();

    // Day 8 missed: the freeze keeps the streak, which grows on day 9.
    app.clock.advance(Duration::days(2));
    let (_, d) = app.get("/api/v1/dashboard", &learner).await;
    assert_eq!(d["stats"]["streak_days"], 7, "frozen, not broken: {d}");
    assert_eq!(d["stats"]["active_today"], false);
    assert_eq!(d["last_7_days"][5]["xp"], 0, "the missed day: {d}");
    let r = answer(app, &learner, &cards[7]).await;
    assert_eq!(r["progress"]["streak_days"], 8, "{r}");
    let (_, d) = app.get("/api/v1/dashboard", &learner).await;
    assert_eq!(
        (
            d["stats"]["streak_days"].as_i64(),
            d["stats"]["streak_freezes"].as_i64()
        ),
        (Some(8), Some(0)),
        "{d}"
    );
    assert!(d["stats"]["total_xp"].as_i64().unwrap() > xp_before);
    // Two missed days without a freeze break it.
    app.clock.advance(Duration::days(3));
    let (_, d) = app.get("/api/v1/dashboard", &learner).await;
    assert_eq!(d["stats"]["streak_days"], 0, "{d}");
    assert_eq!(d["stats"]["longest_streak_days"], 8);

    // XP agrees with the events; each completion was recorded once.
    let (_, list) = app.get("/api/v1/achievements", &learner).await;
    let done = list["completed"].as_i64().unwrap();
    assert_eq!(
        scalar(
            app,
            "SELECT COUNT(*) FROM activity_events WHERE kind = 'achievement'"
        )
        .await,
        done
    );
    assert_eq!(
        scalar(app, "SELECT CAST(SUM(xp) AS BIGINT) FROM activity_events").await,
        d["stats"]["total_xp"].as_i64().unwrap()
    );
    assert_eq!(d["stats"]["achievements_earned"].as_i64(), Some(done));

    // The showcase: completed achievements only, at most five.
    let id_of = |slug: &str| {
        list["achievements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["slug"] == slug)
            .unwrap()["id"]
            .clone()
    };
    let (first, three, rookie) = (
        id_of("first-review"),
        id_of("three-day-streak"),
        id_of("review-rookie"),
    );
    let put = |body: Value| {
        app.call(
            Method::PUT,
            "/api/v1/achievements/showcase",
            Some(&learner),
            Some(body),
        )
    };
    let (s, v) = put(json!({"ids": [three, first]})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v[0]["slug"].as_str(), v[1]["slug"].as_str()),
        (Some("three-day-streak"), Some("first-review"))
    );
    let (s, v) = put(json!({"ids": [rookie]})).await;
    assert_eq!(
        (s, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        "{v}"
    );
    let six: Vec<Value> = (0..6).map(|_| first.clone()).collect();
    let (s, v) = put(json!({"ids": six})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, v) = put(json!({"ids": [Uuid::now_v7()]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (_, d) = app.get("/api/v1/dashboard", &learner).await;
    assert_eq!(
        d["showcase"].as_array().unwrap().len(),
        2,
        "refused updates change nothing: {d}"
    );
    assert_eq!(d["showcase"][0]["showcase_order"], 1);
    let (_, list) = app.get("/api/v1/achievements", &learner).await;
    assert_eq!(
        list["achievements"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["showcased"] == true)
            .count(),
        2
    );

    // The heatmap covers the range asked for; bad input is a 422.
    let (s, h) = app.get("/api/v1/progress/heatmap?days=14", &learner).await;
    assert_eq!(s, StatusCode::OK, "{h}");
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 14);
    assert_eq!(
        h.iter().filter(|d| d["xp"].as_i64().unwrap() > 0).count(),
        8,
        "{h:?}"
    );
    assert_eq!(
        h.iter()
            .map(|d| d["reviews"].as_i64().unwrap())
            .sum::<i64>(),
        8
    );
    for bad in ["days=0", "days=400"] {
        let (s, v) = app
            .get(&format!("/api/v1/progress/heatmap?{bad}"), &learner)
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {v}");
    }
    let (s, v) = app.get("/api/v1/progress/heatmap?days=x", &learner).await;
    assert_eq!(
        (s, code(&v)),
        (StatusCode::BAD_REQUEST, "invalid_query"),
        "{v}"
    );
}
