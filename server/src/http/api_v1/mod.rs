//! The public read API for partners (regional trade offices, chambers of
//! commerce, trade-promotion agencies), `/api/v1/…`: listings searched and
//! faceted like the search page, one listing, one producer, and the
//! reference data with names in every language. Only what buyers may see
//! (the `Catalog` port reads through `repo::visibility`). Every answer is
//! JSON with an `ETag` and `Cache-Control`; a bad parameter is a 400 naming
//! it; each client address may make `PER_MINUTE` requests a minute, counted
//! for the whole fleet in the database (429 with `Retry-After` beyond).
//!
//! The answers are the types of `wire` and the parameters are documented in
//! `params`; with the handlers' `#[utoipa::path]` annotations they make the
//! OpenAPI 3.1 document served at `/api/v1/openapi.json` (`openapi`) and its
//! readable rendering at `/api/v1/docs` (`reference_page`), both under the
//! same limit.

pub mod openapi;
pub mod params;
pub mod reference_page;
pub mod wire;

use std::collections::BTreeMap;

use app::domain::AppError;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use serde::Serialize;
use sha2::{Digest, Sha256};

use self::params::{LanguageParameter, ListingParameters, Revalidation, listing_query, locale_of};
use self::wire::{ApiErrorBody, ErrorCode, Listing, ListingsPage, Producer, Reference};
use crate::auth::rate_limit::{API_ADDRESS, Limiter, address_key};
use crate::db::Db;
use crate::http::client_address::ClientAddress;
use crate::state::AppState;

/// Requests per minute per client address (`rate_limit::API_ADDRESS`).
pub const PER_MINUTE: u32 = API_ADDRESS.limit;
const _: () = assert!(API_ADDRESS.period.num_seconds() == 60, "PER_MINUTE counts a minute");
/// Most listings per page.
pub const MAX_PER_PAGE: u64 = 100;
const CACHE: &str = "public, max-age=60";
/// `Cache-Control` of the OpenAPI document and of its reference page.
const DOCUMENT_CACHE: &str = "public, max-age=3600";

/// The routes, with their per-address limiter counted in `db`.
pub fn routes(db: Db) -> Router<AppState> {
    let limiter = Limiter::new(db, API_ADDRESS);
    Router::new()
        .route("/api/v1/listings", get(listings))
        .route("/api/v1/listings/{id}", get(listing))
        .route("/api/v1/producers/{slug}", get(producer))
        .route("/api/v1/reference", get(reference))
        .route("/api/v1/openapi.json", get(openapi::serve))
        .route("/api/v1/docs", get(reference_page::serve))
        .layer(axum::middleware::from_fn_with_state(limiter, limit))
}

/// A refusal, as JSON: `{"error": code, "message": …, "parameter": …}`.
struct ApiError {
    code: ErrorCode,
    message: String,
    parameter: Option<String>,
}

impl ApiError {
    fn parameter(name: &str, message: impl Into<String>) -> ApiError {
        ApiError { code: ErrorCode::InvalidParameter, message: message.into(), parameter: Some(name.to_owned()) }
    }

    fn from_app(error: AppError) -> ApiError {
        let (code, message) = match error {
            AppError::NotFound => (ErrorCode::NotFound, "nothing public has this identifier"),
            AppError::Invalid { field, reason } => return ApiError::parameter(&field, reason),
            AppError::Unavailable => (ErrorCode::Unavailable, "try again in a few seconds"),
            _ => (ErrorCode::Internal, "something failed on our side"),
        };
        ApiError { code, message: message.to_owned(), parameter: None }
    }

