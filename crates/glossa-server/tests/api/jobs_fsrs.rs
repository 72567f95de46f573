//! The per-learner FSRS optimisation job on a real review history (the
//! shared review log, replayed as one learner's cards and reviews): the fit
//! is stored with its evaluation and used only if it beats the defaults.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait, Value};
use uuid::Uuid;

use crate::common::{Backend, TestApp, postgres_available};

fn sql(backend: DbBackend, s: &str) -> String {
    if backend == DbBackend::Sqlite {
        s.replace('$', "?")
    } else {
        s.to_owned()
    }
}

/// Loads the first `limit` reviews of the shared log as the learner's.
async fn load_history(app: &TestApp, user: Uuid, limit: usize) -> usize {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/review_logs_josh.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let backend = app.db.get_database_backend();
    let tx = app.db.begin().await.unwrap();
    let mut cards: HashMap<String, Uuid> = HashMap::new();
    let mut n = 0;
    for line in text.lines().skip(1).take(limit) {
        let f: Vec<&str> = line.split(',').collect();
        let at: DateTime<Utc> = DateTime::parse_from_rfc3339(f[2])
            .unwrap()
            .with_timezone(&Utc);
        let rating: i32 = f[1].parse().unwrap();
        let card = match cards.get(f[0]) {
            Some(c) => *c,
            None => {
                let id = Uuid::now_v7();
                let values: Vec<Value> = vec![
                    id.into(),
                    user.into(),
                    format!("card {}", f[0]).into(),
                    at.into(),
                ];
                tx.execute_raw(Statement::from_sql_and_values(backend, sql(backend,
                    "INSERT INTO cards (id, user_id, language, item_type, front, back, algorithm, state, step, due, created_at, updated_at) \
                     VALUES ($1, $2, 'de', 'custom', $3, 'back', 'fsrs', 'new', 0, $4, $4, $4)"), values)).await.unwrap();
                cards.insert(f[0].to_owned(), id);
                id
            }
        };
        let values: Vec<Value> = vec![
            Uuid::now_v7().into(),
            card.into(),
            user.into(),
            rating.into(),
            (rating > 1).into(),
            at.into(),
        ];
        tx.execute_raw(Statement::from_sql_and_values(backend, sql(backend,
            "INSERT INTO reviews (id, card_id, user_id, rating, was_correct, reviewed_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)"), values)).await.unwrap();
        n += 1;
    }
    tx.commit().await.unwrap();
    n
}

async fn fsrs_fit_job(backend: Backend) {
    let app = TestApp::spawn(backend, |_| {}).await;
    let (_, id) = app.register("reviewer@example.com").await;
    let (_, few) = app.register("beginner@example.com").await;
    let user: Uuid = id.parse().unwrap();
    let reviews = load_history(&app, user, 4000).await;
    load_history(&app, few.parse().unwrap(), 30).await;
    let (tx, server) = app
        .worker_server(|jobs| {
            jobs.tick_ms = 50;
            jobs.fsrs_min_reviews = 400;
        })
        .await;
    let mut row = None;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        row = app
            .db
            .query_one_raw(Statement::from_string(
                app.db.get_database_backend(),
                "SELECT user_id, parameters, review_count, log_loss_before, log_loss_after, rmse_before, rmse_after, in_use \
                 FROM fsrs_parameters",
            ))
            .await
            .unwrap();
        if row.is_some() {
            break;
        }
    }
    let _ = tx.send(());
    server.await.unwrap();
    let row = row.expect("the optimisation job stored a fit");
    assert_eq!(
        row.try_get::<Uuid>("", "user_id").unwrap(),
        user,
        "only the learner with enough reviews"
    );
    assert_eq!(
        row.try_get::<i32>("", "review_count").unwrap() as usize,
        reviews
    );
    let params: serde_json::Value = row.try_get("", "parameters").unwrap();
    assert_eq!(params.as_array().unwrap().len(), 21);
    let before: f64 = row.try_get("", "log_loss_before").unwrap();
    let after: f64 = row.try_get("", "log_loss_after").unwrap();
    let rmse_before: f64 = row.try_get("", "rmse_before").unwrap();
    let rmse_after: f64 = row.try_get("", "rmse_after").unwrap();
    assert!(
        before > 0.2 && before < 1.0 && after > 0.2 && after < 1.0,
        "{before} {after}"
    );
    let in_use: bool = row.try_get("", "in_use").unwrap();
    assert_eq!(in_use, after < before && rmse_after <= rmse_before);
    assert_eq!(app.count("fsrs_parameters").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fsrs_fit_job_sqlite() {
    fsrs_fit_job(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fsrs_fit_job_postgres() {
    if postgres_available() {
        fsrs_fit_job(Backend::Postgres).await;
    }
}
