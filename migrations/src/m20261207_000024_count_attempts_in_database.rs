//! Attempt limits move from each process's memory into the database, so a
//! fleet shares them.
//!
//! Counted in memory, every budget (sign-in failures, sign-ups, resets,
//! inquiries and API requests per address) was multiplied by the number of
//! processes behind the balancer and reset by every deploy. `attempt_windows`
//! holds one fixed window per limiter and key (when it started, how many
//! attempts it counted), hit in one upsert that restarts an ended window;
//! `known_places` holds the account-and-address pairs that signed in, exempt
//! from the account-wide limit for a while. A sweep deletes ended windows and
//! old places, by the indexes on their times.

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
                    .table("attempt_windows")
                    .if_not_exists()
                    // the limiter's name (`login_pair`, `api_address`…)
                    .col(string_len("limiter", 32))
                    // what it counts: an account, an address, or both
                    .col(string_len("key", 320))
                    .col(timestamp_with_time_zone("started_at"))
                    .col(integer("count"))
                    .primary_key(Index::create().col("limiter").col("key"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("attempt_windows", &["started_at"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("known_places")
                    .if_not_exists()
                    // `email|address`
                    .col(string_len("pair", 320).primary_key())
                    .col(timestamp_with_time_zone("seen_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("known_places", &["seen_at"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("known_places").to_owned()).await?;
        manager.drop_table(Table::drop().table("attempt_windows").to_owned()).await
    }
}
