//! Photo uploads (SECURITY.md, Input): good photos become re-encoded variants
//! under server-generated names; bad ones are refused with a clear error and
//! leave no file and no row behind.

use std::path::Path;

use sea_orm::{EntityTrait, PaginatorTrait};
use server::entities::listing_photos;
use tests::TestApp;
use tests::images::{jpeg, png, png_bomb, truncated_jpeg};
use tests::visitor::Visitor;

fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(files_under(&path));
            } else {
                found.push(path.display().to_string());
            }
        }
    }
    found.sort();
    found
}

async fn producer_with_listing(app: &TestApp, email: &str) -> (Visitor, i64) {
    let producer = app.signed_in("producer", email).await;
    assert_eq!(producer.save_profile("Coopérative Tifawine", &[]).await.status, 200);
    let listing = producer.create_listing("Huile d'argan").await;
    (producer, listing)
}

#[tokio::test]
async fn good_photos_are_stored_as_variants_and_served_safely() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "amina@coop.ma").await;
    let answer = producer.upload(listing, vec![("IMG_0001.JPG", jpeg(1600, 1200)), ("label.png", png(900, 900))]).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.json()["photos"].as_array().map(Vec::len), Some(2));
    let files = files_under(&app.settings.media_dir());
    // 1600 px wide: 320, 640 and 1280; 900 px wide: 320 and 640; each as WebP and JPEG.
    assert_eq!(files.len(), 10, "{files:#?}");
    assert!(files.iter().all(|f| !f.contains("IMG_0001") && !f.contains("label")), "names are the server's own");
    let photo = listing_photos::Entity::find().one(&app.db).await.expect("query").expect("row");
    assert_eq!((photo.width, photo.height, photo.position), (1600, 1200, 0));
    let served = app.client.get(app.url(&format!("/media/{}-640.webp", photo.storage_key))).send().await.expect("get");
    assert_eq!(served.status().as_u16(), 200);
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    assert!(served.headers()["cache-control"].to_str().unwrap_or_default().contains("immutable"));
    app.stop().await;
}

/// A bad upload: what it is, its files, and the status and error code expected.
type BadUpload = (&'static str, Vec<(&'static str, Vec<u8>)>, u16, &'static str);

#[tokio::test]
async fn bad_uploads_are_refused_and_leave_nothing_behind() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "amina@coop.ma").await;
    let (_other, others_listing) = producer_with_listing(&app, "omar@coop.ma").await;
    let cases: Vec<BadUpload> = vec![
        ("truncated JPEG", vec![("photo.jpg", truncated_jpeg())], 422, "corrupt"),
        ("text named .jpg", vec![("photo.jpg", b"just some text, not a photo at all".to_vec())], 415, "format"),
        ("50,000 x 50,000 PNG", vec![("bomb.png", png_bomb())], 422, "pixels"),
        ("one good and one bad", vec![("good.jpg", jpeg(800, 600)), ("bad.jpg", truncated_jpeg())], 422, "corrupt"),
        ("too small", vec![("tiny.jpg", jpeg(300, 200))], 422, "too_small"),
    ];
    for (case, parts, status, code) in cases {
        let answer = producer.upload(listing, parts).await;
        assert_eq!(answer.status, status, "{case}: {}", answer.body);
        assert_eq!(answer.json()["error"], code, "{case}");
        assert!(!answer.json()["message"].as_str().unwrap_or_default().is_empty(), "{case}: a message to act on");
    }
    // A 30 MB body is refused before it is read.
    let huge = producer.upload(listing, vec![("huge.jpg", vec![0xFF; 30 * 1024 * 1024])]).await;
    assert_eq!(huge.status, 413, "30 MB body");
    // Someone else's listing: not found, before any decoding.
    let theirs = producer.upload(others_listing, vec![("good.jpg", jpeg(800, 600))]).await;
    assert_eq!(theirs.status, 404, "{}", theirs.body);
    assert_eq!(listing_photos::Entity::find().count(&app.db).await.expect("count"), 0, "no row");
    assert_eq!(files_under(&app.settings.media_dir()), Vec::<String>::new(), "no file, not even a partial one");
    app.stop().await;
}

#[tokio::test]
async fn a_listing_holds_at_most_eight_photos_and_they_can_be_ordered() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "amina@coop.ma").await;
    let eight: Vec<(&str, Vec<u8>)> = (0..8).map(|_| ("p.jpg", jpeg(640, 480))).collect();
    let answer = producer.upload(listing, eight).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let ids: Vec<i64> = answer.json()["photos"].as_array().expect("ids").iter().filter_map(|v| v.as_i64()).collect();
    let ninth = producer.upload(listing, vec![("p.jpg", jpeg(640, 480))]).await;
    assert_eq!((ninth.status, ninth.json()["error"].clone()), (422, "too_many".into()));
    let change = |photo: i64, change: &'static str| {
        let (listing, photo) = (listing.to_string(), photo.to_string());
        let producer = &producer;
        async move {
            producer
                .post("/api/change_photo", &[("listing_id", &listing), ("photo_id", &photo), ("change", change)])
                .await
                .status
        }
    };
    assert_eq!(change(ids[5], "make_cover").await, 200);
    assert_eq!(change(ids[0], "delete").await, 200);
    let editor = producer.get(&format!("/api/listing_editor?id={listing}")).await.json();
    let order: Vec<i64> =
        editor["photos"].as_array().expect("photos").iter().filter_map(|p| p["id"].as_i64()).collect();
    assert_eq!(order, vec![ids[5], ids[1], ids[2], ids[3], ids[4], ids[6], ids[7]]);
    assert_eq!(files_under(&app.settings.media_dir()).len(), 7 * 4, "the deleted photo's files are gone");
    app.stop().await;
}

