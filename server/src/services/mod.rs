//! Implementations of the `app` crate's ports, and the `Services` bundle the
//! router injects into every request.

mod accounts;
pub(crate) mod cached;
mod catalog;
mod inquiries;
mod insights;
mod shortlists;
pub mod studio;

use std::sync::Arc;

use app::ports::Services;
use sea_orm::DatabaseConnection;
use url::Url;

pub use accounts::{AccountsService, reset_token_hash, sha256_hex};
pub use catalog::CatalogService;
pub use inquiries::InquiriesService;
pub use insights::InsightService;
pub use shortlists::ShortlistsService;
pub use studio::StudioService;

use crate::auth::rate_limit::Limits;
use crate::media::storage::MediaStorage;
use crate::search::SearchIndex;

/// Builds every service over one database.
pub fn build(
    db: DatabaseConnection,
    storage: Arc<dyn MediaStorage>,
    search: Arc<dyn SearchIndex>,
    public_url: Url,
) -> Services {
    Services {
        catalog: Arc::new(CatalogService::new(db.clone(), search)),
        accounts: Arc::new(AccountsService::new(db.clone(), Arc::new(Limits::default()), public_url.clone())),
        inquiries: Arc::new(InquiriesService::new(db.clone(), public_url)),
        shortlists: Arc::new(ShortlistsService::new(db.clone())),
        insight: Arc::new(InsightService::new(db.clone())),
        studio: Arc::new(StudioService::new(db, storage)),
    }
}
