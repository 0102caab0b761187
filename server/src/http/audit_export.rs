//! `GET /{lang}/admin/audit.csv`: the audit log's rows matching
//! the page's filters, for the national team's spreadsheet. UTF-8 with a
//! byte-order mark; every cell through the formula guard. Anyone but a
//! national administrator gets a 404, as for the page.

use app::domain::{AuditEntry, AuditFilter, Locale};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::showcase_export::cell;
use crate::auth::AuthSession;
use crate::state::AppState;

/// The CSV of audit rows.
pub fn audit_csv(entries: &[AuditEntry]) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record([
        "id",
        "at",
        "actor",
        "office",
        "action",
        "object",
        "object_id",
        "object_name",
        "reason",
        "note",
    ])?;
    for entry in entries {
        let object_id = entry.object_id.to_string();
        let id = entry.id.to_string();
        let row = [
            id.as_str(),
            entry.at.as_str(),
            entry.actor_email.as_str(),
            entry.actor_office.as_str(),
            entry.action.slug(),
            entry.object.slug(),
            object_id.as_str(),
            entry.object_label.as_str(),
            entry.reason.as_deref().unwrap_or(""),
            entry.note.as_deref().unwrap_or(""),
        ];
        out.write_record(row.iter().map(|text| cell(text).into_owned()))?;
    }
    out.into_inner().map_err(|error| csv::Error::from(error.into_error()))
}

pub async fn export(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(lang): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if Locale::from_code(&lang).is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(viewer) = auth.user.as_ref().map(|user| user.viewer.clone()) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let Ok(admin) = viewer.as_admin() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let filter = AuditFilter::from_query(|key| query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()));
    let entries = match state.services.offices.audit_export(&admin, &filter).await {
        Ok(entries) => entries,
        Err(app::domain::AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(?error, "cannot read the audit log for its CSV");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match audit_csv(&entries) {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"trade-ma-audit.csv\""),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(?error, "cannot write the audit CSV");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
