//! Gamification: achievements evaluated as activities are recorded,
//! weekly leagues with their rollover, progress snapshots, the activity
//! heatmap and the learner's headline figures. Every function takes any
//! connection or transaction.

pub mod achievements;
pub mod figures;
pub mod heatmap;
pub mod leagues;
pub mod snapshots;
pub mod standings;
pub mod tally;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, QueryResult, Statement, Value};

use crate::error::StoreResult;
use crate::learning::schedule::LearnerSchedule;
use crate::repo::placeholders;

/// Runs after each recorded activity (inside its transaction): the
/// learner joins this week's league and achievements are evaluated. An
/// "achievement" activity (recorded by the evaluation itself) does nothing.
pub async fn after_activity(
    db: &impl ConnectionTrait,
    schedule: &LearnerSchedule,
    kind: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if kind == "achievement" {
        return Ok(());
    }
    leagues::join(db, schedule, now).await?;
    achievements::evaluate(db, schedule, now).await?;
    Ok(())
}

pub(crate) async fn exec(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> StoreResult<u64> {
    let backend = db.get_database_backend();
    Ok(db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            values,
        ))
        .await?
        .rows_affected())
}

pub(crate) async fn rows(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> StoreResult<Vec<QueryResult>> {
    let backend = db.get_database_backend();
    Ok(db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            values,
        ))
        .await?)
}

pub(crate) async fn one(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> StoreResult<Option<QueryResult>> {
    let backend = db.get_database_backend();
    Ok(db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            values,
        ))
        .await?)
}
