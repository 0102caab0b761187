//! The mail outbox: a mail is written here in the same transaction as the
//! event that causes it, and a background job sends it, retrying with
//! backoff; after too many failures it is marked dead (and logged).

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
                    .table("mail_outbox")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("to_address", 254))
                    .col(string_len("subject", 300))
                    .col(text("body"))
                    // pending | sent | dead
                    .col(string_len("status", 16))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("mail_outbox", &["status", "next_attempt_at"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("mail_outbox").to_owned()).await
    }
}
