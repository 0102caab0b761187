//! Found by search engines and shared well: absolute canonical
//! and language links, `robots.txt` and sitemaps that follow the catalogue,
//! schema.org data parsed back and checked for the properties search engines
//! require, link-preview tags, and Chinese and Portuguese pages written the
//! readers' way.

use serde_json::Value;
use tests::TestApp;
use tests::fixtures;

use super::showcases::{curate, showcase_fields, showcase_id};

const SITE: &str = "https://trade.example";

async fn app_with_catalogue() -> (TestApp, fixtures::Catalogue) {
    let app = TestApp::spawn_configured(|settings| settings.public_url = SITE.parse().expect("url")).await;
    let catalogue = fixtures::catalogue(&app.db).await;
    app.settle_search().await;
    (app, catalogue)
}

/// `&amp;` and friends back to text, as a crawler reads an attribute.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of `attribute` on every `<tag>` carrying `marker` (e.g. `rel="canonical"`).
fn attribute_values(page: &str, tag: &str, marker: &str, attribute: &str) -> Vec<String> {
    page.split(&format!("<{tag} "))
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap_or(rest.len())])
        .filter(|element| element.contains(marker))
        .filter_map(|element| {
            let start = element.find(&format!("{attribute}=\""))? + attribute.len() + 2;
            let end = start + element[start..].find('"')?;
            Some(unescape(&element[start..end]))
        })
        .collect()
}

fn meta(page: &str, property: &str) -> Option<String> {
    let by_property = attribute_values(page, "meta", &format!("property=\"{property}\""), "content");
    let by_name = attribute_values(page, "meta", &format!("name=\"{property}\""), "content");
    by_property.into_iter().chain(by_name).next()
}

/// Every JSON-LD block of a page, parsed.
fn structured_data(page: &str) -> Vec<Value> {
    page.split(r#"<script type="application/ld+json">"#)
        .skip(1)
        .map(|rest| {
            let json = &rest[..rest.find("</script>").expect("a closed script")];
            serde_json::from_str(json).unwrap_or_else(|error| panic!("JSON-LD does not parse ({error}): {json}"))
        })
        .collect()
}

fn of_type<'a>(blocks: &'a [Value], kind: &str) -> &'a Value {
    blocks.iter().find(|block| block["@type"] == kind).unwrap_or_else(|| panic!("no {kind} in {blocks:?}"))
}

fn text<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value.pointer(pointer).and_then(Value::as_str).unwrap_or_else(|| panic!("no {pointer} in {value}"))
}

