//! `/{lang}/requests/{id}`: a request as the reader may see it. Anyone
//! reads what was asked; its buyer reads what the office decided and
//! compares the quotes side by side in one currency; a matched producer
//! quotes once; an office sees who asked and screens it.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::offers::{OfferReader, Offers, StartOfferForm};
use super::{RequestFacts, RequestStatusTag, days_left_text};
use crate::api::requests::{ChangeRequest, DeclineRest, QuoteRequest, get_request};
use crate::components::form_fields::{SelectField, TextField};
use crate::components::{FieldError, FormAlert, PageMeta, TextArea, submission_error};
use crate::domain::{
    ComparedQuote, Currency, Fit, Incoterm, MESSAGE_MAX_CHARS, QuoteComparison, RefusalReason, RequestCard,
    RequestPage as Page, RequestStatus, RequestViewer, ResponseMetrics, format_money,
};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn RequestPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(
        move || (params.read().get("id").and_then(|id| id.parse::<i64>().ok()), query.read().get("currency")),
        move |(id, currency)| async move {
            match id {
                Some(id) => get_request(id, currency.unwrap_or_default(), locale).await,
                None => Err(crate::domain::AppError::NotFound),
            }
        },
    );
    view! { {loaded(page, |page| view! { <RequestContent page /> })} }.into_any()
}

#[component]
fn RequestContent(page: Page) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let card = page.card;
    let flag = |name: &str| use_query_map().with_untracked(|q| q.get(name));
    let posted = flag("posted").is_some();
    let declined = flag("declined");
    let open = card.status == RequestStatus::Open;
    let side = match page.viewer {
        RequestViewer::Public => view! {
            <section class="status-panel">
                <p>{m.requests_public_note}</p>
                <p><a class="button" href=i18n.path("/dashboard/requests")>{m.requests_public_sign_in}</a></p>
            </section>
        }
        .into_any(),
        RequestViewer::Buyer { refusal, merged_into, comparison, offers } => view! {
            <BuyerSide card=card.clone() refusal merged_into comparison declined />
            <Offers card=card.clone() offers reader=OfferReader::Buyer />
        }
        .into_any(),
        RequestViewer::Producer { fit, quoted_in, allowance, used_this_month, offers, partners } => {
            let leads_one = offers.iter().any(|offer| offer.leads);
            view! {
                <ProducerSide card=card.clone() fit quoted_in allowance used_this_month />
                <Offers card=card.clone() offers reader=OfferReader::Builder partners />
                {(open && !leads_one).then(|| view! { <section class="status-panel"><StartOfferForm card=card.clone() /></section> })}
            }
            .into_any()
        }
        RequestViewer::Office { buyer_name, buyer_email, matched, offers, partners } => view! {
            <section class="status-panel">
                <h2>{m.requests_office_buyer}</h2>
                <p><bdi>{buyer_name}</bdi>" · "<bdi>{buyer_email}</bdi></p>
                <p class="muted">{fill(m.requests_office_matched, &[("count", &matched.to_string())])}</p>
                {(card.status == RequestStatus::Screening).then(|| view! { <super::office::ScreeningForms id=card.id earlier=Vec::new() /> })}
                {open.then(|| view! { <StartOfferForm card=card.clone() /> })}
            </section>
            <Offers card=card.clone() offers reader=OfferReader::Builder partners />
        }
        .into_any(),
    };
    view! {
        <PageMeta title=format!("{} · {} · {}", card.product, m.requests_title, m.site_name) description=m.requests_intro path=format!("/requests/{}", card.id) />
        <div class="container request-page">
            <header class="page-header">
                <p class="eyebrow"><a href=i18n.path("/requests")>{m.requests_title}</a>" · #"{card.id}</p>
                <h1 dir="auto">{card.product.clone()}</h1>
                <p class="request-meta">
                    <RequestStatusTag status=card.status />
                    {open.then(|| view! { <span class="chip">{days_left_text(&i18n, &card)}</span> })}
                    <span class="muted">{fill(m.requests_quotes, &[("count", &card.quotes.to_string())])}</span>
                    <span class="muted">{fill(m.requests_posted_on, &[("date", &i18n.date(card.posted_on))])}</span>
                </p>
                {card.understood_as.clone().map(|concept| view! {
                    <p class="muted">{fill(m.requests_understood_as, &[("concept", &concept)])}</p>
                })}
            </header>
            {posted.then(|| view! { <p class="notice notice-success" role="status">{m.requests_posted}</p> })}
            <div class="request-layout">
                <section aria-labelledby="request-asked">
                    <h2 id="request-asked" class="visually-hidden">{m.requests_details}</h2>
                    <RequestFacts card=card.clone() />
                    {(!card.details.is_empty()).then(|| view! {
                        <h3 class="facts-heading">{m.requests_details}</h3>
                        <p class="request-details" dir="auto">{card.details.clone()}</p>
                    })}
                </section>
                <div class="request-side">{side}</div>
            </div>
        </div>
    }
}

