//! Shortlist rows: a buyer's saved listings and producers.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::shortlist_items;
use crate::error::StoreError;

/// A saved listing or producer, by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Listing(i64),
    Producer(i64),
}

fn matching(user_id: i64, target: Target) -> sea_orm::Condition {
    let condition = sea_orm::Condition::all().add(shortlist_items::Column::UserId.eq(user_id));
    match target {
        Target::Listing(id) => condition.add(shortlist_items::Column::ListingId.eq(id)),
        Target::Producer(id) => condition.add(shortlist_items::Column::ProducerId.eq(id)),
    }
}

/// Saves `target` (saving twice keeps one row: one statement that does
/// nothing on the unique index, so two saves at once are not an error).
pub async fn add(
    db: &impl ConnectionTrait,
    user_id: i64,
    target: Target,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (listing_id, producer_id) = match target {
        Target::Listing(id) => (Some(id), None),
        Target::Producer(id) => (None, Some(id)),
    };
    let sql = "INSERT INTO shortlist_items (user_id, listing_id, producer_id, created_at) VALUES (?, ?, ?, ?) \
               ON CONFLICT DO NOTHING";
    let values = vec![user_id.into(), listing_id.into(), producer_id.into(), now.into()];
    db.execute_raw(super::raw_sql::statement(db.get_database_backend(), sql, values)).await?;
    Ok(())
}

pub async fn remove(db: &impl ConnectionTrait, user_id: i64, target: Target) -> Result<(), StoreError> {
    shortlist_items::Entity::delete_many().filter(matching(user_id, target)).exec(db).await?;
    Ok(())
}

pub async fn contains(db: &impl ConnectionTrait, user_id: i64, target: Target) -> Result<bool, StoreError> {
    Ok(shortlist_items::Entity::find().filter(matching(user_id, target)).one(db).await?.is_some())
}

/// Everything the buyer saved, newest first: listing ids, producer ids.
pub async fn of_user(db: &impl ConnectionTrait, user_id: i64) -> Result<(Vec<i64>, Vec<i64>), StoreError> {
    let rows = shortlist_items::Entity::find()
        .filter(shortlist_items::Column::UserId.eq(user_id))
        .order_by_desc(shortlist_items::Column::CreatedAt)
        .order_by_desc(shortlist_items::Column::Id)
        .all(db)
        .await?;
    Ok((
        rows.iter().filter_map(|row| row.listing_id).collect(),
        rows.iter().filter_map(|row| row.producer_id).collect(),
    ))
}
