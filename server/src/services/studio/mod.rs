//! The `Studio` port: a producer's own company profile, listings and photos.
//! Every method first finds the caller's producer (one per account) and then
//! only rows under it, so anyone else's listing or photo answers `NotFound`.
//! Fields such as `verified`, `featured` and the owner never come from a form.
//! Each listing change writes its search-outbox row (`repo::search_outbox`) in the
//! same transaction.

mod listings;
mod photos;
mod profile;

use std::sync::Arc;

use app::domain::{
    AppError, Dashboard, ListingEditor, ListingForm, Locale, PhotoChange, ProfileEditor, ProfileForm, StatusChange,
    Viewer,
};
use app::ports::Studio;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

pub use photos::{PhotoUploads, UploadError};

use crate::entities::{listings as listing_rows, producers};
use crate::error::StoreError;
use crate::media::storage::MediaStorage;

pub struct StudioService {
    db: DatabaseConnection,
    storage: Arc<dyn MediaStorage>,
}

impl StudioService {
    pub fn new(db: DatabaseConnection, storage: Arc<dyn MediaStorage>) -> StudioService {
        StudioService { db, storage }
    }
}

/// The caller's producer, if they have created their profile.
pub(crate) async fn own_producer(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> Result<Option<producers::Model>, StoreError> {
    Ok(producers::Entity::find().filter(producers::Column::OwnerUserId.eq(viewer.user_id)).one(db).await?)
}

/// A listing of the caller's producer, or `NotFound` (also for anyone else's).
/// The row is locked (`FOR UPDATE`) until the caller's transaction ends, so
/// concurrent changes to one listing (two uploads racing for the last photo
/// places) run one after the other on PostgreSQL; SQLite's write transactions
/// are already exclusive.
pub(crate) async fn own_listing(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i64,
) -> Result<(producers::Model, listing_rows::Model), AppError> {
    let producer = own_producer(db, viewer).await?.ok_or(AppError::NotFound)?;
    let listing = listing_rows::Entity::find_by_id(id)
        .filter(listing_rows::Column::ProducerId.eq(producer.id))
        .lock_exclusive()
        .one(db)
        .await
        .map_err(StoreError::from)?
        .ok_or(AppError::NotFound)?;
    Ok((producer, listing))
}

#[async_trait::async_trait]
impl Studio for StudioService {
    async fn dashboard(&self, viewer: &Viewer, locale: Locale) -> Result<Dashboard, AppError> {
        listings::dashboard(&self.db, viewer, locale).await
    }

    async fn profile(&self, viewer: &Viewer) -> Result<ProfileEditor, AppError> {
        profile::editor(&self.db, viewer).await
    }

    async fn save_profile(&self, viewer: &Viewer, form: &ProfileForm) -> Result<String, AppError> {
        profile::save(&self.db, viewer, form).await
    }

    async fn listing(&self, viewer: &Viewer, id: i64) -> Result<ListingEditor, AppError> {
        listings::editor(&self.db, viewer, id).await
    }

    async fn save_listing(&self, viewer: &Viewer, id: Option<i64>, form: &ListingForm) -> Result<i64, AppError> {
        listings::save(&self.db, viewer, id, form).await
    }

    async fn change_status(&self, viewer: &Viewer, id: i64, change: StatusChange) -> Result<(), AppError> {
        listings::change_status(&self.db, viewer, id, change).await
    }

    async fn delete_listing(&self, viewer: &Viewer, id: i64) -> Result<(), AppError> {
        let keys = listings::delete(&self.db, viewer, id).await?;
        photos::delete_files(self.storage.as_ref(), &keys).await;
        Ok(())
    }

    async fn change_photo(
        &self,
        viewer: &Viewer,
        listing_id: i64,
        photo_id: i64,
        change: PhotoChange,
    ) -> Result<(), AppError> {
        photos::change(&self.db, self.storage.as_ref(), viewer, listing_id, photo_id, change).await
    }
}
