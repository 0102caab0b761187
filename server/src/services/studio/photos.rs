//! Listing photos: adding uploads (decoded a few at a time, stored under
//! server-generated keys, rows written only once every file is stored),
//! reordering, choosing the cover and deleting. Position 0 is the cover.

use std::sync::Arc;

use crate::db::Db;
use app::domain::{AppError, MAX_PHOTOS, PHOTO_WIDTHS, PhotoChange, ProducerAccess, WorkspaceAction};
use chrono::Utc;
use tokio::sync::Semaphore;

use super::own_listing;
use crate::db;
use crate::error::StoreError;
use crate::media::pipeline::{PhotoError, PhotoLimits, ProcessedPhoto, process};
use crate::media::storage::MediaStorage;
use crate::repo::own_listing::photo_count;
use crate::repo::photo::{self, NewPhoto};
use crate::repo::producer_profile;
use crate::repo::search_changes::{OutboxOp, record};

/// Why an upload was refused; `code()` is what the page and the JSON answer carry.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("{0}")]
    Photo(#[from] PhotoError),
    #[error("a listing has at most {MAX_PHOTOS} photos: delete one before adding more")]
    TooMany,
    #[error("choose at least one photo to upload")]
    NoFile,
    #[error("the upload is larger than the limit")]
    BodyTooLarge,
    #[error("the upload could not be read: send it again as multipart/form-data")]
    Malformed,
    /// The media store did not take the files (down, full, unreachable):
    /// nothing was recorded, and trying again later works.
    #[error("the photo store cannot be reached right now: nothing was saved; try again in a minute")]
    StoreUnavailable,
    #[error("{0}")]
    App(AppError),
}

impl UploadError {
    /// Stable code of the error, also the suffix of its message key (`upload.too_many`).
    pub fn code(&self) -> &'static str {
        match self {
            UploadError::Photo(PhotoError::Empty) | UploadError::NoFile => "no_file",
            UploadError::Photo(PhotoError::TooLarge { .. }) | UploadError::BodyTooLarge => "too_large",
            UploadError::Photo(PhotoError::UnsupportedFormat) => "format",
            UploadError::Photo(PhotoError::TooManyPixels { .. }) => "pixels",
            UploadError::Photo(PhotoError::TooSmall { .. }) => "too_small",
            UploadError::Photo(PhotoError::Corrupt) => "corrupt",
            UploadError::Photo(PhotoError::Processing) | UploadError::App(_) => "failed",
            UploadError::TooMany => "too_many",
            UploadError::Malformed => "malformed",
            UploadError::StoreUnavailable => "store_unavailable",
        }
    }

    /// The HTTP status of the refusal.
    pub fn status(&self) -> u16 {
        match self {
            UploadError::BodyTooLarge | UploadError::Photo(PhotoError::TooLarge { .. }) => 413,
            UploadError::Photo(PhotoError::UnsupportedFormat) => 415,
            UploadError::App(error) => error.status(),
            UploadError::Photo(PhotoError::Processing) => 500,
            UploadError::StoreUnavailable => 503,
            _ => 422,
        }
    }
}

impl From<AppError> for UploadError {
    fn from(error: AppError) -> UploadError {
        UploadError::App(error)
    }
}

impl From<StoreError> for UploadError {
    fn from(error: StoreError) -> UploadError {
        UploadError::App(error.into())
    }
}

/// Adds uploaded photos to listings.
pub struct PhotoUploads {
    db: Db,
    storage: Arc<dyn MediaStorage>,
    decodes: Semaphore,
    limits: PhotoLimits,
    /// The storing tasks still running: shutdown waits for them
    /// (`finish_storing`).
    storing: tokio_util::task::TaskTracker,
}

impl PhotoUploads {
    /// At most `concurrent_decodes` photos are decoded at once, whatever the
    /// number of uploads in flight: decoding is where memory and CPU go.
    pub fn new(db: Db, storage: Arc<dyn MediaStorage>, concurrent_decodes: usize) -> PhotoUploads {
        PhotoUploads {
            db,
            storage,
            decodes: Semaphore::new(concurrent_decodes.max(1)),
            limits: PhotoLimits::default(),
            storing: tokio_util::task::TaskTracker::new(),
        }
    }