#[tokio::test]
async fn canonical_and_language_links_are_absolute_and_name_all_six_languages() {
    let (app, catalogue) = app_with_catalogue().await;
    // Any slug after the id opens the page; the canonical names its own.
    let (status, page) = app.get(&format!("/zh/listings/{}-any-words", catalogue.argan_id)).await;
    assert_eq!(status, 200);
    let canonical = attribute_values(&page, "link", r#"rel="canonical""#, "href");
    assert_eq!(canonical.len(), 1, "one canonical link");
    let path = canonical[0].strip_prefix(&format!("{SITE}/zh")).expect("absolute, in Chinese").to_owned();
    assert!(path.starts_with(&format!("/listings/{}-", catalogue.argan_id)) && !path.ends_with("any-words"), "{path}");
    let mut alternates: Vec<(String, String)> = ["zh-Hans", "pt-BR", "fr", "en", "ar", "es", "x-default"]
        .iter()
        .map(|lang| {
            let hrefs = attribute_values(&page, "link", &format!(r#"hreflang="{lang}""#), "href");
            assert_eq!(hrefs.len(), 1, "one alternate for {lang}");
            (lang.to_string(), hrefs[0].clone())
        })
        .collect();
    alternates.sort();
    for (lang, href) in &alternates {
        let code = match lang.as_str() {
            "zh-Hans" => "zh",
            "pt-BR" => "pt",
            "x-default" => "fr",
            other => other,
        };
        assert_eq!(href, &format!("{SITE}/{code}{path}"), "{lang}");
    }
    assert_eq!(meta(&page, "og:url").as_deref(), Some(format!("{SITE}/zh{path}").as_str()));
    app.stop().await;
}

#[tokio::test]
async fn chinese_and_portuguese_pages_are_complete_and_written_their_readers_way() {
    let (app, catalogue) = app_with_catalogue().await;
    let (_, chinese) = app.get("/zh").await;
    assert!(chinese.contains(r#"lang="zh-Hans""#) && chinese.contains(r#"dir="ltr""#), "html lang");
    assert!(chinese.contains("苏斯-马塞"), "region names in Chinese");
    let (_, by_header) = app.get_with("/", &[("accept-language", "zh-CN,zh;q=0.9,en;q=0.5")]).await;
    assert!(by_header.contains(r#"lang="zh-Hans""#), "negotiated from Accept-Language");
    let (_, by_header) = app.get_with("/", &[("accept-language", "pt-BR,pt;q=0.9")]).await;
    assert!(by_header.contains(r#"lang="pt-BR""#), "negotiated from Accept-Language");

    let path = format!("/listings/{}-huile", catalogue.argan_id);
    let (_, portuguese) = app.get(&format!("/pt{path}")).await;
    assert!(portuguese.contains("22,00–31,00 EUR"), "Brazilian prices use a decimal comma");
    assert!(portuguese.contains("data-fallback"), "no Portuguese text yet: the fallback is marked");
    let (_, chinese) = app.get(&format!("/zh{path}")).await;
    assert!(chinese.contains("22.00–31.00 EUR"), "Chinese prices use a decimal point");
    let (_, french) = app.get(&format!("/fr{path}")).await;
    assert!(french.contains("22,00–31,00\u{a0}EUR") || french.contains("22,00–31,00 EUR"), "French decimal comma");
    app.stop().await;
}

#[tokio::test]
async fn listing_producer_and_showcase_pages_carry_structured_data_and_link_previews() {
    let (app, catalogue) = app_with_catalogue().await;
    let (_, page) = app.get(&format!("/en/listings/{}-huile", catalogue.argan_id)).await;
    let blocks = structured_data(&page);
    let product = of_type(&blocks, "Product");
    assert_eq!(text(product, "/name"), fixtures::ARGAN_EN);
    assert_eq!(text(product, "/brand/name"), "Coopérative Tifaout");
    assert_eq!(text(product, "/manufacturer/name"), "Coopérative Tifaout");
    assert_eq!(text(product, "/manufacturer/address/addressRegion"), "Souss-Massa");
    assert_eq!(text(product, "/countryOfOrigin/identifier"), "MA");
    assert_eq!(text(product, "/offers/priceCurrency"), "EUR");
    assert_eq!((text(product, "/offers/lowPrice"), text(product, "/offers/highPrice")), ("22.00", "31.00"));
    assert!(text(product, "/offers/url").starts_with(SITE));
    assert!(text(product, "/image/0").starts_with(&format!("{SITE}/media/")), "absolute photos");
    // What WhatsApp, WeChat and LinkedIn read.
    let image = meta(&page, "og:image").expect("og:image");
    assert!(image.starts_with(&format!("{SITE}/media/")) && image.ends_with("-1280.jpg"), "{image}");
    assert_eq!(meta(&page, "og:type").as_deref(), Some("product"));
    assert_eq!(meta(&page, "twitter:card").as_deref(), Some("summary_large_image"));
    let summary = meta(&page, "og:description").expect("og:description");
    assert!(summary.contains("22.00–31.00 EUR") && summary.contains("Coopérative Tifaout"), "{summary}");
    assert_eq!(meta(&page, "og:locale").as_deref(), Some("en_US"));

    let (_, page) = app.get(&format!("/fr/producers/{}", catalogue.coop_slug)).await;
    let organization = structured_data(&page);
    let organization = of_type(&organization, "Organization");
    assert_eq!(text(organization, "/name"), "Coopérative Tifaout");
    assert_eq!(text(organization, "/address/addressRegion"), "Souss-Massa");
    assert_eq!(text(organization, "/address/addressCountry"), "MA");
    assert_eq!(text(organization, "/url"), format!("{SITE}/fr/producers/{}", catalogue.coop_slug));

    // A published showcase is an Event at its fair.
    let organiser = app.signed_in("organiser", "salon@fairs.ma").await;
    let created = organiser.post("/api/save_showcase", &showcase_fields(true, &[])).await;
    let id = showcase_id(&created);
    let listing = catalogue.argan_id.to_string();
    assert_eq!(curate(&organiser, &id, "add", ("listing", &listing)).await.status, 200);
    let published =
        organiser.post("/api/change_showcase", &[("id", id.as_str()), ("change", "publish"), ("locale", "fr")]).await;
    assert_eq!(published.status, 200, "{}", published.body);
    let (_, page) = app.get("/fr/showcases/made-in-africa").await;
    let event = structured_data(&page);
    let event = of_type(&event, "Event");
    assert_eq!(text(event, "/name"), "Made in Africa — forum ZLECAf");
    assert_eq!((text(event, "/startDate"), text(event, "/endDate")), ("2027-02-08", "2027-02-10"));
    assert_eq!(text(event, "/location/address/addressLocality"), "Marrakech");
    assert_eq!(text(event, "/location/name"), "Palais des Congrès");
    app.stop().await;
}

#[tokio::test]
async fn a_hostile_title_stays_text_in_structured_data_and_preview_tags() {
    let app = TestApp::spawn().await;
    let hostile = r#"Oil</script><script>alert(1)</script><!-- "q" 'q' & more"#;
    let producer = app.signed_in("producer", "evil@coop.ma").await;
    assert_eq!(producer.save_profile("Evil legal name", &[]).await.status, 200);
    let listing = producer.create_listing(hostile).await;
    let published =
        producer.post("/api/change_listing_status", &[("id", &listing.to_string()), ("change", "publish")]).await;
    assert_eq!(published.status, 200, "{}", published.body);
    let (status, page) = app.get(&format!("/fr/listings/{listing}")).await;
    assert_eq!(status, 200);
    assert!(!page.contains("<script>alert(1)"), "the title never becomes markup");
    let product = structured_data(&page);
    assert_eq!(text(of_type(&product, "Product"), "/name"), hostile, "the JSON-LD carries the text exactly");
    assert!(meta(&page, "og:title").is_some_and(|title| title.starts_with(hostile)), "og:title is the text");
    app.stop().await;
}

#[tokio::test]
async fn robots_and_sitemaps_list_every_public_page_and_follow_the_catalogue() {
    let (app, catalogue) = app_with_catalogue().await;
    let robots = app.client.get(app.url("/robots.txt")).send().await.expect("robots");
    assert_eq!(robots.status(), 200);
    let robots = robots.text().await.expect("text");
    assert!(robots.contains(&format!("Sitemap: {SITE}/sitemap.xml")), "{robots}");
    assert!(robots.contains("Disallow: /api/") && robots.contains("Disallow: /*/dashboard"), "{robots}");

    let index = app.client.get(app.url("/sitemap.xml")).send().await.expect("index");
    assert!(index.headers()["content-type"].to_str().unwrap_or_default().starts_with("application/xml"));
    let index = index.text().await.expect("text");
    for lang in ["fr", "en", "ar", "es", "zh", "pt"] {
        assert!(index.contains(&format!("<loc>{SITE}/sitemaps/{lang}-1.xml</loc>")), "{lang} in {index}");
    }
    let (status, chinese) = app.get("/sitemaps/zh-1.xml").await;
    assert_eq!(status, 200);
    let argan = format!("{SITE}/zh/listings/{}-", catalogue.argan_id);
    assert!(chinese.contains(&argan), "published listings: {chinese}");
    assert!(chinese.contains(&format!("<loc>{SITE}/zh/producers/{}</loc>", catalogue.coop_slug)));
    assert!(chinese.contains(&format!("<loc>{SITE}/zh/regions/souss-massa</loc>")));
    assert!(chinese.contains(&format!("<loc>{SITE}/zh/sectors/automotive</loc>")));
    assert!(!chinese.contains(&format!("/listings/{}-", catalogue.draft_id)), "never a draft");
    assert!(chinese.contains(&format!(r#"hreflang="pt-BR" href="{SITE}/pt/listings/{}-"#, catalogue.argan_id)));
    assert_eq!(chinese.matches("<url>").count(), chinese.matches("</url>").count());

    // A listing published now is in the next read; unpublished, it leaves.
    let producer = app.signed_in("producer", "new@coop.ma").await;
    assert_eq!(producer.save_profile("Nouvelle coopérative", &[]).await.status, 200);
    let fresh = producer.create_listing("Amlou aux amandes").await;
    let change = |change: &'static str| {
        let id = fresh.to_string();
        let producer = &producer;
        async move { producer.post("/api/change_listing_status", &[("id", id.as_str()), ("change", change)]).await }
    };
    assert_eq!(change("publish").await.status, 200);
    let (_, french) = app.get("/sitemaps/fr-1.xml").await;
    assert!(french.contains(&format!("{SITE}/fr/listings/{fresh}-")), "published: listed");
    assert_eq!(change("unpublish").await.status, 200);
    let (_, french) = app.get("/sitemaps/fr-1.xml").await;
    assert!(!french.contains(&format!("/fr/listings/{fresh}-")), "unpublished: gone");
    assert!(french.contains(&format!("{SITE}/fr/listings/{}-", catalogue.argan_id)), "the others stay");

    for missing in ["/sitemaps/xx-1.xml", "/sitemaps/fr-2.xml", "/sitemaps/fr-0.xml", "/sitemaps/fr.xml"] {
        assert_eq!(app.get(missing).await.0, 404, "{missing}");
    }
    app.stop().await;
}
