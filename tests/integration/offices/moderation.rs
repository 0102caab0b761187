//! Moderation that takes a listing out of every public read and brings it back; suspension that ends open sessions.

use super::*;

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
    let owner =
        server::auth::account_commands::account_id(&app.db, "coop@tifawin.ma").await.expect("owner").to_string();
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
    let me = server::auth::account_commands::account_id(&app.db, "office@souss.ma").await.expect("me").to_string();
    assert_eq!(
        souss.post("/api/office/suspend", &[("user_id", &me), ("suspend", "true"), ("locale", "fr")]).await.status,
        422
    );
    app.signed_in("buyer", "buyer@import.pa").await;
    let buyer =
        server::auth::account_commands::account_id(&app.db, "buyer@import.pa").await.expect("buyer").to_string();
    assert_eq!(
        souss.post("/api/office/suspend", &[("user_id", &buyer), ("suspend", "true"), ("locale", "fr")]).await.status,
        404
    );
    assert_eq!(audit_actions(&app).await, ["suspend", "reinstate"]);
    app.stop().await;
}
