//! Metrics in the Prometheus text format, through the `metrics` facade and
//! `metrics-exporter-prometheus`'s recorder (installed once per process),
//! served by `exporter` on a listen address of their own, off the public
//! port. What is measured, where:
//!
//! | metric | kind | recorded in |
//! |---|---|---|
//! | `tradema_http_requests_total{method,route,status}` | counter | `http::track` (route = the route template) |
//! | `tradema_http_request_duration_seconds{method,route,status}` | histogram | `http::track` |
//! | `tradema_http_requests_in_flight` | gauge | `http::track` |
//! | `tradema_page_cache_total{result}` | counter | `http::page_cache` (hit, miss) |
//! | `tradema_search_duration_seconds{backend,outcome}` | histogram | `services::catalog` |
//! | `tradema_mails_total{outcome}` | counter | `jobs::mail_sender` (sent, retry, dead) |
//! | `tradema_job_runs_total{job,outcome}` | counter | `jobs::supervisor` (ok, failed) |
//! | `tradema_sign_in_refusals_total{reason}` | counter | `auth` (password, limited) |
//! | `tradema_db_pool_connections{state}`, `tradema_mail_outbox_*`, `tradema_search_feed_behind_*` | gauges | read at each scrape (`exporter`) |

pub mod exporter;
pub mod http;

use std::sync::OnceLock;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// The buckets (seconds) of every `*_seconds` histogram: from a cached page
/// (about a millisecond) to the 30 s request timeout.
const LATENCY_BUCKETS: [f64; 14] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// The process's recorder, installed on first use; what renders the text.
pub fn handle() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &LATENCY_BUCKETS)
            .expect("the latency buckets are not empty");
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed: /metrics shows nothing recorded");
        }
        describe();
        handle
    })
}

/// The help text of every metric (`# HELP` in the exposition).
fn describe() {
    use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};
    describe_counter!("tradema_http_requests_total", "HTTP requests answered, by route template and status class");
    describe_histogram!(
        "tradema_http_request_duration_seconds",
        Unit::Seconds,
        "Time to answer an HTTP request, by route template and status class"
    );
    describe_gauge!("tradema_http_requests_in_flight", "HTTP requests being answered now");
    describe_counter!("tradema_page_cache_total", "Pages served from the kept pages (hit) or rendered (miss)");
    describe_histogram!("tradema_search_duration_seconds", Unit::Seconds, "Time the search engine took to answer");
    describe_counter!("tradema_mails_total", "Mails sent, put back for a retry, or given up on (dead)");
    describe_counter!("tradema_job_runs_total", "Steps of the background jobs, by job and outcome");
    describe_counter!("tradema_sign_in_refusals_total", "Refused sign-ins: wrong password, or the attempt limit");
    describe_gauge!("tradema_db_pool_connections", "Database connections of this process, in use or idle");
    describe_gauge!("tradema_db_pool_max_connections", "The most database connections this process opens");
    describe_gauge!("tradema_mail_outbox_pending", "Mails waiting to be sent");
    describe_gauge!("tradema_mail_outbox_dead", "Mails given up on after every retry");
    describe_gauge!(
        "tradema_mail_outbox_oldest_due_seconds",
        Unit::Seconds,
        "How long the longest overdue mail has waited"
    );
    describe_gauge!(
        "tradema_search_index_built",
        "Whether this process's search index exists (1) or is being built (0)"
    );
    describe_gauge!("tradema_search_feed_behind_changes", "Catalogue changes the search index has not applied yet");
    describe_gauge!(
        "tradema_search_feed_behind_seconds",
        Unit::Seconds,
        "Age of the oldest change the search index has not applied yet"
    );
}

/// A status code's class, as the metrics label it (`2xx`).
pub fn status_class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// Counts one run of a background job.
pub fn job_ran(job: &'static str, ok: bool) {
    metrics::counter!("tradema_job_runs_total", "job" => job, "outcome" => if ok { "ok" } else { "failed" })
        .increment(1);
}

/// Counts a mail sent, retried later or given up on.
pub fn mail(outcome: &'static str) {
    metrics::counter!("tradema_mails_total", "outcome" => outcome).increment(1);
}

/// Counts a page served from the kept pages or rendered.
pub fn page_cache(hit: bool) {
    metrics::counter!("tradema_page_cache_total", "result" => if hit { "hit" } else { "miss" }).increment(1);
}

/// Counts a refused sign-in: a wrong password, or the attempt limit.
pub fn sign_in_refused(reason: &'static str) {
    metrics::counter!("tradema_sign_in_refusals_total", "reason" => reason).increment(1);
}

/// Records how long a search took on `backend`.
pub fn search(backend: &'static str, ok: bool, seconds: f64) {
    metrics::histogram!(
        "tradema_search_duration_seconds",
        "backend" => backend,
        "outcome" => if ok { "ok" } else { "failed" }
    )
    .record(seconds);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_fall_in_their_classes() {
        assert_eq!(status_class(200), "2xx");
        assert_eq!(status_class(304), "3xx");
        assert_eq!(status_class(429), "4xx");
        assert_eq!(status_class(503), "5xx");
    }
}
