//! `GET /metrics` on its own listen address (`TRADEMA_METRICS_LISTEN`, off
//! by default, and never on the public port: the figures are for the
//! operators' Prometheus, not for visitors). The gauges that describe the
//! database (pool use, mail waiting, how far search is behind the change
//! feed) are read at each scrape; everything else is recorded as it
//! happens (`metrics`).

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sea_orm::DbBackend;

use crate::state::AppState;

/// The router of the metrics listener.
pub fn router(state: AppState) -> Router {
    Router::new().route("/metrics", get(scrape)).with_state(state)
}

async fn scrape(State(state): State<AppState>) -> Response {
    read_gauges(&state).await;
    let text = super::handle().render();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text).into_response()
}

/// Sets the gauges read from the database and the search index. A gauge
/// that cannot be read keeps its last value, and the failure is logged.
async fn read_gauges(state: &AppState) {
    let (open, idle) = pool_use(state);
    metrics::gauge!("tradema_db_pool_connections", "state" => "in_use").set(open.saturating_sub(idle) as f64);
    metrics::gauge!("tradema_db_pool_connections", "state" => "idle").set(idle as f64);
    metrics::gauge!("tradema_db_pool_max_connections").set(f64::from(state.settings.db_pool_size));

    let now = chrono::Utc::now();
    match crate::repo::mail_outbox::depth(state.db.connection(), now).await {
        Ok(depth) => {
            metrics::gauge!("tradema_mail_outbox_pending").set(depth.pending as f64);
            metrics::gauge!("tradema_mail_outbox_dead").set(depth.dead as f64);
            let waited = depth.oldest_due.map_or(0.0, |due| (now - due).num_milliseconds().max(0) as f64 / 1000.0);
            metrics::gauge!("tradema_mail_outbox_oldest_due_seconds").set(waited);
        }
        Err(error) => tracing::warn!(%error, "metrics: cannot read the mail outbox"),
    }
    match crate::search::indexer::behind(state.db.connection(), &*state.search).await {
        Ok(Some(behind)) => {
            metrics::gauge!("tradema_search_index_built").set(1.0);
            metrics::gauge!("tradema_search_feed_behind_changes").set(behind.changes as f64);
            let lag = behind.oldest.map_or(0.0, |oldest| (now - oldest).num_milliseconds().max(0) as f64 / 1000.0);
            metrics::gauge!("tradema_search_feed_behind_seconds").set(lag);
        }
        Ok(None) => metrics::gauge!("tradema_search_index_built").set(0.0),
        Err(error) => tracing::warn!(%error, "metrics: cannot tell how far the search index is behind"),
    }
}

/// Connections the pool holds open, and how many of them are idle.
fn pool_use(state: &AppState) -> (usize, usize) {
    let connection = state.db.connection();
    match connection.get_database_backend() {
        DbBackend::Sqlite => {
            let pool = connection.get_sqlite_connection_pool();
            (pool.size() as usize, pool.num_idle())
        }
        DbBackend::Postgres => {
            let pool = connection.get_postgres_connection_pool();
            (pool.size() as usize, pool.num_idle())
        }
        _ => (0, 0),
    }
}
