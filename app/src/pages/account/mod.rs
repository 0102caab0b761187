//! Account pages: sign up, sign in, forgotten password, reset and change of
//! password. Every form posts its server function without JavaScript too; the
//! same form hydrated shows errors without a page load.

mod forgot;
mod password;
mod reset;
mod sign_in;
mod sign_up;

pub use forgot::ForgotPage;
pub use password::PasswordPage;
pub use reset::ResetPage;
pub use sign_in::SignInPage;
pub use sign_up::SignUpPage;

use leptos::prelude::*;

use crate::components::PageMeta;

/// The narrow card every account form sits in.
#[component]
fn AccountCard(title: &'static str, intro: &'static str, path: &'static str, children: Children) -> impl IntoView {
    let site = crate::i18n::use_i18n().messages.site_name;
    view! {
        <PageMeta title=format!("{title} · {site}") description=intro path=path />
        <div class="container account-page">
            <section class="form-card">
                <h1>{title}</h1>
                <p class="muted">{intro}</p>
                {children()}
            </section>
        </div>
    }
}
