//! What a page shows instead of its content when loading failed: "not found"
//! for missing things, a calm apology otherwise. Sets the response status.

use leptos::prelude::*;

use crate::domain::AppError;
use crate::i18n::use_i18n;
use crate::response_status::set_page_status;

#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    set_page_status(error.status());
    let i18n = use_i18n();
    let m = i18n.messages;
    let error_is_unauthorized = error == AppError::Unauthorized;
    let (title, text) = match &error {
        AppError::NotFound => (m.error_not_found_title, m.error_not_found_text),
        // A refused link or request: its reason says what to do.
        AppError::Invalid { reason, .. } => (m.error_title, m.get(reason).unwrap_or(m.error_text)),
        AppError::Unavailable => (m.error_title, m.error_unavailable),
        AppError::Unauthorized => (m.error_sign_in_title, m.error_sign_in_text),
        _ => (m.error_title, m.error_text),
    };
    view! {
        <super::DocumentTitle text=format!("{title} · {}", m.site_name) />
        <section class="container error-panel" role="alert">
            <h1>{title}</h1>
            <p>{text}</p>
            {if error_is_unauthorized {
                view! { <a class="button" href=i18n.path("/account/sign-in")>{m.account_sign_in_button}</a> }.into_any()
            } else {
                view! { <a class="button" href=i18n.path("")>{m.error_go_home}</a> }.into_any()
            }}
        </section>
    }
}
