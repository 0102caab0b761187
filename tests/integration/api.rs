//! The public read API: search with facets, bad parameters named in a 400,
//! ETag revalidation, only public listings, the reference data, the
//! per-address limit, and its OpenAPI document with the reference page.

use app::domain::{MAX_PAGE, Sector};
use serde_json::Value;
use server::http::api_v1::{MAX_PER_PAGE, PER_MINUTE};
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
    assert_eq!(body["searched_instead"], Value::Null, "found as asked");
    let (_, respelt) = json(&app, "/api/v1/listings?q=sfarn&lang=fr").await;
    assert_eq!(respelt["searched_instead"], "safran", "{respelt}");
    assert_eq!(respelt["hits"][0]["id"], catalogue.saffron_id);
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

/// The parameters `GET /api/v1/listings` reads (it refuses any other).
const LISTING_PARAMETERS: [&str; 14] = [
    "q",
    "sector",
    "region",
    "certification",
    "label",
    "incoterm",
    "cooperative",
    "verified",
    "moq_max",
    "hs",
    "lang",
    "sort",
    "page",
    "per_page",
];

const PATHS: [&str; 4] = ["/api/v1/listings", "/api/v1/listings/{id}", "/api/v1/producers/{slug}", "/api/v1/reference"];

/// A schema of the document, its `$ref` followed into the components.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str().and_then(|path| path.strip_prefix("#/components/schemas/")) {
        Some(name) => &doc["components"]["schemas"][name],
        None => schema,
    }
}

fn strings(value: &Value) -> Vec<&str> {
    value.as_array().into_iter().flatten().filter_map(Value::as_str).collect()
}

/// The JSON Schema type of a value.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(number) if number.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Whether `value` has the `type` the schema documents (a schema without a
/// plain `type`, such as a reference or an `allOf`, is not checked here).
fn has_documented_type(doc: &Value, schema: &Value, value: &Value) -> bool {
    let documented = match &resolve(doc, schema)["type"] {
        Value::String(name) => vec![name.as_str()],
        names @ Value::Array(_) => strings(names),
        _ => return true,
    };
    documented.contains(&json_type(value)) || (json_type(value) == "integer" && documented.contains(&"number"))
}

#[tokio::test]
async fn the_openapi_document_describes_what_the_handlers_accept() {
    let app = TestApp::spawn().await;
    let response = app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("request");
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.headers()["content-type"].to_str().is_ok_and(|ct| ct.starts_with("application/json")));
    assert_eq!(response.headers()["cache-control"], "public, max-age=3600");
    assert!(response.headers().contains_key("etag"));
    let doc: Value = response.json().await.expect("json");
    assert!(doc["openapi"].as_str().is_some_and(|version| version.starts_with("3.1")), "{}", doc["openapi"]);
    assert_eq!(doc["info"]["title"], "Trade.ma public read API");
    let description = doc["info"]["description"].as_str().unwrap_or_default();
    assert!(description.contains(&PER_MINUTE.to_string()) && description.contains("/api/v1/docs"), "{description}");
    for path in PATHS {
        assert!(doc["paths"][path]["get"].is_object(), "{path} is documented");
        let responses = &doc["paths"][path]["get"]["responses"];
        assert!(responses["200"]["headers"]["ETag"].is_object(), "{path}: {responses}");
        assert!(responses["429"]["headers"]["Retry-After"].is_object(), "{path}: {responses}");
    }

    let operation = &doc["paths"]["/api/v1/listings"]["get"];
    let parameters = operation["parameters"].as_array().expect("the listings' parameters");
    let query: Vec<&Value> = parameters.iter().filter(|parameter| parameter["in"] == "query").collect();
    let mut documented: Vec<&str> = query.iter().filter_map(|parameter| parameter["name"].as_str()).collect();
    documented.sort_unstable();
    let mut accepted = LISTING_PARAMETERS.to_vec();
    accepted.sort_unstable();
    assert_eq!(documented, accepted, "exactly the parameters the handler reads");
    for parameter in &query {
        assert_eq!(parameter["required"], false, "{parameter}");
        assert!(parameter["description"].as_str().is_some_and(|d| !d.is_empty()), "described: {parameter}");
    }
    let parameter = |name: &str| *query.iter().find(|parameter| parameter["name"] == name).expect("documented");
    let sectors: Vec<&str> = Sector::ALL.iter().map(|sector| sector.slug()).collect();
    assert_eq!(strings(&resolve(&doc, &parameter("sector")["schema"])["enum"]), sectors);
    assert_eq!(strings(&doc["components"]["schemas"]["Sector"]["enum"]), sectors);
    assert_eq!(
        doc["components"]["schemas"]["ListingCard"]["properties"]["sector"]["$ref"],
        "#/components/schemas/Sector"
    );
    assert_eq!(resolve(&doc, &parameter("per_page")["schema"])["maximum"], MAX_PER_PAGE);
    assert_eq!(resolve(&doc, &parameter("page")["schema"])["maximum"], MAX_PAGE);
    app.stop().await;
}

