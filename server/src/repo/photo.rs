//! A listing's photo rows: their order (position 0 is the cover), adding
//! rows for stored files, deleting one; and every media key a row names (the
//! media sweep keeps those files). The files themselves are `media::storage`'s.

use chrono::{DateTime, Utc};
use std::collections::HashSet;

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entities::{listing_photos, producers, showcases};
use crate::error::StoreError;

/// A stored photo to record: its storage key and pixel size.
pub struct NewPhoto<'a> {
    pub storage_key: &'a str,
    pub width: u32,
    pub height: u32,
}

/// A listing's photos, cover first.
pub async fn of_listing(db: &impl ConnectionTrait, listing_id: i64) -> Result<Vec<listing_photos::Model>, StoreError> {
    Ok(listing_photos::Entity::find()
        .filter(listing_photos::Column::ListingId.eq(listing_id))
        .order_by_asc(listing_photos::Column::Position)
        .order_by_asc(listing_photos::Column::Id)
        .all(db)
        .await?)
}

/// Records photos after the listing's `existing` ones; returns their ids.
pub async fn append(
    db: &impl ConnectionTrait,
    listing_id: i64,
    existing: u64,
    photos: &[NewPhoto<'_>],
    now: DateTime<Utc>,
) -> Result<Vec<i64>, StoreError> {
    let first = i32::try_from(existing).unwrap_or(i32::MAX);
    let mut ids = Vec::with_capacity(photos.len());
    for (offset, photo) in photos.iter().enumerate() {
        let row = listing_photos::ActiveModel {
            listing_id: Set(listing_id),
            position: Set(first.saturating_add(i32::try_from(offset).unwrap_or(0))),
            storage_key: Set(photo.storage_key.to_owned()),
            width: Set(i32::try_from(photo.width).unwrap_or(0)),
            height: Set(i32::try_from(photo.height).unwrap_or(0)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        ids.push(row.id);
    }
    Ok(ids)
}

pub async fn delete(db: &impl ConnectionTrait, photo_id: i64) -> Result<(), StoreError> {
    listing_photos::Entity::delete_by_id(photo_id).exec(db).await?;
    Ok(())
}

/// Gives the photos positions 0, 1, 2… in the order given.
pub async fn renumber(db: &impl ConnectionTrait, ordered: &[listing_photos::Model]) -> Result<(), StoreError> {
    for (position, photo) in ordered.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        if photo.position != position {
            let mut row = listing_photos::ActiveModel::from(photo.clone());
            row.position = Set(position);
            row.update(db).await?;
        }
    }
    Ok(())
}

/// Every storage key a row names: listing photos, producer logos and showcase covers.
pub async fn referenced_keys(db: &impl ConnectionTrait) -> Result<HashSet<String>, StoreError> {
    let photos: Vec<String> = listing_photos::Entity::find()
        .select_only()
        .column(listing_photos::Column::StorageKey)
        .into_tuple()
        .all(db)
        .await?;
    let logos: Vec<Option<String>> =
        producers::Entity::find().select_only().column(producers::Column::LogoKey).into_tuple().all(db).await?;
    let covers: Vec<Option<String>> =
        showcases::Entity::find().select_only().column(showcases::Column::CoverKey).into_tuple().all(db).await?;
    Ok(photos.into_iter().chain(logos.into_iter().flatten()).chain(covers.into_iter().flatten()).collect())
}
