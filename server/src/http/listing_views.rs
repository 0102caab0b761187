//! Counts listing views for the producers' insights, without
//! personal data: what is kept is the listing, the day and the country.
//!
//! - Counted: a `GET` of a listing page answered `200`, from a browser that
//!   does not announce itself as a robot, a link preview or a prefetch.
//! - Only buyers' interest: a signed-in producer, organiser or administrator
//!   is not counted (a producer checking its own listing is not a lead).
//! - Once per visitor, listing and day: the visitor is the signed-in
//!   account, else the client's address (not its `User-Agent`, which a
//!   script can vary at will; readers behind one address count as one).
//!   Only a keyed hash of it is held, in memory, for the current day; the
//!   key changes with the day, so no two days can be linked, and nothing
//!   about the visitor is ever written.
//! - The country: a signed-in buyer's company profile (else their
//!   account's), otherwise the region of the first language in
//!   `Accept-Language` that has one (`pt-BR` → Brazil), otherwise unknown.
//! - Kept pages count too: this layer sits outside the page cache.
//! - A listing or producer page reached from a showcase (`?showcase=slug`,
//!   from its page or a QR code) also counts a visit for that exhibitor in
//!   the showcase's leads, by world market, once per visitor, exhibitor and
//!   day, and only for a listing the organiser featured there or the page of
//!   a producer exhibiting there.
//!
//! Counts gather in memory and are written by a background job every few
//! seconds (`ViewCounter::flush`); a failed write keeps them for the next.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, Mutex};

use crate::db::Db;
use app::domain::{CountryCode, Locale, Role, Viewer};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{NaiveDate, Utc};

use crate::auth::AuthSession;
use crate::error::StoreError;
use crate::http::client_address::ClientAddress;
use crate::repo::listing_view::{self, ViewKey};
use crate::state::AppState;

/// Distinct visitors remembered for a day. Past this, new visitors are not
/// counted until the next day (a flood cannot inflate the numbers nor the
/// memory: about 16 MB).
const MOST_VISITORS_A_DAY: usize = 1_000_000;

/// Words in a `User-Agent` that mark robots, link previews and tools.
const NOT_A_READER: [&str; 14] = [
    "bot",
    "crawl",
    "spider",
    "slurp",
    "preview",
    "facebookexternalhit",
    "whatsapp",
    "headless",
    "lighthouse",
    "curl",
    "wget",
    "python",
    "http-client",
    "monitor",
];

/// Views gathered since the last flush, and who was seen today.
pub struct ViewCounter {
    inner: Mutex<Counting>,
}

struct Counting {
    day: NaiveDate,
    /// Keys the visitor hashes; a new one each day.
    key: RandomState,
    seen: HashSet<u64>,
    pending: HashMap<ViewKey, u64>,
    warned_full: bool,
}

impl Default for ViewCounter {
    fn default() -> Self {
        ViewCounter {
            inner: Mutex::new(Counting {
                day: NaiveDate::MIN,
                key: RandomState::new(),
                seen: HashSet::new(),
                pending: HashMap::new(),
                warned_full: false,
            }),
        }
    }
}

impl ViewCounter {
    /// Whether this is the visitor's first view of `what` (a listing id, a
    /// page) on `day` (and remembers it).
    pub fn first_sighting(&self, visitor: &str, what: impl std::hash::Hash, day: NaiveDate) -> bool {
        let mut counting = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if counting.day != day {
            counting.day = day;
            counting.key = RandomState::new();
            counting.seen = HashSet::new();
            counting.warned_full = false;
        }
        let hash = counting.key.hash_one((visitor, what));
        if counting.seen.contains(&hash) {
            return false;
        }
        if counting.seen.len() >= MOST_VISITORS_A_DAY {
            if !counting.warned_full {
                counting.warned_full = true;
                tracing::warn!(limit = MOST_VISITORS_A_DAY, "too many visitors today: further views are not counted");
            }
            return false;
        }
        counting.seen.insert(hash)
    }

    /// Adds one view.
    pub fn add(&self, listing_id: i64, day: NaiveDate, country: Option<CountryCode>) {
        let mut counting = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *counting.pending.entry(ViewKey { listing_id, day, country }).or_default() += 1;
    }

    /// Writes the gathered views (and the monthly roll-up) in one
    /// transaction; on failure nothing is written and they are kept for the
    /// next flush. Returns how many were written.
    pub async fn flush(&self, db: &Db) -> Result<u64, StoreError> {
        let pending = {
            let mut counting = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            std::mem::take(&mut counting.pending)
        };
        if pending.is_empty() {
            return Ok(0);
        }
        let written = async {
            let txn = crate::db::begin_write(db).await?;
            let written = listing_view::add(&txn, &pending).await?;
            // Views change no public page: the page caches are left alone.
            crate::db::commit_private(txn).await?;
            Ok::<u64, StoreError>(written)
        };
        match written.await {
            Ok(written) => Ok(written),
            Err(error) => {
                let mut counting = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                for (key, count) in pending {
                    *counting.pending.entry(key).or_default() += count;
                }
                Err(error)
            }
        }
    }
}

