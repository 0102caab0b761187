//! Search: the conformance suite against every backend (Meilisearch only
//! when `TRADEMA_TEST_MEILI_URL` names a server), the rebuild and swap of the
//! embedded index, and the change feed's path from a producer's save to a result.

use std::time::Duration;

use server::search::embedded::EmbeddedIndex;
use server::search::{SearchIndex, conformance};
use tests::flaky_search::Flaky;

#[tokio::test]
async fn the_embedded_backend_passes_the_conformance_suite() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let index = EmbeddedIndex::open(dir.path()).expect("index opens");
    conformance::run(&index).await;
}

/// The Meilisearch server a run names (`./tradema test` runs these when it is set).
fn meilisearch_url() -> String {
    std::env::var("TRADEMA_TEST_MEILI_URL").expect("TRADEMA_TEST_MEILI_URL names a Meilisearch server")
}

#[tokio::test]
#[ignore = "needs a Meilisearch server: TRADEMA_TEST_MEILI_URL (and TRADEMA_TEST_MEILI_KEY)"]
async fn the_meilisearch_backend_passes_the_conformance_suite() {
    let url = meilisearch_url();
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
    let at = server::search::FeedPosition { txid: 0, seq: 12 };
    let count = index.rebuild(&mut Fixed(Some(conformance::documents())), at).await.expect("rebuilt");
    assert_eq!(count, 7);
    assert_eq!(index.schema_version().await.expect("version"), Some(server::search::SCHEMA_VERSION));
    drop(index);
    let reopened = EmbeddedIndex::open(dir.path()).expect("index reopens");
    assert_eq!(reopened.len(), 7, "the rebuilt generation is the one in use after a restart");
    assert_eq!(reopened.feed_position().await.expect("position"), Some(at), "with its place in the feed");
    let generations = std::fs::read_dir(dir.path())
        .expect("listing")
        .filter(|entry| entry.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().starts_with("gen-")))
        .count();
    assert_eq!(generations, 1, "the replaced generation is removed");
}

#[tokio::test]
async fn with_the_search_backend_down_producers_still_publish_and_search_catches_up() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let flaky = std::sync::Arc::new(Flaky::new(EmbeddedIndex::open(dir.path()).expect("index opens")));
    let app = tests::TestApp::spawn_with_search(flaky.clone()).await;
    let owner = app.signed_in("producer", "owner@tifawine.ma").await;
    assert_eq!(owner.save_profile("Coopérative Tifawine", &[]).await.status, 200);
    let listing = owner.create_listing("Amlou aux amandes torréfiées").await;
    let published =
        owner.post("/api/change_listing_status", &[("id", &listing.to_string()), ("change", "publish")]).await;
    assert_eq!(published.status, 200, "publishing works with search down: {}", published.body);

    // The page says results may be incomplete and still finds the listing
    // in the database.
    let (status, page) = app.get("/en/search?q=amlou").await;
    assert_eq!(status, 200);
    assert!(page.contains("results may be incomplete"), "the page tells the buyer");
    assert!(page.contains("Amlou aux amandes"), "the database search stands in");
    let (status, ready) = app.get("/readyz").await;
    assert_eq!(status, 200, "search being down does not fail readiness: {ready}");
    assert!(ready.contains("\"search\"") && ready.contains("unavailable"), "{ready}");
    let feed = server::repo::search_changes::all(&app.db).await.expect("feed");
    assert!(feed.iter().any(|change| change.listing_id == listing), "the change waits in the feed");

    // Back up: the index catches up by itself, and search finds the listing
    // (the indexer backs off while it fails, so this takes a few seconds).
    flaky.switch_on();
    tests::eventually(Duration::from_secs(30), "search catches up without a manual reindex", || async {
        let (_, page) = app.get("/en/search?q=amlou").await;
        (page.contains("Amlou aux amandes") && !page.contains("results may be incomplete")).then_some(())
    })
    .await;
    let hits = flaky.search(&server::search::SearchRequest { text: "amlou".into(), ..Default::default() }).await;
    assert_eq!(hits.expect("search").ids, [listing], "found by the engine itself");
    app.stop().await;
}

/// Publishing queues the listing for the indexer, which the commit wakes:
/// search finds it with no reindex (waited for with a generous deadline,
/// not timed).
#[tokio::test]
async fn a_published_listing_is_found_by_search_after_publishing() {
    let app = tests::TestApp::spawn().await;
    let owner = app.signed_in("producer", "owner@saffron.ma").await;
    assert_eq!(owner.save_profile("Safran Souktana", &[]).await.status, 200);
    let listing = owner.create_listing("Safran Souktana catégorie I").await;
    let published =
        owner.post("/api/change_listing_status", &[("id", &listing.to_string()), ("change", "publish")]).await;
    assert_eq!(published.status, 200, "{}", published.body);
    tests::eventually(Duration::from_secs(20), "search finds the listing just published", || async {
        let (_, page) = app.get("/fr/search?q=souktana").await;
        (page.contains("Safran Souktana") && !page.contains("résultats peuvent être incomplets")).then_some(())
    })
    .await;
    app.stop().await;
}

