//! Regional trade offices (issue 13): who may use the offices' tools (and
//! on which region), verification from request to badge and search filter,
//! moderation that takes a listing out of every public read and brings it
//! back, suspension that ends open sessions, the append-only audit log, and
//! the platform figures on fixed data.

use app::domain::InquiryStatus;
use chrono::{Datelike, Duration, TimeZone, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use server::entities::{audit_log, inquiries, listings, producers};
use tests::TestApp;
use tests::visitor::Visitor;

const ICE: &str = "001525846000087";

/// A producer in `region` (a cooperative) with one published listing.
async fn producer_in(app: &TestApp, email: &str, name: &str, region: &str, title: &str) -> (Visitor, i64) {
    let producer = app.signed_in("producer", email).await;
    let saved = producer
        .post(
            "/api/save_profile",
            &[
                ("form[legal_name]", name),
                ("form[legal_form]", "cooperative"),
                ("form[region]", region),
                ("form[city]", "Taroudant"),
                ("form[sectors][cosmetics-argan]", "on"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let id = producer.create_listing(title).await;
    let published =
        producer.post("/api/change_listing_status", &[("id", &id.to_string()), ("change", "publish")]).await;
    assert_eq!(published.status, 200, "{}", published.body);
    (producer, id)
}

async fn slug_of(app: &TestApp, name: &str) -> String {
    producers::Entity::find()
        .filter(producers::Column::LegalName.eq(name))
        .one(&app.db)
        .await
        .expect("query")
        .expect("producer")
        .slug
}

async fn request_verification(producer: &Visitor, ice: &str) -> tests::visitor::Answer {
    producer
        .post(
            "/api/studio/request_verification",
            &[
                ("form[ice]", ice),
                ("form[registration_number]", "RC 4521"),
                ("form[cooperative_approval]", "2019/118"),
                ("locale", "fr"),
            ],
        )
        .await
}

/// The id of the first request waiting in the office's queue.
async fn first_request(office: &Visitor) -> String {
    let queue = office.get("/api/office/verification").await;
    assert_eq!(queue.status, 200, "{}", queue.body);
    queue.json()["pending"][0]["id"].as_i64().unwrap_or_else(|| panic!("no request: {}", queue.body)).to_string()
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    let mut rows = audit_log::Entity::find().all(&app.db).await.expect("audit");
    rows.sort_by_key(|row| row.id);
    rows.into_iter().map(|row| row.action).collect()
}

#[tokio::test]
async fn the_offices_tools_refuse_everyone_else_and_other_regions() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_in(&app, "coop@tifawin.ma", "Coopérative Tifawin", "souss-massa", "Huile").await;
    assert_eq!(request_verification(&producer, ICE).await.status, 200);
    let slug = slug_of(&app, "Coopérative Tifawin").await;
    let owner = server::auth::admin::account_id(&app.db, "coop@tifawin.ma").await.expect("owner").to_string();
    let buyer = app.signed_in("buyer", "buyer@import.pa").await;
    let organiser = app.signed_in("organiser", "salon@fairs.ma").await;
    let oriental = app.signed_in_office("oriental", "office@oriental.ma").await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let national = app.signed_in("admin", "team@national.ma").await;
    let request = first_request(&souss).await;

    let reads = [
        "/api/office/platform".to_owned(),
        "/api/office/verification".to_owned(),
        "/api/office/producers".to_owned(),
        format!("/api/office/producer?slug={slug}&locale=fr"),
        "/api/office/accounts".to_owned(),
        "/api/office/audit".to_owned(),
        "/fr/admin/audit.csv".to_owned(),
    ];
    let listing_text = listing.to_string();
    let actions: [(&str, Vec<(&str, &str)>); 7] = [
        ("/api/office/decide", vec![("request", &request), ("decision", "approve"), ("locale", "fr")]),
        (
            "/api/office/moderate",
            vec![
                ("producer", &slug),
                ("listing", &listing_text),
                ("step", "hide"),
                ("reason", "duplicate"),
                ("locale", "fr"),
            ],
        ),
        ("/api/office/suspend", vec![("user_id", &owner), ("suspend", "true"), ("locale", "fr")]),
        ("/api/office/grant", vec![("user_id", &owner), ("role", "organiser"), ("locale", "fr")]),
        (
            "/api/office/onboard",
            vec![
                ("form[legal_name]", "Coopérative Intruse"),
                ("form[legal_form]", "cooperative"),
                ("form[region]", "souss-massa"),
                ("form[city]", "Tata"),
                ("form[sectors][agrifood]", "on"),
                ("locale", "fr"),
            ],
        ),
        ("/api/office/invite", vec![("producer", &slug), ("email", "x@y.ma"), ("locale", "fr")]),
        ("/api/office/act_for", vec![("producer", &slug), ("locale", "fr")]),
    ];
    let anonymous = Visitor::new(&app);
    for (who, visitor, status) in [
        ("anonymous", &anonymous, 401),
        ("producer", &producer, 404),
        ("buyer", &buyer, 404),
        ("organiser", &organiser, 404),
    ] {
        for path in &reads {
            assert_eq!(visitor.get(path).await.status, status, "{who} reads {path}");
        }
        for (path, fields) in &actions {
            assert_eq!(visitor.post(path, fields).await.status, status, "{who} posts {path}");
        }
        for page in ["/fr/admin", "/fr/admin/producers/new", &format!("/fr/admin/producers/{slug}/import")] {
            assert_eq!(visitor.get(page).await.status, status, "{who}: {page}");
        }
    }
    // Another region's office: the producer does not exist for it.
    assert_eq!(oriental.get(&format!("/api/office/producer?slug={slug}&locale=fr")).await.status, 404);
    for (path, fields) in &actions[..3] {
        assert_eq!(oriental.post(path, fields).await.status, 404, "oriental posts {path}");
    }
    let queue = oriental.get("/api/office/verification").await.json();
    assert_eq!(queue["pending"].as_array().map(Vec::len), Some(0), "the other region's request is not listed");
    let list = oriental.get("/api/office/producers?filter[region]=souss-massa").await.json();
    assert_eq!(list["total"], 0, "a regional office's list stays in its region whatever the filter");
    // Appointments and the audit log: the national team only.
    for path in ["/api/office/accounts", "/api/office/audit", "/fr/admin/audit.csv"] {
        assert_eq!(souss.get(path).await.status, 404, "regional office reads {path}");
    }
    assert_eq!(souss.post(actions[3].0, &actions[3].1).await.status, 404, "a regional office grants nothing");
    assert_eq!(producers::Entity::find().count(&app.db).await.expect("count"), 1, "nobody else onboarded anyone");
    // Nobody grants themselves anything.
    let me = server::auth::admin::account_id(&app.db, "team@national.ma").await.expect("me").to_string();
    let own = national
        .post("/api/office/grant", &[("user_id", &me), ("role", "admin"), ("office", "national"), ("locale", "fr")])
        .await;
    assert_eq!(own.status, 422, "{}", own.body);
    assert!(own.body.contains("not_yourself"), "{}", own.body);
    let souss_id = server::auth::admin::account_id(&app.db, "office@souss.ma").await.expect("souss").to_string();
    let own = souss
        .post(
            "/api/office/grant",
            &[("user_id", &souss_id), ("role", "admin"), ("office", "national"), ("locale", "fr")],
        )
        .await;
    assert_eq!(own.status, 404, "a regional administrator cannot promote itself");
    assert_eq!(souss.get("/api/office/accounts").await.status, 404, "and is still regional");
    // The national team appoints an organiser and takes the role back; a
    // producer keeps its role.
    let buyer_id = server::auth::admin::account_id(&app.db, "buyer@import.pa").await.expect("buyer").to_string();
    let granted =
        national.post("/api/office/grant", &[("user_id", &buyer_id), ("role", "organiser"), ("locale", "fr")]).await;
    assert_eq!(granted.status, 200, "{}", granted.body);
    assert_eq!(buyer.get("/api/my_showcases").await.status, 200, "the new organiser's next request sees the role");
    let revoked =
        national.post("/api/office/grant", &[("user_id", &buyer_id), ("role", "revoke"), ("locale", "fr")]).await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    assert_eq!(buyer.get("/api/my_showcases").await.status, 404);
    let kept =
        national.post("/api/office/grant", &[("user_id", &owner), ("role", "organiser"), ("locale", "fr")]).await;
    assert_eq!(kept.status, 422, "{}", kept.body);
    assert_eq!(national.get("/fr/admin").await.status, 200);
    assert_eq!(souss.get("/fr/admin/verification").await.status, 200);
    app.stop().await;
}

#[tokio::test]
async fn a_verified_producer_shows_its_badge_and_is_found_by_the_filter() {
    let app = TestApp::spawn().await;
    let (producer, _) =
        producer_in(&app, "coop@tifawin.ma", "Coopérative Tifawin", "souss-massa", "Huile d'argan").await;
    let (rival, _) = producer_in(&app, "coop@tanmia.ma", "Coopérative Tanmia", "souss-massa", "Amlou").await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let slug = slug_of(&app, "Coopérative Tifawin").await;

    // A cooperative needs its approval number; a bad ICE is named.
    let missing = producer
        .post(
            "/api/studio/request_verification",
            &[("form[ice]", ICE), ("form[registration_number]", "RC 1"), ("locale", "fr")],
        )
        .await;
    assert_eq!(missing.status, 422, "{}", missing.body);
    assert!(missing.body.contains("cooperative_approval"), "{}", missing.body);
    assert_eq!(request_verification(&producer, "12345").await.status, 422);

    // Refused first, with a reason the producer reads in its language.
    assert_eq!(request_verification(&producer, ICE).await.status, 200);
    let request = first_request(&souss).await;
    let fields =
        [("request", request.as_str()), ("decision", "reject"), ("reason", "documents-mismatch"), ("locale", "fr")];
    assert_eq!(souss.post("/api/office/decide", &fields).await.status, 200);
    let again = souss.post("/api/office/decide", &fields).await;
    assert_eq!(again.status, 422, "a decided request is not decided twice: {}", again.body);
    let status = producer.get("/api/studio/verification").await.json();
    assert_eq!((status["state"].as_str(), status["reason"].as_str()), (Some("rejected"), Some("documents-mismatch")));
    let page = producer.get("/ar/dashboard/verification").await;
    assert!(page.body.contains("الوثائق لا تطابق الاسم القانوني"), "the reason in Arabic");

    // Asked again, approved: the badge and the search filter.
    assert_eq!(request_verification(&producer, ICE).await.status, 200);
    let request = first_request(&souss).await;
    let approved = souss
        .post("/api/office/decide", &[("request", request.as_str()), ("decision", "approve"), ("locale", "fr")])
        .await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    app.settle_search().await;
    let public = Visitor::new(&app).get(&format!("/fr/producers/{slug}")).await;
    assert!(public.body.contains("badge-verified"), "the badge on the producer page");
    let (_, found) = app.get("/api/v1/listings?verified=true").await;
    assert!(
        found.contains("\"total\":1") && found.contains("Huile d"),
        "only the verified producer's listing: {found}"
    );

    // The same ICE cannot be approved for another producer.
    assert_eq!(request_verification(&rival, ICE).await.status, 200);
    let queue = souss.get("/api/office/verification").await.json();
    assert_eq!(queue["pending"][0]["ice_held_by"], "Coopérative Tifawin", "the reviewer sees who holds it");
    let request = first_request(&souss).await;
    let taken = souss
        .post("/api/office/decide", &[("request", request.as_str()), ("decision", "approve"), ("locale", "fr")])
        .await;
    assert_eq!(taken.status, 422, "{}", taken.body);
    assert!(taken.body.contains("ice_taken"), "{}", taken.body);

    // Changing the legal name sends the producer back for review.
    let renamed = producer
        .post(
            "/api/save_profile",
            &[
                ("form[legal_name]", "Coopérative Tifawin SARL"),
                ("form[legal_form]", "cooperative"),
                ("form[region]", "souss-massa"),
                ("form[city]", "Taroudant"),
                ("form[ice]", ICE),
                ("form[sectors][cosmetics-argan]", "on"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    let status = producer.get("/api/studio/verification").await.json();
    assert_eq!((status["verified"].as_bool(), status["back_for_review"].as_bool()), (Some(false), Some(true)));
    let queue = souss.get("/api/office/verification").await.json();
    let back = queue["pending"]
        .as_array()
        .expect("pending")
        .iter()
        .find(|line| line["producer_slug"] == slug.as_str())
        .cloned();
    assert_eq!(back.map(|line| line["legal_name"].clone()), Some("Coopérative Tifawin SARL".into()));
    app.settle_search().await;
    let (_, found) = app.get("/api/v1/listings?verified=true").await;
    assert!(found.contains("\"total\":0"), "the badge went with the change: {found}");
    assert_eq!(audit_actions(&app).await, ["reject", "verify"], "each decision is in the log");
    app.stop().await;
}

#[tokio::test]
async fn a_hidden_listing_leaves_every_public_read_and_comes_back() {
    let app = TestApp::spawn().await;
    let (producer, listing) =
        producer_in(&app, "coop@tifawin.ma", "Coopérative Tifawin", "souss-massa", "Huile de figue").await;
    let slug = slug_of(&app, "Coopérative Tifawin").await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    // A published showcase shows the listing.
    let organiser = app.signed_in("organiser", "salon@fairs.ma").await;
    let fields = vec![
        ("locale", "fr"),
        ("form[title][fr]", "Made in Africa"),
        ("form[title][en]", "Made in Africa"),
        ("form[event_name]", "Forum"),
        ("form[city]", "Marrakech"),
        ("form[starts_on]", "2027-02-08"),
        ("form[ends_on]", "2027-02-10"),
        ("form[slug]", "made-in-africa"),
    ];
    let created = organiser.post("/api/save_showcase", &fields).await;
    let showcase = created
        .header("location")
        .split("/organiser/showcases/")
        .nth(1)
        .and_then(|r| r.split('?').next())
        .map(str::to_owned)
        .expect("id");
    let listing_text = listing.to_string();
    let added = organiser
        .post(
            "/api/curate_showcase",
            &[("id", &showcase), ("action", "add"), ("listing", &listing_text), ("locale", "fr")],
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.body);
    assert_eq!(
        organiser
            .post("/api/change_showcase", &[("id", &showcase), ("change", "publish"), ("locale", "fr")])
            .await
            .status,
        200
    );
    app.settle_search().await;
    let anonymous = Visitor::new(&app);
    let listing_page = format!("/fr/listings/{listing}");
    assert_eq!(anonymous.get(&listing_page).await.status, 200);
    assert!(anonymous.get("/fr/showcases/made-in-africa").await.body.contains("Huile de figue"));

    // Hidden: gone from the page, search, the API, the producer page and the showcase.
    let hide = [
        ("producer", slug.as_str()),
        ("listing", listing_text.as_str()),
        ("step", "hide"),
        ("reason", "contact-details"),
        ("note", "Téléphone dans le texte"),
        ("locale", "fr"),
    ];
    let hidden = souss.post("/api/office/moderate", &hide).await;
    assert_eq!(hidden.status, 200, "{}", hidden.body);
    app.settle_search().await;
    assert_eq!(anonymous.get(&listing_page).await.status, 404);
    assert_eq!(app.get(&format!("/api/v1/listings/{listing}")).await.0, 404);
    let (_, search) = app.get("/api/v1/listings?q=figue").await;
    assert!(search.contains("\"total\":0") && search.contains("\"degraded\":false"), "{search}");
    assert!(!anonymous.get(&format!("/fr/producers/{slug}")).await.body.contains("Huile de figue"));
    assert!(!anonymous.get("/fr/showcases/made-in-africa").await.body.contains("Huile de figue"));
    // The owner sees it with the reason, and asks for a review once.
    let dashboard = producer.get("/api/dashboard?locale=fr").await.json();
    assert_eq!(dashboard["listings"][0]["hidden"]["reason"], "contact-details");
    assert_eq!(dashboard["listings"][0]["hidden"]["note"], "Téléphone dans le texte");
    let page = producer.get("/es/dashboard").await;
    assert!(page.body.contains("Datos de contacto en el texto"), "the reason in the owner's language");
    let review = producer.post("/api/studio/request_review", &[("listing", &listing_text), ("locale", "fr")]).await;
    assert_eq!(review.status, 200, "{}", review.body);
    let list = souss.get("/api/office/producers?filter[state]=ReviewAsked").await.json();
    assert_eq!(list["total"], 0, "only hidden producers count as producers under review");
    let detail = souss.get(&format!("/api/office/producer?slug={slug}&locale=fr")).await.json();
    assert_eq!(detail["listings"][0]["hidden"]["review_requested"], true);
    // Shown again: back everywhere.
    let shown = souss
        .post(
            "/api/office/moderate",
            &[("producer", slug.as_str()), ("listing", listing_text.as_str()), ("step", "unhide"), ("locale", "fr")],
        )
        .await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    app.settle_search().await;
    assert_eq!(anonymous.get(&listing_page).await.status, 200);
    let (_, search) = app.get("/api/v1/listings?q=figue").await;
    assert!(search.contains("\"total\":1"), "{search}");
    assert!(anonymous.get("/fr/showcases/made-in-africa").await.body.contains("Huile de figue"));
    // Hiding the producer hides all of it.
    let hide_all = [("producer", slug.as_str()), ("step", "hide"), ("reason", "misleading"), ("locale", "fr")];
    assert_eq!(souss.post("/api/office/moderate", &hide_all).await.status, 200);
    app.settle_search().await;
    assert_eq!(anonymous.get(&format!("/fr/producers/{slug}")).await.status, 404);
    assert_eq!(anonymous.get(&listing_page).await.status, 404);
    assert_eq!(producer.get("/api/dashboard?locale=fr").await.json()["hidden"]["reason"], "misleading");
    assert_eq!(audit_actions(&app).await, ["hide", "unhide", "hide"]);
    app.stop().await;
}

#[tokio::test]
async fn a_suspended_account_is_signed_out_on_its_next_request() {
    let app = TestApp::spawn().await;
    let (producer, _) = producer_in(&app, "coop@tifawin.ma", "Coopérative Tifawin", "souss-massa", "Huile").await;
    assert_eq!(producer.get("/api/dashboard?locale=fr").await.status, 200);
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let owner = server::auth::admin::account_id(&app.db, "coop@tifawin.ma").await.expect("owner").to_string();
    let suspended =
        souss.post("/api/office/suspend", &[("user_id", &owner), ("suspend", "true"), ("locale", "fr")]).await;
    assert_eq!(suspended.status, 200, "{}", suspended.body);
    assert_eq!(producer.get("/api/dashboard?locale=fr").await.status, 401, "the open session stopped working");
    let refused = producer.sign_in("coop@tifawin.ma", tests::visitor::PASSWORD).await;
    assert_eq!(refused.status, 422, "a suspended account cannot sign in again: {}", refused.body);
    let reinstated =
        souss.post("/api/office/suspend", &[("user_id", &owner), ("suspend", "false"), ("locale", "fr")]).await;
    assert_eq!(reinstated.status, 200, "{}", reinstated.body);
    assert_eq!(producer.sign_in("coop@tifawin.ma", tests::visitor::PASSWORD).await.status, 200);
    // Administrators cannot suspend themselves; a buyer is the national team's.
    let me = server::auth::admin::account_id(&app.db, "office@souss.ma").await.expect("me").to_string();
    assert_eq!(
        souss.post("/api/office/suspend", &[("user_id", &me), ("suspend", "true"), ("locale", "fr")]).await.status,
        422
    );
    app.signed_in("buyer", "buyer@import.pa").await;
    let buyer = server::auth::admin::account_id(&app.db, "buyer@import.pa").await.expect("buyer").to_string();
    assert_eq!(
        souss.post("/api/office/suspend", &[("user_id", &buyer), ("suspend", "true"), ("locale", "fr")]).await.status,
        404
    );
    assert_eq!(audit_actions(&app).await, ["suspend", "reinstate"]);
    app.stop().await;
}

#[tokio::test]
async fn the_audit_log_keeps_every_action_and_nothing_rewrites_it() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_in(&app, "coop@tifawin.ma", "Coopérative Tifawin", "souss-massa", "Huile").await;
    let slug = slug_of(&app, "Coopérative Tifawin").await;
    let national = app.signed_in("admin", "team@national.ma").await;
    app.signed_in("buyer", "buyer@import.pa").await;
    let buyer = server::auth::admin::account_id(&app.db, "buyer@import.pa").await.expect("buyer").to_string();
    let owner = server::auth::admin::account_id(&app.db, "coop@tifawin.ma").await.expect("owner").to_string();
    let listing = listing.to_string();
    assert_eq!(request_verification(&producer, ICE).await.status, 200);
    let request = first_request(&national).await;
    let steps: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "/api/office/decide",
            vec![
                ("request", &request),
                ("decision", "reject"),
                ("reason", "other"),
                ("note", "=HYPERLINK(\"x\")"),
                ("locale", "fr"),
            ],
        ),
        (
            "/api/office/moderate",
            vec![
                ("producer", &slug),
                ("listing", &listing),
                ("step", "hide"),
                ("reason", "duplicate"),
                ("locale", "fr"),
            ],
        ),
        (
            "/api/office/moderate",
            vec![("producer", &slug), ("listing", &listing), ("step", "unhide"), ("locale", "fr")],
        ),
        ("/api/office/suspend", vec![("user_id", &owner), ("suspend", "true"), ("locale", "fr")]),
        ("/api/office/suspend", vec![("user_id", &owner), ("suspend", "false"), ("locale", "fr")]),
        ("/api/office/grant", vec![("user_id", &buyer), ("role", "admin"), ("office", "oriental"), ("locale", "fr")]),
        ("/api/office/grant", vec![("user_id", &buyer), ("role", "revoke"), ("locale", "fr")]),
    ];
    let mut before: Vec<audit_log::Model> = Vec::new();
    for (path, fields) in &steps {
        let answer = national.post(path, fields).await;
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
        // Every earlier row is exactly as it was: the action only added one.
        let mut now = audit_log::Entity::find().all(&app.db).await.expect("audit");
        now.sort_by_key(|row| row.id);
        assert_eq!(now.len(), before.len() + 1, "{path} adds one row");
        assert_eq!(now[..before.len()], before[..], "{path} changed no earlier row");
        before = now;
    }
    // The office's other actions each add their row too, and change none.
    let onboard = [
        ("form[legal_name]", "Coopérative Nouvelle"),
        ("form[legal_form]", "cooperative"),
        ("form[region]", "souss-massa"),
        ("form[city]", "Tata"),
        ("form[sectors][agrifood]", "on"),
        ("locale", "fr"),
    ];
    assert_eq!(national.post("/api/office/onboard", &onboard).await.status, 200);
    let fresh = slug_of(&app, "Coopérative Nouvelle").await;
    let invite = [("producer", fresh.as_str()), ("email", "coop@nouvelle.ma"), ("locale", "fr")];
    assert_eq!(national.post("/api/office/invite", &invite).await.status, 200);
    let sheet = "sector,title_fr\nagrifood,Dattes\n".as_bytes().to_vec();
    let checked = national.import_sheet("s.csv", sheet, Some(&fresh)).await;
    let token = checked.json()["token"].as_str().expect("token").to_owned();
    let confirm = [("token", token.as_str()), ("producer", fresh.as_str()), ("locale", "fr")];
    assert_eq!(national.post("/api/import/confirm", &confirm).await.status, 200);
    let mut now = audit_log::Entity::find().all(&app.db).await.expect("audit");
    now.sort_by_key(|row| row.id);
    assert_eq!(now[..before.len()], before[..], "earlier rows unchanged");
    let added: Vec<&str> = now[before.len()..].iter().map(|row| row.action.as_str()).collect();
    assert_eq!(added, ["onboard", "invite", "import"]);
    before = now;
    // Refused and read-only calls through every port add nothing.
    let reads = [
        "/api/office/platform",
        "/api/office/verification",
        "/api/office/producers",
        "/api/office/accounts",
        "/api/office/audit",
    ];
    for path in reads {
        assert_eq!(national.get(path).await.status, 200, "{path}");
    }
    let refused = national
        .post(
            "/api/office/moderate",
            &[("producer", &slug), ("listing", &listing), ("step", "unhide"), ("locale", "fr")],
        )
        .await;
    assert_eq!(refused.status, 422, "unhiding what is not hidden: {}", refused.body);
    assert_eq!(audit_log::Entity::find().count(&app.db).await.expect("count"), before.len() as u64);
    let actions: Vec<&str> = before.iter().map(|row| row.action.as_str()).collect();
    assert_eq!(
        actions,
        ["reject", "hide", "unhide", "suspend", "reinstate", "grant", "revoke", "onboard", "invite", "import"]
    );
    assert!(before.iter().all(|row| row.actor_email == "team@national.ma" && row.actor_office == "national"));
    assert_eq!(before[1].object_kind, "listing");
    assert_eq!(before[1].reason.as_deref(), Some("duplicate"));
    assert_eq!(before[5].note.as_deref(), Some("admin:oriental"));

    // The database itself refuses to rewrite or remove a row.
    for statement in ["UPDATE audit_log SET action = 'verify'", "DELETE FROM audit_log"] {
        let refused = app.db.execute_unprepared(statement).await;
        assert!(refused.is_err(), "{statement} must fail");
    }
    assert_eq!(audit_log::Entity::find().count(&app.db).await.expect("count"), 10);

    // Filters and the CSV (formula guarded, byte-order mark).
    let hides = national.get("/api/office/audit?filter[action]=hide").await.json();
    assert_eq!(hides["total"], 1);
    let csv = national.get("/fr/admin/audit.csv?action=reject").await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.starts_with('\u{feff}'), "a byte-order mark");
    assert_eq!(csv.body.lines().count(), 2, "{}", csv.body);
    assert!(csv.body.contains("'=HYPERLINK"), "the note cannot run as a formula: {}", csv.body);
    app.stop().await;
}

#[tokio::test]
async fn the_platform_figures_count_new_exporters_and_far_markets() {
    let app = TestApp::spawn().await;
    let (_, souss_listing) = producer_in(&app, "a@souss.ma", "Coopérative A", "souss-massa", "Huile").await;
    producer_in(&app, "b@souss.ma", "Coopérative B", "souss-massa", "Amlou").await;
    let (_, oriental_listing) = producer_in(&app, "c@oriental.ma", "Coopérative C", "oriental", "Miel").await;
    // B exported first last year: not a new exporter this year.
    let b = producers::Entity::find()
        .filter(producers::Column::LegalName.eq("Coopérative B"))
        .one(&app.db)
        .await
        .expect("q")
        .expect("b");
    let last_year = Utc.with_ymd_and_hms(Utc::now().year() - 1, 6, 1, 9, 0, 0).single().expect("date");
    listings::Entity::update_many()
        .col_expr(listings::Column::PublishedAt, sea_orm::sea_query::Expr::value(last_year))
        .filter(listings::Column::ProducerId.eq(b.id))
        .exec(&app.db)
        .await
        .expect("backdate");
    // Inquiries this month: Brazil, Nigeria, France to Souss-Massa; China to the Oriental.
    app.signed_in("buyer", "buyer@import.pa").await;
    let buyer_id = server::auth::admin::account_id(&app.db, "buyer@import.pa").await.expect("buyer");
    let now = Utc::now() - Duration::minutes(5);
    for (listing, country) in
        [(souss_listing, "BR"), (souss_listing, "NG"), (souss_listing, "FR"), (oriental_listing, "CN")]
    {
        let row = listings::Entity::find_by_id(listing).one(&app.db).await.expect("q").expect("listing");
        inquiries::ActiveModel {
            producer_id: Set(row.producer_id),
            listing_id: Set(Some(listing)),
            buyer_user_id: Set(buyer_id),
            product: Set("Argan".into()),
            destination_country: Set(country.into()),
            status: Set(InquiryStatus::New.slug().into()),
            delivered_at: Set(Some(now)),
            last_activity_at: Set(now),
            message_digest: Set(format!("{listing}-{country}")),
            buyer_country: Set(Some(country.into())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("inquiry");
    }
    let national = app.signed_in("admin", "team@national.ma").await;
    let view = national.get("/api/office/platform").await.json();
    let region = |slug: &str| {
        view["regions"].as_array().expect("regions").iter().find(|r| r["region"] == slug).cloned().expect("region")
    };
    assert_eq!(view["regions"].as_array().map(Vec::len), Some(12), "the national team sees every region");
    assert_eq!(
        (region("souss-massa")["producers"].as_u64(), region("souss-massa")["new_exporters"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(region("oriental")["new_exporters"], 1);
    assert_eq!((view["new_exporters"].as_u64(), view["target"].as_u64()), (Some(2), Some(400)));
    assert_eq!(view["inquiries"]["inquiries_outside_europe"], 75, "3 of 4 inquiries from outside Europe");
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let view = souss.get("/api/office/platform").await.json();
    assert_eq!(view["regions"].as_array().map(Vec::len), Some(1), "a regional office sees its region");
    assert_eq!(view["new_exporters"], 1);
    assert_eq!(view["inquiries"]["total"]["inquiries"], 3);
    assert_eq!(view["inquiries"]["inquiries_outside_europe"], 67, "2 of 3 from outside Europe");
    let page = souss.get("/ar/admin").await;
    assert_eq!(page.status, 200);
    assert!(page.body.matches("class=\"chart\"").count() >= 2, "charts drawn on the server: {}", page.body);
    app.stop().await;
}

/// The token of the last invitation mailed to `address`.
async fn invitation_token(app: &TestApp, address: &str) -> String {
    use server::entities::mail_outbox;
    let mail = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(address))
        .all(&app.db)
        .await
        .expect("mails")
        .pop()
        .expect("an invitation mail");
    let start = mail.body.find("token=").expect("a link") + 6;
    mail.body[start..].chars().take_while(char::is_ascii_hexdigit).collect()
}

#[tokio::test]
async fn an_office_onboards_a_cooperative_which_claims_it_once() {
    let app = TestApp::spawn().await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let oriental = app.signed_in_office("oriental", "office@oriental.ma").await;
    let fields = |region: &'static str| {
        vec![
            ("form[legal_name]", "Coopérative Tighanimine"),
            ("form[legal_form]", "cooperative"),
            ("form[region]", region),
            ("form[city]", "Tiznit"),
            ("form[sectors][cosmetics-argan]", "on"),
            ("locale", "fr"),
        ]
    };
    let elsewhere = souss.post("/api/office/onboard", &fields("oriental")).await;
    assert_eq!(elsewhere.status, 422, "an office onboards in its own region: {}", elsewhere.body);
    let created = souss.post("/api/office/onboard", &fields("souss-massa")).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let slug = slug_of(&app, "Coopérative Tighanimine").await;
    assert!(app.get(&format!("/fr/producers/{slug}")).await.1.contains("Tighanimine"), "online at once");

    // The office works on its catalogue through the producer's workspace.
    assert_eq!(oriental.post("/api/office/act_for", &[("producer", &slug), ("locale", "fr")]).await.status, 404);
    let acting = souss.post("/api/office/act_for", &[("producer", &slug), ("locale", "fr")]).await;
    assert_eq!(acting.status, 200, "{}", acting.body);
    let cookie = format!("tradema_acting_for={slug}");
    let with_cookie = |path: &str| {
        let request = app.client.get(app.url(path)).header("cookie", format!("{}; {cookie}", souss.cookies()));
        async move { request.send().await.expect("request") }
    };
    let dashboard = with_cookie("/api/dashboard?locale=fr").await;
    assert_eq!(dashboard.status().as_u16(), 200);
    let dashboard: serde_json::Value = dashboard.json().await.expect("json");
    assert_eq!(
        (dashboard["company_name"].as_str(), dashboard["on_behalf"].as_bool()),
        (Some("Coopérative Tighanimine"), Some(true))
    );
    let forged = app
        .client
        .get(app.url("/api/dashboard?locale=fr"))
        .header("cookie", format!("{}; {cookie}", oriental.cookies()))
        .send()
        .await
        .expect("request");
    assert_eq!(forged.status().as_u16(), 404, "the cookie selects, it grants nothing");
    assert_eq!(with_cookie("/api/import/page").await.status().as_u16(), 200, "the workspace's import too");
    let post_acting = |path: &str, form: Vec<(&'static str, &'static str)>| {
        let request = app
            .client
            .post(app.url(path))
            .header("cookie", format!("{}; {cookie}", souss.cookies()))
            .header("sec-fetch-site", "same-origin")
            .form(&form);
        async move { request.send().await.expect("request") }
    };
    let mut moved = fields("oriental");
    moved.retain(|(key, _)| *key != "locale");
    moved.push(("locale", "fr"));
    let moved = post_acting("/api/save_profile", moved).await;
    assert_eq!(moved.status().as_u16(), 422, "the office keeps the cooperative in its region");
    let verify = vec![
        ("form[ice]", "001525846000087"),
        ("form[registration_number]", "RC 1"),
        ("form[cooperative_approval]", "2020/1"),
        ("locale", "fr"),
    ];
    let verify = post_acting("/api/studio/request_verification", verify).await;
    assert_eq!(verify.status().as_u16(), 422, "the cooperative asks for its own verification");

    // The invitation: once, 14 days, never for a claimed producer.
    let invited = souss
        .post("/api/office/invite", &[("producer", &slug), ("email", "Contact@Tighanimine.ma"), ("locale", "fr")])
        .await;
    assert_eq!(invited.status, 200, "{}", invited.body);
    let token = invitation_token(&app, "contact@tighanimine.ma").await;
    let visitor = Visitor::new(&app);
    let page = visitor.get(&format!("/fr/account/claim?token={token}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Tighanimine") && page.body.contains("contact@tighanimine.ma"));
    let weak = visitor
        .post(
            "/api/claim_producer",
            &[("token", &token), ("display_name", "Aicha"), ("password", "short"), ("locale", "fr")],
        )
        .await;
    assert_eq!(weak.status, 422, "the password policy applies: {}", weak.body);
    let claimed = visitor
        .post(
            "/api/claim_producer",
            &[
                ("token", &token),
                ("display_name", "Aïcha Ait Brahim"),
                ("password", tests::visitor::PASSWORD),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(claimed.status, 200, "{}", claimed.body);
    assert_eq!(visitor.get("/api/dashboard?locale=fr").await.json()["company_name"], "Coopérative Tighanimine");
    let again = Visitor::new(&app)
        .post(
            "/api/claim_producer",
            &[("token", &token), ("display_name", "Someone"), ("password", tests::visitor::PASSWORD), ("locale", "fr")],
        )
        .await;
    assert_eq!(again.status, 422, "a link works once: {}", again.body);
    assert_eq!(Visitor::new(&app).sign_in("contact@tighanimine.ma", tests::visitor::PASSWORD).await.status, 200);
    // Claimed: the office no longer edits it nor invites anyone to it.
    assert_eq!(with_cookie("/api/dashboard?locale=fr").await.status().as_u16(), 404);
    let late = souss.post("/api/office/invite", &[("producer", &slug), ("email", "x@y.ma"), ("locale", "fr")]).await;
    assert_eq!(late.status, 422, "{}", late.body);

    // An expired link does not work.
    assert_eq!(souss.post("/api/office/onboard", &fields("souss-massa")).await.status, 200);
    let second = producers::Entity::find()
        .filter(producers::Column::LegalName.eq("Coopérative Tighanimine"))
        .filter(producers::Column::ClaimedAt.is_null())
        .one(&app.db)
        .await
        .expect("q")
        .expect("second")
        .slug;
    souss.post("/api/office/invite", &[("producer", &second), ("email", "late@coop.ma"), ("locale", "fr")]).await;
    let token = invitation_token(&app, "late@coop.ma").await;
    server::entities::producer_invitations::Entity::update_many()
        .col_expr(
            server::entities::producer_invitations::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .exec(&app.db)
        .await
        .expect("expire");
    let expired = Visitor::new(&app).get(&format!("/fr/account/claim?token={token}")).await;
    assert_eq!(expired.status, 422);
    assert!(expired.body.contains("14"), "the page says why");
    let actions = audit_actions(&app).await;
    assert_eq!(actions, ["onboard", "act_for", "invite", "onboard", "invite"], "a refused change writes no row");
    app.stop().await;
}

/// An office working for its cooperative leaves a trace (issue 24): opening
/// the workspace, and each change made there (here a listing created, then
/// published), each an audit row naming the office's administrator, the
/// producer and what was done.
#[tokio::test]
async fn an_office_acting_for_a_cooperative_is_audited_change_by_change() {
    let app = TestApp::spawn().await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let fields = [
        ("form[legal_name]", "Coopérative Tamount"),
        ("form[legal_form]", "cooperative"),
        ("form[region]", "souss-massa"),
        ("form[city]", "Tafraout"),
        ("form[sectors][cosmetics-argan]", "on"),
        ("locale", "fr"),
    ];
    assert_eq!(souss.post("/api/office/onboard", &fields).await.status, 200);
    let slug = slug_of(&app, "Coopérative Tamount").await;
    let acting = souss.post("/api/office/act_for", &[("producer", &slug), ("locale", "fr")]).await;
    assert_eq!(acting.status, 200, "{}", acting.body);
    let cookie = format!("{}; tradema_acting_for={slug}", souss.cookies());
    let post = |path: &'static str, form: Vec<(&'static str, String)>| {
        let request = app
            .client
            .post(app.url(path))
            .header("cookie", cookie.clone())
            .header("sec-fetch-site", "same-origin")
            .form(&form);
        async move { request.send().await.expect("request") }
    };
    let saved = post(
        "/api/save_listing",
        vec![
            ("form[title][fr]", "Huile d'argan de Tafraout".into()),
            ("form[description][fr]", "Pressée à froid par la coopérative.".into()),
            ("form[sector]", "cosmetics-argan".into()),
            ("form[price_mode]", "on_request".into()),
            ("locale", "fr".into()),
        ],
    )
    .await;
    assert_eq!(saved.status().as_u16(), 200);
    let listing = listings::Entity::find().one(&app.db).await.expect("q").expect("the listing").id;
    let published =
        post("/api/change_listing_status", vec![("id", listing.to_string()), ("change", "publish".into())]).await;
    assert_eq!(published.status().as_u16(), 200);

    let mut rows = audit_log::Entity::find().all(&app.db).await.expect("audit");
    rows.sort_by_key(|row| row.id);
    let producer = producers::Entity::find().filter(producers::Column::Slug.eq(&slug)).one(&app.db).await;
    let producer = producer.expect("q").expect("producer");
    let lines: Vec<(&str, &str, i64, Option<&str>)> = rows
        .iter()
        .map(|row| (row.action.as_str(), row.actor_email.as_str(), row.object_id, row.note.as_deref()))
        .collect();
    let created = format!("listing {listing} created");
    let status = format!("listing {listing} status: published");
    assert_eq!(
        lines,
        [
            ("onboard", "office@souss.ma", producer.id, None),
            ("act_for", "office@souss.ma", producer.id, None),
            ("change_for", "office@souss.ma", producer.id, Some(created.as_str())),
            ("change_for", "office@souss.ma", producer.id, Some(status.as_str())),
        ]
    );
    assert!(rows.iter().all(|row| row.object_kind == "producer" && row.region.as_deref() == Some("souss-massa")));
    app.stop().await;
}

/// One rule decides who works in a producer's workspace, for the upload and
/// import routes as for server functions: the "act for" cookie selects an
/// unclaimed cooperative for an administrator of its region only. Another
/// region's office or a producer sending the same cookie gets nothing.
#[tokio::test]
async fn an_act_for_cookie_opens_uploads_and_sheets_only_to_the_cooperatives_office() {
    let app = TestApp::spawn().await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let fields = [
        ("form[legal_name]", "Coopérative Tamount"),
        ("form[legal_form]", "cooperative"),
        ("form[region]", "souss-massa"),
        ("form[city]", "Tafraout"),
        ("form[sectors][cosmetics-argan]", "on"),
        ("locale", "fr"),
    ];
    assert_eq!(souss.post("/api/office/onboard", &fields).await.status, 200);
    let slug = slug_of(&app, "Coopérative Tamount").await;
    let with_cookie = |visitor: &Visitor| {
        let url: url::Url = visitor.base.parse().expect("base url");
        visitor.jar.add_cookie_str(&format!("tradema_acting_for={slug}; Path=/"), &url);
    };
    assert_eq!(souss.post("/api/office/act_for", &[("producer", &slug), ("locale", "fr")]).await.status, 200);
    with_cookie(&souss);
    let listing = souss.create_listing("Huile d'argan de Tafraout").await;
    let sheet = tests::sheets::csv(&[
        vec!["sector".into(), "title_fr".into()],
        vec!["cosmetics-argan".into(), "Savon à l'argan".into()],
    ]);

    let oriental = app.signed_in_office("oriental", "office@oriental.ma").await;
    let producer = app.signed_in("producer", "other@coop.ma").await;
    for (who, visitor) in [("another region's office", &oriental), ("a producer", &producer)] {
        with_cookie(visitor);
        let photo = visitor.upload(listing, vec![("a.jpg", tests::images::jpeg(1280, 960))]).await;
        assert_eq!(photo.status, 404, "{who}: a photo for the cooperative: {}", photo.body);
    }
    let foreign_sheet = oriental.import_sheet("sheet.csv", sheet.clone(), None).await;
    assert_eq!(foreign_sheet.status, 404, "another region's office: {}", foreign_sheet.body);
    // The cookie is a selection, not a grant: a producer's sheet goes to its
    // own workspace (which has no profile yet), never to the cooperative's.
    let own_sheet = producer.import_sheet("sheet.csv", sheet.clone(), None).await;
    assert_eq!(own_sheet.status, 422, "{}", own_sheet.body);
    assert!(own_sheet.body.contains("invalid.profile_first"), "{}", own_sheet.body);

    // The cooperative's own office may do both.
    let photo = souss.upload(listing, vec![("a.jpg", tests::images::jpeg(1280, 960))]).await;
    assert!(photo.status < 300, "{}", photo.body);
    let checked = souss.import_sheet("sheet.csv", sheet, None).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    app.stop().await;
}

/// The audit log is append-only on PostgreSQL too: the migration's triggers
/// refuse an update and a delete there as on SQLite.
#[tokio::test]
async fn postgresql_refuses_to_rewrite_or_remove_an_audit_row() {
    let cluster = tests::postgres::PgCluster::start();
    let app = TestApp::spawn_on(&cluster.create_database("audit")).await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let fields = [
        ("form[legal_name]", "Coopérative Tamount"),
        ("form[legal_form]", "cooperative"),
        ("form[region]", "souss-massa"),
        ("form[city]", "Tafraout"),
        ("form[sectors][cosmetics-argan]", "on"),
        ("locale", "fr"),
    ];
    assert_eq!(souss.post("/api/office/onboard", &fields).await.status, 200);
    assert_eq!(audit_actions(&app).await, ["onboard"]);
    for statement in ["UPDATE audit_log SET action = 'verify'", "DELETE FROM audit_log"] {
        let refused = app.db.execute_unprepared(statement).await;
        assert!(refused.is_err(), "{statement} must fail on PostgreSQL");
    }
    assert_eq!(audit_actions(&app).await, ["onboard"], "the row is as it was");
    app.stop().await;
}
