//! Saved searches and their alerts: a buyer keeps a search (its
//! words and filters, as the search page's query) and is mailed, at most
//! once a day, the listings published since that match it.
//!
//! `saved_search_hits` remembers every listing already mailed for a saved
//! search: its primary key is what makes "never twice" hold, even when a
//! listing is unpublished and published again. Turning alerts off (the
//! unsubscribe link) keeps the search; deleting it removes its hits.

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
                    .table("saved_searches")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("user_id"))
                    // The search page's query string (`q=…&sector=…`), page and order left out.
                    .col(text("query"))
                    // The language the alert mails are written in.
                    .col(string_len("locale", 5))
                    .col(boolean("alerts").default(true))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("last_mailed_at"))
                    .foreign_key(&mut foreign_key("saved_searches", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("saved_searches", &["user_id", "query"], true)).await?;
        manager
            .create_table(
                Table::create()
                    .table("saved_search_hits")
                    .if_not_exists()
                    .col(big_integer("saved_search_id"))
                    .col(big_integer("listing_id"))
                    .col(timestamp_with_time_zone("mailed_at"))
                    .primary_key(Index::create().col("saved_search_id").col("listing_id"))
                    .foreign_key(&mut foreign_key(
                        "saved_search_hits",
                        "saved_search_id",
                        "saved_searches",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "saved_search_hits",
                        "listing_id",
                        "listings",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("saved_search_hits").to_owned()).await?;
        manager.drop_table(Table::drop().table("saved_searches").to_owned()).await
    }
}
