//! Onboarding on behalf of a cooperative: an office creates a
//! producer whose owner account is a placeholder (no address of its own,
//! no usable password) and invites the cooperative's address to claim it.
//!
//! - `producers.onboarded_at`: set when an office created it;
//!   `claimed_at`: set when the cooperative took it over. Between the two,
//!   the office of its region may edit it.
//! - `producer_invitations`: one row per invitation; the link's token is
//!   kept as its SHA-256 only, used once, valid 14 days.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [timestamp_with_time_zone_null("onboarded_at"), timestamp_with_time_zone_null("claimed_at")] {
            manager.alter_table(Table::alter().table("producers").add_column(column).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("producer_invitations")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("producer_id"))
                    .col(string_len("email", 254))
                    .col(string_len("token_hash", 64).unique_key())
                    .col(string_len("locale", 5))
                    .col(big_integer("invited_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut foreign_key(
                        "producer_invitations",
                        "producer_id",
                        "producers",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("producer_invitations", &["producer_id"], false)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("producer_invitations").to_owned()).await?;
        for column in ["claimed_at", "onboarded_at"] {
            manager.alter_table(Table::alter().table("producers").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
