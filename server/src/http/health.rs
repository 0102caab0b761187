//! `GET /healthz`: the process answers. `GET /readyz`: it can reach its database.

use axum::extract::State;
use axum::http::StatusCode;
use sea_orm::DatabaseConnection;

use crate::db;

pub async fn alive() -> &'static str {
    "ok"
}

pub async fn ready(State(db): State<DatabaseConnection>) -> (StatusCode, &'static str) {
    if db::ping(&db).await {
        (StatusCode::OK, "ready")
    } else {
        tracing::warn!("readiness check failed: database unreachable");
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