    /// Waits until every upload being stored is recorded (at shutdown: a
    /// photo whose files are written gets its row).
    pub async fn finish_storing(&self) {
        self.storing.close();
        self.storing.wait().await;
    }

    pub fn limits(&self) -> &PhotoLimits {
        &self.limits
    }

    /// Checks the listing is the caller's and has room, before any decoding.
    pub async fn check_room(&self, access: &ProducerAccess, listing_id: i64, adding: usize) -> Result<(), UploadError> {
        access.require(WorkspaceAction::ManageListings)?;
        own_listing(&self.db, access, listing_id).await?;
        if adding == 0 {
            return Err(UploadError::NoFile);
        }
        let existing = photo_count(&self.db, listing_id).await?;
        if usize::try_from(existing).unwrap_or(usize::MAX).saturating_add(adding) > MAX_PHOTOS {
            return Err(UploadError::TooMany);
        }
        Ok(())
    }

    /// Decodes and re-encodes every file (refusing the whole upload if one
    /// is bad), stores the variants, then writes the rows in one transaction.
    /// Returns the new photo ids. Nothing is left behind on failure: storing
    /// and recording run as their own task, so a client that disconnects (or
    /// the route's timeout) cannot stop them between the files and the rows.
    pub async fn add(
        self: &Arc<Self>,
        access: &ProducerAccess,
        listing_id: i64,
        files: Vec<Vec<u8>>,
    ) -> Result<Vec<i64>, UploadError> {
        self.check_room(access, listing_id, files.len()).await?;
        let mut processed = Vec::with_capacity(files.len());
        for bytes in files {
            processed.push(self.process_one(bytes, self.limits).await?);
        }
        let this = Arc::clone(self);
        let access = access.clone();
        self.storing.spawn(async move { this.store_and_record(&access, listing_id, processed).await }).await.map_err(
            |error| {
                tracing::error!(%error, "photo storing task failed");
                UploadError::Photo(PhotoError::Processing)
            },
        )?
    }

    /// Decodes and resizes one photo on the blocking pool, within the limit
    /// of decodes running at once.
    async fn process_one(&self, bytes: Vec<u8>, limits: PhotoLimits) -> Result<ProcessedPhoto, UploadError> {
        let _permit = self.decodes.acquire().await.map_err(|_| UploadError::Photo(PhotoError::Processing))?;
        let photo = tokio::task::spawn_blocking(move || process(&bytes, &limits)).await.map_err(|error| {
            tracing::error!(%error, "photo processing task failed");
            UploadError::Photo(PhotoError::Processing)
        })??;
        Ok(photo)
    }

    async fn store_and_record(
        &self,
        access: &ProducerAccess,
        listing_id: i64,
        processed: Vec<ProcessedPhoto>,
    ) -> Result<Vec<i64>, UploadError> {
        let mut stored: Vec<(String, &ProcessedPhoto)> = Vec::new();
        for photo in &processed {
            let key = new_key("listings", listing_id);
            if let Err(error) = self.store(&key, photo).await {
                tracing::error!(%error, %key, store = self.storage.describe(), "cannot store photo files");
                delete_files(self.storage.as_ref(), &[key]).await;
                delete_files(self.storage.as_ref(), &stored.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>()).await;
                return Err(UploadError::StoreUnavailable);
            }
            stored.push((key, photo));
        }
        match self.insert_rows(access, listing_id, &stored).await {
            Ok(ids) => Ok(ids),
            Err(error) => {
                delete_files(self.storage.as_ref(), &stored.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>()).await;
                Err(error)
            }
        }
    }

    async fn store(&self, key: &str, photo: &ProcessedPhoto) -> std::io::Result<()> {
        for variant in &photo.variants {
            self.storage.put(&format!("{key}-{}.webp", variant.width), &variant.webp).await?;
            self.storage.put(&format!("{key}-{}.jpg", variant.width), &variant.jpeg).await?;
        }
        Ok(())
    }

