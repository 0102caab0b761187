//! The public read API for partners (regional trade offices, chambers of
//! commerce, trade-promotion agencies), `/api/v1/…`: listings searched and
//! faceted like the search page, one listing, one producer, and the
//! reference data with names in every language. Only what buyers may see
//! (the `Catalog` port reads through `repo::visibility`). Every answer is
//! JSON with an `ETag` and `Cache-Control`; a bad parameter is a 400 naming
//! it; each client address may make `PER_MINUTE` requests a minute (429 with
//! `Retry-After` beyond).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::domain::{
    AppError, Certification, Incoterm, ListingQuery, Locale, OriginLabel, Region, SearchFacet, SearchSort, Sector,
};
use app::i18n::messages;
use axum::Router;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::auth::rate_limit::{Limiter, address_key};
use crate::http::client_address::ClientAddress;
use crate::state::AppState;

/// Requests per minute per client address.
pub const PER_MINUTE: u32 = 120;
/// Most listings per page.
pub const MAX_PER_PAGE: u64 = 100;
const CACHE: &str = "public, max-age=60";

/// The routes, with their own per-address limiter.
pub fn routes() -> Router<AppState> {
    let limiter = Arc::new(Limiter::new(PER_MINUTE, Duration::from_secs(60)));
    Router::new()
        .route("/api/v1/listings", get(listings))
        .route("/api/v1/listings/{id}", get(listing))
        .route("/api/v1/producers/{slug}", get(producer))
        .route("/api/v1/reference", get(reference))
        .layer(axum::middleware::from_fn_with_state(limiter, limit))
}

/// A refusal, as JSON: `{"error": code, "message": …, "parameter": …}`.
struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    parameter: Option<String>,
}

impl ApiError {
    fn parameter(name: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_parameter",
            message: message.into(),
            parameter: Some(name.to_owned()),
        }
    }

    fn from_app(error: AppError) -> ApiError {
        let (status, code, message) = match &error {
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", "nothing public has this identifier".to_owned()),
            AppError::Invalid { field, reason } => {
                return ApiError::parameter(if field == "q" { "q" } else { field }, reason.clone());
            }
            AppError::Unavailable => {
                (StatusCode::SERVICE_UNAVAILABLE, "unavailable", "try again in a few seconds".to_owned())
            }
            _ => (StatusCode::INTERNAL_SERVER_ERROR, "internal", "something failed on our side".to_owned()),
        };
        ApiError { status, code, message, parameter: None }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.code, "message": self.message });
        if let Some(parameter) = self.parameter {
            body["parameter"] = Value::String(parameter);
        }
        (self.status, axum::Json(body)).into_response()
    }
}

/// 429 with `Retry-After` past the per-address limit.
async fn limit(State(limiter): State<Arc<Limiter>>, request: Request, next: Next) -> Response {
    let key = request
        .extensions()
        .get::<ClientAddress>()
        .map(|ClientAddress(address)| address_key(*address))
        .unwrap_or_else(|| "unknown".to_owned());
    if !limiter.try_hit(&key, Instant::now()) {
        let mut response = ApiError {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: "rate_limited",
            message: format!("at most {PER_MINUTE} requests a minute per address"),
            parameter: None,
        }
        .into_response();
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return response;
    }
    next.run(request).await
}

/// JSON with a strong `ETag`; `304` when the client has this version.
fn cached(headers: &HeaderMap, body: &Value) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    let digest = Sha256::digest(&bytes);
    let tag = format!("\"{}\"", digest.iter().take(16).map(|b| format!("{b:02x}")).collect::<String>());
    let matches = headers.get(header::IF_NONE_MATCH).and_then(|value| value.to_str().ok()).is_some_and(|value| {
        value.split(',').map(str::trim).any(|candidate| candidate == "*" || candidate.trim_start_matches("W/") == tag)
    });
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
    };
    if let Ok(value) = HeaderValue::from_str(&tag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    // Results from the database stand-in are not worth keeping.
    let degraded = body.get("degraded").and_then(Value::as_bool).unwrap_or(false);
    let cache = if degraded { "no-store" } else { CACHE };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// The answer as cached JSON, or the refusal.
fn respond(headers: &HeaderMap, answer: Result<Value, ApiError>) -> Response {
    match answer {
        Ok(body) => cached(headers, &body),
        Err(error) => error.into_response(),
    }
}

fn locale_of(params: &BTreeMap<String, String>) -> Result<Locale, ApiError> {
    match params.get("lang") {
        None => Ok(Locale::En),
        Some(code) => Locale::from_code(code)
            .ok_or_else(|| ApiError::parameter("lang", format!("`{code}` is not one of fr, en, ar, es"))),
    }
}

fn slug<T>(params: &BTreeMap<String, String>, name: &str, parse: fn(&str) -> Option<T>) -> Result<Option<T>, ApiError> {
    match params.get(name) {
        None => Ok(None),
        Some(value) => parse(value)
            .map(Some)
            .ok_or_else(|| ApiError::parameter(name, format!("unknown {name} `{value}`: see /api/v1/reference"))),
    }
}

fn flag(params: &BTreeMap<String, String>, name: &str) -> Result<bool, ApiError> {
    match params.get(name).map(String::as_str) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(ApiError::parameter(name, format!("`{other}` is neither true nor false"))),
    }
}

fn number(
    params: &BTreeMap<String, String>,
    name: &str,
    range: std::ops::RangeInclusive<u64>,
) -> Result<Option<u64>, ApiError> {
    match params.get(name) {
        None => Ok(None),
        Some(value) => value.parse::<u64>().ok().filter(|n| range.contains(n)).map(Some).ok_or_else(|| {
            ApiError::parameter(
                name,
                format!("`{value}` is not a whole number from {} to {}", range.start(), range.end()),
            )
        }),
    }
}

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

