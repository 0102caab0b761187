//! Server functions of the trade offices and of the producer's
//! side of verification and moderation. Thin: each obtains the proof
//! (`as_admin`, `as_producer`) and calls one port method; the `Offices` and
//! `Studio` ports decide what the office may see and do.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::{
    AccountLine, AppError, AuditFilter, AuditPage, Locale, OfficeProducer, OfficeProducers, ProducerFilter,
    VerificationForm, VerificationQueue, VerificationStatus,
};
#[cfg(feature = "ssr")]
use crate::domain::{ModerationStep, RoleGrant, VerificationDecision};

/// Where a plain form post returns to: a path of ours under the reader's
/// language, with a flag saying what happened.
#[cfg(feature = "ssr")]
fn back(locale: Locale, path: &str, flag: &str) {
    let path = if path.starts_with("/admin") || path.starts_with("/dashboard") { path } else { "/admin" };
    let joiner = if path.contains('?') { '&' } else { '?' };
    super::context::redirect_to(&locale.localize_path(&format!("{path}{joiner}{flag}=1")));
}

#[server(endpoint = "office/verification", input = GetUrl)]
pub async fn get_verification_queue() -> Result<VerificationQueue, AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    super::context::respond(services.offices.verification_queue(&admin).await)
}

#[server(endpoint = "office/decide")]
pub async fn decide_verification(
    request: i64,
    decision: String,
    #[server(default)] reason: String,
    #[server(default)] note: String,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    let decision = super::context::respond(VerificationDecision::from_fields(&decision, &reason, &note))?;
    super::context::respond(services.offices.decide_verification(&admin, request, decision).await)?;
    back(locale, "/admin/verification", "decided");
    Ok(())
}

#[server(endpoint = "office/producers", input = GetUrl)]
pub async fn get_office_producers(#[server(default)] filter: ProducerFilter) -> Result<OfficeProducers, AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    super::context::respond(services.offices.producers(&admin, &filter).await)
}

#[server(endpoint = "office/producer", input = GetUrl)]
pub async fn get_office_producer(slug: String, locale: Locale) -> Result<OfficeProducer, AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    super::context::respond(services.offices.producer(&admin, &slug, locale).await)
}

/// Hides or unhides a producer (`listing` absent) or one of its listings.
#[server(endpoint = "office/moderate")]
pub async fn moderate(
    producer: String,
    #[server(default)] listing: Option<i64>,
    step: String,
    #[server(default)] reason: String,
    #[server(default)] note: String,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    let step = super::context::respond(ModerationStep::from_fields(&step, &reason, &note))?;
    let done = match listing {
        Some(id) => services.offices.moderate_listing(&admin, id, step).await,
        None => services.offices.moderate_producer(&admin, &producer, step).await,
    };
    super::context::respond(done)?;
    let slug: String = producer.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(120).collect();
    let path = format!("/admin/producers/{slug}");
    back(locale, &path, "moderated");
    Ok(())
}

/// Suspends (`suspend` true) or reinstates an account; back to `from`.
#[server(endpoint = "office/suspend")]
pub async fn suspend_account(
    user_id: i64,
    suspend: bool,
    #[server(default)] from: String,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    super::context::respond(services.offices.set_suspended(&admin, user_id, suspend).await)?;
    back(locale, &from, "account_changed");
    Ok(())
}

#[server(endpoint = "office/accounts", input = GetUrl)]
pub async fn get_accounts(#[server(default)] email: String) -> Result<Vec<AccountLine>, AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    super::context::respond(services.offices.accounts(&admin, &email).await)
}

/// Grants (`role`: `organiser`, or `admin` with `office`) or revokes a role.
#[server(endpoint = "office/grant")]
pub async fn grant_role(
    user_id: i64,
    role: String,
    #[server(default)] office: String,
    #[server(default)] email: String,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    let grant = super::context::respond(RoleGrant::from_fields(&role, &office))?;
    super::context::respond(services.offices.grant(&admin, user_id, grant).await)?;
    // Back to the same search: an address's characters, `+` written out.
    let query: String = email
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "@.-_+".contains(*c))
        .take(120)
        .collect::<String>()
        .replace('+', "%2B");
    back(locale, &format!("/admin/accounts?email={query}"), "granted");
    Ok(())
}

#[server(endpoint = "office/audit", input = GetUrl)]
pub async fn get_audit(#[server(default)] filter: AuditFilter) -> Result<AuditPage, AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    super::context::respond(services.offices.audit(&admin, &filter).await)
}

