//! Accounts (with their role and status) and server-side sessions.

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
                    .table("users")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len_uniq("email", 254))
                    .col(string_len("password_hash", 255))
                    .col(string_len("display_name", 120))
                    // producer | buyer | organiser | admin
                    .col(string_len("role", 16))
                    // active | suspended
                    .col(string_len("status", 16).default("active"))
                    .col(string_len("locale", 8).default("fr"))
                    .col(string_len_null("country", 2))
                    .col(timestamp_with_time_zone_null("email_verified_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .if_not_exists()
                    .col(string_len("id", 64).primary_key())
                    .col(big_integer_null("user_id"))
                    .col(blob("data"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key("sessions", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("sessions", &["user_id"], false)).await?;
        manager.create_index(index("sessions", &["expires_at"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("sessions").to_owned()).await?;
        manager.drop_table(Table::drop().table("users").to_owned()).await
    }
}
