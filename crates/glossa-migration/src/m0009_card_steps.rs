//! The learning or relearning step a card is at (FSRS learning steps and
//! SM-2's same-day drill need it across requests and server processes).

use crate::ddl::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0009_card_steps"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("cards")
                .add_column(int("step", 0).check(Expr::col("step").gte(0)).take())
                .take(),
        )
        .await?;
        index(m, "cards", &["user_id", "state", "due"], false).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut drop = Index::drop();
        drop.name("ix_cards_user_id_state_due").table("cards");
        m.drop_index(drop).await?;
        m.alter_table(Table::alter().table("cards").drop_column("step").take())
            .await
    }
}
