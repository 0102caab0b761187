//! Jobs that must run in one server process of a fleet at a time (the
//! saved search alerts, the session sweeper, the planner statistics) hold a
//! lease here: one row per job, naming the process holding it and until
//! when. A process takes a lease that has ended, or renews its own.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("job_leases")
                    .if_not_exists()
                    .col(string_len("job", 64).primary_key())
                    .col(string_len("holder", 64))
                    .col(timestamp_with_time_zone("until"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("job_leases").to_owned()).await
    }
}
