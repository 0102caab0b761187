//! The search outbox: each listing change writes a row in the same
//! transaction as the change, and the indexer applies them in order.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::entities::search_outbox;
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
