//! The search outbox: each listing change writes a row in the same
//! transaction as the change, and the indexer applies them in order.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use crate::entities::{listings, producers, search_outbox};
use crate::error::StoreError;

pub use app::domain::OutboxOp;

/// Queues a listing for the search indexer, inside the caller's transaction.
pub async fn enqueue(db: &impl ConnectionTrait, listing_id: i64, op: OutboxOp) -> Result<(), StoreError> {
    search_outbox::ActiveModel {
        listing_id: Set(listing_id),
        op: Set(op.slug().to_owned()),
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

/// A change waiting for the indexer.
#[derive(Clone, Copy, Debug)]
pub struct Pending {
    pub id: i64,
    pub listing_id: i64,
    pub op: OutboxOp,
}

/// The operation a stored value names (an unknown value re-indexes, which
/// is always safe: the document drops out if the listing is not visible).
fn stored_op(value: &str) -> OutboxOp {
    OutboxOp::from_slug(value).unwrap_or(OutboxOp::Upsert)
}

/// The oldest `limit` changes, in order.
pub async fn pending(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Pending>, StoreError> {
    let rows = search_outbox::Entity::find().order_by_asc(search_outbox::Column::Id).limit(limit).all(db).await?;
    Ok(rows.into_iter().map(|row| Pending { id: row.id, listing_id: row.listing_id, op: stored_op(&row.op) }).collect())
}

/// Removes changes the backend has confirmed.
pub async fn remove(db: &impl ConnectionTrait, ids: &[i64]) -> Result<(), StoreError> {
    search_outbox::Entity::delete_many().filter(search_outbox::Column::Id.is_in(ids.iter().copied())).exec(db).await?;
    Ok(())
}

/// Counts one more failed attempt on changes that could not be applied.
pub async fn note_failure(db: &impl ConnectionTrait, ids: &[i64]) -> Result<(), StoreError> {
    search_outbox::Entity::update_many()
        .col_expr(search_outbox::Column::Attempts, Expr::col(search_outbox::Column::Attempts).add(1))
        .filter(search_outbox::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// How many changes wait.
pub async fn depth(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    Ok(search_outbox::Entity::find().count(db).await?)
}

/// Queues every listing changed at or after `since`, or whose producer
/// changed: after a rebuild, what changed while it read the database.
pub async fn requeue_changed_since(db: &impl ConnectionTrait, since: DateTime<Utc>) -> Result<u64, StoreError> {
    let changed_producers = sea_orm::sea_query::Query::select()
        .column(producers::Column::Id)
        .from(producers::Entity)
        .and_where(Expr::col(producers::Column::UpdatedAt).gte(since))
        .to_owned();
    let ids: Vec<i64> = listings::Entity::find()
        .select_only()
        .column(listings::Column::Id)
        .filter(
            sea_orm::Condition::any()
                .add(listings::Column::UpdatedAt.gte(since))
                .add(listings::Column::ProducerId.in_subquery(changed_producers)),
        )
        .into_tuple()
        .all(db)
        .await?;
    for id in &ids {
        enqueue(db, *id, OutboxOp::Upsert).await?;
    }
    Ok(ids.len() as u64)
}
