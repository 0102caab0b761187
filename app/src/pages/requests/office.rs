//! `/{lang}/admin/requests`: buying requests waiting for the office, oldest
//! first, each with who asked, how many producers it would reach and the
//! buyer's other open requests (to join a duplicate to); and the exchange
//! rates buyers' comparisons use, which the national team keeps.

use leptos::prelude::*;

use super::RequestFacts;
use crate::api::requests::{ScreenRequest, SetRate, get_screening};
use crate::components::{FormAlert, PageMeta, TextArea, submission_error};
use crate::domain::{Currency, ExchangeRates, RATE_SCALE, RefusalReason, ScreeningLine, ScreeningQueue};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn RequestScreeningPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let queue = Resource::new(|| (), move |_| get_screening(locale));
    view! { {loaded(queue, |(queue, rates, national)| view! { <Screening queue rates national /> })} }.into_any()
}

#[component]
fn Screening(queue: ScreeningQueue, rates: ExchangeRates, national: bool) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let decided = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("decided").is_some());
    let empty = queue.lines.is_empty();
    view! {
        <PageMeta title=format!("{} · {}", m.requests_office_title, m.site_name) description=m.requests_office_intro path="/admin/requests".to_owned() />
        <div class="container admin-page">
            <header class="page-header">
                <p class="eyebrow"><a href=i18n.path("/admin")>{m.admin_nav_overview}</a></p>
                <h1>{m.requests_office_title}</h1>
                <p class="muted">{m.requests_office_intro}</p>
            </header>
            {decided.then(|| view! { <p class="notice notice-success" role="status">{m.verification_decided}</p> })}
            {if empty {
                view! { <div class="empty-state"><p>{m.requests_office_empty}</p></div> }.into_any()
            } else {
                view! { <ul class="review-list">{queue.lines.into_iter().map(|line| view! { <ScreeningCard line /> }).collect_view()}</ul> }.into_any()
            }}
            {national.then(|| view! { <RatesForm rates /> })}
        </div>
    }
}

#[component]
fn ScreeningCard(line: ScreeningLine) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let card = line.card;
    let heading_id = format!("screen-{}", card.id);
    let labelled_by = heading_id.clone();
    view! {
        <li class="review-card" aria-labelledby=labelled_by>
            <h2 id=heading_id dir="auto"><a href=i18n.path(&format!("/requests/{}", card.id))>{card.product.clone()}</a>" · #"{card.id}</h2>
            <p class="muted">
                {m.requests_office_buyer}" "<bdi>{line.buyer_name.clone()}</bdi>" · "<bdi>{line.buyer_email.clone()}</bdi>
                {line.buyer_country.map(|country| format!(" · {}", country.name(i18n.locale)))}
                " · "{fill(m.requests_office_matched, &[("count", &line.matched.to_string())])}
            </p>
            <RequestFacts card=card.clone() />
            {(!card.details.is_empty()).then(|| view! { <p class="request-details" dir="auto">{card.details.clone()}</p> })}
            <ScreeningForms id=card.id earlier=line.earlier />
        </li>
    }
}

/// The three verdicts on a request in screening.
#[component]
pub(super) fn ScreeningForms(id: i64, earlier: Vec<(i64, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let screen = ServerAction::<ScreenRequest>::new();
    let error = submission_error(screen);
    let reason_id = format!("reason-{id}");
    let note_id = format!("note-{id}");
    let into_id = format!("into-{id}");
    view! {
        <FormAlert error />
        {(!earlier.is_empty()).then(|| view! {
            <p class="muted">{m.requests_office_earlier}": "
                {earlier.iter().map(|(other, product)| format!("#{other} {product}")).collect::<Vec<_>>().join(" · ")}
            </p>
        })}
        <div class="review-actions">
            <ActionForm action=screen>
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="form[decision]" value="approve" />
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <button class="button button-accent" type="submit">{m.requests_approve}</button>
            </ActionForm>
            <ActionForm action=screen attr:class="reject-form">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="form[decision]" value="refuse" />
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <div class="field">
                    <label for=reason_id.clone()>{m.requests_reason}</label>
                    <select id=reason_id name="form[reason]" required>
                        {RefusalReason::ALL.iter().map(|r| view! { <option value=r.slug()>{r.name(m)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=note_id.clone()>{m.requests_note}</label>
                    <TextArea id=note_id name="form[note]" value="" rows=2 max_chars=500 />
                </div>
                <button class="button button-danger" type="submit">{m.requests_refuse}</button>
            </ActionForm>
            <ActionForm action=screen attr:class="reject-form">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="form[decision]" value="merge" />
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <div class="field">
                    <label for=into_id.clone()>{m.requests_merge_into}</label>
                    <input id=into_id name="form[into]" inputmode="numeric" maxlength="12" required />
                </div>
                <button class="button" type="submit">{m.requests_merge}</button>
            </ActionForm>
        </div>
    }
}

/// The national team's exchange rates, one form per currency.
#[component]
fn RatesForm(rates: ExchangeRates) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let set = ServerAction::<SetRate>::new();
    let error = submission_error(set);
    view! {
        <section class="status-panel rates-panel" aria-labelledby="rates-title">
            <h2 id="rates-title">{m.requests_rates_title}</h2>
            <p class="muted">{m.requests_rates_intro}</p>
            <FormAlert error />
            {Currency::ALL.iter().filter(|c| **c != Currency::Mad).map(|currency| {
                let line = rates.lines.iter().find(|line| line.currency == *currency).cloned();
                let value = line.as_ref().map(|line| {
                    let whole = line.mad_per_unit / RATE_SCALE;
                    let fraction = format!("{:06}", line.mad_per_unit % RATE_SCALE);
                    let fraction = fraction.trim_end_matches('0');
                    if fraction.is_empty() { whole.to_string() } else { format!("{whole}.{fraction}") }
                }).unwrap_or_default();
                let kept = match &line {
                    Some(line) => fill(m.requests_rate_as_of, &[("date", &i18n.date(line.as_of))]),
                    None => m.requests_rate_none.to_owned(),
                };
                let field_id = format!("rate-{}", currency.slug());
                view! {
                    <ActionForm action=set attr:class="rate-form">
                        <input type="hidden" name="currency" value=currency.slug() />
                        <input type="hidden" name="locale" value=i18n.locale.code() />
                        <div class="field">
                            <label for=field_id.clone()>{format!("{} · {}", currency.slug(), m.requests_rate)}</label>
                            <input id=field_id name="rate" inputmode="decimal" maxlength="14" value=value required />
                            <p class="field-hint">{kept}</p>
                        </div>
                        <button class="button" type="submit">{m.requests_rate_save}</button>
                    </ActionForm>
                }
            }).collect_view()}
        </section>
    }
}
