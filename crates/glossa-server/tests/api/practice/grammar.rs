//! Grammar drills: attempts with attempt numbers, mastery through the
//! backoff scheduler, weakest topics first; runs continued on a second
//! server process.

use reqwest::StatusCode;
use serde_json::json;

use super::{EXERCISES, scalar, setup};
use crate::both_backends;
use crate::common::TestApp;

both_backends!(grammar_drill, across_servers);

async fn grammar_drill(app: &TestApp) {
    let learner = setup(app).await;
    let (s, session) = app
        .post(
            "/api/v1/practice-sessions",
            Some(&learner),
            json!({"language": "de", "topic": "cases", "mode": "drill", "size": 10}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{session}");
    assert_eq!(session["total_exercises"], 5);
    assert_eq!(session["kind"], "drill");
    let id = session["id"].as_str().unwrap().to_owned();
    let url = format!("/api/v1/practice-sessions/{id}/attempts");
    let current = &session["current"];
    assert!(
        current.get("correct_answer").is_none() && current.get("answer").is_none(),
        "{current}"
    );
    let text = current["question"].as_str().unwrap().to_owned();
    let answer = EXERCISES.iter().find(|e| e.2 == text).unwrap().3;
    assert!(
        !session.to_string().contains("Case ending."),
        "explanation shown early"
    );

    // Two wrong attempts, then the right one: attempts 1, 2, 3.
    for n in 1..=2 {
        let (s, v) = app
            .post(
                &url,
                Some(&learner),
                json!({"answer": "das", "time_spent_ms": 4000, "hints_used": 1}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(
            (v["correct"].as_bool(), v["attempt_number"].as_i64()),
            (Some(false), Some(n))
        );
        assert!(v["expected"].is_null(), "{v}");
        assert_eq!(v["mastery"].as_f64(), Some(0.0));
        assert_eq!(v["session"]["current"]["question"], text.as_str());
    }
    let (s, v) = app
        .post(
            &url,
            Some(&learner),
            json!({"answer": answer, "time_spent_ms": 2500}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["correct"].as_bool(), v["attempt_number"].as_i64()),
        (Some(true), Some(3)),
        "{v}"
    );
    assert_eq!(v["expected"], answer);
    assert_eq!(v["explanation"], "Case ending.");
    assert!((v["mastery"].as_f64().unwrap() - 0.2).abs() < 1e-9, "{v}");
    assert_eq!(v["session"]["current_index"], 1);
    assert_eq!(
        scalar(
            app,
            "SELECT SUM(attempt_number) AS v FROM exercise_attempts"
        )
        .await,
        6.0
    );
    assert_eq!(
        scalar(app, "SELECT SUM(hints_used) AS v FROM exercise_attempts").await,
        2.0
    );
    assert_eq!(
        app.count("exercise_attempts WHERE time_spent_ms = 4000 AND is_correct = false")
            .await,
        2
    );
    assert_eq!(
        app.count("activity_events WHERE kind = 'exercise'").await,
        3
    );

    // The rest right first time.
    let mut last = v;
    while last["session"]["status"] == "active" {
        let text = last["session"]["current"]["question"]
            .as_str()
            .unwrap()
            .to_owned();
        let answer = EXERCISES.iter().find(|e| e.2 == text).unwrap().3;
        let (s, v) = app
            .post(&url, Some(&learner), json!({"answer": answer}))
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["attempt_number"], 1);
        last = v;
    }
    assert_eq!(last["session"]["exercises_correct"], 5);
    assert_eq!(last["session"]["accuracy_rate"].as_f64(), Some(1.0));
    assert!(last["session"]["current"].is_null());
    assert_eq!(
        app.count("activity_events WHERE kind = 'practice_session'")
            .await,
        1
    );
    assert_eq!(
        scalar(app, "SELECT grammar_sessions AS v FROM user_stats").await,
        1.0
    );
    assert_eq!(
        scalar(
            app,
            "SELECT grammar_exercises_completed AS v FROM user_stats"
        )
        .await,
        7.0
    );
    assert_eq!(
        scalar(app, "SELECT grammar_exercises_correct AS v FROM user_stats").await,
        5.0
    );
    // Dative and accusative: two right answers each -> 0.4; cases: one
    // wrong-wrong-right or one right.
    let accusative = scalar(
        app,
        "SELECT p.mastery AS v FROM grammar_progress p JOIN grammar_topics g ON g.id = p.grammar_topic_id \
         WHERE g.slug = 'accusative'",
    )
    .await;
    assert!(accusative > 0.0, "{accusative}");
    let (s, v) = app
        .post(&url, Some(&learner), json!({"answer": "dem"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");

    // The weakest topic comes first.
    app.exec("UPDATE grammar_progress SET mastery = 0.8").await;
    app.exec(
        "UPDATE grammar_progress SET mastery = 0 WHERE grammar_topic_id = \
         (SELECT id FROM grammar_topics WHERE slug = 'accusative')",
    )
    .await;
    let (s, session) = app
        .post(
            "/api/v1/practice-sessions",
            Some(&learner),
            json!({"language": "de", "topic": "cases", "mode": "review", "size": 2}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{session}");
    let q = session["current"]["question"].as_str().unwrap();
    assert!(
        q.starts_with("Ich sehe") || q.starts_with("Er kauft"),
        "{q}"
    );
    let (s, v) = app
        .post(
            &format!(
                "/api/v1/practice-sessions/{}/attempts",
                session["id"].as_str().unwrap()
            ),
            Some(&learner),
            json!({"answer": "den"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let q = v["session"]["current"]["question"].as_str().unwrap();
    assert!(
        q.starts_with("Ich sehe") || q.starts_with("Er kauft"),
        "{q}"
    );
}

async fn across_servers(app: &TestApp) {
    let learner = setup(app).await;
    let (_, quiz) = app
        .post(
            "/api/v1/quizzes",
            Some(&learner),
            json!({"language": "de", "quiz_type": "typed_translation", "size": 3}),
        )
        .await;
    let id = quiz["id"].as_str().unwrap();
    let url = format!("/api/v1/quizzes/{id}/answers");
    let (s, v) = app
        .post(&url, Some(&learner), json!({"index": 0, "answer": "x"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let second = app.second_server().await;
    let (s, v) = second.get(&format!("/api/v1/quizzes/{id}"), &learner).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["current_index"], 1);
    let (s, v) = second
        .post(&url, Some(&learner), json!({"index": 0, "answer": "x"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    let (s, v) = second
        .post(&url, Some(&learner), json!({"index": 1, "answer": "x"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["quiz"]["current_index"], 2);

    let (_, session) = app
        .post(
            "/api/v1/practice-sessions",
            Some(&learner),
            json!({"language": "de", "topic": "dative", "mode": "diagnostic", "size": 2}),
        )
        .await;
    let sid = session["id"].as_str().unwrap();
    let (s, v) = app
        .post(
            &format!("/api/v1/practice-sessions/{sid}/attempts"),
            Some(&learner),
            json!({"answer": "?"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = second
        .get(&format!("/api/v1/practice-sessions/{sid}"), &learner)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["current"]["attempts"], 1, "{v}");
    let (s, v) = second
        .post(
            &format!("/api/v1/practice-sessions/{sid}/attempts"),
            Some(&learner),
            json!({"answer": "?"}),
        )
        .await;
    assert_eq!(
        (s, v["attempt_number"].as_i64()),
        (StatusCode::OK, Some(2)),
        "{v}"
    );
}
