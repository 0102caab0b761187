//! Photos: the pipeline that turns an upload into stored variants, where the
//! files live, the start-up sweep of what a crash left, and how a stored
//! photo becomes the `PhotoRef` pages draw from.

mod illustration;
pub mod pipeline;
pub mod placeholder;
pub mod storage;
pub mod sweep;

use app::domain::PhotoRef;

use crate::entities::listing_photos;

/// URL prefix under which stored media files are served.
pub const MEDIA_URL_PREFIX: &str = "/media";

/// The page-facing reference of a stored photo.
pub fn photo_ref(photo: &listing_photos::Model) -> PhotoRef {
    PhotoRef {
        base: format!("{MEDIA_URL_PREFIX}/{}", photo.storage_key),
        width: u32::try_from(photo.width).unwrap_or(0),
        height: u32::try_from(photo.height).unwrap_or(0),
    }
}
