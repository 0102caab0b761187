//! `GET /{lang}/showcases/{slug}/exhibitors.csv`: a showcase's
//! exhibitors with their public contact details, for the organiser's
//! spreadsheet. UTF-8 with a byte-order mark, so spreadsheet programs read
//! Arabic and accents right. Only what the producer pages already show:
//! never an account's e-mail address. The same visibility as the page: a
//! draft is a 404 for anyone but its organiser and administrators.

use app::domain::{Locale, ShowcasePage};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::auth::AuthSession;
use crate::state::AppState;

/// A cell as a spreadsheet should read it: text that would start a formula
/// (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so a
/// producer's name can never run as a formula on the organiser's machine.
pub(crate) fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The CSV of a showcase page's exhibitors, in the reader's language.
pub fn exhibitors_csv(page: &ShowcasePage, locale: Locale, public_url: &url::Url) -> Result<Vec<u8>, csv::Error> {
    let m = app::i18n::messages(locale);
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record([
        "exhibitor",
        "stand",
        "region",
        "city",
        "sectors",
        "certifications",
        "verified",
        "website",
        "trade_ma_page",
        "products",
    ])?;
    for exhibitor in &page.exhibitors {
        let producer = &exhibitor.producer;
        let sectors: Vec<&str> = producer.sectors.iter().map(|s| s.name(m)).collect();
        let certifications: Vec<&str> = exhibitor.certifications.iter().map(|c| c.name(m)).collect();
        let products: Vec<&str> = exhibitor.listings.iter().map(|l| l.card.title.text.as_str()).collect();
        let page_link =
            crate::services::link_to(public_url, &format!("/{}/producers/{}", locale.code(), producer.slug));
        let row = [
            producer.name.as_str(),
            exhibitor.stand.as_deref().unwrap_or(""),
            producer.region.name(m),
            producer.city.as_str(),
            &sectors.join("; "),
            &certifications.join("; "),
            if producer.verified { "yes" } else { "no" },
            exhibitor.website.as_deref().unwrap_or(""),
            &page_link,
            &products.join("; "),
        ];
        out.write_record(row.iter().map(|text| cell(text).into_owned()))?;
    }
    out.into_inner().map_err(|error| csv::Error::from(error.into_error()))
}

pub async fn export(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((lang, slug)): Path<(String, String)>,
) -> Response {
    let Some(locale) = Locale::from_code(&lang) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let viewer = auth.user.as_ref().map(|user| user.viewer.clone());
    let page = match state.services.showcases.page(viewer.as_ref(), &slug, (None, None), false, locale).await {
        Ok(page) => page,
        Err(app::domain::AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(?error, slug, "cannot read a showcase for its CSV");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match exhibitors_csv(&page, locale, &state.settings.public_url) {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{slug}-exhibitors.csv\"")),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            body,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(?error, slug, "cannot write a showcase's CSV");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn text_that_would_start_a_formula_is_kept_as_text() {
        assert_eq!(cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(cell("+212 5 28"), "'+212 5 28");
        assert_eq!(cell("-"), "'-");
        assert_eq!(cell("@home"), "'@home");
        assert_eq!(cell("Coopérative Tifawin"), "Coopérative Tifawin");
        assert_eq!(cell("تعاونية تاوادا"), "تعاونية تاوادا");
    }
}
