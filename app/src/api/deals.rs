//! Server functions of deals. Thin: each finds who acts, calls the `Deals`
//! port, and sends a plain form post on to the deal's page.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::{AppError, BillingForm, DealLine, DealPage, DealStepForm, ExportFigures, Locale, ProformaPage};

/// A deal as the reader's side sees it.
#[server(endpoint = "deal", input = GetUrl)]
pub async fn get_deal(id: i64) -> Result<DealPage, AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.deals.page(&viewer, id).await)
}

/// The reader's deals.
#[server(endpoint = "deals", input = GetUrl)]
pub async fn get_deals() -> Result<Vec<DealLine>, AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.deals.list(&viewer).await)
}

/// The reader's producer's own exports this year.
#[server(endpoint = "deals/exports", input = GetUrl)]
pub async fn get_own_exports() -> Result<ExportFigures, AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.deals.own_exports(&viewer).await)
}

/// A deal's printable proforma.
#[server(endpoint = "deal/proforma", input = GetUrl)]
pub async fn get_proforma(id: i64) -> Result<ProformaPage, AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.deals.proforma(&viewer, id).await)
}

/// The billing settings the producer's owners keep.
#[server(endpoint = "billing", input = GetUrl)]
pub async fn get_billing() -> Result<BillingForm, AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.deals.billing(&viewer).await)
}

#[server(endpoint = "billing/save")]
pub async fn save_billing(form: BillingForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.deals.save_billing(&viewer, &form).await)?;
    super::context::redirect_to(&locale.localize_path("/dashboard/billing?saved=1"));
    Ok(())
}

/// Moves a deal one step and shows it again.
#[server(endpoint = "deals/step")]
pub async fn move_deal(id: i64, form: DealStepForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.deals.step(&viewer, id, &form).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/deals/{id}?moved=1")));
    Ok(())
}
