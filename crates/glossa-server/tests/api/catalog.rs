//! The catalog: pack upload by teachers, public reads with filters, search
//! and form lookup, publishing, archiving and deletion.

use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::both_backends;
use crate::common::{TestApp, code};

both_backends!(upload_and_read, manage_status_and_delete);

fn pack() -> Value {
    json!({
        "manifest": {"format": 1, "slug": "test-de", "language": "de", "version": "1.0.0",
                     "title": "Test", "licence": "CC0-1.0"},
        "words": [
            {"lemma": "Haus", "pos": "noun", "gender": "n", "plural": "Häuser", "level": "A1",
             "category": "home", "translations": {"en": "house", "it": "casa"},
             "forms": [{"type": "nominative_plural", "text": "Häuser"}, {"type": "dative_plural", "text": "Häusern"}],
             "example": [{"text": "Das Haus ist klein.", "translations": {"en": "The house is small."}}]},
            {"lemma": "gehen", "pos": "verb", "level": "A1", "translations": {"en": "to go"},
             "forms": [{"type": "present_3sg", "text": "geht"}, {"type": "past_participle", "text": "gegangen"}]},
            {"lemma": "Wohnung", "pos": "noun", "gender": "f", "level": "A2", "category": "home",
             "translations": {"en": "flat"}, "synonyms": ["Haus"]}
        ],
        "topics": [
            {"slug": "cases", "name": "Fälle"},
            {"slug": "dative", "parent": "cases", "name": "Dativ", "level": "A2", "order": 2},
            {"slug": "accusative", "parent": "cases", "name": "Akkusativ", "level": "A1", "order": 1}
        ],
        "exercises": [
            {"slug": "dat-1", "topic": "dative", "type": "multiple_choice", "level": "A2",
             "question": "Ich helfe ___ Mann.", "answer": "dem", "options": ["der", "dem", "den"]},
            {"slug": "match-1", "type": "matching", "question": "Match",
             "answer": "das Haus | gehen", "data": {"pairs": [["das Haus", "house"], ["gehen", "to go"]]}}
        ],
        "scenarios": [{"slug": "flat", "name": "Flat viewing", "category": "daily", "level": "A2",
                       "system_prompt": "You show a flat.", "suggested_words": ["Wohnung"]}],
        "courses": [{"slug": "c1", "title": "Course", "lesson": [
            {"slug": "l1", "title": "Home", "type": "vocabulary", "level": "A1",
             "items": [{"kind": "word", "ref": "Haus"}, {"kind": "text", "content": "Hello"}]}]}],
        "assessments": [{"slug": "place", "type": "placement", "title": "Placement", "level": "A1",
            "question": [{"type": "multiple_choice", "question": "?", "options": ["a", "b"], "answer": "b", "level": "A1"}]}]
    })
}

async fn teacher(app: &TestApp) -> String {
    let (t, _) = app.register("teacher@example.com").await;
    app.exec("UPDATE users SET role = 'teacher' WHERE email = 'teacher@example.com'")
        .await;
    t
}

