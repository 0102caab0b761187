//! The public read API: search with facets, bad parameters named in a 400,
//! ETag revalidation, only public listings, the reference data, and the
//! per-address limit.

use tests::TestApp;
use tests::fixtures::{self, SAFFRON_FR};

async fn app() -> (TestApp, fixtures::Catalogue) {
    let app = TestApp::spawn().await;
    let catalogue = fixtures::catalogue(&app.db).await;
    app.settle_search().await;
    (app, catalogue)
}

async fn json(app: &TestApp, path: &str) -> (u16, serde_json::Value) {
    let (status, body) = app.get(path).await;
    (status, serde_json::from_str(&body).unwrap_or_else(|_| panic!("{path} answers JSON: {body}")))
}

#[tokio::test]
async fn listings_are_searched_filtered_and_counted() {
    let (app, catalogue) = app().await;
    let (status, body) = json(&app, "/api/v1/listings?q=safran&lang=fr").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["total"], 1);
    assert_eq!(body["hits"][0]["id"], catalogue.saffron_id);
    assert_eq!(body["hits"][0]["title"]["text"], SAFFRON_FR);
    assert!(body["hits"][0]["url"].as_str().is_some_and(|url| url.starts_with("http://127.0.0.1:")));
    let (_, all) = json(&app, "/api/v1/listings?region=souss-massa&per_page=1").await;
    assert_eq!(all["total"], 3, "the draft is never listed: {all}");
    assert_eq!(all["hits"].as_array().map(Vec::len), Some(1));
    assert_eq!(all["facets"]["sector"]["agrifood"], 2, "{all}");
    assert_eq!(all["facets"]["region"]["souss-massa"], 3);
    let (status, detail) = json(&app, &format!("/api/v1/listings/{}?lang=fr", catalogue.saffron_id)).await;
    assert_eq!(status, 200, "{detail}");
    let (status, _) = json(&app, &format!("/api/v1/listings/{}", catalogue.draft_id)).await;
    assert_eq!(status, 404, "a draft does not exist for the API");
    let (status, producer) = json(&app, &format!("/api/v1/producers/{}", catalogue.coop_slug)).await;
    assert_eq!(status, 200, "{producer}");
    app.stop().await;
}

#[tokio::test]
async fn bad_parameters_are_named_and_answers_revalidate() {
    let (app, _) = app().await;
    for (query, parameter) in [
        ("sector=nope", "sector"),
        ("lang=xx", "lang"),
        ("per_page=1000", "per_page"),
        ("page=0", "page"),
        ("cooperative=maybe", "cooperative"),
        ("hs=15a", "hs"),
        ("colour=red", "colour"),
        ("sort=cheapest", "sort"),
    ] {
        let (status, body) = json(&app, &format!("/api/v1/listings?{query}")).await;
        assert_eq!((status, body["parameter"].as_str()), (400, Some(parameter)), "{query}: {body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let first = app.client.get(app.url("/api/v1/reference")).send().await.expect("request");
    assert_eq!(first.status().as_u16(), 200);
    assert_eq!(first.headers()["cache-control"], "public, max-age=60");
    let tag = first.headers()["etag"].to_str().expect("etag").to_owned();
    let body: serde_json::Value = first.json().await.expect("json");
    assert_eq!(body["regions"].as_array().map(Vec::len), Some(12));
    assert_eq!(body["sectors"][0]["names"]["ar"].as_str().map(|n| n.is_empty()), Some(false));
    let again =
        app.client.get(app.url("/api/v1/reference")).header("if-none-match", &tag).send().await.expect("request");
    assert_eq!(again.status().as_u16(), 304, "unchanged: not sent again");
    app.stop().await;
}

#[tokio::test]
async fn each_address_is_limited() {
    let app = TestApp::spawn().await;
    let mut statuses = Vec::new();
    for _ in 0..=server::http::api_v1::PER_MINUTE {
        let response = app.client.get(app.url("/api/v1/reference")).send().await.expect("request");
        statuses.push((response.status().as_u16(), response.headers().get("retry-after").cloned()));
    }
    assert!(statuses[..statuses.len() - 1].iter().all(|(status, _)| *status == 200));
    let (status, retry) = statuses.last().cloned().expect("last");
    assert_eq!(status, 429);
    assert!(retry.is_some(), "429 says when to come back");
    app.stop().await;
}
