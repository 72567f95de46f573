//! Storage errors, classified so that callers can answer 404/409/422
//! instead of 500.

use sea_orm::{DbErr, RuntimeErr, sqlx};

/// What went wrong in a storage call.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist (or is not the caller's).
    #[error("not found")]
    NotFound,
    /// A unique constraint was violated; holds the constraint or index name.
    #[error("already exists ({0})")]
    Conflict(String),
    /// A foreign key was violated: a referenced row is missing or in use.
    #[error("referenced row missing or in use ({0})")]
    ForeignKey(String),
    /// A CHECK or NOT NULL constraint rejected the row.
    #[error("value rejected by constraint ({0})")]
    Constraint(String),
    /// Any other database failure: a 5xx for the caller.
    #[error("database error: {0}")]
    Db(#[source] DbErr),
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        let database_error = match &err {
            DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
                e.as_database_error()
            }
            _ => None,
        };
        let Some(db) = database_error else {
            if matches!(err, DbErr::RecordNotFound(_)) {
                return StoreError::NotFound;
            }
            return StoreError::Db(err);
        };
        let name = db
            .constraint()
            .map(str::to_owned)
            .unwrap_or_else(|| db.message().to_owned());
        match db.kind() {
            sqlx::error::ErrorKind::UniqueViolation => StoreError::Conflict(name),
            sqlx::error::ErrorKind::ForeignKeyViolation => StoreError::ForeignKey(name),
            sqlx::error::ErrorKind::CheckViolation | sqlx::error::ErrorKind::NotNullViolation => {
                StoreError::Constraint(name)
            }
            // SQLite reports an ON DELETE RESTRICT refusal as a trigger
            // constraint (extended code 1811), not as a foreign-key kind.
            _ if db.message().contains("FOREIGN KEY constraint failed") => {
                StoreError::ForeignKey(name)
            }
            _ => StoreError::Db(err),
        }
    }
}

/// Result of a storage call.
pub type StoreResult<T> = Result<T, StoreError>;

/// Turn an `Option` from a lookup into `NotFound`.
pub trait OrNotFound<T> {
    /// `Some(x)` becomes `Ok(x)`, `None` becomes `Err(StoreError::NotFound)`.
    fn or_not_found(self) -> StoreResult<T>;
}

impl<T> OrNotFound<T> for Option<T> {
    fn or_not_found(self) -> StoreResult<T> {
        self.ok_or(StoreError::NotFound)
    }
}
