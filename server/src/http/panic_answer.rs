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

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    async fn panics() -> &'static str {
        panic!("a bug in a handler")
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_a_500_in_the_error_shape() {
        let router = Router::new()
            .route("/boom", get(panics))
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(super::answer));
        let response = router.oneshot(Request::get("/boom").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(json["error"], "internal");
        assert!(!json["message"].as_str().unwrap_or_default().contains("a bug"), "the panic's text stays in the log");
    }
}
