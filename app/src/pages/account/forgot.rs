//! Forgotten password: asks for the address and always answers the same,
//! whether or not an account uses it.

use leptos::prelude::*;

use super::AccountCard;
use crate::api::accounts::RequestReset;
use crate::components::{FieldError, FlashNote, FormAlert, submission_error};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid};

#[component]
pub fn ForgotPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<RequestReset>::new();
    let error = submission_error(action);
    view! {
        <AccountCard title=m.account_forgot_title intro=m.account_forgot_intro path="/account/forgot">
            <FlashNote flag="sent" text=m.account_forgot_sent />
            <FormAlert error />
            <ActionForm action>
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <div class="field">
                    <label for="email">{m.account_email}</label>
                    <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" />
                    <FieldError error field="email" />
                </div>
                <button class="button" type="submit" aria-busy=move || action.pending().get().to_string()>
                    {m.account_forgot_button}
                </button>
            </ActionForm>
            <p class="form-footer"><a href=i18n.path("/account/sign-in")>{m.account_sign_in_link}</a></p>
        </AccountCard>
    }
    .into_any()
}
