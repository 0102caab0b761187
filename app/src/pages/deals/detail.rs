//! `/{lang}/deals/{id}`: one deal as the reader's side sees it. After the
//! buyer accepts a quote it lands here (`?agreed=1`) with a confirmation;
//! both sides read what happens next, the progress and every step, and
//! record their own steps with a plain form post.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::DealStatusTag;
use crate::api::deals::{MoveDeal, get_deal};
use crate::components::form_fields::{SelectField, TextField};
use crate::components::{DestinationDocuments, FieldError, FlashNote, FormAlert, PageMeta, TextArea, submission_error};
use crate::domain::{AppError, DEAL_NOTE_MAX_CHARS, DealPage, DealStatus, Side, format_money};
use crate::i18n::{Messages, fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn DealDetailPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let params = use_params_map();
    let step = ServerAction::<MoveDeal>::new();
    let deal = Resource::new(
        move || (params.read().get("id").and_then(|id| id.parse::<i64>().ok()), step.version().get()),
        move |(id, _)| async move {
            match id {
                Some(id) => get_deal(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! { {loaded(deal, move |deal| view! { <DealContent deal step /> })} }.into_any()
}

/// What happens next on a deal standing at `status`.
fn next_text(m: &'static Messages, status: DealStatus) -> &'static str {
    match status {
        DealStatus::Agreed => m.deals_next_agreed,
        DealStatus::ProformaSent => m.deals_next_proforma_sent,
        DealStatus::Secured => m.deals_next_secured,
        DealStatus::InProduction => m.deals_next_in_production,
        DealStatus::Shipped => m.deals_next_shipped,
        DealStatus::Received => m.deals_next_received,
        DealStatus::Cancelled => m.deals_next_cancelled,
    }
}

#[component]
fn DealContent(deal: DealPage, step: ServerAction<MoveDeal>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let card = deal.card.clone();
    let status = card.status;
    let (counterpart_label, counterpart) = match deal.side {
        Side::Buyer => (m.deals_producer, card.producer_name.clone()),
        Side::Producer => (m.deals_buyer, card.buyer_name.clone()),
    };
    let total = card.total_minor().map(|minor| format_money(minor, card.currency, i18n.locale));
    let thread = i18n.path(&format!("/inquiries/{}", card.inquiry_id));
    let proforma = i18n.path(&format!("/deals/{}/proforma", card.id));
    let agreed_body = fill(m.deals_agreed_body, &[("producer", &card.producer_name)]);
    let query = leptos_router::hooks::use_query_map();
    let side = deal.side;
    let fact = |label: &'static str, value: String| {
        view! { <div class="fact"><dt>{label}</dt><dd dir="auto">{value}</dd></div> }
    };
    view! {
        <PageMeta title=format!("{} · {}", card.product, m.site_name) description=m.deals_intro path=format!("/deals/{}", card.id) />
        <div class="container deal-page">
            <p class="breadcrumb"><a href=i18n.path("/deals")>{m.deals_title}</a></p>
            <header class="page-header deal-header">
                <h1 dir="auto">{card.product.clone()}</h1>
                <DealStatusTag status />
            </header>
            {move || {
                let agreed = query.with(|q| q.get("agreed").is_some());
                (agreed && side == Side::Buyer).then(|| view! {
                    <section class="deal-confirmation" role="status">
                        <h2>{m.deals_agreed_title}</h2>
                        <p>{agreed_body.clone()}</p>
                    </section>
                })
            }}
            <FlashNote flag="moved" text=m.deals_moved />
            <p class="deal-next"><strong>{m.deals_what_next}</strong>" "{next_text(m, status)}</p>
            {deal.exported_on.map(|date| view! {
                <p class="deal-exported">{fill(m.deals_exported, &[("date", &i18n.date(date))])}</p>
            })}
            <DealProgress status />
            <div class="deal-columns">
                <section class="deal-terms" aria-labelledby="deal-terms-title">
                    <h2 id="deal-terms-title">{m.deals_terms}</h2>
                    <dl class="facts">
                        {fact(counterpart_label, counterpart)}
                        {fact(m.quote_unit_price, format_money(card.unit_price_minor, card.currency, i18n.locale))}
                        {fact(m.inquiry_quantity, format!("{} {}", i18n.count(card.quantity.amount), card.quantity.unit.name(m)))}
                        {total.map(|total| fact(m.quote_total, total))}
                        {fact(m.inquiry_incoterm, format!("{} {} (Incoterms® 2020)", card.incoterm.slug(), card.named_place))}
                        {fact(m.inquiry_destination, card.destination_country.name(i18n.locale).to_owned())}
                        {fact(m.listing_lead_time, fill(m.listing_lead_time_value, &[("n", &card.lead_time_days.to_string())]))}
                        {fact(m.quote_valid_until, i18n.date(card.valid_until))}
                        {fact(m.deals_agreed_on, i18n.date(card.agreed_on))}
                    </dl>
                    <p class="deal-links">
                        <a class="button" href=thread>{m.deals_conversation}</a>
                        <a class="button button-secondary" href=proforma>{m.proforma_open}</a>
                    </p>
                </section>
                <section class="deal-history" aria-labelledby="deal-history-title">
                    <h2 id="deal-history-title">{m.deals_history}</h2>
                    <ol class="deal-steps">
                        {deal.steps.iter().rev().map(|line| {
                            let by = match line.by {
                                Side::Buyer => m.deals_by_buyer,
                                Side::Producer => m.deals_by_producer,
                            };
                            view! {
                                <li class=format!("deal-step deal-step-{}", line.status.slug())>
                                    <p class="deal-step-title"><strong>{line.status.name(m)}</strong>" · "{i18n.date(line.happened_on)}" · "<span class="muted">{by}</span></p>
                                    {line.reference.clone().map(|reference| view! {
                                        <p class="deal-step-reference"><span class="muted">{m.deals_reference}": "</span><span dir="ltr">{reference}</span></p>
                                    })}
                                    {(!line.note.is_empty()).then(|| view! { <p class="message-body" dir="auto">{line.note.clone()}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </section>
            </div>
            {(!deal.next.is_empty()).then(|| view! { <StepForm deal=deal.clone() step /> })}
            <DestinationDocuments rules=deal.documents.clone() country=card.destination_country region=deal.producer_region />
        </div>
    }
}

/// The six steps of a deal that goes well, those reached marked.
#[component]
fn DealProgress(status: DealStatus) -> impl IntoView {
    let m = use_i18n().messages;
    view! {
        <ol class="deal-progress" aria-label=m.deals_progress>
            {DealStatus::path().iter().map(|step| {
                let reached = status.reached(*step);
                let current = *step == status;
                view! {
                    <li class="deal-progress-step" class:reached=reached aria-current=current.then_some("step")>
                        {step.name(m)}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// The steps the reader may record next.
#[component]
fn StepForm(deal: DealPage, step: ServerAction<MoveDeal>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let error = submission_error(step);
    let options: Vec<(String, String)> =
        deal.next.iter().map(|status| (status.slug().to_owned(), status.name(m).to_owned())).collect();
    let first = deal.next.iter().find(|status| **status != DealStatus::Cancelled).copied().unwrap_or(deal.next[0]);
    view! {
        <section class="deal-move" aria-labelledby="deal-move-title">
            <h2 id="deal-move-title">{m.deals_move_title}</h2>
            <FormAlert error />
            <ActionForm action=step>
                <input type="hidden" name="id" value=deal.card.id.to_string() />
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <div class="field-row">
                    <SelectField name="to" label=m.deals_step options value=first.slug() error required=true />
                    <TextField name="happened_on" label=m.deals_happened_on value="" error hint=m.deals_happened_on_hint input_type="date" maxlength=10 />
                </div>
                <TextField name="reference" label=m.deals_reference value="" error hint=m.deals_reference_hint maxlength=60 />
                <div class="field">
                    <label for="field-note">{m.deals_note}</label>
                    <TextArea id="field-note" name="form[note]" value="" rows=3 max_chars=DEAL_NOTE_MAX_CHARS />
                    <p class="hint">{m.deals_cancel_hint}</p>
                    <FieldError error field="note" />
                </div>
                <button class="button button-accent" type="submit">{m.deals_move_submit}</button>
            </ActionForm>
        </section>
    }
}
