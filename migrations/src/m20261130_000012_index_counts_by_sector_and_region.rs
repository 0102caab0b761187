//! Covering indexes for the home, region and sector pages' counts: published
//! listings by sector and by origin region, with the producer each belongs
//! to (the visibility check's key). At 100,000 listings each count read the
//! whole table through a temporary B-tree (about 0.24 s on SQLite); with
//! these it reads only the index, already in group order (about 0.09 s).

use sea_orm_migration::prelude::*;

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COUNTED_BY: [[&str; 3]; 2] = [["status", "sector", "producer_id"], ["status", "origin_region", "producer_id"]];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for columns in COUNTED_BY {
            manager.create_index(index("listings", &columns, false)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for columns in COUNTED_BY {
            manager
                .drop_index(
                    Index::drop().name(format!("ix_listings_{}", columns.join("_"))).table("listings").to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
