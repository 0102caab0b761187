//! One page per file. Each reads its data through a server function inside a
//! `Suspense`, renders fully on the server (`SsrMode::Async`, so a missing
//! listing answers 404) and hydrates in the browser.

mod account;
pub(crate) mod deals;
mod home;
mod import_sheet;
mod inquiries;
mod listing;
mod not_found;
mod offices;
mod organiser;
mod producer;
mod region;
mod requests;
mod saved_searches;
mod search;
mod sector;
mod shortlist;
mod showcases;
mod stop_alerts;
mod studio;
mod team;

pub use account::{
    BuyerProfilePage, ClaimProducerPage, ForgotPage, JoinTeamPage, PasswordPage, ResetPage, SignInPage, SignUpPage,
};
pub use deals::{BillingPage, DealDetailPage, DealsPage, ProformaPrintPage};
pub use home::HomePage;
pub use import_sheet::{ImportPage, OfficeImportPage};
pub use inquiries::{ConfirmPage, InboxPage, InquiryPage, ThreadPage};
pub use listing::ListingPage;
use listing::listing_id;
pub use not_found::NotFound;
pub use offices::{
    AccountsPage, AuditPage, DocumentRulesPage, OfficeProducerPage, OfficeProducersPage, OfficesOverviewPage,
    OnboardPage, VerificationQueuePage,
};
pub use organiser::{EditShowcasePage, NewShowcasePage, OrganiserPage};
pub use producer::ProducerPage;
pub use region::RegionPage;
pub use requests::request_form_path;
pub use requests::{
    MatchedRequestsPage, MyRequestsPage, NewRequestPage, RequestPage, RequestScreeningPage, RequestsPage,
};
pub use saved_searches::SavedSearchesPage;
pub use search::SearchPage;
pub use sector::SectorPage;
pub use shortlist::ShortlistPage;
pub use showcases::{ShowcasePage, ShowcasePrintPage, ShowcasesPage};
pub use stop_alerts::StopAlertsPage;
pub use studio::{EditListingPage, InsightsPage, NewListingPage, ProfilePage, StudioPage, VerificationPage};
pub use team::{OrganiserTeamPage, ProducerTeamPage};

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api::accounts::get_viewer;
use crate::components::ErrorPanel;
use crate::domain::{AppError, Locale, Viewer};

/// Whether the `:lang` segment, when the route has one, is a language we
/// serve: `/xx/listings/1` is a 404, not a French page.
fn lang_segment_is_valid() -> bool {
    use_params_map().with_untracked(|params| params.get("lang").is_none_or(|lang| Locale::from_code(&lang).is_some()))
}

/// Percent-encodes a query string value (everything but unreserved ASCII).
pub(crate) fn query_escape(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// What a page shows while its data loads on a client-side navigation.
fn loading() -> impl IntoView {
    view! { <div class="container loading" aria-busy="true"></div> }
}

/// Shows `render(data)` once the page's resource has loaded, or the error
/// panel (which also sets the response status) when loading failed.
fn loaded<T, V>(
    resource: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(data) => render(data).into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Shows `render(viewer)` to a signed-in person, or asks to sign in (401).
/// The showcase a page was reached from (`?showcase=slug`, slug characters
/// only), as a query string to carry on to the inquiry form (empty without).
pub(crate) fn from_showcase() -> String {
    leptos_router::hooks::use_query_map().with_untracked(|q| {
        q.get("showcase")
            .filter(|slug| {
                !slug.is_empty()
                    && slug.len() <= 80
                    && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            })
            .map(|slug| format!("?showcase={slug}"))
            .unwrap_or_default()
    })
}

pub(crate) fn signed_in<V>(render: impl Fn(Viewer) -> V + Copy + Send + Sync + 'static) -> impl IntoView
where
    V: IntoView + 'static,
{
    let viewer =
        Resource::new(|| (), |_| async { get_viewer().await.and_then(|viewer| viewer.ok_or(AppError::Unauthorized)) });
    loaded(viewer, render)
}
