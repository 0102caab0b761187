//! The trade-agreement hint of a listing page: the reader says
//! where the goods would go (a small GET form, so the choice is in the URL:
//! `?to=PA`, and works without JavaScript); a signed-in buyer's own country,
//! read with the page, is the default. When an agreement of `TradeAgreement` covers that country
//! the page says a tariff preference may apply and that the rules of origin
//! must be checked; otherwise it says nothing about agreements. Below it,
//! the documents that destination usually asks for (`DestinationDocuments`),
//! as the national trade team keeps them.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::DestinationDocuments;
use crate::domain::{CountryCode, Region, TradeAgreement};
use crate::i18n::{fill, use_i18n};

/// The countries goods can go to from Morocco, by name in the reader's language.
fn country_choices(i18n: crate::i18n::I18n) -> Vec<(String, String)> {
    i18n.country_options().into_iter().filter(|(code, _)| code != "MA").collect()
}

/// What the hint says for goods shipped to `country`, or nothing.
pub fn agreement_hint(
    country: CountryCode,
    m: &'static crate::i18n::Messages,
    locale: crate::domain::Locale,
) -> Option<String> {
    let agreements = TradeAgreement::covering(country);
    if agreements.is_empty() {
        return None;
    }
    let names: Vec<&str> = agreements.iter().map(|agreement| agreement.name(m)).collect();
    Some(fill(m.trade_hint_covered, &[("country", country.name(locale)), ("agreements", &names.join(" · "))]))
}

#[component]
pub fn TradeAgreementHint(
    #[prop(into)] path: String,
    default_country: Option<CountryCode>,
    /// The listing's HS code, for the documents its destination asks for.
    hs_code: Option<String>,
    /// The producer's region: its office is the one to ask.
    region: Region,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let query = use_query_map();
    let country =
        move || query.with(|q| q.get("to").and_then(|code| CountryCode::parse(&code).ok())).or(default_country);
    let documents = Resource::new(country, move |country| {
        let hs = hs_code.clone().unwrap_or_default();
        async move {
            match country {
                Some(country) => crate::api::documents::get_destination_documents(hs, country.as_str().to_owned())
                    .await
                    .map(|rules| Some((country, rules))),
                None => Ok(None),
            }
        }
    });
    view! {
        <section class="trade-hint" aria-labelledby="trade-hint-title">
            <h2 id="trade-hint-title" class="trade-hint-title">{m.trade_hint_title}</h2>
            <form class="trade-hint-form" method="get" action=path>
                <label for="trade-hint-to">{m.trade_hint_destination}</label>
                <select id="trade-hint-to" name="to">
                    <option value="">{m.inquiry_choose}</option>
                    {move || {
                        let selected = country().map(|c| c.as_str().to_owned()).unwrap_or_default();
                        country_choices(i18n).into_iter().map(|(code, name)| {
                            let is = code == selected;
                            view! { <option value=code selected=is>{name}</option> }
                        }).collect_view()
                    }}
                </select>
                <button class="button button-secondary button-small" type="submit">{m.trade_hint_show}</button>
            </form>
            {move || country().and_then(|country| agreement_hint(country, m, i18n.locale)).map(|text| view! {
                <p class="trade-hint-text" role="status">{text}</p>
                <p class="muted trade-hint-origin">{m.trade_hint_rules}</p>
            })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    documents.await.ok().flatten().map(|(country, rules)| view! {
                        <DestinationDocuments rules country region />
                    })
                })}
            </Suspense>
        </section>
    }
}
