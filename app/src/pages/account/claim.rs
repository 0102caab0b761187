//! `/{lang}/account/claim?token=…`: a cooperative that its trade office put
//! on Trade.ma takes it over: it chooses its name and password, and the
//! producer with everything the office prepared becomes its own. The link
//! works once, for 14 days.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::offices::{ClaimProducer, get_claim};
use crate::components::{FieldError, FormAlert, PageMeta, submission_error};
use crate::domain::{ClaimPage, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn ClaimProducerPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token").unwrap_or_default());
    let stored = StoredValue::new(token.clone());
    let page = Resource::new(move || stored.get_value(), get_claim);
    view! { {loaded(page, move |page| view! { <ClaimContent page token=stored.get_value() /> })} }.into_any()
}

#[component]
fn ClaimContent(page: ClaimPage, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<ClaimProducer>::new();
    let error = submission_error(action);
    view! {
        <PageMeta title=format!("{} · {}", m.claim_title, m.site_name) description=m.claim_intro path="/account/claim" />
        <div class="container account-page">
            <ActionForm action attr:class="form-card">
                <h1>{m.claim_title}</h1>
                <p>{fill(m.claim_intro_for, &[("producer", &page.producer)])}</p>
                <p class="muted">{fill(m.claim_email, &[("email", &page.email)])}</p>
                <FormAlert error />
                <input type="hidden" name="token" value=token />
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <div class="field">
                    <label for="claim-name">{m.account_display_name}</label>
                    <input id="claim-name" name="display_name" required maxlength="120" autocomplete="name" dir="auto" />
                    <FieldError error field="display_name" />
                </div>
                <div class="field">
                    <label for="claim-password">{m.account_password}</label>
                    <input id="claim-password" name="password" type="password" required autocomplete="new-password"
                        minlength=PASSWORD_MIN_CHARS.to_string() maxlength=PASSWORD_MAX_CHARS.to_string() aria-describedby="claim-password-hint" />
                    <p class="field-hint" id="claim-password-hint">{m.account_password_hint}</p>
                    <FieldError error field="password" />
                </div>
                <button class="button button-accent" type="submit">{m.claim_button}</button>
            </ActionForm>
        </div>
    }
}
