//! The `Catalog` port over the database: the public, published catalogue.

use app::domain::{
    AppError, Broadened, FacetGroup, FacetValue, HomePage, ListingCard, ListingDetail, ListingQuery, ListingResults,
    Locale, MAX_PAGE, ProducerDetail, Region, RegionPage, SearchFacet, SearchSort, Sector, SectorPage, Suggestion,
    SuggestionKind, Suggestions,
};
use app::ports::Catalog;
use std::collections::HashMap;
use std::sync::Arc;

use crate::db::Db;

use super::broadening;
use super::cached::Cached;
use crate::changes::Follows;
use crate::repo::{listing, producer, stats};
use crate::search::analysis::fold;
use crate::search::vocabulary::Vocabulary;
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
/// Producers and listings a region or sector page shows.
const REGION_PAGE_SIZE: u64 = 24;
/// How long suggestions wait for the search engine before answering with
/// vocabulary concepts only (a suggestion's budget is 50 ms on a release
/// build; this bound is for an engine in trouble, and the browser shows
/// only the answer to the latest keystroke anyway).
const SUGGEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(1);
/// Suggestions of each kind.
const SUGGESTED_PRODUCTS: usize = 4;
const SUGGESTED_LISTINGS: usize = 4;
const SUGGESTED_PRODUCERS: usize = 3;

pub struct CatalogService {
    db: Db,
    search: Arc<dyn SearchIndex>,
    /// The home page by language.
    homes: Cached<Locale, HomePage>,
    /// The home page's counts, the same in every language (at 100,000
    /// listings, counting takes about 0.2 s: once per change, not once per
    /// language).
    home_counts: Cached<(), HomeCounts>,
    /// Producers buyers may see, by region (`None`: all).
    producers_by_region: Cached<Option<Region>, u64>,
    /// Producers with a visible listing, by sector.
    producers_by_sector: Cached<Sector, u64>,
    /// Listing pages' data by listing and language.
    listings: Cached<(i64, Locale), ListingDetail>,
    /// Producer pages' data by slug and language.
    producers: Cached<(String, Locale), ProducerDetail>,
    /// The first producers of each region, for its page.
    region_producers: Cached<Region, Vec<app::domain::ProducerCard>>,
    /// Listing cards by listing and language (search results, region and
    /// sector pages).
    cards: Cached<(i64, Locale), ListingCard>,
    /// The search engine's answers, until the index changes: a region or
    /// sector page counts the facets of thousands of listings at 100,000.
    hits: Cached<SearchRequest, crate::search::SearchHits>,
}

/// Published listings by sector and by region.
#[derive(Clone)]
struct HomeCounts {
    sectors: Vec<app::domain::Count<Sector>>,
    regions: Vec<app::domain::Count<Region>>,
}

/// Search answers kept (ids and facet counts, about 2 KB each).
const KEPT_SEARCHES: usize = 1_024;

/// Listing cards kept (under 1 KB each).
const KEPT_CARDS: usize = 16_384;

/// Listing pages whose data is kept (about 3 KB each).
const KEPT_LISTINGS: usize = 4_096;
/// Producer pages whose data is kept (up to about 30 KB each, with their
/// 48 cards).
const KEPT_PRODUCERS: usize = 1_024;

impl CatalogService {
    pub fn new(db: Db, search: Arc<dyn SearchIndex>) -> CatalogService {
        CatalogService {
            search,
            homes: Cached::new(db.changes()),
            home_counts: Cached::new(db.changes()),
            producers_by_region: Cached::new(db.changes()),
            producers_by_sector: Cached::new(db.changes()),
            listings: Cached::with_capacity(db.changes(), KEPT_LISTINGS),
            producers: Cached::with_capacity(db.changes(), KEPT_PRODUCERS),
            region_producers: Cached::new(db.changes()),
            cards: Cached::with_capacity(db.changes(), KEPT_CARDS),
            hits: Cached::following(db.changes(), Follows::Index, KEPT_SEARCHES),
            db,
        }
    }

