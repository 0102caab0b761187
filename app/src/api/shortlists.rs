//! Server functions of the buyer's shortlist.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::domain::SavedThing;
use crate::domain::{AppError, Locale, Shortlist};

/// The thing a form names: a listing id or a producer slug.
#[cfg(feature = "ssr")]
fn thing(listing: Option<i64>, producer: Option<String>) -> Result<SavedThing, AppError> {
    match (listing, producer) {
        (Some(id), None) => Ok(SavedThing::Listing(id)),
        (None, Some(slug)) => Ok(SavedThing::Producer(slug)),
        _ => Err(AppError::BadRequest),
    }
}

#[server(endpoint = "shortlist", input = GetUrl)]
pub async fn get_shortlist(locale: Locale) -> Result<Shortlist, AppError> {
    let services = super::context::services()?;
    let buyer = super::context::respond(super::context::buyer())?;
    super::context::respond(services.shortlists.shortlist(&buyer, locale).await)
}

/// Whether the signed-in buyer saved it; `None` for anyone else (no button).
#[server(endpoint = "is_kept", input = GetUrl)]
pub async fn is_kept(listing: Option<i64>, producer: Option<String>, locale: Locale) -> Result<Option<bool>, AppError> {
    let services = super::context::services()?;
    let thing = super::context::respond(thing(listing, producer))?;
    match super::context::session()?.0.viewer().map(|viewer| viewer.as_buyer()) {
        Some(Ok(buyer)) => super::context::respond(services.shortlists.is_kept(&buyer, &thing, locale).await).map(Some),
        _ => Ok(None),
    }
}

/// Saves or removes, then goes back to the page the form was on.
#[server(endpoint = "keep")]
pub async fn keep(
    listing: Option<i64>,
    producer: Option<String>,
    on: bool,
    back: String,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let buyer = super::context::respond(super::context::buyer())?;
    let thing = super::context::respond(thing(listing, producer))?;
    super::context::respond(services.shortlists.keep(&buyer, &thing, on, locale).await)?;
    // Only a path of this site: never a redirect elsewhere.
    let back = if back.starts_with('/') && !back.starts_with("//") { back } else { locale.localize_path("/shortlist") };
    super::context::redirect_to(&back);
    Ok(())
}