    fn status(&self) -> StatusCode {
        match self.code {
            ErrorCode::InvalidParameter => StatusCode::BAD_REQUEST,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = ApiErrorBody { error: self.code, message: self.message, parameter: self.parameter };
        let mut response = (status, axum::Json(body)).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            // The database or the search was away: worth trying again soon.
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        response
    }
}

/// 429 with `Retry-After` past the per-address limit; the usual error answer
/// (503 or 500, the cause logged) when the count cannot be kept.
async fn limit(State(limiter): State<Limiter>, request: Request, next: Next) -> Response {
    let key = request
        .extensions()
        .get::<ClientAddress>()
        .map(|ClientAddress(address)| address_key(*address))
        .unwrap_or_else(|| "unknown".to_owned());
    let allowed = match limiter.try_hit(&key, Utc::now()).await {
        Ok(allowed) => allowed,
        Err(error) => return ApiError::from_app(error.into()).into_response(),
    };
    if !allowed {
        let mut response = ApiError {
            code: ErrorCode::RateLimited,
            message: format!("at most {PER_MINUTE} requests a minute per address"),
            parameter: None,
        }
        .into_response();
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return response;
    }
    next.run(request).await
}

/// `body` with a strong `ETag` and `Cache-Control`; `304` when the client
/// has this version.
fn tagged(headers: &HeaderMap, body: Bytes, content_type: &'static str, cache: &'static str) -> Response {
    let digest = Sha256::digest(&body[..]);
    let tag = format!("\"{}\"", digest.iter().take(16).map(|b| format!("{b:02x}")).collect::<String>());
    let matches = headers.get(header::IF_NONE_MATCH).and_then(|value| value.to_str().ok()).is_some_and(|value| {
        value.split(',').map(str::trim).any(|candidate| candidate == "*" || candidate.trim_start_matches("W/") == tag)
    });
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    if let Ok(value) = HeaderValue::from_str(&tag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// JSON with a strong `ETag`. Written through `serde_json::Value`, whose maps
/// keep their keys sorted: the bytes, and so the tag, depend on the content
/// alone (and are those the API sent before its answers had types).
fn cached<T: Serialize>(headers: &HeaderMap, body: &T, cache: &'static str) -> Response {
    let bytes = serde_json::to_value(body).and_then(|value| serde_json::to_vec(&value)).unwrap_or_default();
    tagged(headers, Bytes::from(bytes), "application/json", cache)
}

/// The answer as cached JSON, or the refusal.
fn respond<T: Serialize>(headers: &HeaderMap, answer: Result<T, ApiError>) -> Response {
    match answer {
        Ok(body) => cached(headers, &body, CACHE),
        Err(error) => error.into_response(),
    }
}

/// Search the listings buyers can see.
///
/// Words and filters as on the site's search page; one page of hits, and for
/// each facet the number of results each value would give. Filters combine.
/// Any parameter not listed here is refused with a 400 naming it.
#[utoipa::path(
    get,
    path = "/api/v1/listings",
    tag = "listings",
    params(ListingParameters, Revalidation),
    responses(
        (status = 200, description = "One page of matching listings, with facet counts.", body = ListingsPage,
            headers(
                ("ETag" = String, description = "The version of this answer, for `If-None-Match`."),
                ("Cache-Control" = String, description = "`public, max-age=60`; `no-store` when `degraded` is true.")
            )),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current.",
            headers(("ETag" = String, description = "The current version."))),
        (status = 400, description = "A parameter is unknown or has a bad value; `parameter` names it.",
            body = ApiErrorBody),
        (status = 429, description = "Too many requests from this address this minute.", body = ApiErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait."))),
        (status = 503, description = "The catalogue is briefly unavailable.", body = ApiErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait.")))
    )
)]
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
        Ok::<_, ApiError>(ListingsPage::new(results, per_page, locale, state.settings.public_url.as_str()))
    }
    .await;
    match answer {
        // Results from the database stand-in are not worth keeping.
        Ok(page) => cached(&headers, &page, if page.degraded { "no-store" } else { CACHE }),
        Err(error) => error.into_response(),
    }
}

/// One listing buyers can see.
///
/// Everything its page on the site shows, with its producer.
#[utoipa::path(
    get,
    path = "/api/v1/listings/{id}",
    tag = "listings",
    params(
        ("id" = i64, Path, description = "The listing's id (the `id` of a search hit).", example = 12),
        LanguageParameter,
        Revalidation
    ),
    responses(
        (status = 200, description = "The listing.", body = Listing,
            headers(
                ("ETag" = String, description = "The version of this answer, for `If-None-Match`."),
                ("Cache-Control" = String, description = "`public, max-age=60`.")
            )),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current.",
            headers(("ETag" = String, description = "The current version."))),
        (status = 400, description = "`id` is not a number, or `lang` is unknown; `parameter` names it.",
            body = ApiErrorBody),
        (status = 404, description = "No listing buyers can see has this id (drafts and archived ones are not here).",
            body = ApiErrorBody),
        (status = 429, description = "Too many requests from this address this minute.", body = ApiErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait."))),
        (status = 503, description = "The catalogue is briefly unavailable.", body = ApiErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait.")))
    )
)]
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
        Ok::<_, ApiError>(Listing::from(detail))
    }
    .await;
    respond(&headers, answer)
}

/// One producer's public profile.
///
/// Everything the producer's page on the site shows, with their published listings.
#[utoipa::path(
    get,
    path = "/api/v1/producers/{slug}",
    tag = "producers",
    params(
        ("slug" = String, Path, description = "The producer's slug (`producer_slug` of a search hit).",
            example = "cooperative-tamaynut"),
        LanguageParameter,
        Revalidation
    ),
    responses(
        (status = 200, description = "The producer.", body = Producer,
            headers(
                ("ETag" = String, description = "The version of this answer, for `If-None-Match`."),
                ("Cache-Control" = String, description = "`public, max-age=60`.")
            )),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current.",
            headers(("ETag" = String, description = "The current version."))),
        (status = 400, description = "`lang` is unknown; `parameter` names it.", body = ApiErrorBody),
        (status = 404, description = "No producer buyers can see has this slug.", body = ApiErrorBody),
        (status = 429, description = "Too many requests from this address this minute.", body = ApiErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait."))),
        (status = 503, description = "The catalogue is briefly unavailable.", body = ApiErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait.")))
    )
)]
async fn producer(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let answer = async {
        let locale = locale_of(&params)?;
        let detail = state.services.catalog.producer(&slug, locale).await.map_err(ApiError::from_app)?;
        Ok::<_, ApiError>(Producer::from(detail))
    }
    .await;
    respond(&headers, answer)
}

/// The reference data.
///
/// Every sector, region, certification, origin label and Incoterm with its
/// name in each interface language, and the facets, orders and languages of
/// `GET /api/v1/listings`.
#[utoipa::path(
    get,
    path = "/api/v1/reference",
    tag = "reference",
    params(Revalidation),
    responses(
        (status = 200, description = "The reference data.", body = Reference,
            headers(
                ("ETag" = String, description = "The version of this answer, for `If-None-Match`."),
                ("Cache-Control" = String, description = "`public, max-age=60`.")
            )),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current.",
            headers(("ETag" = String, description = "The current version."))),
        (status = 429, description = "Too many requests from this address this minute.", body = ApiErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait.")))
    )
)]
async fn reference(headers: HeaderMap) -> Response {
    cached(&headers, &Reference::current(), CACHE)
}
