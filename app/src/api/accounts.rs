//! Server functions for accounts: sign up, sign in and out, change and reset
//! the password, and who is signed in. Each is a thin adapter over the
//! `Accounts` port; forms post them without JavaScript too.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::{AppError, Locale, Viewer};

/// Who is signed in (for the header's account menu and guarded pages).
#[server(endpoint = "viewer", input = GetUrl)]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    Ok(super::context::session()?.0.viewer())
}

#[server(endpoint = "sign_up")]
pub async fn sign_up(
    email: String,
    password: String,
    display_name: String,
    role: String,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let session = super::context::session()?;
    use crate::domain::Role;
    // Which roles may sign themselves up is the accounts service's rule.
    let role =
        super::context::respond(Role::from_slug(&role).ok_or_else(|| AppError::invalid("role", "invalid.choice")))?;
    let form = crate::ports::SignUp { email, password, display_name, role, locale };
    let signed = super::context::respond(services.accounts.sign_up(&*session.0, form).await)?;
    // The same note, the same answer, for a new address and a known one.
    let created = match signed {
        crate::ports::SignedUp::Created { user_id } => Some(user_id),
        crate::ports::SignedUp::Known => None,
    };
    super::context::respond(super::sign_up_note::SignUpNote { created, inquiry: None }.keep(&*session.0).await)?;
    super::context::redirect_to(&locale.localize_path("/account/sign-up?sent=1"));
    Ok(())
}

/// Signs in; an inquiry typed on this browser with this account's address
/// at sign-up (the address had an account) is sent now, and the browser
/// goes to its conversation; otherwise to `next` when it is a path of this
/// site (an invitation's page), else to the account's landing page.
#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    locale: Locale,
    #[server(default)] next: Option<String>,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let session = super::context::session()?;
    let viewer = super::context::respond(services.accounts.sign_in(&*session.0, &email, &password).await)?;
    let pending = super::sign_up_note::SignUpNote::take(&*session.0).await.ok().flatten().and_then(|note| note.inquiry);
    if let Some(pending) = pending.filter(|pending| pending.is_for(&viewer.email))
        && let Ok(about) = pending.about()
        && let Ok(buyer) = viewer.as_buyer()
    {
        let client = session.0.client();
        let sent = services
            .inquiries
            .send(&buyer, &client, &about, pending.showcase.as_deref(), &pending.form, pending.locale)
            .await;
        match sent {
            Ok(sent) => {
                let flag = if sent.held { "held=1" } else { "sent=1" };
                super::context::redirect_to(&locale.localize_path(&format!("/inquiries/{}?{flag}", sent.id)));
                return Ok(());
            }
            Err(error) => tracing::warn!(?error, "the inquiry kept at sign-up could not be sent at sign-in"),
        }
    }
    match next.filter(|next| crate::domain::is_local_path(next)) {
        Some(next) => super::context::redirect_to(&next),
        None => super::context::redirect_to(&landing(&viewer, locale)),
    }
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out(locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let session = super::context::session()?;
    super::context::respond(services.accounts.sign_out(&*session.0).await)?;
    super::context::redirect_to(&locale.localize_path("/"));
    Ok(())
}

#[server(endpoint = "change_password")]
pub async fn change_password(current: String, password: String, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let session = super::context::session()?;
    super::context::respond(services.accounts.change_password(&*session.0, &current, &password).await)?;
    super::context::redirect_to(&locale.localize_path("/account/password?changed=1"));
    Ok(())
}

#[server(endpoint = "request_reset")]
pub async fn request_reset(email: String, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let session = super::context::session()?;
    super::context::respond(services.accounts.request_reset(&*session.0, &email, locale).await)?;
    super::context::redirect_to(&locale.localize_path("/account/forgot?sent=1"));
    Ok(())
}

#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let session = super::context::session()?;
    super::context::respond(services.accounts.reset_password(&*session.0, &token, &password).await)?;
    super::context::redirect_to(&locale.localize_path("/account/sign-in?reset=1"));
    Ok(())
}

/// Where a person lands after signing in: producers on their dashboard,
/// everyone else on the catalogue.
#[cfg(feature = "ssr")]
pub(crate) fn landing(viewer: &Viewer, locale: Locale) -> String {
    match viewer.role {
        crate::domain::Role::Producer => locale.localize_path("/dashboard"),
        _ => locale.localize_path("/"),
    }
}
