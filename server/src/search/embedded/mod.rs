//! The embedded backend: a tantivy index under the data directory.
//!
//! Layout: `<dir>/gen-<n>/` holds one complete index and `<dir>/state.json`
//! names the generation in use and its schema version. A rebuild writes the
//! next generation beside the current one and swaps it in by replacing
//! `state.json` (write, fsync, rename), so searches see the old index until
//! the new one is complete; a server notices a swap made by another process
//! (`server reindex`) on its next indexer tick (`refresh`). Each generation
//! keeps its position in the change feed in `<dir>/gen-<n>/feed.json`,
//! written after the changes up to it are committed (a crash in between
//! only applies them again).

mod facets;
mod query;
mod schema;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::schema::Schema;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument, Term};

use self::facets::FacetCollector;
use self::schema::Fields;
use super::{
    DocumentBatches, Facet, FacetCounts, FeedPosition, SCHEMA_VERSION, SearchDocument, SearchError, SearchHits,
    SearchIndex, SearchRequest, SortOrder, analysis, ranking,
};

/// Indexing memory of the writer (tantivy splits it between its threads).
const WRITER_MEMORY: usize = 64 * 1024 * 1024;
const WRITER_THREADS: usize = 1;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct State {
    generation: u64,
    schema_version: u32,
}

/// One open generation.
struct Active {
    generation: u64,
    reader: IndexReader,
    /// Opened on first write, so that `server reindex` can open the index
    /// while a running server holds the current generation's writer lock.
    writer: Mutex<Option<IndexWriter<TantivyDocument>>>,
    fields: Fields,
    index: Index,
}

pub struct EmbeddedIndex {
    dir: PathBuf,
    active: RwLock<Arc<Active>>,
    /// The schema version recorded for the active generation (`None`: a fresh
    /// index that no rebuild has filled yet).
    recorded: RwLock<Option<u32>>,
    /// Held by writes and rebuilds: no change lands in a generation that a
    /// rebuild is about to replace (it waits; the feed keeps its changes).
    writes: tokio::sync::Mutex<()>,
}

fn failed(context: &str) -> impl Fn(tantivy::TantivyError) -> SearchError + '_ {
    move |error| SearchError::Backend(format!("{context}: {error}"))
}

fn io_failed(context: &str) -> impl Fn(std::io::Error) -> SearchError + '_ {
    move |error| SearchError::Backend(format!("{context}: {error}"))
}

fn generation_dir(dir: &Path, generation: u64) -> PathBuf {
    dir.join(format!("gen-{generation}"))
}

fn read_state(dir: &Path) -> Result<Option<State>, SearchError> {
    match std::fs::read(dir.join("state.json")) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| SearchError::Backend(format!("{}: unreadable: {e}", dir.join("state.json").display()))),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(io_failed("reading the search state")(error)),
    }
}

fn write_state(dir: &Path, state: State) -> Result<(), SearchError> {
    let bytes = serde_json::to_vec(&state).map_err(|e| SearchError::Backend(e.to_string()))?;
    write_durably(&dir.join("state.json"), &bytes, "swapping the search state")
}

/// Writes `bytes` to `path` durably: a partial file, fsync, rename.
fn write_durably(path: &Path, bytes: &[u8], context: &str) -> Result<(), SearchError> {
    use std::io::Write;
    let partial = path.with_extension("json.partial");
    {
        let mut file = std::fs::File::create(&partial).map_err(io_failed(context))?;
        file.write_all(bytes).map_err(io_failed(context))?;
        file.sync_all().map_err(io_failed(context))?;
    }
    std::fs::rename(&partial, path).map_err(io_failed(context))
}

fn feed_file(dir: &Path, generation: u64) -> PathBuf {
    generation_dir(dir, generation).join("feed.json")
}

/// The feed position of a generation (`None`: not recorded, or unreadable,
/// which makes the indexer rebuild).
fn read_feed(dir: &Path, generation: u64) -> Result<Option<FeedPosition>, SearchError> {
    let path = feed_file(dir, generation);
    match std::fs::read(&path) {
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(position) => Ok(Some(position)),
            Err(error) => {
                tracing::warn!(%error, path = %path.display(), "unreadable search feed position: the index is rebuilt");
                Ok(None)
            }
        },
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(io_failed("reading the search feed position")(error)),
    }
}

fn write_feed(dir: &Path, generation: u64, position: FeedPosition) -> Result<(), SearchError> {
    let bytes = serde_json::to_vec(&position).map_err(|e| SearchError::Backend(e.to_string()))?;
    write_durably(&feed_file(dir, generation), &bytes, "writing the search feed position")
}

