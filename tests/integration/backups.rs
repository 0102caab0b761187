//! Backups that restore. The embedded site: `server backup` taken while
//! two producers keep saving listings and uploading photos, restored into an
//! empty data directory; every listing in it is whole (its translations and
//! its search change came with it), every photo a row names has its files,
//! and a server started on it serves the catalogue. PostgreSQL: the
//! procedure of docs/operations.md, `pg_dump` then `pg_restore` into a fresh
//! cluster, and the app on it serves the same catalogue.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use sea_orm::{Database, DatabaseConnection, EntityTrait, PaginatorTrait};
use secrecy::SecretString;
use server::entities::{listing_photos, listing_translations, listings, search_changes};
use server::media::storage::LocalStorage;
use tests::TestApp;
use tests::images::jpeg;
use tests::postgres::PgCluster;
use tests::visitor::Visitor;

/// Saves listings with a photo each until `stop`; the ids saved.
async fn keep_writing(producer: Visitor, stop: Arc<AtomicBool>, name: &'static str) -> Vec<i64> {
    let mut saved = Vec::new();
    while !stop.load(Ordering::Relaxed) || saved.len() < 6 {
        let id = producer.create_listing(&format!("{name} {}", saved.len())).await;
        let uploaded = producer.upload(id, vec![("photo.jpg", jpeg(800, 600))]).await;
        assert_eq!(uploaded.status, 201, "{}", uploaded.body);
        saved.push(id);
    }
    saved
}

