//! The `Studio` port: a producer's own company profile, listings and photos.
//! Every method first asks the member's role (`ProducerAccess::require`),
//! then finds the caller's producer (the one its seat names) and only rows
//! under it, so anyone else's listing or photo answers `NotFound`.
//! Fields such as `verified`, `featured` and the owner never come from a form.
//! Each listing change writes its search feed row (`repo::search_changes`) in the
//! same transaction.

mod listings;
mod on_behalf;
mod photos;
mod profile;
pub(crate) mod verification;

use std::sync::Arc;

use app::domain::{
    AppError, Dashboard, ListingEditor, ListingForm, Locale, PhotoChange, ProducerAccess, ProfileEditor, ProfileForm,
    StatusChange, VerificationForm, VerificationStatus, WorkspaceAction,
};
use app::domain::{ImportPage, ImportPreview};
use app::ports::Studio;
use sea_orm::ConnectionTrait;

use crate::db::Db;

pub use photos::{PhotoUploads, UploadError};

use crate::entities::{listings as listing_rows, producers};
use crate::error::StoreError;
use crate::import::reader::SheetReader;
use crate::media::storage::MediaStorage;

pub struct StudioService {
    db: Db,
    storage: Arc<dyn MediaStorage>,
    sheets: Arc<SheetReader>,
}

impl StudioService {
    pub fn new(db: Db, storage: Arc<dyn MediaStorage>, sheets: Arc<SheetReader>) -> StudioService {
        StudioService { db, storage, sheets }
    }
}

/// The caller's producer, if they have created their profile.
pub(crate) async fn own_producer(
    db: &impl ConnectionTrait,
    access: &ProducerAccess,
) -> Result<Option<producers::Model>, StoreError> {
    match access.producer_id() {
        Some(id) => crate::repo::producer::by_id(db, id).await,
        None => Ok(None),
    }
}

/// A listing of the caller's producer, or `NotFound` (also for anyone else's).
/// The row is locked (`FOR UPDATE`) until the caller's transaction ends, so
/// concurrent changes to one listing (two uploads racing for the last photo
/// places) run one after the other on PostgreSQL; SQLite's write transactions
/// are already exclusive.
pub(crate) async fn own_listing(
    db: &impl ConnectionTrait,
    access: &ProducerAccess,
    id: i64,
) -> Result<(producers::Model, listing_rows::Model), AppError> {
    let producer = own_producer(db, access).await?.ok_or(AppError::NotFound)?;
    let listing = crate::repo::own_listing::owned(db, producer.id, id).await?.ok_or(AppError::NotFound)?;
    Ok((producer, listing))
}

#[async_trait::async_trait]
impl Studio for StudioService {
    async fn dashboard(&self, access: &ProducerAccess, locale: Locale) -> Result<Dashboard, AppError> {
        access.require(WorkspaceAction::ViewDashboard)?;
        listings::dashboard(&self.db, access, locale).await
    }

    async fn profile(&self, access: &ProducerAccess) -> Result<ProfileEditor, AppError> {
        access.require(WorkspaceAction::EditProfile)?;
        profile::editor(&self.db, access).await
    }

    async fn save_profile(&self, access: &ProducerAccess, form: &ProfileForm) -> Result<String, AppError> {
        access.require(WorkspaceAction::EditProfile)?;
        profile::save(&self.db, access, form).await
    }

    async fn listing(&self, access: &ProducerAccess, id: i64) -> Result<ListingEditor, AppError> {
        access.require(WorkspaceAction::ManageListings)?;
        listings::editor(&self.db, access, id).await
    }

    async fn save_listing(
        &self,
        access: &ProducerAccess,
        id: Option<i64>,
        form: &ListingForm,
    ) -> Result<i64, AppError> {
        access.require(WorkspaceAction::ManageListings)?;
        listings::save(&self.db, access, id, form).await
    }

    async fn change_status(&self, access: &ProducerAccess, id: i64, change: StatusChange) -> Result<(), AppError> {
        access.require(WorkspaceAction::ManageListings)?;
        listings::change_status(&self.db, access, id, change).await
    }

    async fn delete_listing(&self, access: &ProducerAccess, id: i64) -> Result<(), AppError> {
        access.require(WorkspaceAction::ManageListings)?;
        let keys = listings::delete(&self.db, access, id).await?;
        photos::delete_files(self.storage.as_ref(), &keys).await;
        Ok(())
    }

    async fn change_photo(
        &self,
        access: &ProducerAccess,
        listing_id: i64,
        photo_id: i64,
        change: PhotoChange,
    ) -> Result<(), AppError> {
        access.require(WorkspaceAction::ManageListings)?;
        photos::change(&self.db, self.storage.as_ref(), access, listing_id, photo_id, change).await
    }

    async fn verification(&self, access: &ProducerAccess) -> Result<VerificationStatus, AppError> {
        access.require(WorkspaceAction::Verification)?;
        verification::status(&self.db, access).await
    }

    async fn request_verification(&self, access: &ProducerAccess, form: &VerificationForm) -> Result<(), AppError> {
        access.require(WorkspaceAction::Verification)?;
        verification::request(&self.db, access, form).await
    }

    async fn request_review(&self, access: &ProducerAccess, listing: Option<i64>) -> Result<(), AppError> {
        access.require(if listing.is_some() {
            WorkspaceAction::ManageListings
        } else {
            WorkspaceAction::EditProfile
        })?;
        verification::request_review(&self.db, access, listing).await
    }

    async fn import_sheet(&self, access: &ProducerAccess, sheet: &[u8]) -> Result<ImportPreview, AppError> {
        access.require(WorkspaceAction::Import)?;
        let producer =
            own_producer(&self.db, access).await?.ok_or_else(|| AppError::invalid("sheet", "invalid.profile_first"))?;
        crate::services::imports::preview_sheet(&self.db, &self.sheets, &producer, access.user_id(), sheet).await
    }

    async fn import_page(&self, access: &ProducerAccess, token: Option<&str>) -> Result<ImportPage, AppError> {
        access.require(WorkspaceAction::Import)?;
        let producer =
            own_producer(&self.db, access).await?.ok_or_else(|| AppError::invalid("sheet", "invalid.profile_first"))?;
        crate::services::imports::page(&self.db, &producer, access.user_id(), token).await
    }

    async fn import_confirm(&self, access: &ProducerAccess, token: &str) -> Result<(usize, usize), AppError> {
        access.require(WorkspaceAction::Import)?;
        let producer = own_producer(&self.db, access).await?.ok_or(AppError::NotFound)?;
        // An office importing through the cooperative's workspace is recorded as an office import.
        crate::services::imports::confirm(&self.db, &producer, access.user_id(), token, access.office()).await
    }
}
