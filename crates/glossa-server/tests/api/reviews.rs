//! Cards and reviews over HTTP: adding a CEFR level, the due queue with
//! daily limits over simulated days, idempotent answers, suspend, bury,
//! reset, scheduler changes, leeches and bad input.

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::both_backends;
use sea_orm::ConnectionTrait;

use crate::common::{TestApp, code};

both_backends!(review_loop_over_days, idempotent_answers, card_management);

/// A teacher uploads 30 A1 and 5 A2 German words; returns a learner token.
async fn setup(app: &TestApp) -> String {
    let (teacher, _) = app.register("teacher@example.com").await;
    app.exec("UPDATE users SET role = 'teacher' WHERE email = 'teacher@example.com'")
        .await;
    let words: Vec<Value> = (0..35)
        .map(|i| {
            json!({"lemma": format!("Wort{i}"), "pos": "noun", "gender": "n",
                   "level": if i < 30 { "A1" } else { "A2" },
                   "translations": {"en": format!("word {i}")}})
        })
        .collect();
    let pack = json!({"manifest": {"format": 1, "slug": "rev-de", "language": "de", "version": "1.0.0",
                     "title": "Review test", "licence": "CC0-1.0"}, "words": words});
    let (s, v) = app
        .post("/api/v1/catalog/packs", Some(&teacher), pack)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (learner, _) = app.register("learner@example.com").await;
    let (s, v) = app
        .call(
            Method::PATCH,
            "/api/v1/me/settings",
            Some(&learner),
            Some(json!({"new_cards_per_day": 10})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    learner
}

async fn answer(app: &TestApp, token: &str, card: &str, rating: i64) -> (StatusCode, Value) {
    let body = json!({"card_id": card, "rating": rating, "client_id": Uuid::now_v7(), "time_spent_ms": 1500});
    app.post("/api/v1/reviews", Some(token), body).await
}

async fn queue(app: &TestApp, token: &str) -> Value {
    let (s, v) = app.get("/api/v1/reviews/due?limit=200", token).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v
}

async fn review_loop_over_days(app: &TestApp) {
    let learner = setup(app).await;
    let (s, v) = app
        .post(
            "/api/v1/cards",
            Some(&learner),
            json!({"level": {"language": "de", "level": "A1"}}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["added"], 30);
    let (_, v) = app
        .post(
            "/api/v1/cards",
            Some(&learner),
            json!({"level": {"language": "de", "level": "A1"}}),
        )
        .await;
    assert_eq!(
        (v["added"].as_u64(), v["existing"].as_u64()),
        (Some(0), Some(30))
    );

    let q = queue(app, &learner).await;
    assert_eq!(q["new"], 10, "{q}");
    assert_eq!(q["cards"].as_array().unwrap().len(), 10);
    let first = q["cards"][0].clone();
    assert_eq!(first["memory"]["state"], "new");
    assert!(
        first["front"].as_str().unwrap().starts_with("Wort"),
        "{first}"
    );
    assert!(
        first["back"].as_str().unwrap().starts_with("word"),
        "{first}"
    );

    // Day 1: learn ten cards through the learning steps.
    for c in q["cards"].as_array().unwrap() {
        let (s, v) = answer(app, &learner, c["id"].as_str().unwrap(), 3).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(v["card"]["memory"]["state"], "learning");
        assert_eq!(v["review"]["state_before"], "new");
    }
    let q = queue(app, &learner).await;
    assert_eq!(
        (q["new"].as_u64(), q["learning"].as_u64()),
        (Some(0), Some(0)),
        "daily new limit: {q}"
    );
    app.clock.advance(Duration::minutes(11));
    let q = queue(app, &learner).await;
    assert_eq!(q["learning"], 10, "{q}");
    for c in q["cards"].as_array().unwrap() {
        let (s, v) = answer(app, &learner, c["id"].as_str().unwrap(), 3).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(v["card"]["memory"]["state"], "review");
        assert!(v["card"]["memory"]["interval_days"].as_u64().unwrap() >= 1);
    }

    // Simulated days: answer everything due; Again for every fifth answer.
    let mut answered = 20;
    let mut lapses_seen = false;
    for day in 0..20 {
        app.clock.advance(Duration::days(1));
        let q = queue(app, &learner).await;
        assert!(q["new"].as_u64().unwrap() <= 10);
        let mut rounds = 0;
        let mut q = q;
        while !q["cards"].as_array().unwrap().is_empty() && rounds < 5 {
            for c in q["cards"].as_array().unwrap() {
                let rating = if answered % 5 == 0 { 1 } else { 3 };
                let (s, v) = answer(app, &learner, c["id"].as_str().unwrap(), rating).await;
                assert_eq!(s, StatusCode::CREATED, "day {day}: {v}");
                let due = v["next_due"].as_str().unwrap();
                assert!(due >= v["review"]["reviewed_at"].as_str().unwrap(), "{v}");
                if rating == 1 && c["memory"]["state"] == "review" {
                    assert_eq!(v["card"]["memory"]["state"], "relearning");
                    lapses_seen = true;
                }
                answered += 1;
            }
            app.clock.advance(Duration::minutes(11));
            q = queue(app, &learner).await;
            rounds += 1;
        }
    }
    assert!(lapses_seen);
    // XP: every answer is an event; the stats agree with the events, and the
    // daily goal (50 XP) was reached.
    assert_eq!(
        app.count("activity_events WHERE kind = 'review'").await,
        answered
    );
    assert!(app.count("activity_events WHERE kind = 'daily_goal'").await >= 1);
    let stats = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT total_xp, vocabulary_reviews_completed, vocabulary_words_learned, longest_streak_days, \
             (SELECT SUM(xp) FROM activity_events) AS events_xp FROM user_stats",
        ))
        .await
        .unwrap()
        .unwrap();
    let total: i64 = stats.try_get("", "total_xp").unwrap();
    let events: i64 = stats.try_get("", "events_xp").unwrap();
    assert_eq!(total, events);
    assert_eq!(
        i64::from(
            stats
                .try_get::<i32>("", "vocabulary_reviews_completed")
                .unwrap()
        ),
        answered
    );
    assert_eq!(
        stats
            .try_get::<i32>("", "vocabulary_words_learned")
            .unwrap(),
        30
    );
    assert!(stats.try_get::<i32>("", "longest_streak_days").unwrap() >= 3);
    assert_eq!(app.count("reviews").await, answered);
    let (_, cards) = app.get("/api/v1/cards?limit=500", &learner).await;
    let cards = cards.as_array().unwrap();
    assert_eq!(cards.len(), 30);
    assert!(
        cards.iter().all(|c| c["memory"]["state"] != "new"),
        "all introduced by day 3"
    );
    let long = cards
        .iter()
        .filter(|c| c["memory"]["interval_days"].as_u64().unwrap() >= 7)
        .count();
    assert!(long > 0, "intervals grow");
    // Ordering by retrievability is accepted; bad orders are not.
    let (s, _) = app
        .get("/api/v1/reviews/due?order=retrievability", &learner)
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = app.get("/api/v1/reviews/due?order=random", &learner).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
}

async fn idempotent_answers(app: &TestApp) {
    let learner = setup(app).await;
    let (_, q) = app
        .get("/api/v1/catalog/words?language=de&level=A2", &learner)
        .await;
    let ids: Vec<Value> = q["items"]
        .as_array()
        .or(q.as_array())
        .unwrap()
        .iter()
        .map(|w| w["id"].clone())
        .collect();
    assert_eq!(ids.len(), 5, "{q}");
    let (s, v) = app
        .post("/api/v1/cards", Some(&learner), json!({"words": ids}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, cards) = app.get("/api/v1/cards", &learner).await;
    let card = cards[0]["id"].as_str().unwrap().to_owned();
    let other = cards[1]["id"].as_str().unwrap().to_owned();
    let client_id = Uuid::now_v7();
    let body = json!({"card_id": card, "rating": 3, "client_id": client_id});
    let (s, first) = app
        .post("/api/v1/reviews", Some(&learner), body.clone())
        .await;
    assert_eq!(s, StatusCode::CREATED, "{first}");
    assert_eq!(first["progress"]["xp"], 10, "{first}");
    assert_eq!(first["progress"]["streak_days"], 1);
    assert_eq!(first["progress"]["new_day"], true);
    let (s, again) = app
        .post("/api/v1/reviews", Some(&learner), body.clone())
        .await;
    assert_eq!(s, StatusCode::OK, "{again}");
    assert_eq!(again["replayed"], true);
    assert!(
        again["progress"].is_null(),
        "a replay earns nothing: {again}"
    );
    assert_eq!(again["review"]["id"], first["review"]["id"]);
    assert_eq!(again["card"]["memory"]["reps"], 1);
    // A retried answer from a second server process is also a replay.
    let second = app.second_server().await;
    let (s, v) = second
        .post("/api/v1/reviews", Some(&learner), body.clone())
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // Eight concurrent retries of a new answer store exactly one review.
    let burst = json!({"card_id": other, "rating": 4, "client_id": Uuid::now_v7()});
    let second = &second;
    let calls = (0..8).map(|i| {
        let b = burst.clone();
        let l = learner.clone();
        async move {
            if i % 2 == 0 {
                app.post("/api/v1/reviews", Some(&l), b).await
            } else {
                second.post("/api/v1/reviews", Some(&l), b).await
            }
        }
    });
    let results = futures_util::future::join_all(calls).await;
    let created = results
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "{results:?}");
    assert!(
        results
            .iter()
            .all(|(s, _)| *s == StatusCode::CREATED || *s == StatusCode::OK),
        "{results:?}"
    );
    assert_eq!(app.count("reviews").await, 2);
    let (_, c) = app.get(&format!("/api/v1/cards/{other}"), &learner).await;
    assert_eq!(c["card"]["memory"]["reps"], 1, "{c}");
    assert_eq!(c["card"]["correct_count"], 1);
    // The same client id for another card is a conflict.
    let (s, v) = app
        .post(
            "/api/v1/reviews",
            Some(&learner),
            json!({"card_id": other, "rating": 3, "client_id": client_id}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(app.count("reviews").await, 2);
}

async fn card_management(app: &TestApp) {
    let learner = setup(app).await;
    let (s, v) = app
        .post("/api/v1/cards", Some(&learner), json!({"custom": [{"language": "de", "front": "der Hund", "back": "the dog"}], "algorithm": "sm2"}))
        .await;
    assert_eq!((s, v["added"].as_u64()), (StatusCode::OK, Some(1)), "{v}");
    let (_, cards) = app.get("/api/v1/cards", &learner).await;
    let card = cards[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(cards[0]["front"], "der Hund");
    assert_eq!(cards[0]["algorithm"], "sm2");
    let (_, detail) = app.get(&format!("/api/v1/cards/{card}"), &learner).await;
    assert_eq!(
        detail["previews"]["good"]["interval_seconds"], 86_400,
        "SM-2 starts at one day: {detail}"
    );

    // Suspended cards leave the queue and cannot be answered.
    let path = format!("/api/v1/cards/{card}");
    let (s, _) = app
        .call(
            Method::PATCH,
            &path,
            Some(&learner),
            Some(json!({"suspended": true})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(queue(app, &learner).await["new"], 0);
    let (s, v) = answer(app, &learner, &card, 3).await;
    assert_eq!((s, code(&v)), (StatusCode::CONFLICT, "conflict"), "{v}");
    app.call(
        Method::PATCH,
        &path,
        Some(&learner),
        Some(json!({"suspended": false, "algorithm": "fsrs", "personal_note": "dog!"})),
    )
    .await;

    // Buried until the learner's next day (04:00 UTC by default).
    let (s, v) = app
        .post(&format!("{path}/bury"), Some(&learner), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(
        v["buried_until"]
            .as_str()
            .is_some_and(|b| b.contains("T04:00:00")),
        "{v}"
    );
    assert_eq!(queue(app, &learner).await["new"], 0);
    app.clock.advance(Duration::days(1));
    assert_eq!(queue(app, &learner).await["new"], 1);

    // A leech: lapse eight times.
    let mut lapses = 0;
    for _ in 0..60 {
        let (_, c) = app.get(&path, &learner).await;
        let state = c["card"]["memory"]["state"]
            .as_str()
            .unwrap_or_else(|| panic!("{c}"))
            .to_owned();
        let rating = if state == "review" { 1 } else { 4 };
        let (s, v) = answer(app, &learner, &card, rating).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        lapses = v["card"]["memory"]["lapses"].as_u64().unwrap();
        if lapses >= 8 {
            assert_eq!(v["card"]["is_leech"], true, "{v}");
            break;
        }
        assert_eq!(v["card"]["is_leech"], false);
        // Sessions expire after 30 idle days; a day between answers is plenty.
        app.clock.advance(Duration::days(1));
    }
    assert_eq!(lapses, 8);
    let (_, leeches) = app.get("/api/v1/cards?leech=true", &learner).await;
    assert_eq!(leeches.as_array().unwrap().len(), 1);
    let (s, v) = app
        .post(&format!("{path}/reset"), Some(&learner), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (
            v["memory"]["state"].as_str(),
            v["memory"]["lapses"].as_u64(),
            v["is_leech"].as_bool()
        ),
        (Some("new"), Some(0), Some(false)),
        "{v}"
    );
    assert_eq!(v["personal_note"], "dog!");

    // A deck moves to SM-2.
    let (s, v) = app
        .call(
            Method::PUT,
            "/api/v1/cards/algorithm",
            Some(&learner),
            Some(json!({"language": "de", "algorithm": "sm2"})),
        )
        .await;
    assert_eq!((s, v["changed"].as_u64()), (StatusCode::OK, Some(1)), "{v}");

    // Bad input is a 422 with the field; someone else's card is a 404.
    for body in [
        json!({"card_id": card, "rating": 7, "client_id": Uuid::now_v7()}),
        json!({"card_id": card, "rating": 3, "client_id": Uuid::now_v7(), "kind": "dance"}),
        json!({"card_id": card, "rating": 3, "client_id": Uuid::now_v7(), "confidence": 9}),
        json!({"card_id": card, "rating": 3, "client_id": Uuid::now_v7(), "time_spent_ms": -1}),
    ] {
        let (s, v) = app.post("/api/v1/reviews", Some(&learner), body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    }
    for body in [
        json!({}),
        json!({"words": [], }),
        json!({"words": [Uuid::now_v7()]}),
        json!({"level": {"language": "xx", "level": "A1"}}),
        json!({"level": {"language": "de", "level": "Z9"}}),
        json!({"custom": [{"language": "de", "front": " ", "back": "x"}]}),
        json!({"words": [Uuid::now_v7()], "list": Uuid::now_v7()}),
    ] {
        let (s, v) = app
            .post("/api/v1/cards", Some(&learner), body.clone())
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {v}");
    }
    let (intruder, _) = app.register("intruder@example.com").await;
    let (s, _) = app.get(&path, &intruder).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = answer(app, &intruder, &card, 3).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .post(&format!("{path}/reset"), Some(&intruder), json!({}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