    /// Cards for listings by id, in the order given, the kept ones from
    /// memory and the others from the database in one batch; ids buyers may
    /// not see are left out (`listing::cards_by_ids`).
    async fn cards_by_ids(&self, ids: &[i64], locale: Locale) -> Result<Vec<ListingCard>, AppError> {
        let commits = self.cards.writes_now();
        let mut kept: Vec<Option<ListingCard>> = ids.iter().map(|id| self.cards.get(&(*id, locale))).collect();
        let missing: Vec<i64> = ids.iter().zip(&kept).filter(|(_, card)| card.is_none()).map(|(id, _)| *id).collect();
        if !missing.is_empty() {
            let mut loaded: HashMap<i64, ListingCard> = listing::cards_by_ids(&self.db, &missing, locale)
                .await?
                .into_iter()
                .map(|card| (card.id, card))
                .collect();
            for (id, slot) in ids.iter().zip(kept.iter_mut()) {
                if slot.is_none()
                    && let Some(card) = loaded.remove(id)
                {
                    self.cards.keep((*id, locale), card.clone(), commits);
                    *slot = Some(card);
                }
            }
        }
        Ok(kept.into_iter().flatten().collect())
    }

    /// How a producer answers inquiries, from its conversations.
    async fn response_of(&self, producer_slug: &str) -> Result<app::domain::ResponseMetrics, AppError> {
        let now = chrono::Utc::now();
        let since = now - chrono::Duration::days(app::domain::METRICS_WINDOW_DAYS);
        let timings = crate::repo::inquiry::timings_of_producer(&self.db, producer_slug, since).await?;
        Ok(app::domain::ResponseMetrics::compute(&timings, now.timestamp()))
    }

    async fn producer_count(&self, region: Option<Region>) -> Result<u64, AppError> {
        Ok(self.producers_by_region.get_or_compute(region, stats::producer_count(&self.db, region)).await?)
    }

    /// The search engine's answer, or the database's when the engine fails
    /// or is slow: (total, ids or cards, facets, degraded).
    async fn search(&self, query: &ListingQuery, locale: Locale, limit: u64) -> Result<ListingResults, AppError> {
        if query.text.chars().count() > ListingQuery::MAX_TEXT_CHARS {
            return Err(AppError::invalid("q", format!("at most {} characters", ListingQuery::MAX_TEXT_CHARS)));
        }
        let limit = limit.clamp(1, 100);
        let page = query.page();
        let offset = (page as usize - 1) * limit as usize;
        let request = request_of(query, offset, limit as usize);
        let mut broadened = None;
        let searched = match self.hits.get_or_compute(request.clone(), self.search_engine(&request)).await {
            Ok(hits) if hits.total == 0 && !request.text.trim().is_empty() => {
                match self.broaden(query, locale, offset, limit as usize).await {
                    Some((how, wider)) => {
                        broadened = Some(how);
                        Ok(wider)
                    }
                    None => Ok(hits),
                }
            }
            other => other,
        };
        let (total, cards, facets, degraded) = match searched {
            Ok(hits) => {
                let cards = self.cards_by_ids(&hits.ids, locale).await?;
                (hits.total, cards, facet_groups(hits.facets), false)
            }
            Err(error) => {
                tracing::warn!(%error, "search backend failed: answering from the database");
                let (total, cards) = listing::find(&self.db, query, locale, limit).await?;
                (total, cards, Vec::new(), true)
            }
        };
        let pages = u32::try_from(total.div_ceil(limit)).unwrap_or(u32::MAX).clamp(1, MAX_PAGE);
        Ok(ListingResults { total, cards, facets, page, pages, degraded, broadened })
    }

    /// The engine's answer within `SEARCH_TIMEOUT`.
    async fn search_engine(
        &self,
        request: &SearchRequest,
    ) -> Result<crate::search::SearchHits, crate::search::SearchError> {
        let started = std::time::Instant::now();
        let answer = tokio::time::timeout(SEARCH_TIMEOUT, self.search.search(request))
            .await
            .unwrap_or_else(|_| Err(crate::search::SearchError::Unavailable("no answer in time".into())));
        crate::metrics::search(self.search.backend(), answer.is_ok(), started.elapsed().as_secs_f64());
        answer
    }

