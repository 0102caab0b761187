//! Bulk imports: a checked sheet waits here between its preview
//! and the person's confirmation. `rows` holds the checked rows (JSON),
//! `preview` what the page shows; a batch is used once and kept an hour.

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
                    .table("import_batches")
                    .if_not_exists()
                    .col(string_len("token", 64).primary_key())
                    .col(big_integer("producer_id"))
                    // Who uploaded it: only they confirm it.
                    .col(big_integer("user_id"))
                    .col(text("rows"))
                    .col(text("preview"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut foreign_key(
                        "import_batches",
                        "producer_id",
                        "producers",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key("import_batches", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("import_batches", &["created_at"], false)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("import_batches").to_owned()).await?;
        Ok(())
    }
}
