//! `POST /api/listings/{id}/photos`: photo uploads, as a plain axum route
//! with its own body limit (Leptos's multipart server functions panic on a
//! malformed Content-Type). Accepts `multipart/form-data` with one or more
//! `photos` parts. A plain form post (Accept: text/html) is answered with a
//! redirect back to the listing editor carrying the outcome; anything else
//! gets JSON: `201 {"photos": [ids]}` or `4xx {"error": code, "message": …}`.

use std::sync::Arc;

use app::domain::{ACTING_FOR_COOKIE, AppError, Locale, ProducerAccess};
use axum::Json;
use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use crate::auth::AuthSession;
use crate::services::studio::{PhotoUploads, UploadError};
use crate::state::AppState;

/// Largest upload request: a few phone photos at once.
pub const UPLOAD_BODY_LIMIT: usize = 25 * 1024 * 1024;

/// The same check as the workspace's pages: signed in (else 401), then the
/// one rule of `app::ports::producer_access`.
pub(crate) async fn producer_access(
    auth: &AuthSession,
    headers: &HeaderMap,
    state: &AppState,
) -> Result<ProducerAccess, AppError> {
    let viewer = &auth.user.as_ref().ok_or(AppError::Unauthorized)?.viewer;
    let acting_for = app::api::cookie_value(headers, ACTING_FOR_COOKIE);
    app::ports::producer_access(viewer, acting_for.as_deref(), &*state.services.offices).await
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

fn read_error(error: &MultipartError) -> UploadError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE { UploadError::BodyTooLarge } else { UploadError::Malformed }
}

/// Answers 413 at once when the declared size is over the limit; a chunked
/// body is stopped while it is read by axum's `DefaultBodyLimit`, whose error
/// axum recognises as a 413. (tower-http's `RequestBodyLimitLayer` used to sit
/// here too: its error, wrapped once more, made a chunked 27 MB upload a 422.)
pub async fn refuse_declared_oversize(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    if super::server_fn_input::declared_length(request.headers())
        .is_some_and(|length| length > UPLOAD_BODY_LIMIT as u64)
    {
        let error = UploadError::BodyTooLarge;
        return (StatusCode::PAYLOAD_TOO_LARGE, Json(json!({ "error": error.code(), "message": error.to_string() })))
            .into_response();
    }
    next.run(request).await
}

/// Reads every `photos` part into memory (bounded by the route's body limit).
async fn files(mut multipart: Multipart) -> Result<(Vec<Vec<u8>>, Locale), UploadError> {
    let mut files = Vec::new();
    let mut locale = Locale::DEFAULT;
    while let Some(field) = multipart.next_field().await.map_err(|e| read_error(&e))? {
        match field.name() {
            Some("photos") => {
                let bytes = field.bytes().await.map_err(|e| read_error(&e))?;
                // A file input left empty still posts one empty part.
                if !bytes.is_empty() {
                    files.push(bytes.to_vec());
                }
            }
            Some("locale") => {
                let text = field.text().await.map_err(|e| read_error(&e))?;
                locale = Locale::from_code(&text).unwrap_or(Locale::DEFAULT);
            }
            _ => {}
        }
    }
    Ok((files, locale))
}

pub async fn upload(
    State(uploads): State<Arc<PhotoUploads>>,
    State(state): State<AppState>,
    auth: AuthSession,
    Path(listing_id): Path<i64>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let html = wants_html(&headers);
    let access = match producer_access(&auth, &headers, &state).await {
        Ok(access) => access,
        Err(error) => return refusal(html, listing_id, Locale::DEFAULT, UploadError::App(error)),
    };
    let multipart = match multipart {
        Ok(multipart) => multipart,
        Err(_) => return refusal(html, listing_id, Locale::DEFAULT, UploadError::Malformed),
    };
    // Ownership first, so someone else's listing answers 404 before any reading.
    if let Err(error) = uploads.check_room(&access, listing_id, 1).await {
        return refusal(html, listing_id, Locale::DEFAULT, error);
    }
    let (files, locale) = match files(multipart).await {
        Ok(read) => read,
        Err(error) => return refusal(html, listing_id, Locale::DEFAULT, error),
    };
    match uploads.add(&access, listing_id, files).await {
        Ok(_) if html => Redirect::to(&format!("/{}/dashboard/listings/{listing_id}?upload=ok#photos", locale.code()))
            .into_response(),
        Ok(ids) => (StatusCode::CREATED, Json(json!({ "photos": ids }))).into_response(),
        Err(error) => refusal(html, listing_id, locale, error),
    }
}

