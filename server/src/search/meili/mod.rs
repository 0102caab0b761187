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
//! Writes wait until Meilisearch confirms the task. A rebuild fills
//! `{prefix}listings_next` and swaps it with the live index in one task; the
//! schema version is kept in the one-document index `{prefix}meta`.

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
use self::documents::{Hit, META_DOCUMENT_ID, MetaDocument};
use self::facets::{add_distribution, exact_total};
use self::query::{Kind, Window, plan_searches, query_locales, sort_criteria};
use self::settings::PRIMARY_KEY;
use crate::search::analysis::join_hs_dots;
use crate::search::{DocumentBatches, Facet, SearchDocument, SearchError, SearchHits, SearchIndex, SearchRequest};

/// The only attribute a search retrieves: pages load listings from the database.
const RETRIEVED: &[&str] = &[PRIMARY_KEY];

/// The search port on a Meilisearch server.
pub struct MeiliIndex {
    client: Client,
    /// `{prefix}listings`, the live index.
    listings: Index,
    /// `{prefix}meta`, holding the schema version.
    meta: Index,
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
    /// master or API key), creates the index `{index_prefix}listings` if it is
    /// missing and applies its settings, waiting until they are in force.
    pub async fn connect(url: &str, key: Option<&str>, index_prefix: &str) -> Result<MeiliIndex, SearchError> {
        // The SDK builds its Authorization header with a panicking conversion.
        if key.is_some_and(|key| key.chars().any(char::is_control)) {
            return Err(SearchError::Backend("the Meilisearch API key contains control characters".to_owned()));
        }
        let host = url.trim().trim_end_matches('/');
        let client = Client::new(host, key)
            .map_err(|error| classify(&format!("creating the Meilisearch client for {host}"), error))?;
        let listings = client.index(format!("{index_prefix}listings"));
        let meta = client.index(format!("{index_prefix}meta"));
        let index = MeiliIndex { client, listings, meta };
        index.prepare_index(&index.listings.uid).await?;
        Ok(index)
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
        // `1515.90` is one HS code, not the words 1515 and 90.
        let text = join_hs_dots(request.text.trim());
        let text = text.as_str();
        let sort: Vec<&'static str> = sort_criteria(request.sort, text).into_iter().collect();
        let plans = plan_searches(request);
        let locales = query_locales(text);

        let mut multi = self.client.multi_search();
        for plan in &plans {
            let mut query = SearchQuery::new(&self.listings);
            // Every word must match (as in the embedded backend): the
            // default, "last", fills the page with listings that match only
            // the first words, so 橄榄油 (olive oil) found table olives.
            query.with_query(text).with_matching_strategy(MatchingStrategies::ALL);
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
                    hits.ids = result.hits.iter().map(|hit| hit.result.id).collect();
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

    async fn rebuild(&self, source: &mut dyn DocumentBatches) -> Result<u64, SearchError> {
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
        self.write_schema_version().await?;
        tracing::info!(documents = count, index = %live_uid, "search index rebuilt");
        Ok(count)
    }

    async fn schema_version(&self) -> Result<Option<u32>, SearchError> {
        let context = format!("reading the schema version from index {}", self.meta.uid);
        let id = META_DOCUMENT_ID.to_string();
        match timed(&context, REQUEST_TIMEOUT, self.meta.get_document::<MetaDocument>(&id)).await? {
            Ok(document) => Ok(Some(document.schema_version)),
            Err(MeiliError::Meilisearch(error))
                if matches!(error.error_code, ErrorCode::IndexNotFound | ErrorCode::DocumentNotFound) =>
            {
                Ok(None)
            }
            Err(error) => Err(classify(&context, error)),
        }
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
