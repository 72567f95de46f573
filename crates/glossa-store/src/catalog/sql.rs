//! Small dynamic-SQL helpers for the catalog importer and exporter, built
//! with sea-query so that each statement renders for both backends.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, QueryResult, Value};
use uuid::Uuid;

use crate::error::StoreResult;

/// A column name and its value.
pub type Col = (&'static str, Value);

/// Run a SELECT built with sea-query.
pub async fn rows(
    db: &impl ConnectionTrait,
    q: &sea_orm::sea_query::SelectStatement,
) -> StoreResult<Vec<QueryResult>> {
    Ok(db.query_all(q).await?)
}

fn conditions(keys: &[Col]) -> SimpleExpr {
    let mut cond: Option<SimpleExpr> = None;
    for (k, v) in keys {
        let e = Expr::col(Alias::new(*k)).eq(Expr::val(v.clone()));
        cond = Some(match cond {
            Some(c) => c.and(e),
            None => e,
        });
    }
    cond.unwrap_or_else(|| Expr::value(true))
}

/// The id of the row of `table` matching all `keys`.
pub async fn find_id(
    db: &impl ConnectionTrait,
    table: &'static str,
    keys: &[Col],
) -> StoreResult<Option<Uuid>> {
    let q = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new(table))
        .and_where(conditions(keys))
        .to_owned();
    match db.query_one(&q).await? {
        Some(row) => Ok(Some(row.try_get::<Uuid>("", "id")?)),
        None => Ok(None),
    }
}

/// Update the row matching `keys` or insert a new one; returns its id and
/// whether it was created.
pub async fn upsert(
    db: &impl ConnectionTrait,
    table: &'static str,
    keys: Vec<Col>,
    cols: Vec<Col>,
    now: DateTime<Utc>,
) -> StoreResult<(Uuid, bool)> {
    if let Some(id) = find_id(db, table, &keys).await? {
        let mut q = Query::update();
        q.table(Alias::new(table));
        for (k, v) in cols {
            q.value(Alias::new(k), v);
        }
        q.value(Alias::new("updated_at"), now);
        q.and_where(Expr::col(Alias::new("id")).eq(id));
        db.execute(&q).await?;
        return Ok((id, false));
    }
    let id = Uuid::now_v7();
    insert(db, table, id, keys.into_iter().chain(cols).collect(), now).await?;
    Ok((id, true))
}

/// Insert a row with the given id and timestamps.
pub async fn insert(
    db: &impl ConnectionTrait,
    table: &'static str,
    id: Uuid,
    cols: Vec<Col>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut names = vec![Alias::new("id")];
    let mut values: Vec<SimpleExpr> = vec![Expr::val(id)];
    for (k, v) in cols {
        names.push(Alias::new(k));
        values.push(Expr::val(v));
    }
    names.push(Alias::new("created_at"));
    values.push(Expr::val(now));
    names.push(Alias::new("updated_at"));
    values.push(Expr::val(now));
    let mut q = Query::insert();
    q.into_table(Alias::new(table)).columns(names);
    q.values(values)
        .map_err(|e| crate::StoreError::Constraint(format!("insert into {table}: {e}")))?;
    db.execute(&q).await?;
    Ok(())
}

/// Delete the rows of `table` whose `column` equals `id`.
pub async fn delete_where(
    db: &impl ConnectionTrait,
    table: &'static str,
    column: &'static str,
    id: Uuid,
) -> StoreResult<()> {
    let q = Query::delete()
        .from_table(Alias::new(table))
        .and_where(Expr::col(Alias::new(column)).eq(id))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// A JSON value.
pub fn json(v: impl serde::Serialize) -> Value {
    Value::Json(serde_json::to_value(v).ok().map(Box::new))
}

/// An optional string.
pub fn opt(v: &Option<String>) -> Value {
    Value::String(v.clone())
}

/// A string.
pub fn s(v: &str) -> Value {
    Value::String(Some(v.to_owned()))
}
