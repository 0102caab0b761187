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

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::future::Future;
use std::time::Duration;

use async_trait::async_trait;
use meilisearch_sdk::client::{Client, SwapIndexes};
use meilisearch_sdk::errors::{Error as MeiliError, ErrorCode};
use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::search::{MatchingStrategies, SearchQuery, SearchResults, Selectors};
use meilisearch_sdk::settings::{
    FacetingSettings, LocalizedAttributes, MinWordSizeForTypos, PaginationSetting, Settings, TypoToleranceSettings,
};
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::Task;
use serde::{Deserialize, Serialize};

use crate::search::analysis::join_hs_dots;
use crate::search::document::hs_prefixes;
use crate::search::vocabulary::Vocabulary;
use crate::search::{
    DocumentBatches, Facet, FacetCounts, Filters, LANGUAGES, MOQ_BUCKETS, SCHEMA_VERSION, SearchDocument, SearchError,
    SearchHits, SearchIndex, SearchRequest, SortOrder,
};

/// The primary key of both indexes.
const PRIMARY_KEY: &str = "id";
/// The only attribute a search retrieves: pages load listings from the database.
const RETRIEVED: &[&str] = &[PRIMARY_KEY];
/// The id of the one document of the meta index.
const META_DOCUMENT_ID: u32 = 1;

/// How often a pending task is polled.
const TASK_POLL: Duration = Duration::from_millis(50);
/// How long a task may take: bulk additions and settings changes reindex.
const TASK_TIMEOUT: Duration = Duration::from_secs(120);
/// How long one HTTP call may take (reqwest has no timeout of its own here).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How long the health check may take.
const HEALTH_TIMEOUT: Duration = Duration::from_secs(5);

/// Highest number of hits Meilisearch counts and lets a page reach (its
/// default, 1000, would cap `totalHits`).
const MAX_TOTAL_HITS: usize = 1_000_000;
/// Highest number of values counted per facet (default 100).
const MAX_VALUES_PER_FACET: usize = 1_000;
/// `moq_sort` of listings without a MOQ, so ascending order puts them last
/// (2^53 - 1: Meilisearch stores numbers as f64).
const MOQ_SORT_MISSING: u64 = (1 << 53) - 1;

/// Searched attributes besides titles and descriptions, in ranking order.
const SEARCHABLE_AFTER_TITLES: &str = "producer_name";
const SEARCHABLE_LAST: [&str; 2] = ["hs", "concepts"];
const FILTERABLE: [&str; 10] =
    ["sector", "region", "certification", "label", "incoterm", "cooperative", "verified", "moq", "hs", "producer_id"];
const SORTABLE: [&str; 2] = ["published_at", "moq_sort"];
/// Meilisearch's default rules with `sort` first, so that an explicit order
/// (newest, smallest MOQ) is strict; without a sort parameter it does nothing.
const RANKING_RULES: [&str; 6] = ["sort", "words", "typo", "proximity", "attribute", "exactness"];

/// Facets counted through Meilisearch's facet distribution (MOQ is counted in
/// buckets, one count query each).
const DISTRIBUTED_FACETS: [Facet; 7] = [
    Facet::Sector,
    Facet::Region,
    Facet::Certification,
    Facet::Label,
    Facet::Incoterm,
    Facet::Cooperative,
    Facet::Verified,
];

/// The Meilisearch locale (ISO 639-3) of a language slug.
fn meili_locale(language: &str) -> Option<&'static str> {
    match language {
        "fr" => Some("fra"),
        "en" => Some("eng"),
        "ar" => Some("ara"),
        "es" => Some("spa"),
        "pt" => Some("por"),
        "zh" => Some("cmn"),
        _ => None,
    }
}