/// The search of `GET /api/v1/listings` from its parameters.
fn listing_query(params: &BTreeMap<String, String>) -> Result<(ListingQuery, u64), ApiError> {
    if let Some(unknown) = params.keys().find(|key| !LISTING_PARAMETERS.contains(&key.as_str())) {
        return Err(ApiError::parameter(
            unknown,
            format!("unknown parameter: the parameters are {}", LISTING_PARAMETERS.join(", ")),
        ));
    }
    let hs = match params.get("hs") {
        None => None,
        Some(code) => {
            let digits: String = code.chars().filter(char::is_ascii_digit).collect();
            if !matches!(digits.len(), 2 | 4 | 6) || code.chars().any(|c| !c.is_ascii_digit() && c != '.') {
                return Err(ApiError::parameter(
                    "hs",
                    format!("`{code}` is not an HS chapter, heading or subheading such as 1515 or 1515.90"),
                ));
            }
            Some(digits)
        }
    };
    let query = ListingQuery {
        text: params.get("q").cloned().unwrap_or_default(),
        sector: slug(params, "sector", Sector::from_slug)?,
        region: slug(params, "region", Region::from_slug)?,
        certification: slug(params, "certification", Certification::from_slug)?,
        label: slug(params, "label", OriginLabel::from_slug)?,
        incoterm: slug(params, "incoterm", Incoterm::from_slug)?,
        cooperative: flag(params, "cooperative")?,
        verified: flag(params, "verified")?,
        moq_max: number(params, "moq_max", 1..=u64::from(u32::MAX))?,
        hs,
        sort: slug(params, "sort", SearchSort::from_slug)?.unwrap_or_default(),
        page: number(params, "page", 1..=u64::from(app::domain::MAX_PAGE))?.map_or(1, |p| p as u32),
    };
    let per_page = number(params, "per_page", 1..=MAX_PER_PAGE)?.unwrap_or(24);
    Ok((query, per_page))
}

async fn listings(
    State(state): State<AppState>,
    Query(params): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let answer = async {
        let locale = locale_of(&params)?;
        let (query, per_page) = listing_query(&params)?;
        let results =
            state.services.catalog.find_listings(&query, locale, per_page).await.map_err(ApiError::from_app)?;
        let facets: serde_json::Map<String, Value> = results
            .facets
            .iter()
            .map(|group| {
                let values: serde_json::Map<String, Value> =
                    group.values.iter().map(|v| (v.slug.clone(), json!(v.count))).collect();
                (group.facet.slug().to_owned(), Value::Object(values))
            })
            .collect();
        let hits: Vec<Value> = results
            .cards
            .iter()
            .map(|card| {
                let mut hit = serde_json::to_value(card).unwrap_or(Value::Null);
                hit["url"] = Value::String(format!(
                    "{}{}",
                    state.settings.public_url.as_str().trim_end_matches('/'),
                    card.path(locale)
                ));
                hit
            })
            .collect();
        Ok::<_, ApiError>(json!({
            "total": results.total,
            "page": results.page,
            "per_page": per_page,
            "degraded": results.degraded,
            "hits": hits,
            "facets": facets,
        }))
    }
    .await;
    respond(&headers, answer)
}

async fn listing(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let answer = async {
        let locale = locale_of(&params)?;
        let id: i64 = id.parse().map_err(|_| ApiError::parameter("id", format!("`{id}` is not a listing id")))?;
        let detail = state.services.catalog.listing(id, locale).await.map_err(ApiError::from_app)?;
        Ok::<_, ApiError>(serde_json::to_value(&detail).unwrap_or(Value::Null))
    }
    .await;
    respond(&headers, answer)
}

async fn producer(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let answer = async {
        let locale = locale_of(&params)?;
        let detail = state.services.catalog.producer(&slug, locale).await.map_err(ApiError::from_app)?;
        Ok::<_, ApiError>(serde_json::to_value(&detail).unwrap_or(Value::Null))
    }
    .await;
    respond(&headers, answer)
}

/// Slugs with their names in every interface language.
fn named<T: Copy>(
    values: &[T],
    slug: fn(T) -> &'static str,
    name: fn(T, &app::i18n::Messages) -> &'static str,
) -> Value {
    Value::Array(
        values
            .iter()
            .map(|value| {
                let names: serde_json::Map<String, Value> = Locale::ALL
                    .iter()
                    .map(|locale| (locale.code().to_owned(), Value::String(name(*value, messages(*locale)).to_owned())))
                    .collect();
                json!({ "slug": slug(*value), "names": names })
            })
            .collect(),
    )
}

async fn reference(headers: HeaderMap) -> Response {
    let body = json!({
        "sectors": named(Sector::ALL, Sector::slug, Sector::name),
        "regions": named(Region::ALL, Region::slug, Region::name),
        "certifications": named(Certification::ALL, Certification::slug, Certification::name),
        "labels": named(OriginLabel::ALL, OriginLabel::slug, OriginLabel::name),
        "incoterms": named(Incoterm::ALL, Incoterm::slug, Incoterm::name),
        "facets": SearchFacet::ALL.iter().map(|f| f.slug()).collect::<Vec<_>>(),
        "sorts": SearchSort::ALL.iter().map(|s| s.slug()).collect::<Vec<_>>(),
        "languages": Locale::ALL.iter().map(|l| l.code()).collect::<Vec<_>>(),
    });
    cached(&headers, &body)
}
