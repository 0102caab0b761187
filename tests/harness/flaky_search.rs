//! A search backend that fails on demand: the embedded index behind a switch,
//! for tests of what happens while search is down and after it recovers.

use server::search::SearchIndex;
use server::search::embedded::EmbeddedIndex;

/// The embedded backend, with a switch that makes every call fail as an
/// unreachable server would.
pub struct Flaky {
    inner: EmbeddedIndex,
    down: std::sync::atomic::AtomicBool,
}

impl Flaky {
    /// Starts switched off.
    pub fn new(inner: EmbeddedIndex) -> Flaky {
        Flaky { inner, down: true.into() }
    }

    pub fn switch_on(&self) {
        self.down.store(false, std::sync::atomic::Ordering::SeqCst);
    }

    fn check_up(&self) -> Result<(), server::search::SearchError> {
        if self.down.load(std::sync::atomic::Ordering::SeqCst) {
            Err(server::search::SearchError::Unavailable("switched off by the test".into()))
        } else {
            Ok(())
        }
    }
}

#[async_trait::async_trait]
impl SearchIndex for Flaky {
    fn backend(&self) -> &'static str {
        "flaky"
    }
    async fn upsert(&self, documents: Vec<server::search::SearchDocument>) -> Result<(), server::search::SearchError> {
        self.check_up()?;
        self.inner.upsert(documents).await
    }
    async fn delete(&self, ids: &[i64]) -> Result<(), server::search::SearchError> {
        self.check_up()?;
        self.inner.delete(ids).await
    }
    async fn search(
        &self,
        request: &server::search::SearchRequest,
    ) -> Result<server::search::SearchHits, server::search::SearchError> {
        self.check_up()?;
        self.inner.search(request).await
    }
    async fn rebuild(
        &self,
        source: &mut dyn server::search::DocumentBatches,
        from: server::search::FeedPosition,
    ) -> Result<u64, server::search::SearchError> {
        self.check_up()?;
        self.inner.rebuild(source, from).await
    }
    async fn feed_position(&self) -> Result<Option<server::search::FeedPosition>, server::search::SearchError> {
        self.check_up()?;
        self.inner.feed_position().await
    }
    async fn record_feed_position(
        &self,
        position: server::search::FeedPosition,
    ) -> Result<(), server::search::SearchError> {
        self.check_up()?;
        self.inner.record_feed_position(position).await
    }
    async fn schema_version(&self) -> Result<Option<u32>, server::search::SearchError> {
        self.check_up()?;
        self.inner.schema_version().await
    }
    async fn check(&self) -> Result<(), server::search::SearchError> {
        self.check_up()
    }
}
