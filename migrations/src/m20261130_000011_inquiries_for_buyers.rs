//! Buyers contact suppliers: buyer profiles, e-mail
//! verification links, inquiries with what a request for quotation carries,
//! conversations with read marks, and quotes with the buyer's decision.
//!
//! The `inquiries` and `inquiry_messages` tables of migration 4 were never
//! written (nothing could send an inquiry before this step), so they are
//! replaced by the shape the conversation needs rather than altered column
//! by column; `down` restores migration 4's shape.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("inquiry_messages").if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table("inquiries").if_exists().to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table("buyer_profiles")
                    .if_not_exists()
                    .col(big_integer("user_id").primary_key())
                    .col(string_len("company_name", 200))
                    .col(string_len("country", 2))
                    .col(string_len("city", 100))
                    // importer | distributor | retailer | sourcing-agent | manufacturer
                    .col(string_len("buyer_type", 20))
                    // JSON arrays of sector slugs and language codes.
                    .col(text("sectors"))
                    .col(text("languages"))
                    .col(string_len_null("phone", 40))
                    .col(string_len_null("website", 300))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut foreign_key("buyer_profiles", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;

        // Single-use links proving an e-mail address (only a hash is kept).
        manager
            .create_table(
                Table::create()
                    .table("email_verifications")
                    .if_not_exists()
                    .col(string_len("token_hash", 64).primary_key())
                    .col(big_integer("user_id"))
                    .col(string_len("email", 254))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key("email_verifications", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("email_verifications", &["user_id"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("inquiries")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("producer_id"))
                    .col(big_integer_null("listing_id"))
                    .col(big_integer("buyer_user_id"))
                    // The product asked about (the listing's title when sent from one).
                    .col(string_len("product", 200))
                    .col(big_integer_null("quantity_amount"))
                    .col(string_len_null("quantity_unit", 20))
                    .col(big_integer_null("target_price_minor"))
                    .col(string_len_null("currency", 3))
                    .col(string_len_null("incoterm", 8))
                    .col(string_len("destination_country", 2))
                    .col(date_null("wanted_by"))
                    // new | answered | quoted | closed | spam
                    .col(string_len("status", 16))
                    // Set once the buyer's address is verified; until then the
                    // producer does not see the inquiry.
                    .col(timestamp_with_time_zone_null("delivered_at"))
                    .col(timestamp_with_time_zone_null("first_reply_at"))
                    .col(timestamp_with_time_zone("last_activity_at"))
                    .col(timestamp_with_time_zone_null("buyer_read_at"))
                    .col(timestamp_with_time_zone_null("producer_read_at"))
                    // SHA-256 of the first message's text, for the 24-hour
                    // duplicate rule.
                    .col(string_len("message_digest", 64))
                    // The showcase the buyer came from.
                    .col(big_integer_null("showcase_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key("inquiries", "producer_id", "producers", ForeignKeyAction::Cascade))
                    .foreign_key(&mut foreign_key("inquiries", "listing_id", "listings", ForeignKeyAction::SetNull))
                    .foreign_key(&mut foreign_key("inquiries", "buyer_user_id", "users", ForeignKeyAction::Cascade))
                    .foreign_key(&mut foreign_key("inquiries", "showcase_id", "showcases", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("inquiries", &["producer_id", "last_activity_at"], false)).await?;
        manager.create_index(index("inquiries", &["buyer_user_id", "last_activity_at"], false)).await?;
        manager.create_index(index("inquiries", &["buyer_user_id", "created_at"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("inquiry_messages")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("inquiry_id"))
                    .col(big_integer("sender_user_id"))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key(
                        "inquiry_messages",
                        "inquiry_id",
                        "inquiries",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "inquiry_messages",
                        "sender_user_id",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("inquiry_messages", &["inquiry_id", "created_at"], false)).await?;

        // A quote carried by a producer's reply.
        manager
            .create_table(
                Table::create()
                    .table("quotes")
                    .if_not_exists()
                    .col(big_integer("message_id").primary_key())
                    .col(big_integer("inquiry_id"))
                    .col(big_integer("unit_price_minor"))
                    .col(string_len("currency", 3))
                    .col(big_integer("quantity_amount"))
                    .col(string_len("quantity_unit", 20))
                    .col(string_len("incoterm", 8))
                    .col(string_len("named_place", 120))
                    .col(date("valid_until"))
                    .col(integer("lead_time_days"))
                    // accepted | declined, once the buyer decides
                    .col(string_len_null("decision", 10))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .foreign_key(&mut foreign_key(
                        "quotes",
                        "message_id",
                        "inquiry_messages",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key("quotes", "inquiry_id", "inquiries", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("quotes", &["inquiry_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["quotes", "inquiry_messages", "inquiries", "email_verifications", "buyer_profiles"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        super::m20261123_000004_create_inquiries::Migration.up(manager).await
    }
}
