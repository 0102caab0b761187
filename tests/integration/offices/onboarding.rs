//! Onboarding a cooperative: the office works on its catalogue (only its own office: the act-for cookie grants nothing), invites it, and it claims the producer once.

use super::*;

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
    let desk = souss.get(&format!("/en/admin/producers/{slug}")).await;
    assert_eq!(desk.status, 200);
    let waiting =
        ["Coopérative Tighanimine", "Not claimed yet", "An invitation waits to be used by", "contact@tighanimine.ma"];
    for shown in waiting {
        assert!(desk.body.contains(shown), "the office's page of the producer shows `{shown}`: {}", desk.body);
    }
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

/// One rule decides who works in a producer's workspace, for the upload and
/// import routes as for server functions: the "act for" cookie selects an
/// unclaimed cooperative for an administrator of its region only. Another
/// region's office or a producer sending the same cookie gets nothing.
#[tokio::test]
async fn an_act_for_cookie_opens_uploads_and_sheets_only_to_the_cooperatives_office() {
    let app = TestApp::spawn().await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let slug = onboard_tamount(&app, &souss).await;
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
