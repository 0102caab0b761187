//! Producers (companies, cooperatives, GIEs), their descriptions per language
//! and the certifications they hold.

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
                    .table("producers")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("owner_user_id"))
                    .col(string_len_uniq("slug", 120))
                    .col(string_len("legal_name", 200))
                    .col(string_len("trade_name", 200))
                    // ICE: 15-digit company identifier, unique when given
                    .col(string_len_null("ice", 15).unique_key())
                    // company | cooperative | gie
                    .col(string_len("legal_form", 16))
                    .col(string_len("region", 40))
                    .col(string_len("city", 120))
                    // JSON array of sector slugs
                    .col(json("sectors"))
                    .col(integer_null("year_founded"))
                    .col(string_len_null("size_band", 16))
                    .col(integer_null("export_since_year"))
                    // JSON arrays of ISO 3166 codes and BCP 47 language codes
                    .col(json("export_markets"))
                    .col(json("languages"))
                    .col(string_len_null("website", 255))
                    .col(string_len_null("logo_key", 255))
                    .col(boolean("verified").default(false))
                    .col(boolean("featured").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut foreign_key("producers", "owner_user_id", "users", ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("producers", &["owner_user_id"], false)).await?;
        manager.create_index(index("producers", &["region"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("producer_translations")
                    .if_not_exists()
                    .col(big_integer("producer_id"))
                    .col(string_len("locale", 8))
                    .col(text("description"))
                    .primary_key(Index::create().col("producer_id").col("locale"))
                    .foreign_key(&mut foreign_key(
                        "producer_translations",
                        "producer_id",
                        "producers",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("producer_certifications")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("producer_id"))
                    .col(string_len("certification", 40))
                    .col(date_null("valid_until"))
                    .foreign_key(&mut foreign_key(
                        "producer_certifications",
                        "producer_id",
                        "producers",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("producer_certifications", &["producer_id", "certification"], true)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("producer_certifications").to_owned()).await?;
        manager.drop_table(Table::drop().table("producer_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("producers").to_owned()).await
    }
}
