//! Sign up: a producer or a buyer creates an account. The answer is the
//! same whether or not the address has one ("check your mail"): the link
//! mailed to a new address confirms it and signs this browser in.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{AccountCard, NewPasswordField};
use crate::api::accounts::SignUp;
use crate::components::{FieldError, FlashNote, FormAlert, submission_error};
use crate::domain::Role;
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid};

#[component]
pub fn SignUpPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<SignUp>::new();
    let error = submission_error(action);
    // Read on every navigation: a hydrated form's redirect comes back here.
    let query = use_query_map();
    let sent = move || query.with(|q| q.get("sent").is_some());
    view! {
        <AccountCard title=m.account_sign_up_title intro=m.account_sign_up_intro path="/account/sign-up">
            <Show when=sent fallback=move || view! {
                <FormAlert error />
                <ActionForm action>
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <fieldset class="field">
                        <legend>{m.account_role}</legend>
                        <div class="choice-cards">
                            {Role::SELF_SERVICE.into_iter().map(|role| view! {
                                <label class="choice-card">
                                    <input type="radio" name="role" value=role.slug() checked=role == Role::Producer required />
                                    <span>
                                        <strong>{role.name(m)}</strong>
                                        <span class="muted">{m.get(&format!("role_hint.{}", role.slug())).unwrap_or_default()}</span>
                                    </span>
                                </label>
                            }).collect_view()}
                        </div>
                        <FieldError error field="role" />
                    </fieldset>
                    <div class="field">
                        <label for="display_name">{m.account_display_name}</label>
                        <input id="display_name" name="display_name" autocomplete="name" required maxlength="120" />
                        <FieldError error field="display_name" />
                    </div>
                    <div class="field">
                        <label for="email">{m.account_email}</label>
                        <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" />
                        <FieldError error field="email" />
                    </div>
                    <NewPasswordField label=m.account_password error />
                    <button class="button" type="submit" aria-busy=move || action.pending().get().to_string()>
                        {m.account_sign_up_button}
                    </button>
                </ActionForm>
                <p class="form-footer">{m.account_have_account}" "<a href=i18n.path("/account/sign-in")>{m.account_sign_in_link}</a></p>
            }>
                <FlashNote flag="sent" text=m.account_sign_up_sent />
                <FlashNote flag="inquiry" text=m.account_sign_up_sent_inquiry />
                <p class="form-footer">
                    <a href=i18n.path("/account/sign-in")>{m.account_sign_in_link}</a>
                    " · "
                    <a href=i18n.path("/account/sign-up")>{m.account_sign_up_link}</a>
                </p>
            </Show>
        </AccountCard>
    }
    .into_any()
}
