//! The append-only audit log: every action, the office's work for a cooperative change by change, and the database refusing to rewrite it (SQLite and PostgreSQL).

use super::*;

#[tokio::test]
async fn the_audit_log_keeps_every_action_and_nothing_rewrites_it() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_in(&app, "coop@tifawin.ma", "Coopérative Tifawin", "souss-massa", "Huile").await;
    let slug = slug_of(&app, "Coopérative Tifawin").await;
    let national = app.signed_in("admin", "team@national.ma").await;
    app.signed_in("buyer", "buyer@import.pa").await;
    let buyer =
        server::auth::account_commands::account_id(&app.db, "buyer@import.pa").await.expect("buyer").to_string();
    let owner =
        server::auth::account_commands::account_id(&app.db, "coop@tifawin.ma").await.expect("owner").to_string();
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

    // The page shows the same rows: each action by name, who and on what
    // (read in the table's body, since the filter lists every action's name).
    let rows_of = |page: &tests::visitor::Answer| {
        assert_eq!(page.status, 200, "{}", page.body);
        let (_, table) = page.body.split_once("<tbody").unwrap_or_else(|| panic!("no audit table: {}", page.body));
        table.to_owned()
    };
    let page = national.get("/en/admin/audit").await;
    assert!(page.body.contains("10 actions"), "{}", page.body);
    let table = rows_of(&page);
    for shown in [
        "Verification refused",
        "Hidden",
        "Shown again",
        "Account suspended",
        "Account reinstated",
        "Role granted",
        "Role revoked",
        "Producer onboarded",
        "Invitation sent",
        "Catalogue imported",
        "team@national.ma",
        "Coopérative Tifawin",
        "Coopérative Nouvelle",
    ] {
        assert!(table.contains(shown), "the audit table shows `{shown}`: {table}");
    }
    let page = national.get("/en/admin/audit?action=hide").await;
    assert!(page.body.contains("1 actions"), "{}", page.body);
    let table = rows_of(&page);
    assert!(table.contains("Hidden") && !table.contains("Verification refused"), "only the hide: {table}");
    app.stop().await;
}

/// An office working for its cooperative leaves a trace: opening
/// the workspace, and each change made there (here a listing created, then
/// published), each an audit row naming the office's administrator, the
/// producer and what was done.
#[tokio::test]
async fn an_office_acting_for_a_cooperative_is_audited_change_by_change() {
    let app = TestApp::spawn().await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let slug = onboard_tamount(&app, &souss).await;
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

/// The audit log is append-only on PostgreSQL too: the migration's triggers
/// refuse an update and a delete there as on SQLite.
#[tokio::test]
async fn postgresql_refuses_to_rewrite_or_remove_an_audit_row() {
    let cluster = tests::postgres::PgCluster::start();
    let app = TestApp::spawn_on(&cluster.create_database("audit")).await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    onboard_tamount(&app, &souss).await;
    assert_eq!(audit_actions(&app).await, ["onboard"]);
    for statement in ["UPDATE audit_log SET action = 'verify'", "DELETE FROM audit_log"] {
        let refused = app.db.execute_unprepared(statement).await;
        assert!(refused.is_err(), "{statement} must fail on PostgreSQL");
    }
    assert_eq!(audit_actions(&app).await, ["onboard"], "the row is as it was");
    app.stop().await;
}