/// Reads a form with one file in `field` and the page's `locale`: the
/// file's bytes (empty when none was sent) and the locale, or why the body
/// could not be read (with the locale read so far).
async fn one_file(mut multipart: Multipart, field_name: &str) -> Result<(Vec<u8>, Locale), (Locale, UploadError)> {
    let mut locale = Locale::DEFAULT;
    let mut file = Vec::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some(name) if name == field_name => match field.bytes().await {
                    Ok(bytes) => file = bytes.to_vec(),
                    Err(error) => return Err((locale, read_error(&error))),
                },
                Some("locale") => {
                    if let Ok(text) = field.text().await {
                        locale = Locale::from_code(&text).unwrap_or(Locale::DEFAULT);
                    }
                }
                _ => {}
            },
            Ok(None) => return Ok((file, locale)),
            Err(error) => return Err((locale, read_error(&error))),
        }
    }
}

/// The refusal of a single-file upload: back to its page with the error's
/// code for a browser's form post (`back` makes the address), JSON
/// otherwise, and never a page for what the reader may not see.
fn refuse_one(html: bool, locale: Locale, back: impl Fn(&str) -> String, error: UploadError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    if html && !matches!(status, StatusCode::NOT_FOUND | StatusCode::UNAUTHORIZED) {
        Redirect::to(&back(&format!("upload_error={}", error.code()))).into_response()
    } else {
        answer(status, locale, &error)
    }
}

/// `POST /api/profile/logo`: one `logo` part; answers like `upload`.
pub async fn upload_logo(
    State(uploads): State<Arc<PhotoUploads>>,
    State(state): State<AppState>,
    auth: AuthSession,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let html = wants_html(&headers);
    let back = |locale: Locale| move |outcome: &str| format!("/{}/dashboard/profile?{outcome}#logo", locale.code());
    let refuse = |locale: Locale, error: UploadError| {
        tracing::info!(%error, "logo upload refused");
        refuse_one(html, locale, back(locale), error)
    };
    let access = match producer_access(&auth, &headers, &state).await {
        Ok(access) => access,
        Err(error) => return refuse(Locale::DEFAULT, UploadError::App(error)),
    };
    let Ok(multipart) = multipart else { return refuse(Locale::DEFAULT, UploadError::Malformed) };
    let (logo, locale) = match one_file(multipart, "logo").await {
        Ok(read) => read,
        Err((locale, error)) => return refuse(locale, error),
    };
    match uploads.set_logo(&access, logo).await {
        Ok(()) if html => Redirect::to(&back(locale)("logo=ok")).into_response(),
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => refuse(locale, error),
    }
}

/// `POST /api/showcases/{id}/cover` (multipart: `cover`, `locale`): a
/// showcase's cover photo, for its own organiser.
pub async fn upload_showcase_cover(
    State(uploads): State<Arc<PhotoUploads>>,
    auth: AuthSession,
    Path(showcase_id): Path<i64>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let html = wants_html(&headers);
    let back = |locale: Locale| {
        move |outcome: &str| format!("/{}/organiser/showcases/{showcase_id}?{outcome}#cover", locale.code())
    };
    let refuse = |locale: Locale, error: UploadError| {
        tracing::info!(%error, showcase = showcase_id, "cover upload refused");
        refuse_one(html, locale, back(locale), error)
    };
    let Some(viewer) = auth.user.as_ref().map(|user| user.viewer.clone()) else {
        return refuse(Locale::DEFAULT, UploadError::App(AppError::Unauthorized));
    };
    let organiser = match viewer.as_organiser() {
        Ok(organiser) => organiser,
        Err(error) => return refuse(Locale::DEFAULT, UploadError::App(error)),
    };
    let Ok(multipart) = multipart else { return refuse(Locale::DEFAULT, UploadError::Malformed) };
    let (cover, locale) = match one_file(multipart, "cover").await {
        Ok(read) => read,
        Err((locale, error)) => return refuse(locale, error),
    };
    match uploads.set_showcase_cover(&organiser, showcase_id, cover).await {
        Ok(()) if html => Redirect::to(&back(locale)("cover=ok")).into_response(),
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => refuse(locale, error),
    }
}

fn refusal(html: bool, listing_id: i64, locale: Locale, error: UploadError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    if status.is_server_error() {
        tracing::error!(%error, listing = listing_id, "photo upload failed");
    } else {
        tracing::info!(%error, listing = listing_id, "photo upload refused");
    }
    let hidden = matches!(status, StatusCode::NOT_FOUND | StatusCode::UNAUTHORIZED);
    if html && !hidden {
        let target = format!("/{}/dashboard/listings/{listing_id}?upload_error={}#photos", locale.code(), error.code());
        return Redirect::to(&target).into_response();
    }
    answer(status, locale, &error)
}

/// The JSON refusal: the error's code and its message in the reader's
/// language (the page's own text for that code; English where it has none),
/// with `Retry-After` when trying again later is the remedy (503).
fn answer(status: StatusCode, locale: Locale, error: &UploadError) -> Response {
    let message = app::i18n::messages(locale)
        .get(&format!("upload.{}", error.code()))
        .map_or_else(|| error.to_string(), str::to_owned);
    let mut response = (status, Json(json!({ "error": error.code(), "message": message }))).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(header::RETRY_AFTER, axum::http::HeaderValue::from_static("30"));
    }
    response
}
