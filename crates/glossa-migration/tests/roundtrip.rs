//! Every migration goes up, all the way down and up again on both backends,
//! and the schema after the second `up` is identical to the first.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use glossa_migration::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

async fn schema_dump(db: &DatabaseConnection) -> Vec<String> {
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm_migration::sea_orm::DbBackend::Sqlite => {
            "SELECT type || ' ' || name || ' ' || coalesce(sql, '') AS line FROM sqlite_master \
             WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
        }
        _ => {
            "SELECT line FROM (\
               SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || \
                      is_nullable || ' ' || coalesce(column_default, '') AS line \
               FROM information_schema.columns WHERE table_schema = 'public' \
               UNION ALL \
               SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' \
               UNION ALL \
               SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) \
               FROM pg_constraint WHERE connamespace = 'public'::regnamespace\
             ) s ORDER BY line"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .expect("schema query");
    rows.iter()
        .map(|r| r.try_get::<String>("", "line").expect("line"))
        .collect()
}

async fn roundtrip(db: &DatabaseConnection) {
    Migrator::up(db, None).await.expect("up");
    let first = schema_dump(db).await;
    assert!(
        first.iter().any(|l| l.contains("users")),
        "users table exists"
    );
    let applied = Migrator::get_applied_migrations(db).await.expect("applied");
    assert_eq!(applied.len(), Migrator::migrations().len());

    Migrator::down(db, None).await.expect("down all");
    let empty = schema_dump(db).await;
    assert!(
        empty.iter().all(|l| l.contains("seaql_migrations")),
        "only the migration table is left after down: {empty:?}"
    );

    Migrator::up(db, None).await.expect("up again");
    let second = schema_dump(db).await;
    assert_eq!(first, second, "schema after down/up differs");

    // Step down one at a time and back up one at a time.
    for _ in 0..Migrator::migrations().len() {
        Migrator::down(db, Some(1)).await.expect("down 1");
    }
    for _ in 0..Migrator::migrations().len() {
        Migrator::up(db, Some(1)).await.expect("up 1");
    }
    assert_eq!(
        first,
        schema_dump(db).await,
        "schema after stepwise down/up differs"
    );
}

#[tokio::test]
async fn sqlite_up_down_up() {
    let dir = std::env::temp_dir().join(format!("glossa-mig-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.join("t.db").display());
    let db = Database::connect(&url).await.expect("connect sqlite");
    db.execute_unprepared("PRAGMA foreign_keys = ON")
        .await
        .expect("fk");
    roundtrip(&db).await;
    db.close().await.expect("close");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

/// A fresh PostgreSQL database, or `None` when none is configured (an
/// error under `CI=true`).
async fn pg_database() -> Option<(DatabaseConnection, DatabaseConnection, String)> {
    let Ok(admin_url) = std::env::var("GLOSSA_TEST_POSTGRES") else {
        eprintln!("GLOSSA_TEST_POSTGRES not set: PostgreSQL part not run");
        assert!(
            std::env::var("CI").map(|v| v != "true").unwrap_or(true),
            "CI=true requires GLOSSA_TEST_POSTGRES"
        );
        return None;
    };
    let admin = Database::connect(&admin_url)
        .await
        .expect("connect postgres");
    let name = format!("glossa_mig_{}", uuid::Uuid::now_v7().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create db");
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .expect("url with database");
    let db = Database::connect(format!("{base}/{name}"))
        .await
        .expect("connect test db");
    Some((admin, db, name))
}

async fn drop_pg(admin: &DatabaseConnection, name: &str) {
    admin
        .execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await
        .expect("drop db");
}

#[tokio::test]
async fn postgres_up_down_up() {
    let Some((admin, db, name)) = pg_database().await else {
        return;
    };
    roundtrip(&db).await;
    db.close().await.expect("close");
    drop_pg(&admin, &name).await;
}

/// The tables of `shared/SCHEMA.md`, section by section.
const SCHEMA_TABLES: &[&str] = &[
    // Identity and settings
    "users",
    "user_settings",
    "auth_sessions",
    "api_tokens",
    "passkey_credentials",
    "learner_languages",
    // Catalog
    "words",
    "word_meanings",
    "word_forms",
    "word_levels",
    "word_relations",
    "word_examples",
    "grammar_topics",
    "grammar_rules",
    "exercises",
    "courses",
    "lessons",
    "lesson_items",
    "scenarios",
    "assessments",
    "assessment_questions",
    "achievements",
    "confusion_pairs",
    // Learning activity
    "cards",
    "reviews",
    "word_progress",
    "grammar_progress",
    "vocabulary_lists",
    "vocabulary_list_words",
    "flashcard_sessions",
    "quizzes",
    "practice_sessions",
    "exercise_attempts",
    "assessment_attempts",
    "lesson_progress",
    // Conversations
    "conversations",
    "messages",
    // Corrections and error profile
    "error_logs",
    "user_error_patterns",
    "user_confusion_pairs",
    "personal_dictionary",
    "documents",
    "folders",
    // Memory of the learner
    "memory_profiles",
    "memory_notes",
    "memory_events",
    "memory_consolidations",
    // Progress, gamification, operations
    "user_stats",
    "activity_events",
    "user_achievements",
    "progress_snapshots",
    "jobs",
];

/// Tables the schema adds beside SCHEMA.md's, each for a stated reason.
const EXTRA_TABLES: &[&str] = &[
    "seaql_migrations",   // the migrator's own bookkeeping
    "rate_limits",        // login/registration limits shared by all instances
    "fsrs_parameters",    // per-learner fitted FSRS parameters
    "league_memberships", // weekly XP leagues
];

async fn table_names(db: &DatabaseConnection) -> Vec<String> {
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm_migration::sea_orm::DbBackend::Sqlite => {
            "SELECT name AS line FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        _ => {
            "SELECT table_name::text AS line FROM information_schema.tables \
             WHERE table_schema = 'public' ORDER BY table_name"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .expect("tables");
    rows.iter()
        .map(|r| r.try_get::<String>("", "line").expect("name"))
        .collect()
}

async fn tables_match_schema(db: &DatabaseConnection) {
    Migrator::up(db, None).await.expect("up");
    let mut expected: Vec<String> = SCHEMA_TABLES
        .iter()
        .chain(EXTRA_TABLES)
        .map(|s| (*s).to_owned())
        .collect();
    expected.sort();
    assert_eq!(table_names(db).await, expected);
}

#[tokio::test]
async fn sqlite_tables_match_schema_md() {
    let dir = std::env::temp_dir().join(format!("glossa-mig-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.join("t.db").display());
    let db = Database::connect(&url).await.expect("connect sqlite");
    tables_match_schema(&db).await;
    db.close().await.expect("close");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn postgres_tables_match_schema_md() {
    let Some((admin, db, name)) = pg_database().await else {
        return;
    };
    tables_match_schema(&db).await;
    db.close().await.expect("close");
    drop_pg(&admin, &name).await;
}
