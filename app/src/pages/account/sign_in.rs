//! Sign in with e-mail and password. A wrong password and an unknown address
//! get the same message. `?next=` (a path of this site, such as an
//! invitation's page) is where the browser goes once signed in.

use leptos::prelude::*;

use super::AccountCard;
use crate::api::accounts::SignIn;
use crate::components::{FieldError, FlashNote, FormAlert, submission_error};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid};

#[component]
pub fn SignInPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<SignIn>::new();
    let error = submission_error(action);
    let next = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("next"))
        .filter(|next| crate::domain::is_local_path(next));
    view! {
        <AccountCard title=m.account_sign_in_title intro=m.account_sign_in_intro path="/account/sign-in">
            <FlashNote flag="reset" text=m.account_reset_done />
            <FormAlert error />
            <ActionForm action>
                <input type="hidden" name="locale" value=i18n.locale.code() />
                {next.map(|next| view! { <input type="hidden" name="next" value=next /> })}
                <div class="field">
                    <label for="email">{m.account_email}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required maxlength="254" />
                    <FieldError error field="email" />
                </div>
                <div class="field">
                    <label for="password">{m.account_password}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required />
                    <FieldError error field="password" />
                </div>
                <button class="button" type="submit" aria-busy=move || action.pending().get().to_string()>
                    {m.account_sign_in_button}
                </button>
            </ActionForm>
            <p class="form-footer"><a href=i18n.path("/account/forgot")>{m.account_forgot_link}</a></p>
            <p class="form-footer">{m.account_no_account}" "<a href=i18n.path("/account/sign-up")>{m.account_sign_up_link}</a></p>
        </AccountCard>
    }
    .into_any()
}
