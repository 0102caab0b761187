//! Search: one port (`SearchIndex`), one module per backend (`embedded`:
//! tantivy in the data directory; `meili`: Meilisearch through
//! meilisearch-sdk), the documents both index (`document`), the cross-language
//! trade vocabulary (`vocabulary`), language analysis shared by both
//! (`analysis`), the ranking rules both share (`ranking`), the change feed indexer and the rebuild (`indexer`), and the
//! conformance suite every backend must pass (`conformance`).
//!
//! A backend returns listing ids, the total and facet counts; pages load the
//! listings from the database by id, so the database stays the one source of
//! truth and a stale index can only show fewer or older cards, never private ones.

pub mod analysis;
pub mod conformance;
pub mod document;
pub mod embedded;
pub mod indexer;
pub mod meili;
pub mod ranking;
pub mod reconnecting;
pub mod vocabulary;

use std::collections::BTreeMap;

pub use crate::repo::search_changes::Position as FeedPosition;
pub use document::SearchDocument;

/// Languages documents carry text in, as locale slugs. Every backend analyses
/// each with its own rules (stemming for Latin scripts, normalisation and
/// article removal for Arabic, word segmentation for Chinese).
pub const LANGUAGES: [&str; 6] = ["fr", "en", "ar", "es", "pt", "zh"];

/// Bumped whenever documents or analysis change: an index built by an older
/// version is rebuilt from the database at start.
/// 2: Meilisearch documents carry concept tokens (`concepts`) instead of
/// concept names.
/// 3: product concepts (what a listing is), qualifiers (origin, town,
/// certifications), quality, and the producer as a sort key for capping one
/// producer's variants.
pub const SCHEMA_VERSION: u32 = 3;

/// What a backend could not do.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The backend cannot be reached or did not confirm in time: retry later.
    #[error("the search backend is unavailable: {0}")]
    Unavailable(String),
    /// The backend answered with an error.
    #[error("the search backend failed: {0}")]
    Backend(String),
}

/// The facets a search counts and filters on: the interface's own enum, so
/// a facet is spelled the same in URLs, the API and both backends. The MOQ
/// facet is counted in buckets: how many listings have a MOQ of at most each
/// of `MOQ_BUCKETS` (value slugs "100", "1000", "10000").
pub use app::domain::SearchFacet as Facet;

/// MOQ buckets counted by the `Moq` facet: "at most this many units".
pub const MOQ_BUCKETS: [u64; 3] = app::domain::MOQ_CEILINGS;

/// Filters: values within one facet are alternatives (OR), facets combine (AND).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    pub sectors: Vec<String>,
    pub regions: Vec<String>,
    pub certifications: Vec<String>,
    pub labels: Vec<String>,
    pub incoterms: Vec<String>,
    pub cooperative: Option<bool>,
    pub verified: Option<bool>,
    /// Listings whose MOQ is at most this (listings without a MOQ never match).
    pub moq_max: Option<u64>,
    /// A 2-, 4- or 6-digit HS prefix, digits only.
    pub hs: Option<String>,
    /// Only this producer's listings.
    pub producer_id: Option<i64>,
}

impl Filters {
    /// Whether `facet`'s own filter is set (its counts are then computed
    /// without it, so the other values stay visible).
    pub fn constrains(&self, facet: Facet) -> bool {
        match facet {
            Facet::Sector => !self.sectors.is_empty(),
            Facet::Region => !self.regions.is_empty(),
            Facet::Certification => !self.certifications.is_empty(),
            Facet::Label => !self.labels.is_empty(),
            Facet::Incoterm => !self.incoterms.is_empty(),
            Facet::Cooperative => self.cooperative.is_some(),
            Facet::Verified => self.verified.is_some(),
            Facet::Moq => self.moq_max.is_some(),
        }
    }

    /// The same filters without `facet`'s.
    pub fn without(&self, facet: Facet) -> Filters {
        let mut other = self.clone();
        match facet {
            Facet::Sector => other.sectors.clear(),
            Facet::Region => other.regions.clear(),
            Facet::Certification => other.certifications.clear(),
            Facet::Label => other.labels.clear(),
            Facet::Incoterm => other.incoterms.clear(),
            Facet::Cooperative => other.cooperative = None,
            Facet::Verified => other.verified = None,
            Facet::Moq => other.moq_max = None,
        }
        other
    }
}

