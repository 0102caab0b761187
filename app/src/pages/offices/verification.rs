//! `/{lang}/admin/verification`: the office's verification requests, oldest
//! first, each with what the reviewer checks (the ICE's 15 digits, whether
//! another producer already holds it, the documents named) and the two
//! answers: approve, or refuse with a reason the producer reads in its
//! language.

use leptos::prelude::*;

use super::list_layout::AdminListLayout;
use super::reason_fields::ReasonFields;
use crate::api::offices::{DecideVerification, get_verification_queue};
use crate::components::submission_error;
use crate::domain::{RejectReason, VerificationQueue, VerificationRequestLine};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn VerificationQueuePage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let decide = ServerAction::<DecideVerification>::new();
    let queue = Resource::new(move || decide.version().get(), |_| get_verification_queue());
    view! { {loaded(queue, move |queue| view! { <QueueContent queue decide /> })} }.into_any()
}

#[component]
fn QueueContent(queue: VerificationQueue, decide: ServerAction<DecideVerification>) -> impl IntoView {
    let m = use_i18n().messages;
    let error = submission_error(decide);
    let empty = queue.pending.is_empty().then_some(m.verification_queue_empty);
    let office = queue.office;
    let pending = queue.pending;
    view! {
        <AdminListLayout
            office
            path="/admin/verification"
            title=m.verification_queue_title
            intro=m.verification_queue_intro
            empty
            flash=("decided", m.verification_decided)
            error
        >
            <ul class="review-list">
                {pending.into_iter().map(|line| view! { <RequestCard line decide /> }).collect_view()}
            </ul>
        </AdminListLayout>
    }
}

#[component]
fn RequestCard(line: VerificationRequestLine, decide: ServerAction<DecideVerification>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let (approve_id, reject_id) = (line.id.to_string(), line.id.to_string());
    let reason_key = format!("request-{}", line.id);
    let heading_id = format!("request-{}", line.id);
    let labelled_by = heading_id.clone();
    view! {
        <li class="review-card" aria-labelledby=labelled_by>
            <h2 id=heading_id dir="auto">
                <a href=i18n.path(&format!("/admin/producers/{}", line.producer_slug))>{line.trade_name.clone()}</a>
            </h2>
            <p class="muted">
                {line.legal_form.name(m)}" · "<bdi>{line.city.clone()}</bdi>" · "{line.region.name(m)}" · "
                {m.verification_requested_on}" "<bdi>{line.requested_on.clone()}</bdi>
            </p>
            {line.back_for_review.then(|| view! { <p class="notice">{m.verification_back_for_review_office}</p> })}
            <dl class="facts">
                <div class="fact"><dt>{m.verification_legal_name}</dt><dd dir="auto">{line.legal_name.clone()}</dd></div>
                <div class="fact"><dt>{m.profile_ice}</dt><dd><bdi class="number">{line.ice.clone()}</bdi></dd></div>
                <div class="fact"><dt>{m.verification_registration}</dt><dd><bdi>{line.registration_number.clone()}</bdi></dd></div>
                {line.cooperative_approval.clone().map(|number| view! {
                    <div class="fact"><dt>{m.verification_approval}</dt><dd><bdi>{number}</bdi></dd></div>
                })}
            </dl>
            {match line.ice_held_by.clone() {
                Some(holder) => view! {
                    <p class="notice notice-warning">{m.verification_ice_held}" "<bdi>{holder}</bdi></p>
                }.into_any(),
                None => view! { <p class="muted">{m.verification_ice_free}</p> }.into_any(),
            }}
            <div class="review-actions">
                <ActionForm action=decide>
                    <input type="hidden" name="request" value=approve_id />
                    <input type="hidden" name="decision" value="approve" />
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <button class="button button-accent" type="submit">{m.verification_approve}</button>
                </ActionForm>
                <ActionForm action=decide attr:class="reject-form">
                    <input type="hidden" name="request" value=reject_id />
                    <input type="hidden" name="decision" value="reject" />
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <ReasonFields key=reason_key label=m.verification_reason reasons=RejectReason::ALL.iter().map(|r| (r.slug(), r.name(m))).collect() />
                    <button class="button button-danger" type="submit">{m.verification_reject}</button>
                </ActionForm>
            </div>
        </li>
    }
}
