//! Search: the conformance suite against every backend (Meilisearch only
//! when `TRADEMA_TEST_MEILI_URL` names a server), the rebuild and swap of the
//! embedded index, and the outbox path from a producer's save to a result.

use server::search::embedded::EmbeddedIndex;
use server::search::{SearchIndex, conformance};

#[tokio::test]
async fn the_embedded_backend_passes_the_conformance_suite() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let index = EmbeddedIndex::open(dir.path()).expect("index opens");
    conformance::run(&index).await;
}

#[tokio::test]
async fn the_meilisearch_backend_passes_the_conformance_suite() {
    let Ok(url) = std::env::var("TRADEMA_TEST_MEILI_URL") else {
        println!("SKIPPED: the Meilisearch conformance run needs TRADEMA_TEST_MEILI_URL (and TRADEMA_TEST_MEILI_KEY)");
        return;
    };
    let key = std::env::var("TRADEMA_TEST_MEILI_KEY").ok();
    let prefix = format!("test_{}_", std::process::id());
    let index =
        server::search::meili::MeiliIndex::connect(&url, key.as_deref(), &prefix).await.expect("Meilisearch answers");
    conformance::run(&index).await;
}

/// Feeds the conformance documents as one batch.
struct Fixed(Option<Vec<server::search::SearchDocument>>);

#[async_trait::async_trait]
impl server::search::DocumentBatches for Fixed {
    async fn next_batch(&mut self) -> Result<Option<Vec<server::search::SearchDocument>>, server::search::SearchError> {
        Ok(self.0.take())
    }
}

#[tokio::test]
async fn a_rebuild_swaps_in_a_complete_index_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let index = EmbeddedIndex::open(dir.path()).expect("index opens");
    assert_eq!(index.schema_version().await.expect("version"), None, "a fresh index asks for a rebuild");
    let count = index.rebuild(&mut Fixed(Some(conformance::documents()))).await.expect("rebuilt");
    assert_eq!(count, 7);
    assert_eq!(index.schema_version().await.expect("version"), Some(server::search::SCHEMA_VERSION));
    drop(index);
    let reopened = EmbeddedIndex::open(dir.path()).expect("index reopens");
    assert_eq!(reopened.len(), 7, "the rebuilt generation is the one in use after a restart");
    let generations = std::fs::read_dir(dir.path())
        .expect("listing")
        .filter(|entry| entry.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().starts_with("gen-")))
        .count();
    assert_eq!(generations, 1, "the replaced generation is removed");
}
