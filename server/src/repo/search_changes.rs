//! The search change feed: each listing change writes a row in the same
//! transaction as the change; every search index reads the rows that follow
//! its own position, in order, and records how far it got. Nothing is
//! deleted on read: rows are pruned after `RETENTION`, and the last position
//! pruned is kept, so an index left further behind knows to rebuild.
//!
//! Order and completeness: on PostgreSQL the database stamps each row with
//! its transaction id (`txid`), and a reader only takes rows of transactions
//! that have ended (`txid` below the current snapshot's `xmin`), in
//! `(txid, seq)` order. A transaction that started earlier but commits later
//! has a smaller `txid` than `xmin` only once it has ended, so it is never
//! skipped; the price is that a write transaction left open holds every
//! index back while it lasts. On SQLite writes are serial and `txid` is 0:
//! `seq` alone is the order.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, Set, Statement,
};
use serde::{Deserialize, Serialize};

use super::raw_sql::statement;
use crate::entities::{listings, search_changes};
use crate::error::StoreError;

pub use app::domain::OutboxOp;

/// How long changes are kept: an index stopped for longer rebuilds.
pub const RETENTION: chrono::Duration = chrono::Duration::days(3);

/// A place in the feed: every change at or before it is applied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    pub txid: i64,
    pub seq: i64,
}

/// A change to apply.
#[derive(Clone, Copy, Debug)]
pub struct Change {
    pub at: Position,
    pub listing_id: i64,
    pub op: OutboxOp,
}

/// Records a listing change, inside the caller's transaction.
pub async fn record(db: &impl ConnectionTrait, listing_id: i64, op: OutboxOp) -> Result<(), StoreError> {
    // `txid` is left to the column default (the transaction id on PostgreSQL).
    search_changes::ActiveModel {
        listing_id: Set(listing_id),
        op: Set(op.slug().to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Records a change of every listing of a producer (its name or badge shows
/// on their cards), inside the caller's transaction.
pub async fn record_producer(db: &impl ConnectionTrait, producer_id: i64) -> Result<(), StoreError> {
    let ids: Vec<i64> = listings::Entity::find()
        .select_only()
        .column(listings::Column::Id)
        .filter(listings::Column::ProducerId.eq(producer_id))
        .into_tuple()
        .all(db)
        .await?;
    for id in ids {
        record(db, id, OutboxOp::Upsert).await?;
    }
    Ok(())
}

/// The operation a stored value names (an unknown value re-indexes, which
/// is always safe: the document drops out if the listing is not visible).
fn stored_op(value: &str) -> OutboxOp {
    OutboxOp::from_slug(value).unwrap_or(OutboxOp::Upsert)
}

/// The condition on rows written by transactions that have ended.
fn ended(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
        _ => "1 = 1",
    }
}

/// The next `limit` changes after `from`, in order, from ended transactions.
pub async fn after(db: &impl ConnectionTrait, from: Position, limit: u64) -> Result<Vec<Change>, StoreError> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT seq, txid, listing_id, op FROM search_changes WHERE (txid, seq) > (?, ?) AND {} \
         ORDER BY txid, seq LIMIT ?",
        ended(backend)
    );
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows =
        db.query_all_raw(statement(backend, &sql, vec![from.txid.into(), from.seq.into(), limit.into()])).await?;
    rows.iter()
        .map(|row| {
            Ok(Change {
                at: Position { txid: row.try_get("", "txid")?, seq: row.try_get("", "seq")? },
                listing_id: row.try_get("", "listing_id")?,
                op: stored_op(&row.try_get::<String>("", "op")?),
            })
        })
        .collect()
}

/// A position every change before which has ended: a rebuild that starts
/// reading the database after taking it, then applies the feed from it,
/// misses nothing (changes applied twice are harmless).
pub async fn frontier(db: &impl ConnectionTrait) -> Result<Position, StoreError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS txid, CAST(0 AS BIGINT) AS seq"
        }
        _ => "SELECT CAST(0 AS BIGINT) AS txid, CAST(COALESCE(MAX(seq), 0) AS BIGINT) AS seq FROM search_changes",
    };
    let row = db
        .query_one_raw(Statement::from_string(backend, sql))
        .await?
        .ok_or_else(|| StoreError::Corrupt("the search feed's frontier query returned no row".into()))?;
    Ok(Position { txid: row.try_get("", "txid")?, seq: row.try_get("", "seq")? })
}

/// How far an index at `position` is behind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Behind {
    /// Changes of ended transactions not applied yet.
    pub changes: u64,
    /// When the oldest of them was written.
    pub oldest: Option<DateTime<Utc>>,
}

/// What an index at `position` has not applied yet.
pub async fn behind(db: &impl ConnectionTrait, position: Position) -> Result<Behind, StoreError> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT COUNT(*) AS changes, MIN(created_at) AS oldest FROM search_changes WHERE (txid, seq) > (?, ?) AND {}",
        ended(backend)
    );
    let row = db
        .query_one_raw(statement(backend, &sql, vec![position.txid.into(), position.seq.into()]))
        .await?
        .ok_or_else(|| StoreError::Corrupt("the search feed's count returned no row".into()))?;
    let changes: i64 = row.try_get("", "changes")?;
    let oldest: Option<DateTime<Utc>> = row.try_get("", "oldest")?;
    Ok(Behind { changes: changes.max(0) as u64, oldest })
}

/// The last position pruned (`None`: nothing was): an index before it
/// missed changes.
pub async fn pruned_through(db: &impl ConnectionTrait) -> Result<Option<Position>, StoreError> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_string(backend, "SELECT txid, seq FROM search_feed_pruned WHERE id = 1"))
        .await?;
    match row {
        Some(row) => Ok(Some(Position { txid: row.try_get("", "txid")?, seq: row.try_get("", "seq")? })),
        None => Ok(None),
    }
}

/// Deletes the changes written before `before` (of ended transactions) and
/// everything at or before the last of them, recording that position; how
/// many rows went. Run by one process at a time, in one transaction; the
/// recorded point only moves forward (two prunes overlapping cannot move it
/// back past what one of them deleted).
pub async fn prune(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, StoreError> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT txid, seq FROM search_changes WHERE created_at < ? AND {} ORDER BY txid DESC, seq DESC LIMIT 1",
        ended(backend)
    );
    let Some(last) = db.query_one_raw(statement(backend, &sql, vec![before.into()])).await? else {
        return Ok(0);
    };
    let through = Position { txid: last.try_get("", "txid")?, seq: last.try_get("", "seq")? };
    let deleted = db
        .execute_raw(statement(
            backend,
            "DELETE FROM search_changes WHERE (txid, seq) <= (?, ?)",
            vec![through.txid.into(), through.seq.into()],
        ))
        .await?
        .rows_affected();
    db.execute_raw(statement(
        backend,
        "INSERT INTO search_feed_pruned (id, txid, seq, pruned_at) VALUES (1, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET txid = excluded.txid, seq = excluded.seq, pruned_at = excluded.pruned_at \
         WHERE (search_feed_pruned.txid, search_feed_pruned.seq) < (excluded.txid, excluded.seq)",
        vec![through.txid.into(), through.seq.into(), Utc::now().into()],
    ))
    .await?;
    Ok(deleted)
}

/// Every change in the feed, oldest first (tests and diagnostics).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<search_changes::Model>, StoreError> {
    use sea_orm::QueryOrder;
    Ok(search_changes::Entity::find()
        .order_by_asc(search_changes::Column::Txid)
        .order_by_asc(search_changes::Column::Seq)
        .all(db)
        .await?)
}
