//! Choose a new password with the token from the mailed link.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{AccountCard, NewPasswordField};
use crate::api::accounts::ResetPassword;
use crate::components::{FormAlert, submission_error};
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
                <NewPasswordField label=m.account_new_password error />
                <button class="button" type="submit" aria-busy=move || action.pending().get().to_string()>
                    {m.account_reset_button}
                </button>
            </ActionForm>
            <p class="form-footer"><a href=i18n.path("/account/forgot")>{m.account_forgot_again}</a></p>
        </AccountCard>
    }
    .into_any()
}