async fn upload_and_read(app: &TestApp) {
    let (learner, _) = app.register("learner@example.com").await;
    let (s, v) = app
        .post("/api/v1/catalog/packs", Some(&learner), pack())
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    let t = teacher(app).await;
    let mut bad = pack();
    bad["exercises"][0]["answer"] = json!("des");
    let (s, v) = app.post("/api/v1/catalog/packs", Some(&t), bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code(&v), "invalid_pack");
    assert!(
        v["error"]["details"]["problems"][0]["item"]
            .as_str()
            .unwrap()
            .contains("dat-1")
    );
    assert_eq!(
        app.count("words").await,
        0,
        "an invalid pack stores nothing"
    );

    let (s, v) = app.post("/api/v1/catalog/packs", Some(&t), pack()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["updated"], 0);
    let (s, v) = app.post("/api/v1/catalog/packs", Some(&t), pack()).await;
    assert_eq!(
        (s, v["created"].as_u64()),
        (StatusCode::OK, Some(0)),
        "re-upload updates in place"
    );
    assert_eq!(app.count("words").await, 3);

    // Public reads, no token needed.
    let get = |path: &'static str| app.call(Method::GET, path, None, None);
    let (s, v) = get("/api/v1/catalog/words?language=de").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["items"].as_array().unwrap().len(), 3);
    let lemmas = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["lemma"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        lemmas(
            &get("/api/v1/catalog/words?language=de&form=H%C3%A4usern")
                .await
                .1
        ),
        ["Haus"]
    );
    assert_eq!(
        lemmas(&get("/api/v1/catalog/words?form=geht").await.1),
        ["gehen"]
    );
    assert_eq!(
        lemmas(&get("/api/v1/catalog/words?q=flat").await.1),
        ["Wohnung"]
    );
    assert_eq!(
        lemmas(&get("/api/v1/catalog/words?q=CASA").await.1),
        ["Haus"]
    );
    assert_eq!(
        lemmas(&get("/api/v1/catalog/words?level=A2").await.1),
        ["Wohnung"]
    );
    assert_eq!(
        lemmas(&get("/api/v1/catalog/words?pos=verb").await.1),
        ["gehen"]
    );
    assert_eq!(
        lemmas(&get("/api/v1/catalog/words?category=home&level=A1").await.1),
        ["Haus"]
    );
    assert!(
        lemmas(&get("/api/v1/catalog/words?q=%25").await.1).is_empty(),
        "% is literal"
    );
    let (s, page1) = get("/api/v1/catalog/words?limit=2").await;
    assert_eq!(s, StatusCode::OK);
    let cursor = page1["next_cursor"].as_str().unwrap().to_owned();
    let (_, page2) = app
        .call(
            Method::GET,
            &format!("/api/v1/catalog/words?limit=2&cursor={cursor}"),
            None,
            None,
        )
        .await;
    assert_eq!(page2["items"].as_array().unwrap().len(), 1);
    assert!(page2["next_cursor"].is_null());
    for bad in [
        "/api/v1/catalog/words?level=D1",
        "/api/v1/catalog/words?language=xx",
        "/api/v1/catalog/words?pos=thing",
    ] {
        let (s, v) = app.call(Method::GET, bad, None, None).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {v}");
    }

    let (_, list) = get("/api/v1/catalog/words?form=Haus").await;
    let id = list["items"][0]["id"].as_str().unwrap().to_owned();
    let (s, w) = app
        .call(
            Method::GET,
            &format!("/api/v1/catalog/words/{id}"),
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(w["gender"], "neuter");
    assert_eq!(w["entry"]["translations"]["it"], "casa");
    assert_eq!(w["entry"]["forms"].as_array().unwrap().len(), 2);
    assert_eq!(w["entry"]["example"][0]["text"], "Das Haus ist klein.");

    let (_, topics) = get("/api/v1/catalog/de/grammar-topics").await;
    assert_eq!(topics.as_array().unwrap().len(), 1, "one root: {topics}");
    let children: Vec<&str> = topics[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["accusative", "dative"], "ordered by order");

    let (_, ex) = get("/api/v1/catalog/de/exercises?topic=dative").await;
    assert_eq!(ex.as_array().unwrap().len(), 1);
    assert!(
        ex[0].get("answer").is_none(),
        "learners do not get the answer"
    );
    let (_, ex) = get("/api/v1/catalog/de/exercises?type=matching").await;
    assert_eq!(ex[0]["data"]["right"], json!(["house", "to go"]));
    let (_, a) = get("/api/v1/catalog/de/assessments").await;
    assert_eq!(a[0]["question"][0]["answer"], "");
    let (_, c) = get("/api/v1/catalog/de/courses").await;
    assert_eq!(c[0]["lesson"][0]["items"][0]["ref"], "Haus");
    let (_, sc) = get("/api/v1/catalog/de/scenarios").await;
    assert_eq!(sc[0]["suggested_words"], json!(["Wohnung"]));
}

