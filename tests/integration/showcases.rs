//! Fair organisers' showcases: who may read and change one (a
//! draft is nobody's business but its organiser's and the administrators'),
//! what publishing asks for, curation through the server functions the
//! editor posts, a listing that drops out of the public page and the print
//! view once unpublished, and the CSV of exhibitors (Arabic and French
//! names exactly, no account's address).

use tests::TestApp;
use tests::visitor::Visitor;

use super::inquiries::producer_with_listing;

/// The showcase form's fields in French and, with `english`, English too.
pub(crate) fn showcase_fields<'a>(english: bool, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("locale", "fr"),
        ("form[title][fr]", "Made in Africa — forum ZLECAf"),
        ("form[description][fr]", "Producteurs prêts à exporter."),
        ("form[event_name]", "Forum ZLECAf"),
        ("form[city]", "Marrakech"),
        ("form[venue]", "Palais des Congrès"),
        ("form[starts_on]", "2027-02-08"),
        ("form[ends_on]", "2027-02-10"),
        ("form[themes]", "AfCFTA, agroalimentaire"),
        ("form[slug]", "made-in-africa"),
    ];
    if english {
        fields.push(("form[title][en]", "Made in Africa — AfCFTA forum"));
    }
    fields.extend_from_slice(extra);
    fields
}

/// The showcase id in the editor address the server sent the browser to.
pub(crate) fn showcase_id(answer: &tests::visitor::Answer) -> String {
    let location = answer.header("location");
    location
        .split("/organiser/showcases/")
        .nth(1)
        .and_then(|rest| rest.split(['?', '#']).next())
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("no showcase in `{location}` ({}): {}", answer.status, answer.body))
}

pub(crate) async fn curate(
    organiser: &Visitor,
    id: &str,
    action: &str,
    target: (&str, &str),
) -> tests::visitor::Answer {
    organiser.post("/api/curate_showcase", &[("id", id), ("action", action), target, ("locale", "fr")]).await
}