/// The locale a query is written in, when its script tells: Meilisearch
/// guesses a query's language from its text, and a few Chinese characters
/// are too short a text to guess from (`藏红花` was segmented as another
/// language and matched nothing). Latin-script queries stay unlocalised:
/// they may be French, English, Spanish or Portuguese alike.
fn query_locales(text: &str) -> Option<&'static [&'static str]> {
    if text.chars().any(crate::search::analysis::is_unspaced) {
        Some(&["cmn"])
    } else if text.chars().any(|c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}')) {
        Some(&["ara"])
    } else {
        None
    }
}

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

    /// Creates the index `uid` unless it exists, then applies the settings.
    async fn prepare_index(&self, uid: &str) -> Result<(), SearchError> {
        self.ensure_index(uid).await?;
        let context = format!("applying the settings of index {uid}");
        let settings = index_settings();
        let index = self.client.index(uid);
        let task = call(&context, REQUEST_TIMEOUT, index.set_settings(&settings)).await?;
        self.wait(task, &context, &[]).await
    }

    /// Creates the index `uid` with primary key `id` unless it exists.
    async fn ensure_index(&self, uid: &str) -> Result<(), SearchError> {
        let context = format!("creating index {uid}");
        let task = call(&context, REQUEST_TIMEOUT, self.client.create_index(uid, Some(PRIMARY_KEY))).await?;
        self.wait(task, &context, &[ErrorCode::IndexAlreadyExists]).await
    }

    /// Deletes the index `uid` if it exists and waits.
    async fn drop_index(&self, uid: &str) -> Result<(), SearchError> {
        let context = format!("deleting index {uid}");
        let task = call(&context, REQUEST_TIMEOUT, self.client.delete_index(uid)).await?;
        self.wait(task, &context, &[ErrorCode::IndexNotFound]).await
    }

    /// Asks for the deletion of an unfinished index, without waiting or failing.
    async fn discard(&self, uid: &str) {
        let context = format!("deleting the unfinished index {uid}");
        if let Err(error) = call(&context, REQUEST_TIMEOUT, self.client.delete_index(uid)).await {
            tracing::warn!(%error, index = uid, "could not delete an unfinished search index");
        }
    }

    /// Waits for a task; `Ok` when it succeeded or failed with one of the
    /// `tolerated` error codes.
    async fn wait(&self, task: TaskInfo, context: &str, tolerated: &[ErrorCode]) -> Result<(), SearchError> {
        let uid = task.get_task_uid();
        // The SDK counts only its sleeps towards its timeout: bound the real time too.
        let finished = call(
            context,
            TASK_TIMEOUT + REQUEST_TIMEOUT,
            task.wait_for_completion(&self.client, Some(TASK_POLL), Some(TASK_TIMEOUT)),
        )
        .await?;
        match finished {
            Task::Succeeded { .. } => Ok(()),
            Task::Failed { content } if tolerated.contains(&content.error.error_code) => Ok(()),
            Task::Failed { content } => {
                Err(SearchError::Backend(format!("{context}: Meilisearch task {uid} failed: {}", content.error)))
            }
            Task::Enqueued { .. } | Task::Processing { .. } => {
                Err(SearchError::Unavailable(format!("{context}: Meilisearch task {uid} is still pending")))
            }
        }
    }

    /// Adds or replaces documents in `index` and waits until they are searchable.
    async fn add_documents(&self, index: &Index, documents: &[SearchDocument]) -> Result<(), SearchError> {
        if documents.is_empty() {
            return Ok(());
        }
        let context = format!("adding {} documents to index {}", documents.len(), index.uid);
        let documents: Vec<MeiliDocument> = documents.iter().map(MeiliDocument::from_search).collect();
        let task = call(&context, REQUEST_TIMEOUT, index.add_or_replace(&documents, Some(PRIMARY_KEY))).await?;
        self.wait(task, &context, &[]).await
    }

    /// Adds every batch of `source` to `index`; returns how many listings it holds.
    async fn fill(&self, index: &Index, source: &mut dyn DocumentBatches) -> Result<u64, SearchError> {
        let mut listing_ids = HashSet::new();
        while let Some(batch) = source.next_batch().await? {
            listing_ids.extend(batch.iter().map(|document| document.listing_id));
            self.add_documents(index, &batch).await?;
        }
        Ok(listing_ids.len() as u64)
    }

    /// Records the current schema version in the meta index.
    async fn write_schema_version(&self) -> Result<(), SearchError> {
        let context = format!("writing the schema version to index {}", self.meta.uid);
        let document = MetaDocument { id: META_DOCUMENT_ID, schema_version: SCHEMA_VERSION };
        let task = call(&context, REQUEST_TIMEOUT, self.meta.add_or_replace(&[document], Some(PRIMARY_KEY))).await?;
        self.wait(task, &context, &[]).await
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

/// A listing as stored in Meilisearch.
#[derive(Debug, Serialize)]
struct MeiliDocument {
    id: i64,
    producer_id: i64,
    producer_name: String,
    /// `title_L` and `description_L` for each language written.
    #[serde(flatten)]
    texts: BTreeMap<String, String>,
    /// The tokens of the document's vocabulary concepts.
    concepts: Vec<String>,
    sector: String,
    subsector: Option<String>,
    /// HS chapter, heading and subheading.
    hs: Vec<String>,
    region: String,
    certification: Vec<String>,
    label: Vec<String>,
    incoterm: Vec<String>,
    cooperative: bool,
    verified: bool,
    moq: Option<u64>,
    /// `moq`, or `MOQ_SORT_MISSING` without one.
    moq_sort: u64,
    published_at: i64,
    has_photo: bool,
    min_price_mad: Option<i64>,
}

impl MeiliDocument {
    fn from_search(document: &SearchDocument) -> MeiliDocument {
        let mut texts = BTreeMap::new();
        for language in LANGUAGES {
            if let Some(title) = document.titles.get(language).filter(|text| !text.trim().is_empty()) {
                texts.insert(format!("title_{language}"), title.clone());
            }
            if let Some(description) = document.descriptions.get(language).filter(|text| !text.trim().is_empty()) {
                texts.insert(format!("description_{language}"), description.clone());
            }
        }
        MeiliDocument {
            id: document.listing_id,
            producer_id: document.producer_id,
            producer_name: document.producer_name.clone(),
            texts,
            concepts: document.concepts.iter().map(|id| concept_token(id)).collect(),
            sector: document.sector.clone(),
            subsector: document.subsector.clone(),
            hs: document.hs_code.as_deref().map(hs_prefixes).unwrap_or_default(),
            region: document.region.clone(),
            certification: document.certifications.clone(),
            label: document.labels.clone(),
            incoterm: document.incoterms.clone(),
            cooperative: document.cooperative,
            verified: document.verified,
            moq: document.moq,
            moq_sort: document.moq.map_or(MOQ_SORT_MISSING, |moq| moq.min(MOQ_SORT_MISSING - 1)),
            published_at: document.published_at,
            has_photo: document.has_photo,
            min_price_mad: document.min_price_mad,
        }
    }
}

/// A concept's token in the `concepts` field: one word of letters and
/// digits (Meilisearch would split `olive-oil` into two words, and `olive`
/// typed alone would then match every olive-oil listing).
fn concept_token(id: &str) -> String {
    let mut token = String::from("vocabconcept");
    token.extend(id.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()));
    token
}

