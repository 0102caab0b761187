//! Implementations of the `app` crate's ports, and the `Services` bundle the
//! router injects into every request.

pub(crate) mod accounts;
mod broadening;
pub(crate) mod cached;
mod catalog;
pub mod confirmation;
pub mod deals;
mod documents;
mod imports;
pub(crate) mod inquiries;
mod insights;
pub mod offices;
pub mod requests;
pub mod saved_searches;
mod shortlists;
pub mod showcases;
pub mod studio;
pub mod teams;

use std::sync::Arc;

use crate::db::Db;
use app::ports::Services;
use url::Url;

pub use accounts::{AccountsService, reset_token_hash, sha256_hex};
pub use catalog::CatalogService;
pub use inquiries::InquiriesService;
pub use insights::InsightService;
pub use offices::OfficesService;
pub use saved_searches::SavedSearchesService;
pub use shortlists::ShortlistsService;
pub use showcases::ShowcasesService;
pub use studio::StudioService;

use crate::auth::rate_limit::Limits;
use crate::media::storage::MediaStorage;
use crate::search::SearchIndex;

/// `bytes` random bytes as lower-case hex: the one way links' tokens and
/// storage keys are made unguessable.
pub fn random_hex(bytes: usize) -> String {
    use rand::RngCore;
    let mut buffer = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buffer);
    buffer.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The absolute URL of a path (with its query) on the public site.
pub fn link_to(public_url: &Url, path: &str) -> String {
    let mut link = public_url.clone();
    match path.split_once('?') {
        Some((path, query)) => {
            link.set_path(path);
            link.set_query(Some(query));
        }
        None => link.set_path(path),
    }
    link.to_string()
}

/// The catalogue alone, over a database and a search backend (for
/// commands such as `server bench-relevance`).
pub fn catalog_service(db: Db, search: Arc<dyn SearchIndex>) -> Arc<dyn app::ports::Catalog> {
    Arc::new(CatalogService::new(db, search))
}

/// Builds every service over one database.
pub fn build(
    db: Db,
    limits: Arc<Limits>,
    storage: Arc<dyn MediaStorage>,
    search: Arc<dyn SearchIndex>,
    public_url: Url,
    signer: crate::signing::LinkSigner,
    clock: crate::clock::Clock,
) -> Services {
    // Sheets are parsed two at a time, whoever uploads them.
    let sheets = Arc::new(crate::import::reader::SheetReader::new(2));
    let inquiries: Arc<dyn app::ports::Inquiries> = Arc::new(InquiriesService::new(db.clone(), public_url.clone()));
    Services {
        catalog: Arc::new(CatalogService::new(db.clone(), search)),
        offices: Arc::new(OfficesService::new(db.clone(), public_url.clone(), sheets.clone(), clock.clone())),
        accounts: Arc::new(AccountsService::new(db.clone(), limits, public_url.clone())),
        inquiries: inquiries.clone(),
        deals: Arc::new(deals::DealsService::new(db.clone(), public_url.clone(), clock.clone())),
        documents: Arc::new(documents::DocumentsService::new(db.clone(), clock.clone())),
        requests: Arc::new(requests::BuyingRequestsService::new(db.clone(), public_url.clone(), clock, inquiries)),
        saved_searches: Arc::new(SavedSearchesService::new(db.clone(), public_url.clone(), signer)),
        showcases: Arc::new(ShowcasesService::new(db.clone(), public_url.clone())),
        teams: Arc::new(teams::TeamsService::new(db.clone(), public_url)),
        shortlists: Arc::new(ShortlistsService::new(db.clone())),
        insight: Arc::new(InsightService::new(db.clone())),
        studio: Arc::new(StudioService::new(db, storage, sheets)),
    }
}
