//! sea-orm entities, one per table (generated style). Models never leave
//! `server`: repositories turn them into `app::domain` types.

pub mod users;
pub mod sessions;
pub mod password_resets;
pub mod producers;
pub mod producer_translations;
pub mod producer_certifications;
pub mod listings;
pub mod listing_translations;
pub mod listing_photos;
pub mod inquiries;
pub mod inquiry_messages;
pub mod showcases;
pub mod showcase_items;
pub mod search_outbox;