/// Result order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortOrder {
    /// Best match first; newest first when the query has no text.
    #[default]
    Relevance,
    /// Most recently published first.
    Newest,
    /// Smallest minimum order first (listings without a MOQ last).
    MoqAscending,
}

/// One search.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SearchRequest {
    /// What the buyer typed, in any language; empty to browse.
    pub text: String,
    pub filters: Filters,
    pub sort: SortOrder,
    /// Hits to skip (page × per page).
    pub offset: usize,
    pub limit: usize,
}

impl Default for SearchRequest {
    fn default() -> SearchRequest {
        SearchRequest {
            text: String::new(),
            filters: Filters::default(),
            sort: SortOrder::Relevance,
            offset: 0,
            limit: 24,
        }
    }
}

/// Counts per facet value slug (booleans as "true"/"false", MOQ buckets as
/// their bound). Values with no listing are left out.
pub type FacetCounts = BTreeMap<Facet, BTreeMap<String, u64>>;

/// What a backend found: the page's listing ids in order, how many matched
/// in all, and the facet counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchHits {
    pub ids: Vec<i64>,
    pub total: u64,
    pub facets: FacetCounts,
}

/// A source of documents in batches, for a rebuild.
#[async_trait::async_trait]
pub trait DocumentBatches: Send {
    /// The next batch, or `None` when every document has been given.
    async fn next_batch(&mut self) -> Result<Option<Vec<SearchDocument>>, SearchError>;
}

/// The search port. Documents are keyed by listing id, so applying the same
/// change twice is harmless.
#[async_trait::async_trait]
pub trait SearchIndex: Send + Sync {
    /// "embedded" or "meilisearch", for logs and `/readyz`.
    fn backend(&self) -> &'static str;
    /// Adds or replaces documents; returns once the backend confirms they are
    /// searchable.
    async fn upsert(&self, documents: Vec<SearchDocument>) -> Result<(), SearchError>;
    /// Removes listings (unknown ids are ignored); returns once confirmed.
    async fn delete(&self, listing_ids: &[i64]) -> Result<(), SearchError>;
    async fn search(&self, request: &SearchRequest) -> Result<SearchHits, SearchError>;
    /// Builds a fresh index from `source` and swaps it in at once: searches
    /// see the old index until the new one is complete. The new index is at
    /// `from` in the change feed (taken before `source` read anything).
    /// Returns how many documents it holds.
    async fn rebuild(&self, source: &mut dyn DocumentBatches, from: FeedPosition) -> Result<u64, SearchError>;
    /// How far into the change feed the index in use has applied (`None`:
    /// no rebuild has filled it yet).
    async fn feed_position(&self) -> Result<Option<FeedPosition>, SearchError>;
    /// Records that every change up to `position` is applied (once the
    /// backend confirmed them).
    async fn record_feed_position(&self, position: FeedPosition) -> Result<(), SearchError>;
    /// Whether every process of a fleet uses this one index (Meilisearch):
    /// then one process at a time feeds it. An embedded index is each
    /// process's own.
    fn is_shared(&self) -> bool {
        false
    }
    /// The schema version of the index in use (`None`: there is none yet).
    async fn schema_version(&self) -> Result<Option<u32>, SearchError>;
    /// Whether the backend answers.
    async fn check(&self) -> Result<(), SearchError>;
    /// Picks up an index that another process (`server reindex`) rebuilt.
    async fn refresh(&self) -> Result<(), SearchError> {
        Ok(())
    }
}

/// Opens the configured backend. A Meilisearch server that does not answer
/// yet is not an error: the backend connects on first use, and until then
/// the change feed keeps every change.
pub async fn open(settings: &crate::config::Settings) -> anyhow::Result<std::sync::Arc<dyn SearchIndex>> {
    use anyhow::Context;
    match &settings.search_backend {
        crate::config::SearchBackend::Embedded => {
            let dir = settings.search_dir();
            let index = embedded::EmbeddedIndex::open(&dir)
                .with_context(|| format!("cannot open the search index in {}", dir.display()))?;
            Ok(std::sync::Arc::new(index))
        }
        crate::config::SearchBackend::Meilisearch { url, key, index_prefix } => {
            use secrecy::ExposeSecret;
            Ok(std::sync::Arc::new(reconnecting::Reconnecting::new(
                url.clone(),
                key.as_ref().map(|k| k.expose_secret().to_owned()),
                index_prefix.clone(),
            )))
        }
    }
}
