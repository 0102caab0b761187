//! `/{lang}/deals/{id}/proforma`: the deal's proforma invoice for print
//! (A4, like a showcase's print view). Each label reads in the buyer's
//! language with the producer's beside it when they differ; amounts, dates
//! and quantities in the page's language. Bank details appear only when
//! the server sent them (the buyer of the deal, the producer's owners).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::deals::get_proforma;
use crate::components::PageMeta;
use crate::domain::{AppError, ProformaPage, ProformaParty, format_money};
use crate::i18n::{Messages, fill, messages, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn ProformaPrintPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let params = use_params_map();
    let page = Resource::new(
        move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()),
        move |id| async move {
            match id {
                Some(id) => get_proforma(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! { {loaded(page, |proforma| view! { <ProformaSheet proforma /> })} }.into_any()
}

/// A label in the buyer's language, with the producer's beside it.
fn both(
    first: &'static Messages,
    second: Option<&'static Messages>,
    pick: fn(&'static Messages) -> &'static str,
) -> String {
    match second {
        Some(second) if pick(second) != pick(first) => format!("{} / {}", pick(first), pick(second)),
        _ => pick(first).to_owned(),
    }
}

#[component]
fn Party(party: ProformaParty, title: String, ice_label: String) -> impl IntoView {
    let locale = use_i18n().locale;
    view! {
        <section class="proforma-party">
            <h2>{title}</h2>
            <p><strong dir="auto">{party.legal_name.clone()}</strong></p>
            {party.city.clone().map(|city| view! { <p dir="auto">{city}</p> })}
            {party.country.map(|country| view! { <p>{country.name(locale)}</p> })}
            {party.ice.clone().map(|ice| view! { <p>{ice_label.clone()}": "<span dir="ltr">{ice}</span></p> })}
        </section>
    }
}

#[component]
fn ProformaSheet(proforma: ProformaPage) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let first = messages(proforma.buyer_locale);
    let second = (proforma.producer_locale != proforma.buyer_locale).then(|| messages(proforma.producer_locale));
    let label = move |pick: fn(&'static Messages) -> &'static str| both(first, second, pick);
    let card = proforma.card.clone();
    let money = move |minor: i64| format_money(minor, card.currency, i18n.locale);
    let total = card.total_minor().map(money);
    let origin = fill(m.proforma_origin_value, &[("region", proforma.seller_region.name(m))]);
    view! {
        <PageMeta title=format!("{} {} · {}", m.proforma_title, proforma.number, m.site_name) description=m.proforma_note path=format!("/deals/{}/proforma", card.id) />
        <div class="print-sheet proforma-sheet">
            <p class="print-actions no-print">
                <a href=i18n.path(&format!("/deals/{}", card.id))>{m.deals_title}</a>
            </p>
            <header class="print-header proforma-header">
                <h1>{label(|m| m.proforma_title)}</h1>
                <dl class="proforma-meta">
                    <div><dt>{label(|m| m.proforma_number)}</dt><dd dir="ltr">{proforma.number.clone()}</dd></div>
                    <div><dt>{label(|m| m.proforma_date)}</dt><dd>{i18n.date(proforma.issued_on)}</dd></div>
                    <div><dt>{label(|m| m.proforma_validity)}</dt><dd>{i18n.date(card.valid_until)}</dd></div>
                </dl>
            </header>
            <div class="proforma-parties">
                <Party party=proforma.seller.clone() title=label(|m| m.proforma_seller) ice_label=m.proforma_ice.to_owned() />
                <Party party=proforma.buyer.clone() title=label(|m| m.proforma_buyer) ice_label=m.proforma_ice.to_owned() />
            </div>
            <table class="proforma-lines">
                <thead>
                    <tr>
                        <th scope="col">{label(|m| m.proforma_description)}</th>
                        <th scope="col">{label(|m| m.proforma_hs)}</th>
                        <th scope="col">{label(|m| m.proforma_origin)}</th>
                        <th scope="col" class="number">{label(|m| m.proforma_quantity)}</th>
                        <th scope="col" class="number">{label(|m| m.proforma_unit_price)}</th>
                        <th scope="col" class="number">{label(|m| m.proforma_total)}</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <td dir="auto">{card.product.clone()}</td>
                        <td dir="ltr">{proforma.hs_code.clone().unwrap_or_else(|| "—".to_owned())}</td>
                        <td>{origin}</td>
                        <td class="number">{format!("{} {}", i18n.count(card.quantity.amount), card.quantity.unit.name(m))}</td>
                        <td class="number" dir="ltr">{money(card.unit_price_minor)}</td>
                        <td class="number" dir="ltr">{total.clone().unwrap_or_default()}</td>
                    </tr>
                </tbody>
            </table>
            <dl class="facts proforma-terms">
                <div class="fact"><dt>{label(|m| m.proforma_incoterm)}</dt><dd dir="auto">{format!("{} {}", card.incoterm.slug(), card.named_place)}</dd></div>
                <div class="fact"><dt>{label(|m| m.proforma_destination)}</dt><dd>{card.destination_country.name(i18n.locale)}</dd></div>
                <div class="fact"><dt>{label(|m| m.proforma_lead_time)}</dt><dd>{fill(m.listing_lead_time_value, &[("n", &card.lead_time_days.to_string())])}</dd></div>
                <div class="fact"><dt>{label(|m| m.proforma_payment_terms)}</dt><dd class="message-body" dir="auto">{if proforma.payment_terms.is_empty() { m.proforma_no_terms.to_owned() } else { proforma.payment_terms.clone() }}</dd></div>
            </dl>
            <section class="proforma-bank">
                <h2>{label(|m| m.proforma_bank)}</h2>
                {match proforma.bank.clone() {
                    Some(bank) => view! {
                        <dl class="facts">
                            <div class="fact"><dt>{label(|m| m.billing_bank_name)}</dt><dd dir="auto">{bank.bank_name}</dd></div>
                            <div class="fact"><dt>{label(|m| m.billing_account_holder)}</dt><dd dir="auto">{bank.account_holder}</dd></div>
                            <div class="fact"><dt>{label(|m| m.billing_account_number)}</dt><dd dir="ltr">{bank.account_number}</dd></div>
                            {bank.swift.map(|swift| view! { <div class="fact"><dt>{label(|m| m.billing_swift)}</dt><dd dir="ltr">{swift}</dd></div> })}
                        </dl>
                    }.into_any(),
                    None => view! { <p class="muted">{m.proforma_no_bank}</p> }.into_any(),
                }}
            </section>
            <p class="muted proforma-note">{m.proforma_note}</p>
        </div>
    }
}
