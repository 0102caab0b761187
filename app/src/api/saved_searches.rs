//! Server functions of saved searches and their alerts: keep
//! the search on screen, list, delete and switch alerts for a signed-in
//! buyer; read and stop one search's alerts from a mailed, signed link
//! without signing in.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::{AlertSubscription, AppError, ListingQuery, Locale, SavedSearchList};

/// Keeps the search, then goes back to it with a note saying so.
#[server(endpoint = "save_search")]
pub async fn save_search(query: ListingQuery, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let buyer = super::context::respond(super::context::buyer())?;
    super::context::respond(services.saved_searches.save(&buyer, &query, locale).await)?;
    let confirmed = super::context::respond(services.saved_searches.saved(&buyer).await)?.address_confirmed;
    let kept = query.to_kept().to_query_string();
    let note = if confirmed { "saved=1" } else { "saved_unconfirmed=1" };
    super::context::redirect_to(&format!("{}?{kept}&{note}", locale.localize_path("/search")));
    Ok(())
}

#[server(endpoint = "saved_searches", input = GetUrl)]
pub async fn get_saved_searches() -> Result<SavedSearchList, AppError> {
    let services = super::context::services()?;
    let buyer = super::context::respond(super::context::buyer())?;
    super::context::respond(services.saved_searches.saved(&buyer).await)
}

#[server(endpoint = "remove_saved_search")]
pub async fn remove_saved_search(id: i64, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let buyer = super::context::respond(super::context::buyer())?;
    super::context::respond(services.saved_searches.remove(&buyer, id).await)?;
    super::context::redirect_to(&locale.localize_path("/account/searches"));
    Ok(())
}

#[server(endpoint = "set_search_alerts")]
pub async fn set_search_alerts(id: i64, on: bool, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let buyer = super::context::respond(super::context::buyer())?;
    super::context::respond(services.saved_searches.set_alerts(&buyer, id, on).await)?;
    super::context::redirect_to(&locale.localize_path("/account/searches"));
    Ok(())
}

/// The search a mailed link names (no sign-in; the token must be right).
#[server(endpoint = "alert_subscription", input = GetUrl)]
pub async fn get_alert_subscription(search: i64, token: String) -> Result<AlertSubscription, AppError> {
    let services = super::context::services()?;
    super::context::respond(services.saved_searches.subscription(search, &token).await)
}

/// Stops the alerts a mailed link names, without signing in.
#[server(endpoint = "stop_alerts")]
pub async fn stop_alerts(search: i64, token: String, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    super::context::respond(services.saved_searches.stop_alerts(search, &token).await)?;
    let token: String = token.chars().filter(char::is_ascii_hexdigit).collect();
    super::context::redirect_to(
        &locale.localize_path(&format!("/alerts/stop?search={search}&token={token}&stopped=1")),
    );
    Ok(())
}
