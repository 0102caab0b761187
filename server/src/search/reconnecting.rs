//! The Meilisearch backend as the server holds it: connected on first use
//! and again after a failed connection, so a Meilisearch server that is down
//! when Trade.ma starts (or restarts later) never stops Trade.ma; until it
//! answers, searches fall back to the database and changes wait in the feed.

use std::sync::Arc;

use tokio::sync::Mutex;

use super::meili::MeiliIndex;
use super::{DocumentBatches, FeedPosition, SearchDocument, SearchError, SearchHits, SearchIndex, SearchRequest};

pub struct Reconnecting {
    url: String,
    key: Option<String>,
    prefix: String,
    connected: Mutex<Option<Arc<MeiliIndex>>>,
}

impl Reconnecting {
    pub fn new(url: String, key: Option<String>, prefix: String) -> Reconnecting {
        Reconnecting { url, key, prefix, connected: Mutex::new(None) }
    }

    async fn index(&self) -> Result<Arc<MeiliIndex>, SearchError> {
        let mut connected = self.connected.lock().await;
        if let Some(index) = &*connected {
            return Ok(index.clone());
        }
        let index = Arc::new(MeiliIndex::connect(&self.url, self.key.as_deref(), &self.prefix).await?);
        tracing::info!(url = %self.url, "connected to Meilisearch");
        *connected = Some(index.clone());
        Ok(index)
    }
}

#[async_trait::async_trait]
impl SearchIndex for Reconnecting {
    fn backend(&self) -> &'static str {
        "meilisearch"
    }

    async fn upsert(&self, documents: Vec<SearchDocument>) -> Result<(), SearchError> {
        self.index().await?.upsert(documents).await
    }

    async fn delete(&self, listing_ids: &[i64]) -> Result<(), SearchError> {
        self.index().await?.delete(listing_ids).await
    }

    async fn search(&self, request: &SearchRequest) -> Result<SearchHits, SearchError> {
        self.index().await?.search(request).await
    }

    async fn rebuild(&self, source: &mut dyn DocumentBatches, from: FeedPosition) -> Result<u64, SearchError> {
        self.index().await?.rebuild(source, from).await
    }

    async fn feed_position(&self) -> Result<Option<FeedPosition>, SearchError> {
        self.index().await?.feed_position().await
    }

    async fn record_feed_position(&self, position: FeedPosition) -> Result<(), SearchError> {
        self.index().await?.record_feed_position(position).await
    }

    fn is_shared(&self) -> bool {
        true
    }

    async fn schema_version(&self) -> Result<Option<u32>, SearchError> {
        self.index().await?.schema_version().await
    }

    async fn check(&self) -> Result<(), SearchError> {
        self.index().await?.check().await
    }
}
