//! A buyer's shortlist: listings and producers saved to compare
//! later. One row per saved thing; each is saved at most once per account.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("shortlist_items")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("user_id"))
                    // Exactly one of the two is set.
                    .col(big_integer_null("listing_id"))
                    .col(big_integer_null("producer_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key("shortlist_items", "user_id", "users", ForeignKeyAction::Cascade))
                    .foreign_key(&mut foreign_key(
                        "shortlist_items",
                        "listing_id",
                        "listings",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "shortlist_items",
                        "producer_id",
                        "producers",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("shortlist_items", &["user_id", "listing_id"], true)).await?;
        manager.create_index(index("shortlist_items", &["user_id", "producer_id"], true)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("shortlist_items").to_owned()).await
    }
}
