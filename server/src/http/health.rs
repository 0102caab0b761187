//! `GET /healthz`: the process answers (also while draining). `GET /readyz`:
//! it can reach its database (503 otherwise), with the search backend's
//! state beside it: `ok`, `unavailable`, `building` (not filled yet) or
//! `lagging` (a change older than `LAGGING_AFTER` is not applied yet), and
//! how far behind the change feed its index is. Search being down or behind
//! does not make the server unready: pages fall back to the database, and a
//! lag shared by every process (a long write transaction holds them all
//! back) must not take the whole fleet out of the balancer.
//! While the process drains before stopping (`draining`), `/readyz` answers
//! 503 at once, so that the load balancer sends requests elsewhere.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::db;
use crate::draining::Draining;
use crate::search::indexer;
use crate::state::AppState;

/// How old the oldest change not yet searchable may be before the index is
/// reported `lagging` (a change is normally searchable within a second).
const LAGGING_AFTER: chrono::Duration = chrono::Duration::seconds(5);

pub async fn alive() -> &'static str {
    "ok"
}

pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    if let Some(answer) = refused_while_draining(&state.draining) {
        return answer;
    }
    let database = db::ping(&state.db).await;
    let checked = tokio::time::timeout(std::time::Duration::from_secs(2), state.search.check()).await;
    let search = match checked {
        Ok(Ok(())) => "ok",
        Ok(Err(error)) => {
            tracing::warn!(%error, "readiness: search backend unavailable");
            "unavailable"
        }
        Err(_) => {
            tracing::warn!("readiness: search backend did not answer within 2 s");
            "unavailable"
        }
    };
    let behind = match indexer::behind(&state.db, &*state.search).await {
        Ok(behind) => behind,
        Err(error) => {
            tracing::warn!(%error, "readiness: cannot tell how far the search index is behind");
            None
        }
    };
    let now = chrono::Utc::now();
    let lag = behind.and_then(|behind| behind.oldest).map(|oldest| now - oldest);
    let search = match (search, behind) {
        ("ok", None) => "building",
        ("ok", Some(_)) if lag.is_some_and(|lag| lag > LAGGING_AFTER) => "lagging",
        (state, _) => state,
    };
    if search == "lagging" {
        tracing::warn!(?behind, "readiness: the search index is behind the change feed");
    }
    let status = if database { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    if !database {
        tracing::warn!("readiness check failed: database unreachable");
    }
    let body = json!({
        "status": if database { "ready" } else { "database unreachable" },
        "database": if database { "ok" } else { "unreachable" },
        "search": {
            "backend": state.search.backend(),
            "state": search,
            "behind": behind.map(|behind| json!({
                "changes": behind.changes,
                "seconds": lag.map(|lag| lag.num_milliseconds().max(0) as f64 / 1000.0).unwrap_or(0.0),
            })),
        },
    });
    (status, Json(body))
}

/// The answer while draining: unready, without checking anything (the
/// balancer only needs the status, and a check could wait for a database
/// that is going away too).
fn refused_while_draining(draining: &Draining) -> Option<(StatusCode, Json<Value>)> {
    draining.is_draining().then(|| {
        let body = json!({
            "status": "draining",
            "detail": "this server is shutting down: it finishes the requests it has and takes no new ones",
        });
        (StatusCode::SERVICE_UNAVAILABLE, Json(body))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readiness_is_refused_once_draining_starts() {
        let draining = Draining::default();
        assert!(refused_while_draining(&draining).is_none(), "a serving process runs its checks");
        draining.begin();
        let (status, Json(body)) = refused_while_draining(&draining).expect("refused while draining");
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body["status"], "draining");
    }
}