#[component]
fn BuyerSide(
    card: RequestCard,
    refusal: Option<(RefusalReason, Option<String>)>,
    merged_into: Option<i64>,
    comparison: QuoteComparison,
    declined: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let change = ServerAction::<ChangeRequest>::new();
    let decline = ServerAction::<DeclineRest>::new();
    let error = submission_error(change);
    let decline_error = submission_error(decline);
    let note = match card.status {
        RequestStatus::Screening => Some(view! { <p class="notice">{m.requests_screening_note}</p> }.into_any()),
        RequestStatus::Refused => Some(view! {
            <div class="notice notice-warning">
                <p><strong>{m.requests_refused_note}</strong></p>
                {refusal.map(|(reason, note)| view! { <p>{reason.name(m)}</p> {note.map(|note| view! { <p dir="auto">{note}</p> })} })}
            </div>
        }.into_any()),
        RequestStatus::Merged => Some(view! {
            <p class="notice">{m.requests_merged_note}" "
                {merged_into.map(|id| view! { <a href=i18n.path(&format!("/requests/{id}"))>{fill(m.requests_merged_link, &[("id", &id.to_string())])}</a> })}
            </p>
        }.into_any()),
        RequestStatus::Withdrawn => Some(view! { <p class="notice">{m.requests_withdrawn_note}</p> }.into_any()),
        RequestStatus::Closed => Some(view! { <p class="notice">{m.requests_closed_note}</p> }.into_any()),
        RequestStatus::Open => None,
    };
    let undecided = comparison.quotes.iter().any(|quote| quote.decision.is_none());
    let may_close = card.status == RequestStatus::Open;
    let may_withdraw = matches!(card.status, RequestStatus::Open | RequestStatus::Screening);
    let id = card.id;
    view! {
        {note}
        {declined.map(|count| view! { <p class="notice notice-success" role="status">{fill(m.requests_declined_rest, &[("count", &count)])}</p> })}
        <section class="status-panel" aria-labelledby="compare-title">
            <h2 id="compare-title">{m.requests_compare_title}</h2>
            <Comparison comparison id />
            <FormAlert error=decline_error />
            {undecided.then(|| view! {
                <ActionForm action=decline>
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <button class="button" type="submit">{m.requests_decline_rest}</button>
                </ActionForm>
            })}
        </section>
        <FormAlert error />
        <div class="status-actions">
            {may_close.then(|| view! {
                <ActionForm action=change>
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="change" value="close" />
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <button class="button" type="submit">{m.requests_close}</button>
                </ActionForm>
            })}
            {may_withdraw.then(|| view! {
                <ActionForm action=change>
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="change" value="withdraw" />
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <button class="button button-danger" type="submit">{m.requests_withdraw}</button>
                </ActionForm>
            })}
        </div>
    }
}

