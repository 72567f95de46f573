//! Grammar diagnostics from the learner's exercise answers.

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::json;
use uuid::Uuid;

use crate::both_backends;
use crate::common::TestApp;

both_backends!(diagnosis_from_answers);

async fn answer(app: &TestApp, user: &str, exercise: &str, correct: bool) {
    let backend = app.db.get_database_backend();
    let sql = "INSERT INTO exercise_attempts (id, user_id, exercise_id, user_answer, is_correct, attempt_number, answered_at) \
               SELECT $1, $2, id, 'x', $3, 1, $4 FROM exercises WHERE slug = $5";
    let sql = if backend == DbBackend::Sqlite {
        sql.replace('$', "?")
    } else {
        sql.to_owned()
    };
    let user: Uuid = user.parse().unwrap();
    app.db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [
                Uuid::now_v7().into(),
                user.into(),
                correct.into(),
                chrono::Utc::now().into(),
                exercise.into(),
            ],
        ))
        .await
        .unwrap();
}

async fn diagnosis_from_answers(app: &TestApp) {
    let (teacher, _) = app.register("teacher@example.com").await;
    app.exec("UPDATE users SET role = 'teacher' WHERE email = 'teacher@example.com'")
        .await;
    let ex = |slug: &str, topic: &str| {
        json!({"slug": slug, "topic": topic, "type": "fill_blank", "level": "A1",
                                             "question": "Q ___", "answer": "a"})
    };
    let pack = json!({"manifest": {"format": 1, "slug": "diag-de", "language": "de", "version": "1.0.0",
                     "title": "Diagnostics", "licence": "CC0-1.0"},
        "topics": [
            {"slug": "articles", "name": "Artikel", "level": "A1", "order": 1},
            {"slug": "dative", "name": "Dativ", "level": "A2", "order": 2},
            {"slug": "plural", "name": "Plural", "level": "A1", "order": 3},
            {"slug": "genitive", "name": "Genitiv", "level": "B1", "order": 4}],
        "exercises": [ex("art-1", "articles"), ex("art-2", "articles"), ex("dat-1", "dative"), ex("dat-2", "dative")]});
    let (s, v) = app
        .post("/api/v1/catalog/packs", Some(&teacher), pack)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (learner, id) = app.register("learner@example.com").await;
    answer(app, &id, "art-1", true).await;
    answer(app, &id, "art-2", true).await;
    answer(app, &id, "dat-1", false).await;
    answer(app, &id, "dat-2", false).await;
    answer(app, &id, "dat-1", true).await;

    let (s, v) = app
        .post(
            "/api/v1/diagnostics/grammar",
            Some(&learner),
            json!({"language": "de"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let d = &v["diagnosis"];
    assert_eq!(d["weak"], json!(["dative"]), "{v}");
    assert_eq!(d["strong"], json!(["articles"]));
    assert_eq!(
        d["recommended_path"],
        json!(["dative", "plural"]),
        "B1 topics wait for an A1 learner"
    );
    assert!((d["topic_scores"]["dative"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(
        (d["answered"].as_i64(), d["correct"].as_i64()),
        (Some(5), Some(3))
    );
    assert_eq!(
        app.count("assessment_attempts WHERE kind = 'diagnostic' AND completed_at IS NOT NULL")
            .await,
        1
    );

    // Another learner has answered nothing: everything at their level is new.
    let (other, _) = app.register("other@example.com").await;
    let (_, v) = app
        .post(
            "/api/v1/diagnostics/grammar",
            Some(&other),
            json!({"language": "de"}),
        )
        .await;
    assert_eq!(v["diagnosis"]["weak"], json!([]));
    assert_eq!(
        v["diagnosis"]["recommended_path"],
        json!(["articles", "plural"]),
        "{v}"
    );

    let (s, _) = app
        .post(
            "/api/v1/diagnostics/grammar",
            Some(&learner),
            json!({"language": "fr"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .post(
            "/api/v1/diagnostics/grammar",
            Some(&learner),
            json!({"language": "xx"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}
