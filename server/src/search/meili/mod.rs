//! The Meilisearch backend of the search port, through meilisearch-sdk.
//!
//! Listings live in the index `{prefix}listings` (primary key `id`, the listing
//! id), with one `title_L`/`description_L` field per language tagged with its
//! Meilisearch locale, so charabia segments and normalises Arabic and Chinese
//! itself. Cross-language matching goes through `concepts`: one token per
//! vocabulary concept a listing matched (`vocabconceptoliveoil`), and the
//! index's synonyms, which turn each concept name typed in a query, in any
//! language, into its token. A query word that is only part of a name
//! ("huile") matches no concept, as in the embedded backend.
//!
//! A search is one multi-search request: the page of hits with its exact total
//! (page mode), the facet values of unconstrained facets, one count-only query
//! per constrained facet (its own filter left out) and one per MOQ bucket.
//! Writes wait until Meilisearch confirms the task.
//!
//! Index names carry the schema version (`{prefix}listings_v{N}`), so during
//! a rolling deploy servers of two versions each search (and feed) their
//! own. A rebuild fills `{prefix}listings_v{N}_next` and swaps it with the
//! live index in one task; the index `{prefix}meta` holds one document per
//! schema version, written once its index is complete, with the index's
//! position in the change feed. One process of the fleet at a time feeds
//! and rebuilds it (`jobs::search_indexer`).

mod calls;
mod documents;
mod facets;
mod query;
mod settings;
mod tasks;

use std::fmt;

use async_trait::async_trait;
use meilisearch_sdk::client::{Client, SwapIndexes};
use meilisearch_sdk::errors::{Error as MeiliError, ErrorCode};
use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::search::{MatchingStrategies, SearchQuery, Selectors};

use self::calls::{HEALTH_TIMEOUT, REQUEST_TIMEOUT, call, classify, timed};
use self::documents::{Hit, MetaDocument};
use self::facets::{add_distribution, exact_total};
use self::query::{Kind, Window, meili_query, plan_searches, query_locales, sort_criteria};
use self::settings::PRIMARY_KEY;
use crate::search::analysis::join_hs_dots;
use crate::search::{
    DocumentBatches, Facet, FeedPosition, SCHEMA_VERSION, SearchDocument, SearchError, SearchHits, SearchIndex,
    SearchRequest, SortOrder, ranking,
};

/// The only attribute a search retrieves: pages load listings from the database.
const RETRIEVED: &[&str] = &[PRIMARY_KEY, "producer_id"];

/// The search port on a Meilisearch server.
pub struct MeiliIndex {
    client: Client,
    /// `{prefix}listings_v{SCHEMA_VERSION}`, the live index.
    listings: Index,
    /// `{prefix}meta`, holding what each schema version's index has applied.
    meta: Index,
    /// Whether the live index was seen complete (its meta document exists):
    /// until then searches answer `Unavailable` and pages fall back to the
    /// database, instead of an empty catalogue during a new version's build.
    complete: std::sync::atomic::AtomicBool,
}

impl fmt::Debug for MeiliIndex {
    // By hand: the client's own `Debug` would print the API key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MeiliIndex")
            .field("host", &self.client.get_host())
            .field("listings", &self.listings.uid)
            .field("meta", &self.meta.uid)
            .finish_non_exhaustive()
    }
}

impl MeiliIndex {
    /// Connects to the Meilisearch server at `url` (with `key` when it has a
    /// master or API key), creates the index `{index_prefix}listings_v{N}` if it is
    /// missing and applies its settings, waiting until they are in force.
    pub async fn connect(url: &str, key: Option<&str>, index_prefix: &str) -> Result<MeiliIndex, SearchError> {
        // The SDK builds its Authorization header with a panicking conversion.
        if key.is_some_and(|key| key.chars().any(char::is_control)) {
            return Err(SearchError::Backend("the Meilisearch API key contains control characters".to_owned()));
        }
        let host = url.trim().trim_end_matches('/');
        let client = Client::new(host, key)
            .map_err(|error| classify(&format!("creating the Meilisearch client for {host}"), error))?;
        let listings = client.index(format!("{index_prefix}listings_v{SCHEMA_VERSION}"));
        let meta = client.index(format!("{index_prefix}meta"));
        let index = MeiliIndex { client, listings, meta, complete: std::sync::atomic::AtomicBool::new(false) };
        index.prepare_index(&index.listings.uid).await?;
        Ok(index)
    }
}

