//! A request whose handler panics gets an answer: a logged 500 in the
//! API's error shape (`{"error": "internal", "message": …}`), instead of a
//! connection closed with nothing said (tower-http's `CatchPanicLayer`). The
//! panic's text goes to the log, never to the client.

use std::any::Any;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The answer to a panic.
pub fn answer(panic: Box<dyn Any + Send + 'static>) -> Response {
    let text = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = text, "a request handler panicked; answered 500");
    let body = json!({
        "error": "internal",
        "message": "Something failed on our side and has been logged. Try again; if it keeps failing, tell us what you were doing.",
    });
    (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)).into_response()
}
