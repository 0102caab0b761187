//! Calls to Meilisearch bounded in time and their errors: every SDK future is
//! awaited under a timeout (the SDK's HTTP client has none of its own here),
//! and an error is classified as unreachable or overloaded (`Unavailable`,
//! retry later) or as an error answer (`Backend`).

use std::future::Future;
use std::time::Duration;

use meilisearch_sdk::errors::Error as MeiliError;

use crate::search::SearchError;

/// How long one HTTP call may take (reqwest has no timeout of its own here).
pub(super) const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How long the health check may take.
pub(super) const HEALTH_TIMEOUT: Duration = Duration::from_secs(5);

/// Awaits a Meilisearch call for at most `limit`; the outer error is the timeout.
pub(super) async fn timed<T, F>(context: &str, limit: Duration, future: F) -> Result<Result<T, MeiliError>, SearchError>
where
    F: Future<Output = Result<T, MeiliError>>,
{
    tokio::time::timeout(limit, future).await.map_err(|_| {
        SearchError::Unavailable(format!("{context}: Meilisearch did not answer within {} s", limit.as_secs()))
    })
}

/// Awaits a Meilisearch call for at most `limit`, mapping its error.
pub(super) async fn call<T, F>(context: &str, limit: Duration, future: F) -> Result<T, SearchError>
where
    F: Future<Output = Result<T, MeiliError>>,
{
    timed(context, limit, future).await?.map_err(|error| classify(context, error))
}

/// Unreachable or overloaded (retry later) versus an error answer.
pub(super) fn classify(context: &str, error: MeiliError) -> SearchError {
    let message = format!("{context}: {error}");
    match &error {
        MeiliError::HttpError(_) | MeiliError::Timeout => SearchError::Unavailable(message),
        MeiliError::MeilisearchCommunication(failure) if failure.status_code >= 500 || failure.status_code == 429 => {
            SearchError::Unavailable(message)
        }
        _ => SearchError::Backend(message),
    }
}
