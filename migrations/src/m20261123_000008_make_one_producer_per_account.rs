//! One producer per account: the owner column becomes unique (replacing its
//! plain index), so two first saves of a profile racing on PostgreSQL cannot
//! both create a company.

use sea_orm_migration::prelude::*;

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_producers_owner_user_id").table("producers").to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_producers_owner_user_id")
                    .table("producers")
                    .col("owner_user_id")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ux_producers_owner_user_id").table("producers").to_owned()).await?;
        manager.create_index(index("producers", &["owner_user_id"], false)).await
    }
}
