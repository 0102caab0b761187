//! Malformed calls to server functions get a clear 4xx, never a 500, and no
//! deserializer text. Two things happen around every page and server function:
//!
//! - A request body is read here, bounded, before Leptos sees it: over the
//!   limit answers 413 whether the size was declared (`Content-Length`) or
//!   not (chunked), and a body cut short answers 400.
//! - A server function's error answer gets the status its `AppError` stands
//!   for (server_fn answers every error 500 unless our code set one, which it
//!   cannot do when the arguments do not even decode), and a `BadRequest`
//!   answer is given the `{error, message}` shape the upload routes use.
//!   A 503 carries `Retry-After`.

use app::domain::AppError;
use axum::Json;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde_json::json;

/// Largest request body a page or server function accepts.
pub const BODY_LIMIT_BYTES: usize = 256 * 1024;
/// The header server_fn puts on an error answer.
const SERVER_FN_ERROR: &str = "serverfnerror";
/// An error answer is a small JSON value; anything larger is left alone.
const ERROR_BODY_MAX: usize = 64 * 1024;

/// A refusal in the shape every non-page answer uses.
pub fn refusal(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(json!({ "error": code, "message": message }))).into_response()
}

fn too_large() -> Response {
    refusal(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        "This request is larger than 256 KB. Forms never are: shorten the text, or send photos through the upload form.",
    )
}

fn malformed() -> Response {
    refusal(
        StatusCode::BAD_REQUEST,
        "bad_request",
        "This request is malformed: a parameter is missing, repeated or not of the expected form. \
         Reload the page and send the form again.",
    )
}

/// The body size a request declares (`Content-Length`), if it declares one.
pub fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(header::CONTENT_LENGTH).and_then(|value| value.to_str().ok()).and_then(|value| value.parse().ok())
}

/// The middleware: reads a request body bounded, then gives an error answer
/// its proper status (see the module header).
pub async fn check(request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return normalise(next.run(request).await).await;
    }
    if declared_length(request.headers()).is_some_and(|length| length > BODY_LIMIT_BYTES as u64) {
        return too_large();
    }
    let (parts, body) = request.into_parts();
    let bytes = match Limited::new(body, BODY_LIMIT_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => return too_large(),
        Err(error) => {
            tracing::info!(%error, path = %parts.uri.path(), "request body could not be read");
            return malformed();
        }
    };
    normalise(next.run(Request::from_parts(parts, Body::from(bytes))).await).await
}

/// Seconds a client should wait before retrying a 503.
const RETRY_AFTER_SECONDS: &str = "2";

/// Gives a server function's error answer the status of its `AppError`; a
/// 503 (database busy or unreachable) says when to try again.
async fn normalise(response: Response) -> Response {
    let mut response = with_status_of_error(response).await;
    if response.status() == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().entry(header::RETRY_AFTER).or_insert(HeaderValue::from_static(RETRY_AFTER_SECONDS));
    }
    response
}

async fn with_status_of_error(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !response.headers().contains_key(SERVER_FN_ERROR) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match Limited::new(body, ERROR_BODY_MAX).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => {
            tracing::error!(%error, "cannot read a server function's error answer");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match serde_json::from_slice::<AppError>(&bytes) {
        Ok(AppError::BadRequest) => malformed(),
        Ok(error) => {
            parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(_) => Response::from_parts(parts, Body::from(bytes)),
    }
}