/// Every listing of `db` is whole, and every photo row has its files in
/// `media`: how many listings and photos there are.
async fn whole(db: &DatabaseConnection, media: &Path) -> (usize, usize) {
    let listed = listings::Entity::find().all(db).await.expect("listings");
    let translated: HashSet<i64> = listing_translations::Entity::find()
        .all(db)
        .await
        .expect("translations")
        .iter()
        .map(|t| t.listing_id)
        .collect();
    let changed: HashSet<i64> =
        search_changes::Entity::find().all(db).await.expect("changes").iter().map(|c| c.listing_id).collect();
    for listing in &listed {
        assert!(translated.contains(&listing.id), "listing {} came without its translations", listing.id);
        assert!(changed.contains(&listing.id), "listing {} came without its search change", listing.id);
    }
    let photos = listing_photos::Entity::find().all(db).await.expect("photos");
    for photo in &photos {
        for file in [format!("{}-320.webp", photo.storage_key), format!("{}-640.jpg", photo.storage_key)] {
            assert!(media.join(&file).is_file(), "photo {} names {file}, which the restore lacks", photo.id);
        }
    }
    (listed.len(), photos.len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_while_producers_write_restores_whole() {
    let app = TestApp::spawn().await;
    let mut writers = Vec::new();
    let stop = Arc::new(AtomicBool::new(false));
    for (email, name) in [("amina@coop.ma", "Huile d'argan"), ("omar@atlas.ma", "Safran de Taliouine")] {
        let producer = app.signed_in("producer", email).await;
        assert_eq!(producer.save_profile("Coopérative de sauvegarde", &[]).await.status, 200);
        writers.push(tokio::spawn(keep_writing(producer, stop.clone(), name)));
    }
    let live = app.db.clone();
    tests::eventually(std::time::Duration::from_secs(60), "the producers have saved a few listings", || async {
        (listings::Entity::find().count(&live).await.expect("count") >= 4).then_some(())
    })
    .await;

    let before = listings::Entity::find().count(&app.db).await.expect("count");
    let backup_dir = tempfile::tempdir().expect("a backup directory");
    let target = backup_dir.path().join("2026-12-07");
    let media = LocalStorage::new(app.settings.media_dir());
    let started = Instant::now();
    let manifest = server::backup::backup(&app.settings, &media, &target).await.expect("the backup");
    let took = started.elapsed();
    let after = listings::Entity::find().count(&app.db).await.expect("count");
    stop.store(true, Ordering::Relaxed);
    let mut saved = 0;
    for writer in writers {
        saved += writer.await.expect("a writer").len();
    }
    println!(
        "backup: {} listings ({before} before it began, {after} when it ended, {saved} saved by the writers in all), \
         {} photos, {} media files, {} + {} bytes, in {} ms",
        manifest.listings,
        manifest.photos,
        manifest.media_files,
        manifest.database_bytes,
        manifest.media_bytes,
        took.as_millis()
    );
    assert!((before..=after).contains(&manifest.listings), "the snapshot lies between the start and the end");
    assert!(target.join("backup.json").is_file(), "the manifest is written last");
    let again = server::backup::backup(&app.settings, &media, &target).await.expect_err("not into a full directory");
    assert!(again.to_string().contains("is not empty"), "{again}");
    app.stop().await;

    // Restored into an empty data directory.
    let restored_dir = tempfile::tempdir().expect("a new data directory");
    let settings = server::config::Settings::for_data_dir(restored_dir.path());
    let restored_media = LocalStorage::new(settings.media_dir());
    let started = Instant::now();
    let back = server::backup::restore(&settings, &restored_media, &target).await.expect("the restore");
    println!("restore: {} media files and the database in {} ms", back.media_files, started.elapsed().as_millis());
    assert_eq!(back, manifest);
    let refused = server::backup::restore(&settings, &restored_media, &target).await.expect_err("not over a database");
    assert!(refused.to_string().contains("empty data directory"), "{refused}");

    let database = restored_dir.path().join("tradema.db");
    let db = Database::connect(format!("sqlite://{}?mode=ro", database.display())).await.expect("open the restore");
    let (listings_back, photos_back) = whole(&db, &settings.media_dir()).await;
    assert_eq!((listings_back as u64, photos_back as u64), (manifest.listings, manifest.photos));
    let first = listing_photos::Entity::find().one(&db).await.expect("query").expect("a restored photo");
    db.close().await.expect("close");

    // A server on the restored directory serves the catalogue and its photos.
    let url = format!("sqlite://{}?mode=rwc", database.display());
    let data_dir = restored_dir.path().to_owned();
    let server_on_it = TestApp::spawn_configured(|settings| {
        settings.data_dir = data_dir;
        settings.database_url = SecretString::from(url);
    })
    .await;
    let photo = server_on_it.client.get(server_on_it.url(&format!("/media/{}-640.webp", first.storage_key)));
    assert_eq!(photo.send().await.expect("get the photo").status().as_u16(), 200);
    let owner = server_on_it.visitor();
    assert_eq!(owner.sign_in("amina@coop.ma", tests::visitor::PASSWORD).await.status, 200, "accounts came back");
    server_on_it.stop().await;
}

#[tokio::test]
async fn a_postgres_site_dumped_and_restored_into_a_fresh_cluster_serves_the_same_catalogue() {
    let cluster = PgCluster::start();
    let url = cluster.create_database("site");
    let app = TestApp::spawn_on(&url).await;
    let catalogue = tests::fixtures::catalogue(&app.db).await;
    let count = listings::Entity::find().count(&app.db).await.expect("count");
    let page = format!("/fr/listings/{}", catalogue.argan_id);
    let original = app.visitor().get(&page).await;
    assert_eq!(original.status, 200);
    app.stop().await;

    let started = Instant::now();
    let dump = cluster.dump("site");
    let fresh = PgCluster::start();
    let restored_url = fresh.restore(&dump, "site");
    println!(
        "pg_dump + pg_restore into a fresh cluster: {} bytes in {} ms",
        std::fs::metadata(&dump).map(|m| m.len()).unwrap_or(0),
        started.elapsed().as_millis()
    );
    let restored = TestApp::spawn_on(&restored_url).await;
    assert_eq!(listings::Entity::find().count(&restored.db).await.expect("count"), count, "the same listings");
    let served = restored.visitor().get(&page).await;
    assert_eq!(served.status, 200);
    let title =
        |body: &str| body.split("<title>").nth(1).and_then(|rest| rest.split("</title>").next()).map(str::to_owned);
    assert_eq!(title(&served.body), title(&original.body), "the same listing page");
    restored.stop().await;
}