impl MeiliIndex {
    /// The meta document of the current schema version (`None`: its index
    /// was never completed).
    async fn meta_document(&self) -> Result<Option<MetaDocument>, SearchError> {
        let context = format!("reading the feed position from index {}", self.meta.uid);
        let id = SCHEMA_VERSION.to_string();
        match timed(&context, REQUEST_TIMEOUT, self.meta.get_document::<MetaDocument>(&id)).await? {
            Ok(document) => Ok(Some(document)),
            Err(MeiliError::Meilisearch(error))
                if matches!(error.error_code, ErrorCode::IndexNotFound | ErrorCode::DocumentNotFound) =>
            {
                Ok(None)
            }
            Err(error) => Err(classify(&context, error)),
        }
    }
}

#[async_trait]
impl SearchIndex for MeiliIndex {
    fn backend(&self) -> &'static str {
        "meilisearch"
    }

    async fn upsert(&self, documents: Vec<SearchDocument>) -> Result<(), SearchError> {
        self.add_documents(&self.listings, &documents).await
    }

    async fn delete(&self, listing_ids: &[i64]) -> Result<(), SearchError> {
        if listing_ids.is_empty() {
            return Ok(());
        }
        let context = format!("deleting {} documents from index {}", listing_ids.len(), self.listings.uid);
        let task = call(&context, REQUEST_TIMEOUT, self.listings.delete_documents(listing_ids)).await?;
        self.wait(task, &context, &[]).await
    }

    async fn search(&self, request: &SearchRequest) -> Result<SearchHits, SearchError> {
        use std::sync::atomic::Ordering;
        if !self.complete.load(Ordering::Acquire) {
            if self.meta_document().await?.is_none() {
                return Err(SearchError::Unavailable(format!("index {} is being built", self.listings.uid)));
            }
            self.complete.store(true, Ordering::Release);
        }
        // `1515.90` is one HS code, not the words 1515 and 90; a product
        // name leads with its concept token (`meili_query`).
        let (text, soft) = meili_query(&join_hs_dots(request.text.trim()));
        let text = text.as_str();
        let sort: Vec<&'static str> = sort_criteria(request.sort, text).into_iter().collect();
        // The first results are fetched as a whole and capped per producer
        // (`ranking`), as the embedded backend does.
        let limit = request.limit.clamp(1, 1_000);
        let first_pages = (request.sort == SortOrder::Relevance && !text.is_empty() && request.limit > 0)
            .then(|| ranking::hits_to_fetch(request.offset, limit))
            .flatten();
        let plans = match first_pages {
            Some(count) => plan_searches(&SearchRequest { offset: 0, limit: count, ..request.clone() }),
            None => plan_searches(request),
        };
        let locales = query_locales(text);

        let mut multi = self.client.multi_search();
        for plan in &plans {
            let mut query = SearchQuery::new(&self.listings);
            // Every word must match (as in the embedded backend): the
            // default, "last", fills the page with listings that match only
            // the first words, so 橄榄油 (olive oil) found table olives.
            let strategy = if soft { MatchingStrategies::LAST } else { MatchingStrategies::ALL };
            query.with_query(text).with_matching_strategy(strategy);
            if let Some(locales) = locales {
                query.with_locales(locales);
            }
            if let Some(filter) = plan.filter.as_deref() {
                query.with_filter(filter);
            }
            if !plan.facet_names.is_empty() {
                query.with_facets(Selectors::Some(plan.facet_names.as_slice()));
            }
            match plan.window {
                Window::Page { page, hits_per_page } => {
                    query.with_page(page).with_hits_per_page(hits_per_page);
                }
                Window::Offset { offset, limit } => {
                    query.with_offset(offset).with_limit(limit);
                }
            }
            if matches!(plan.kind, Kind::Main) {
                query.with_attributes_to_retrieve(Selectors::Some(RETRIEVED));
                if !sort.is_empty() {
                    query.with_sort(sort.as_slice());
                }
            }
            multi.with_search_query(query);
        }
        let context = format!("searching index {}", self.listings.uid);
        let response = call(&context, REQUEST_TIMEOUT, multi.execute::<Hit>()).await?;
        if response.results.len() != plans.len() {
            return Err(SearchError::Backend(format!(
                "{context}: {} results for {} queries",
                response.results.len(),
                plans.len()
            )));
        }

        let mut hits = SearchHits::default();
        for (plan, result) in plans.iter().zip(&response.results) {
            match plan.kind {
                Kind::Main => {
                    hits.ids = if first_pages.is_some() {
                        let ranked: Vec<(i64, i64)> =
                            result.hits.iter().map(|hit| (hit.result.id, hit.result.producer_id)).collect();
                        ranking::page_of_first_results(&ranked, request.offset, limit)
                    } else {
                        result.hits.iter().map(|hit| hit.result.id).collect()
                    };
                    if matches!(plan.window, Window::Page { .. }) {
                        hits.total = exact_total(result, &context)?;
                    }
                    add_distribution(&mut hits.facets, &plan.facets, result);
                }
                Kind::Total => hits.total = exact_total(result, &context)?,
                Kind::FacetValues => add_distribution(&mut hits.facets, &plan.facets, result),
                Kind::MoqBucket(bound) => {
                    let count = exact_total(result, &context)?;
                    if count > 0 {
                        hits.facets.entry(Facet::Moq).or_default().insert(bound.to_string(), count);
                    }
                }
            }
        }
        Ok(hits)
    }

    async fn rebuild(&self, source: &mut dyn DocumentBatches, from: FeedPosition) -> Result<u64, SearchError> {
        let live_uid = self.listings.uid.clone();
        let next_uid = format!("{live_uid}_next");
        let next = self.client.index(next_uid.as_str());

        self.drop_index(&next_uid).await?;
        self.prepare_index(&next_uid).await?;
        let count = match self.fill(&next, source).await {
            Ok(count) => count,
            Err(error) => {
                self.discard(&next_uid).await;
                return Err(error);
            }
        };

        self.ensure_index(&live_uid).await?;
        let context = format!("swapping index {live_uid} with {next_uid}");
        let swap = SwapIndexes { indexes: (live_uid.clone(), next_uid.clone()), rename: None };
        let task = call(&context, REQUEST_TIMEOUT, self.client.swap_indexes([&swap])).await?;
        self.wait(task, &context, &[]).await?;

        // `next_uid` now holds the old listings; a leftover is deleted by the next rebuild.
        if let Err(error) = self.drop_index(&next_uid).await {
            tracing::warn!(%error, index = %next_uid, "could not delete the replaced search index");
        }
        self.write_meta(from).await?;
        tracing::info!(documents = count, index = %live_uid, "search index rebuilt");
        Ok(count)
    }

    async fn schema_version(&self) -> Result<Option<u32>, SearchError> {
        Ok(self.meta_document().await?.map(|document| document.schema_version))
    }

    async fn feed_position(&self) -> Result<Option<FeedPosition>, SearchError> {
        Ok(self.meta_document().await?.and_then(|document| document.feed))
    }

    async fn record_feed_position(&self, position: FeedPosition) -> Result<(), SearchError> {
        self.write_meta(position).await
    }

    fn is_shared(&self) -> bool {
        true
    }

    async fn check(&self) -> Result<(), SearchError> {
        let context = format!("checking Meilisearch at {}", self.client.get_host());
        let health = call(&context, HEALTH_TIMEOUT, self.client.health()).await?;
        if health.status == "available" {
            Ok(())
        } else {
            Err(SearchError::Unavailable(format!("{context}: status {:?}", health.status)))
        }
    }
}
