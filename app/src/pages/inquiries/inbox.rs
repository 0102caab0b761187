//! The inquiries page: a producer's inbox, or the inquiries a buyer sent,
//! filtered by status, newest activity first, 20 a page; a producer's
//! member sees the company's conversations or those assigned to them
//! ("mine"). Plain links: it works without JavaScript, and navigates
//! without a reload once hydrated.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{ThreadStatus, activity_time};
use crate::api::inquiries::{RemoveReply, SaveReply, get_inbox};
use crate::components::{FieldError, FlashNote, FormAlert, PageMeta, Photo, TextArea, submission_error};
use crate::domain::{
    Inbox, InboxLine, InquiryStatus, MESSAGE_MAX_CHARS, SAVED_REPLY_TITLE_MAX_CHARS, SavedReply, Side,
};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn InboxPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let query = use_query_map();
    let inbox = Resource::new(
        move || {
            query.with(|q| {
                let status = q.get("status").and_then(|s| InquiryStatus::from_slug(&s));
                let page = q.get("page").and_then(|p| p.parse::<u64>().ok()).unwrap_or(1);
                let mine = q.get("mine").is_some_and(|v| v == "1");
                (status, mine, page)
            })
        },
        move |(status, mine, page)| get_inbox(status, Some(mine), page, locale),
    );
    view! { {loaded(inbox, |inbox| view! { <InboxContent inbox /> })} }.into_any()
}

