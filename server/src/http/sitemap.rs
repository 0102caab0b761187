//! What search engines read first: `/robots.txt` (what to crawl, where the
//! sitemap is) and the sitemaps, built from the database on each request so
//! they change the moment the catalogue does. `/sitemap.xml` is an index of
//! per-language sitemaps (`/sitemaps/fr-1.xml`, `/sitemaps/zh-1.xml`, …), each
//! of at most [`URLS_PER_SITEMAP`] pages, and every page names its versions
//! in the other languages (`xhtml:link hreflang`). Every address is absolute,
//! from the public URL.

use app::domain::{Locale, Region, Sector};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::repo::sitemap::{SitemapPage, catalogue_pages};
use crate::state::AppState;

/// Pages per sitemap file: well under the protocol's 50,000 URLs and 50 MB,
/// since each page also lists its six translations.
pub const URLS_PER_SITEMAP: usize = 5_000;

/// Top-level files this module serves: a copy left in the site root (an
/// older build's `robots.txt`) is not served over them.
pub const DYNAMIC_FILES: [&str; 2] = ["robots.txt", "sitemap.xml"];

/// Sitemaps may be cached briefly; they are rebuilt on every request.
const SITEMAP_CACHE: &str = "public, max-age=600";

/// Areas that are personal or for signed-in work: nothing there for a
/// search engine.
const PRIVATE_AREAS: [&str; 8] =
    ["/api/", "/*/account/", "/*/dashboard", "/*/admin", "/*/inquiries", "/*/organiser", "/*/shortlist", "/*/alerts/"];

/// `GET /robots.txt`.
pub async fn robots(State(state): State<AppState>) -> Response {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    for area in PRIVATE_AREAS {
        text.push_str(&format!("Disallow: {area}\n"));
    }
    text.push_str(&format!("\nSitemap: {}\n", absolute(&state, "/sitemap.xml")));
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, SITEMAP_CACHE)], text)
        .into_response()
}

/// `GET /sitemap.xml`: the index of every language's sitemaps.
pub async fn index(State(state): State<AppState>) -> Response {
    let pages = match all_pages(&state).await {
        Ok(pages) => pages,
        Err(response) => return response,
    };
    let files = pages.len().div_ceil(URLS_PER_SITEMAP).max(1);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for locale in Locale::ALL {
        for number in 1..=files {
            let loc = absolute(&state, &format!("/sitemaps/{}-{number}.xml", locale.code()));
            xml.push_str(&format!("  <sitemap><loc>{}</loc></sitemap>\n", escape(&loc)));
        }
    }
    xml.push_str("</sitemapindex>\n");
    xml_response(xml)
}

/// `GET /sitemaps/{lang}-{number}.xml`: one language's pages.
pub async fn language(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((locale, number)) = parse_file(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let pages = match all_pages(&state).await {
        Ok(pages) => pages,
        Err(response) => return response,
    };
    let Some(chunk) = pages.chunks(URLS_PER_SITEMAP).nth(number - 1).or((number == 1).then_some(&[][..])) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    xml_response(urlset(&state, locale, chunk))
}

/// `fr-1.xml` → French, file 1.
fn parse_file(file: &str) -> Option<(Locale, usize)> {
    let (lang, number) = file.strip_suffix(".xml")?.split_once('-')?;
    let number: usize = number.parse().ok().filter(|n| *n >= 1)?;
    Some((Locale::from_code(lang).filter(|l| l.code() == lang)?, number))
}

/// The pages every language has, then the catalogue's.
async fn all_pages(state: &AppState) -> Result<Vec<SitemapPage>, Response> {
    let fixed = ["".to_owned(), "/search".to_owned(), "/showcases".to_owned()]
        .into_iter()
        .chain(Region::ALL.iter().map(|region| format!("/regions/{}", region.slug())))
        .chain(Sector::ALL.iter().map(|sector| format!("/sectors/{}", sector.slug())))
        .map(|path| SitemapPage { path, last_modified: String::new() });
    match catalogue_pages(&state.db).await {
        Ok(catalogue) => Ok(fixed.chain(catalogue).collect()),
        Err(error) => {
            tracing::error!(?error, "cannot read the catalogue for the sitemap");
            Err((StatusCode::SERVICE_UNAVAILABLE, "The sitemap is unavailable for a moment: try again shortly.")
                .into_response())
        }
    }
}

fn urlset(state: &AppState, locale: Locale, pages: &[SitemapPage]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in pages {
        let loc = absolute(state, &format!("/{}{}", locale.code(), page.path));
        xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape(&loc)));
        if !page.last_modified.is_empty() {
            xml.push_str(&format!("    <lastmod>{}</lastmod>\n", escape(&page.last_modified)));
        }
        for other in Locale::ALL {
            let href = absolute(state, &format!("/{}{}", other.code(), page.path));
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                other.tag(),
                escape(&href)
            ));
        }
        let default = absolute(state, &format!("/{}{}", Locale::DEFAULT.code(), page.path));
        xml.push_str(&format!(
            "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
            escape(&default)
        ));
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn absolute(state: &AppState, path: &str) -> String {
    crate::services::link_to(&state.settings.public_url, path)
}

/// Text safe inside XML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn xml_response(xml: String) -> Response {
    let mut response = xml.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/xml; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(SITEMAP_CACHE));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_files_are_named_by_language_and_number() {
        assert_eq!(parse_file("zh-1.xml"), Some((Locale::Zh, 1)));
        assert_eq!(parse_file("pt-12.xml"), Some((Locale::Pt, 12)));
        assert_eq!(parse_file("pt-BR-1.xml"), None);
        assert_eq!(parse_file("fr-0.xml"), None);
        assert_eq!(parse_file("fr-1.txt"), None);
        assert_eq!(parse_file("xx-1.xml"), None);
    }

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(escape("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&apos;");
    }
}