/// A page whose reading is counted.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Counted {
    Listing(i64),
    Producer(String),
}

/// The page a request reads, when it is a listing or producer page, or the
/// fetch of a listing page's data by the router in the browser (after
/// hydration, following a link loads `/api/listing?id=…`, not the page).
fn counted_page(path: &str, query: Option<&str>) -> Option<Counted> {
    if let Some(id) = listing_of(path) {
        return Some(Counted::Listing(id));
    }
    if path == "/api/listing" {
        let id = url::form_urlencoded::parse(query?.as_bytes())
            .find(|(key, _)| key == "id")
            .and_then(|(_, value)| value.parse::<i64>().ok())
            .filter(|id| *id > 0)?;
        return Some(Counted::Listing(id));
    }
    let mut segments = path.trim_start_matches('/').split('/');
    Locale::from_code(segments.next()?)?;
    if segments.next()? != "producers" {
        return None;
    }
    let slug = segments.next()?.to_owned();
    (segments.next().is_none() && !slug.is_empty()).then_some(Counted::Producer(slug))
}

/// The showcase a page was reached from (`?showcase=slug`).
fn showcase_of(query: Option<&str>) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes())
        .find(|(key, _)| key == "showcase")
        .map(|(_, value)| value.into_owned())
        .filter(|slug| {
            (1..=80).contains(&slug.len())
                && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// The listing a request reads, when it is a listing page: `/{lang}/listings/{id}[-slug]`.
fn listing_of(path: &str) -> Option<i64> {
    let mut segments = path.trim_start_matches('/').split('/');
    let lang = segments.next()?;
    Locale::from_code(lang)?;
    if segments.next()? != "listings" {
        return None;
    }
    let id = segments.next()?.split('-').next()?.parse().ok().filter(|id: &i64| *id > 0)?;
    segments.next().is_none().then_some(id)
}

/// A person reading, not a robot, a link preview or a prefetch.
fn is_reader(headers: &HeaderMap) -> bool {
    let prefetch = ["purpose", "sec-purpose"]
        .iter()
        .any(|name| headers.get(*name).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("prefetch")));
    let Some(agent) = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let agent = agent.to_ascii_lowercase();
    !prefetch && agent.starts_with("mozilla/") && !NOT_A_READER.iter().any(|word| agent.contains(word))
}

/// The reader's country: a signed-in buyer's profile, else their language.
async fn country_of(state: &AppState, viewer: Option<Viewer>, languages: Option<CountryCode>) -> Option<CountryCode> {
    match viewer.and_then(|viewer| viewer.as_buyer().ok()) {
        Some(buyer) => match state.services.inquiries.buyer_country(&buyer).await {
            Ok(country) => country.or(languages),
            Err(error) => {
                tracing::warn!(?error, "cannot read a buyer's country: the view counts from their language");
                languages
            }
        },
        None => languages,
    }
}

/// Counts a visit from a showcase to an exhibitor: only for a listing the
/// organiser featured there or the page of a producer exhibiting there, and
/// once per visitor, exhibitor and day (its producer page and its listings
/// read by one visitor are one visit).
async fn count_showcase_visit(
    state: &AppState,
    visitor: &str,
    showcase: &str,
    page: &Counted,
    country: Option<CountryCode>,
    day: NaiveDate,
) {
    let exhibit = match page {
        Counted::Listing(id) => crate::repo::showcase::featured_listing(&state.db, showcase, *id).await,
        Counted::Producer(slug) => crate::repo::showcase::exhibiting_producer(&state.db, showcase, slug).await,
    };
    let market = country.map_or("unknown", |c| c.world_region().slug());
    let outcome = match exhibit {
        Ok(Some(exhibit)) if state.views.first_sighting(visitor, ("showcase exhibitor", exhibit), day) => {
            crate::repo::showcase::add_visit(&state.db, exhibit, market, day).await
        }
        Ok(_) => Ok(()),
        Err(error) => Err(error),
    };
    if let Err(error) = outcome {
        tracing::warn!(?error, showcase, "cannot count a showcase visit");
    }
}

pub async fn count(State(state): State<AppState>, auth: AuthSession, request: Request, next: Next) -> Response {
    let page = (request.method() == Method::GET && is_reader(request.headers()))
        .then(|| counted_page(request.uri().path(), request.uri().query()))
        .flatten();
    let Some(page) = page else {
        return next.run(request).await;
    };
    let showcase = showcase_of(request.uri().query());
    if matches!(page, Counted::Producer(_)) && showcase.is_none() {
        return next.run(request).await;
    }
    let viewer = auth.user.as_ref().map(|user| user.viewer.clone());
    if viewer.as_ref().is_some_and(|viewer| viewer.role != Role::Buyer) {
        return next.run(request).await;
    }
    let visitor = match &viewer {
        Some(viewer) => format!("account {}", viewer.user_id),
        None => {
            let client = request.extensions().get::<ClientAddress>().map(|client| client.0.to_string());
            format!("address {}", client.unwrap_or_default())
        }
    };
    let languages = request.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let today = Utc::now().date_naive();
    let listing_view = match &page {
        Counted::Listing(id) => state.views.first_sighting(&visitor, *id, today).then_some(*id),
        Counted::Producer(_) => None,
    };
    let showcase_visit = showcase.filter(|slug| state.views.first_sighting(&visitor, (slug.as_str(), &page), today));
    if listing_view.is_none() && showcase_visit.is_none() {
        return response;
    }
    let from_languages = languages.as_deref().and_then(CountryCode::from_accept_language);
    let signed_in_buyer = viewer.as_ref().is_some_and(|viewer| viewer.role == Role::Buyer);
    match (listing_view, signed_in_buyer, showcase_visit) {
        // The common case costs no task: an anonymous listing view.
        (Some(id), false, None) => state.views.add(id, today, from_languages),
        // The buyer's profile and the showcase are read before the answer
        // leaves (a few milliseconds, once per visitor and page a day): no
        // detached task to lose at shutdown, and the visit is counted when
        // the page arrives.
        (listing_view, _, showcase_visit) => {
            let country = country_of(&state, viewer, from_languages).await;
            if let Some(id) = listing_view {
                state.views.add(id, today, country);
            }
            if let Some(slug) = showcase_visit {
                count_showcase_visit(&state, &visitor, &slug, &page, country, today).await;
            }
        }
    }
    response
}

/// The counter, shared by the layer and the flushing job.
pub fn counter() -> Arc<ViewCounter> {
    Arc::new(ViewCounter::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listing_pages_are_counted() {
        assert_eq!(listing_of("/fr/listings/42"), Some(42));
        assert_eq!(listing_of("/ar/listings/42-huile-d-argan"), Some(42));
        assert_eq!(listing_of("/fr/listings/42/inquire"), None);
        assert_eq!(listing_of("/xx/listings/42"), None);
        assert_eq!(listing_of("/fr/producers/42"), None);
        assert_eq!(listing_of("/fr/listings/0"), None);
        assert_eq!(listing_of("/fr/listings/abc"), None);
    }

    #[test]
    fn producer_pages_count_and_showcases_are_read_from_the_query() {
        assert_eq!(counted_page("/es/producers/tifawin", None), Some(Counted::Producer("tifawin".into())));
        assert_eq!(counted_page("/es/producers/tifawin/inquire", None), None);
        assert_eq!(counted_page("/fr/listings/9-argan", None), Some(Counted::Listing(9)));
        assert_eq!(counted_page("/api/listing", Some("id=9&locale=fr")), Some(Counted::Listing(9)), "after hydration");
        assert_eq!(counted_page("/api/listing", Some("locale=fr")), None);
        assert_eq!(showcase_of(Some("showcase=made-in-africa")), Some("made-in-africa".into()));
        assert_eq!(showcase_of(Some("a=1&showcase=Bad%20One")), None);
        assert_eq!(showcase_of(None), None);
    }

    #[test]
    fn robots_previews_and_prefetches_are_not_readers() {
        let headers = |agent: Option<&str>, purpose: Option<&str>| {
            let mut headers = HeaderMap::new();
            if let Some(agent) = agent {
                headers.insert(header::USER_AGENT, agent.parse().unwrap());
            }
            if let Some(purpose) = purpose {
                headers.insert("sec-purpose", purpose.parse().unwrap());
            }
            headers
        };
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
        assert!(is_reader(&headers(Some(firefox), None)));
        assert!(!is_reader(&headers(Some(firefox), Some("prefetch;prerender"))));
        assert!(!is_reader(&headers(None, None)));
        assert!(!is_reader(&headers(Some("Mozilla/5.0 (compatible; Googlebot/2.1)"), None)));
        assert!(!is_reader(&headers(Some("WhatsApp/2.23.20.0"), None)));
        assert!(!is_reader(&headers(Some("Mozilla/5.0 HeadlessChrome/130.0"), None)));
        assert!(!is_reader(&headers(Some("curl/8.5.0"), None)));
    }

    #[test]
    fn a_visitor_counts_once_a_listing_a_day() {
        let counter = ViewCounter::default();
        let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert!(counter.first_sighting("203.0.113.9 Firefox", 7, day));
        assert!(!counter.first_sighting("203.0.113.9 Firefox", 7, day), "a reload");
        assert!(counter.first_sighting("203.0.113.9 Firefox", 8, day), "another listing");
        assert!(counter.first_sighting("203.0.113.10 Firefox", 7, day), "another visitor");
        assert!(counter.first_sighting("203.0.113.9 Firefox", 7, day.succ_opt().unwrap()), "the next day");
    }
}
