//! Reading and managing one learner's cards: get, list, suspend, bury
//! until the learner's next day, reset to new, change the scheduler of one
//! card or of a whole deck (a language, optionally one item type).

use chrono::{DateTime, Utc};
use glossa_core::srs::Algorithm;
use sea_orm::{ConnectionTrait, Statement, Value};
use uuid::Uuid;

use super::{CARD_COLUMNS, CARD_JOINS, Card, card_from_row};
use crate::error::{StoreError, StoreResult};
use crate::repo::placeholders;

/// One of the learner's cards.
#[tracing::instrument(skip_all, err)]
pub async fn get(db: &impl ConnectionTrait, user_id: Uuid, card_id: Uuid) -> StoreResult<Card> {
    let backend = db.get_database_backend();
    let sql = format!("SELECT {CARD_COLUMNS} {CARD_JOINS} WHERE c.id = $1 AND c.user_id = $2");
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, &sql),
            [card_id.into(), user_id.into()],
        ))
        .await?
        .ok_or(StoreError::NotFound)?;
    card_from_row(&row)
}

/// Filters for listing cards.
#[derive(Debug, Clone, Default)]
pub struct CardFilter {
    /// Only this language.
    pub language: Option<String>,
    /// Only this state.
    pub state: Option<String>,
    /// Only this item type.
    pub item_type: Option<String>,
    /// Only leeches.
    pub leech: Option<bool>,
    /// Only suspended (or only not suspended) cards.
    pub suspended: Option<bool>,
    /// Cards created after this id (cursor).
    pub after: Option<Uuid>,
    /// At most this many.
    pub limit: u64,
}

/// The learner's cards in the order they were added (ids are time-ordered).
#[tracing::instrument(skip_all, err)]
pub async fn list(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    f: &CardFilter,
) -> StoreResult<Vec<Card>> {
    let backend = db.get_database_backend();
    let mut sql = format!("SELECT {CARD_COLUMNS} {CARD_JOINS} WHERE c.user_id = $1");
    let mut values: Vec<Value> = vec![user_id.into()];
    let mut push = |cond: &str, v: Value| {
        values.push(v);
        sql.push_str(&format!(" AND {cond} ${}", values.len()));
    };
    if let Some(l) = &f.language {
        push("c.language =", l.clone().into());
    }
    if let Some(s) = &f.state {
        push("c.state =", s.clone().into());
    }
    if let Some(t) = &f.item_type {
        push("c.item_type =", t.clone().into());
    }
    if let Some(b) = f.leech {
        push("c.is_leech =", b.into());
    }
    if let Some(b) = f.suspended {
        push("c.suspended =", b.into());
    }
    if let Some(a) = f.after {
        push("c.id >", a.into());
    }
    sql.push_str(&format!(" ORDER BY c.id LIMIT {}", f.limit.clamp(1, 500)));
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, &sql),
            values,
        ))
        .await?;
    rows.iter().map(card_from_row).collect()
}

async fn update(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> StoreResult<u64> {
    let backend = db.get_database_backend();
    let res = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            values,
        ))
        .await?;
    Ok(res.rows_affected())
}

fn one(n: u64) -> StoreResult<()> {
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Changes to one card.
#[derive(Debug, Clone, Default)]
pub struct CardChange {
    /// Suspend or unsuspend.
    pub suspended: Option<bool>,
    /// Another scheduler.
    pub algorithm: Option<Algorithm>,
    /// A new note (`Some(None)` clears it).
    pub personal_note: Option<Option<String>>,
}

/// Applies a change to one of the learner's cards.
#[tracing::instrument(skip_all, err)]
pub async fn change(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    card_id: Uuid,
    c: &CardChange,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut sets = vec!["updated_at = $3".to_owned()];
    let mut values: Vec<Value> = vec![card_id.into(), user_id.into(), now.into()];
    if let Some(s) = c.suspended {
        values.push(s.into());
        sets.push(format!("suspended = ${}", values.len()));
    }
    if let Some(a) = c.algorithm {
        values.push(a.as_str().into());
        sets.push(format!("algorithm = ${}", values.len()));
    }
    if let Some(n) = &c.personal_note {
        values.push(n.clone().into());
        sets.push(format!("personal_note = ${}", values.len()));
    }
    let sql = format!(
        "UPDATE cards SET {} WHERE id = $1 AND user_id = $2",
        sets.join(", ")
    );
    one(update(db, &sql, values).await?)
}

/// Hides a card until `until` (the start of the learner's next day).
pub async fn bury(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    card_id: Uuid,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let sql = "UPDATE cards SET buried_until = $3, updated_at = $4 WHERE id = $1 AND user_id = $2";
    one(update(
        db,
        sql,
        vec![card_id.into(), user_id.into(), until.into(), now.into()],
    )
    .await?)
}

/// Forgets a card's progress: new again, due now; its reviews stay.
pub async fn reset(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    card_id: Uuid,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let sql = "UPDATE cards SET state = 'new', step = 0, due = $3, stability = NULL, difficulty = NULL, \
               ease_factor = 2.5, interval_days = 0, reps = 0, lapses = 0, streak = 0, mastery = 0, \
               is_leech = FALSE, buried_until = NULL, updated_at = $3 WHERE id = $1 AND user_id = $2";
    one(update(db, sql, vec![card_id.into(), user_id.into(), now.into()]).await?)
}

/// Moves a whole deck (a language, optionally one item type) to another
/// scheduler; returns the number of cards changed.
pub async fn set_deck_algorithm(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    language: &str,
    item_type: Option<&str>,
    algorithm: Algorithm,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let mut values: Vec<Value> = vec![
        user_id.into(),
        language.into(),
        algorithm.as_str().into(),
        now.into(),
    ];
    let mut sql =
        "UPDATE cards SET algorithm = $3, updated_at = $4 WHERE user_id = $1 AND language = $2"
            .to_owned();
    if let Some(t) = item_type {
        values.push(t.into());
        sql.push_str(" AND item_type = $5");
    }
    update(db, &sql, values).await
}

/// Puts `note` on the learner's custom cards created at `created_at` that
/// have no note yet (the cards one import just added).
pub async fn note_new_custom_cards(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    note: &str,
    created_at: DateTime<Utc>,
) -> StoreResult<u64> {
    let sql = "UPDATE cards SET personal_note = $3 WHERE user_id = $1 AND created_at = $2 \
               AND item_type = 'custom' AND personal_note IS NULL";
    update(
        db,
        sql,
        vec![user_id.into(), created_at.into(), note.into()],
    )
    .await
}
