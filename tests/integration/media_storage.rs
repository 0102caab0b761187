//! Media in a real S3 bucket (s3s-fs on loopback, `tests::s3`): the bucket
//! passes the storage conformance suite the local directory passes; two
//! servers on one PostgreSQL database share it (a photo uploaded through one
//! is served by the other, with the year-long cache header on a 200 only);
//! a listing's files go with it; the sweep removes an orphan from the bucket
//! and keeps what rows name; a stopped bucket makes the photo answer a 503
//! that is not cached, and serving resumes once it is back.

use std::time::Duration;

use sea_orm::EntityTrait;
use server::entities::listing_photos;
use server::media::storage::{BucketStorage, MediaStorage, conformance};
use tests::TestApp;
use tests::images::jpeg;
use tests::postgres::PgCluster;
use tests::s3::S3Server;
use tests::visitor::PASSWORD;

#[tokio::test]
async fn a_real_s3_bucket_passes_the_storage_conformance_suite() {
    let s3 = S3Server::start().await;
    let bucket = BucketStorage::open(&s3.bucket("conformance")).expect("the bucket's client");
    conformance::check(&bucket).await;
    // The prefix keeps a site's files apart from the bucket's others.
    bucket.put("listings/1/ab-320.jpg", b"x").await.expect("put under the prefix");
    assert_eq!(s3.keys(""), ["conformance/listings/1/ab-320.jpg"], "stored under the prefix, nowhere else");
}