/// The index's synonyms: every name of every concept, in every language,
/// leads to the concept's token (one way: the token leads nowhere).
fn concept_synonyms() -> HashMap<String, Vec<String>> {
    let vocabulary = Vocabulary::global();
    let mut synonyms: HashMap<String, Vec<String>> = HashMap::new();
    for index in 0..vocabulary.len() {
        let concept = vocabulary.concept(index);
        let token = concept_token(&concept.id);
        for name in concept.names.iter().flat_map(|(_, names)| names) {
            let tokens = synonyms.entry(name.to_lowercase()).or_default();
            if !tokens.contains(&token) {
                tokens.push(token.clone());
            }
        }
    }
    synonyms
}

/// The one document of the meta index.
#[derive(Debug, Serialize, Deserialize)]
struct MetaDocument {
    id: u32,
    schema_version: u32,
}

/// A search hit: only the listing id is retrieved.
#[derive(Debug, Deserialize)]
struct Hit {
    id: i64,
}

/// The settings of a listings index.
fn index_settings() -> Settings {
    let searchable: Vec<String> = LANGUAGES
        .iter()
        .map(|language| format!("title_{language}"))
        .chain(std::iter::once(SEARCHABLE_AFTER_TITLES.to_owned()))
        .chain(LANGUAGES.iter().map(|language| format!("description_{language}")))
        .chain(SEARCHABLE_LAST.iter().map(|attribute| (*attribute).to_owned()))
        .collect();
    let localized: Vec<LocalizedAttributes> = LANGUAGES
        .iter()
        .filter_map(|language| {
            meili_locale(language).map(|locale| LocalizedAttributes {
                locales: vec![locale.to_owned()],
                attribute_patterns: vec![format!("title_{language}"), format!("description_{language}")],
            })
        })
        .collect();
    Settings::new()
        .with_searchable_attributes(searchable)
        .with_filterable_attributes(FILTERABLE)
        .with_sortable_attributes(SORTABLE)
        .with_ranking_rules(RANKING_RULES)
        .with_localized_attributes(localized)
        .with_synonyms(concept_synonyms())
        .with_typo_tolerance(TypoToleranceSettings {
            enabled: Some(true),
            // HS codes are numbers: 151590 must not find 151591. Concept
            // tokens are matched exactly.
            disable_on_attributes: Some(vec!["hs".to_owned(), "concepts".to_owned()]),
            min_word_size_for_typos: Some(MinWordSizeForTypos { one_typo: Some(5), two_typos: Some(9) }),
            ..TypoToleranceSettings::default()
        })
        .with_pagination(PaginationSetting { max_total_hits: MAX_TOTAL_HITS })
        .with_faceting(FacetingSettings { max_values_per_facet: MAX_VALUES_PER_FACET, ..FacetingSettings::default() })
}

