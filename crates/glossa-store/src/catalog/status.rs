//! Publishing, archiving and deleting catalog items. Content that learners
//! have used cannot be deleted from under them: the database refuses
//! (foreign keys with RESTRICT) and the item is archived instead.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait, Value};
use uuid::Uuid;

use crate::error::{StoreError, StoreResult};
use crate::repo::placeholders;

/// Kinds of catalog items addressed by language and slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// grammar_topics
    Topic,
    /// exercises
    Exercise,
    /// scenarios
    Scenario,
    /// courses
    Course,
    /// lessons
    Lesson,
    /// assessments
    Assessment,
}

impl Kind {
    /// Parse the path segment used by the API.
    pub fn from_path(s: &str) -> Option<Kind> {
        Some(match s {
            "grammar-topics" => Kind::Topic,
            "exercises" => Kind::Exercise,
            "scenarios" => Kind::Scenario,
            "courses" => Kind::Course,
            "lessons" => Kind::Lesson,
            "assessments" => Kind::Assessment,
            _ => return None,
        })
    }

    fn table(self) -> &'static str {
        match self {
            Kind::Topic => "grammar_topics",
            Kind::Exercise => "exercises",
            Kind::Scenario => "scenarios",
            Kind::Course => "courses",
            Kind::Lesson => "lessons",
            Kind::Assessment => "assessments",
        }
    }
}

/// Where an item is: by slug in a language, or a word by id.
#[derive(Debug, Clone)]
pub enum Target {
    /// A slugged item.
    Slug(Kind, String, String),
    /// A word.
    Word(Uuid),
}

impl Target {
    fn table_and_filter(&self) -> (&'static str, String, Vec<Value>) {
        match self {
            Target::Slug(kind, lang, slug) => (
                kind.table(),
                "language = $2 AND slug = $3".to_owned(),
                vec![lang.clone().into(), slug.clone().into()],
            ),
            Target::Word(id) => ("words", "id = $2".to_owned(), vec![(*id).into()]),
        }
    }
}

/// Set the publication status (draft, published, archived); false if there
/// is no such item.
pub async fn set_status(
    db: &impl ConnectionTrait,
    target: &Target,
    status: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let (table, filter, mut vals) = target.table_and_filter();
    // The timestamp is the last parameter.
    let n = vals.len() + 2;
    let published = if matches!(table, "courses" | "lessons") {
        format!(", published_at = CASE WHEN $1 = 'published' THEN ${n} ELSE published_at END")
    } else {
        String::new()
    };
    let sql =
        format!("UPDATE {table} SET status = $1, updated_at = ${n}{published} WHERE {filter}");
    let mut all: Vec<Value> = vec![status.into()];
    all.append(&mut vals);
    all.push(now.into());
    let backend = db.get_database_backend();
    let res = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, &sql),
            all,
        ))
        .await?;
    Ok(res.rows_affected() > 0)
}

/// What a removal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Removal {
    /// The item is gone.
    Deleted,
    /// Learners use it: it was archived instead.
    Archived,
}

/// Delete an item, or archive it when learners' data refers to it.
pub async fn delete_or_archive(
    db: &DatabaseConnection,
    target: &Target,
    now: DateTime<Utc>,
) -> StoreResult<Option<Removal>> {
    let (table, filter, vals) = target.table_and_filter();
    let sql = format!(
        "DELETE FROM {table} WHERE {}",
        filter.replace("$2", "$1").replace("$3", "$2")
    );
    let backend = db.get_database_backend();
    let txn = db.begin().await?;
    let res = txn
        .execute_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, &sql),
            vals,
        ))
        .await
        .map_err(StoreError::from);
    match res {
        Ok(r) if r.rows_affected() == 0 => Ok(None),
        Ok(_) => {
            txn.commit().await?;
            Ok(Some(Removal::Deleted))
        }
        Err(StoreError::ForeignKey(_)) => {
            txn.rollback().await?;
            if set_status(db, target, "archived", now).await? {
                Ok(Some(Removal::Archived))
            } else {
                Ok(None)
            }
        }
        Err(e) => Err(e),
    }
}
