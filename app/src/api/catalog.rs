//! Server functions that read the public catalogue. All are GET requests:
//! they change nothing and may be cached.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::{
    AppError, HomePage, ListingDetail, ListingQuery, ListingResults, Locale, ProducerDetail, Region, RegionPage,
    Sector, SectorPage, Suggestions,
};

/// Search pages show this many cards.
pub const SEARCH_PAGE_SIZE: u64 = crate::domain::RESULTS_PER_PAGE as u64;

#[server(endpoint = "home", input = GetUrl)]
pub async fn get_home(locale: Locale) -> Result<HomePage, AppError> {
    let services = super::context::services()?;
    super::context::respond(services.catalog.home(locale).await)
}

#[server(endpoint = "listing", input = GetUrl)]
pub async fn get_listing(id: i64, locale: Locale) -> Result<ListingDetail, AppError> {
    let services = super::context::services()?;
    super::context::respond(services.catalog.listing(id, locale).await)
}

#[server(endpoint = "producer", input = GetUrl)]
pub async fn get_producer(slug: String, locale: Locale) -> Result<ProducerDetail, AppError> {
    let services = super::context::services()?;
    super::context::respond(services.catalog.producer(&slug, locale).await)
}

#[server(endpoint = "region", input = GetUrl)]
pub async fn get_region(region: Region, locale: Locale) -> Result<RegionPage, AppError> {
    let services = super::context::services()?;
    super::context::respond(services.catalog.region(region, locale).await)
}

#[server(endpoint = "find_listings", input = GetUrl)]
pub async fn find_listings(query: ListingQuery, locale: Locale) -> Result<ListingResults, AppError> {
    let services = super::context::services()?;
    super::context::respond(services.catalog.find_listings(&query, locale, SEARCH_PAGE_SIZE).await)
}

#[server(endpoint = "sector", input = GetUrl)]
pub async fn get_sector(sector: Sector, locale: Locale) -> Result<SectorPage, AppError> {
    let services = super::context::services()?;
    super::context::respond(services.catalog.sector(sector, locale).await)
}

/// Suggestions as you type (the search boxes call it once hydrated).
#[server(endpoint = "suggest", input = GetUrl)]
pub async fn suggest(typed: String, locale: Locale) -> Result<Suggestions, AppError> {
    let services = super::context::services()?;
    super::context::respond(services.catalog.suggest(&typed, locale).await)
}
