//! The adaptive placement test over HTTP: a simulated learner who knows
//! German up to B1 is placed at B1, the attempt continues on a second
//! server process, and the result lands in the learner's languages.

use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::both_backends;
use crate::common::{TestApp, code};

both_backends!(placement_adapts_and_places);

const LEVELS: [&str; 5] = ["A1", "A2", "B1", "B2", "C1"];

async fn upload_test(app: &TestApp) {
    let (teacher, _) = app.register("teacher@example.com").await;
    app.exec("UPDATE users SET role = 'teacher' WHERE email = 'teacher@example.com'")
        .await;
    let questions: Vec<Value> = LEVELS
        .iter()
        .flat_map(|level| {
            (0..6).map(move |i| {
                json!({"type": "multiple_choice", "level": level,
                       "question": format!("Frage {level} {i}"),
                       "options": [format!("richtig {level}"), format!("falsch {level}")],
                       "answer": format!("richtig {level}")})
            })
        })
        .collect();
    let pack = json!({"manifest": {"format": 1, "slug": "place-de", "language": "de", "version": "1.0.0",
                     "title": "Placement", "licence": "CC0-1.0"},
                     "assessments": [{"slug": "de-placement", "type": "placement", "title": "Einstufung",
                                      "level": "A1", "question": questions}]});
    let (s, v) = app
        .post("/api/v1/catalog/packs", Some(&teacher), pack)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// Knows everything up to B1.
fn answer_for(question: &Value) -> String {
    let level = question["level"].as_str().unwrap();
    if ["A1", "A2", "B1"].contains(&level) {
        format!("Richtig {level}")
    } else {
        format!("falsch {level}")
    }
}

async fn placement_adapts_and_places(app: &TestApp) {
    upload_test(app).await;
    let (learner, _) = app.register("learner@example.com").await;
    let (s, mut st) = app
        .post(
            "/api/v1/placement",
            Some(&learner),
            json!({"language": "de"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{st}");
    assert_eq!(st["question"]["level"], "A1");
    assert!(
        st["question"].get("answer").is_none(),
        "answers stay hidden: {st}"
    );
    let attempt = st["attempt_id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/placement/{attempt}/answers");
    // Answering something other than the current question is refused.
    let (s, v) = app
        .post(
            &path,
            Some(&learner),
            json!({"question_id": Uuid::now_v7(), "answer": "x"}),
        )
        .await;
    assert_eq!((s, code(&v)), (StatusCode::CONFLICT, "conflict"), "{v}");

    let second = app.second_server().await;
    let mut levels_asked = Vec::new();
    let mut n = 0;
    while st["result"].is_null() {
        let q = st["question"].clone();
        levels_asked.push(q["level"].as_str().unwrap().to_owned());
        let body = json!({"question_id": q["id"], "answer": answer_for(&q)});
        // Alternate between the two server processes.
        let (s, v) = if n % 2 == 0 {
            app.post(&path, Some(&learner), body).await
        } else {
            second.post(&path, Some(&learner), body).await
        };
        assert_eq!(s, StatusCode::OK, "{v}");
        let expected_ok = ["A1", "A2", "B1"].contains(&q["level"].as_str().unwrap());
        assert_eq!(v["verdict"]["outcome"] != "wrong", expected_ok, "{v}");
        st = v;
        n += 1;
        assert!(n <= 20, "the test ends");
    }
    // It climbed from A1 and then kept crossing the B1/B2 boundary.
    assert_eq!(&levels_asked[..3], ["A1", "A2", "B1"]);
    assert!(levels_asked.iter().all(|l| l != "C1"), "{levels_asked:?}");
    assert_eq!(st["result"]["level"], "B1", "{st}");
    let p = st["result"]["proficiency"].as_f64().unwrap();
    assert!((50.0..=67.0).contains(&p), "{p}");

    let (_, langs) = app.get("/api/v1/me/languages", &learner).await;
    let de = langs
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["language"] == "de")
        .unwrap()
        .clone();
    assert_eq!(de["cefr_level"], "B1", "{langs}");
    assert!(de["assessed_at"].is_string());
    assert_eq!(
        app.count("activity_events WHERE kind = 'assessment'").await,
        1
    );
    assert_eq!(
        app.count("assessment_attempts WHERE result_level = 'B1'")
            .await,
        1
    );

    // Finished attempts take no more answers; GET shows the result.
    let (s, _) = app
        .post(
            &path,
            Some(&learner),
            json!({"question_id": Uuid::now_v7(), "answer": "x"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, v) = app
        .get(&format!("/api/v1/placement/{attempt}"), &learner)
        .await;
    assert_eq!(
        (s, v["result"]["level"].as_str()),
        (StatusCode::OK, Some("B1")),
        "{v}"
    );

    // A second test starts at the placed level.
    let (_, st2) = app
        .post(
            "/api/v1/placement",
            Some(&learner),
            json!({"language": "de"}),
        )
        .await;
    assert_eq!(st2["question"]["level"], "B1", "{st2}");

    // Others cannot see it; no test for Swahili; bad codes are 422.
    let (other, _) = app.register("other@example.com").await;
    let (s, _) = app
        .get(&format!("/api/v1/placement/{attempt}"), &other)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .post(
            "/api/v1/placement",
            Some(&learner),
            json!({"language": "sw"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .post(
            "/api/v1/placement",
            Some(&learner),
            json!({"language": "zz"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}
