//! The content catalog: importing and exporting content packs, single
//! items, filtered reads.

pub mod export;
pub mod export_more;
pub mod filter;
pub mod import;
mod import_courses;
mod import_words;
pub mod item;
pub mod known;
mod sql;
pub mod status;
pub mod words;

pub use export::export_pack;
pub use filter::Filter;
pub use import::{ImportReport, import_pack};
pub use item::{Stored, put_item};
pub use known::known;

use sea_orm::ConnectionTrait;

/// Whether the catalog holds no content at all (a fresh database).
pub async fn is_empty(db: &impl ConnectionTrait) -> crate::StoreResult<bool> {
    for table in ["words", "grammar_topics", "exercises", "achievements"] {
        let q = sea_orm::sea_query::Query::select()
            .expr(sea_orm::sea_query::Expr::col(
                sea_orm::sea_query::Alias::new("id"),
            ))
            .from(sea_orm::sea_query::Alias::new(table))
            .limit(1)
            .to_owned();
        if db.query_one(&q).await?.is_some() {
            return Ok(false);
        }
    }
    Ok(true)
}