/// `/fr/inquiries?mine=1&status=quoted&page=2`
fn inbox_path(base: &str, mine: bool, status: Option<InquiryStatus>, page: u64) -> String {
    let mut parts = Vec::new();
    if mine {
        parts.push("mine=1".to_owned());
    }
    if let Some(status) = status {
        parts.push(format!("status={}", status.slug()));
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() { base.to_owned() } else { format!("{base}?{}", parts.join("&")) }
}

#[component]
fn InboxContent(inbox: Inbox) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let base = i18n.path("/inquiries");
    let (title, intro) = match inbox.side {
        Side::Producer => (m.inbox_producer_title, m.inbox_producer_intro),
        Side::Buyer => (m.inbox_buyer_title, m.inbox_buyer_intro),
    };
    let filters = std::iter::once(None).chain(InquiryStatus::ALL.iter().copied().map(Some));
    let current = inbox.status;
    let mine = inbox.mine;
    let scopes = (inbox.side == Side::Producer).then(|| {
        let tab = |here: bool, label: &'static str, href: String| {
            view! { <a href=href class="scope-tab" aria-current=here.then_some("page")>{label}</a> }
        };
        view! {
            <nav class="inbox-scope" aria-label=m.inbox_team_scope>
                {tab(!mine, m.inbox_team_company, inbox_path(&base, false, current, 1))}
                {tab(mine, m.inbox_team_mine, inbox_path(&base, true, current, 1))}
            </nav>
        }
    });
    view! {
        <PageMeta title=format!("{title} · {}", m.site_name) description=intro path="/inquiries" />
        <div class="container inbox-page">
            <header class="page-header">
                <h1>{title}</h1>
                <p class="muted">{intro}</p>
            </header>
            <FlashNote flag="confirmed" text=m.confirm_done />
            {scopes}
            <nav class="status-filter" aria-label=m.inbox_filter>
                {filters.map(|status| {
                    let label = match status {
                        Some(status) => status.name(m).to_owned(),
                        None => m.inbox_all.to_owned(),
                    };
                    let here = status == current;
                    view! {
                        <a href=inbox_path(&base, mine, status, 1) class="filter-chip" aria-current=here.then_some("page")>{label}</a>
                    }
                }).collect_view()}
            </nav>
            {if inbox.lines.is_empty() {
                view! { <div class="empty-state"><p>{m.inbox_empty}</p></div> }.into_any()
            } else {
                let side = inbox.side;
                view! {
                    <ul class="inbox-lines">
                        {inbox.lines.into_iter().map(|line| view! { <InboxRow line side /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(inbox.side == Side::Producer).then(|| view! { <SavedReplies replies=inbox.saved_replies.clone() /> })}
            {(inbox.pages > 1).then(|| {
                let previous = (inbox.page > 1).then(|| inbox_path(&base, mine, current, inbox.page - 1));
                let next = (inbox.page < inbox.pages).then(|| inbox_path(&base, mine, current, inbox.page + 1));
                view! {
                    <nav class="pagination" aria-label=m.inbox_pages>
                        {previous.map(|href| view! { <a class="button button-secondary" href=href rel="prev">{m.inbox_previous}</a> })}
                        <span>{fill(m.inbox_page_of, &[("page", &inbox.page.to_string()), ("pages", &inbox.pages.to_string())])}</span>
                        {next.map(|href| view! { <a class="button button-secondary" href=href rel="next">{m.inbox_next}</a> })}
                    </nav>
                }
            })}
        </div>
    }
}

/// The company's saved replies: the list, with removal, and the form that
/// keeps a new one.
#[component]
fn SavedReplies(replies: Vec<SavedReply>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let save = ServerAction::<SaveReply>::new();
    let remove = ServerAction::<RemoveReply>::new();
    let error = submission_error(save);
    view! {
        <section class="section saved-replies" id="saved-replies" aria-labelledby="saved-replies-title">
            <h2 id="saved-replies-title">{m.saved_reply_title}</h2>
            <p class="muted">{m.saved_reply_intro}</p>
            <FlashNote flag="reply_saved" text=m.saved_reply_saved />
            {if replies.is_empty() {
                view! { <p class="empty-state">{m.saved_reply_empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="team-rules">
                        {replies.into_iter().map(|reply| view! {
                            <li class="team-rule">
                                <details class="saved-reply">
                                    <summary dir="auto">{reply.title.clone()}</summary>
                                    <p class="saved-reply-body" dir="auto">{reply.body.clone()}</p>
                                </details>
                                <ActionForm action=remove attr:class="inline-form">
                                    <input type="hidden" name="locale" value=i18n.locale.code() />
                                    <input type="hidden" name="id" value=reply.id.to_string() />
                                    <button class="button button-small button-secondary" type="submit">{m.saved_reply_remove}</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <ActionForm action=save attr:class="form-card form-card-wide">
                <FormAlert error />
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <div class="field">
                    <label for="saved-reply-name">{m.saved_reply_name}</label>
                    <input id="saved-reply-name" name="form[title]" required maxlength=SAVED_REPLY_TITLE_MAX_CHARS.to_string() dir="auto" />
                    <FieldError error field="title" />
                </div>
                <div class="field">
                    <label for="saved-reply-text">{m.saved_reply_text}</label>
                    <TextArea id="saved-reply-text" name="form[body]" value="" rows=4 max_chars=MESSAGE_MAX_CHARS />
                    <FieldError error field="body" />
                </div>
                <button class="button button-small" type="submit">{m.saved_reply_add}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn InboxRow(line: InboxLine, side: Side) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let href = i18n.path(&format!("/inquiries/{}", line.id));
    let country = line.buyer_country.filter(|_| side == Side::Producer).map(|c| c.name(i18n.locale));
    view! {
        <li class="inbox-line" class:unread=line.unread>
            <a class="inbox-link" href=href>
                <span class="inbox-photo">
                    <Photo photo=line.listing.as_ref().and_then(|card| card.cover.clone()) alt="" sizes="64px" />
                </span>
                <span class="inbox-main">
                    <span class="inbox-top">
                        <strong class="inbox-product" dir="auto">{line.product.clone()}</strong>
                        <ThreadStatus status=line.status />
                        {line.unread.then(|| view! { <span class="badge badge-unread">{m.inbox_unread}</span> })}
                        {line.held.then(|| view! { <span class="badge badge-held">{m.inbox_held}</span> })}
                    </span>
                    <span class="inbox-meta">
                        <bdi>{line.counterpart.clone()}</bdi>
                        {country.map(|name| format!(" · {name}"))}
                        " · "
                        <time dir="ltr" datetime=line.last_activity_at.clone()>{activity_time(&line.last_activity_at)}</time>
                    </span>
                    {(side == Side::Producer).then(|| {
                        let who = match &line.assignee {
                            Some(name) => fill(m.inbox_team_assigned_to, &[("name", name)]),
                            None => m.inbox_team_unassigned.to_owned(),
                        };
                        view! { <span class="inbox-assignee">{who}</span> }
                    })}
                    {line.showcase.clone().map(|title| view! {
                        <span class="inbox-showcase">{m.inbox_from_showcase}" "<bdi>{title}</bdi></span>
                    })}
                    <span class="inbox-excerpt" dir="auto">{line.excerpt.clone()}</span>
                </span>
            </a>
        </li>
    }
}
