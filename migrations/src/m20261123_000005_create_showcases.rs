//! Fair organisers' curated showcases and the listings they feature.

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
                    .table("showcases")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("organiser_user_id"))
                    .col(string_len_uniq("slug", 120))
                    .col(string_len("title", 200))
                    .col(text("description"))
                    .col(string_len_null("event_name", 200))
                    .col(string_len_null("event_city", 120))
                    .col(date_null("starts_on"))
                    .col(date_null("ends_on"))
                    // draft | published | archived
                    .col(string_len("status", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut foreign_key("showcases", "organiser_user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("showcase_items")
                    .if_not_exists()
                    .col(big_integer("showcase_id"))
                    .col(big_integer("listing_id"))
                    .col(integer("position"))
                    .col(text_null("note"))
                    .primary_key(Index::create().col("showcase_id").col("listing_id"))
                    .foreign_key(&mut foreign_key(
                        "showcase_items",
                        "showcase_id",
                        "showcases",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "showcase_items",
                        "listing_id",
                        "listings",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("showcase_items", &["listing_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("showcase_items").to_owned()).await?;
        manager.drop_table(Table::drop().table("showcases").to_owned()).await
    }
}
