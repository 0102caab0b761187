//! The search outbox: one row per listing change, written in the same
//! transaction as the change and drained by the indexer.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("search_outbox")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    // no foreign key: a deleted listing's row must outlive it
                    .col(big_integer("listing_id"))
                    // upsert | delete
                    .col(string_len("op", 8))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("search_outbox", &["listing_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("search_outbox").to_owned()).await
    }
}