/// The buyer's quotes side by side, converted to one currency (a GET form
/// picks it), cheapest first.
#[component]
fn Comparison(comparison: QuoteComparison, id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    if comparison.quotes.is_empty() {
        return view! { <p class="muted">{m.requests_compare_none}</p> }.into_any();
    }
    let currency = comparison.currency;
    let rates_note = comparison.rates_as_of.map(|date| fill(m.requests_rates_note, &[("date", &i18n.date(date))]));
    view! {
        <form class="filter-bar" method="get" action=i18n.path(&format!("/requests/{id}"))>
            <div class="field">
                <label for="compare-currency">{m.requests_compare_currency}</label>
                <select id="compare-currency" name="currency">
                    {Currency::ALL.iter().map(|c| view! { <option value=c.slug() selected=*c == currency>{c.slug()}</option> }).collect_view()}
                </select>
            </div>
            <button class="button" type="submit">{m.requests_compare_show}</button>
        </form>
        <div class="table-scroll" role="region" aria-labelledby="compare-title" tabindex="0">
            <table class="compare-table">
                <thead>
                    <tr>
                        <th scope="col">{m.requests_producer}</th>
                        <th scope="col">{m.requests_unit_price}</th>
                        <th scope="col">{fill(m.requests_converted, &[("currency", currency.slug())])}</th>
                        <th scope="col">{m.requests_quantity}</th>
                        <th scope="col">{m.requests_incoterm}</th>
                        <th scope="col">{m.requests_lead_time}</th>
                        <th scope="col">{m.requests_valid_until}</th>
                        <th scope="col">{m.requests_response}</th>
                        <th scope="col">{m.requests_decision}</th>
                    </tr>
                </thead>
                <tbody>
                    {comparison.quotes.into_iter().map(|quote| view! { <CompareRow quote currency /> }).collect_view()}
                </tbody>
            </table>
        </div>
        {rates_note.map(|note| view! { <p class="muted">{note}</p> })}
    }
    .into_any()
}

#[component]
fn CompareRow(quote: ComparedQuote, currency: Currency) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let converted = match quote.converted_minor {
        Some(minor) => format_money(minor, currency, i18n.locale),
        None => m.requests_no_rate.to_owned(),
    };
    let response = match quote.response {
        ResponseMetrics::New => m.requests_response_new.to_owned(),
        ResponseMetrics::Known { rate_percent, .. } => {
            fill(m.requests_response_rate, &[("rate", &rate_percent.to_string())])
        }
    };
    let certifications: Vec<&str> = quote.certifications.iter().map(|c| c.name(m)).collect();
    let decision = match quote.decision {
        Some(decision) => view! { <span class=format!("status status-{}", decision.slug())>{decision.name(m)}</span> }.into_any(),
        None => view! { <a class="button button-small button-accent" href=i18n.path(&format!("/inquiries/{}", quote.thread_id))>{m.requests_open_thread}</a> }.into_any(),
    };
    view! {
        <tr>
            <th scope="row">
                <a href=i18n.path(&format!("/producers/{}", quote.producer_slug)) dir="auto">{quote.producer_name.clone()}</a>
                {quote.verified.then(|| view! { " " <span class="chip chip-verified">{m.requests_verified}</span> })}
                {(!certifications.is_empty()).then(|| view! { <br /><span class="muted">{certifications.join(", ")}</span> })}
            </th>
            <td><bdi>{format_money(quote.unit_price_minor, quote.currency, i18n.locale)}</bdi></td>
            <td><bdi>{converted}</bdi></td>
            <td>{format!("{} {}", quote.quantity.amount, quote.quantity.unit.name(m))}</td>
            <td><bdi>{format!("{} {}", quote.incoterm.slug(), quote.named_place)}</bdi></td>
            <td>{fill(m.requests_lead_time_days, &[("days", &quote.lead_time_days.to_string())])}</td>
            <td>{i18n.date(quote.valid_until)}</td>
            <td>{response}</td>
            <td>{decision}</td>
        </tr>
    }
}

