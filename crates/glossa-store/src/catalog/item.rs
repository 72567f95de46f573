//! One catalog item created or updated on its own (the API's per-item
//! endpoints): stored as a one-item pack through the same importer, so the
//! same rules apply, and read back as it is now stored.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use glossa_core::pack::Item;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use uuid::Uuid;

use super::export_more as more;
use super::filter::Filter;
use super::sql::{Col, find_id, s};
use crate::error::{StoreError, StoreResult};

/// What storing an item did.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// The item's id.
    pub id: Uuid,
    /// Whether it was created (false: updated in place).
    pub created: bool,
    /// The item as stored now.
    pub item: Item,
}

/// The table and key columns of an item.
fn locate(language: &str, item: &Item) -> (&'static str, Vec<Col>) {
    let lang = ("language", s(language));
    match item {
        Item::Word(w) => (
            "words",
            vec![
                lang,
                ("base_form", s(&w.lemma)),
                ("part_of_speech", s(&w.pos)),
            ],
        ),
        Item::Topic(t) => ("grammar_topics", vec![lang, ("slug", s(&t.slug))]),
        Item::Exercise(e) => ("exercises", vec![lang, ("slug", s(&e.slug))]),
        Item::Scenario(sc) => ("scenarios", vec![lang, ("slug", s(&sc.slug))]),
        Item::Course(c) => ("courses", vec![lang, ("slug", s(&c.slug))]),
        Item::Assessment(a) => ("assessments", vec![lang, ("slug", s(&a.slug))]),
    }
}

/// Create or update one item of `language` in one transaction. Its
/// references may point to stored content of the language; the caller
/// validates it first (`known` + `validate_with_known`) to report every
/// problem, and the importer checks again inside the transaction.
pub async fn put_item(
    db: &DatabaseConnection,
    language: &str,
    item: Item,
    now: DateTime<Utc>,
) -> StoreResult<Stored> {
    let (table, keys) = locate(language, &item);
    let txn = db.begin().await?;
    let before = find_id(&txn, table, &keys).await?;
    let pack = item.clone().into_pack(language);
    super::import::import_in(&txn, &pack, now, &|_, _| {}).await?;
    let id = find_id(&txn, table, &keys)
        .await?
        .ok_or_else(|| StoreError::Constraint(format!("{table}: the item was not stored")))?;
    let stored = read_back(&txn, language, &item, id)
        .await?
        .ok_or_else(|| StoreError::Constraint(format!("{table}: the item was not stored")))?;
    txn.commit().await?;
    Ok(Stored {
        id,
        created: before.is_none(),
        item: stored,
    })
}

/// The stored form of the item of the same kind and key as `like`.
async fn read_back(
    db: &impl ConnectionTrait,
    lang: &str,
    like: &Item,
    id: Uuid,
) -> StoreResult<Option<Item>> {
    let one = Filter::slug(&like.key());
    let topic_slugs = || async {
        StoreResult::Ok(
            more::topics(db, lang, &Filter::all())
                .await?
                .into_iter()
                .map(|(id, t)| (id, t.slug))
                .collect::<BTreeMap<_, _>>(),
        )
    };
    Ok(match like {
        Item::Word(_) => super::export::word_entry(db, id).await?.map(Item::Word),
        Item::Topic(_) => more::topics(db, lang, &one)
            .await?
            .pop()
            .map(|(_, t)| Item::Topic(t)),
        Item::Exercise(_) => more::exercises(db, lang, &topic_slugs().await?, &one)
            .await?
            .pop()
            .map(Item::Exercise),
        Item::Scenario(_) => more::scenarios(db, lang, &one)
            .await?
            .pop()
            .map(Item::Scenario),
        Item::Course(_) => more::courses(db, lang, &one).await?.pop().map(Item::Course),
        Item::Assessment(_) => more::assessments(db, lang, &topic_slugs().await?, &one)
            .await?
            .pop()
            .map(Item::Assessment),
    })
}
