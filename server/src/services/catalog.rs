//! The `Catalog` port over the database: the public, published catalogue.

use app::domain::{
    AppError, FacetGroup, FacetValue, HomePage, ListingDetail, ListingQuery, ListingResults, Locale, MAX_PAGE,
    ProducerDetail, Region, RegionPage, SearchFacet, SearchSort,
};
use app::ports::Catalog;
use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::repo::{listing, producer, stats};
use crate::search::{FacetCounts, Filters, SearchIndex, SearchRequest, SortOrder};

/// The search port's filters for a buyer's query.
fn filters_of(query: &ListingQuery) -> Filters {
    let one = |slug: Option<&str>| slug.map(|s| vec![s.to_owned()]).unwrap_or_default();
    Filters {
        sectors: one(query.sector.map(|v| v.slug())),
        regions: one(query.region.map(|v| v.slug())),
        certifications: one(query.certification.map(|v| v.slug())),
        labels: one(query.label.map(|v| v.slug())),
        incoterms: one(query.incoterm.map(|v| v.slug())),
        cooperative: query.cooperative.then_some(true),
        verified: query.verified.then_some(true),
        moq_max: query.moq_max,
        hs: query.hs.clone(),
        producer_id: None,
    }
}

/// Facet counts as the page shows them: facets in their display order,
/// values most frequent first; "false" values of yes/no facets are left out.
fn facet_groups(counts: FacetCounts) -> Vec<FacetGroup> {
    SearchFacet::ALL
        .iter()
        .filter_map(|facet| {
            let values = counts.get(facet)?;
            let mut values: Vec<FacetValue> = values
                .iter()
                .filter(|(slug, _)| {
                    !matches!(facet, SearchFacet::Cooperative | SearchFacet::Verified) || *slug == "true"
                })
                .map(|(slug, count)| FacetValue { slug: slug.clone(), count: *count })
                .collect();
            if *facet == SearchFacet::Moq {
                values.sort_by_key(|v| v.slug.parse::<u64>().unwrap_or(u64::MAX));
            } else {
                values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.slug.cmp(&b.slug)));
            }
            (!values.is_empty()).then_some(FacetGroup { facet: *facet, values })
        })
        .collect()
}

/// Listings on the home page's "recently published" grid.
const HOME_RECENT: u64 = 12;
/// How long a page waits for the search engine before answering from the
/// database instead (well inside the 30-second request timeout).
const SEARCH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);
/// Producers and listings a region page shows.
const REGION_PAGE_SIZE: u64 = 24;

pub struct CatalogService {
    db: DatabaseConnection,
    search: Arc<dyn SearchIndex>,
}

impl CatalogService {
    pub fn new(db: DatabaseConnection, search: Arc<dyn SearchIndex>) -> CatalogService {
        CatalogService { db, search }
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
        let limit = limit.clamp(1, 100);
        let page = query.page();
        let request = SearchRequest {
            text: query.text.clone(),
            filters: filters_of(query),
            sort: match query.sort {
                SearchSort::Relevance => SortOrder::Relevance,
                SearchSort::Newest => SortOrder::Newest,
                SearchSort::Moq => SortOrder::MoqAscending,
            },
            offset: (page as usize - 1) * limit as usize,
            limit: limit as usize,
        };
        let searched = tokio::time::timeout(SEARCH_TIMEOUT, self.search.search(&request))
            .await
            .unwrap_or_else(|_| Err(crate::search::SearchError::Unavailable("no answer in time".into())));
        let (total, cards, facets, degraded) = match searched {
            Ok(hits) => {
                let cards = listing::cards_by_ids(&self.db, &hits.ids, locale).await?;
                (hits.total, cards, facet_groups(hits.facets), false)
            }
            Err(error) => {
                tracing::warn!(%error, "search backend failed: answering from the database");
                let (total, cards) = listing::find(&self.db, query, locale, limit).await?;
                (total, cards, Vec::new(), true)
            }
        };
        let pages = u32::try_from(total.div_ceil(limit)).unwrap_or(u32::MAX).clamp(1, MAX_PAGE);
        Ok(ListingResults { total, cards, facets, page, pages, degraded })
    }
}