/// `value` as a filter string literal: in double quotes, `"` and `\` escaped.
fn quote(value: &str) -> String {
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for character in value.chars() {
        if matches!(character, '"' | '\\') {
            quoted.push('\\');
        }
        quoted.push(character);
    }
    quoted.push('"');
    quoted
}

/// `attribute IN ["a", "b"]`, or nothing without values.
fn any_of(attribute: &str, values: &[String]) -> Option<String> {
    if values.is_empty() {
        return None;
    }
    let values: Vec<String> = values.iter().map(|value| quote(value)).collect();
    Some(format!("{attribute} IN [{}]", values.join(", ")))
}

/// The filter expression of `filters`: values of one facet OR'd, facets
/// AND'ed; `None` when nothing is filtered.
fn filter_expression(filters: &Filters) -> Option<String> {
    let mut clauses: Vec<String> = [
        any_of("sector", &filters.sectors),
        any_of("region", &filters.regions),
        any_of("certification", &filters.certifications),
        any_of("label", &filters.labels),
        any_of("incoterm", &filters.incoterms),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(cooperative) = filters.cooperative {
        clauses.push(format!("cooperative = {cooperative}"));
    }
    if let Some(verified) = filters.verified {
        clauses.push(format!("verified = {verified}"));
    }
    if let Some(moq_max) = filters.moq_max {
        clauses.push(format!("moq <= {moq_max}"));
    }
    if let Some(hs) = &filters.hs {
        clauses.push(format!("hs = {}", quote(hs)));
    }
    if let Some(producer_id) = filters.producer_id {
        clauses.push(format!("producer_id = {producer_id}"));
    }
    (!clauses.is_empty()).then(|| clauses.join(" AND "))
}

/// `base AND clause`, or `clause` alone.
fn and(base: Option<&str>, clause: &str) -> String {
    match base {
        Some(base) => format!("{base} AND {clause}"),
        None => clause.to_owned(),
    }
}

/// The Meilisearch sort of an order (`text` already trimmed): relevance is
/// Meilisearch's ranking, except when browsing, which shows the newest first.
fn sort_criteria(sort: SortOrder, text: &str) -> Option<&'static str> {
    match sort {
        SortOrder::Relevance if text.is_empty() => Some("published_at:desc"),
        SortOrder::Relevance => None,
        SortOrder::Newest => Some("published_at:desc"),
        SortOrder::MoqAscending => Some("moq_sort:asc"),
    }
}

