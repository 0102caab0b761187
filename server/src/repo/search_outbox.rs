//! The search outbox: each listing change writes a row in the same
//! transaction as the change, and the indexer applies them in order.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::entities::{listings, search_outbox};
use crate::error::StoreError;

/// What the indexer must do with a listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutboxOp {
    /// (Re)index the listing as it now is; it drops out if no longer visible.
    Upsert,
    /// Remove the listing from the index.
    Delete,
}

impl OutboxOp {
    /// The value stored in `search_outbox.op`.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxOp::Upsert => "upsert",
            OutboxOp::Delete => "delete",
        }
    }
}

/// Queues a listing for the search indexer, inside the caller's transaction.
pub async fn enqueue(db: &impl ConnectionTrait, listing_id: i64, op: OutboxOp) -> Result<(), StoreError> {
    search_outbox::ActiveModel {
        listing_id: Set(listing_id),
        op: Set(op.as_str().to_owned()),
        attempts: Set(0),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Queues every listing of a producer (its name or badge shows on their
/// cards), inside the caller's transaction. Used by the profile save and,
/// once the indexer lands, by the demo seed.
pub async fn requeue_producer(db: &impl ConnectionTrait, producer_id: i64) -> Result<(), StoreError> {
    let ids: Vec<i64> = listings::Entity::find()
        .select_only()
        .column(listings::Column::Id)
        .filter(listings::Column::ProducerId.eq(producer_id))
        .into_tuple()
        .all(db)
        .await?;
    for id in ids {
        enqueue(db, id, OutboxOp::Upsert).await?;
    }
    Ok(())
}