#[tokio::test]
async fn a_showcase_is_its_organisers_and_a_draft_is_nobody_elses() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let organiser = app.signed_in("organiser", "salon@fairs.ma").await;
    let created = organiser
        .post(
            "/api/save_showcase",
            &showcase_fields(false, &[("form[status]", "published"), ("form[organiser_user_id]", "999")]),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let id = showcase_id(&created);
    let editor = organiser.get(&format!("/api/showcase_editor?id={id}&locale=fr")).await;
    assert_eq!(editor.status, 200, "{}", editor.body);
    assert_eq!(editor.json()["status"], "draft", "extra fields change neither the state nor the owner");

    // Publishing asks for an exhibitor, then for a second language.
    let publish = [("id", id.as_str()), ("change", "publish"), ("locale", "fr")];
    let refused = organiser.post("/api/change_showcase", &publish).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("showcase_no_exhibitor"), "{}", refused.body);
    let listing_text = listing.to_string();
    let added = curate(&organiser, &id, "add", ("listing", &listing_text)).await;
    assert_eq!(added.status, 200, "{}", added.body);
    let refused = organiser.post("/api/change_showcase", &publish).await;
    assert!(refused.body.contains("showcase_two_languages"), "{}", refused.body);

    // Other people: nothing to read, nothing to change.
    let other = app.signed_in("organiser", "other@fairs.ma").await;
    assert_eq!(other.get(&format!("/api/showcase_editor?id={id}&locale=fr")).await.status, 404);
    let hijack = other.post("/api/save_showcase", &showcase_fields(true, &[("id", id.as_str())])).await;
    assert_eq!(hijack.status, 404, "{}", hijack.body);
    assert_eq!(curate(&other, &id, "remove", ("listing", &listing_text)).await.status, 404);
    assert_eq!(other.post("/api/change_showcase", &publish).await.status, 404);
    let buyer = app.signed_in("buyer", "buyer@import.pa").await;
    for (who, visitor) in [("producer", &producer), ("buyer", &buyer)] {
        assert_eq!(visitor.get("/api/my_showcases").await.status, 404, "{who}: no organiser workspace");
    }
    assert_eq!(Visitor::new(&app).get("/api/my_showcases").await.status, 401);
    // The draft's page: its organiser and administrators only.
    let admin = app.signed_in("admin", "office@souss.ma").await;
    let anonymous = Visitor::new(&app);
    for (who, visitor, status) in [
        ("anonymous", &anonymous, 404),
        ("buyer", &buyer, 404),
        ("producer", &producer, 404),
        ("another organiser", &other, 404),
        ("its organiser", &organiser, 200),
        ("an administrator", &admin, 200),
    ] {
        let page = visitor.get("/fr/showcases/made-in-africa").await;
        assert_eq!(page.status, status, "{who}");
        let csv = visitor.get("/fr/showcases/made-in-africa/exhibitors.csv").await;
        assert_eq!(csv.status, status, "{who}: the CSV follows the page");
    }

    // With a second language it publishes, and everyone sees it.
    let saved = organiser.post("/api/save_showcase", &showcase_fields(true, &[("id", id.as_str())])).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let published = organiser.post("/api/change_showcase", &publish).await;
    assert_eq!(published.status, 200, "{}", published.body);
    let page = anonymous.get("/es/showcases/made-in-africa").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Coopérative Tifawin"), "the exhibitor is listed");
    // A cover photo goes through the photo pipeline, for its organiser only.
    let cover_path = format!("/api/showcases/{id}/cover");
    let refused = other.upload_file(&cover_path, "cover", "cover.jpg", tests::images::jpeg(1400, 700)).await;
    assert_eq!(refused.status, 404, "another organiser: {}", refused.body);
    let cover = organiser.upload_file(&cover_path, "cover", "cover.jpg", tests::images::jpeg(1400, 700)).await;
    assert_eq!(cover.status, 204, "{}", cover.body);
    let page = anonymous.get("/api/showcase?slug=made-in-africa&locale=fr").await.json();
    assert_eq!((page["cover"]["width"].as_u64(), page["cover"]["height"].as_u64()), (Some(1400), Some(700)));
    let base = page["cover"]["base"].as_str().expect("a cover").to_owned();
    assert_eq!(anonymous.get(&format!("{base}-640.webp")).await.status, 200, "the variants are served");
    let not_a_photo = organiser.upload_file(&cover_path, "cover", "cover.jpg", b"not a picture".to_vec()).await;
    assert_eq!(not_a_photo.status, 415, "not a photo: {}", not_a_photo.body);
    // Published, its address is fixed and it keeps an exhibitor and two titles.
    let moved = organiser
        .post(
            "/api/save_showcase",
            &showcase_fields(true, &[("id", id.as_str())])
                .into_iter()
                .map(|(k, v)| if k == "form[slug]" { (k, "elsewhere") } else { (k, v) })
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(moved.status, 422, "{}", moved.body);
    assert!(moved.body.contains("slug_frozen"), "{}", moved.body);
    let one_language = organiser.post("/api/save_showcase", &showcase_fields(false, &[("id", id.as_str())])).await;
    assert!(one_language.body.contains("showcase_two_languages"), "{}", one_language.body);
    let producer_slug = organiser.get(&format!("/api/showcase_editor?id={id}&locale=fr")).await.json()["exhibitors"][0]
        ["slug"]
        .as_str()
        .expect("an exhibitor")
        .to_owned();
    let emptied = curate(&organiser, &id, "remove", ("producer", &producer_slug)).await;
    assert!(emptied.body.contains("showcase_no_exhibitor"), "the last exhibitor stays: {}", emptied.body);
    let odd =
        organiser.post("/api/change_showcase", &[("id", id.as_str()), ("change", "publish"), ("locale", "fr")]).await;
    assert_eq!(odd.status, 422, "publishing a published showcase: {}", odd.body);
    let list = anonymous.get("/api/showcases?locale=en").await.json();
    assert_eq!(list["upcoming"][0]["title"], "Made in Africa — AfCFTA forum", "in the reader's language");
    app.stop().await;
}