    /// The closest useful results for a query that matched nothing
    /// (`broadening`): its words respelt, else without its least important
    /// word; `None` when neither finds anything or the engine fails (the
    /// empty answer then stands).
    async fn broaden(
        &self,
        query: &ListingQuery,
        locale: Locale,
        offset: usize,
        limit: usize,
    ) -> Option<(Broadened, crate::search::SearchHits)> {
        let typed = query.text.trim();
        let started = std::time::Instant::now();
        let respelt = Vocabulary::global().respell(typed, locale.code()).filter(|respelt| respelt != typed);
        for text in respelt.into_iter().chain(broadening::hs_headings(typed)) {
            let hits = self.page_of(&query.with_text(&text), offset, limit).await?;
            if hits.total > 0 {
                return Some((Broadened::Respelt { text }, hits));
            }
        }
        // Each drop costs a search: they stop at `broadening::WIDEN_WITHIN`.
        let mut found = Vec::new();
        for drop in broadening::word_drops(&Vocabulary::global().space_unspaced(typed)) {
            if started.elapsed() > broadening::WIDEN_WITHIN {
                tracing::debug!(query = typed, "widening stopped at its time budget");
                break;
            }
            let hits = self.page_of(&query.with_text(&drop.text), 0, 1).await?;
            found.push((drop, hits.total));
        }
        let drop = broadening::best_drop(found)?;
        let hits = self.page_of(&query.with_text(&drop.text), offset, limit).await?;
        Some((Broadened::WithoutWord { word: drop.word, text: drop.text }, hits))
    }

    /// One page of the engine's answer for `query` (kept like any other);
    /// `None`, logged, when the engine fails.
    async fn page_of(&self, query: &ListingQuery, offset: usize, limit: usize) -> Option<crate::search::SearchHits> {
        let request = request_of(query, offset, limit);
        match self.hits.get_or_compute(request.clone(), self.search_engine(&request)).await {
            Ok(hits) => Some(hits),
            Err(error) => {
                tracing::warn!(%error, "search backend failed while widening a query that found nothing");
                None
            }
        }
    }
}

/// The search port's request for a buyer's query.
fn request_of(query: &ListingQuery, offset: usize, limit: usize) -> SearchRequest {
    SearchRequest {
        // Chinese runs split at the names they hold, so each word counts
        // alone, and without the words that say nothing of the product.
        text: Vocabulary::global().without_filler(&Vocabulary::global().space_unspaced(&query.text)),
        filters: filters_of(query),
        sort: match query.sort {
            SearchSort::Relevance => SortOrder::Relevance,
            SearchSort::Newest => SortOrder::Newest,
            SearchSort::Moq => SortOrder::MoqAscending,
        },
        offset,
        limit,
    }
}

/// A search page's path for some words, in a language.
fn search_path(locale: Locale, text: &str) -> String {
    let query = ListingQuery { text: text.to_owned(), ..ListingQuery::default() };
    format!("/{}/search?{}", locale.code(), query.to_query_string())
}

#[async_trait::async_trait]
impl Catalog for CatalogService {
    async fn home(&self, locale: Locale) -> Result<HomePage, AppError> {
        let db = &self.db;
        let compute = async {
            let count = async {
                Ok::<_, AppError>(HomeCounts {
                    sectors: stats::listings_per_sector(db).await?,
                    regions: stats::listings_per_region(db).await?,
                })
            };
            let HomeCounts { sectors, regions } = self.home_counts.get_or_compute((), count).await?;
            Ok::<_, AppError>(HomePage {
                // Every published listing has exactly one origin region.
                listing_count: regions.iter().map(|count| count.listings).sum(),
                producer_count: self.producer_count(None).await?,
                sectors,
                regions,
                recent: listing::cards(db, listing::published(), locale, HOME_RECENT).await?,
            })
        };
        self.homes.get_or_compute(locale, compute).await
    }

    async fn listing(&self, id: i64, locale: Locale) -> Result<ListingDetail, AppError> {
        let load = async {
            let mut detail = listing::detail(&self.db, id, locale).await?.ok_or(AppError::NotFound)?;
            detail.response = self.response_of(&detail.producer.slug).await?;
            Ok::<_, AppError>(detail)
        };
        self.listings.get_or_compute((id, locale), load).await
    }

