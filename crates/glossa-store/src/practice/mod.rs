//! Practice runs, all kept in the database so that any server process can
//! continue one another started: vocabulary quizzes (`quiz`), flashcard
//! sessions (`flashcards`) and grammar practice (`grammar`). `words` draws
//! published words with the filters quizzes and flashcards share.

pub mod flashcards;
pub mod grammar;
mod grammar_view;
mod questions;
pub mod quiz;
pub mod words;

use sea_orm::{ConnectionTrait, DbErr, QueryResult, Statement, Value};
use uuid::Uuid;

use crate::error::{StoreError, StoreResult};
use crate::repo::placeholders;

/// Failures of a practice operation.
#[derive(Debug, thiserror::Error)]
pub enum PracticeError {
    /// Storage failed (including "no such run" for another learner's run).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A field of the request cannot be used: (field, message).
    #[error("{0}: {1}")]
    Invalid(&'static str, String),
    /// The run is in a state that refuses the request (finished, answered).
    #[error("{0}")]
    Conflict(String),
}

impl From<DbErr> for PracticeError {
    fn from(e: DbErr) -> Self {
        Self::Store(e.into())
    }
}

/// Result of a practice operation.
pub type PracticeResult<T> = Result<T, PracticeError>;

fn statement(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Statement {
    let backend = db.get_database_backend();
    Statement::from_sql_and_values(backend, placeholders(backend, sql), values)
}

pub(crate) async fn exec(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> StoreResult<u64> {
    Ok(db
        .execute_raw(statement(db, sql, values))
        .await?
        .rows_affected())
}

pub(crate) async fn one(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> StoreResult<Option<QueryResult>> {
    Ok(db.query_one_raw(statement(db, sql, values)).await?)
}

pub(crate) async fn all(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> StoreResult<Vec<QueryResult>> {
    Ok(db.query_all_raw(statement(db, sql, values)).await?)
}

/// Takes the row lock of the caller's run in `table` (and SQLite's write
/// lock) so that concurrent answers run one after the other; `NotFound`
/// when the run is not the caller's.
pub(crate) async fn lock(
    db: &impl ConnectionTrait,
    table: &'static str,
    id: Uuid,
    user_id: Uuid,
) -> StoreResult<()> {
    let sql = format!("UPDATE {table} SET status = status WHERE id = $1 AND user_id = $2");
    if exec(db, &sql, vec![id.into(), user_id.into()]).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Reads a JSON column into a type.
pub(crate) fn json_col<T: serde::de::DeserializeOwned>(
    row: &QueryResult,
    col: &str,
) -> StoreResult<T> {
    let v: Option<serde_json::Value> = row.try_get("", col)?;
    let v = v.unwrap_or(serde_json::Value::Null);
    // SQLite may hand back the JSON as a string.
    let v = match v {
        serde_json::Value::String(s) => serde_json::from_str(&s)
            .map_err(|e| StoreError::Constraint(format!("{col} is not JSON: {e}")))?,
        v => v,
    };
    serde_json::from_value(v).map_err(|e| StoreError::Constraint(format!("{col}: {e}")))
}

/// Serialises a value for a JSON column.
pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> StoreResult<serde_json::Value> {
    serde_json::to_value(v).map_err(|e| StoreError::Constraint(format!("not serialisable: {e}")))
}

/// Converts a count to the `integer` columns.
pub(crate) fn int(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// A small xorshift generator seeded from a run's id, to shuffle options
/// repeatably without a dependency.
pub(crate) struct Shuffler(u64);

impl Shuffler {
    pub(crate) fn new(seed: Uuid) -> Self {
        let (hi, lo) = seed.as_u64_pair();
        Self((hi ^ lo.rotate_left(17)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Fisher-Yates.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = usize::try_from(self.next() % (i as u64 + 1)).unwrap_or(0);
            items.swap(i, j);
        }
    }
}