#[component]
fn ProducerSide(
    card: RequestCard,
    fit: Option<Fit>,
    quoted_in: Option<i64>,
    allowance: u32,
    used_this_month: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let fit_note = match fit {
        Some(Fit::Partial) => m.requests_matched_partial,
        _ => m.requests_matched_full,
    };
    let allowance_note =
        fill(m.requests_allowance, &[("used", &used_this_month.to_string()), ("allowance", &allowance.to_string())]);
    let body = match quoted_in {
        Some(thread) => view! {
            <p>{m.requests_quoted_note}</p>
            <p><a class="button button-accent" href=i18n.path(&format!("/inquiries/{thread}"))>{m.requests_quoted_link}</a></p>
        }
        .into_any(),
        None if card.status == RequestStatus::Open => view! { <QuoteForm card /> }.into_any(),
        None => view! { <p class="notice">{m.requests_closed_note}</p> }.into_any(),
    };
    view! {
        <section class="status-panel" aria-labelledby="quote-title">
            <h2 id="quote-title">{m.requests_quote_title}</h2>
            <p>{fit_note}</p>
            <p class="muted">{allowance_note}</p>
            {body}
        </section>
    }
}

/// A matched producer's quote: the inquiries' quote card, all required.
#[component]
fn QuoteForm(card: RequestCard) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<QuoteRequest>::new();
    let error = submission_error(action);
    let units: Vec<(String, String)> =
        crate::domain::Unit::ALL.iter().map(|u| (u.slug().to_owned(), u.name(m).to_owned())).collect();
    let currencies: Vec<(String, String)> =
        Currency::ALL.iter().map(|c| (c.slug().to_owned(), c.slug().to_owned())).collect();
    let incoterms: Vec<(String, String)> =
        Incoterm::ALL.iter().map(|t| (t.slug().to_owned(), format!("{} · {}", t.slug(), t.name(m)))).collect();
    let amount = card.quantity.amount.to_string();
    let unit = card.quantity.unit.slug().to_owned();
    let currency = card.target_price.map(|(_, c)| c.slug().to_owned()).unwrap_or_default();
    let incoterm = card.incoterm.map(|t| t.slug().to_owned()).unwrap_or_default();
    view! {
        <p class="muted">{m.requests_quote_intro}</p>
        <FormAlert error />
        <ActionForm action>
            <input type="hidden" name="id" value=card.id.to_string() />
            <input type="hidden" name="locale" value=i18n.locale.code() />
            <input type="hidden" name="form[with_quote]" value="on" />
            <FieldError error field="quote" />
            <div class="field-row">
                <TextField name="unit_price" label=m.quote_unit_price value="" error required=true inputmode="decimal" maxlength=16 />
                <SelectField name="currency" label=m.inquiry_currency options=currencies value=currency error empty=m.inquiry_choose required=true />
            </div>
            <div class="field-row">
                <TextField name="quantity_amount" label=m.inquiry_quantity value=amount error required=true inputmode="numeric" maxlength=13 />
                <SelectField name="quantity_unit" label=m.inquiry_unit options=units value=unit error required=true />
            </div>
            <div class="field-row">
                <SelectField name="incoterm" label=m.inquiry_incoterm options=incoterms value=incoterm error empty=m.inquiry_choose required=true />
                <TextField name="named_place" label=m.quote_named_place value="" error required=true maxlength=120 />
            </div>
            <div class="field-row">
                <TextField name="valid_until" label=m.quote_valid_until value="" error required=true input_type="date" maxlength=10 />
                <TextField name="lead_time_days" label=m.quote_lead_time_days value="" error required=true inputmode="numeric" maxlength=3 />
            </div>
            <div class="field">
                <label for="field-message">{m.requests_quote_message}</label>
                <TextArea id="field-message" name="form[message]" value="" rows=4 max_chars=MESSAGE_MAX_CHARS />
                <FieldError error field="message" />
            </div>
            <button class="button button-accent" type="submit">{m.requests_quote_send}</button>
        </ActionForm>
    }
}
