//! Server functions of the producer's workspace: dashboard, company profile,
//! listings and photo order. Each checks the caller is a producer, then calls
//! the `Studio` port, which answers `NotFound` for anything not theirs.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::{
    AppError, Dashboard, Insights, ListingEditor, ListingForm, Locale, PhotoChange, ProfileEditor, ProfileForm,
    StatusChange,
};

#[server(endpoint = "dashboard", input = GetUrl)]
pub async fn get_dashboard(locale: Locale) -> Result<Dashboard, AppError> {
    let services = super::context::services()?;
    let access = super::context::respond(super::context::producer().await)?;
    super::context::respond(services.studio.dashboard(&access, locale).await)
}

/// The producer's insights: where interest in its listings comes from.
#[server(endpoint = "insights", input = GetUrl)]
pub async fn get_insights() -> Result<Insights, AppError> {
    let services = super::context::services()?;
    let access = super::context::respond(super::context::producer().await)?;
    super::context::respond(services.insight.insights(&access).await)
}

#[server(endpoint = "profile_editor", input = GetUrl)]
pub async fn get_profile_editor() -> Result<ProfileEditor, AppError> {
    let services = super::context::services()?;
    let access = super::context::respond(super::context::producer().await)?;
    super::context::respond(services.studio.profile(&access).await)
}

#[server(endpoint = "save_profile")]
pub async fn save_profile(form: ProfileForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let access = super::context::respond(super::context::producer().await)?;
    super::context::respond(services.studio.save_profile(&access, &form).await)?;
    super::context::redirect_to(&locale.localize_path("/dashboard/profile?saved=1"));
    Ok(())
}

#[server(endpoint = "listing_editor", input = GetUrl)]
pub async fn get_listing_editor(id: i64) -> Result<ListingEditor, AppError> {
    let services = super::context::services()?;
    let access = super::context::respond(super::context::producer().await)?;
    super::context::respond(services.studio.listing(&access, id).await)
}

/// Creates (`id` absent) or updates a listing, then opens its editor.
#[server(endpoint = "save_listing")]
pub async fn save_listing(id: Option<i64>, form: ListingForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let access = super::context::respond(super::context::producer().await)?;
    let id = super::context::respond(services.studio.save_listing(&access, id, &form).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/dashboard/listings/{id}?saved=1")));
    Ok(())
}

#[server(endpoint = "change_listing_status")]
pub async fn change_listing_status(id: i64, change: StatusChange) -> Result<(), AppError> {
    let services = super::context::services()?;
    let access = super::context::respond(super::context::producer().await)?;
    super::context::respond(services.studio.change_status(&access, id, change).await)
}

#[server(endpoint = "delete_listing")]
pub async fn delete_listing(id: i64, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let access = super::context::respond(super::context::producer().await)?;
    super::context::respond(services.studio.delete_listing(&access, id).await)?;
    super::context::redirect_to(&locale.localize_path("/dashboard?deleted=1"));
    Ok(())
}

#[server(endpoint = "change_photo")]
pub async fn change_photo(listing_id: i64, photo_id: i64, change: PhotoChange) -> Result<(), AppError> {
    let services = super::context::services()?;
    let access = super::context::respond(super::context::producer().await)?;
    super::context::respond(services.studio.change_photo(&access, listing_id, photo_id, change).await)
}