#[tokio::test]
async fn an_unpublished_listing_leaves_the_page_and_the_print_view_by_itself() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let organiser = app.signed_in("organiser", "salon@fairs.ma").await;
    let id = showcase_id(&organiser.post("/api/save_showcase", &showcase_fields(true, &[])).await);
    let listing_text = listing.to_string();
    assert_eq!(curate(&organiser, &id, "add", ("listing", &listing_text)).await.status, 200);
    let publish = [("id", id.as_str()), ("change", "publish"), ("locale", "fr")];
    assert_eq!(organiser.post("/api/change_showcase", &publish).await.status, 200);
    let anonymous = Visitor::new(&app);
    let print = anonymous.get("/fr/showcases/made-in-africa/print").await;
    assert!(print.body.contains("Huile d&#x27;argan cosmétique") || print.body.contains("Huile d'argan cosmétique"));
    assert!(print.body.contains("class=\"qr\""), "a QR code per exhibitor");

    let unpublished =
        producer.post("/api/change_listing_status", &[("id", &listing_text), ("change", "unpublish")]).await;
    assert_eq!(unpublished.status, 200, "{}", unpublished.body);
    let page = anonymous.get("/fr/showcases/made-in-africa").await;
    assert!(!page.body.contains("cosmétique"), "the listing is gone from the page");
    let print = anonymous.get("/fr/showcases/made-in-africa/print").await;
    assert!(!print.body.contains("cosmétique"), "and from the print view");
    let editor = organiser.get(&format!("/api/showcase_editor?id={id}&locale=fr")).await.json();
    let kept = &editor["exhibitors"][0]["listings"][0];
    assert_eq!(kept["card"], serde_json::Value::Null, "the editor keeps it, marked no longer public: {editor}");
    assert_eq!(kept["title"], "Huile d'argan cosmétique");
    // An unpublished listing cannot be added again.
    let again = curate(&organiser, &id, "add", ("listing", &listing_text)).await;
    assert_eq!(again.status, 422, "{}", again.body);
    app.stop().await;
}

