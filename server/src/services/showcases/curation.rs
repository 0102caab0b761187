//! The curation steps of a showcase, each applied inside the
//! caller's write transaction: add a producer or a listing (only what
//! buyers may see; a listing brings its producer), remove, move within the
//! order (products within their exhibitor), and the curator's notes.

use std::collections::HashSet;

use app::domain::{AppError, Curation};

use super::ShowcasesService;
use crate::entities::showcase_items;
use crate::repo::curation as stored;
use crate::repo::showcase as repo;

impl ShowcasesService {
    /// Applies one step to showcase `id` within `txn`.
    pub(super) async fn apply(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        id: i64,
        step: &Curation,
    ) -> Result<(), AppError> {
        let not_public = |field: &str| AppError::invalid(field, "invalid.showcase_not_public");
        match step {
            Curation::AddProducer(slug) => {
                let producer = stored::visible_producer(txn, slug).await?.ok_or_else(|| not_public("producer"))?;
                stored::add_exhibitor(txn, id, producer).await?;
            }
            Curation::AddListing(listing) => {
                // A listing brings its producer.
                let producer =
                    stored::visible_listing_producer(txn, *listing).await?.ok_or_else(|| not_public("listing"))?;
                stored::add_exhibitor(txn, id, producer).await?;
                stored::add_item(txn, id, *listing).await?;
            }
            Curation::RemoveProducer(slug) => {
                let producer = stored::producer_by_slug(txn, slug).await?.ok_or(AppError::NotFound)?;
                stored::remove_exhibitor(txn, id, producer).await?;
            }
            Curation::RemoveListing(listing) => stored::remove_item(txn, id, *listing).await?,
            Curation::MoveProducer(slug, earlier) => {
                let producer = stored::producer_by_slug(txn, slug).await?.ok_or(AppError::NotFound)?;
                // Positions are renumbered 0.. first, so a swap moves by one.
                stored::renumber_exhibitors(txn, id).await?;
                let order = repo::exhibitors(txn, id).await?;
                let at = order.iter().position(|e| e.producer_id == producer).ok_or(AppError::NotFound)?;
                if let Some(other) = neighbour(at, order.len(), *earlier) {
                    for (exhibitor, position) in [(&order[at], other), (&order[other], at)] {
                        let position = i32::try_from(position).unwrap_or(i32::MAX);
                        stored::set_exhibitor_position(txn, id, exhibitor.producer_id, position).await?;
                    }
                }
            }
            Curation::MoveListing(listing, earlier) => {
                let owner = stored::listing_owner(txn, *listing).await?.ok_or(AppError::NotFound)?;
                let own_ids: HashSet<i64> =
                    crate::repo::listing::ids_of_producer(txn, owner).await?.into_iter().collect();
                // Listings are ordered within their exhibitor.
                let order: Vec<showcase_items::Model> =
                    repo::items(txn, id).await?.into_iter().filter(|i| own_ids.contains(&i.listing_id)).collect();
                let at = order.iter().position(|i| i.listing_id == *listing).ok_or(AppError::NotFound)?;
                if let Some(other) = neighbour(at, order.len(), *earlier) {
                    let (a, b) = (&order[at], &order[other]);
                    for (item, position) in [(a, b.position), (b, a.position)] {
                        stored::set_item_position(txn, id, item.listing_id, position).await?;
                    }
                }
            }
            Curation::NoteProducer(slug, note) => {
                let (note, stand) = note.validate()?;
                let producer = stored::producer_by_slug(txn, slug).await?.ok_or(AppError::NotFound)?;
                if !stored::note_exhibitor(txn, id, producer, note, stand).await? {
                    return Err(AppError::NotFound);
                }
            }
            Curation::NoteListing(listing, note) => {
                let (note, _) = note.validate()?;
                if !stored::note_item(txn, id, *listing, note).await? {
                    return Err(AppError::NotFound);
                }
            }
        }
        Ok(())
    }
}

/// The place next to `at` in a list of `len`, before it (`earlier`) or after.
fn neighbour(at: usize, len: usize, earlier: bool) -> Option<usize> {
    if earlier { at.checked_sub(1) } else { Some(at + 1).filter(|next| *next < len) }
}
