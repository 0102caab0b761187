//! The producer's whole workspace on PostgreSQL, the production database:
//! accounts and sessions, profile, listing, photos, publication and deletion
//! through the same HTTP surface the SQLite tests use.

use sea_orm::{EntityTrait, PaginatorTrait};
use server::entities::{listings, search_changes, sessions};
use tests::TestApp;
use tests::images::jpeg;
use tests::postgres::PgCluster;
use tests::visitor::PASSWORD;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_producer_workspace_runs_on_postgres() {
    let cluster = PgCluster::start();
    // Search is held down: the feed keeps every change to be read.
    let search_dir = tempfile::tempdir().expect("search directory");
    let index = server::search::embedded::EmbeddedIndex::open(search_dir.path()).expect("index");
    let search = std::sync::Arc::new(tests::flaky_search::Flaky::new(index));
    let app = TestApp::spawn_on_with(&cluster.create_database("workspace"), Some(search)).await;
    let amina = app.signed_in("producer", "amina@coop.ma").await;
    assert_eq!(amina.viewer().await["email"], "amina@coop.ma");
    assert_eq!(sessions::Entity::find().count(&app.db).await.expect("count"), 1, "the session is in PostgreSQL");
    let profile = amina.save_profile("Coopérative Tifawine", &[("form[ice]", "001525846000087")]).await;
    assert_eq!(profile.status, 200, "{}", profile.body);
    let listing = amina.create_listing("Huile d'argan").await;
    let upload = amina.upload(listing, vec![("a.jpg", jpeg(800, 600)), ("b.jpg", jpeg(900, 600))]).await;
    assert_eq!(upload.status, 201, "{}", upload.body);
    let second = upload.json()["photos"][1].as_i64().expect("id").to_string();
    let cover = amina
        .post(
            "/api/change_photo",
            &[("listing_id", &listing.to_string()), ("photo_id", &second), ("change", "make_cover")],
        )
        .await;
    assert_eq!(cover.status, 200, "{}", cover.body);
    let publish =
        amina.post("/api/change_listing_status", &[("id", &listing.to_string()), ("change", "publish")]).await;
    assert_eq!(publish.status, 200, "{}", publish.body);
    let dashboard = amina.get("/api/dashboard?locale=fr").await.json();
    assert_eq!(dashboard["listings"][0]["status"], "published");
    assert_eq!(dashboard["listings"][0]["photo_count"], 2);
    let (status, page) = app.get(&format!("/fr/listings/{listing}-huile-d-argan")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Huile d&#x27;argan") || page.contains("Huile d'argan"), "the public page shows it");
    // Another account typing the same ICE is not refused: an unverified ICE
    // blocks nobody, and the answer says nothing about who else holds it
    // (verification settles a clash).
    let omar = app.signed_in("producer", "omar@coop.ma").await;
    let same_ice = omar.save_profile("Autre", &[("form[ice]", "001525846000087")]).await;
    assert_eq!(same_ice.status, 200, "{}", same_ice.body);
    // Sign out and in again; then delete the listing.
    amina.post("/api/sign_out", &[("locale", "fr")]).await;
    assert_eq!(amina.viewer().await, serde_json::Value::Null);
    assert_eq!(amina.sign_in("amina@coop.ma", PASSWORD).await.status, 200);
    let delete = amina.post("/api/delete_listing", &[("id", &listing.to_string()), ("locale", "fr")]).await;
    assert_eq!(delete.status, 200, "{}", delete.body);
    assert_eq!(listings::Entity::find().count(&app.db).await.expect("count"), 0);
    let ops: Vec<String> =
        search_changes::Entity::find().all(&app.db).await.expect("feed").into_iter().map(|row| row.op).collect();
    assert_eq!(ops.last().map(String::as_str), Some("delete"), "every change queued for the indexer: {ops:?}");
    app.stop().await;
}
