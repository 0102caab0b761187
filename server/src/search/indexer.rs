//! Keeps an index in step with the database. `catch_up` reads the change
//! feed (`repo::search_changes`) from the index's own position, in batches:
//! it loads the documents of the listings that changed (those no longer
//! visible are removed), waits for the backend to confirm, and only then
//! records the new position; a failure leaves the position, so the job
//! retries the batch (with backoff). `rebuild` fills a fresh index from the
//! database, positioned at the feed's frontier taken before it read, and
//! swaps it in; `behind` says how far an index lags.

use std::collections::BTreeSet;

use sea_orm::DatabaseConnection;

use super::vocabulary::Vocabulary;
use super::{DocumentBatches, FeedPosition, SearchDocument, SearchError, SearchIndex};
use crate::changes::Changes;
use crate::repo::search_changes::{self, Behind, OutboxOp};
use crate::repo::search_feed;

/// Changes applied per batch.
pub const CATCH_UP_BATCH: u64 = 500;
/// Listings read from the database per rebuild batch.
pub const REBUILD_BATCH: u64 = 1_000;

fn store(error: crate::error::StoreError) -> SearchError {
    SearchError::Backend(format!("reading the database: {error}"))
}

/// Documents with their vocabulary concepts.
async fn documents(db: &DatabaseConnection, ids: &[i64]) -> Result<Vec<SearchDocument>, SearchError> {
    let vocabulary = Vocabulary::global();
    let mut documents = search_feed::documents(db, ids).await.map_err(store)?;
    for document in &mut documents {
        vocabulary.annotate(document);
    }
    Ok(documents)
}

/// Whether `index` must be rebuilt before it can follow the feed: it was
/// never filled (or its schema is older), or the changes after its position
/// were pruned.
pub async fn needs_rebuild(db: &DatabaseConnection, index: &dyn SearchIndex) -> Result<bool, SearchError> {
    let Some(position) = index.feed_position().await? else { return Ok(true) };
    let pruned = search_changes::pruned_through(db).await.map_err(store)?;
    Ok(pruned.is_some_and(|pruned| position < pruned))
}

/// Applies the changes after the index's position until none is left; how
/// many were applied. An index never built answers `Unavailable`.
///
/// Each applied batch counts as an index change of `changes` (the answers
/// kept from the index are then recomputed), and `applied` is called once
/// its documents are in, before the position is recorded: a shared index
/// tells the fleet then, without waiting for that second write (a
/// Meilisearch task of about half a second on the test machine).
pub async fn catch_up<F, Fut>(
    db: &DatabaseConnection,
    index: &dyn SearchIndex,
    changes: &Changes,
    mut applied_batch: F,
) -> Result<usize, SearchError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let Some(mut position) = index.feed_position().await? else {
        return Err(SearchError::Unavailable("the search index is not built yet".into()));
    };
    let mut applied = 0;
    loop {
        let batch = search_changes::after(db, position, CATCH_UP_BATCH).await.map_err(store)?;
        let Some(last) = batch.last() else { return Ok(applied) };
        let through = last.at;
        // The last change of each listing decides; a re-index of a listing
        // that is no longer visible removes it.
        let mut upsert = BTreeSet::new();
        let mut delete = BTreeSet::new();
        for change in &batch {
            match change.op {
                OutboxOp::Upsert => {
                    delete.remove(&change.listing_id);
                    upsert.insert(change.listing_id);
                }
                OutboxOp::Delete => {
                    upsert.remove(&change.listing_id);
                    delete.insert(change.listing_id);
                }
            }
        }
        let ids: Vec<i64> = upsert.iter().copied().collect();
        let found = documents(db, &ids).await?;
        let visible: BTreeSet<i64> = found.iter().map(|d| d.listing_id).collect();
        delete.extend(upsert.difference(&visible));
        index.upsert(found).await?;
        index.delete(&delete.into_iter().collect::<Vec<_>>()).await?;
        changes.index_changed();
        applied_batch().await;
        index.record_feed_position(through).await?;
        position = through;
        applied += batch.len();
    }
}

/// How far `index` is behind the feed (`None`: it is not built yet).
pub async fn behind(db: &DatabaseConnection, index: &dyn SearchIndex) -> Result<Option<Behind>, SearchError> {
    let Some(position) = index.feed_position().await? else { return Ok(None) };
    Ok(Some(search_changes::behind(db, position).await.map_err(store)?))
}

/// Reads every visible listing's document, a batch at a time.
pub struct DatabaseBatches<'a> {
    db: &'a DatabaseConnection,
    after: i64,
    done: bool,
    /// Called with the number of documents read so far (progress display).
    pub on_batch: Option<Box<dyn FnMut(u64) + Send + 'a>>,
    read: u64,
}

impl<'a> DatabaseBatches<'a> {
    pub fn new(db: &'a DatabaseConnection) -> DatabaseBatches<'a> {
        DatabaseBatches { db, after: 0, done: false, on_batch: None, read: 0 }
    }
}

#[async_trait::async_trait]
impl DocumentBatches for DatabaseBatches<'_> {
    async fn next_batch(&mut self) -> Result<Option<Vec<SearchDocument>>, SearchError> {
        if self.done {
            return Ok(None);
        }
        let ids = search_feed::visible_ids_after(self.db, self.after, REBUILD_BATCH).await.map_err(store)?;
        let Some(last) = ids.last() else {
            self.done = true;
            return Ok(None);
        };
        self.after = *last;
        let batch = documents(self.db, &ids).await?;
        self.read += batch.len() as u64;
        if let Some(report) = &mut self.on_batch {
            report(self.read);
        }
        Ok(Some(batch))
    }
}

/// Rebuilds the index from the database and swaps it in, at the feed's
/// frontier taken first: changes made while it reads are applied after
/// (documents are keyed by listing id, so applying one twice is harmless).
pub async fn rebuild(
    db: &DatabaseConnection,
    index: &dyn SearchIndex,
    changes: &Changes,
    on_batch: Option<Box<dyn FnMut(u64) + Send + '_>>,
) -> Result<u64, SearchError> {
    let from: FeedPosition = search_changes::frontier(db).await.map_err(store)?;
    let mut source = DatabaseBatches::new(db);
    source.on_batch = on_batch;
    let count = index.rebuild(&mut source, from).await?;
    changes.index_changed();
    Ok(count)
}

/// `server reindex`: rebuilds the configured backend from the database with
/// a progress bar on a terminal (log lines otherwise); a running server's
/// indexer applies what changed meanwhile from the new index's position.
pub async fn reindex(db: &DatabaseConnection, index: &dyn SearchIndex) -> anyhow::Result<u64> {
    use std::io::IsTerminal;
    let total = crate::repo::listing::count(db, crate::repo::listing::published()).await?;
    let on_batch: Box<dyn FnMut(u64) + Send> = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} listings ({per_sec}, {eta} left)")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Box::new(move |read| {
            bar.set_position(read);
            if read >= total {
                bar.finish();
            }
        })
    } else {
        Box::new(move |read| tracing::info!(read, total, "reindexing"))
    };
    let clock = std::time::Instant::now();
    // A command of its own: no cache follows its counters.
    let count = rebuild(db, index, &Changes::default(), Some(on_batch)).await?;
    let seconds = clock.elapsed().as_secs_f64();
    tracing::info!(listings = count, seconds, "search index rebuilt and swapped in");
    Ok(count)
}
