//! The pages of buying requests: the public list and a request's page,
//! the buyer's form and its own requests, the producer's matched requests,
//! and the offices' screening queue with the exchange rates they keep.

mod detail;
mod list;
mod new;
mod offers;
mod office;
mod workspace;

pub use detail::RequestPage;
pub use list::{MyRequestsPage, RequestsPage};
pub use new::NewRequestPage;
pub use office::RequestScreeningPage;
pub use workspace::MatchedRequestsPage;

use leptos::prelude::*;

use crate::domain::{RequestCard, RequestStatus, format_money, group_thousands};
use crate::i18n::{I18n, fill, use_i18n};

/// The request form, with the product a buyer searched for filled in.
pub fn request_form_path(i18n: &I18n, product: &str) -> String {
    let product: String = product.chars().take(crate::domain::REQUEST_PRODUCT_MAX_CHARS).collect();
    if product.is_empty() {
        return i18n.path("/requests/new");
    }
    let encoded = crate::pages::query_escape(&product);
    format!("{}?product={encoded}", i18n.path("/requests/new"))
}

/// A request's status as a coloured label.
#[component]
fn RequestStatusTag(status: RequestStatus) -> impl IntoView {
    let m = use_i18n().messages;
    view! { <span class=format!("status status-request-{}", status.slug())>{status.name(m)}</span> }
}

/// `20,000 L`-style quantity in the reader's digits grouping.
fn quantity_text(i18n: &I18n, card: &RequestCard) -> String {
    let (group, _) = i18n.locale.number_marks();
    format!("{} {}", group_thousands(&card.quantity.amount.to_string(), group), card.quantity.unit.name(i18n.messages))
}

/// Days left, or "last day", while the request takes quotes.
fn days_left_text(i18n: &I18n, card: &RequestCard) -> String {
    let m = i18n.messages;
    if card.days_left == 0 {
        m.requests_last_day.to_owned()
    } else {
        fill(m.requests_days_left, &[("days", &card.days_left.to_string())])
    }
}

/// What was asked, as facts: the card's whole content but its product.
#[component]
fn RequestFacts(card: RequestCard) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let fact = |label: &'static str, value: String| view! { <div class="fact"><dt>{label}</dt><dd>{value}</dd></div> };
    let certifications: Vec<String> = card.certifications.iter().map(|c| c.name(m).to_owned()).collect();
    let labels: Vec<String> = card.origin_labels.iter().map(|l| l.name(m).to_owned()).collect();
    view! {
        <dl class="facts">
            {fact(m.requests_quantity, quantity_text(&i18n, &card))}
            {fact(m.requests_destination, card.destination_country.name(i18n.locale).to_owned())}
            {card.incoterm.map(|term| fact(m.requests_incoterm, format!("{} · {}", term.slug(), term.name(m))))}
            {card.target_price.map(|(minor, currency)| fact(m.requests_target_price, format_money(minor, currency, i18n.locale)))}
            {card.hs_code.clone().map(|code| fact(m.requests_hs_code, code))}
            {(!certifications.is_empty()).then(|| fact(m.requests_certifications, certifications.join(", ")))}
            {(!labels.is_empty()).then(|| fact(m.requests_labels, labels.join(", ")))}
            {card.wanted_by.map(|date| fact(m.requests_wanted_by, i18n.date(date)))}
            {fact(m.requests_deadline, i18n.date(card.deadline))}
        </dl>
    }
}

/// One request in a list: product, what was asked in a line, days left and quotes.
#[component]
fn RequestLine(card: RequestCard, href: String, #[prop(optional)] extra: Option<AnyView>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let open = card.status == RequestStatus::Open;
    let summary = format!(
        "{} · {} · {}",
        quantity_text(&i18n, &card),
        card.destination_country.name(i18n.locale),
        card.sector.name(m)
    );
    let heading_id = format!("request-{}", card.id);
    let labelled_by = heading_id.clone();
    view! {
        <li class="request-line" aria-labelledby=labelled_by>
            <div class="request-line-main">
                <h2 id=heading_id class="request-line-title"><a href=href dir="auto">{card.product.clone()}</a></h2>
                <p class="muted">{summary}</p>
                {card.understood_as.clone().map(|concept| view! {
                    <p class="muted request-understood">{fill(m.requests_understood_as, &[("concept", &concept)])}</p>
                })}
            </div>
            <div class="request-line-side">
                {if open {
                    view! { <span class="chip">{days_left_text(&i18n, &card)}</span> }.into_any()
                } else {
                    view! { <RequestStatusTag status=card.status /> }.into_any()
                }}
                <span class="muted">{fill(m.requests_quotes, &[("count", &card.quotes.to_string())])}</span>
                {extra}
            </div>
        </li>
    }
}
