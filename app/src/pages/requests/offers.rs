//! Pooled offers on a request's page: each offer with its members, their
//! shares and what they add up to against the quantity asked, and what the
//! reader may do with it (the lead invites and sends, a member commits its
//! share, the buyer accepts or declines); and the form that starts one.

use leptos::prelude::*;

use crate::api::requests::{CommitShare, DecideOffer, InviteToOffer, StartOffer, SubmitOffer};
use crate::components::{FormAlert, TextArea, submission_error};
use crate::domain::{
    Currency, Incoterm, MESSAGE_MAX_CHARS, OfferStatus, PooledOfferView, RequestCard, format_money, group_thousands,
};
use crate::i18n::{fill, use_i18n};

/// Who reads the offers, for what they may do.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum OfferReader {
    Buyer,
    Builder,
}

#[component]
pub(super) fn Offers(
    card: RequestCard,
    offers: Vec<PooledOfferView>,
    reader: OfferReader,
    #[prop(optional)] partners: Vec<(i64, String)>,
) -> impl IntoView {
    let m = use_i18n().messages;
    if offers.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="status-panel" aria-labelledby="offers-title">
            <h2 id="offers-title">{m.requests_offers_title}</h2>
            <p class="muted">{m.requests_offer_intro}</p>
            {offers.into_iter().map(|offer| view! { <OfferCard card=card.clone() offer reader partners=partners.clone() /> }).collect_view()}
        </section>
    }
    .into_any()
}

