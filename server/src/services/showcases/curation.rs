//! The curation steps of a showcase (issue 12), each applied inside the
//! caller's write transaction: add a producer or a listing (only what
//! buyers may see; a listing brings its producer), remove, move within the
//! order (products within their exhibitor), and the curator's notes.

use std::collections::HashSet;

use app::domain::{AppError, Curation};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::ShowcasesService;
use crate::entities::{listings, producers, showcase_exhibitors, showcase_items};
use crate::error::StoreError;
use crate::repo::showcase as repo;
use crate::repo::visibility;

impl ShowcasesService {
    /// Applies one step to showcase `id` within `txn`.
    pub(super) async fn apply(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        id: i64,
        step: &Curation,
    ) -> Result<(), AppError> {
        match step {
            Curation::AddProducer(slug) => {
                let producer = self.visible_producer(slug).await?;
                self.add_exhibitor(txn, id, producer.id).await?;
            }
            Curation::AddListing(listing_id) => {
                let listing = visibility::listings()
                    .filter(listings::Column::Id.eq(*listing_id))
                    .one(txn)
                    .await
                    .map_err(StoreError::from)?
                    .ok_or_else(|| AppError::invalid("listing", "invalid.showcase_not_public"))?;
                self.add_exhibitor(txn, id, listing.producer_id).await?;
                if showcase_items::Entity::find_by_id((id, listing.id))
                    .one(txn)
                    .await
                    .map_err(StoreError::from)?
                    .is_none()
                {
                    showcase_items::ActiveModel {
                        showcase_id: Set(id),
                        listing_id: Set(listing.id),
                        position: Set(repo::next_item_position(txn, id).await?),
                        note: Set(None),
                    }
                    .insert(txn)
                    .await
                    .map_err(StoreError::from)?;
                }
            }
            Curation::RemoveProducer(slug) => {
                let producer = producer_by_slug(txn, slug).await?;
                let theirs: Vec<i64> = listings::Entity::find()
                    .filter(listings::Column::ProducerId.eq(producer.id))
                    .all(txn)
                    .await
                    .map_err(StoreError::from)?
                    .into_iter()
                    .map(|l| l.id)
                    .collect();
                showcase_items::Entity::delete_many()
                    .filter(showcase_items::Column::ShowcaseId.eq(id))
                    .filter(showcase_items::Column::ListingId.is_in(theirs))
                    .exec(txn)
                    .await
                    .map_err(StoreError::from)?;
                showcase_exhibitors::Entity::delete_by_id((id, producer.id))
                    .exec(txn)
                    .await
                    .map_err(StoreError::from)?;
            }
            Curation::RemoveListing(listing_id) => {
                showcase_items::Entity::delete_by_id((id, *listing_id)).exec(txn).await.map_err(StoreError::from)?;
            }
            Curation::MoveProducer(slug, earlier) => {
                let producer = producer_by_slug(txn, slug).await?;
                // Positions are renumbered 0.. first, so a swap moves by one.
                renumber_exhibitors(txn, id).await?;
                let order = repo::exhibitors(txn, id).await?;
                let at = order.iter().position(|e| e.producer_id == producer.id).ok_or(AppError::NotFound)?;
                let other = neighbour(at, order.len(), *earlier);
                if let Some(other) = other {
                    for (exhibitor, position) in [(&order[at], other), (&order[other], at)] {
                        showcase_exhibitors::Entity::update_many()
                            .col_expr(showcase_exhibitors::Column::Position, Expr::value(position as i32))
                            .filter(showcase_exhibitors::Column::ShowcaseId.eq(id))
                            .filter(showcase_exhibitors::Column::ProducerId.eq(exhibitor.producer_id))
                            .exec(txn)
                            .await
                            .map_err(StoreError::from)?;
                    }
                }
            }
            Curation::MoveListing(listing_id, earlier) => {
                let owner = listings::Entity::find_by_id(*listing_id)
                    .one(txn)
                    .await
                    .map_err(StoreError::from)?
                    .ok_or(AppError::NotFound)?
                    .producer_id;
                let own_ids: HashSet<i64> = listings::Entity::find()
                    .filter(listings::Column::ProducerId.eq(owner))
                    .all(txn)
                    .await
                    .map_err(StoreError::from)?
                    .into_iter()
                    .map(|l| l.id)
                    .collect();
                // Listings are ordered within their exhibitor.
                let order: Vec<showcase_items::Model> =
                    repo::items(txn, id).await?.into_iter().filter(|i| own_ids.contains(&i.listing_id)).collect();
                let at = order.iter().position(|i| i.listing_id == *listing_id).ok_or(AppError::NotFound)?;
                let other = neighbour(at, order.len(), *earlier);
                if let Some(other) = other {
                    let (a, b) = (&order[at], &order[other]);
                    for (item, position) in [(a, b.position), (b, a.position)] {
                        showcase_items::Entity::update_many()
                            .col_expr(showcase_items::Column::Position, Expr::value(position))
                            .filter(showcase_items::Column::ShowcaseId.eq(id))
                            .filter(showcase_items::Column::ListingId.eq(item.listing_id))
                            .exec(txn)
                            .await
                            .map_err(StoreError::from)?;
                    }
                }
            }
            Curation::NoteProducer(slug, note) => {
                let (note, stand) = note.validate()?;
                let producer = producer_by_slug(txn, slug).await?;
                let done = showcase_exhibitors::Entity::update_many()
                    .col_expr(showcase_exhibitors::Column::Note, Expr::value(note))
                    .col_expr(showcase_exhibitors::Column::Stand, Expr::value(stand))
                    .filter(showcase_exhibitors::Column::ShowcaseId.eq(id))
                    .filter(showcase_exhibitors::Column::ProducerId.eq(producer.id))
                    .exec(txn)
                    .await
                    .map_err(StoreError::from)?;
                if done.rows_affected == 0 {
                    return Err(AppError::NotFound);
                }
            }
            Curation::NoteListing(listing_id, note) => {
                let (note, _) = note.validate()?;
                let done = showcase_items::Entity::update_many()
                    .col_expr(showcase_items::Column::Note, Expr::value(note))
                    .filter(showcase_items::Column::ShowcaseId.eq(id))
                    .filter(showcase_items::Column::ListingId.eq(*listing_id))
                    .exec(txn)
                    .await
                    .map_err(StoreError::from)?;
                if done.rows_affected == 0 {
                    return Err(AppError::NotFound);
                }
            }
        }
        Ok(())
    }

