//! Outage drills that lose nothing: the database away for 10 s (PostgreSQL
//! stopped under a running server): what needs the database answers 503
//! with `Retry-After` (never a 500 or a dropped connection; a page whose
//! data is kept may still be served), `/readyz` says the database is
//! unreachable, and the server recovers by itself once it is back. (The
//! media store down is in `media_storage`.) The embedded search index that
//! cannot write for 30 s while producers save, and a media directory that
//! takes no writes, are here too.

use std::time::{Duration, Instant};

use tests::TestApp;
use tests::postgres::PgCluster;

#[tokio::test]
async fn the_database_away_for_ten_seconds_gives_503s_and_the_server_recovers_by_itself() {
    let cluster = PgCluster::start();
    let url = cluster.create_database("outage");
    let app = TestApp::spawn_on(&url).await;
    let catalogue = tests::fixtures::catalogue(&app.db).await;
    let page = |n: usize| format!("/fr/listings/{}?visit={n}", catalogue.argan_id);
    assert_eq!(app.visitor().get(&page(0)).await.status, 200);

    cluster.pause();
    let down = Instant::now();
    let mut answers = std::collections::BTreeMap::<String, usize>::new();
    let mut n = 1;
    let mut slowest = Duration::ZERO;
    while down.elapsed() < Duration::from_secs(10) {
        // The known listing's page may still come from the data kept for it
        // (200); a listing never read before needs the database: 503. Never
        // a 500, never a dropped connection.
        let checks = [
            (page(n), false),
            (format!("/fr/listings/{}", 900_000 + n), true),
            (format!("/api/v1/listings?q=argan{n}&lang=fr"), false),
            ("/readyz".to_owned(), true),
        ];
        for (path, needs_database) in checks {
            let asked = Instant::now();
            let answer = app.client.get(app.url(&path)).send().await.expect("an answer, not a dropped connection");
            slowest = slowest.max(asked.elapsed());
            let status = answer.status().as_u16();
            let retry = answer.headers().contains_key("retry-after");
            let what = path.split('?').next().unwrap_or_default().to_owned();
            if needs_database || status != 200 {
                assert_eq!(status, 503, "{what} while the database is down: {status}");
            }
            if what == "/readyz" {
                let body: serde_json::Value = answer.json().await.expect("JSON");
                assert_eq!(body["database"], "unreachable", "/readyz says why: {body}");
            } else if status == 503 {
                assert!(retry, "{what}: 503 with Retry-After");
            }
            let shape = if what.starts_with("/fr/listings/9") { "/fr/listings/(never read)" } else { what.as_str() };
            *answers.entry(format!("{shape} {status}")).or_default() += 1;
        }
        n += 1;
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    println!(
        "outage: while the database was down, the answers were {answers:?}; the slowest took {} ms",
        slowest.as_millis()
    );

    cluster.resume();
    let back = Instant::now();
    let recovered = tests::eventually(Duration::from_secs(30), "the server serves again by itself", || async {
        let ready = app.client.get(app.url("/readyz")).send().await.ok()?.status().as_u16();
        let listing = app.client.get(app.url(&page(10_000))).send().await.ok()?.status().as_u16();
        (ready == 200 && listing == 200).then(|| back.elapsed())
    })
    .await;
    println!("outage: serving again {} ms after the database came back", recovered.as_millis());
    app.stop().await;
}

/// A word no other listing has, for the search (letters only).
fn unique_word(n: usize) -> String {
    let letters: String = format!("{n:03}").chars().map(|c| (b'a' + (c as u8 - b'0')) as char).collect();
    format!("zephyrine{letters}")
}

/// The search state `/readyz` reports.
async fn search_state(app: &TestApp) -> Option<String> {
    let ready: serde_json::Value = app.client.get(app.url("/readyz")).send().await.ok()?.json().await.ok()?;
    ready["search"]["state"].as_str().map(str::to_owned)
}

/// A producer signed in with a profile, once the index is built.
async fn producer_on_a_built_index(app: &TestApp) -> tests::visitor::Visitor {
    let producer = app.signed_in("producer", "amina@coop.ma").await;
    assert_eq!(producer.save_profile("Coopérative Tifawine", &[]).await.status, 200);
    tests::eventually(Duration::from_secs(60), "the index is built", || async {
        (search_state(app).await.as_deref() == Some("ok")).then_some(())
    })
    .await;
    producer
}

/// Saves and publishes a listing every 0.7 s for `period`, each save
/// answered 200 and the search page answering meanwhile: the listings'
/// words, and what `/readyz` said of search, how often.
async fn keep_saving(
    app: &TestApp,
    producer: &tests::visitor::Visitor,
    period: Duration,
) -> (Vec<String>, std::collections::BTreeMap<String, usize>) {
    let started = Instant::now();
    let (mut words, mut states) = (Vec::new(), std::collections::BTreeMap::<String, usize>::new());
    while started.elapsed() < period {
        let word = unique_word(words.len());
        let id = producer.create_listing(&format!("Huile {word} de Taroudant")).await.to_string();
        let published =
            producer.post("/api/change_listing_status", &[("id", &id), ("change", "publish"), ("locale", "fr")]).await;
        assert_eq!(published.status, 200, "publishing works while search cannot be fed: {}", published.body);
        words.push(word);
        *states.entry(search_state(app).await.unwrap_or_default()).or_default() += 1;
        let search = app.client.get(app.url("/fr/search?q=huile")).send().await.expect("search");
        assert_eq!(search.status().as_u16(), 200, "the search page answers meanwhile");
        tokio::time::sleep(Duration::from_millis(700)).await;
    }
    (words, states)
}

/// Waits until the public API's search finds every word: how long it took.
async fn all_found(app: &TestApp, words: &[String]) -> Duration {
    let back = Instant::now();
    tests::eventually(Duration::from_secs(60), "every listing saved meanwhile is found", || async {
        for word in words {
            let url = app.url(&format!("/api/v1/listings?q={word}&lang=fr"));
            let found = app.client.get(&url).send().await.ok()?.text().await.ok()?;
            if !found.contains(word.as_str()) {
                return None;
            }
        }
        Some(back.elapsed())
    })
    .await
}

/// The embedded index stops taking writes for 30 s (its directories made
/// immutable) while a producer keeps saving and publishing: every save
/// succeeds, `/readyz` reports the index lagging, and once it can write
/// again every listing saved meanwhile is found.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_index_unwritable_for_30_s_loses_no_save_and_catches_up() {
    let app = TestApp::spawn().await;
    let producer = producer_on_a_built_index(&app).await;
    let mut frozen = tests::immutable::Immutable::dirs_under(&app.settings.search_dir());
    let (words, states) = keep_saving(&app, &producer, Duration::from_secs(30)).await;
    println!("search outage (embedded): {} listings saved and published in 30 s; /readyz said {states:?}", words.len());
    assert!(states.contains_key("lagging"), "/readyz reported the index behind: {states:?}");
    frozen.release();
    let took = all_found(&app, &words).await;
    println!(
        "search outage (embedded): all {} found {} ms after the index could write again",
        words.len(),
        took.as_millis()
    );
    app.stop().await;
}

