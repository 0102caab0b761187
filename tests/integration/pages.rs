//! The pages as a browser without JavaScript gets them: server-rendered from
//! the database, in the reader's language, with the right status codes.

use tests::TestApp;
use tests::fixtures::{self, ARGAN_AR, ARGAN_FR, DRAFT_FR, SAFFRON_FR};

/// The attributes of the page's `<html>` element, e.g. `lang="ar" dir="rtl"`.
fn html_element(page: &str) -> &str {
    let start = page.find("<html").expect("an <html> element");
    let end = start + page[start..].find('>').expect("a closed <html> tag");
    &page[start..end]
}

/// Whether the page is in `lang` and written in direction `dir`.
fn is_in(page: &str, lang: &str, dir: &str) -> bool {
    let element = html_element(page);
    element.contains(&format!(r#"lang="{lang}""#)) && element.contains(&format!(r#"dir="{dir}""#))
}

async fn app_with_catalogue() -> (TestApp, fixtures::Catalogue) {
    let app = TestApp::spawn().await;
    let catalogue = fixtures::catalogue(&app.db).await;
    app.settle_search().await;
    (app, catalogue)
}

#[tokio::test]
async fn home_is_server_rendered_from_the_database() {
    let (app, _) = app_with_catalogue().await;
    let (status, html) = app.get("/").await;
    assert_eq!(status, 200);
    assert!(html.contains(ARGAN_FR), "the recent listings come from the database");
    assert!(!html.contains(DRAFT_FR), "drafts are not shown");
    assert!(is_in(&html, "fr", "ltr"), "French by default: {}", html_element(&html));
    assert!(html.contains("Souss-Massa"), "regions are listed");
    assert!(html.contains("<title>"), "the page has a title");
    assert!(html.contains(r#"name="description""#));
    app.stop().await;
}

#[tokio::test]
async fn language_comes_from_url_then_cookie_then_accept_language() {
    let (app, _) = app_with_catalogue().await;
    let (_, arabic) = app.get("/ar").await;
    assert!(is_in(&arabic, "ar", "rtl"), "{}", html_element(&arabic));
    assert!(arabic.contains(ARGAN_AR), "the Arabic title is shown to Arabic readers");
    assert!(arabic.contains("سوس ماسة"), "region names are translated");
    let (_, by_header) = app.get_with("/", &[("accept-language", "es-MX,es;q=0.9,en;q=0.5")]).await;
    assert!(is_in(&by_header, "es", "ltr"));
    let (_, by_cookie) = app.get_with("/", &[("cookie", "tradema_lang=en"), ("accept-language", "es")]).await;
    assert!(is_in(&by_cookie, "en", "ltr"), "the cookie beats Accept-Language");
    let (_, by_url) = app.get_with("/fr", &[("cookie", "tradema_lang=en")]).await;
    assert!(is_in(&by_url, "fr", "ltr"), "the URL beats the cookie");
    app.stop().await;
}

#[tokio::test]
async fn a_language_page_remembers_the_choice_in_a_cookie() {
    let (app, _) = app_with_catalogue().await;
    let response = app.client.get(app.url("/ar")).send().await.expect("request");
    let cookie = response.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(cookie.starts_with("tradema_lang=ar;"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"));
    app.stop().await;
}

#[tokio::test]
async fn listing_page_shows_the_trade_facts() {
    let (app, catalogue) = app_with_catalogue().await;
    let (status, html) = app.get(&format!("/fr/listings/{}-huile", catalogue.argan_id)).await;
    assert_eq!(status, 200);
    assert!(html.contains(ARGAN_FR));
    assert!(html.contains("151590"), "HS code");
    assert!(html.contains("22,00–31,00 EUR"), "price range, with the French decimal comma");
    assert!(html.contains("Agadir"), "port of loading");
    assert!(html.contains("Argane IGP"), "origin label in French");
    assert!(html.contains("Coopérative Tifaout"), "producer card");
    assert!(html.contains("/media/fixture/photo-0-640.jpg"), "photos with their variants");
    assert!(html.contains(r#"srcset="/media/fixture/photo-0-320.webp 320w"#));
    assert!(!html.contains("fallback-notice"), "written in French: no fallback notice");
    app.stop().await;
}

#[tokio::test]
async fn a_missing_translation_is_marked() {
    let (app, catalogue) = app_with_catalogue().await;
    let (status, html) = app.get(&format!("/en/listings/{}", catalogue.saffron_id)).await;
    assert_eq!(status, 200);
    assert!(html.contains(SAFFRON_FR));
    assert!(html.contains(r#"data-fallback="fr""#), "the fallback is marked");
    assert!(html.contains("shown in French"), "{}", &html[..200.min(html.len())]);
    app.stop().await;
}

#[tokio::test]
async fn missing_things_answer_404_with_a_real_page() {
    let (app, catalogue) = app_with_catalogue().await;
    for path in [
        format!("/fr/listings/{}", catalogue.draft_id),
        "/fr/listings/999999".to_owned(),
        "/fr/listings/not-a-number".to_owned(),
        "/xx/listings/1".to_owned(),
        "/fr/producers/nobody".to_owned(),
        "/fr/regions/atlantis".to_owned(),
        "/fr/no/such/page".to_owned(),
        "/xx".to_owned(),
    ] {
        let (status, html) = app.get(&path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Page introuvable") || html.contains("Page not found"), "{path} explains itself");
        assert!(!html.contains(DRAFT_FR), "{path} leaks nothing");
    }
    let (_, arabic) = app.get("/ar/listings/999999").await;
    assert!(is_in(&arabic, "ar", "rtl"), "the 404 page speaks the reader's language");
    app.stop().await;
}

#[tokio::test]
async fn producer_and_region_pages_read_the_database() {
    let (app, catalogue) = app_with_catalogue().await;
    let (status, producer) = app.get(&format!("/en/producers/{}", catalogue.coop_slug)).await;
    assert_eq!(status, 200);
    assert!(producer.contains("Coopérative Tifaout"));
    assert!(producer.contains("Brazil") && producer.contains("China"), "export markets by name");
    assert!(producer.contains("Verified"));
    let (status, region) = app.get("/fr/regions/souss-massa").await;
    assert_eq!(status, 200);
    assert!(region.contains("Coopérative Tifaout"));
    assert!(region.contains(ARGAN_FR));
    assert!(region.contains("Agadir"), "the regional capital");
    app.stop().await;
}

#[tokio::test]
async fn search_finds_by_words_and_survives_hostile_input() {
    let (app, catalogue) = app_with_catalogue().await;
    let (status, html) = app.get("/fr/search?q=argan").await;
    assert_eq!(status, 200);
    assert!(html.contains(ARGAN_FR));
    assert!(!html.contains(SAFFRON_FR));
    let (status, html) = app.get("/fr/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert(1)</script>"), "user text is escaped");
    let (status, _) = app.get(&format!("/fr/search?q={}", "a".repeat(300))).await;
    assert_eq!(status, 422, "an over-long query is refused with a clear status");
    let (_, by_sector) = app.get("/fr/search?sector=agrifood").await;
    assert!(by_sector.contains(SAFFRON_FR) && !by_sector.contains(ARGAN_FR));
    let _ = catalogue;
    app.stop().await;
}

#[tokio::test]
async fn a_failure_shows_a_calm_error_page_and_hides_the_cause() {
    use sea_orm::ConnectionTrait;

    let (app, catalogue) = app_with_catalogue().await;
    app.db.execute_unprepared("DROP TABLE listing_photos").await.expect("break the database on purpose");
    let (status, html) = app.get(&format!("/fr/listings/{}", catalogue.argan_id)).await;
    assert_eq!(status, 500);
    assert!(html.contains("Une erreur est survenue"), "a calm explanation in the reader's language");
    assert!(html.contains("Retour à l'accueil"), "a way out");
    assert!(
        !html.contains("listing_photos") && !html.to_lowercase().contains("no such table"),
        "the cause stays in the log"
    );
    assert_eq!(app.get("/healthz").await.0, 200, "the process itself is still alive");
    app.stop().await;
}

/// One visibility rule: a suspended producer's company and listings vanish
/// from every public read at once: its pages, the region page, the home
/// counts and the search.
#[tokio::test]
async fn a_suspended_producer_disappears_from_every_public_page() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use server::entities::producers;

    let (app, catalogue) = app_with_catalogue().await;
    let listing_path = format!("/fr/listings/{}", catalogue.argan_id);
    let producer_path = format!("/fr/producers/{}", catalogue.coop_slug);
    assert_eq!(app.get(&listing_path).await.0, 200);
    let home_before =
        app.client.get(app.url("/api/home?locale=fr")).send().await.expect("home").text().await.expect("body");
    let home_before: serde_json::Value = serde_json::from_str(&home_before).expect("json");
    let owner = producers::Entity::find()
        .filter(producers::Column::Slug.eq(catalogue.coop_slug.as_str()))
        .one(&app.db)
        .await
        .expect("query")
        .expect("the cooperative")
        .owner_user_id;
    server::auth::account_commands::suspend_account(&app.db, owner).await.expect("suspend");

    assert_eq!(app.get(&listing_path).await.0, 404, "its listing page");
    assert_eq!(app.get(&producer_path).await.0, 404, "its company page");
    let (_, region) = app.get("/fr/regions/souss-massa").await;
    assert!(!region.contains(ARGAN_FR) && !region.contains(SAFFRON_FR), "the region page");
    let (_, search) = app.get("/fr/search?q=argan").await;
    assert!(!search.contains(ARGAN_FR), "the search");
    let home_after =
        app.client.get(app.url("/api/home?locale=fr")).send().await.expect("home").text().await.expect("body");
    let home_after: serde_json::Value = serde_json::from_str(&home_after).expect("json");
    assert_eq!(
        home_after["listing_count"].as_u64().expect("count") + 3,
        home_before["listing_count"].as_u64().expect("count"),
        "the home count drops by the cooperative's three published listings"
    );
    assert_eq!(
        home_after["producer_count"].as_u64().expect("count") + 1,
        home_before["producer_count"].as_u64().expect("count")
    );
    app.stop().await;
}

#[tokio::test]
async fn sector_and_region_pages_list_through_the_search_with_counts_into_it() {
    let (app, _) = app_with_catalogue().await;
    let (status, html) = app.get("/fr/sectors/agrifood").await;
    assert_eq!(status, 200);
    assert!(html.contains(SAFFRON_FR) && !html.contains(ARGAN_FR), "only the sector's listings");
    assert!(html.contains("region=souss-massa"), "counts by region lead into the search");
    assert!(html.contains(r#"href="/fr/search?sector=agrifood""#), "and so does 'see all'");
    let (status, _) = app.get("/fr/sectors/no-such-sector").await;
    assert_eq!(status, 404);
    let (status, empty) = app.get("/en/sectors/aeronautics").await;
    assert_eq!(status, 200);
    assert!(empty.contains("No product has been published in this sector yet."));
    let (_, region) = app.get("/fr/regions/souss-massa").await;
    assert!(region.contains("sector=cosmetics-argan"), "a region page counts its listings by sector");
    let (_, home) = app.get("/en").await;
    assert!(home.contains(r#"href="/en/sectors/cosmetics-argan""#), "the home page's sectors open sector pages");
    app.stop().await;
}

#[tokio::test]
async fn a_search_that_finds_nothing_shows_the_closest_results_and_says_so() {
    let (app, _) = app_with_catalogue().await;
    // Two edits from "safran" (a swap and a missing letter): beyond the one
    // typo a 5-letter word is allowed, within respelling.
    let (status, html) = app.get("/fr/search?q=sfarn").await;
    assert_eq!(status, 200);
    assert!(html.contains(SAFFRON_FR), "the respelt query's results are shown: {html}");
    assert!(html.contains("voici les résultats pour « safran »"), "and the page says so: {html}");
    // No listing has every word: the word that finds nothing goes. (Beside
    // a product name, other words only rank: "safran zzqqxx" finds saffron.)
    let (_, beside) = app.get("/fr/search?q=safran+zzqqxx").await;
    assert!(beside.contains(SAFFRON_FR) && !beside.contains("class=\"broadened"), "{beside}");
    let (_, without) = app.get("/fr/search?q=filaments+zzqqxx").await;
    assert!(without.contains(SAFFRON_FR), "saffron without the unknown word: {without}");
    assert!(without.contains("sans « zzqqxx »"), "the dropped word is named: {without}");
    let (_, nothing) = app.get("/fr/search?q=zzqqxx").await;
    assert!(!nothing.contains("class=\"broadened"), "nothing near, nothing shown instead");
    assert!(nothing.contains("Aucun produit ne correspond"), "{nothing}");
    app.stop().await;
}

#[tokio::test]
async fn suggestions_as_you_type_name_products_listings_and_producers() {
    let (app, _) = app_with_catalogue().await;
    let suggest = |typed: &str, locale: &str| {
        let url = app.url(&format!("/api/suggest?typed={typed}&locale={locale}"));
        let client = app.client.clone();
        async move {
            let response = client.get(url).send().await.expect("suggest answers");
            let status = response.status().as_u16();
            let body: serde_json::Value = response.json().await.expect("JSON");
            (status, body)
        }
    };
    let (status, body) = suggest("saf", "fr").await;
    assert_eq!(status, 200, "{body}");
    let items = body["items"].as_array().expect("items");
    let has = |kind: &str, text: &str| {
        items.iter().any(|item| item["kind"] == kind && item["label"].as_str().is_some_and(|l| l.contains(text)))
    };
    assert!(has("product", "safran"), "a vocabulary concept: {body}");
    assert!(has("listing", SAFFRON_FR), "a listing: {body}");
    let (_, body) = suggest("tifa", "fr").await;
    let items = body["items"].as_array().expect("items");
    assert!(
        items.iter().any(|i| i["kind"] == "producer" && i["label"] == "Coopérative Tifaout"),
        "a producer by the start of its name: {body}"
    );
    let (_, body) = suggest("s", "fr").await;
    assert_eq!(body["items"].as_array().map(Vec::len), Some(0), "one letter gets nothing");
    let (status, _) = suggest(&"a".repeat(61), "fr").await;
    assert_eq!(status, 422, "an over-long text is refused");
    app.stop().await;
}

/// Pages read anonymously are kept until the catalogue changes:
/// an edit shows on the next read, and a signed-in reader never gets the
/// anonymous copy, nor leaves theirs for anonymous readers.
#[tokio::test]
async fn a_kept_anonymous_page_follows_edits_and_is_never_mixed_with_a_signed_in_one() {
    let app = TestApp::spawn().await;
    let producer = app.signed_in("producer", "kept-pages@example.ma").await;
    assert_eq!(producer.save_profile("Coopérative Tifawin", &[]).await.status, 200);
    let id = producer.create_listing("Savon noir beldi").await;
    let publish = producer.post("/api/change_listing_status", &[("id", &id.to_string()), ("change", "publish")]).await;
    assert_eq!(publish.status, 200, "{}", publish.body);
    let path = format!("/fr/listings/{id}");

    let (status, first) = app.get(&path).await;
    assert_eq!(status, 200);
    let (_, kept) = app.get(&path).await;
    assert!(first.contains("Savon noir beldi") && kept.contains("Savon noir beldi"));
    assert!(kept.contains("/fr/account/sign-in"), "the anonymous header");

    let own = producer.get(&path).await;
    assert!(
        own.body.contains("account-name") && !own.body.contains("/fr/account/sign-in"),
        "the producer's own header"
    );
    let (_, anonymous) = app.get(&path).await;
    assert!(!anonymous.contains("account-name") && !anonymous.contains("kept-pages@example.ma"));

    let saved = producer.save_listing(Some(id), "Savon noir à l’eucalyptus").await;
    assert!(saved.status < 400, "{}", saved.body);
    let (_, edited) = app.get(&path).await;
    assert!(
        edited.contains("Savon noir à l’eucalyptus") && !edited.contains("Savon noir beldi"),
        "the edit shows at once"
    );
    app.stop().await;
}
