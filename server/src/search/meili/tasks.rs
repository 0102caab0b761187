//! Writes to Meilisearch, each an asynchronous task waited for until it
//! succeeded: creating and deleting indexes, applying their settings, adding
//! documents batch by batch and recording the schema version. The building
//! blocks of `upsert`, `delete` and the rebuild's fill-and-swap.

use std::collections::HashSet;
use std::time::Duration;

use meilisearch_sdk::errors::ErrorCode;
use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::Task;

use super::MeiliIndex;
use super::calls::{REQUEST_TIMEOUT, call};
use super::documents::{MeiliDocument, MetaDocument};
use super::settings::{PRIMARY_KEY, index_settings};
use crate::search::{DocumentBatches, FeedPosition, SCHEMA_VERSION, SearchDocument, SearchError};

/// How often a pending task is polled.
const TASK_POLL: Duration = Duration::from_millis(50);
/// How long a task may take: bulk additions and settings changes reindex.
const TASK_TIMEOUT: Duration = Duration::from_secs(120);

impl MeiliIndex {
    /// Creates the index `uid` unless it exists, then applies the settings.
    pub(super) async fn prepare_index(&self, uid: &str) -> Result<(), SearchError> {
        self.ensure_index(uid).await?;
        let context = format!("applying the settings of index {uid}");
        let settings = index_settings();
        let index = self.client.index(uid);
        let task = call(&context, REQUEST_TIMEOUT, index.set_settings(&settings)).await?;
        self.wait(task, &context, &[]).await
    }

    /// Creates the index `uid` with primary key `id` unless it exists.
    pub(super) async fn ensure_index(&self, uid: &str) -> Result<(), SearchError> {
        let context = format!("creating index {uid}");
        let task = call(&context, REQUEST_TIMEOUT, self.client.create_index(uid, Some(PRIMARY_KEY))).await?;
        self.wait(task, &context, &[ErrorCode::IndexAlreadyExists]).await
    }

    /// Deletes the index `uid` if it exists and waits.
    pub(super) async fn drop_index(&self, uid: &str) -> Result<(), SearchError> {
        let context = format!("deleting index {uid}");
        let task = call(&context, REQUEST_TIMEOUT, self.client.delete_index(uid)).await?;
        self.wait(task, &context, &[ErrorCode::IndexNotFound]).await
    }

    /// Asks for the deletion of an unfinished index, without waiting or failing.
    pub(super) async fn discard(&self, uid: &str) {
        let context = format!("deleting the unfinished index {uid}");
        if let Err(error) = call(&context, REQUEST_TIMEOUT, self.client.delete_index(uid)).await {
            tracing::warn!(%error, index = uid, "could not delete an unfinished search index");
        }
    }

    /// Waits for a task; `Ok` when it succeeded or failed with one of the
    /// `tolerated` error codes.
    pub(super) async fn wait(&self, task: TaskInfo, context: &str, tolerated: &[ErrorCode]) -> Result<(), SearchError> {
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
    pub(super) async fn add_documents(&self, index: &Index, documents: &[SearchDocument]) -> Result<(), SearchError> {
        if documents.is_empty() {
            return Ok(());
        }
        let context = format!("adding {} documents to index {}", documents.len(), index.uid);
        let documents: Vec<MeiliDocument> = documents.iter().map(MeiliDocument::from_search).collect();
        let task = call(&context, REQUEST_TIMEOUT, index.add_or_replace(&documents, Some(PRIMARY_KEY))).await?;
        self.wait(task, &context, &[]).await
    }

    /// Adds every batch of `source` to `index`; returns how many listings it holds.
    pub(super) async fn fill(&self, index: &Index, source: &mut dyn DocumentBatches) -> Result<u64, SearchError> {
        let mut listing_ids = HashSet::new();
        while let Some(batch) = source.next_batch().await? {
            listing_ids.extend(batch.iter().map(|document| document.listing_id));
            self.add_documents(index, &batch).await?;
        }
        Ok(listing_ids.len() as u64)
    }

    /// Records in the meta index that the current schema version's index is
    /// complete up to `feed`.
    pub(super) async fn write_meta(&self, feed: FeedPosition) -> Result<(), SearchError> {
        let context = format!("writing the feed position to index {}", self.meta.uid);
        let document = MetaDocument { id: SCHEMA_VERSION, schema_version: SCHEMA_VERSION, feed: Some(feed) };
        let task = call(&context, REQUEST_TIMEOUT, self.meta.add_or_replace(&[document], Some(PRIMARY_KEY))).await?;
        self.wait(task, &context, &[]).await
    }
}
