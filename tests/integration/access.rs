//! Access control (SECURITY.md V8): every role, and nobody, tries every
//! action on a producer's listing, photo and profile. Other producers, buyers,
//! organisers and admins get 404; visitors get 401; nothing changes. Extra
//! form fields (`verified`, another owner) change nothing either.

use app::domain::ListingStatus;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::entities::{listing_photos, listing_translations, listings, producers, search_changes};
use tests::TestApp;
use tests::images::jpeg;
use tests::visitor::Visitor;

struct Owned {
    listing: i64,
    photo: i64,
}

async fn owner_with_listing(app: &TestApp) -> (Visitor, Owned) {
    let owner = app.signed_in("producer", "owner@coop.ma").await;
    assert_eq!(owner.save_profile("Coopérative Tifawine", &[]).await.status, 200);
    let listing = owner.create_listing("Huile d'argan de la coopérative").await;
    let upload = owner.upload(listing, vec![("argan.jpg", jpeg(800, 600))]).await;
    assert_eq!(upload.status, 201, "{}", upload.body);
    let photo = upload.json()["photos"][0].as_i64().expect("photo id");
    (owner, Owned { listing, photo })
}

/// Every action on someone else's objects, with the status each answered.
async fn try_everything(actor: &Visitor, owned: &Owned) -> Vec<(&'static str, u16)> {
    let listing = owned.listing.to_string();
    let photo = owned.photo.to_string();
    vec![
        ("read listing editor", actor.get(&format!("/api/listing_editor?id={listing}")).await.status),
        ("edit listing", actor.save_listing(Some(owned.listing), "Pris par un autre").await.status),
        ("publish", actor.post("/api/change_listing_status", &[("id", &listing), ("change", "publish")]).await.status),
        ("archive", actor.post("/api/change_listing_status", &[("id", &listing), ("change", "archive")]).await.status),
        ("delete listing", actor.post("/api/delete_listing", &[("id", &listing), ("locale", "fr")]).await.status),
        (
            "make cover",
            actor
                .post("/api/change_photo", &[("listing_id", &listing), ("photo_id", &photo), ("change", "make_cover")])
                .await
                .status,
        ),
        (
            "delete photo",
            actor
                .post("/api/change_photo", &[("listing_id", &listing), ("photo_id", &photo), ("change", "delete")])
                .await
                .status,
        ),
        ("upload photo", actor.upload(owned.listing, vec![("x.jpg", jpeg(800, 600))]).await.status),
        ("editor page", actor.get(&format!("/fr/dashboard/listings/{listing}")).await.status),
    ]
}

async fn unchanged(app: &TestApp, owned: &Owned) {
    let listing = listings::Entity::find_by_id(owned.listing).one(&app.db).await.expect("query").expect("still there");
    assert_eq!(listing.status, ListingStatus::Draft.slug());
    let titles = listing_translations::Entity::find()
        .filter(listing_translations::Column::ListingId.eq(owned.listing))
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(titles.len(), 1);
    assert_eq!(titles[0].title, "Huile d'argan de la coopérative");
    let photos = listing_photos::Entity::find()
        .filter(listing_photos::Column::ListingId.eq(owned.listing))
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(photos.iter().map(|p| p.id).collect::<Vec<_>>(), vec![owned.photo], "one photo, the owner's");
}

#[tokio::test]
async fn nobody_but_the_owner_can_touch_a_listing_or_its_photos() {
    let app = TestApp::spawn().await;
    let (owner, owned) = owner_with_listing(&app).await;
    let other_producer = app.signed_in("producer", "other@coop.ma").await;
    assert_eq!(other_producer.save_profile("Autre coopérative", &[]).await.status, 200);
    let actors = [
        ("other producer", other_producer),
        ("buyer", app.signed_in("buyer", "buyer@import.cn").await),
        ("organiser", app.signed_in("organiser", "fair@expo.sn").await),
        ("admin", app.signed_in("admin", "admin@trade.ma").await),
    ];
    for (role, actor) in &actors {
        for (action, status) in try_everything(actor, &owned).await {
            assert_eq!(status, 404, "{role} × {action} on someone else's listing must be 404");
        }
        unchanged(&app, &owned).await;
    }
    let anonymous = app.visitor();
    for (action, status) in try_everything(&anonymous, &owned).await {
        assert_eq!(status, 401, "anonymous × {action} must ask to sign in");
    }
    unchanged(&app, &owned).await;
    // The owner can do all of it.
    let editor = owner.get(&format!("/api/listing_editor?id={}", owned.listing)).await;
    assert_eq!(editor.status, 200, "{}", editor.body);
    let publish =
        owner.post("/api/change_listing_status", &[("id", &owned.listing.to_string()), ("change", "publish")]).await;
    assert_eq!(publish.status, 200, "{}", publish.body);
    app.stop().await;
}

#[tokio::test]
async fn the_profile_editor_is_the_callers_own_and_producers_only() {
    let app = TestApp::spawn().await;
    let (_owner, _owned) = owner_with_listing(&app).await;
    let other = app.signed_in("producer", "other@coop.ma").await;
    let editor = other.get("/api/profile_editor").await;
    assert_eq!(editor.status, 200);
    assert_eq!(
        editor.json()["slug"],
        serde_json::Value::Null,
        "a new producer sees an empty profile, not someone else's"
    );
    for role in ["buyer", "organiser", "admin"] {
        let actor = app.signed_in(role, &format!("{role}@example.com")).await;
        assert_eq!(actor.get("/api/profile_editor").await.status, 404, "{role}");
        assert_eq!(actor.save_profile("Intrus", &[]).await.status, 404, "{role}");
        assert_eq!(actor.get("/api/dashboard?locale=fr").await.status, 404, "{role}");
    }
    assert_eq!(app.visitor().save_profile("Intrus", &[]).await.status, 401);
    assert_eq!(producers::Entity::find().count(&app.db).await.expect("count"), 1, "no producer was created by others");
    app.stop().await;
}

