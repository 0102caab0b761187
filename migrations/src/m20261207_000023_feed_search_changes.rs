//! The search outbox becomes a change feed that every server process reads.
//!
//! The outbox was drained: the first process to read a row applied it and
//! deleted it, so with several processes each embedded index missed the
//! changes the others drained. `search_changes` keeps each change with a
//! sequence number and, on PostgreSQL, the id of the transaction that wrote
//! it (`txid`, from `pg_current_xact_id()`); each index keeps its own
//! position and reads what follows it, in `(txid, seq)` order, only from
//! transactions that have ended (below the snapshot's `xmin`), so no change
//! committed late under a smaller number is ever skipped. On SQLite, where
//! writes are serial, `txid` is 0 and `seq` alone orders the feed.
//!
//! Changes are pruned after a retention; `search_feed_pruned` (one row)
//! records the last position pruned, so an index whose position is older
//! knows it missed changes and rebuilds. The outbox's waiting rows are
//! carried over.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let postgres = manager.get_database_backend() == DbBackend::Postgres;
        let txid = if postgres {
            big_integer("txid").default(Expr::cust("(pg_current_xact_id()::text::bigint)")).to_owned()
        } else {
            big_integer("txid").default(0).to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table("search_changes")
                    .if_not_exists()
                    .col(big_pk_auto("seq"))
                    .col(txid)
                    // no foreign key: a deleted listing's change must outlive it
                    .col(big_integer("listing_id"))
                    // upsert | delete
                    .col(string_len("op", 8))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("search_changes", &["txid", "seq"], false)).await?;
        manager.create_index(index("search_changes", &["created_at"], false)).await?;
        manager
            .create_table(
                Table::create()
                    .table("search_feed_pruned")
                    .if_not_exists()
                    .col(integer("id").primary_key())
                    .col(big_integer("txid"))
                    .col(big_integer("seq"))
                    .col(timestamp_with_time_zone("pruned_at"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO search_changes (listing_id, op, created_at) \
             SELECT listing_id, op, created_at FROM search_outbox ORDER BY id",
        )
        .await?;
        manager.drop_table(Table::drop().table("search_outbox").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("search_outbox")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("listing_id"))
                    .col(string_len("op", 8))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("search_outbox", &["listing_id"], false)).await?;
        // Every listing once: the outbox re-indexes what the feed held.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO search_outbox (listing_id, op, attempts, created_at) \
                 SELECT listing_id, 'upsert', 0, MAX(created_at) FROM search_changes GROUP BY listing_id",
            )
            .await?;
        manager.drop_table(Table::drop().table("search_feed_pruned").to_owned()).await?;
        manager.drop_table(Table::drop().table("search_changes").to_owned()).await
    }
}