    /// A producer buyers may see, by slug.
    async fn visible_producer(&self, slug: &str) -> Result<producers::Model, AppError> {
        visibility::producers()
            .filter(producers::Column::Slug.eq(slug))
            .one(&self.db)
            .await
            .map_err(StoreError::from)?
            .ok_or_else(|| AppError::invalid("producer", "invalid.showcase_not_public"))
    }

    /// Adds the producer as an exhibitor unless it is one.
    async fn add_exhibitor(
        &self,
        txn: &impl sea_orm::ConnectionTrait,
        id: i64,
        producer_id: i64,
    ) -> Result<(), AppError> {
        let present =
            showcase_exhibitors::Entity::find_by_id((id, producer_id)).one(txn).await.map_err(StoreError::from)?;
        if present.is_none() {
            showcase_exhibitors::ActiveModel {
                showcase_id: Set(id),
                producer_id: Set(producer_id),
                position: Set(repo::next_exhibitor_position(txn, id).await?),
                note: Set(None),
                stand: Set(None),
            }
            .insert(txn)
            .await
            .map_err(StoreError::from)?;
        }
        Ok(())
    }
}

/// The place next to `at` in a list of `len`, before it (`earlier`) or after.
fn neighbour(at: usize, len: usize, earlier: bool) -> Option<usize> {
    if earlier { at.checked_sub(1) } else { Some(at + 1).filter(|next| *next < len) }
}

/// Any producer by slug (an exhibitor may no longer be public).
async fn producer_by_slug(db: &impl sea_orm::ConnectionTrait, slug: &str) -> Result<producers::Model, AppError> {
    producers::Entity::find()
        .filter(producers::Column::Slug.eq(slug))
        .one(db)
        .await
        .map_err(StoreError::from)?
        .ok_or(AppError::NotFound)
}

/// Numbers a showcase's exhibitors 0, 1, 2… in their current order.
async fn renumber_exhibitors(db: &impl sea_orm::ConnectionTrait, id: i64) -> Result<(), StoreError> {
    for (position, exhibitor) in repo::exhibitors(db, id).await?.into_iter().enumerate() {
        if exhibitor.position != position as i32 {
            showcase_exhibitors::Entity::update_many()
                .col_expr(showcase_exhibitors::Column::Position, Expr::value(position as i32))
                .filter(showcase_exhibitors::Column::ShowcaseId.eq(id))
                .filter(showcase_exhibitors::Column::ProducerId.eq(exhibitor.producer_id))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}
