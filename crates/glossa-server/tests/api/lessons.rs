//! Lesson progress: resume at the last position, never go backwards,
//! XP once on completion.

use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;
use uuid::Uuid;

use crate::both_backends;
use crate::common::TestApp;

both_backends!(lesson_progress_resumes);

async fn lesson_progress_resumes(app: &TestApp) {
    let (teacher, _) = app.register("teacher@example.com").await;
    app.exec("UPDATE users SET role = 'teacher' WHERE email = 'teacher@example.com'")
        .await;
    let items: Vec<_> = (0..4)
        .map(|i| json!({"kind": "text", "content": format!("Teil {i}")}))
        .collect();
    let pack = json!({"manifest": {"format": 1, "slug": "lessons-de", "language": "de", "version": "1.0.0",
                     "title": "Lessons", "licence": "CC0-1.0"},
                     "courses": [{"slug": "c1", "title": "Course", "lesson": [
                        {"slug": "l1", "title": "One", "type": "reading", "level": "A1", "items": items}]}]});
    let (s, v) = app
        .post("/api/v1/catalog/packs", Some(&teacher), pack)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT id FROM lessons WHERE slug = 'l1'",
        ))
        .await
        .unwrap()
        .unwrap();
    let lesson: Uuid = row.try_get("", "id").unwrap();
    let path = format!("/api/v1/lessons/{lesson}/progress");
    let (learner, _) = app.register("learner@example.com").await;

    let (s, v) = app.get(&path, &learner).await;
    assert_eq!(
        (s, v["status"].as_str()),
        (StatusCode::OK, Some("not_started")),
        "{v}"
    );
    let put = |body| app.call(Method::PUT, &path, Some(&learner), Some(body));
    let (s, v) = put(json!({"position": 2})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["progress"]["status"], "in_progress");
    assert_eq!(v["progress"]["percent_complete"], 50.0);
    assert!(v["progress"]["current_item_id"].is_string());
    assert_eq!(v["xp"], 0);
    // Going back moves the resume point but keeps the percentage.
    let (_, v) = put(json!({"position": 1})).await;
    assert_eq!(
        (
            v["progress"]["last_position"].as_i64(),
            v["progress"]["percent_complete"].as_f64()
        ),
        (Some(1), Some(50.0))
    );
    // A second server process sees the same place.
    let second = app.second_server().await;
    let (_, v) = second.get(&path, &learner).await;
    assert_eq!(v["last_position"], 1, "{v}");
    // Finishing earns XP once.
    let (_, v) = put(json!({"position": 4, "completed": true})).await;
    assert_eq!(v["progress"]["status"], "completed");
    assert_eq!(v["progress"]["percent_complete"], 100.0);
    assert!(v["xp"].as_i64().unwrap() >= 50, "{v}");
    let (_, v) = put(json!({"position": 0, "completed": true})).await;
    assert_eq!(
        (v["xp"].as_i64(), v["progress"]["status"].as_str()),
        (Some(0), Some("completed"))
    );
    assert_eq!(app.count("activity_events WHERE kind = 'lesson'").await, 1);

    for body in [
        json!({"position": -1}),
        json!({"position": 5}),
        json!({"position": "x"}),
        json!({"pos": 1}),
    ] {
        let (s, v) = put(body.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {v}");
    }
    let (s, _) = app
        .get(
            &format!("/api/v1/lessons/{}/progress", Uuid::now_v7()),
            &learner,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Another learner starts from nothing.
    let (other, _) = app.register("other@example.com").await;
    let (_, v) = app.get(&path, &other).await;
    assert_eq!(v["status"], "not_started");
}