/// Which hits a query returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Window {
    /// Page mode (1-based page): Meilisearch then counts `totalHits` exactly.
    Page { page: usize, hits_per_page: usize },
    /// Offset mode, for an offset that is no multiple of the limit: the total
    /// then comes from a separate count query.
    Offset { offset: usize, limit: usize },
}

/// No hits, only the exact total (and facet distribution).
const COUNT_ONLY: Window = Window::Page { page: 1, hits_per_page: 0 };

/// The window of a request's page.
fn window(offset: usize, limit: usize) -> Window {
    if limit == 0 {
        COUNT_ONLY
    } else if offset.is_multiple_of(limit) {
        Window::Page { page: offset / limit + 1, hits_per_page: limit }
    } else {
        Window::Offset { offset, limit }
    }
}

/// What one query of a search's multi-search gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The hits, with the counts of facets whose filter is not set (and the
    /// total in page mode).
    Main,
    /// The exact total, when the main query is in offset mode.
    Total,
    /// The counts of one constrained facet, its own filter left out.
    FacetValues,
    /// How many listings have a MOQ of at most this.
    MoqBucket(u64),
}

/// One query of a search.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Planned {
    kind: Kind,
    filter: Option<String>,
    /// Facets counted from this query's distribution.
    facets: Vec<Facet>,
    /// Their attribute names, as the query borrows them.
    facet_names: Vec<&'static str>,
    window: Window,
}

impl Planned {
    fn new(kind: Kind, filter: Option<String>, facets: Vec<Facet>, window: Window) -> Planned {
        let facet_names = facets.iter().map(|facet| facet.slug()).collect();
        Planned { kind, filter, facets, facet_names, window }
    }
}

/// The queries answering `request`, the main one first.
fn plan_searches(request: &SearchRequest) -> Vec<Planned> {
    let filters = &request.filters;
    let filter = filter_expression(filters);
    let free: Vec<Facet> = DISTRIBUTED_FACETS.into_iter().filter(|facet| !filters.constrains(*facet)).collect();
    let main_window = window(request.offset, request.limit);

    let mut plans = vec![Planned::new(Kind::Main, filter.clone(), free, main_window)];
    if matches!(main_window, Window::Offset { .. }) {
        plans.push(Planned::new(Kind::Total, filter, Vec::new(), COUNT_ONLY));
    }
    for facet in DISTRIBUTED_FACETS.into_iter().filter(|facet| filters.constrains(*facet)) {
        let others = filter_expression(&filters.without(facet));
        plans.push(Planned::new(Kind::FacetValues, others, vec![facet], COUNT_ONLY));
    }
    let without_moq = filter_expression(&filters.without(Facet::Moq));
    for bound in MOQ_BUCKETS {
        let bucket = and(without_moq.as_deref(), &format!("moq <= {bound}"));
        plans.push(Planned::new(Kind::MoqBucket(bound), Some(bucket), Vec::new(), COUNT_ONLY));
    }
    plans
}

/// The exact total of a page-mode query.
fn exact_total(result: &SearchResults<Hit>, context: &str) -> Result<u64, SearchError> {
    result
        .total_hits
        .map(|total| total as u64)
        .ok_or_else(|| SearchError::Backend(format!("{context}: Meilisearch gave no totalHits")))
}

/// Adds the non-zero counts of `facets` from a query's facet distribution.
fn add_distribution(counts: &mut FacetCounts, facets: &[Facet], result: &SearchResults<Hit>) {
    let Some(distribution) = result.facet_distribution.as_ref() else {
        return;
    };
    for facet in facets {
        add_values(counts, *facet, distribution.get(facet.slug()));
    }
}

fn add_values(counts: &mut FacetCounts, facet: Facet, values: Option<&HashMap<String, usize>>) {
    for (value, count) in values.into_iter().flatten() {
        if *count > 0 {
            counts.entry(facet).or_default().insert(value.clone(), *count as u64);
        }
    }
}

