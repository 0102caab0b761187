//! Verification from request to badge and search filter.

use super::*;

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
