//! Keeps the index in step with the database. `drain` applies the search
//! outbox in order, in batches: it loads the documents of the listings that
//! changed (those no longer visible are removed), waits for the backend to
//! confirm, and only then deletes the outbox rows; a failure leaves them, with
//! one more attempt counted, for the next run (the job retries with backoff).
//! `rebuild` fills a fresh index from the database and swaps it in.

use std::collections::BTreeSet;

use sea_orm::DatabaseConnection;

use super::vocabulary::Vocabulary;
use super::{DocumentBatches, SearchDocument, SearchError, SearchIndex};
use crate::changes::Changes;
use crate::repo::search_feed;
use crate::repo::search_outbox::{self, OutboxOp};

/// Outbox rows applied per batch.
pub const DRAIN_BATCH: u64 = 500;
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
        document.concepts = vocabulary.concepts_of(document);
    }
    Ok(documents)
}

/// Applies waiting changes until the outbox is empty; how many were applied.
///
/// Each applied batch counts as an index change of `changes` (the answers
/// kept from the index are then recomputed).
pub async fn drain(db: &DatabaseConnection, index: &dyn SearchIndex, changes: &Changes) -> Result<usize, SearchError> {
    let mut applied = 0;
    loop {
        let pending = search_outbox::pending(db, DRAIN_BATCH).await.map_err(store)?;
        if pending.is_empty() {
            return Ok(applied);
        }
        let row_ids: Vec<i64> = pending.iter().map(|row| row.id).collect();
        // The last change of each listing decides; a re-index of a listing
        // that is no longer visible removes it.
        let mut upsert = BTreeSet::new();
        let mut delete = BTreeSet::new();
        for row in &pending {
            match row.op {
                OutboxOp::Upsert => {
                    delete.remove(&row.listing_id);
                    upsert.insert(row.listing_id);
                }
                OutboxOp::Delete => {
                    upsert.remove(&row.listing_id);
                    delete.insert(row.listing_id);
                }
            }
        }
        let ids: Vec<i64> = upsert.iter().copied().collect();
        let result = async {
            let found = documents(db, &ids).await?;
            let visible: BTreeSet<i64> = found.iter().map(|d| d.listing_id).collect();
            delete.extend(upsert.difference(&visible));
            index.upsert(found).await?;
            index.delete(&delete.into_iter().collect::<Vec<_>>()).await
        }
        .await;
        if let Err(error) = result {
            if let Err(note) = search_outbox::note_failure(db, &row_ids).await {
                tracing::warn!(%note, "could not count a failed search indexing attempt");
            }
            return Err(error);
        }
        changes.index_changed();
        search_outbox::remove(db, &row_ids).await.map_err(store)?;
        applied += row_ids.len();
    }
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

/// Rebuilds the index from the database and swaps it in. Changes made while
/// it runs stay in the outbox and are applied after (documents are keyed by
/// listing id, so applying one twice is harmless).
pub async fn rebuild(
    db: &DatabaseConnection,
    index: &dyn SearchIndex,
    changes: &Changes,
    on_batch: Option<Box<dyn FnMut(u64) + Send + '_>>,
) -> Result<u64, SearchError> {
    let mut source = DatabaseBatches::new(db);
    source.on_batch = on_batch;
    let count = index.rebuild(&mut source).await?;
    changes.index_changed();
    Ok(count)
}

/// `server reindex`: rebuilds the configured backend from the database with
/// a progress bar on a terminal (log lines otherwise), then queues whatever
/// changed while it ran, for a running server's indexer to apply on top.
pub async fn reindex(db: &DatabaseConnection, index: &dyn SearchIndex) -> anyhow::Result<u64> {
    use std::io::IsTerminal;
    // A minute of margin: a transaction stamped just before the start may
    // commit after its listing was read.
    let started = chrono::Utc::now() - chrono::Duration::minutes(1);
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
    let requeued = search_outbox::requeue_changed_since(db, started).await?;
    let seconds = clock.elapsed().as_secs_f64();
    tracing::info!(listings = count, requeued, seconds, "search index rebuilt and swapped in");
    Ok(count)
}