/// Opens (or creates) the index of one generation.
fn open_generation(dir: &Path, generation: u64) -> Result<Active, SearchError> {
    let path = generation_dir(dir, generation);
    std::fs::create_dir_all(&path).map_err(io_failed("creating the index directory"))?;
    let (schema, fields): (Schema, Fields) = schema::build();
    let directory = MmapDirectory::open(&path).map_err(|e| SearchError::Backend(format!("{}: {e}", path.display())))?;
    let index = Index::open_or_create(directory, schema).map_err(failed("opening the index"))?;
    analysis::register(index.tokenizers());
    let reader =
        index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(failed("opening a reader"))?;
    Ok(Active { generation, reader, writer: Mutex::new(None), fields, index })
}

/// Removes generations other than `keep` (after a swap).
fn remove_other_generations(dir: &Path, keep: u64) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(number) = name.to_str().and_then(|n| n.strip_prefix("gen-")).and_then(|n| n.parse::<u64>().ok())
        else {
            continue;
        };
        if number != keep
            && let Err(error) = std::fs::remove_dir_all(entry.path())
        {
            tracing::warn!(%error, generation = number, "an old search index generation could not be removed");
        }
    }
}

impl EmbeddedIndex {
    /// Opens the index under `dir`. An index whose schema version is not the
    /// current one is left alone: a fresh empty generation is used until a
    /// rebuild fills it (`schema_version` tells the caller).
    pub fn open(dir: &Path) -> Result<EmbeddedIndex, SearchError> {
        std::fs::create_dir_all(dir).map_err(io_failed("creating the search directory"))?;
        let state = read_state(dir)?;
        let (active, recorded) = match state {
            Some(state) if state.schema_version == SCHEMA_VERSION => {
                (open_generation(dir, state.generation)?, Some(state.schema_version))
            }
            Some(state) => (open_generation(dir, state.generation + 1)?, Some(state.schema_version)),
            None => (open_generation(dir, 1)?, None),
        };
        Ok(EmbeddedIndex {
            dir: dir.to_owned(),
            active: RwLock::new(Arc::new(active)),
            recorded: RwLock::new(recorded),
            writes: tokio::sync::Mutex::new(()),
        })
    }

    fn active(&self) -> Arc<Active> {
        self.active.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    /// Switches to the generation `state.json` names if another process
    /// swapped one in.
    async fn switch_if_swapped(&self) -> Result<(), SearchError> {
        let Some(state) = read_state(&self.dir)? else { return Ok(()) };
        if state.generation == self.active().generation || state.schema_version != SCHEMA_VERSION {
            return Ok(());
        }
        let _writes = self.writes.lock().await;
        let dir = self.dir.clone();
        let opened = tokio::task::spawn_blocking(move || open_generation(&dir, state.generation))
            .await
            .map_err(|e| SearchError::Backend(e.to_string()))??;
        *self.active.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(opened);
        *self.recorded.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(state.schema_version);
        tracing::info!(generation = state.generation, "switched to a rebuilt search index");
        Ok(())
    }

    /// How many documents the index holds.
    pub fn len(&self) -> u64 {
        self.active().reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, SearchError> + Send + 'static,
) -> Result<T, SearchError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| SearchError::Backend(format!("search task failed: {e}")))?
}

/// Runs `work` with the generation's writer, opening it first if needed.
fn with_writer<T>(
    active: &Active,
    work: impl FnOnce(&mut IndexWriter<TantivyDocument>) -> Result<T, SearchError>,
) -> Result<T, SearchError> {
    let mut slot = active.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if slot.is_none() {
        let writer = active
            .index
            .writer_with_num_threads(WRITER_THREADS, WRITER_MEMORY)
            .map_err(failed("opening the index writer (is another process writing to it?)"))?;
        *slot = Some(writer);
    }
    let outcome = match slot.as_mut() {
        Some(writer) => work(writer),
        None => Err(SearchError::Backend("the index writer did not open".into())),
    };
    if outcome.is_err() {
        // A writer whose add or commit failed may be unusable: reopen it
        // next time (uncommitted changes are dropped; the feed keeps them).
        *slot = None;
    }
    outcome
}

fn apply(active: &Active, documents: Vec<SearchDocument>, deleted: &[i64]) -> Result<(), SearchError> {
    with_writer(active, |writer| apply_with(active, writer, documents, deleted))
}