    async fn producer(&self, slug: &str, locale: Locale) -> Result<ProducerDetail, AppError> {
        if slug.len() > 120 {
            return Err(AppError::NotFound);
        }
        let load = async {
            let mut detail = producer::detail(&self.db, slug, locale).await?.ok_or(AppError::NotFound)?;
            detail.response = self.response_of(slug).await?;
            Ok::<_, AppError>(detail)
        };
        self.producers.get_or_compute((slug.to_owned(), locale), load).await
    }

    async fn region(&self, region: Region, locale: Locale) -> Result<RegionPage, AppError> {
        let query = ListingQuery { region: Some(region), sort: SearchSort::Newest, ..ListingQuery::default() };
        Ok(RegionPage {
            region,
            producer_count: self.producer_count(Some(region)).await?,
            producers: self
                .region_producers
                .get_or_compute(region, producer::in_region(&self.db, region, REGION_PAGE_SIZE))
                .await?,
            listings: self.search(&query, locale, REGION_PAGE_SIZE).await?,
        })
    }

    async fn sector(&self, sector: Sector, locale: Locale) -> Result<SectorPage, AppError> {
        let query = ListingQuery { sector: Some(sector), sort: SearchSort::Newest, ..ListingQuery::default() };
        Ok(SectorPage {
            sector,
            producer_count: self
                .producers_by_sector
                .get_or_compute(sector, stats::producers_in_sector(&self.db, sector))
                .await?,
            listings: self.search(&query, locale, REGION_PAGE_SIZE).await?,
        })
    }

    async fn find_listings(
        &self,
        query: &ListingQuery,
        locale: Locale,
        limit: u64,
    ) -> Result<ListingResults, AppError> {
        self.search(query, locale, limit).await
    }

    async fn suggest(&self, typed: &str, locale: Locale) -> Result<Suggestions, AppError> {
        let typed = typed.trim();
        let length = typed.chars().count();
        if length > Suggestions::MAX_CHARS {
            return Err(AppError::invalid("typed", format!("at most {} characters", Suggestions::MAX_CHARS)));
        }
        if length < Suggestions::MIN_CHARS {
            return Ok(Suggestions::default());
        }
        let mut items: Vec<Suggestion> = Vocabulary::global()
            .suggest(typed, locale.code(), SUGGESTED_PRODUCTS)
            .into_iter()
            .map(|(_, name)| Suggestion {
                kind: SuggestionKind::Product,
                href: search_path(locale, &name),
                label: name,
            })
            .collect();
        let request = SearchRequest {
            text: typed.to_owned(),
            filters: Filters::default(),
            sort: SortOrder::Relevance,
            offset: 0,
            limit: 12,
        };
        let hits = match tokio::time::timeout(SUGGEST_TIMEOUT, self.search.search(&request)).await {
            Ok(Ok(hits)) => hits,
            Ok(Err(error)) => {
                tracing::warn!(%error, "search backend failed: suggesting products only");
                return Ok(Suggestions { items });
            }
            Err(_) => {
                tracing::warn!("search backend too slow: suggesting products only");
                return Ok(Suggestions { items });
            }
        };
        let cards = self.cards_by_ids(&hits.ids, locale).await?;
        // A producer is suggested when its name holds every typed word.
        let words: Vec<String> = fold(typed).split_whitespace().map(str::to_owned).collect();
        let mut producers: Vec<(String, String)> = Vec::new();
        for card in &cards {
            let name = fold(&card.producer_name);
            let named = words.iter().all(|word| name.split_whitespace().any(|part| part.starts_with(word.as_str())));
            if named && !producers.iter().any(|(slug, _)| *slug == card.producer_slug) {
                producers.push((card.producer_slug.clone(), card.producer_name.clone()));
            }
        }
        items.extend(cards.iter().take(SUGGESTED_LISTINGS).map(|card| Suggestion {
            kind: SuggestionKind::Listing,
            label: card.title.text.clone(),
            href: card.path(locale),
        }));
        items.extend(producers.into_iter().take(SUGGESTED_PRODUCERS).map(|(slug, name)| Suggestion {
            kind: SuggestionKind::Producer,
            label: name,
            href: format!("/{}/producers/{slug}", locale.code()),
        }));
        Ok(Suggestions { items })
    }
}
