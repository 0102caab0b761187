//! The page of the link mailed to a new account (and to a buyer whose
//! inquiry waits): a button confirms the address (a mail scanner that
//! fetches the link confirms nothing), then the held inquiries are
//! delivered. A browser that did not sign the account up is asked to sign in.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::inquiries::ConfirmAddress;
use crate::components::{FormAlert, PageMeta, submission_error};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid};

#[component]
pub fn ConfirmPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let i18n = use_i18n();
    let m = i18n.messages;
    let query = use_query_map();
    let token = StoredValue::new(query.with_untracked(|q| q.get("token").unwrap_or_default()));
    // Read again on every navigation: the redirect after confirming comes
    // back to this same page with `?done=1`.
    let done = move || query.with(|q| q.get("done").is_some());
    let sign_in = move || query.with(|q| q.get("sign_in").is_some());
    let action = ServerAction::<ConfirmAddress>::new();
    let error = submission_error(action);
    view! {
        <PageMeta title=format!("{} · {}", m.confirm_title, m.site_name) description=m.confirm_intro path="/account/confirm" />
        <div class="container account-page">
            <section class="form-card">
                <h1>{m.confirm_title}</h1>
                <Show when=done fallback=move || view! {
                    <p class="muted">{m.confirm_intro}</p>
                    <FormAlert error />
                    <ActionForm action>
                        <input type="hidden" name="locale" value=i18n.locale.code() />
                        <input type="hidden" name="token" value=token.get_value() />
                        <button class="button" type="submit">{m.confirm_button}</button>
                    </ActionForm>
                }>
                    <p class="form-success" role="status">{m.confirm_done}</p>
                    <Show when=sign_in fallback=move || view! {
                        <a class="button" href=i18n.path("/inquiries")>{m.confirm_see_inquiries}</a>
                    }>
                        <a class="button" href=i18n.path("/account/sign-in")>{m.confirm_sign_in_next}</a>
                    </Show>
                </Show>
            </section>
        </div>
    }
    .into_any()
}
