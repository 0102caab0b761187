//! Saved searches and the listings already mailed for them, as stored.
//! Who may act on them is decided in `services::saved_searches`.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::entities::{saved_search_hits, saved_searches};
use crate::error::StoreError;

/// A buyer's saved searches, newest first.
pub async fn of_user(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<saved_searches::Model>, StoreError> {
    Ok(saved_searches::Entity::find()
        .filter(saved_searches::Column::UserId.eq(user_id))
        .order_by_desc(saved_searches::Column::CreatedAt)
        .order_by_desc(saved_searches::Column::Id)
        .all(db)
        .await?)
}

pub async fn count_of_user(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, StoreError> {
    Ok(saved_searches::Entity::find().filter(saved_searches::Column::UserId.eq(user_id)).count(db).await?)
}

/// The buyer's search with this query, if kept.
pub async fn find(
    db: &impl ConnectionTrait,
    user_id: i64,
    query: &str,
) -> Result<Option<saved_searches::Model>, StoreError> {
    Ok(saved_searches::Entity::find()
        .filter(saved_searches::Column::UserId.eq(user_id))
        .filter(saved_searches::Column::Query.eq(query))
        .one(db)
        .await?)
}

pub async fn insert(
    db: &impl ConnectionTrait,
    user_id: i64,
    query: &str,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let row = saved_searches::ActiveModel {
        user_id: Set(user_id),
        query: Set(query.to_owned()),
        locale: Set(locale.to_owned()),
        alerts: Set(true),
        created_at: Set(now),
        last_mailed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<saved_searches::Model>, StoreError> {
    Ok(saved_searches::Entity::find_by_id(id).one(db).await?)
}

/// Deletes the buyer's search; whether there was one.
pub async fn delete(db: &impl ConnectionTrait, user_id: i64, id: i64) -> Result<bool, StoreError> {
    let done = saved_searches::Entity::delete_many()
        .filter(saved_searches::Column::Id.eq(id))
        .filter(saved_searches::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}

/// Turns a search's alerts on or off (only the buyer's own when `user_id`
/// is given); whether there was one.
pub async fn set_alerts(
    db: &impl ConnectionTrait,
    user_id: Option<i64>,
    id: i64,
    on: bool,
) -> Result<bool, StoreError> {
    let mut update = saved_searches::Entity::update_many()
        .col_expr(saved_searches::Column::Alerts, Expr::value(on))
        .filter(saved_searches::Column::Id.eq(id));
    if let Some(user_id) = user_id {
        update = update.filter(saved_searches::Column::UserId.eq(user_id));
    }
    Ok(update.exec(db).await?.rows_affected > 0)
}

/// Searches with alerts on that were never mailed, or not since `cutoff`.
pub async fn due(db: &impl ConnectionTrait, cutoff: DateTime<Utc>) -> Result<Vec<saved_searches::Model>, StoreError> {
    Ok(saved_searches::Entity::find()
        .filter(saved_searches::Column::Alerts.eq(true))
        .filter(
            Condition::any()
                .add(saved_searches::Column::LastMailedAt.is_null())
                .add(saved_searches::Column::LastMailedAt.lte(cutoff)),
        )
        .order_by_asc(saved_searches::Column::Id)
        .all(db)
        .await?)
}

/// Takes the search for this round: sets its last mail to `now` if it was
/// never mailed or not since `cutoff`; whether it was taken (another server
/// may have taken it first).
pub async fn claim(
    db: &impl ConnectionTrait,
    id: i64,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = saved_searches::Entity::update_many()
        .col_expr(saved_searches::Column::LastMailedAt, Expr::value(now))
        .filter(saved_searches::Column::Id.eq(id))
        .filter(
            Condition::any()
                .add(saved_searches::Column::LastMailedAt.is_null())
                .add(saved_searches::Column::LastMailedAt.lte(cutoff)),
        )
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}

/// Which of `listing_ids` were already mailed for the search.
pub async fn already_mailed(
    db: &impl ConnectionTrait,
    saved_search_id: i64,
    listing_ids: &[i64],
) -> Result<HashSet<i64>, StoreError> {
    Ok(saved_search_hits::Entity::find()
        .select_only()
        .column(saved_search_hits::Column::ListingId)
        .filter(saved_search_hits::Column::SavedSearchId.eq(saved_search_id))
        .filter(saved_search_hits::Column::ListingId.is_in(listing_ids.iter().copied()))
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Records the listings as mailed for the search, and when.
pub async fn mark_mailed(
    db: &impl ConnectionTrait,
    saved_search_id: i64,
    listing_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let rows: Vec<saved_search_hits::ActiveModel> = listing_ids
        .iter()
        .map(|listing_id| saved_search_hits::ActiveModel {
            saved_search_id: Set(saved_search_id),
            listing_id: Set(*listing_id),
            mailed_at: Set(now),
        })
        .collect();
    if !rows.is_empty() {
        saved_search_hits::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([saved_search_hits::Column::SavedSearchId, saved_search_hits::Column::ListingId])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    saved_searches::Entity::update_many()
        .col_expr(saved_searches::Column::LastMailedAt, Expr::value(now))
        .filter(saved_searches::Column::Id.eq(saved_search_id))
        .exec(db)
        .await?;
    Ok(())
}
