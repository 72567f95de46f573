//! Every shipped pack survives import then export unchanged, re-importing
//! updates in place, and a pack that fails halfway stores nothing; on
//! SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use glossa_core::pack::{Achievement, Criteria, Manifest, Pack};
use glossa_store::catalog::{export_pack, import_pack};
use glossa_store::{DatabaseConnection, migrate};
use sea_orm::{ConnectionTrait, Database, Statement};

/// The shipped packs (`GLOSSA_TEST_CONTENT` points elsewhere, e.g. to try
/// one pack alone).
fn content_dir() -> PathBuf {
    std::env::var("GLOSSA_TEST_CONTENT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content"))
}

fn shipped_packs() -> Vec<Pack> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(content_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("pack.toml").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "content/ has packs");
    dirs.iter()
        .map(|d| {
            glossa_lang::read_pack(d)
                .unwrap_or_else(|e| panic!("{}: {e}", d.display()))
                .0
        })
        .collect()
}

async fn sqlite() -> (DatabaseConnection, PathBuf) {
    let dir = std::env::temp_dir().join(format!("glossa-packs-{}", uuid::Uuid::now_v7()));
    let db = glossa_store::connect(None, &dir, &Default::default())
        .await
        .unwrap();
    migrate::up(&db, None).await.unwrap();
    (db, dir)
}

async fn postgres() -> Option<(DatabaseConnection, DatabaseConnection, String)> {
    let Ok(admin_url) = std::env::var("GLOSSA_TEST_POSTGRES") else {
        assert!(
            std::env::var("CI").map(|v| v != "true").unwrap_or(true),
            "CI=true requires GLOSSA_TEST_POSTGRES"
        );
        eprintln!("GLOSSA_TEST_POSTGRES unset: PostgreSQL variant not run");
        return None;
    };
    let admin = Database::connect(&admin_url).await.unwrap();
    let name = format!("glossa_packs_{}", uuid::Uuid::now_v7().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let base = admin_url.rsplit_once('/').unwrap().0;
    let db = Database::connect(format!("{base}/{name}")).await.unwrap();
    migrate::up(&db, None).await.unwrap();
    Some((admin, db, name))
}

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

const TABLES: &[&str] = &[
    "words",
    "word_meanings",
    "word_forms",
    "word_levels",
    "word_relations",
    "word_examples",
    "grammar_topics",
    "exercises",
    "scenarios",
    "courses",
    "lessons",
    "lesson_items",
    "assessments",
    "assessment_questions",
    "achievements",
];

async fn counts(db: &DatabaseConnection) -> Vec<i64> {
    let mut out = Vec::new();
    for t in TABLES {
        out.push(count(db, t).await);
    }
    out
}

async fn roundtrip(db: &DatabaseConnection) {
    let packs = shipped_packs();
    let now = chrono::Utc::now();
    for pack in &packs {
        let report = import_pack(db, pack, now, &|_, _| {}).await.unwrap();
        assert!(
            report.created > 0 && report.updated == 0,
            "{}: {report:?}",
            pack.manifest.slug
        );
    }
    let before = counts(db).await;
    for pack in &packs {
        let exported = export_pack(db, pack.manifest.clone()).await.unwrap();
        let (a, b) = (pack.normalized(), exported.normalized());
        assert_eq!(a.words, b.words, "{}: words", pack.manifest.slug);
        assert_eq!(
            a, b,
            "{}: export differs from the shipped pack",
            pack.manifest.slug
        );
        // The exported pack written to disk reads back the same.
        let dir = std::env::temp_dir().join(format!("glossa-export-{}", uuid::Uuid::now_v7()));
        glossa_lang::write_pack(&exported, &dir).unwrap();
        let (reread, _) = glossa_lang::read_pack(&dir).unwrap();
        assert_eq!(reread.normalized(), b);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    // Idempotent: a second import updates in place and duplicates nothing.
    for pack in &packs {
        let report = import_pack(db, pack, now, &|_, _| {}).await.unwrap();
        assert_eq!(
            report.created, 0,
            "{}: second import created rows",
            pack.manifest.slug
        );
    }
    assert_eq!(counts(db).await, before);
}

/// A pack that passes validation but fails in the database half-way
/// through leaves nothing behind.
async fn all_or_nothing(db: &DatabaseConnection) {
    let mut pack = shipped_packs()
        .into_iter()
        .find(|p| !p.words.is_empty())
        .unwrap();
    pack.achievements.push(Achievement {
        slug: "too-big".into(),
        name: "Too big".into(),
        description: "criteria value does not fit the column".into(),
        category: "activity".into(),
        tier: "gold".into(),
        points: 10,
        icon: None,
        color: None,
        criteria: Criteria {
            criteria_type: "xp_total".into(),
            value: 1 << 40,
            metadata: serde_json::Value::Null,
        },
    });
    let before = counts(db).await;
    let err = import_pack(db, &pack, chrono::Utc::now(), &|_, _| {}).await;
    assert!(err.is_err());
    assert_eq!(counts(db).await, before, "a failed import stored nothing");
    let empty = Pack {
        manifest: Manifest {
            format: 1,
            language: "de".into(),
            ..Manifest::default()
        },
        ..Pack::default()
    };
    assert!(
        import_pack(db, &empty, chrono::Utc::now(), &|_, _| {})
            .await
            .is_err(),
        "an invalid manifest is refused"
    );
}

#[tokio::test]
async fn sqlite_packs_roundtrip() {
    let (db, dir) = sqlite().await;
    all_or_nothing(&db).await;
    roundtrip(&db).await;
    db.close().await.unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn postgres_packs_roundtrip() {
    let Some((admin, db, name)) = postgres().await else {
        return;
    };
    all_or_nothing(&db).await;
    roundtrip(&db).await;
    db.close().await.unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await
        .unwrap();
}