#[tokio::test]
async fn a_plain_form_upload_comes_back_to_the_editor_with_the_outcome() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "amina@coop.ma").await;
    let form = reqwest::multipart::Form::new()
        .text("locale", "ar")
        .part("photos", reqwest::multipart::Part::bytes(b"not a photo".to_vec()).file_name("x.jpg"));
    let response = producer
        .client
        .post(format!("{}/api/listings/{listing}/photos", producer.base))
        .header("sec-fetch-site", "same-origin")
        .header("accept", "text/html")
        .multipart(form)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()["location"], format!("/ar/dashboard/listings/{listing}?upload_error=format#photos"));
    let page = producer.get(&format!("/ar/dashboard/listings/{listing}?upload_error=format")).await;
    assert!(page.body.contains("هذا الملف ليس صورة"), "the page explains the refusal in Arabic");
    app.stop().await;
}

#[tokio::test]
async fn a_producer_sets_a_logo_that_their_public_page_shows() {
    let app = TestApp::spawn().await;
    let producer = app.signed_in("producer", "amina@coop.ma").await;
    let logo = |visitor: &Visitor, bytes: Vec<u8>| {
        let form =
            reqwest::multipart::Form::new().part("logo", reqwest::multipart::Part::bytes(bytes).file_name("logo.png"));
        visitor
            .client
            .post(format!("{}/api/profile/logo", visitor.base))
            .header("sec-fetch-site", "same-origin")
            .multipart(form)
            .send()
    };
    let before_profile = logo(&producer, png(400, 400)).await.expect("request");
    assert_eq!(before_profile.status().as_u16(), 422, "a logo needs a profile first");
    assert_eq!(producer.save_profile("Coopérative Tifawine", &[]).await.status, 200);
    assert_eq!(logo(&producer, png(400, 400)).await.expect("request").status().as_u16(), 204);
    assert_eq!(logo(&producer, png(500, 500)).await.expect("request").status().as_u16(), 204);
    assert_eq!(files_under(&app.settings.media_dir()).len(), 2, "only the new logo's two files remain");
    let buyer = app.signed_in("buyer", "buyer@import.cn").await;
    assert_eq!(logo(&buyer, png(400, 400)).await.expect("request").status().as_u16(), 404);
    let page = app.get("/fr/producers/cooperative-tifawine").await;
    assert!(
        page.1.contains(r#"class="logo""#) && page.1.contains("/media/producers/"),
        "the logo is on the public page"
    );
    app.stop().await;
}

/// What a crash leaves in the media directory goes at the next sweep, once
/// older than the grace period; referenced files, young files and files the
/// server did not write stay (media crash safety).
#[tokio::test]
async fn the_media_sweep_removes_only_old_unfinished_and_unreferenced_files() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "sweep@coop.ma").await;
    assert_eq!(producer.upload(listing, vec![("a.jpg", jpeg(800, 600))]).await.status, 201);
    let media = app.settings.media_dir();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    let plant = |relative: &str, old: bool| {
        let path = media.join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, b"x").expect("write");
        if old {
            std::fs::File::options().write(true).open(&path).expect("open").set_modified(two_hours_ago).expect("age");
        }
        path
    };
    let orphan = plant("listings/999/0123abcd-320.jpg", true);
    let partial = plant("listings/999/0123abcd-640.webp.partial", true);
    let young_orphan = plant("listings/999/4567ef-320.jpg", false);
    let foreign = plant("listings/999/notes.txt", true);
    let demo = plant("demo/unreferenced-320.jpg", true);
    // The real photo's files, aged too: a row names them, so they stay.
    let row = listing_photos::Entity::find().one(&app.db).await.expect("query").expect("the uploaded photo");
    let real = media.join(format!("{}-320.jpg", row.storage_key));
    std::fs::File::options().write(true).open(&real).expect("open").set_modified(two_hours_ago).expect("age");

    let storage = server::media::storage::LocalStorage::new(&media);
    let report = server::media::sweep::sweep(&app.db, &storage, server::media::sweep::GRACE).await.expect("sweep");
    assert_eq!((report.partial_files, report.orphan_files), (1, 1), "{report:?}");
    assert!(!orphan.exists() && !partial.exists(), "the crash's leftovers are gone");
    assert!(young_orphan.exists(), "a file younger than the grace period may be an upload in flight");
    assert!(foreign.exists() && demo.exists(), "files the sweep does not know are left alone");
    assert!(real.exists(), "referenced files stay");
    app.stop().await;
}
