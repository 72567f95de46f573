//! `glossa import csv|anki --cards-for EMAIL`: entries become one learner's
//! custom cards, not catalog words.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "cli/support.rs"]
#[allow(dead_code)]
mod support;

use std::path::PathBuf;

use sea_orm::{ConnectionTrait, Database, Statement};
use support::{Env, block};

fn count(env: &Env, sql: &str) -> i64 {
    let url = format!("sqlite://{}", env.dir.join("data/glossa.db").display());
    let sql = sql.to_owned();
    block(async move {
        let db = Database::connect(&url).await.unwrap();
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    })
}

#[test]
fn csv_entries_become_custom_cards() {
    let env = Env::sqlite();
    env.ok(&["migrate", "up"], &[]);
    env.ok(
        &["user", "create", "--email", "learner@example.com"],
        &[("GLOSSA_USER_PASSWORD", "a long enough password")],
    );
    let file = env.dir.join("words.csv");
    std::fs::write(
        &file,
        "word,translation,level\nder Hund,dog,A1\ndie Katze,cat,A1\nder Hund,hound,A1\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let out = env.ok(
        &[
            "import",
            "csv",
            f,
            "--language",
            "de",
            "--cards-for",
            "learner@example.com",
        ],
        &[],
    );
    assert!(out.contains("added 2 custom card(s)"), "{out}");
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(*) AS n FROM cards WHERE item_type = 'custom'"
        ),
        2
    );
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(*) AS n FROM cards WHERE front = 'der Hund' AND back LIKE '%dog%' AND back LIKE '%hound%'"
        ),
        1
    );
    assert_eq!(
        count(&env, "SELECT COUNT(*) AS n FROM words"),
        0,
        "nothing went into the catalog"
    );
    let err = env.fails(
        &[
            "import",
            "csv",
            f,
            "--language",
            "de",
            "--cards-for",
            "nobody@example.com",
        ],
        &[],
    );
    assert!(
        err.contains("no user with the email nobody@example.com"),
        "{err}"
    );
    assert_eq!(count(&env, "SELECT COUNT(*) AS n FROM cards"), 2);
}

#[test]
fn anki_notes_become_custom_cards_with_their_deck() {
    let Ok(dir) = std::env::var("GLOSSA_TEST_DATA") else {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "CI=true requires GLOSSA_TEST_DATA"
        );
        return;
    };
    let deck = PathBuf::from(dir).join("anki-apkg-export/output.apkg");
    let env = Env::sqlite();
    env.ok(&["migrate", "up"], &[]);
    env.ok(
        &["user", "create", "--email", "learner@example.com"],
        &[("GLOSSA_USER_PASSWORD", "a long enough password")],
    );
    let out = env.ok(
        &[
            "import",
            "anki",
            deck.to_str().unwrap(),
            "--language",
            "de",
            "--cards-for",
            "learner@example.com",
        ],
        &[],
    );
    assert!(out.contains("custom card(s)"), "{out}");
    let n = count(
        &env,
        "SELECT COUNT(*) AS n FROM cards WHERE item_type = 'custom' AND personal_note LIKE 'deck: %'",
    );
    assert!(n >= 1, "{out}");
    assert_eq!(count(&env, "SELECT COUNT(*) AS n FROM words"), 0);
}
