//! Mail in the outbox is claimed before it is sent: `claim` holds the token
//! of the sender round that took it (with its lease in `next_attempt_at`),
//! so several server processes on one database never send the same mail,
//! and a mail whose sender died is taken again when the lease ends.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("mail_outbox").add_column(string_len_null("claim", 32)).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("mail_outbox").drop_column("claim").to_owned()).await
    }
}
