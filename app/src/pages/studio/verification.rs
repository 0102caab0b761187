//! `/{lang}/dashboard/verification`: the producer asks its region's trade
//! office to verify it (ICE, registration number, and for cooperatives the
//! approval number) and reads where its request stands, with the office's
//! reason in its own language when it was refused.

use leptos::prelude::*;

use crate::api::offices::{RequestVerification, get_verification};
use crate::components::form_fields::TextField;
use crate::components::{FieldError, FlashNote, FormAlert, PageMeta, VerifiedBadge, submission_error};
use crate::domain::{LegalForm, VerificationState, VerificationStatus};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn VerificationPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let action = ServerAction::<RequestVerification>::new();
    let status = Resource::new(move || action.version().get(), |_| get_verification());
    view! { {loaded(status, move |status| view! { <VerificationContent status action /> })} }.into_any()
}

#[component]
fn VerificationContent(status: VerificationStatus, action: ServerAction<RequestVerification>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let error = submission_error(action);
    let state = if status.verified {
        view! { <p class="form-success"><VerifiedBadge />" "{m.verification_is_verified}</p> }.into_any()
    } else {
        match status.state {
            Some(VerificationState::Pending) => view! {
                <p class="notice">{if status.back_for_review { m.verification_back_for_review } else { m.verification_pending }}</p>
            }.into_any(),
            Some(VerificationState::Rejected) => view! {
                <div class="notice notice-warning" role="status">
                    <p><strong>{m.verification_rejected}</strong>" "{status.reason.map(|reason| reason.name(m))}</p>
                    {status.note.clone().map(|note| view! { <p dir="auto">{note}</p> })}
                    <p>{m.verification_try_again}</p>
                </div>
            }.into_any(),
            _ => view! { <p class="muted">{m.verification_why}</p> }.into_any(),
        }
    };
    let form = status.form.clone();
    let cooperative = status.legal_form == LegalForm::Cooperative;
    view! {
        <PageMeta title=format!("{} · {}", m.verification_title, m.site_name) description=m.verification_why path="/dashboard/verification" />
        <div class="container editor-page">
            <header class="dashboard-header">
                <div>
                    <p class="eyebrow"><a href=i18n.path("/dashboard")>{m.dashboard_title}</a></p>
                    <h1>{m.verification_title}</h1>
                </div>
            </header>
            <FlashNote flag="requested" text=m.verification_sent />
            {state}
            {(!status.verified).then(|| view! {
                <FormAlert error />
                <ActionForm action attr:class="form-card form-card-wide">
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <TextField name="ice" label=m.profile_ice hint=m.profile_ice_hint value=form.ice.clone() error inputmode="numeric" required=true maxlength=40 />
                    <TextField name="registration_number" label=m.verification_registration hint=m.verification_registration_hint value=form.registration_number.clone() error required=true maxlength=40 />
                    <TextField name="cooperative_approval" label=m.verification_approval hint=if cooperative { m.verification_approval_hint } else { m.verification_approval_optional } value=form.cooperative_approval.clone() error required=cooperative maxlength=40 />
                    <FieldError error field="decision" />
                    <div class="form-actions">
                        <button class="button button-accent" type="submit">{m.verification_send}</button>
                    </div>
                </ActionForm>
            })}
        </div>
    }
}
