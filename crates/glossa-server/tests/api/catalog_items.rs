//! Single catalog items over the API (create, update, references to stored
//! content, every validation rule as a 422) and the filters of the lists.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::common::{TestApp, code};

mod filters;

both_backends!(
    exercise_created_then_updated,
    learners_cannot_edit,
    bad_items_are_422,
    words_courses_and_assessments_use_stored_content,
    packs_reference_stored_content,
);

async fn teacher(app: &TestApp) -> String {
    let (t, _) = app.register("teacher@example.com").await;
    app.exec("UPDATE users SET role = 'teacher' WHERE email = 'teacher@example.com'")
        .await;
    t
}

fn manifest(slug: &str) -> Value {
    json!({"format": 1, "slug": slug, "language": "de", "version": "1.0.0",
           "title": "Test", "licence": "CC0-1.0"})
}

/// Stored content the items refer to: topics, words, an exercise.
async fn base(app: &TestApp, t: &str) {
    let pack = json!({
        "manifest": manifest("base"),
        "words": [
            {"lemma": "Haus", "pos": "noun", "gender": "n", "level": "A1", "translations": {"en": "house"}},
            {"lemma": "gehen", "pos": "verb", "level": "A1", "translations": {"en": "to go"}}
        ],
        "topics": [
            {"slug": "cases", "name": "Fälle", "level": "A1"},
            {"slug": "dative", "parent": "cases", "name": "Dativ", "level": "A2"}
        ],
        "exercises": [
            {"slug": "dat-1", "topic": "dative", "type": "multiple_choice", "level": "A2",
             "question": "Ich helfe ___ Mann.", "answer": "dem", "options": ["der", "dem", "den"]}
        ]
    });
    let (s, v) = app.post("/api/v1/catalog/packs", Some(t), pack).await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

async fn put(app: &TestApp, t: &str, path: &str, body: Value) -> (StatusCode, Value) {
    app.call(Method::PUT, path, Some(t), Some(body)).await
}

fn exercise() -> Value {
    json!({"topic": "dative", "type": "fill_blank", "level": "A2",
           "question": "Ich gebe ___ Frau das Buch.", "answer": "der"})
}

async fn list(app: &TestApp, path: &str) -> Vec<String> {
    let (s, v) = app.call(Method::GET, path, None, None).await;
    assert_eq!(s, StatusCode::OK, "{path}: {v}");
    v.as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap().to_owned())
        .collect()
}