fn apply_with(
    active: &Active,
    writer: &mut IndexWriter<TantivyDocument>,
    documents: Vec<SearchDocument>,
    deleted: &[i64],
) -> Result<(), SearchError> {
    for id in deleted.iter().copied().chain(documents.iter().map(|d| d.listing_id)) {
        writer.delete_term(Term::from_field_u64(active.fields.id, id as u64));
    }
    for document in &documents {
        writer.add_document(active.fields.document(document)).map_err(failed("adding a document"))?;
    }
    writer.commit().map_err(failed("committing"))?;
    active.reader.reload().map_err(failed("reloading the reader"))
}

/// The listing ids of the page, in order.
fn page_ids(searcher: &Searcher, addresses: &[DocAddress]) -> Result<Vec<i64>, SearchError> {
    let mut ids = Vec::with_capacity(addresses.len());
    for address in addresses {
        let column =
            searcher.segment_reader(address.segment_ord).fast_fields().u64("id").map_err(failed("reading ids"))?;
        if let Some(id) = column.first(address.doc_id) {
            ids.push(id as i64);
        }
    }
    Ok(ids)
}

fn run_search(active: &Active, request: &SearchRequest) -> Result<SearchHits, SearchError> {
    let searcher = active.reader.searcher();
    let manager = active.index.tokenizers();
    let (query, has_text) = query::build(&active.fields, manager, &request.text, &request.filters);
    let limit = request.limit.clamp(1, 1_000);
    let top = TopDocs::with_limit(limit).and_offset(request.offset);
    let own_counts: Vec<Facet> = Facet::ALL.iter().copied().filter(|f| !request.filters.constrains(*f)).collect();
    let counter = FacetCollector { facets: own_counts };
    let sort = if request.sort == SortOrder::Relevance && !has_text { SortOrder::Newest } else { request.sort };
    let mut diversified = None;
    let (addresses, total, mut facets): (Vec<DocAddress>, usize, FacetCounts) = match sort {
        SortOrder::Relevance => {
            // The first results are ranked as a whole and then capped per
            // producer (`ranking`); later pages follow the plain order.
            let first_pages = ranking::hits_to_fetch(request.offset, limit);
            let ranked = match first_pages {
                Some(count) => TopDocs::with_limit(count),
                None => top,
            };
            let by_quality = ranked.tweak_score(|segment: &tantivy::SegmentReader| {
                let quality = segment.fast_fields().u64("quality").ok().map(|column| column.first_or_default_col(0));
                move |doc: tantivy::DocId, score: tantivy::Score| {
                    ranking::with_quality(score, quality.as_ref().map_or(0, |column| column.get_val(doc)))
                }
            });
            let (hits, total, facets) =
                searcher.search(&*query, &(by_quality, Count, counter)).map_err(failed("searching"))?;
            let addresses: Vec<DocAddress> = hits.into_iter().map(|(_, a)| a).collect();
            if first_pages.is_some() {
                diversified = Some(addresses.clone());
            }
            (addresses, total, facets)
        }
        SortOrder::Newest => {
            let (hits, total, facets) = searcher
                .search(&*query, &(top.order_by_fast_field::<u64>("published", Order::Desc), Count, counter))
                .map_err(failed("searching"))?;
            (hits.into_iter().map(|(_, a)| a).collect(), total, facets)
        }
        SortOrder::MoqAscending => {
            let (hits, total, facets) = searcher
                .search(&*query, &(top.order_by_fast_field::<u64>("moq_sort", Order::Asc), Count, counter))
                .map_err(failed("searching"))?;
            (hits.into_iter().map(|(_, a)| a).collect(), total, facets)
        }
    };
    // A facet with a filter of its own is counted without that filter.
    for facet in Facet::ALL.iter().copied().filter(|f| request.filters.constrains(*f)) {
        let (others, _) = query::build(&active.fields, manager, &request.text, &request.filters.without(facet));
        let counts =
            searcher.search(&*others, &FacetCollector { facets: vec![facet] }).map_err(failed("counting facets"))?;
        facets.extend(counts);
    }
    facets.retain(|_, values| {
        values.retain(|_, count| *count > 0);
        !values.is_empty()
    });
    let ids = match diversified {
        Some(window) => {
            let hits = page_hits(&searcher, &window)?;
            ranking::page_of_first_results(&hits, request.offset, limit)
        }
        None => page_ids(&searcher, &addresses)?,
    };
    Ok(SearchHits { ids, total: total as u64, facets })
}

