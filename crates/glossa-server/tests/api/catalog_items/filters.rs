//! The filters of the public catalog lists: exactly the matching items,
//! and a 422 for a value that cannot match.

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{list, manifest, teacher};
use crate::both_backends;
use crate::common::TestApp;

both_backends!(list_filters);

async fn list_filters(app: &TestApp) {
    let t = teacher(app).await;
    let pack = json!({
        "manifest": manifest("filters"),
        "topics": [
            {"slug": "cases", "name": "Fälle", "level": "A1"},
            {"slug": "dative", "parent": "cases", "name": "Dativ", "level": "A2"},
            {"slug": "tenses", "name": "Zeiten", "level": "A2"}
        ],
        "exercises": [
            {"slug": "e1", "topic": "dative", "type": "translation", "level": "A2", "question": "q", "answer": "a"},
            {"slug": "e2", "topic": "dative", "type": "multiple_choice", "level": "A1",
             "question": "q", "answer": "a", "options": ["a", "b"]},
            {"slug": "e3", "topic": "tenses", "type": "translation", "level": "A1", "question": "q", "answer": "a"},
            {"slug": "e4", "type": "translation", "level": "B1", "question": "q", "answer": "a"}
        ],
        "scenarios": [
            {"slug": "s1", "name": "S1", "category": "daily", "level": "A1", "system_prompt": "p"},
            {"slug": "s2", "name": "S2", "category": "work", "level": "A1", "system_prompt": "p"},
            {"slug": "s3", "name": "S3", "category": "daily", "level": "B2", "system_prompt": "p"}
        ],
        "courses": [
            {"slug": "c1", "title": "C1", "level": "A1", "lesson": []},
            {"slug": "c2", "title": "C2", "level": "B1", "lesson": []}
        ],
        "assessments": [
            {"slug": "a1", "type": "placement", "title": "A", "level": "A1",
             "question": [{"type": "translation", "question": "q", "answer": "a"}]},
            {"slug": "a2", "type": "grammar", "title": "B", "level": "A2",
             "question": [{"type": "translation", "question": "q", "answer": "a"}]}
        ]
    });
    let (s, v) = app.post("/api/v1/catalog/packs", Some(&t), pack).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let ex = "/api/v1/catalog/de/exercises";
    assert_eq!(list(app, ex).await, ["e1", "e2", "e3", "e4"]);
    assert_eq!(list(app, &format!("{ex}?topic=dative")).await, ["e1", "e2"]);
    assert_eq!(
        list(app, &format!("{ex}?type=translation")).await,
        ["e1", "e3", "e4"]
    );
    assert_eq!(list(app, &format!("{ex}?level=A1")).await, ["e2", "e3"]);
    assert_eq!(
        list(app, &format!("{ex}?level=a1&type=translation")).await,
        ["e3"]
    );
    assert_eq!(
        list(app, &format!("{ex}?topic=dative&type=translation&level=A2")).await,
        ["e1"]
    );
    assert!(list(app, &format!("{ex}?topic=nothing")).await.is_empty());
    let sc = "/api/v1/catalog/de/scenarios";
    assert_eq!(
        list(app, &format!("{sc}?category=daily")).await,
        ["s1", "s3"]
    );
    assert_eq!(list(app, &format!("{sc}?level=A1")).await, ["s1", "s2"]);
    assert_eq!(
        list(app, &format!("{sc}?category=daily&level=A1")).await,
        ["s1"]
    );
    assert_eq!(
        list(app, "/api/v1/catalog/de/courses?level=B1").await,
        ["c2"]
    );
    assert_eq!(
        list(app, "/api/v1/catalog/de/assessments?level=A2").await,
        ["a2"]
    );
    assert_eq!(
        list(app, "/api/v1/catalog/de/assessments?type=placement").await,
        ["a1"]
    );
    // Topics by level: a topic whose parent is filtered out is a root.
    assert_eq!(
        list(app, "/api/v1/catalog/de/grammar-topics?level=A2").await,
        ["dative", "tenses"]
    );
    assert_eq!(
        list(app, "/api/v1/catalog/de/grammar-topics?level=A1").await,
        ["cases"]
    );
    // A draft exercise is not listed.
    app.exec("UPDATE exercises SET status = 'draft' WHERE slug = 'e2'")
        .await;
    assert_eq!(list(app, &format!("{ex}?topic=dative")).await, ["e1"]);

    for (path, field) in [
        (format!("{ex}?level=D1"), "level"),
        (format!("{ex}?type=essay"), "type"),
        (format!("{sc}?category=party"), "category"),
        (format!("{sc}?level=Z9"), "level"),
        (
            "/api/v1/catalog/de/grammar-topics?level=A7".to_owned(),
            "level",
        ),
        ("/api/v1/catalog/de/courses?level=X".to_owned(), "level"),
        (
            "/api/v1/catalog/de/assessments?type=quiz".to_owned(),
            "type",
        ),
    ] {
        let (s, v) = app.call(Method::GET, &path, None, None).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {v}");
        assert!(v["error"]["details"][field].is_array(), "{path}: {v}");
    }
}
