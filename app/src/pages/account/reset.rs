//! Choose a new password with the token from the mailed link.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::AccountCard;
use crate::api::accounts::ResetPassword;
use crate::components::{FieldError, FormAlert, submission_error};
use crate::domain::PASSWORD_MAX_CHARS;
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid};

#[component]
pub fn ResetPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let i18n = use_i18n();
    let m = i18n.messages;
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let action = ServerAction::<ResetPassword>::new();
    let error = submission_error(action);
    view! {
        <AccountCard title=m.account_reset_title intro=m.account_reset_intro path="/account/reset">
            <FormAlert error />
            <ActionForm action>
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <input type="hidden" name="token" value=token />
                <div class="field">
                    <label for="password">{m.account_new_password}</label>
                    <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8"
                        maxlength=PASSWORD_MAX_CHARS.to_string() aria-describedby="password-hint" />
                    <p class="field-hint" id="password-hint">{m.account_password_hint}</p>
                    <FieldError error field="password" />
                </div>
                <button class="button" type="submit" aria-busy=move || action.pending().get().to_string()>
                    {m.account_reset_button}
                </button>
            </ActionForm>
            <p class="form-footer"><a href=i18n.path("/account/forgot")>{m.account_forgot_again}</a></p>
        </AccountCard>
    }
    .into_any()
}