#[server(endpoint = "studio/verification", input = GetUrl)]
pub async fn get_verification() -> Result<VerificationStatus, AppError> {
    let services = super::context::services()?;
    let access = super::context::respond(super::context::producer().await)?;
    super::context::respond(services.studio.verification(&access).await)
}

#[server(endpoint = "studio/request_verification")]
pub async fn request_verification(form: VerificationForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let access = super::context::respond(super::context::producer().await)?;
    super::context::respond(services.studio.request_verification(&access, &form).await)?;
    back(locale, "/dashboard/verification", "requested");
    Ok(())
}

/// Asks the office to review the hidden producer (`listing` absent) or listing.
#[server(endpoint = "studio/request_review")]
pub async fn request_review(#[server(default)] listing: Option<i64>, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let access = super::context::respond(super::context::producer().await)?;
    super::context::respond(services.studio.request_review(&access, listing).await)?;
    back(locale, "/dashboard", "review_requested");
    Ok(())
}

#[server(endpoint = "office/platform", input = GetUrl)]
pub async fn get_platform() -> Result<crate::domain::PlatformView, AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    super::context::respond(services.offices.platform(&admin).await)
}

/// Sets (or with `None` clears) the cookie naming the producer an office
/// works on.
#[cfg(feature = "ssr")]
fn set_acting_cookie(slug: Option<&str>) {
    let value = match slug {
        Some(slug) => format!("{}={slug}; Path=/; HttpOnly; SameSite=Lax", crate::domain::ACTING_FOR_COOKIE),
        None => format!("{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0", crate::domain::ACTING_FOR_COOKIE),
    };
    if let (Some(response), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&value))
    {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// A producer slug as it may appear in a path or a cookie.
#[cfg(feature = "ssr")]
fn clean_slug(slug: &str) -> String {
    slug.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(120).collect()
}

/// Creates a producer for a cooperative of the office's region, then opens
/// its page in the office's workspace.
#[server(endpoint = "office/onboard")]
pub async fn onboard_producer(form: crate::domain::ProfileForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    let slug = super::context::respond(services.offices.onboard(&admin, &form).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/admin/producers/{slug}?onboarded=1")));
    Ok(())
}

/// Invites the cooperative's address to claim its producer.
#[server(endpoint = "office/invite")]
pub async fn invite_cooperative(producer: String, email: String, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    let slug = clean_slug(&producer);
    super::context::respond(services.offices.invite(&admin, &slug, &email, locale).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/admin/producers/{slug}?invited=1")));
    Ok(())
}

/// Opens an unclaimed cooperative's workspace for the office.
#[server(endpoint = "office/act_for")]
pub async fn act_for(producer: String, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    let slug = clean_slug(&producer);
    super::context::respond(services.offices.start_acting(&admin, &slug).await)?;
    set_acting_cookie(Some(&slug));
    super::context::redirect_to(&locale.localize_path("/dashboard"));
    Ok(())
}

/// Leaves the cooperative's workspace, back to its page in the office's.
#[server(endpoint = "office/stop_acting")]
pub async fn stop_acting(locale: Locale) -> Result<(), AppError> {
    let slug = super::context::acting_for().map(|slug| clean_slug(&slug));
    set_acting_cookie(None);
    let back = slug.map(|slug| format!("/admin/producers/{slug}")).unwrap_or_else(|| "/admin".to_owned());
    super::context::redirect_to(&locale.localize_path(&back));
    Ok(())
}

/// The claim page of an invitation link.
#[server(endpoint = "claim", input = GetUrl)]
pub async fn get_claim(token: String) -> Result<crate::domain::ClaimPage, AppError> {
    let services = super::context::services()?;
    super::context::respond(services.accounts.invitation(&token).await)
}

/// Claims the producer: sets the name and password, signs in, opens the workspace.
#[server(endpoint = "claim_producer")]
pub async fn claim_producer(
    token: String,
    display_name: String,
    password: String,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let session = super::context::session()?;
    super::context::respond(services.accounts.claim(session.0.as_ref(), &token, &display_name, &password).await)?;
    super::context::redirect_to(&locale.localize_path("/dashboard?claimed=1"));
    Ok(())
}

/// The signed-in administrator's office.
#[server(endpoint = "office/whoami", input = GetUrl)]
pub async fn get_office() -> Result<crate::domain::Office, AppError> {
    super::context::respond(super::context::admin().map(|admin| admin.office()))
}