/// (listing id, producer id) of each hit, in order.
fn page_hits(searcher: &Searcher, addresses: &[DocAddress]) -> Result<Vec<(i64, i64)>, SearchError> {
    let mut hits = Vec::with_capacity(addresses.len());
    for address in addresses {
        let fast = searcher.segment_reader(address.segment_ord).fast_fields();
        let ids = fast.u64("id").map_err(failed("reading ids"))?;
        let producers = fast.u64("producer_id").map_err(failed("reading producers"))?;
        if let (Some(id), Some(producer)) = (ids.first(address.doc_id), producers.first(address.doc_id)) {
            hits.push((id as i64, producer as i64));
        }
    }
    Ok(hits)
}

#[async_trait::async_trait]
impl SearchIndex for EmbeddedIndex {
    fn backend(&self) -> &'static str {
        "embedded"
    }

    async fn upsert(&self, documents: Vec<SearchDocument>) -> Result<(), SearchError> {
        if documents.is_empty() {
            return Ok(());
        }
        let _writes = self.writes.lock().await;
        let active = self.active();
        blocking(move || apply(&active, documents, &[])).await
    }

    async fn delete(&self, listing_ids: &[i64]) -> Result<(), SearchError> {
        if listing_ids.is_empty() {
            return Ok(());
        }
        let _writes = self.writes.lock().await;
        let active = self.active();
        let ids = listing_ids.to_vec();
        blocking(move || apply(&active, Vec::new(), &ids)).await
    }

    /// Until a rebuild has filled a fresh (or outdated) index it answers
    /// `Unavailable`, so pages fall back to the database instead of showing
    /// an empty catalogue.
    async fn search(&self, request: &SearchRequest) -> Result<SearchHits, SearchError> {
        if *self.recorded.read().unwrap_or_else(|poisoned| poisoned.into_inner()) != Some(SCHEMA_VERSION) {
            return Err(SearchError::Unavailable("the search index is being built".into()));
        }
        let active = self.active();
        let request = request.clone();
        blocking(move || run_search(&active, &request)).await
    }

    async fn rebuild(&self, source: &mut dyn DocumentBatches, from: FeedPosition) -> Result<u64, SearchError> {
        let _writes = self.writes.lock().await;
        let current = read_state(&self.dir)?.map_or(0, |state| state.generation).max(self.active().generation);
        let next = current + 1;
        let dir = self.dir.clone();
        let _ = std::fs::remove_dir_all(generation_dir(&dir, next));
        let fresh = Arc::new(blocking(move || open_generation(&dir, next)).await?);
        let mut count = 0u64;
        while let Some(batch) = source.next_batch().await? {
            count += batch.len() as u64;
            let target = fresh.clone();
            blocking(move || {
                with_writer(&target, |writer| {
                    for document in &batch {
                        writer.add_document(target.fields.document(document)).map_err(failed("adding a document"))?;
                    }
                    Ok(())
                })
            })
            .await?;
        }
        let target = fresh.clone();
        blocking(move || {
            with_writer(&target, |writer| writer.commit().map(|_| ()).map_err(failed("committing the rebuilt index")))?;
            target.reader.reload().map_err(failed("reloading the reader"))
        })
        .await?;
        write_feed(&self.dir, next, from)?;
        write_state(&self.dir, State { generation: next, schema_version: SCHEMA_VERSION })?;
        *self.active.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = fresh;
        *self.recorded.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(SCHEMA_VERSION);
        remove_other_generations(&self.dir, next);
        Ok(count)
    }

    async fn schema_version(&self) -> Result<Option<u32>, SearchError> {
        Ok(*self.recorded.read().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    async fn feed_position(&self) -> Result<Option<FeedPosition>, SearchError> {
        if *self.recorded.read().unwrap_or_else(|poisoned| poisoned.into_inner()) != Some(SCHEMA_VERSION) {
            return Ok(None);
        }
        let (dir, generation) = (self.dir.clone(), self.active().generation);
        blocking(move || read_feed(&dir, generation)).await
    }

    async fn record_feed_position(&self, position: FeedPosition) -> Result<(), SearchError> {
        let _writes = self.writes.lock().await;
        let (dir, generation) = (self.dir.clone(), self.active().generation);
        blocking(move || write_feed(&dir, generation, position)).await
    }

    async fn check(&self) -> Result<(), SearchError> {
        Ok(())
    }

    async fn refresh(&self) -> Result<(), SearchError> {
        self.switch_if_swapped().await
    }
}