    async fn insert_rows(
        &self,
        access: &ProducerAccess,
        listing_id: i64,
        stored: &[(String, &ProcessedPhoto)],
    ) -> Result<Vec<i64>, UploadError> {
        let txn = db::begin_write(&self.db).await?;
        // Checked again inside the transaction, the listing's photos
        // serialised: two uploads may race for the last places.
        db::serialize(&txn, db::WriteScope::ListingPhotos(listing_id)).await?;
        let (producer, _) = own_listing(&txn, access, listing_id).await?;
        let existing = photo_count(&txn, listing_id).await?;
        if usize::try_from(existing).unwrap_or(usize::MAX) + stored.len() > MAX_PHOTOS {
            return Err(UploadError::TooMany);
        }
        let rows: Vec<NewPhoto<'_>> = stored
            .iter()
            .map(|(key, photo)| NewPhoto { storage_key: key, width: photo.width, height: photo.height })
            .collect();
        let now = Utc::now();
        let ids = photo::append(&txn, listing_id, existing, &rows, now).await?;
        record(&txn, listing_id, OutboxOp::Upsert).await?;
        let what = format!("listing {listing_id}: {} photos added", ids.len());
        super::on_behalf::record(&txn, access, &producer, &what, now).await?;
        db::commit(txn).await?;
        tracing::info!(listing = listing_id, added = ids.len(), "photos added");
        Ok(ids)
    }
}

impl PhotoUploads {
    /// Replaces the caller's company logo: at least 320 pixels wide, stored
    /// as the 320 px variants (WebP and JPEG). The old logo's files go once
    /// the new key is committed.
    pub async fn set_logo(&self, access: &ProducerAccess, bytes: Vec<u8>) -> Result<(), UploadError> {
        access.require(WorkspaceAction::EditProfile)?;
        let producer = super::own_producer(&self.db, access)
            .await?
            .ok_or(UploadError::App(AppError::invalid("profile", "invalid.profile_first")))?;
        if bytes.is_empty() {
            return Err(UploadError::NoFile);
        }
        let limits = PhotoLimits { min_width: PHOTO_WIDTHS[0], ..self.limits };
        let photo = self.process_one(bytes, limits).await?;
        let key = new_key("producers", producer.id);
        let smallest = photo.variants.last().ok_or(UploadError::Photo(PhotoError::Processing))?;
        let stored = async {
            self.storage.put(&format!("{key}-{}.webp", PHOTO_WIDTHS[0]), &smallest.webp).await?;
            self.storage.put(&format!("{key}-{}.jpg", PHOTO_WIDTHS[0]), &smallest.jpeg).await
        };
        if let Err(error) = stored.await {
            tracing::error!(%error, %key, store = self.storage.describe(), "cannot store logo files");
            delete_files(self.storage.as_ref(), &[key]).await;
            return Err(UploadError::StoreUnavailable);
        }
        // The row is re-read under its lock: of two uploads racing, the second
        // sees the first one's logo as the old one and removes its files, so
        // exactly one set of files stays.
        let swapped = async {
            let txn = db::begin_write(&self.db).await?;
            let now = Utc::now();
            let old = producer_profile::set_logo(&txn, producer.id, &key, now).await?;
            super::on_behalf::record(&txn, access, &producer, "logo replaced", now).await?;
            db::commit(txn).await?;
            Ok::<_, StoreError>(old)
        };
        let old = match swapped.await {
            Ok(old) => old,
            Err(error) => {
                delete_files(self.storage.as_ref(), &[key]).await;
                return Err(error.into());
            }
        };
        if let Some(old) = old {
            delete_files(self.storage.as_ref(), &[old]).await;
        }
        Ok(())
    }
}

