//! The `Shortlists` port: a buyer saves listings and producers to
//! compare later. Buyers only (every other role gets `NotFound`, as for any
//! workspace that is not theirs); only what buyers may see can be saved, and
//! what stops being visible drops out of the page by itself.

use crate::db::Db;
use app::domain::{AppError, BuyerAccess, Locale, SavedThing, Shortlist};
use app::ports::Shortlists;
use chrono::Utc;

use crate::db;
use crate::repo::shortlist::{self, Target};
use crate::repo::{listing, producer};

pub struct ShortlistsService {
    db: Db,
}

impl ShortlistsService {
    pub fn new(db: Db) -> ShortlistsService {
        ShortlistsService { db }
    }

    /// The row target of a thing buyers may see, or `NotFound`.
    async fn target(&self, thing: &SavedThing, locale: Locale) -> Result<Target, AppError> {
        match thing {
            SavedThing::Listing(id) => {
                listing::cards_by_ids(&self.db, &[*id], locale).await?.pop().ok_or(AppError::NotFound)?;
                Ok(Target::Listing(*id))
            }
            SavedThing::Producer(slug) => {
                let found = producer::visible_by_slug(&self.db, slug).await?.ok_or(AppError::NotFound)?;
                Ok(Target::Producer(found.id))
            }
        }
    }
}

#[async_trait::async_trait]
impl Shortlists for ShortlistsService {
    async fn shortlist(&self, buyer: &BuyerAccess, locale: Locale) -> Result<Shortlist, AppError> {
        let user_id = buyer.user_id();
        let (listing_ids, producer_ids) = shortlist::of_user(&self.db, user_id).await?;
        let listings = listing::cards_by_ids(&self.db, &listing_ids, locale).await?;
        let mut visible = producer::visible_by_ids(&self.db, &producer_ids).await?;
        // Newest saved first, as the rows came.
        visible.sort_by_key(|row| producer_ids.iter().position(|id| *id == row.id));
        let producers = producer::cards_for(&self.db, visible).await?;
        Ok(Shortlist { listings, producers })
    }

    async fn keep(&self, buyer: &BuyerAccess, thing: &SavedThing, on: bool, locale: Locale) -> Result<(), AppError> {
        let user_id = buyer.user_id();
        let target = self.target(thing, locale).await?;
        let txn = db::begin_write(&self.db).await?;
        if on {
            shortlist::add(&txn, user_id, target, Utc::now()).await?;
        } else {
            shortlist::remove(&txn, user_id, target).await?;
        }
        db::commit_private(txn).await?;
        Ok(())
    }

    async fn is_kept(&self, buyer: &BuyerAccess, thing: &SavedThing, locale: Locale) -> Result<bool, AppError> {
        let user_id = buyer.user_id();
        let target = self.target(thing, locale).await?;
        Ok(shortlist::contains(&self.db, user_id, target).await?)
    }
}
