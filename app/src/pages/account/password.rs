//! Change the password of the signed-in account (ends its other sessions).

use leptos::prelude::*;

use super::{AccountCard, NewPasswordField};
use crate::api::accounts::ChangePassword;
use crate::components::{FieldError, FlashNote, FormAlert, submission_error};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, signed_in};

#[component]
pub fn PasswordPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<ChangePassword>::new();
    let error = submission_error(action);
    signed_in(move |_viewer| {
        view! {
            <AccountCard title=m.account_password_title intro=m.account_password_intro path="/account/password">
                <FlashNote flag="changed" text=m.account_password_changed />
                <FormAlert error />
                <ActionForm action>
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <div class="field">
                        <label for="current">{m.account_current_password}</label>
                        <input id="current" name="current" type="password" autocomplete="current-password" required />
                        <FieldError error field="current" />
                    </div>
                    <NewPasswordField label=m.account_new_password error />
                    <button class="button" type="submit" aria-busy=move || action.pending().get().to_string()>
                        {m.account_password_button}
                    </button>
                </ActionForm>
            </AccountCard>
        }
    })
    .into_any()
}