/// Awaits a Meilisearch call for at most `limit`; the outer error is the timeout.
async fn timed<T, F>(context: &str, limit: Duration, future: F) -> Result<Result<T, MeiliError>, SearchError>
where
    F: Future<Output = Result<T, MeiliError>>,
{
    tokio::time::timeout(limit, future).await.map_err(|_| {
        SearchError::Unavailable(format!("{context}: Meilisearch did not answer within {} s", limit.as_secs()))
    })
}

/// Awaits a Meilisearch call for at most `limit`, mapping its error.
async fn call<T, F>(context: &str, limit: Duration, future: F) -> Result<T, SearchError>
where
    F: Future<Output = Result<T, MeiliError>>,
{
    timed(context, limit, future).await?.map_err(|error| classify(context, error))
}

/// Unreachable or overloaded (retry later) versus an error answer.
fn classify(context: &str, error: MeiliError) -> SearchError {
    let message = format!("{context}: {error}");
    match &error {
        MeiliError::HttpError(_) | MeiliError::Timeout => SearchError::Unavailable(message),
        MeiliError::MeilisearchCommunication(failure) if failure.status_code >= 500 || failure.status_code == 429 => {
            SearchError::Unavailable(message)
        }
        _ => SearchError::Backend(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|value| (*value).to_owned()).collect()
    }

    #[test]
    fn string_values_are_quoted_and_escaped() {
        assert_eq!(quote("argan"), r#""argan""#);
        assert_eq!(quote(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quote(r"a\b"), r#""a\\b""#);
        assert_eq!(quote(""), r#""""#);
    }

    #[test]
    fn no_filters_no_expression() {
        assert_eq!(filter_expression(&Filters::default()), None);
    }

    #[test]
    fn values_are_ored_and_facets_anded() {
        let filters = Filters {
            sectors: strings(&["agrifood", "textile"]),
            regions: strings(&["souss-massa"]),
            cooperative: Some(true),
            verified: Some(false),
            moq_max: Some(1_000),
            hs: Some("1515".to_owned()),
            producer_id: Some(7),
            ..Filters::default()
        };
        assert_eq!(
            filter_expression(&filters).as_deref(),
            Some(
                r#"sector IN ["agrifood", "textile"] AND region IN ["souss-massa"] AND cooperative = true AND verified = false AND moq <= 1000 AND hs = "1515" AND producer_id = 7"#
            )
        );
    }

    #[test]
    fn filter_values_cannot_break_out_of_their_string() {
        let filters = Filters { labels: strings(&[r#"x"] OR sector IN ["y"#]), ..Filters::default() };
        assert_eq!(filter_expression(&filters).as_deref(), Some(r#"label IN ["x\"] OR sector IN [\"y"]"#));
    }

    #[test]
    fn clauses_join_a_base_filter() {
        assert_eq!(and(None, "moq <= 100"), "moq <= 100");
        assert_eq!(and(Some("verified = true"), "moq <= 100"), "verified = true AND moq <= 100");
    }

    #[test]
    fn sort_orders_map_to_meilisearch_sorts() {
        assert_eq!(sort_criteria(SortOrder::Relevance, "argan"), None);
        assert_eq!(sort_criteria(SortOrder::Relevance, ""), Some("published_at:desc"));
        assert_eq!(sort_criteria(SortOrder::Newest, "argan"), Some("published_at:desc"));
        assert_eq!(sort_criteria(SortOrder::MoqAscending, ""), Some("moq_sort:asc"));
    }

    #[test]
    fn aligned_pages_use_page_mode() {
        assert_eq!(window(0, 24), Window::Page { page: 1, hits_per_page: 24 });
        assert_eq!(window(48, 24), Window::Page { page: 3, hits_per_page: 24 });
        assert_eq!(window(10, 24), Window::Offset { offset: 10, limit: 24 });
        assert_eq!(window(10, 0), COUNT_ONLY);
    }

    #[test]
    fn unfiltered_search_is_one_main_query_and_the_moq_buckets() {
        let plans = plan_searches(&SearchRequest::default());
        assert_eq!(plans.len(), 1 + MOQ_BUCKETS.len());
        assert_eq!(plans[0].kind, Kind::Main);
        assert_eq!(plans[0].filter, None);
        assert_eq!(
            plans[0].facet_names,
            ["sector", "region", "certification", "label", "incoterm", "cooperative", "verified"]
        );
        assert_eq!(plans[1].filter.as_deref(), Some("moq <= 100"));
        assert_eq!(plans[3].kind, Kind::MoqBucket(10_000));
    }

    #[test]
    fn a_constrained_facet_is_counted_without_its_own_filter() {
        let request = SearchRequest {
            filters: Filters { sectors: strings(&["agrifood"]), moq_max: Some(100), ..Filters::default() },
            offset: 5,
            limit: 10,
            ..SearchRequest::default()
        };
        let plans = plan_searches(&request);
        let main = &plans[0];
        assert_eq!(main.filter.as_deref(), Some(r#"sector IN ["agrifood"] AND moq <= 100"#));
        assert!(!main.facets.contains(&Facet::Sector));
        assert_eq!(main.window, Window::Offset { offset: 5, limit: 10 });
        assert_eq!(plans[1].kind, Kind::Total);
        assert_eq!(plans[1].window, COUNT_ONLY);
        assert_eq!(plans[2].kind, Kind::FacetValues);
        assert_eq!(plans[2].facets, [Facet::Sector]);
        assert_eq!(plans[2].filter.as_deref(), Some("moq <= 100"));
        assert_eq!(plans[3].filter.as_deref(), Some(r#"sector IN ["agrifood"] AND moq <= 100"#));
        assert_eq!(plans[5].filter.as_deref(), Some(r#"sector IN ["agrifood"] AND moq <= 10000"#));
        assert_eq!(plans.len(), 6);
    }

    #[test]
    fn documents_carry_one_field_per_written_language() {
        let document = SearchDocument {
            listing_id: 42,
            producer_id: 7,
            titles: [("fr".to_owned(), "Huile d'argan".to_owned()), ("en".to_owned(), " ".to_owned())].into(),
            descriptions: [("zh".to_owned(), "摩洛哥坚果油".to_owned())].into(),
            hs_code: Some("151590".to_owned()),
            ..SearchDocument::default()
        };
        let json = serde_json::to_value(MeiliDocument::from_search(&document)).unwrap();
        assert_eq!(json["id"], 42);
        assert_eq!(json["title_fr"], "Huile d'argan");
        assert!(json.get("title_en").is_none());
        assert_eq!(json["description_zh"], "摩洛哥坚果油");
        assert_eq!(json["hs"], serde_json::json!(["15", "1515", "151590"]));
        assert_eq!(json["moq"], serde_json::Value::Null);
        assert_eq!(json["moq_sort"], MOQ_SORT_MISSING);
        assert_eq!(json["concepts"], serde_json::json!([]));
    }

    #[test]
    fn settings_rank_titles_first_and_localise_each_language() {
        let settings = serde_json::to_value(index_settings()).unwrap();
        let searchable = settings["searchableAttributes"].as_array().unwrap();
        assert_eq!(searchable[0], "title_fr");
        assert_eq!(searchable[LANGUAGES.len()], "producer_name");
        assert_eq!(searchable.last().unwrap(), "concepts");
        let synonyms = settings["synonyms"].as_object().unwrap();
        assert_eq!(synonyms["橄榄油"], serde_json::json!(["vocabconceptoliveoil"]));
        assert_eq!(synonyms["azeite"], serde_json::json!(["vocabconceptoliveoil"]));
        assert!(!synonyms.contains_key("huile"), "part of a name is no concept");
        let localized = settings["localizedAttributes"].as_array().unwrap();
        assert_eq!(localized.len(), LANGUAGES.len());
        assert!(localized.iter().any(|rule| rule["locales"] == serde_json::json!(["cmn"])
            && rule["attributePatterns"] == serde_json::json!(["title_zh", "description_zh"])));
        assert_eq!(settings["typoTolerance"]["minWordSizeForTypos"]["oneTypo"], 5);
        assert_eq!(settings["typoTolerance"]["minWordSizeForTypos"]["twoTypos"], 9);
    }
}
