//! `POST /api/import` (multipart: `sheet`, `locale`, and `for`, a
//! producer's slug when an office imports for it): reads and checks a sheet
//! of listings and holds it for confirmation; writes nothing. A plain form
//! post (Accept: text/html) is sent to the import page showing the preview
//! (`?batch=…`); anything else gets the preview as JSON (200, or 422 when a
//! row has a problem). Its body limit is the uploads' (a larger body is a
//! 413 before it is read).
//!
//! `GET /{lang}/import/template.csv`: the template, one column per field and
//! per language, with one example row.

use app::domain::{AppError, IMPORT_COLUMNS, Locale};
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use crate::auth::AuthSession;
use crate::state::AppState;

/// The fields of the upload form.
#[derive(Default)]
struct Upload {
    sheet: Vec<u8>,
    locale: Option<Locale>,
    producer: Option<String>,
}

async fn read(mut multipart: Multipart) -> Result<Upload, StatusCode> {
    let mut upload = Upload::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(upload),
            Err(error) => return Err(error.status()),
        };
        match field.name() {
            Some("sheet") => upload.sheet = field.bytes().await.map_err(|e| e.status())?.to_vec(),
            Some("locale") => upload.locale = Locale::from_code(&field.text().await.map_err(|e| e.status())?),
            Some("for") => {
                let slug = field.text().await.map_err(|e| e.status())?;
                upload.producer = (!slug.trim().is_empty()).then(|| slug.trim().to_owned());
            }
            _ => {}
        }
    }
}

fn refusal(status: StatusCode, code: &str) -> Response {
    (status, Json(json!({ "error": code }))).into_response()
}

/// The import page of the producer (`None`) or of an office for `producer`.
pub fn page_path(locale: Locale, producer: Option<&str>) -> String {
    match producer {
        Some(slug) => format!("/{}/admin/producers/{slug}/import", locale.code()),
        None => format!("/{}/dashboard/import", locale.code()),
    }
}

pub async fn upload(
    State(state): State<AppState>,
    auth: AuthSession,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let html = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    let Some(viewer) = auth.user.as_ref().map(|user| user.viewer.clone()) else {
        return refusal(StatusCode::UNAUTHORIZED, "sign_in");
    };
    let Ok(multipart) = multipart else { return refusal(StatusCode::BAD_REQUEST, "malformed") };
    let upload = match read(multipart).await {
        Ok(upload) => upload,
        Err(StatusCode::PAYLOAD_TOO_LARGE) => return refusal(StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
        Err(_) => return refusal(StatusCode::BAD_REQUEST, "malformed"),
    };
    let locale = upload.locale.unwrap_or(Locale::DEFAULT);
    let preview = match &upload.producer {
        Some(slug) => match viewer.as_admin() {
            Ok(admin) => state.services.offices.import_sheet(&admin, slug, &upload.sheet).await,
            Err(error) => Err(error),
        },
        None => match super::uploads::producer_access(&auth, &headers, &state).await {
            Ok(access) => state.services.studio.import_sheet(&access, &upload.sheet).await,
            Err(error) => Err(error),
        },
    };
    match preview {
        Ok(preview) if html => {
            let path = page_path(locale, upload.producer.as_deref());
            Redirect::to(&format!("{path}?batch={}", preview.token)).into_response()
        }
        Ok(preview) => {
            let status = if preview.problems.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
            (status, Json(preview)).into_response()
        }
        Err(error @ (AppError::NotFound | AppError::Unauthorized)) => {
            refusal(StatusCode::from_u16(error.status()).unwrap_or(StatusCode::NOT_FOUND), "not_found")
        }
        Err(AppError::Invalid { reason, .. }) if html => {
            Redirect::to(&format!("{}?refused={reason}", page_path(locale, upload.producer.as_deref()))).into_response()
        }
        Err(error) => {
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, Json(json!({ "error": error.to_string() }))).into_response()
        }
    }
}

/// The template: the columns, then one example row (titles in the four
/// languages; the column names are the same in every language).
pub fn template(_locale: Locale) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(IMPORT_COLUMNS)?;
    let example = |column: &str| -> &str {
        match column {
            "status" => "draft",
            "sector" => "agrifood",
            "hs_code" => "150910",
            "moq_amount" => "500",
            "moq_unit" => "l",
            "price_min" => "6.50",
            "price_max" => "8.00",
            "currency" => "EUR",
            "incoterms" => "FOB, CIF",
            "port_of_loading" => "Agadir",
            "lead_time_days" => "21",
            "title_fr" => "Huile d'olive vierge extra",
            "title_en" => "Extra virgin olive oil",
            "title_ar" => "زيت زيتون بكر ممتاز",
            "title_es" => "Aceite de oliva virgen extra",
            _ => "",
        }
    };
    out.write_record(IMPORT_COLUMNS.iter().map(|column| example(column)))?;
    out.into_inner().map_err(|error| csv::Error::from(error.into_error()))
}

pub async fn template_csv(Path(lang): Path<String>) -> Response {
    let Some(locale) = Locale::from_code(&lang) else { return StatusCode::NOT_FOUND.into_response() };
    match template(locale) {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"trade-ma-listings-template.csv\""),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            body,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(?error, "cannot write the import template");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
