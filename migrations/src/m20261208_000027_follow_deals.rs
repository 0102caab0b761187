//! Deals: what an accepted quote becomes, followed to a first export.
//!
//! - `deals`: one per accepted quote (`quote_message_id`), between the
//!   conversation's producer and buyer, with where it stands (`status`),
//!   the day it was agreed, the days it was shipped and received (what the
//!   export counting reads) and the day of its latest step.
//! - `deal_steps`: each step as it happened (the day, an optional
//!   reference such as a bill of lading, a note, and which side moved it);
//!   the agreement itself is the first.
//! - `deals.proforma_seq`: the deal's proforma number in its producer's
//!   sequence (`producers.proforma_count`, taken in the deal's transaction).
//! - `producers.payment_terms` and the bank details its owners keep for
//!   proformas (`bank_name`, `bank_account_holder`, `bank_account_number`,
//!   `bank_swift`).
//! - `document_rules`: the documents a destination usually asks for, kept
//!   by the national trade team: which document, for which HS range (none:
//!   every product) and destination (`any`, `country:BR`, `agreement:afcfta`),
//!   its source, the day it was checked, a note, and whether it is a demo
//!   example.
//! - Existing accepted quotes become agreed deals, and their conversations,
//!   closed on acceptance until now, read "agreed": they stay open.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The day of a timestamp column, per backend.
fn day_of(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("CAST({column} AS DATE)"),
        // sea-orm keeps timestamps as RFC 3339 text on SQLite.
        _ => format!("substr({column}, 1, 10)"),
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("deals")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("quote_message_id"))
                    .col(big_integer("inquiry_id"))
                    .col(big_integer("producer_id"))
                    .col(big_integer("buyer_user_id"))
                    .col(string_len("status", 16))
                    .col(date("agreed_on"))
                    .col(date_null("shipped_on"))
                    .col(date_null("received_on"))
                    .col(date("last_on"))
                    .col(big_integer("proforma_seq"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut foreign_key("deals", "inquiry_id", "inquiries", ForeignKeyAction::Cascade))
                    .foreign_key(&mut foreign_key("deals", "producer_id", "producers", ForeignKeyAction::Cascade))
                    .foreign_key(&mut foreign_key("deals", "buyer_user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("deals", &["quote_message_id"], true)).await?;
        manager.create_index(index("deals", &["producer_id", "proforma_seq"], true)).await?;
        for column in [
            ColumnDef::new("proforma_count").big_integer().not_null().default(0).to_owned(),
            ColumnDef::new("payment_terms").text().not_null().default("").to_owned(),
            ColumnDef::new("bank_name").string_len(120).null().to_owned(),
            ColumnDef::new("bank_account_holder").string_len(120).null().to_owned(),
            ColumnDef::new("bank_account_number").string_len(34).null().to_owned(),
            ColumnDef::new("bank_swift").string_len(11).null().to_owned(),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table("producers").add_column(&mut column).to_owned()).await?;
        }
        manager.create_index(index("deals", &["inquiry_id"], false)).await?;
        manager.create_index(index("deals", &["producer_id", "status"], false)).await?;
        manager.create_index(index("deals", &["buyer_user_id", "status"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("deal_steps")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("deal_id"))
                    .col(string_len("status", 16))
                    .col(date("happened_on"))
                    .col(string_len_null("reference", 60))
                    .col(text("note"))
                    .col(string_len("by_side", 8))
                    .col(big_integer_null("by_user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key("deal_steps", "deal_id", "deals", ForeignKeyAction::Cascade))
                    .foreign_key(&mut foreign_key("deal_steps", "by_user_id", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("deal_steps", &["deal_id"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("document_rules")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("document", 32))
                    .col(string_len_null("hs_from", 6))
                    .col(string_len_null("hs_to", 6))
                    .col(string_len("destination", 40))
                    .col(string_len("source", 300))
                    .col(date("checked_on"))
                    .col(text("note"))
                    .col(boolean("example").default(false))
                    .col(big_integer_null("updated_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut foreign_key("document_rules", "updated_by", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        let backend = manager.get_database_backend();
        let decided_on = day_of(backend, "q.decided_at");
        let backfill = [
            format!(
                "INSERT INTO deals (quote_message_id, inquiry_id, producer_id, buyer_user_id, status, agreed_on, \
                 last_on, proforma_seq, created_at, updated_at) \
                 SELECT q.message_id, q.inquiry_id, i.producer_id, i.buyer_user_id, 'agreed', {decided_on}, \
                 {decided_on}, (SELECT COUNT(*) FROM quotes q2 JOIN inquiries i2 ON i2.id = q2.inquiry_id \
                 WHERE i2.producer_id = i.producer_id AND q2.decision = 'accepted' AND q2.decided_at IS NOT NULL \
                 AND q2.message_id <= q.message_id), \
                 q.decided_at, q.decided_at \
                 FROM quotes q JOIN inquiries i ON i.id = q.inquiry_id \
                 WHERE q.decision = 'accepted' AND q.decided_at IS NOT NULL"
            ),
            "UPDATE producers SET proforma_count = (SELECT COUNT(*) FROM deals WHERE deals.producer_id = producers.id)"
                .to_owned(),
            "INSERT INTO deal_steps (deal_id, status, happened_on, note, by_side, by_user_id, created_at) \
             SELECT id, 'agreed', agreed_on, '', 'buyer', buyer_user_id, created_at FROM deals"
                .to_owned(),
            "UPDATE inquiries SET status = 'agreed' WHERE status = 'closed' AND id IN (SELECT inquiry_id FROM deals)"
                .to_owned(),
        ];
        for statement in backfill {
            manager.get_connection().execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE inquiries SET status = 'closed' WHERE status = 'agreed' AND id IN (SELECT inquiry_id FROM deals)",
            )
            .await?;
        manager.drop_table(Table::drop().table("document_rules").to_owned()).await?;
        manager.drop_table(Table::drop().table("deal_steps").to_owned()).await?;
        manager.drop_table(Table::drop().table("deals").to_owned()).await?;
        for column in
            ["bank_swift", "bank_account_number", "bank_account_holder", "bank_name", "payment_terms", "proforma_count"]
        {
            manager.alter_table(Table::alter().table("producers").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
