//! Who may use the offices' tools, and on which region.

use super::*;

#[tokio::test]
async fn the_offices_tools_refuse_everyone_else_and_other_regions() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_in(&app, "coop@tifawin.ma", "Coopérative Tifawin", "souss-massa", "Huile").await;
    assert_eq!(request_verification(&producer, ICE).await.status, 200);
    let slug = slug_of(&app, "Coopérative Tifawin").await;
    let owner =
        server::auth::account_commands::account_id(&app.db, "coop@tifawin.ma").await.expect("owner").to_string();
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
    let me = server::auth::account_commands::account_id(&app.db, "team@national.ma").await.expect("me").to_string();
    let own = national
        .post("/api/office/grant", &[("user_id", &me), ("role", "admin"), ("office", "national"), ("locale", "fr")])
        .await;
    assert_eq!(own.status, 422, "{}", own.body);
    assert!(own.body.contains("not_yourself"), "{}", own.body);
    let souss_id =
        server::auth::account_commands::account_id(&app.db, "office@souss.ma").await.expect("souss").to_string();
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
    let buyer_id =
        server::auth::account_commands::account_id(&app.db, "buyer@import.pa").await.expect("buyer").to_string();
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
    // The pages show each office its own region's work: every refusal above
    // left the request waiting and the producer as it was.
    let overview = national.get("/en/admin").await;
    assert_eq!(overview.status, 200);
    for shown in ["1 verification requests", "0 reviews asked", "0 hidden listings", "Souss-Massa: 1 producers,"] {
        assert!(overview.body.contains(shown), "the national overview shows `{shown}`: {}", overview.body);
    }
    let queue = souss.get("/en/admin/verification").await;
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("Coopérative Tifawin"), "the request's producer: {}", queue.body);
    assert!(queue.body.contains(&format!("href=\"/en/admin/producers/{slug}\"")), "linked: {}", queue.body);
    assert!(queue.body.contains(ICE) && queue.body.contains("No other producer holds this ICE."), "{}", queue.body);
    let elsewhere = oriental.get("/en/admin/verification").await;
    assert_eq!(elsewhere.status, 200);
    assert!(elsewhere.body.contains("No request waits."), "the Oriental's queue is empty: {}", elsewhere.body);
    assert!(!elsewhere.body.contains("Coopérative Tifawin"), "another region's request is not shown");
    let list = souss.get("/en/admin/producers").await;
    assert_eq!(list.status, 200);
    for shown in ["1 producers", "Coopérative Tifawin", "coop@tifawin.ma"] {
        assert!(list.body.contains(shown), "the region's producers list shows `{shown}`: {}", list.body);
    }
    let list = oriental.get("/en/admin/producers").await;
    assert!(list.body.contains("0 producers") && !list.body.contains("Coopérative Tifawin"), "{}", list.body);
    app.stop().await;
}
