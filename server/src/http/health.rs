//! `GET /healthz`: the process answers. `GET /readyz`: it can reach its
//! database (503 otherwise), with the search backend's state and the depth
//! of the search outbox reported beside it: search being down does not make
//! the server unready, pages fall back to the database.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::db;
use crate::repo::search_outbox;
use crate::state::AppState;

pub async fn alive() -> &'static str {
    "ok"
}

pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
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
    let outbox = search_outbox::depth(&state.db).await.ok();
    let status = if database { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    if !database {
        tracing::warn!("readiness check failed: database unreachable");
    }
    let body = json!({
        "status": if database { "ready" } else { "database unreachable" },
        "database": if database { "ok" } else { "unreachable" },
        "search": { "backend": state.search.backend(), "state": search, "outbox": outbox },
    });
    (status, Json(body))
}
