//! Account pages: sign up, sign in, forgotten password, reset and change of
//! password. Every form posts its server function without JavaScript too; the
//! same form hydrated shows errors without a page load.

mod buyer_profile;
pub use buyer_profile::BuyerProfilePage;
mod claim;
mod forgot;
mod join;
mod password;
mod reset;
mod sign_in;
mod sign_up;

pub use claim::ClaimProducerPage;
pub use forgot::ForgotPage;
pub use join::JoinTeamPage;
pub use password::PasswordPage;
pub use reset::ResetPage;
pub use sign_in::SignInPage;
pub use sign_up::SignUpPage;

use leptos::prelude::*;

use crate::components::{FieldError, PageMeta};
use crate::domain::{AppError, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};

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

/// A new password: length limits the browser can check, the policy as a
/// hint, and the server's refusal (too short, too common) next to it.
#[component]
fn NewPasswordField(label: &'static str, error: Signal<Option<AppError>>) -> impl IntoView {
    let m = crate::i18n::use_i18n().messages;
    view! {
        <div class="field">
            <label for="password">{label}</label>
            <input id="password" name="password" type="password" autocomplete="new-password" required
                minlength=PASSWORD_MIN_CHARS.to_string() maxlength=PASSWORD_MAX_CHARS.to_string() aria-describedby="password-hint" />
            <p class="field-hint" id="password-hint">{m.account_password_hint}</p>
            <FieldError error field="password" />
        </div>
    }
}
