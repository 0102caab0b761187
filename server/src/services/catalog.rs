//! The `Catalog` port over the database: the public, published catalogue.

use app::domain::{
    AppError, HomePage, ListingDetail, ListingQuery, ListingResults, Locale, ProducerDetail, Region, RegionPage,
};
use app::ports::Catalog;
use sea_orm::DatabaseConnection;

use crate::repo::{listing, producer, stats};

/// Listings on the home page's "recently published" grid.
const HOME_RECENT: u64 = 12;
/// Producers and listings a region page shows.
const REGION_PAGE_SIZE: u64 = 24;

pub struct CatalogService {
    db: DatabaseConnection,
}

impl CatalogService {
    pub fn new(db: DatabaseConnection) -> CatalogService {
        CatalogService { db }
    }
}

#[async_trait::async_trait]
impl Catalog for CatalogService {
    async fn home(&self, locale: Locale) -> Result<HomePage, AppError> {
        let db = &self.db;
        // Every published listing has exactly one origin region.
        let regions = stats::listings_per_region(db).await?;
        Ok(HomePage {
            listing_count: regions.iter().map(|count| count.listings).sum(),
            producer_count: stats::producer_count(db, None).await?,
            sectors: stats::listings_per_sector(db).await?,
            regions,
            recent: listing::cards(db, listing::published(), locale, HOME_RECENT).await?,
        })
    }

    async fn listing(&self, id: i64, locale: Locale) -> Result<ListingDetail, AppError> {
        listing::detail(&self.db, id, locale).await?.ok_or(AppError::NotFound)
    }

    async fn producer(&self, slug: &str, locale: Locale) -> Result<ProducerDetail, AppError> {
        if slug.len() > 120 {
            return Err(AppError::NotFound);
        }
        producer::detail(&self.db, slug, locale).await?.ok_or(AppError::NotFound)
    }

    async fn region(&self, region: Region, locale: Locale) -> Result<RegionPage, AppError> {
        let db = &self.db;
        Ok(RegionPage {
            region,
            producer_count: stats::producer_count(db, Some(region)).await?,
            listing_count: listing::count(db, listing::from_region(region)).await?,
            producers: producer::in_region(db, region, REGION_PAGE_SIZE).await?,
            listings: listing::cards(db, listing::from_region(region), locale, REGION_PAGE_SIZE).await?,
        })
    }

    async fn find_listings(
        &self,
        query: &ListingQuery,
        locale: Locale,
        limit: u64,
    ) -> Result<ListingResults, AppError> {
        if query.text.chars().count() > ListingQuery::MAX_TEXT_CHARS {
            return Err(AppError::invalid("q", format!("at most {} characters", ListingQuery::MAX_TEXT_CHARS)));
        }
        if query.is_empty() {
            return Ok(ListingResults { total: 0, cards: Vec::new() });
        }
        Ok(listing::find(&self.db, query, locale, limit).await?)
    }
}
