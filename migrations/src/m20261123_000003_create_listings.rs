//! Listings, their title and description per language, and their photos.

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
                    .table("listings")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("producer_id"))
                    .col(string_len("slug", 120))
                    // draft | published | archived
                    .col(string_len("status", 16))
                    .col(string_len("sector", 40))
                    .col(string_len_null("subsector", 80))
                    .col(string_len_null("hs_code", 6))
                    .col(string_len("origin_region", 40))
                    .col(big_integer_null("moq_amount"))
                    .col(string_len_null("moq_unit", 20))
                    // prices in minor units; all null means "on request"
                    .col(big_integer_null("price_min_minor"))
                    .col(big_integer_null("price_max_minor"))
                    .col(string_len_null("currency", 3))
                    // JSON arrays of slugs
                    .col(json("incoterms"))
                    .col(json("certifications"))
                    .col(json("origin_labels"))
                    .col(string_len_null("port_of_loading", 120))
                    .col(integer_null("lead_time_days"))
                    .col(big_integer_null("capacity_amount"))
                    .col(string_len_null("capacity_unit", 20))
                    .col(boolean("featured").default(false))
                    .col(timestamp_with_time_zone_null("published_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut foreign_key("listings", "producer_id", "producers", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("listings", &["producer_id", "status"], false)).await?;
        manager.create_index(index("listings", &["status", "published_at"], false)).await?;
        manager.create_index(index("listings", &["origin_region", "status"], false)).await?;
        manager.create_index(index("listings", &["sector", "status"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("listing_translations")
                    .if_not_exists()
                    .col(big_integer("listing_id"))
                    .col(string_len("locale", 8))
                    .col(string_len("title", 160))
                    .col(text("description"))
                    .primary_key(Index::create().col("listing_id").col("locale"))
                    .foreign_key(&mut foreign_key(
                        "listing_translations",
                        "listing_id",
                        "listings",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("listing_photos")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("listing_id"))
                    // 0 is the cover
                    .col(integer("position"))
                    // server-generated storage key shared by every variant
                    .col(string_len("storage_key", 255))
                    .col(integer("width"))
                    .col(integer("height"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key(
                        "listing_photos",
                        "listing_id",
                        "listings",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("listing_photos", &["listing_id", "position"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("listing_photos").to_owned()).await?;
        manager.drop_table(Table::drop().table("listing_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("listings").to_owned()).await
    }
}