#[tokio::test]
async fn the_reference_page_is_plain_escaped_html() {
    let app = TestApp::spawn().await;
    let response = app.client.get(app.url("/api/v1/docs")).send().await.expect("request");
    assert_eq!(response.status().as_u16(), 200);
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(header("content-type").starts_with("text/html"), "{}", header("content-type"));
    assert!(header("content-security-policy").contains("default-src 'none'"), "the policy of non-page answers");
    assert_eq!(header("x-content-type-options"), "nosniff");
    let page = response.text().await.expect("text");
    for path in PATHS {
        assert!(page.contains(path), "{path} is on the page");
    }
    assert!(!page.to_ascii_lowercase().contains("<script"), "no script");
    assert!(!page.contains("style="), "no inline style: the policy forbids it");
    assert!(page.contains("<meta name=\"viewport\""));
    assert!(page.contains("curl &#39;http://127.0.0.1:"), "examples on the public URL, quotes escaped");
    assert!(page.contains("cosmetics-argan"), "an example value");
    let css = page.split("<link rel=\"stylesheet\" href=\"").nth(1).and_then(|rest| rest.split('"').next());
    let css = app.client.get(app.url(css.expect("a stylesheet"))).send().await.expect("request");
    assert_eq!(css.status().as_u16(), 200, "the stylesheet is served");
    assert!(css.headers()["content-type"].to_str().is_ok_and(|ct| ct.starts_with("text/css")));
    app.stop().await;
}

#[tokio::test]
async fn answers_have_their_documented_shape() {
    let (app, _) = app().await;
    let (_, doc) = json(&app, "/api/v1/openapi.json").await;
    let (status, page) = json(&app, "/api/v1/listings?region=souss-massa&per_page=2").await;
    assert_eq!(status, 200, "{page}");
    let schema = &doc["components"]["schemas"]["ListingsPage"];
    let required = strings(&schema["required"]);
    for field in ["total", "page", "per_page", "hits", "facets"] {
        assert!(required.contains(&field), "{field} is documented as always there: {schema}");
    }
    for field in &required {
        let value = page.get(*field).unwrap_or_else(|| panic!("{field} is in the answer: {page}"));
        assert!(has_documented_type(&doc, &schema["properties"][*field], value), "{field}: {value} against {schema}");
    }
    let hit = &page["hits"][0];
    let card = &doc["components"]["schemas"]["ListingCard"];
    for field in strings(&card["required"]).into_iter().chain(["url"]) {
        assert!(hit.get(field).is_some(), "{field} in a hit: {hit}");
    }
    for (field, value) in hit.as_object().expect("a hit is an object") {
        let property = &card["properties"][field.as_str()];
        assert!(field == "url" || property.is_object(), "{field} is documented");
        assert!(field == "url" || has_documented_type(&doc, property, value), "{field}: {value} against {property}");
    }

    let (status, refusal) = json(&app, "/api/v1/listings?colour=red").await;
    assert_eq!(status, 400);
    let error = &doc["components"]["schemas"]["ApiErrorBody"];
    for (field, value) in refusal.as_object().expect("an object") {
        assert!(has_documented_type(&doc, &error["properties"][field.as_str()], value), "{field}: {value}");
    }
    assert!(strings(&resolve(&doc, &error["properties"]["error"])["enum"]).contains(&"invalid_parameter"));
    app.stop().await;
}

/// The words that went stale when Chinese and Portuguese arrived:
/// the `lang` refusal and the document's description of `q` and of the
/// reference data name every interface language, from the list itself.
#[tokio::test]
async fn the_api_names_every_interface_language() {
    let app = TestApp::spawn().await;
    let (status, refusal) = json(&app, "/api/v1/listings?lang=xx").await;
    assert_eq!(status, 400, "{refusal}");
    let message = refusal["message"].as_str().unwrap_or_default();
    let (_, doc) = json(&app, "/api/v1/openapi.json").await;
    let q = doc["paths"]["/api/v1/listings"]["get"]["parameters"]
        .as_array()
        .and_then(|parameters| parameters.iter().find(|p| p["name"] == "q"))
        .map(|q| q["description"].as_str().unwrap_or_default().to_owned())
        .expect("the q parameter");
    let description = doc["info"]["description"].as_str().unwrap_or_default();
    for locale in app::domain::Locale::ALL {
        let code = format!(" {}", locale.code());
        assert!(message.contains(locale.code()), "the refusal names {}: {message}", locale.code());
        assert!(q.contains(locale.code()), "q's description names {}: {q}", locale.code());
        assert!(description.replace('(', " ").contains(&code), "the description names {}", locale.code());
    }
    assert!(!q.contains("four") && !description.contains("Arabic and Spanish"), "no stale count: {q}");
    app.stop().await;
}