impl PhotoUploads {
    /// Replaces a showcase's cover photo, for its own organiser
    /// only (`NotFound` for anyone else): every width variant, like a
    /// listing photo. The old cover's files go once the new key is committed.
    pub async fn set_showcase_cover(
        &self,
        organiser: &app::domain::OrganiserAccess,
        showcase_id: i64,
        bytes: Vec<u8>,
    ) -> Result<(), UploadError> {
        let showcase = crate::repo::showcase::by_id(&self.db, showcase_id)
            .await?
            .filter(|showcase| crate::services::showcases::may_edit(organiser, showcase))
            .ok_or(UploadError::App(AppError::NotFound))?;
        if bytes.is_empty() {
            return Err(UploadError::NoFile);
        }
        let photo = self.process_one(bytes, self.limits).await?;
        let key = new_key("showcases", showcase.id);
        if let Err(error) = self.store(&key, &photo).await {
            tracing::error!(%error, %key, store = self.storage.describe(), "cannot store cover files");
            delete_files(self.storage.as_ref(), &[key]).await;
            return Err(UploadError::StoreUnavailable);
        }
        let swapped = async {
            let txn = db::begin_write(&self.db).await?;
            let old = crate::repo::showcase::set_cover(&txn, showcase.id, &key, (photo.width, photo.height)).await?;
            db::commit(txn).await?;
            Ok::<_, StoreError>(old)
        };
        match swapped.await {
            Ok(old) => {
                delete_files(self.storage.as_ref(), &old.into_iter().collect::<Vec<_>>()).await;
                Ok(())
            }
            Err(error) => {
                delete_files(self.storage.as_ref(), &[key]).await;
                Err(error.into())
            }
        }
    }
}

/// A fresh, unguessable storage key: `<kind>/<id>/<128 random bits>`
/// (`listings`, `producers` for logos, `showcases` for covers).
fn new_key(kind: &str, id: i64) -> String {
    format!("{kind}/{id}/{}", crate::services::random_hex(16))
}

/// Removes every variant file of the given keys; failures are logged (the
/// rows are already gone, so a left-over file is only wasted space).
pub async fn delete_files(storage: &dyn MediaStorage, keys: &[String]) {
    for key in keys {
        for width in PHOTO_WIDTHS {
            for extension in ["webp", "jpg"] {
                let file = format!("{key}-{width}.{extension}");
                if let Err(error) = storage.delete(&file).await {
                    tracing::error!(%error, %file, "cannot delete photo file");
                }
            }
        }
    }
}

/// Reorders, makes the cover or deletes one photo of the caller's listing.
pub async fn change(
    db: &Db,
    storage: &dyn MediaStorage,
    access: &ProducerAccess,
    listing_id: i64,
    photo_id: i64,
    change: PhotoChange,
) -> Result<(), AppError> {
    let txn = db::begin_write(db).await?;
    let (producer, _) = own_listing(&txn, access, listing_id).await?;
    let mut photos = photo::of_listing(&txn, listing_id).await?;
    let index = photos.iter().position(|p| p.id == photo_id).ok_or(AppError::NotFound)?;
    let mut removed = None;
    match change {
        PhotoChange::MakeCover => {
            let photo = photos.remove(index);
            photos.insert(0, photo);
        }
        PhotoChange::MoveEarlier if index > 0 => photos.swap(index, index - 1),
        PhotoChange::MoveLater if index + 1 < photos.len() => photos.swap(index, index + 1),
        PhotoChange::MoveEarlier | PhotoChange::MoveLater => {}
        PhotoChange::Delete => {
            let photo = photos.remove(index);
            photo::delete(&txn, photo.id).await?;
            removed = Some(photo.storage_key);
        }
    }
    photo::renumber(&txn, &photos).await?;
    record(&txn, listing_id, OutboxOp::Upsert).await?;
    let what = format!("listing {listing_id}: photo {photo_id} {change:?}");
    super::on_behalf::record(&txn, access, &producer, &what, Utc::now()).await?;
    db::commit(txn).await?;
    if let Some(key) = removed {
        delete_files(storage, &[key]).await;
    }
    Ok(())
}