#[tokio::test]
async fn the_exhibitor_csv_round_trips_arabic_and_french_and_holds_no_account_address() {
    let app = TestApp::spawn().await;
    let (first, first_listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let second = app.signed_in("producer", "argan@tawada.ma").await;
    assert_eq!(
        second.save_profile("تعاونية تاوادا للأركان", &[("form[trade_name]", "تعاونية تاوادا")]).await.status,
        200
    );
    let second_listing = second.create_listing("Huile d'argan alimentaire").await;
    second.post("/api/change_listing_status", &[("id", &second_listing.to_string()), ("change", "publish")]).await;
    let organiser = app.signed_in("organiser", "salon@fairs.ma").await;
    let id = showcase_id(&organiser.post("/api/save_showcase", &showcase_fields(true, &[])).await);
    for listing in [first_listing, second_listing] {
        assert_eq!(curate(&organiser, &id, "add", ("listing", &listing.to_string())).await.status, 200);
    }
    let second_path =
        second.get("/api/dashboard?locale=fr").await.json()["producer_path"].as_str().unwrap_or("").to_owned();
    let second_slug = second_path.rsplit('/').next().expect("slug").to_owned();
    let note = organiser
        .post(
            "/api/curate_showcase",
            &[
                ("id", &id),
                ("action", "note"),
                ("producer", &second_slug),
                ("note[stand]", "B07"),
                ("note[note]", "Coopérative féminine, certifiée bio"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(note.status, 200, "{}", note.body);
    let up = curate(&organiser, &id, "up", ("producer", &second_slug)).await;
    assert_eq!(up.status, 200, "{}", up.body);
    let publish = [("id", id.as_str()), ("change", "publish"), ("locale", "fr")];
    assert_eq!(organiser.post("/api/change_showcase", &publish).await.status, 200);

    let csv = Visitor::new(&app).get("/fr/showcases/made-in-africa/exhibitors.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let bytes = csv.body.as_bytes();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a byte-order mark for spreadsheet programs");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|row| row.expect("a row")).collect();
    let names: Vec<&str> = rows.iter().map(|row| &row[0]).collect();
    assert_eq!(names, vec!["تعاونية تاوادا", "Coopérative Tifawin"], "exactly, in the curated order");
    assert_eq!(&rows[0][1], "B07");
    assert!(!csv.body.contains('@'), "no e-mail address of any account: {}", csv.body);
    let _ = first;
    app.stop().await;
}

#[tokio::test]
async fn leads_count_visits_and_inquiries_per_exhibitor_and_market() {
    let app = TestApp::spawn_configured(|settings| {
        settings.trusted_proxies = vec!["127.0.0.1/32".parse().expect("network")];
    })
    .await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let organiser = app.signed_in("organiser", "salon@fairs.ma").await;
    let id = showcase_id(&organiser.post("/api/save_showcase", &showcase_fields(true, &[])).await);
    let listing_text = listing.to_string();
    assert_eq!(curate(&organiser, &id, "add", ("listing", &listing_text)).await.status, 200);
    let publish = [("id", id.as_str()), ("change", "publish"), ("locale", "fr")];
    assert_eq!(organiser.post("/api/change_showcase", &publish).await.status, 200);
    let slug = producer.get("/api/dashboard?locale=fr").await.json()["producer_path"]
        .as_str()
        .and_then(|path| path.rsplit('/').next().map(str::to_owned))
        .expect("the producer's slug");

    // A listing of the same producer the organiser did not feature.
    let unfeatured = producer.create_listing("Huile d'argan alimentaire").await;
    let published =
        producer.post("/api/change_listing_status", &[("id", &unfeatured.to_string()), ("change", "publish")]).await;
    assert_eq!(published.status, 200, "{}", published.body);

    // Visits from the showcase: Nigeria three times (a reload, then the
    // featured listing of the same exhibitor: one visit), Brazil, unknown;
    // one visit without the showcase, and one to a listing the organiser
    // never featured, neither of which is a lead.
    let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
    let visit = |path: String, client: &'static str, languages: &'static str| {
        let app = &app;
        async move {
            let headers = [("x-forwarded-for", client), ("user-agent", firefox), ("accept-language", languages)];
            assert_eq!(app.get_with(&path, &headers).await.0, 200, "{path}");
        }
    };
    visit(format!("/es/producers/{slug}?showcase=made-in-africa"), "203.0.113.1", "en-NG").await;
    visit(format!("/es/producers/{slug}?showcase=made-in-africa"), "203.0.113.1", "en-NG").await;
    visit(format!("/es/listings/{listing}-huile?showcase=made-in-africa"), "203.0.113.1", "en-NG").await;
    visit(format!("/en/producers/{slug}?showcase=made-in-africa"), "203.0.113.2", "pt-BR").await;
    visit(format!("/fr/producers/{slug}?showcase=made-in-africa"), "203.0.113.3", "fr").await;
    visit(format!("/fr/producers/{slug}"), "203.0.113.4", "es-MX").await;
    visit(format!("/en/listings/{unfeatured}?showcase=made-in-africa"), "203.0.113.5", "en-KE").await;
    // An inquiry from the showcase, and one from elsewhere.
    let buyer = super::inquiries::confirmed_buyer(&app, "compras@istmo.pa").await;
    let from_showcase =
        super::inquiries::send(&buyer, listing, "Desde la vitrina", &[("showcase", "made-in-africa")]).await;
    let thread = super::inquiries::inquiry_id(&from_showcase);
    super::inquiries::send(&buyer, listing, "Por mi cuenta", &[]).await;

    // Visits are counted before the page is answered.
    let leads = organiser.get(&format!("/api/showcase_leads?id={id}")).await.json();
    assert_eq!(leads["exhibitors"][0]["visits"], 3, "Nigeria once for the exhibitor, Brazil, unknown: {leads}");
    assert_eq!(leads["exhibitors"][0]["inquiries"], 1);
    assert_eq!(
        leads["markets"],
        serde_json::json!([
            ["Africa", {"views": 1, "inquiries": 0}],
            ["Americas", {"views": 1, "inquiries": 0}],
            [null, {"views": 1, "inquiries": 1}]
        ]),
        "by market; the buyer has no profile country: unknown"
    );
    assert_eq!(producer.get(&format!("/api/showcase_leads?id={id}")).await.status, 404, "organisers only");
    // The exhibitor sees which showcase brought the inquiry.
    let inbox = producer.get("/api/inbox?page=1&locale=fr").await.json();
    let line = inbox["lines"].as_array().expect("lines").iter().find(|l| l["id"] == thread).expect("the thread");
    assert_eq!(line["showcase"], "Made in Africa — forum ZLECAf");
    app.stop().await;
}
