//! Buying requests: a buyer posts a need once, the trade offices screen it,
//! matched producers quote, and cooperatives pool an offer.
//!
//! - `buying_requests`: what was asked (product, the vocabulary concepts its
//!   text names, HS heading, sector, quantity, price, Incoterm, destination
//!   and its world market, certifications and labels, dates, visibility),
//!   where it stands (`status`, the office's refusal or merge, who decided),
//!   and `quote_count`, kept in the quoting transaction so the tenth quote
//!   closes it on every instance of a fleet.
//! - `request_matches`: the producers a request reaches and how (`fit`),
//!   with `notified_at` once a digest mail named it.
//! - `exchange_rates`: dirhams per unit (millionths) of each currency, dated,
//!   kept by the national trade team.
//! - `pooled_offers` and `pooled_offer_shares`: one offer by several
//!   producers, each share a quantity at a price.
//! - `inquiries.buying_request_id` (a direct quote's conversation; one per
//!   producer and request) and `inquiries.pooled_offer_id` (a member's
//!   conversation once the buyer accepted a pooled offer).

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
                    .table("buying_requests")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("buyer_user_id"))
                    .col(string_len("product", 200))
                    .col(json("concepts"))
                    .col(string_len_null("hs_code", 6))
                    .col(string_len("sector", 32))
                    .col(big_integer("quantity_amount"))
                    .col(string_len("quantity_unit", 16))
                    .col(big_integer_null("target_price_minor"))
                    .col(string_len_null("currency", 3))
                    .col(string_len_null("incoterm", 3))
                    .col(string_len("destination_country", 2))
                    .col(string_len("destination_market", 16))
                    .col(json("certifications"))
                    .col(json("origin_labels"))
                    .col(date_null("wanted_by"))
                    .col(date("deadline"))
                    .col(string_len("visibility", 16))
                    .col(text("details"))
                    .col(string_len("status", 16))
                    .col(string_len_null("refusal_reason", 24))
                    .col(text_null("refusal_note"))
                    .col(big_integer_null("merged_into"))
                    .col(big_integer_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(integer("quote_count").default(0))
                    .col(string_len("locale", 8))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key(
                        "buying_requests",
                        "buyer_user_id",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("buying_requests", &["status", "deadline"], false)).await?;
        manager.create_index(index("buying_requests", &["buyer_user_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("request_matches")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("request_id"))
                    .col(big_integer("producer_id"))
                    .col(string_len("fit", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("notified_at"))
                    .foreign_key(&mut foreign_key(
                        "request_matches",
                        "request_id",
                        "buying_requests",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "request_matches",
                        "producer_id",
                        "producers",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("request_matches", &["request_id", "producer_id"], true)).await?;
        manager.create_index(index("request_matches", &["producer_id", "notified_at"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("exchange_rates")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("currency", 3))
                    .col(big_integer("mad_per_unit"))
                    .col(date("as_of"))
                    .col(big_integer_null("updated_by"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("exchange_rates", &["currency"], true)).await?;
        manager
            .create_table(
                Table::create()
                    .table("pooled_offers")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("request_id"))
                    .col(big_integer_null("lead_producer_id"))
                    .col(big_integer_null("broker_user_id"))
                    .col(string_len("status", 16))
                    .col(string_len("currency", 3))
                    .col(string_len("incoterm", 3))
                    .col(string_len("named_place", 120))
                    .col(date("valid_until"))
                    .col(integer("lead_time_days"))
                    .col(text("message"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .foreign_key(&mut foreign_key(
                        "pooled_offers",
                        "request_id",
                        "buying_requests",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "pooled_offers",
                        "lead_producer_id",
                        "producers",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("pooled_offers", &["request_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("pooled_offer_shares")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("offer_id"))
                    .col(big_integer("producer_id"))
                    .col(big_integer_null("quantity_amount"))
                    .col(big_integer_null("unit_price_minor"))
                    .col(timestamp_with_time_zone_null("committed_at"))
                    .col(big_integer_null("inquiry_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key(
                        "pooled_offer_shares",
                        "offer_id",
                        "pooled_offers",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "pooled_offer_shares",
                        "producer_id",
                        "producers",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("pooled_offer_shares", &["offer_id", "producer_id"], true)).await?;
        manager.create_index(index("pooled_offer_shares", &["producer_id"], false)).await?;
        manager
            .alter_table(Table::alter().table("inquiries").add_column(big_integer_null("buying_request_id")).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table("inquiries").add_column(big_integer_null("pooled_offer_id")).to_owned())
            .await?;
        // One direct quote per producer and request (NULLs are distinct: other conversations are free).
        manager.create_index(index("inquiries", &["buying_request_id", "producer_id"], true)).await?;
        manager.create_index(index("inquiries", &["pooled_offer_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_inquiries_pooled_offer_id", "ix_inquiries_buying_request_id_producer_id"] {
            manager.drop_index(Index::drop().name(name).table("inquiries").to_owned()).await?;
        }
        for column in ["pooled_offer_id", "buying_request_id"] {
            manager.alter_table(Table::alter().table("inquiries").drop_column(column).to_owned()).await?;
        }
        for table in ["pooled_offer_shares", "pooled_offers", "exchange_rates", "request_matches", "buying_requests"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
