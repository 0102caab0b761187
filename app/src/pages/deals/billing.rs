//! `/{lang}/dashboard/billing`: what the producer's proformas print, kept
//! by its owners: the payment terms it states and the account buyers pay
//! into. A plain form post; bad input keeps what was typed.

use leptos::prelude::*;

use crate::api::deals::{SaveBilling, get_billing};
use crate::components::form_fields::TextField;
use crate::components::{FieldError, FlashNote, FormAlert, PageMeta, TextArea, submission_error};
use crate::domain::{BillingForm, PAYMENT_TERMS_MAX_CHARS};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn BillingPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let save = ServerAction::<SaveBilling>::new();
    // Read once: a refused save keeps what was typed on the page.
    let billing = Resource::new(|| (), |_| get_billing());
    view! { {loaded(billing, move |form| view! { <BillingContent form save /> })} }.into_any()
}

#[component]
fn BillingContent(form: BillingForm, save: ServerAction<SaveBilling>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let error = submission_error(save);
    view! {
        <PageMeta title=format!("{} · {}", m.billing_title, m.site_name) description=m.billing_intro path="/dashboard/billing".to_owned() />
        <div class="container deal-page">
            <header class="page-header">
                <h1>{m.billing_title}</h1>
                <p class="muted">{m.billing_intro}</p>
            </header>
            <FlashNote flag="saved" text=m.billing_saved />
            <section class="form-section billing-form">
                <FormAlert error />
                <ActionForm action=save>
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <div class="field">
                        <label for="field-payment_terms">{m.billing_payment_terms}</label>
                        <TextArea id="field-payment_terms" name="form[payment_terms]" value=form.payment_terms.clone() rows=3 max_chars=PAYMENT_TERMS_MAX_CHARS />
                        <p class="hint">{m.billing_payment_terms_hint}</p>
                        <FieldError error field="payment_terms" />
                    </div>
                    <TextField name="bank_name" label=m.billing_bank_name value=form.bank_name.clone() error maxlength=120 />
                    <TextField name="account_holder" label=m.billing_account_holder value=form.account_holder.clone() error maxlength=120 />
                    <div class="field-row">
                        <TextField name="account_number" label=m.billing_account_number value=form.account_number.clone() error hint=m.billing_account_number_hint maxlength=48 />
                        <TextField name="swift" label=m.billing_swift value=form.swift.clone() error maxlength=11 />
                    </div>
                    <button class="button button-accent" type="submit">{m.billing_save}</button>
                </ActionForm>
            </section>
        </div>
    }
}