/// The same with Meilisearch, its link cut for 30 s by a relay.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a Meilisearch server: TRADEMA_TEST_MEILI_URL (and TRADEMA_TEST_MEILI_KEY)"]
async fn meilisearch_cut_off_for_30_s_loses_no_save_and_catches_up() {
    let url = std::env::var("TRADEMA_TEST_MEILI_URL").expect("TRADEMA_TEST_MEILI_URL names a Meilisearch server");
    let target = url::Url::parse(&url).expect("a URL");
    let address = target.socket_addrs(|| Some(7700)).expect("an address")[0];
    let mut relay = tests::relay::Relay::start(address).await;
    let (relayed, key) = (relay.url(), std::env::var("TRADEMA_TEST_MEILI_KEY").ok().map(secrecy::SecretString::from));
    let prefix = format!("outage_{}_", std::process::id());
    let app = TestApp::spawn_configured(|settings| {
        settings.search_backend =
            server::config::SearchBackend::Meilisearch { url: relayed, key, index_prefix: prefix };
    })
    .await;
    let producer = producer_on_a_built_index(&app).await;
    relay.cut();
    let (words, states) = keep_saving(&app, &producer, Duration::from_secs(30)).await;
    println!("search outage (Meilisearch): {} listings saved in 30 s; /readyz said {states:?}", words.len());
    assert!(states.contains_key("unavailable"), "/readyz reported Meilisearch unreachable: {states:?}");
    relay.restore().await;
    let took = all_found(&app, &words).await;
    println!("search outage (Meilisearch): all {} found {} ms after the link came back", words.len(), took.as_millis());
    app.stop().await;
}

/// The local media directory takes no writes (immutable, as a full or
/// read-only disk would be): an upload answers 503 `store_unavailable` and
/// records nothing; once it is writable, the same upload works.
#[tokio::test]
async fn a_media_directory_that_takes_no_writes_refuses_uploads_503_and_recovers() {
    let app = TestApp::spawn().await;
    let producer = app.signed_in("producer", "amina@coop.ma").await;
    assert_eq!(producer.save_profile("Coopérative Tifawine", &[]).await.status, 200);
    let listing = producer.create_listing("Huile d'argan").await;
    let mut frozen = tests::immutable::Immutable::dirs_under(&app.settings.media_dir());
    let refused = producer.upload(listing, vec![("IMG_0001.JPG", tests::images::jpeg(1600, 1200))]).await;
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert_eq!(refused.json()["error"], "store_unavailable");
    let photos = <server::entities::listing_photos::Entity as sea_orm::EntityTrait>::find().all(&app.db).await;
    assert!(photos.expect("photos").is_empty(), "no row recorded");
    frozen.release();
    let uploaded = producer.upload(listing, vec![("IMG_0001.JPG", tests::images::jpeg(1600, 1200))]).await;
    assert_eq!(uploaded.status, 201, "writable again, the upload works: {}", uploaded.body);
    app.stop().await;
}