async fn manage_status_and_delete(app: &TestApp) {
    let t = teacher(app).await;
    let (learner, learner_id) = app.register("user@example.com").await;
    assert_eq!(
        app.post("/api/v1/catalog/packs", Some(&t), pack()).await.0,
        StatusCode::OK
    );
    let (_, list) = app
        .call(Method::GET, "/api/v1/catalog/words?form=Haus", None, None)
        .await;
    let haus = list["items"][0]["id"].as_str().unwrap().to_owned();
    let (_, list) = app
        .call(Method::GET, "/api/v1/catalog/words?form=gehen", None, None)
        .await;
    let gehen = list["items"][0]["id"].as_str().unwrap().to_owned();

    let (s, _) = app
        .call(
            Method::PUT,
            &format!("/api/v1/catalog/words/{gehen}/status"),
            Some(&learner),
            Some(json!({"status": "draft"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .call(
            Method::PUT,
            &format!("/api/v1/catalog/words/{gehen}/status"),
            Some(&t),
            Some(json!({"status": "hidden"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = app
        .call(
            Method::PUT,
            &format!("/api/v1/catalog/words/{gehen}/status"),
            Some(&t),
            Some(json!({"status": "draft"})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, v) = app
        .call(Method::GET, "/api/v1/catalog/words?language=de", None, None)
        .await;
    assert_eq!(
        v["items"].as_array().unwrap().len(),
        2,
        "drafts are not public"
    );
    assert_eq!(
        app.call(
            Method::GET,
            &format!("/api/v1/catalog/words/{gehen}"),
            None,
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );

    // A learner has met "Haus": deleting it archives it instead.
    let backend = app.db.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Sqlite => {
            "INSERT INTO word_progress (id, user_id, word_id, language, created_at, updated_at) VALUES (?1, ?2, ?3, 'de', ?4, ?4)"
        }
        _ => {
            "INSERT INTO word_progress (id, user_id, word_id, language, created_at, updated_at) VALUES ($1, $2, $3, 'de', $4, $4)"
        }
    };
    let uid: uuid::Uuid = learner_id.parse().unwrap();
    let wid: uuid::Uuid = haus.parse().unwrap();
    app.db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [
                uuid::Uuid::now_v7().into(),
                uid.into(),
                wid.into(),
                chrono::Utc::now().into(),
            ],
        ))
        .await
        .unwrap();
    let (s, v) = app
        .call(
            Method::DELETE,
            &format!("/api/v1/catalog/words/{haus}/status"),
            Some(&t),
            None,
        )
        .await;
    assert_eq!(
        (s, v["result"].as_str()),
        (StatusCode::OK, Some("archived")),
        "{v}"
    );
    assert_eq!(app.count("words").await, 3);
    let (s, v) = app
        .call(
            Method::DELETE,
            &format!("/api/v1/catalog/words/{gehen}/status"),
            Some(&t),
            None,
        )
        .await;
    assert_eq!(
        (s, v["result"].as_str()),
        (StatusCode::OK, Some("deleted")),
        "{v}"
    );
    assert_eq!(app.count("words").await, 2);
    assert_eq!(
        app.count("word_forms").await,
        2,
        "the deleted word's forms went with it"
    );

    let (s, _) = app
        .call(
            Method::PUT,
            "/api/v1/catalog/de/exercises/dat-1/status",
            Some(&t),
            Some(json!({"status": "archived"})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, ex) = app
        .call(Method::GET, "/api/v1/catalog/de/exercises", None, None)
        .await;
    assert_eq!(ex.as_array().unwrap().len(), 1);
    let (s, v) = app
        .call(
            Method::DELETE,
            "/api/v1/catalog/de/exercises/dat-1/status",
            Some(&t),
            None,
        )
        .await;
    assert_eq!(v["result"], "deleted", "{s} {v}");
    let (s, _) = app
        .call(
            Method::DELETE,
            "/api/v1/catalog/de/exercises/dat-1/status",
            Some(&t),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app
        .call(
            Method::DELETE,
            "/api/v1/catalog/de/widgets/x/status",
            Some(&t),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