async fn exercise_created_then_updated(app: &TestApp) {
    let t = teacher(app).await;
    base(app, &t).await;
    // No slug in the body: the path's is used.
    let (s, v) = put(app, &t, "/api/v1/catalog/de/exercises/dat-2", exercise()).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["created"], true);
    assert_eq!(v["item"]["slug"], "dat-2");
    assert_eq!(v["item"]["topic"], "dative", "the stored topic resolved");
    let id = v["id"].as_str().unwrap().to_owned();
    assert_eq!(app.count("exercises").await, 2);

    let mut changed = exercise();
    changed["slug"] = json!("dat-2");
    changed["question"] = json!("Ich schenke ___ Kind einen Ball.");
    changed["answer"] = json!("dem");
    changed["level"] = json!("B1");
    let (s, v) = put(app, &t, "/api/v1/catalog/de/exercises/dat-2", changed).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["created"], false);
    assert_eq!(v["id"].as_str(), Some(id.as_str()), "updated in place");
    assert_eq!(v["item"]["question"], "Ich schenke ___ Kind einen Ball.");
    assert_eq!(app.count("exercises").await, 2);

    let (_, ex) = app
        .call(
            Method::GET,
            "/api/v1/catalog/de/exercises?level=B1",
            None,
            None,
        )
        .await;
    assert_eq!(ex.as_array().unwrap().len(), 1, "{ex}");
    assert_eq!(ex[0]["slug"], "dat-2");
    assert_eq!(ex[0]["topic"], "dative");
    assert_eq!(ex[0]["question"], "Ich schenke ___ Kind einen Ball.");

    // A topic of its own, under a stored parent.
    let (s, v) = put(
        app,
        &t,
        "/api/v1/catalog/de/grammar-topics/genitive",
        json!({"name": "Genitiv", "parent": "cases", "level": "B1"}),
    )
    .await;
    assert_eq!(
        (s, &v["item"]["parent"]),
        (StatusCode::CREATED, &json!("cases")),
        "{v}"
    );
    let (_, tree) = app
        .call(Method::GET, "/api/v1/catalog/de/grammar-topics", None, None)
        .await;
    let children: Vec<&str> = tree[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["dative", "genitive"]);

    let (s, _) = put(app, &t, "/api/v1/catalog/de/widgets/x", json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

async fn learners_cannot_edit(app: &TestApp) {
    let t = teacher(app).await;
    base(app, &t).await;
    let (learner, _) = app.register("learner@example.com").await;
    let (s, v) = put(
        app,
        &learner,
        "/api/v1/catalog/de/exercises/dat-2",
        exercise(),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    let word =
        json!({"lemma": "Baum", "pos": "noun", "level": "A1", "translations": {"en": "tree"}});
    let (s, _) = put(app, &learner, "/api/v1/catalog/de/words", word.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .call(Method::PUT, "/api/v1/catalog/de/words", None, Some(word))
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = app
        .call(
            Method::PUT,
            "/api/v1/catalog/de/exercises/dat-2",
            None,
            Some(exercise()),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("exercises").await, 1);
    assert_eq!(app.count("words").await, 2);
}

async fn bad_items_are_422(app: &TestApp) {
    let t = teacher(app).await;
    base(app, &t).await;
    let ex = "exercises/dat-2";
    let with = |k: &str, v: Value| {
        let mut e = exercise();
        e[k] = v;
        e
    };
    let word = |extra: Value| {
        let mut w = json!({"lemma": "Baum", "pos": "noun", "level": "A1",
                           "translations": {"en": "tree"}});
        w.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        w
    };
    // (path under /api/v1/catalog/de/, body, field, part of the message)
    let cases = [
        (
            ex,
            with("topic", json!("genitive")),
            "topic",
            "\"genitive\" is not a topic",
        ),
        (
            ex,
            with("level", json!("D1")),
            "level",
            "\"D1\" is not one of A1",
        ),
        (
            ex,
            json!({"type": "multiple_choice", "question": "Ich helfe ___ Mann.", "answer": "dem"}),
            "options",
            "at least two options",
        ),
        (
            ex,
            with("slug", json!("dat-3")),
            "slug",
            "does not match the slug in the path",
        ),
        (
            ex,
            with("question", json!("  ")),
            "question",
            "question is empty",
        ),
        (
            ex,
            with("data", json!([1, 2])),
            "data",
            "must be a JSON object",
        ),
        (
            "words",
            word(json!({"priority": 0})),
            "priority",
            "at least 1",
        ),
        (
            "words",
            word(json!({"synonyms": ["Baum"]})),
            "synonyms",
            "its own synonym",
        ),
        (
            "words",
            word(json!({"antonyms": ["Wald"]})),
            "antonyms",
            "\"Wald\" is not in the pack",
        ),
        (
            "words",
            word(json!({"translations": {"zz": "tree"}})),
            "translations",
            "not an ISO 639-1",
        ),
        (
            "courses/c1",
            json!({"title": "C", "lesson": [{"slug": "l1", "title": "L", "type": "grammar",
            "level": "A1", "items": [{"kind": "exercise", "ref": "dat-9"}]}]}),
            "lesson.items.ref",
            "lesson l1 item 1: exercise \"dat-9\" is not",
        ),
        (
            "assessments/p1",
            json!({"type": "placement", "title": "P", "level": "A1",
            "question": [{"type": "multiple_choice", "question": "?", "answer": "a"}]}),
            "question.options",
            "at least two options",
        ),
        (
            "scenarios/s1",
            json!({"name": "S", "system_prompt": "You sell bread.", "category": "party"}),
            "category",
            "daily, work",
        ),
        // A loop through a stored topic: dative's parent is cases.
        (
            "grammar-topics/cases",
            json!({"name": "Fälle", "parent": "dative"}),
            "parent",
            "cycle",
        ),
    ];
    for (path, body, field, needle) in cases {
        let (s, v) = put(app, &t, &format!("/api/v1/catalog/de/{path}"), body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {v}");
        assert_eq!(code(&v), "validation_failed");
        let msgs = v["error"]["details"][field].as_array();
        assert!(
            msgs.is_some_and(|m| m.iter().any(|m| m.as_str().unwrap().contains(needle))),
            "{path}: {field} / {needle:?}: {v}"
        );
    }
    // A field the format does not have, a wrong type: the body is unreadable.
    for body in [with("colour", json!("red")), with("level", json!(3))] {
        let (s, v) = put(app, &t, "/api/v1/catalog/de/exercises/dat-2", body).await;
        assert_eq!(
            (s, code(&v)),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_body")
        );
    }
    let (s, _) = put(app, &t, "/api/v1/catalog/xx/exercises/dat-2", exercise()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(app.count("exercises").await, 1, "nothing bad was stored");
    assert_eq!(app.count("words").await, 2);
    assert_eq!(app.count("courses").await, 0);
    assert_eq!(app.count("assessments").await, 0);
}

async fn words_courses_and_assessments_use_stored_content(app: &TestApp) {
    let t = teacher(app).await;
    base(app, &t).await;
    let word = json!({"lemma": "Gebäude", "pos": "noun", "gender": "n", "level": "B1",
                      "translations": {"en": "building"}, "synonyms": ["Haus"]});
    let (s, v) = put(app, &t, "/api/v1/catalog/de/words", word.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["item"]["synonyms"], json!(["Haus"]));
    let mut again = word;
    again["level"] = json!("A2");
    let (s, v) = put(app, &t, "/api/v1/catalog/de/words", again).await;
    assert_eq!(
        (s, &v["item"]["level"]),
        (StatusCode::OK, &json!("A2")),
        "{v}"
    );
    assert_eq!(app.count("words").await, 3);
    assert_eq!(app.count("word_relations").await, 1);

    let course = json!({"title": "Zu Hause", "level": "A1", "lesson": [
        {"slug": "home-1", "title": "Das Haus", "type": "vocabulary", "level": "A1", "items": [
            {"kind": "word", "ref": "Haus"}, {"kind": "exercise", "ref": "dat-1"},
            {"kind": "grammar", "ref": "dative"}, {"kind": "text", "content": "Hallo"}]}]});
    let (s, v) = put(app, &t, "/api/v1/catalog/de/courses/home", course).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let items = &v["item"]["lesson"][0]["items"];
    assert_eq!(items[1]["ref"], "dat-1");
    assert_eq!(items.as_array().unwrap().len(), 4);
    let (s, _) = put(
        app,
        &t,
        "/api/v1/catalog/de/courses/other",
        json!({"title": "Other", "lesson": [{"slug": "home-1", "title": "X", "type": "reading",
               "level": "A1", "items": [{"kind": "text", "content": "x"}]}]}),
    )
    .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a lesson of another course"
    );

    let a = json!({"type": "grammar", "title": "Dativ", "level": "A2", "question": [
        {"type": "fill_blank", "topic": "dative", "question": "mit ___ Auto", "answer": "dem"}]});
    let (s, v) = put(app, &t, "/api/v1/catalog/de/assessments/dativ", a).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["item"]["question"][0]["topic"], "dative");
    assert_eq!(
        v["item"]["question"][0]["answer"], "dem",
        "teachers see the answer"
    );

    let sc = json!({"name": "Wohnungssuche", "system_prompt": "Du vermietest.",
                    "category": "daily", "level": "A2", "suggested_words": ["Gebäude", "gehen|verb"]});
    let (s, v) = put(app, &t, "/api/v1/catalog/de/scenarios/flat", sc).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(
        v["item"]["suggested_words"],
        json!(["Gebäude", "gehen|verb"])
    );
}

async fn packs_reference_stored_content(app: &TestApp) {
    let t = teacher(app).await;
    base(app, &t).await;
    let pack = json!({
        "manifest": manifest("more"),
        "exercises": [{"slug": "dat-5", "topic": "dative", "type": "translation",
                       "question": "the house", "answer": "das Haus"}],
        "scenarios": [{"slug": "walk", "name": "Walk", "system_prompt": "Go for a walk.",
                       "suggested_words": ["gehen"]}]
    });
    let (s, v) = app.post("/api/v1/catalog/packs", Some(&t), pack).await;
    assert_eq!((s, v["created"].as_u64()), (StatusCode::OK, Some(2)), "{v}");
    assert_eq!(
        list(app, "/api/v1/catalog/de/exercises?topic=dative").await,
        ["dat-1", "dat-5"]
    );

    let bad = json!({"manifest": manifest("bad"),
        "exercises": [{"slug": "x", "topic": "nominative", "type": "translation",
                       "question": "q", "answer": "a"}]});
    let (s, v) = app.post("/api/v1/catalog/packs", Some(&t), bad).await;
    assert_eq!(
        (s, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_pack")
    );
    assert_eq!(
        v["error"]["details"]["problems"][0]["field"], "topic",
        "{v}"
    );
}
