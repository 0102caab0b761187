//! The request metrics: how many, how long and how many at once, by route
//! template (`/{lang}/listings/{id}`, never the URL: one series per route,
//! however many listings there are), method and status class.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

/// The label of requests no route matched (files, the pages' fallback).
const UNMATCHED: &str = "unmatched";

/// The middleware.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or(UNMATCHED, MatchedPath::as_str).to_owned();
    let method = request.method().as_str().to_owned();
    let in_flight = metrics::gauge!("tradema_http_requests_in_flight");
    in_flight.increment(1.0);
    let started = Instant::now();
    let response = next.run(request).await;
    in_flight.decrement(1.0);
    let status = super::status_class(response.status().as_u16());
    let labels = [("method", method), ("route", route), ("status", status.to_owned())];
    metrics::counter!("tradema_http_requests_total", &labels).increment(1);
    metrics::histogram!("tradema_http_request_duration_seconds", &labels).record(started.elapsed().as_secs_f64());
    response
}
