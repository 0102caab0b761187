//! One conversation: what the buyer asked, the messages of both sides (plain
//! text: printed as text, never as markup, no links made of it), quotes as
//! cards the buyer accepts or declines, and the reply form (with a quote for
//! the producer). Every action is a form post, so it works without
//! JavaScript; the page shows only what `ThreadRights` allows.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{ThreadStatus, activity_time};
use crate::api::inquiries::{ActOnThread, Reply, get_thread};
use crate::components::form_fields::{SelectField, TextField};
use crate::components::{FieldError, FlashNote, FormAlert, PageMeta, TextArea, submission_error};
use crate::domain::{
    AppError, Incoterm, MESSAGE_MAX_CHARS, QuoteCard, QuoteDecision, Thread, ThreadAction, ThreadMessage, format_money,
};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn ThreadPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let params = use_params_map();
    let reply = ServerAction::<Reply>::new();
    let act = ServerAction::<ActOnThread>::new();
    let thread = Resource::new(
        move || {
            (params.read().get("id").and_then(|id| id.parse::<i64>().ok()), reply.version().get(), act.version().get())
        },
        move |(id, _, _)| async move {
            match id {
                Some(id) => get_thread(id, locale).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! { {loaded(thread, move |thread| view! { <ThreadContent thread reply act /> })} }.into_any()
}

#[component]
fn ThreadContent(thread: Thread, reply: ServerAction<Reply>, act: ServerAction<ActOnThread>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let reply_error = submission_error(reply);
    let act_error = submission_error(act);
    let counterpart = match thread.side {
        crate::domain::Side::Buyer => thread.producer_name.clone(),
        crate::domain::Side::Producer => thread.buyer_name.clone(),
    };
    let id = thread.id;
    let rights = thread.rights;
    // `?reply=ID`: the answer starts from that saved reply.
    let picked =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("reply")).and_then(|v| v.parse::<i64>().ok());
    let saved_replies = thread.saved_replies.clone();
    let start =
        saved_replies.iter().find(|reply| Some(reply.id) == picked).map(|reply| reply.body.clone()).unwrap_or_default();
    let fact = |label: &'static str, value: String| view! { <div class="fact"><dt>{label}</dt><dd>{value}</dd></div> };
    view! {
        <PageMeta title=format!("{} · {}", thread.product, m.site_name) description=m.thread_intro path=format!("/inquiries/{id}") />
        <div class="container thread-page">
            <nav class="breadcrumb" aria-label="breadcrumb">
                <a href=i18n.path("/inquiries")>{m.thread_back}</a>
            </nav>
            <header class="page-header thread-header">
                <p class="eyebrow" dir="auto">{counterpart}</p>
                <h1 dir="auto">{thread.product.clone()}</h1>
                <ThreadStatus status=thread.status />
            </header>
            {thread.deal.map(|(deal, status)| view! {
                <p class="thread-deal" role="note">
                    {fill(m.thread_deal, &[("status", status.name(m))])}" "
                    <a class="button button-accent" href=i18n.path(&format!("/deals/{deal}"))>{m.thread_deal_open}</a>
                </p>
            })}
            <FlashNote flag="sent" text=m.thread_sent />
            <FlashNote flag="replied" text=m.thread_replied />
            <FlashNote flag="assigned" text=m.thread_team_assigned />
            {(thread.side == crate::domain::Side::Producer).then(|| view! {
                <AssignForm id assignee=thread.assignee answerers=thread.answerers.clone() />
            })}
            {thread.held.then(|| view! { <p class="form-alert held-note" role="status">{m.thread_held}</p> })}
            <FormAlert error=act_error />
            {match (thread.quantity.as_ref(), thread.listing.as_ref().and_then(|card| card.moq.as_ref())) {
                (Some(asked), Some(minimum)) if asked.below(minimum) => Some(view! {
                    <p class="form-alert form-warning" role="note">
                        {fill(m.thread_below_moq, &[("moq", &format!("{} {}", i18n.count(minimum.amount), minimum.unit.name(m)))])}
                    </p>
                }),
                _ => None,
            }}
            <dl class="facts thread-facts">
                {thread.quantity.map(|q| fact(m.inquiry_quantity, format!("{} {}", i18n.count(q.amount), q.unit.name(m))))}
                {thread.target_price.map(|(minor, currency)| fact(m.inquiry_target_price, format_money(minor, currency, i18n.locale)))}
                {thread.incoterm.map(|term| fact(m.inquiry_incoterm, term.slug().to_owned()))}
                {fact(m.inquiry_destination, thread.destination_country.name(i18n.locale).to_owned())}
                {thread.wanted_by.map(|date| fact(m.inquiry_wanted_by, i18n.date(date)))}
                {thread.listing.as_ref().map(|card| view! {
                    <div class="fact"><dt>{m.thread_listing}</dt><dd><a href=card.path(i18n.locale) lang=card.title.locale.code() dir="auto">{card.title.text.clone()}</a></dd></div>
                })}
            </dl>
            <ol class="messages">
                {thread.messages.into_iter().map(|message| view! { <MessageItem message id act decide=rights.decide /> }).collect_view()}
            </ol>
            {(rights.close || rights.mark_spam).then(|| view! {
                <div class="thread-actions">
                    {rights.close.then(|| view! { <ActionButton act id action=ThreadAction::Close label=m.thread_close /> })}
                    {rights.mark_spam.then(|| view! { <ActionButton act id action=ThreadAction::MarkSpam label=m.thread_mark_spam /> })}
                </div>
            })}
            {rights.reply.then(|| view! {
                <section class="form-card reply-card" aria-labelledby="reply-title">
                    <h2 id="reply-title">{m.thread_reply_title}</h2>
                    {(!saved_replies.is_empty()).then(|| view! {
                        // A plain GET: the page comes back with the text in the box.
                        <form method="get" class="inline-form saved-reply-pick">
                            <label for="saved-reply-pick">{m.saved_reply_use_label}</label>
                            <select id="saved-reply-pick" name="reply">
                                {saved_replies.iter().map(|reply| view! {
                                    <option value=reply.id.to_string() selected={Some(reply.id) == picked}>{reply.title.clone()}</option>
                                }).collect_view()}
                            </select>
                            <button class="button button-small button-secondary" type="submit">{m.saved_reply_use}</button>
                        </form>
                    })}
                    <FormAlert error=reply_error />
                    <ActionForm action=reply>
                        <input type="hidden" name="locale" value=i18n.locale.code() />
                        <input type="hidden" name="id" value=id.to_string() />
                        <div class="field">
                            <label for="field-message">{m.inquiry_message}</label>
                            <TextArea id="field-message" name="form[message]" value=start.clone() rows=5 max_chars=MESSAGE_MAX_CHARS />
                            <FieldError error=reply_error field="message" />
                        </div>
                        {rights.quote.then(|| view! { <QuoteFields error=reply_error /> })}
                        <button class="button" type="submit" aria-busy=move || reply.pending().get().to_string()>{m.thread_send}</button>
                    </ActionForm>
                </section>
            })}
        </div>
    }
}

/// Who answers the conversation for the company: one of the members who
/// answer inquiries, or the owners.
#[component]
fn AssignForm(id: i64, assignee: Option<i64>, answerers: Vec<(i64, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let assign = ServerAction::<crate::api::inquiries::AssignThread>::new();
    let error = submission_error(assign);
    view! {
        <ActionForm action=assign attr:class="inline-form thread-assign">
            <input type="hidden" name="locale" value=i18n.locale.code() />
            <input type="hidden" name="id" value=id.to_string() />
            <label for="thread-assignee">{m.thread_team_assign_label}</label>
            <select id="thread-assignee" name="member">
                <option value="" selected={assignee.is_none()}>{m.thread_team_owners}</option>
                {answerers.into_iter().map(|(member, name)| view! {
                    <option value=member.to_string() selected={assignee == Some(member)}>{name}</option>
                }).collect_view()}
            </select>
            <button class="button button-small button-secondary" type="submit">{m.thread_team_assign_button}</button>
            <FormAlert error />
        </ActionForm>
    }
}

/// A form with one button posting a status change.
#[component]
fn ActionButton(
    act: ServerAction<ActOnThread>,
    id: i64,
    action: ThreadAction,
    label: &'static str,
    #[prop(optional)] quote: Option<i64>,
) -> impl IntoView {
    let locale = use_i18n().locale;
    let value = match action {
        ThreadAction::Close => "close",
        ThreadAction::MarkSpam => "mark-spam",
        ThreadAction::Accept => "accept",
        ThreadAction::Decline => "decline",
    };
    let class = if action == ThreadAction::Accept { "button" } else { "button button-secondary" };
    view! {
        <ActionForm action=act attr:class="inline-form">
            <input type="hidden" name="locale" value=locale.code() />
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="action" value=value />
            {quote.map(|quote| view! { <input type="hidden" name="quote" value=quote.to_string() /> })}
            <button class=class type="submit">{label}</button>
        </ActionForm>
    }
}

#[component]
fn MessageItem(message: ThreadMessage, id: i64, act: ServerAction<ActOnThread>, decide: bool) -> impl IntoView {
    let class = if message.mine { "message message-mine" } else { "message" };
    view! {
        <li class=class>
            <p class="message-meta">
                <strong dir="auto">{message.author.clone()}</strong>
                " · "
                <time dir="ltr" datetime=message.sent_at.clone()>{activity_time(&message.sent_at)}</time>
            </p>
            // Plain text: a text node, line breaks kept by CSS (white-space: pre-wrap).
            <p class="message-body" dir="auto">{message.body.clone()}</p>
            {message.quote.map(|quote| view! { <QuoteView quote id act decide /> })}
        </li>
    }
}

#[component]
fn QuoteView(quote: QuoteCard, id: i64, act: ServerAction<ActOnThread>, decide: bool) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let terms = quote.terms;
    let total = terms.unit_price_minor.saturating_mul(terms.quantity.amount.min(i64::MAX as u64) as i64);
    let decision = quote.decision.map(|decision| match decision {
        QuoteDecision::Accepted => ("quote-accepted", m.quote_decision_accepted),
        QuoteDecision::Declined => ("quote-declined", m.quote_decision_declined),
    });
    view! {
        <section class="quote-card" aria-label=m.quote_title>
            <h2 class="quote-title">{m.quote_title}</h2>
            <dl class="facts">
                <div class="fact"><dt>{m.quote_unit_price}</dt><dd dir="ltr">{format_money(terms.unit_price_minor, terms.currency, i18n.locale)}</dd></div>
                <div class="fact"><dt>{m.inquiry_quantity}</dt><dd>{format!("{} {}", i18n.count(terms.quantity.amount), terms.quantity.unit.name(m))}</dd></div>
                <div class="fact"><dt>{m.quote_total}</dt><dd dir="ltr">{format_money(total, terms.currency, i18n.locale)}</dd></div>
                <div class="fact"><dt>{m.inquiry_incoterm}</dt><dd dir="auto">{format!("{} {}", terms.incoterm.slug(), terms.named_place)}</dd></div>
                <div class="fact"><dt>{m.quote_valid_until}</dt><dd>{i18n.date(terms.valid_until)}</dd></div>
                <div class="fact"><dt>{m.listing_lead_time}</dt><dd>{fill(m.listing_lead_time_value, &[("n", &terms.lead_time_days.to_string())])}</dd></div>
            </dl>
            {decision.map(|(class, text)| view! { <p class=format!("quote-decision {class}")>{text}</p> })}
            {(quote.pending && decide).then(|| view! {
                <div class="thread-actions">
                    <ActionButton act id action=ThreadAction::Accept label=m.quote_accept quote=quote.message_id />
                    <ActionButton act id action=ThreadAction::Decline label=m.quote_decline quote=quote.message_id />
                </div>
            })}
        </section>
    }
}

/// The quote a producer may attach to a reply.
#[component]
fn QuoteFields(error: Signal<Option<AppError>>) -> impl IntoView {
    let m = use_i18n().messages;
    let units = super::unit_options(m);
    let currencies = super::currency_options();
    let incoterms: Vec<(String, String)> =
        Incoterm::ALL.iter().map(|t| (t.slug().to_owned(), t.slug().to_owned())).collect();
    view! {
        <details class="quote-fields">
            <summary>{m.quote_attach}</summary>
            <label class="checkbox">
                <input type="checkbox" name="form[with_quote]" value="on" />
                {m.quote_include}
            </label>
            <div class="field-row">
                <TextField name="unit_price" label=m.quote_unit_price value="" error inputmode="decimal" maxlength=16 />
                <SelectField name="currency" label=m.inquiry_currency options=currencies value="" error empty=m.inquiry_choose />
            </div>
            <div class="field-row">
                <TextField name="quantity_amount" label=m.inquiry_quantity value="" error inputmode="numeric" maxlength=12 />
                <SelectField name="quantity_unit" label=m.inquiry_unit options=units value="" error empty=m.inquiry_choose />
            </div>
            <div class="field-row">
                <SelectField name="incoterm" label=m.inquiry_incoterm options=incoterms value="" error empty=m.inquiry_choose />
                <TextField name="named_place" label=m.quote_named_place value="" error maxlength=120 />
            </div>
            <div class="field-row">
                <TextField name="valid_until" label=m.quote_valid_until value="" error input_type="date" maxlength=10 />
                <TextField name="lead_time_days" label=m.quote_lead_time_days value="" error inputmode="numeric" maxlength=3 />
            </div>
        </details>
    }
}
