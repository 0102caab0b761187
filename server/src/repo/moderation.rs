//! The trade offices' moderation as stored on producers and listings: a
//! listing looked up whatever its state, hiding and showing again, and the
//! owner's request for a review of what was hidden. Who may hide what, and
//! the audit rows, are `services::offices::moderation`'s; who may ask for a
//! review is `services::studio::verification`'s.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, Unchanged};

use crate::entities::{listings, producers};
use crate::error::StoreError;

/// A listing by id, whatever its state.
pub async fn listing_by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<listings::Model>, StoreError> {
    Ok(listings::Entity::find_by_id(id).one(db).await?)
}

/// Hides the producer (`at` set, with its `HideReason` slug and note) or
/// shows it again (all `None`); either way any review request is answered
/// and `updated_at` becomes `now` (a rebuild of the search index catches
/// changes by this stamp).
pub async fn set_producer_hidden(
    db: &impl ConnectionTrait,
    id: i64,
    reason: Option<String>,
    note: Option<String>,
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    producers::ActiveModel {
        id: Unchanged(id),
        hidden_reason: Set(reason),
        hidden_note: Set(note),
        hidden_at: Set(at),
        review_requested_at: Set(None),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Hides one listing or shows it again, as `set_producer_hidden` does a
/// producer.
pub async fn set_listing_hidden(
    db: &impl ConnectionTrait,
    id: i64,
    reason: Option<String>,
    note: Option<String>,
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    listings::ActiveModel {
        id: Unchanged(id),
        hidden_reason: Set(reason),
        hidden_note: Set(note),
        hidden_at: Set(at),
        review_requested_at: Set(None),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Notes, at `at`, that the producer's owner asked for a review of its hiding.
///
/// Only while the producer is hidden: whether it still was (an unhide that
/// committed meanwhile leaves nothing to review).
pub async fn request_producer_review(
    db: &impl ConnectionTrait,
    id: i64,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = producers::Entity::update_many()
        .col_expr(producers::Column::ReviewRequestedAt, sea_orm::sea_query::Expr::value(Some(at)))
        .filter(producers::Column::Id.eq(id))
        .filter(producers::Column::HiddenAt.is_not_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Notes, at `at`, that the owner asked for a review of a hidden listing.
pub async fn request_listing_review(db: &impl ConnectionTrait, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
    listings::ActiveModel { id: Unchanged(id), review_requested_at: Set(Some(at)), ..Default::default() }
        .update(db)
        .await?;
    Ok(())
}