#[tokio::test]
async fn extra_fields_cannot_verify_a_producer_or_change_an_owner() {
    let app = TestApp::spawn().await;
    let (owner, owned) = owner_with_listing(&app).await;
    let owner_producer = producers::Entity::find().one(&app.db).await.expect("query").expect("producer");
    let other = app.signed_in("producer", "other@coop.ma").await;
    let owner_id = owner_producer.owner_user_id.to_string();
    let producer_id = owner_producer.id.to_string();
    let sneaky = [
        ("form[verified]", "true"),
        ("form[featured]", "true"),
        ("form[owner_user_id]", owner_id.as_str()),
        ("verified", "true"),
        ("owner_user_id", owner_id.as_str()),
        ("id", producer_id.as_str()),
    ];
    let answer = other.save_profile("Autre coopérative", &sneaky).await;
    assert_eq!(answer.status, 200, "the extra fields are ignored, the profile saved: {}", answer.body);
    let theirs = producers::Entity::find()
        .filter(producers::Column::Id.ne(owner_producer.id))
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(theirs.len(), 1, "the other producer's own profile was created");
    for producer in &theirs {
        assert!(!producer.verified && !producer.featured, "extra fields cannot verify or feature");
        assert_ne!(producer.owner_user_id, owner_producer.owner_user_id, "nor take another owner");
    }
    let again = producers::Entity::find_by_id(owner_producer.id).one(&app.db).await.expect("query").expect("producer");
    assert_eq!(again, owner_producer, "the owner's producer is untouched");
    // The owner cannot verify themselves nor feature a listing either.
    let own = owner.save_profile("Coopérative Tifawine", &sneaky[..2]).await;
    assert_eq!(own.status, 200, "the save itself goes through, without the extra fields: {}", own.body);
    let listing = owner
        .post(
            "/api/save_listing",
            &[
                ("id", &owned.listing.to_string()),
                ("form[title][fr]", "Huile d'argan de la coopérative"),
                ("form[sector]", "cosmetics-argan"),
                ("form[featured]", "true"),
                ("form[producer_id]", "999"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(listing.status, 200, "{}", listing.body);
    let row = listings::Entity::find_by_id(owned.listing).one(&app.db).await.expect("query").expect("listing");
    assert!(!row.featured);
    assert_eq!(row.producer_id, owner_producer.id);
    let producer =
        producers::Entity::find_by_id(owner_producer.id).one(&app.db).await.expect("query").expect("producer");
    assert!(!producer.verified && !producer.featured);
    app.stop().await;
}

#[tokio::test]
async fn a_cross_site_change_is_refused_and_the_same_request_from_the_site_works() {
    let app = TestApp::spawn().await;
    let (owner, owned) = owner_with_listing(&app).await;
    let fields = [("id", owned.listing.to_string()), ("change", "publish".to_owned())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let forged = owner.post_from("/api/change_listing_status", &fields, "cross-site").await;
    assert_eq!(forged.status, 403);
    let status = |app: &TestApp| {
        let db = app.db.clone();
        let id = owned.listing;
        async move { listings::Entity::find_by_id(id).one(&db).await.expect("query").expect("listing").status }
    };
    assert_eq!(status(&app).await, ListingStatus::Draft.slug(), "nothing changed");
    let genuine = owner.post_from("/api/change_listing_status", &fields, "same-origin").await;
    assert_eq!(genuine.status, 200, "{}", genuine.body);
    assert_eq!(status(&app).await, ListingStatus::Published.slug());
    app.stop().await;
}

/// A save refused inside its transaction writes no search feed row: the
/// row and the change commit together or not at all.
#[tokio::test]
async fn a_refused_listing_save_leaves_no_search_feed_row() {
    // Search is down, so that nothing else moves while the feed is counted.
    let dir = tempfile::tempdir().expect("temporary directory");
    let index = server::search::embedded::EmbeddedIndex::open(dir.path()).expect("index");
    let app = TestApp::spawn_with_search(std::sync::Arc::new(tests::flaky_search::Flaky::new(index))).await;
    let (owner, owned) = owner_with_listing(&app).await;
    let feed = || search_changes::Entity::find().count(&app.db);
    let before = feed().await.expect("count");
    let refused = owner
        .post(
            "/api/save_listing",
            &[
                ("id", &owned.listing.to_string()),
                ("form[title][fr]", "Huile d'argan"),
                ("form[sector]", "cosmetics-argan"),
                // Argane IGP comes from Souss-Massa, not from the Oriental.
                ("form[origin_region]", "oriental"),
                ("form[origin_labels][argane-igp]", "on"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(refused.json()["Invalid"]["reason"], "invalid.label_region");
    assert_eq!(feed().await.expect("count"), before, "no feed row for a save that did not happen");
    let saved = owner.save_listing(Some(owned.listing), "Huile d'argan").await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(feed().await.expect("count"), before + 1, "a save that happened records its listing once");
    app.stop().await;
}
