//! Password reset requests as asked, waiting for the reset links job: the
//! request writes one row, whether or not the address has an account, so
//! its answer takes the same work either way; the job looks the address
//! up, writes the token and queues the mail (or nothing), and deletes the
//! row in the same transaction.

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
                    .table("password_reset_requests")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    // Normalised as typed; no account is implied.
                    .col(string_len("email", 254))
                    .col(string_len("locale", 8))
                    .col(timestamp_with_time_zone("requested_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("password_reset_requests", &["requested_at"], false)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("password_reset_requests").to_owned()).await?;
        Ok(())
    }
}
