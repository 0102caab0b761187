//! Server functions of buying requests. Thin: each finds who acts, calls
//! the `BuyingRequests` port, and sends a plain form post on to the page
//! that shows what happened.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::{
    AppError, ExchangeRates, Locale, MatchedRequest, ReplyForm, RequestCard, RequestForm, RequestList, RequestPage,
    ScreeningForm, ScreeningQueue,
};

/// One page of the open public requests.
#[server(endpoint = "requests", input = GetUrl)]
pub async fn get_requests(
    #[server(default)] sector: String,
    #[server(default)] market: String,
    #[server(default)] page: u64,
    locale: Locale,
) -> Result<RequestList, AppError> {
    let services = super::context::services()?;
    let filter = crate::domain::RequestFilter::from_query(|key| match key {
        "sector" => Some(sector.clone()),
        "market" => Some(market.clone()),
        "page" => Some(page.to_string()),
        _ => None,
    });
    super::context::respond(services.requests.list(&filter, locale).await)
}

/// A request's page as the reader may see it; `currency` is the buyer's
/// choice for the comparison (empty: its target price's).
#[server(endpoint = "request", input = GetUrl)]
pub async fn get_request(
    id: i64,
    #[server(default)] currency: String,
    locale: Locale,
) -> Result<RequestPage, AppError> {
    let services = super::context::services()?;
    let viewer = super::context::session()?.0.viewer();
    let currency = crate::domain::Currency::from_slug(&currency);
    super::context::respond(services.requests.page(viewer.as_ref(), id, currency, locale).await)
}

#[server(endpoint = "requests/mine", input = GetUrl)]
pub async fn get_my_requests(locale: Locale) -> Result<Vec<RequestCard>, AppError> {
    let services = super::context::services()?;
    let buyer = super::context::respond(super::context::buyer())?;
    super::context::respond(services.requests.mine(&buyer, locale).await)
}

#[server(endpoint = "requests/matched", input = GetUrl)]
pub async fn get_matched_requests(locale: Locale) -> Result<Vec<MatchedRequest>, AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.requests.matched(&viewer, locale).await)
}

/// The country a buyer's request goes to by default: its profile's, else
/// the one its browser's languages name (`pt-BR` → Brazil).
#[server(endpoint = "requests/destination", input = GetUrl)]
pub async fn get_default_destination() -> Result<Option<crate::domain::CountryCode>, AppError> {
    let services = super::context::services()?;
    let buyer = super::context::session()?.0.viewer().and_then(|viewer| viewer.as_buyer().ok());
    let own = match buyer {
        Some(buyer) => super::context::respond(services.inquiries.buyer_country(&buyer).await)?,
        None => None,
    };
    Ok(own.or_else(super::context::browser_country))
}

/// Posts a request and opens its page.
#[server(endpoint = "requests/post")]
pub async fn post_request(form: RequestForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let buyer = super::context::respond(super::context::buyer())?;
    let id = super::context::respond(services.requests.post(&buyer, &form, locale).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/requests/{id}?posted=1")));
    Ok(())
}

/// A matched producer's quote; opens the conversation it started.
#[server(endpoint = "requests/quote")]
pub async fn quote_request(id: i64, form: ReplyForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    let thread = super::context::respond(services.requests.quote(&viewer, id, &form).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/inquiries/{thread}?sent=1")));
    Ok(())
}

/// The buyer stops taking quotes (`close`) or withdraws its request.
#[server(endpoint = "requests/change")]
pub async fn change_request(id: i64, change: String, locale: Locale) -> Result<(), AppError> {
    use crate::domain::RequestEvent;
    let services = super::context::services()?;
    let buyer = super::context::respond(super::context::buyer())?;
    let event = match change.as_str() {
        "close" => RequestEvent::Close,
        "withdraw" => RequestEvent::Withdraw,
        _ => return super::context::respond(Err(AppError::invalid("change", "invalid.choice"))),
    };
    super::context::respond(services.requests.change(&buyer, id, event).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/requests/{id}")));
    Ok(())
}

/// Declines every quote the buyer has not answered.
#[server(endpoint = "requests/decline_rest")]
pub async fn decline_rest(id: i64, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    let declined = super::context::respond(services.requests.decline_rest(&viewer, id).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/requests/{id}?declined={declined}")));
    Ok(())
}

#[server(endpoint = "office/requests", input = GetUrl)]
pub async fn get_screening(locale: Locale) -> Result<(ScreeningQueue, ExchangeRates, bool), AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    let queue = super::context::respond(services.requests.screening(&admin, locale).await)?;
    let rates = super::context::respond(services.requests.rates().await)?;
    Ok((queue, rates, admin.check_national().is_ok()))
}

#[server(endpoint = "office/screen")]
pub async fn screen_request(id: i64, form: ScreeningForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    let decision = super::context::respond(form.decision())?;
    super::context::respond(services.requests.screen(&admin, id, decision).await)?;
    super::context::redirect_to(&locale.localize_path("/admin/requests?decided=1"));
    Ok(())
}

#[server(endpoint = "office/rate")]
pub async fn set_rate(currency: String, rate: String, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    let currency = super::context::respond(
        crate::domain::Currency::from_slug(&currency).ok_or_else(|| AppError::invalid("currency", "invalid.choice")),
    )?;
    super::context::respond(services.requests.set_rate(&admin, currency, &rate).await)?;
    super::context::redirect_to(&locale.localize_path("/admin/requests?rate=1"));
    Ok(())
}

/// Starts a pooled offer on a request (a matched producer, or an office as broker).
#[server(endpoint = "offers/start")]
pub async fn start_offer(id: i64, form: crate::domain::OfferForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    let offer = super::context::respond(services.requests.start_offer(&viewer, id, &form).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/requests/{id}#offer-{offer}")));
    Ok(())
}

/// The lead invites another matched producer into its offer.
#[server(endpoint = "offers/invite")]
pub async fn invite_to_offer(offer: i64, producer: i64, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    let request = super::context::respond(services.requests.invite_to_offer(&viewer, offer, producer).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/requests/{request}#offer-{offer}")));
    Ok(())
}

/// A member commits its quantity and price.
#[server(endpoint = "offers/commit")]
pub async fn commit_share(offer: i64, form: crate::domain::ShareForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    let request = super::context::respond(services.requests.commit_share(&viewer, offer, &form).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/requests/{request}#offer-{offer}")));
    Ok(())
}

/// The lead sends the offer to the buyer.
#[server(endpoint = "offers/submit")]
pub async fn submit_offer(offer: i64, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    let request = super::context::respond(services.requests.submit_offer(&viewer, offer).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/requests/{request}#offer-{offer}")));
    Ok(())
}

/// The buyer accepts (`accept`) or declines (`decline`) a sent offer.
#[server(endpoint = "offers/decide")]
pub async fn decide_offer(offer: i64, decision: String, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    let accept = match decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return super::context::respond(Err(AppError::invalid("decision", "invalid.choice"))),
    };
    let request = super::context::respond(services.requests.decide_offer(&viewer, offer, accept).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/requests/{request}#offer-{offer}")));
    Ok(())
}