#[component]
fn OfferCard(
    card: RequestCard,
    offer: PooledOfferView,
    reader: OfferReader,
    partners: Vec<(i64, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let (group, _) = i18n.locale.number_marks();
    let unit = card.quantity.unit.name(m);
    let amount = move |n: u64| format!("{} {}", group_thousands(&n.to_string(), group), unit);
    let totals = offer.totals.clone();
    let building = offer.status == OfferStatus::Building;
    let lead = if offer.lead_name.is_empty() {
        m.requests_offer_broker.to_owned()
    } else {
        fill(m.requests_offer_lead, &[("name", &offer.lead_name)])
    };
    let members: Vec<i64> = offer.shares.iter().map(|share| share.producer_id).collect();
    let invitable: Vec<(String, String)> =
        partners.into_iter().filter(|(id, _)| !members.contains(id)).map(|(id, name)| (id.to_string(), name)).collect();
    let anchor = format!("offer-{}", offer.id);
    let currency = offer.currency;
    let offer_id = offer.id.to_string();
    view! {
        <article class="offer-card" id=anchor>
            <header class="offer-header">
                <h3>{format!("#{}", offer.id)}" · "{lead}</h3>
                <span class=format!("status status-offer-{}", offer.status.slug())>{offer.status.name(m)}</span>
            </header>
            <p class="muted">
                {format!("{} {} · ", offer.incoterm.slug(), offer.named_place)}
                {fill(m.requests_lead_time_days, &[("days", &offer.lead_time_days.to_string())])}
                {format!(" · {} {}", m.requests_valid_until, i18n.date(offer.valid_until))}
            </p>
            {(!offer.message.is_empty()).then(|| view! { <p class="request-details" dir="auto">{offer.message.clone()}</p> })}
            <div class="table-scroll" role="region" aria-label=m.requests_offer_members tabindex="0">
                <table class="compare-table">
                    <thead><tr>
                        <th scope="col">{m.requests_offer_members}</th>
                        <th scope="col">{m.requests_offer_quantity}</th>
                        <th scope="col">{m.requests_offer_unit_price}</th>
                        <th scope="col">{m.requests_offer_share}</th>
                    </tr></thead>
                    <tbody>
                        {offer.shares.iter().map(|share| view! {
                            <tr>
                                <th scope="row">
                                    <a href=i18n.path(&format!("/producers/{}", share.producer_slug)) dir="auto">{share.producer_name.clone()}</a>
                                    {share.verified.then(|| view! { " " <span class="chip chip-verified">{m.requests_verified}</span> })}
                                    {share.thread_id.map(|thread| view! { <br /><a href=i18n.path(&format!("/inquiries/{thread}"))>{m.requests_offer_member_thread}</a> })}
                                </th>
                                {match (share.quantity, share.unit_price_minor) {
                                    (Some(quantity), Some(price)) => view! {
                                        <td>{amount(quantity)}</td>
                                        <td><bdi>{format_money(price, currency, i18n.locale)}</bdi></td>
                                        <td>{format!("{} %", share.percent)}</td>
                                    }.into_any(),
                                    _ => view! { <td colspan="3" class="muted">{m.requests_offer_invited}</td> }.into_any(),
                                }}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="facts offer-totals">
                <div class="fact"><dt>{fill(m.requests_offer_total, &[("committed", &amount(totals.committed)), ("requested", &amount(totals.requested))])}</dt>
                    <dd>{if totals.complete() { m.requests_offer_complete.to_owned() } else { fill(m.requests_offer_shortfall, &[("shortfall", &amount(totals.shortfall))]) }}</dd></div>
                <div class="fact"><dt>{m.requests_offer_weighted}</dt><dd><bdi>{format_money(totals.weighted_price_minor, currency, i18n.locale)}</bdi></dd></div>
                <div class="fact"><dt>{m.requests_offer_total_value}</dt><dd><bdi>{format_money(totals.total_minor, currency, i18n.locale)}</bdi></dd></div>
            </dl>
            {(reader == OfferReader::Builder && building && offer.own_share.is_some()).then(|| view! { <CommitForm offer_id=offer_id.clone() currency /> })}
            {(reader == OfferReader::Builder && building && offer.leads).then(|| view! { <LeadForms offer_id=offer_id.clone() invitable /> })}
            {(reader == OfferReader::Buyer && offer.status == OfferStatus::Submitted).then(|| view! { <DecideForms offer_id=offer_id.clone() /> })}
            {(reader == OfferReader::Buyer && offer.status == OfferStatus::Accepted).then(|| view! { <p class="notice notice-success">{m.requests_offer_accepted_note}</p> })}
        </article>
    }
}

#[component]
fn CommitForm(offer_id: String, currency: Currency) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let commit = ServerAction::<CommitShare>::new();
    let error = submission_error(commit);
    let quantity_id = format!("share-quantity-{offer_id}");
    let price_id = format!("share-price-{offer_id}");
    view! {
        <FormAlert error />
        <ActionForm action=commit attr:class="offer-form">
            <input type="hidden" name="offer" value=offer_id />
            <input type="hidden" name="locale" value=i18n.locale.code() />
            <h4>{m.requests_offer_commit_title}</h4>
            <div class="field-row">
                <Input id=quantity_id name="form[quantity]" label=m.requests_offer_quantity.to_owned() inputmode="numeric" />
                <Input id=price_id name="form[unit_price]" label=format!("{} ({})", m.requests_offer_unit_price, currency.slug()) inputmode="decimal" />
            </div>
            <button class="button button-accent" type="submit">{m.requests_offer_commit}</button>
        </ActionForm>
    }
}

#[component]
fn LeadForms(offer_id: String, invitable: Vec<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let invite = ServerAction::<InviteToOffer>::new();
    let submit = ServerAction::<SubmitOffer>::new();
    let invite_error = submission_error(invite);
    let submit_error = submission_error(submit);
    let select_id = format!("invite-{offer_id}");
    let invite_offer = offer_id.clone();
    view! {
        <FormAlert error=invite_error />
        {(!invitable.is_empty()).then(|| view! {
            <ActionForm action=invite attr:class="offer-form">
                <input type="hidden" name="offer" value=invite_offer.clone() />
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <div class="field">
                    <label for=select_id.clone()>{m.requests_offer_invite_label}</label>
                    <select id=select_id name="producer" required>
                        {invitable.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <button class="button" type="submit">{m.requests_offer_invite}</button>
            </ActionForm>
        })}
        <FormAlert error=submit_error />
        <ActionForm action=submit attr:class="offer-form">
            <input type="hidden" name="offer" value=offer_id />
            <input type="hidden" name="locale" value=i18n.locale.code() />
            <p class="field-hint">{m.requests_offer_submit_hint}</p>
            <button class="button button-accent" type="submit">{m.requests_offer_submit}</button>
        </ActionForm>
    }
}

#[component]
fn DecideForms(offer_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let decide = ServerAction::<DecideOffer>::new();
    let error = submission_error(decide);
    let accept_offer = offer_id.clone();
    view! {
        <FormAlert error />
        <div class="status-actions">
            <ActionForm action=decide>
                <input type="hidden" name="offer" value=accept_offer />
                <input type="hidden" name="decision" value="accept" />
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <button class="button button-accent" type="submit">{m.requests_offer_accept}</button>
            </ActionForm>
            <ActionForm action=decide>
                <input type="hidden" name="offer" value=offer_id />
                <input type="hidden" name="decision" value="decline" />
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <button class="button" type="submit">{m.requests_offer_decline}</button>
            </ActionForm>
        </div>
    }
}

/// Starts a pooled offer: the terms every member's share is quoted on.
#[component]
pub(super) fn StartOfferForm(card: RequestCard) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let start = ServerAction::<StartOffer>::new();
    let error = submission_error(start);
    let currencies: Vec<(String, String)> =
        Currency::ALL.iter().map(|c| (c.slug().to_owned(), c.slug().to_owned())).collect();
    let incoterms: Vec<(String, String)> =
        Incoterm::ALL.iter().map(|t| (t.slug().to_owned(), format!("{} · {}", t.slug(), t.name(m)))).collect();
    let currency = card.target_price.map(|(_, c)| c.slug().to_owned()).unwrap_or_default();
    let incoterm = card.incoterm.map(|t| t.slug().to_owned()).unwrap_or_default();
    view! {
        <details class="quote-fields offer-start">
            <summary>{m.requests_offer_start_title}</summary>
            <p class="muted">{m.requests_offer_start_hint}</p>
            <FormAlert error />
            <ActionForm action=start>
                <input type="hidden" name="id" value=card.id.to_string() />
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <div class="field-row">
                    <Choice id="offer-currency" name="form[currency]" label=m.inquiry_currency options=currencies value=currency />
                    <Choice id="offer-incoterm" name="form[incoterm]" label=m.inquiry_incoterm options=incoterms value=incoterm />
                </div>
                <div class="field-row">
                    <Input id="offer-place".to_owned() name="form[named_place]" label=m.quote_named_place.to_owned() />
                    <Input id="offer-lead-time".to_owned() name="form[lead_time_days]" label=m.quote_lead_time_days.to_owned() inputmode="numeric" />
                </div>
                <Input id="offer-valid-until".to_owned() name="form[valid_until]" label=m.quote_valid_until.to_owned() input_type="date" />
                <div class="field">
                    <label for="offer-message">{m.requests_offer_message}</label>
                    <TextArea id="offer-message" name="form[message]" value="" rows=3 max_chars=MESSAGE_MAX_CHARS />
                </div>
                <button class="button button-accent" type="submit">{m.requests_offer_start}</button>
            </ActionForm>
        </details>
    }
}

/// A required input with its own id (several forms share the page, so the
/// shared form fields' ids would repeat); errors show in the form's alert.
#[component]
fn Input(
    id: String,
    name: &'static str,
    label: String,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] input_type: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=name type=input_type.unwrap_or("text") inputmode=inputmode required maxlength="120" />
        </div>
    }
}

/// A required select with its own id.
#[component]
fn Choice(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    value: String,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name required>
                {options.into_iter().map(|(option, text)| {
                    let selected = option == value;
                    view! { <option value=option selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
