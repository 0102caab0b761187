//! Ports: what the interface needs from the server, as traits the `server`
//! crate implements (hexagonal architecture). Compiled only with `ssr`; the
//! browser build never sees them.

use std::sync::Arc;

use crate::domain::{
    AppError, HomePage, ListingDetail, ListingQuery, ListingResults, Locale, ProducerDetail, Region, RegionPage,
};

/// Reading the published catalogue.
#[async_trait::async_trait]
pub trait Catalog: Send + Sync {
    /// Counts by sector and region, and the most recently published listings.
    async fn home(&self, locale: Locale) -> Result<HomePage, AppError>;
    /// A published listing; `NotFound` for drafts, archived or unknown ids.
    async fn listing(&self, id: i64, locale: Locale) -> Result<ListingDetail, AppError>;
    /// A producer's public profile and published listings.
    async fn producer(&self, slug: &str, locale: Locale) -> Result<ProducerDetail, AppError>;
    /// A region's producers and listings.
    async fn region(&self, region: Region, locale: Locale) -> Result<RegionPage, AppError>;
    /// Published listings matching every word of the query's text (title or
    /// description, any language) and its sector and region, newest first.
    async fn find_listings(&self, query: &ListingQuery, locale: Locale, limit: u64) -> Result<ListingResults, AppError>;
}

/// Every port, bundled for injection through Leptos context.
#[derive(Clone)]
pub struct Services {
    pub catalog: Arc<dyn Catalog>,
}