#[tokio::test]
async fn two_servers_share_the_bucket_and_a_listing_takes_its_photos_along() {
    let s3 = S3Server::start().await;
    let cluster = PgCluster::start();
    let url = cluster.create_database("media_bucket");
    let on_bucket = |settings: &mut server::config::Settings| {
        settings.media = server::config::MediaStore::Bucket(s3.bucket("site"));
    };
    let first = TestApp::builder().on_database(&url).configured(on_bucket).spawn().await;
    let second = TestApp::builder().on_database(&url).configured(on_bucket).spawn().await;

    let producer = first.signed_in("producer", "amina@coop.ma").await;
    assert_eq!(producer.save_profile("Coopérative Tifawine", &[]).await.status, 200);
    let listing = producer.create_listing("Huile d'argan").await;
    let uploaded = producer.upload(listing, vec![("IMG_0001.JPG", jpeg(1600, 1200))]).await;
    assert_eq!(uploaded.status, 201, "{}", uploaded.body);
    let photo = listing_photos::Entity::find().one(&first.db).await.expect("query").expect("the photo's row");
    let stored = s3.keys(&format!("site/{}", photo.storage_key));
    assert_eq!(stored.len(), 6, "320, 640 and 1280 px, as WebP and JPEG, in the bucket: {stored:?}");
    assert!(!first.settings.media_dir().join("listings").exists(), "nothing in the first server's directory");

    let path = format!("/media/{}-640.webp", photo.storage_key);
    let served = second.client.get(second.url(&path)).send().await.expect("get the photo from the other server");
    assert_eq!(served.status().as_u16(), 200, "the second server serves the first one's upload");
    assert_eq!(served.headers()["content-type"], "image/webp");
    assert_eq!(served.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    let last_modified = served.headers()["last-modified"].to_str().expect("text").to_owned();
    let bytes = served.bytes().await.expect("the photo's bytes");
    assert!(bytes.len() > 1000 && &bytes[..4] == b"RIFF", "a WebP file comes back ({} bytes)", bytes.len());
    let again = second
        .client
        .get(second.url(&path))
        .header("if-modified-since", last_modified)
        .send()
        .await
        .expect("a conditional request");
    assert_eq!(again.status().as_u16(), 304, "a browser that has it gets 304");

    let missing = second.client.get(second.url("/media/listings/1/nothing-640.webp")).send().await.expect("get");
    assert_eq!(missing.status().as_u16(), 404);
    assert_eq!(missing.headers()["cache-control"], "no-store", "a 404 is never cached");

    // The sweep, with no grace: an orphan goes, what rows name stays.
    let bucket = BucketStorage::open(&s3.bucket("site")).expect("the bucket's client");
    bucket.put("listings/999/0rphan-320.jpg", b"left by a crash").await.expect("an orphan");
    let report = server::media::sweep::sweep(&first.db, &bucket, Duration::ZERO).await.expect("sweep the bucket");
    assert_eq!(report.orphan_files, 1, "{report:?}");
    assert!(s3.keys("site/listings/999").is_empty(), "the orphan is gone from the bucket");
    assert_eq!(s3.keys(&format!("site/{}", photo.storage_key)).len(), 6, "the listed photo's files stay");

    // Deleted through the second server: its files leave the bucket.
    let owner_on_second = second.visitor();
    assert_eq!(owner_on_second.sign_in("amina@coop.ma", PASSWORD).await.status, 200);
    let deleted = owner_on_second.post("/api/delete_listing", &[("id", &listing.to_string()), ("locale", "fr")]).await;
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert!(s3.keys(&format!("site/{}", photo.storage_key)).is_empty(), "the listing's photos left the bucket");

    first.stop().await;
    second.stop().await;
}

#[tokio::test]
async fn a_stopped_bucket_answers_503_uncached_and_serving_resumes() {
    let mut s3 = S3Server::start().await;
    let app = TestApp::spawn_configured(|settings| {
        settings.media = server::config::MediaStore::Bucket(s3.bucket("site"));
    })
    .await;
    let bucket = BucketStorage::open(&s3.bucket("site")).expect("the bucket's client");
    bucket.put("listings/1/ab12-320.jpg", &jpeg(320, 240)).await.expect("a stored photo");
    let path = "/media/listings/1/ab12-320.jpg";
    assert_eq!(app.client.get(app.url(path)).send().await.expect("get").status().as_u16(), 200);

    s3.stop();
    let down = app.client.get(app.url(path)).send().await.expect("get while the bucket is down");
    assert_eq!(down.status().as_u16(), 503, "the store is unreachable: 503, not 404 or 500");
    assert_eq!(down.headers()["cache-control"], "no-store", "and nobody keeps that answer");
    assert!(down.headers().contains_key("retry-after"));

    s3.resume().await;
    let back = app.client.get(app.url(path)).send().await.expect("get after the bucket is back");
    assert_eq!(back.status().as_u16(), 200, "served again once the bucket is back");
    app.stop().await;
}

/// A rolling deploy: the pages of the release going away ask for its hashed
/// files, which the new release's servers no longer have on disk; they are
/// served from the archive every release's servers fill at start.
#[tokio::test]
async fn the_previous_release_assets_are_served_from_the_archive() {
    let s3 = S3Server::start().await;
    let bucket = BucketStorage::open(&s3.bucket("site")).expect("the bucket's client");
    let old_release = tempfile::tempdir().expect("a pkg directory");
    std::fs::write(old_release.path().join("tradema.0123456789abcdef0123.js"), "console.log('old')").expect("js");
    std::fs::write(old_release.path().join("tradema.0123456789abcdef0123.js.br"), "compressed").expect("br");
    std::fs::write(old_release.path().join("tradema.js"), "unhashed").expect("unhashed");
    let copied = server::http::media_files::archive_assets(&bucket, old_release.path()).await.expect("archive");
    assert_eq!(copied, 1, "only the hashed file is archived: {:?}", s3.keys("site/pkg"));
    assert_eq!(
        server::http::media_files::archive_assets(&bucket, old_release.path()).await.expect("archive again"),
        0,
        "a file archived before is not copied again"
    );

    let ask =
        |path: &str| axum::extract::Request::builder().uri(path).body(axum::body::Body::empty()).expect("a request");
    let found = server::http::media_files::archived_asset(&bucket, ask("/tradema.0123456789abcdef0123.js")).await;
    assert_eq!(found.status().as_u16(), 200);
    assert_eq!(found.headers()["content-type"], "text/javascript");
    assert_eq!(found.headers()["cache-control"], "public, max-age=31536000, immutable");
    let missing = server::http::media_files::archived_asset(&bucket, ask("/tradema.ffffffffffffffffffff.js")).await;
    assert_eq!(missing.status().as_u16(), 404);
    assert_eq!(missing.headers()["cache-control"], "no-store");
}

/// The media store down while a producer uploads: a 503 with `Retry-After`
/// and the message in the reader's language, no row and no file recorded;
/// once the bucket is back, the same upload works.
#[tokio::test]
async fn an_upload_while_the_bucket_is_down_is_refused_503_and_the_next_one_works() {
    let mut s3 = S3Server::start().await;
    let app = TestApp::spawn_configured(|settings| {
        settings.media = server::config::MediaStore::Bucket(s3.bucket("site"));
    })
    .await;
    let producer = app.signed_in("producer", "amina@coop.ma").await;
    assert_eq!(producer.save_profile("Coopérative Tifawine", &[]).await.status, 200);
    let listing = producer.create_listing("Huile d'argan").await;

    s3.stop();
    let refused = producer.upload(listing, vec![("IMG_0001.JPG", jpeg(1600, 1200))]).await;
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert_eq!(refused.json()["error"], "store_unavailable");
    let french = app::i18n::messages(app::domain::Locale::Fr).get("upload.store_unavailable").expect("a French text");
    assert_eq!(refused.json()["message"], french, "in the reader's language (the form's, French by default)");
    assert!(!refused.header("retry-after").is_empty(), "with Retry-After");
    assert_eq!(listing_photos::Entity::find().all(&app.db).await.expect("photos").len(), 0, "no row recorded");

    s3.resume().await;
    assert!(s3.keys("site/listings").is_empty(), "nothing of the refused upload is in the bucket");
    let uploaded = producer.upload(listing, vec![("IMG_0001.JPG", jpeg(1600, 1200))]).await;
    assert_eq!(uploaded.status, 201, "once the bucket is back the upload works: {}", uploaded.body);
    assert_eq!(s3.keys("site/listings").len(), 6);
    app.stop().await;
}