#[tokio::test]
async fn a_suspended_producer_leaves_search() {
    let app = tests::TestApp::spawn().await;
    let owner = app.signed_in("producer", "owner@doum.ma").await;
    assert_eq!(owner.save_profile("Coopérative Doum", &[]).await.status, 200);
    let listing = owner.create_listing("Paniers en feuilles de doum").await;
    let published =
        owner.post("/api/change_listing_status", &[("id", &listing.to_string()), ("change", "publish")]).await;
    assert_eq!(published.status, 200, "{}", published.body);
    app.settle_search().await;
    let (_, api) = app.get("/api/v1/listings?q=doum").await;
    assert!(api.contains("\"total\":1"), "found before: {api}");
    let account = server::auth::account_commands::account_id(&app.db, "owner@doum.ma").await.expect("account");
    server::auth::account_commands::suspend_account(&app.db, account).await.expect("suspended");
    app.settle_search().await;
    let (_, api) = app.get("/api/v1/listings?q=doum").await;
    assert!(api.contains("\"total\":0") && api.contains("\"degraded\":false"), "gone from the engine: {api}");
    app.stop().await;
}

static NEXT_SITE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Settings for a Meilisearch backend at `url`, with its own index names.
fn meilisearch_at(settings: &mut server::config::Settings, url: &str, key: Option<String>) {
    settings.search_backend = server::config::SearchBackend::Meilisearch {
        url: url.to_owned(),
        key: key.map(secrecy::SecretString::from),
        index_prefix: format!(
            "site_{}_{}_",
            std::process::id(),
            NEXT_SITE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ),
    };
}

#[tokio::test]
async fn with_a_meilisearch_url_where_nothing_answers_producers_still_publish() {
    // A loopback port that drops every connection without a word: no other
    // test's server can take it meanwhile.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let silent = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for connection in listener.incoming() {
            drop(connection);
        }
    });
    let app = tests::TestApp::spawn_configured(|s| meilisearch_at(s, &format!("http://{silent}"), None)).await;
    let owner = app.signed_in("producer", "owner@tiwizi.ma").await;
    assert_eq!(owner.save_profile("Coopérative Tiwizi", &[]).await.status, 200);
    let listing = owner.create_listing("Couscous Tiwizi").await;
    let published =
        owner.post("/api/change_listing_status", &[("id", &listing.to_string()), ("change", "publish")]).await;
    assert_eq!(published.status, 200, "publishing works with Meilisearch unreachable: {}", published.body);
    let (status, page) = app.get("/en/search?q=tiwizi").await;
    assert_eq!(status, 200);
    assert!(page.contains("results may be incomplete") && page.contains("Couscous Tiwizi"), "the database stands in");
    let (status, ready) = app.get("/readyz").await;
    assert_eq!(status, 200, "{ready}");
    assert!(ready.contains("meilisearch") && ready.contains("unavailable"), "{ready}");
    app.stop().await;
}

#[tokio::test]
#[ignore = "needs a Meilisearch server: TRADEMA_TEST_MEILI_URL (and TRADEMA_TEST_MEILI_KEY)"]
async fn the_site_searches_through_a_real_meilisearch() {
    let url = meilisearch_url();
    let key = std::env::var("TRADEMA_TEST_MEILI_KEY").ok();
    let app = tests::TestApp::spawn_configured(|s| meilisearch_at(s, &url, key)).await;
    let owner = app.signed_in("producer", "owner@taliouine.ma").await;
    assert_eq!(owner.save_profile("Coopérative Taliouine", &[]).await.status, 200);
    let listing = owner.create_listing("Safran de Taliouine, pistils premium").await;
    let published =
        owner.post("/api/change_listing_status", &[("id", &listing.to_string()), ("change", "publish")]).await;
    assert_eq!(published.status, 200, "{}", published.body);
    // Through the vocabulary: the title is French only.
    tests::eventually(Duration::from_secs(20), "Meilisearch finds the listing by its English word", || async {
        let (_, page) = app.get("/en/search?q=saffron").await;
        (page.contains("pistils premium") && !page.contains("results may be incomplete")).then_some(())
    })
    .await;
    let (_, api) = app.get("/api/v1/listings?q=safron").await;
    assert!(api.contains(&format!("\"id\":{listing}")) && api.contains("\"total\":1"), "a typo too: {api}");
    app.stop().await;
}
