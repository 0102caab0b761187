//! A showcase's curation as stored: its exhibitors and featured listings,
//! their order and the curator's notes. Each function runs in the caller's
//! transaction; the rules (what may be added, moving by one place, notes
//! checked) are `services::showcases::curation`'s.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::showcase::{exhibitors, next_exhibitor_position, next_item_position};
use super::visibility;
use crate::entities::{listings, producers, showcase_exhibitors, showcase_items};
use crate::error::StoreError;

/// The producer of a listing buyers may see.
pub async fn visible_listing_producer(db: &impl ConnectionTrait, listing: i64) -> Result<Option<i64>, StoreError> {
    let found = visibility::listings().filter(listings::Column::Id.eq(listing)).one(db).await?;
    Ok(found.map(|listing| listing.producer_id))
}

/// A producer buyers may see, by slug: its id.
pub async fn visible_producer(db: &impl ConnectionTrait, slug: &str) -> Result<Option<i64>, StoreError> {
    Ok(super::producer::visible_by_slug(db, slug).await?.map(|producer| producer.id))
}

/// Any producer by slug (an exhibitor may no longer be public): its id.
pub async fn producer_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<i64>, StoreError> {
    let found = producers::Entity::find().filter(producers::Column::Slug.eq(slug)).one(db).await?;
    Ok(found.map(|producer| producer.id))
}

/// The producer whose listing this is, whatever its state.
pub async fn listing_owner(db: &impl ConnectionTrait, listing: i64) -> Result<Option<i64>, StoreError> {
    Ok(listings::Entity::find_by_id(listing).one(db).await?.map(|listing| listing.producer_id))
}

/// Adds the producer as the showcase's last exhibitor, unless it is one.
pub async fn add_exhibitor(db: &impl ConnectionTrait, showcase: i64, producer: i64) -> Result<(), StoreError> {
    if showcase_exhibitors::Entity::find_by_id((showcase, producer)).one(db).await?.is_none() {
        showcase_exhibitors::ActiveModel {
            showcase_id: Set(showcase),
            producer_id: Set(producer),
            position: Set(next_exhibitor_position(db, showcase).await?),
            note: Set(None),
            stand: Set(None),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Features the listing last in the showcase, unless it is there.
pub async fn add_item(db: &impl ConnectionTrait, showcase: i64, listing: i64) -> Result<(), StoreError> {
    if showcase_items::Entity::find_by_id((showcase, listing)).one(db).await?.is_none() {
        showcase_items::ActiveModel {
            showcase_id: Set(showcase),
            listing_id: Set(listing),
            position: Set(next_item_position(db, showcase).await?),
            note: Set(None),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Removes an exhibitor and the listings of it the showcase featured.
pub async fn remove_exhibitor(db: &impl ConnectionTrait, showcase: i64, producer: i64) -> Result<(), StoreError> {
    let theirs = super::listing::ids_of_producer(db, producer).await?;
    showcase_items::Entity::delete_many()
        .filter(showcase_items::Column::ShowcaseId.eq(showcase))
        .filter(showcase_items::Column::ListingId.is_in(theirs))
        .exec(db)
        .await?;
    showcase_exhibitors::Entity::delete_by_id((showcase, producer)).exec(db).await?;
    Ok(())
}

/// Stops featuring a listing.
pub async fn remove_item(db: &impl ConnectionTrait, showcase: i64, listing: i64) -> Result<(), StoreError> {
    showcase_items::Entity::delete_by_id((showcase, listing)).exec(db).await?;
    Ok(())
}

/// Puts an exhibitor at `position`.
pub async fn set_exhibitor_position(
    db: &impl ConnectionTrait,
    showcase: i64,
    producer: i64,
    position: i32,
) -> Result<(), StoreError> {
    showcase_exhibitors::Entity::update_many()
        .col_expr(showcase_exhibitors::Column::Position, Expr::value(position))
        .filter(showcase_exhibitors::Column::ShowcaseId.eq(showcase))
        .filter(showcase_exhibitors::Column::ProducerId.eq(producer))
        .exec(db)
        .await?;
    Ok(())
}

/// Puts a featured listing at `position`.
pub async fn set_item_position(
    db: &impl ConnectionTrait,
    showcase: i64,
    listing: i64,
    position: i32,
) -> Result<(), StoreError> {
    showcase_items::Entity::update_many()
        .col_expr(showcase_items::Column::Position, Expr::value(position))
        .filter(showcase_items::Column::ShowcaseId.eq(showcase))
        .filter(showcase_items::Column::ListingId.eq(listing))
        .exec(db)
        .await?;
    Ok(())
}

/// Numbers a showcase's exhibitors 0, 1, 2… in their current order.
pub async fn renumber_exhibitors(db: &impl ConnectionTrait, showcase: i64) -> Result<(), StoreError> {
    for (position, exhibitor) in exhibitors(db, showcase).await?.into_iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        if exhibitor.position != position {
            set_exhibitor_position(db, showcase, exhibitor.producer_id, position).await?;
        }
    }
    Ok(())
}

/// The curator's note and stand for an exhibitor; whether it is one.
pub async fn note_exhibitor(
    db: &impl ConnectionTrait,
    showcase: i64,
    producer: i64,
    note: Option<String>,
    stand: Option<String>,
) -> Result<bool, StoreError> {
    let done = showcase_exhibitors::Entity::update_many()
        .col_expr(showcase_exhibitors::Column::Note, Expr::value(note))
        .col_expr(showcase_exhibitors::Column::Stand, Expr::value(stand))
        .filter(showcase_exhibitors::Column::ShowcaseId.eq(showcase))
        .filter(showcase_exhibitors::Column::ProducerId.eq(producer))
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}

/// The curator's note for a featured listing; whether it is featured.
pub async fn note_item(
    db: &impl ConnectionTrait,
    showcase: i64,
    listing: i64,
    note: Option<String>,
) -> Result<bool, StoreError> {
    let done = showcase_items::Entity::update_many()
        .col_expr(showcase_items::Column::Note, Expr::value(note))
        .filter(showcase_items::Column::ShowcaseId.eq(showcase))
        .filter(showcase_items::Column::ListingId.eq(listing))
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}
