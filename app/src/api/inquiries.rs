//! Server functions of inquiries and conversations. Thin: they
//! find the viewer (signing a buyer up or in on the way when the inquiry
//! form carries an account), call the `Inquiries` port, and send the
//! browser on.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::{
    AppError, Inbox, InlineAccount, InquiryForm, InquiryStart, InquiryStatus, Locale, ReplyForm, SavedReplyForm,
    Thread, ThreadAction,
};

/// The inquiry form's data: about a `listing`, or about a `producer` (its
/// slug) from the producer page.
#[server(endpoint = "inquiry_start", input = GetUrl)]
pub async fn get_inquiry_start(
    listing: Option<i64>,
    producer: Option<String>,
    locale: Locale,
) -> Result<InquiryStart, AppError> {
    let services = super::context::services()?;
    let viewer = super::context::session()?.0.viewer();
    let about = super::context::respond(crate::domain::InquiryAbout::from_fields(listing, producer))?;
    let browser_country = super::context::browser_country();
    super::context::respond(services.inquiries.start(viewer.as_ref(), &about, browser_country, locale).await)
}

/// Sends an inquiry about a listing or to a producer. A visitor who is not
/// signed in signs up (or in) as a buyer with the account fields of the
/// same form, so nothing typed is lost; then the conversation opens.
#[server(endpoint = "send_inquiry")]
pub async fn send_inquiry(
    #[server(default)] listing: Option<i64>,
    #[server(default)] producer: Option<String>,
    #[server(default)] showcase: Option<String>,
    form: InquiryForm,
    #[server(default)] account: InlineAccount,
    locale: Locale,
) -> Result<(), AppError> {
    use super::sign_up_note::{PendingInquiry, SignUpNote};
    use crate::domain::Role;
    use crate::ports::{SignUp, SignedUp};

    let services = super::context::services()?;
    let session = super::context::session()?;
    let about = super::context::respond(crate::domain::InquiryAbout::from_fields(listing, producer.clone()))?;
    // The inquiry is checked before any account is made for it.
    super::context::respond(form.validate(crate::domain::CalendarDate::today()))?;
    let viewer = match session.0.viewer() {
        Some(viewer) => viewer,
        None => match account.mode.as_str() {
            "sign-in" => super::context::respond(
                services.accounts.sign_in(&*session.0, &account.email, &account.password).await,
            )?,
            "sign-up" => {
                let sign_up = SignUp {
                    email: account.email.clone(),
                    password: account.password.clone(),
                    display_name: account.display_name.clone(),
                    role: Role::Buyer,
                    locale,
                };
                let signed = super::context::respond(services.accounts.sign_up(&*session.0, sign_up).await)?;
                // Nobody is signed in yet, and the answer is the same for a
                // new address and a known one: the inquiry is held for the
                // new account, or kept in this browser for the known one's
                // owner to send by signing in.
                let note = match signed {
                    SignedUp::Created { user_id } => {
                        let client = session.0.client();
                        let held = services
                            .inquiries
                            .hold_for_new_buyer(user_id, &client, &about, showcase.as_deref(), &form, locale)
                            .await;
                        if let Err(error) = held {
                            tracing::warn!(?error, user = user_id, "the inquiry of a new account was not held");
                        }
                        SignUpNote { created: Some(user_id), inquiry: None }
                    }
                    SignedUp::Known => SignUpNote {
                        created: None,
                        inquiry: Some(PendingInquiry {
                            listing,
                            producer: producer.clone(),
                            showcase: showcase.clone(),
                            form: form.clone(),
                            locale,
                            email: crate::domain::normalize_email(&account.email).unwrap_or_default(),
                        }),
                    },
                };
                super::context::respond(note.keep(&*session.0).await)?;
                super::context::redirect_to(&locale.localize_path("/account/sign-up?sent=1&inquiry=1"));
                return Ok(());
            }
            _ => return super::context::respond(Err(AppError::invalid("account_mode", "invalid.required"))),
        },
    };
    // Only buyers send inquiries (the form says so to anyone else first).
    let buyer = super::context::respond(viewer.as_buyer())?;
    let sent = services.inquiries.send(&buyer, &session.0.client(), &about, showcase.as_deref(), &form, locale).await;
    let sent = super::context::respond(sent)?;
    super::context::redirect_to(&locale.localize_path(&format!(
        "/inquiries/{}?{}",
        sent.id,
        if sent.held { "held=1" } else { "sent=1" }
    )));
    Ok(())
}

#[server(endpoint = "inbox", input = GetUrl)]
pub async fn get_inbox(
    status: Option<InquiryStatus>,
    #[server(default)] mine: Option<bool>,
    page: u64,
    locale: Locale,
) -> Result<Inbox, AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    let mine = mine.unwrap_or(false);
    super::context::respond(services.inquiries.inbox(&viewer, status, mine, page, locale).await)
}

#[server(endpoint = "thread", input = GetUrl)]
pub async fn get_thread(id: i64, locale: Locale) -> Result<Thread, AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.inquiries.thread(&viewer, id, locale).await)
}

#[server(endpoint = "reply")]
pub async fn reply(id: i64, form: ReplyForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.inquiries.reply(&viewer, id, &form).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/inquiries/{id}?replied=1")));
    Ok(())
}

#[server(endpoint = "act_on_thread")]
pub async fn act_on_thread(
    id: i64,
    action: ThreadAction,
    #[server(default)] quote: Option<i64>,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    let deal = super::context::respond(services.inquiries.act(&viewer, id, action, quote).await)?;
    // Accepting leads to the deal: its confirmation and next steps.
    let next = match deal {
        Some(deal) => format!("/deals/{deal}?agreed=1"),
        None => format!("/inquiries/{id}"),
    };
    super::context::redirect_to(&locale.localize_path(&next));
    Ok(())
}

/// Assigns a producer's conversation to a member (`member` empty: to the owners).
#[server(endpoint = "assign_thread")]
pub async fn assign_thread(id: i64, #[server(default)] member: String, locale: Locale) -> Result<(), AppError> {
    let member = match member.trim() {
        "" => None,
        typed => Some(super::context::respond(typed.parse::<i64>().map_err(|_| AppError::BadRequest))?),
    };
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.inquiries.assign(&viewer, id, member).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/inquiries/{id}?assigned=1")));
    Ok(())
}

/// Keeps a saved reply for the reader's company; back to the inbox.
#[server(endpoint = "save_reply")]
pub async fn save_reply(form: SavedReplyForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.inquiries.save_reply(&viewer, &form).await)?;
    super::context::redirect_to(&locale.localize_path("/inquiries?reply_saved=1#saved-replies"));
    Ok(())
}

/// Removes one of the company's saved replies.
#[server(endpoint = "remove_reply")]
pub async fn remove_reply(id: i64, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    super::context::respond(services.inquiries.remove_reply(&viewer, id).await)?;
    super::context::redirect_to(&locale.localize_path("/inquiries#saved-replies"));
    Ok(())
}

/// Confirms an account's address from the mailed link (a button on the
/// link's page, so a mail scanner fetching the link confirms nothing). The
/// browser that signed the account up is signed in by it (it typed the
/// password and now holds the mailbox); any other is asked to sign in.
#[server(endpoint = "confirm_address")]
pub async fn confirm_address(token: String, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let session = super::context::session()?;
    let user_id = super::context::respond(services.inquiries.confirm_address(&token).await)?;
    let signed_in = session.0.viewer().is_some_and(|viewer| viewer.user_id == user_id);
    let created_here = !signed_in
        && super::sign_up_note::SignUpNote::take(&*session.0)
            .await
            .ok()
            .flatten()
            .is_some_and(|note| note.created == Some(user_id));
    let next = if created_here {
        let viewer = super::context::respond(session.0.begin(user_id).await)?;
        match viewer.role {
            crate::domain::Role::Buyer => locale.localize_path("/account/confirm?done=1"),
            _ => super::accounts::landing(&viewer, locale),
        }
    } else if signed_in {
        locale.localize_path("/account/confirm?done=1")
    } else {
        locale.localize_path("/account/confirm?done=1&sign_in=1")
    };
    super::context::redirect_to(&next);
    Ok(())
}

/// Conversations with something unread, for the header (0 when signed out).
#[server(endpoint = "unread", input = GetUrl)]
pub async fn get_unread() -> Result<u64, AppError> {
    let services = super::context::services()?;
    match super::context::session()?.0.viewer() {
        Some(viewer) => super::context::respond(services.inquiries.unread(&viewer).await),
        None => Ok(0),
    }
}

/// The signed-in buyer's country, for the trade-agreement hint (`None` for
/// anyone else).
#[server(endpoint = "buyer_country", input = GetUrl)]
pub async fn get_buyer_country() -> Result<Option<crate::domain::CountryCode>, AppError> {
    let services = super::context::services()?;
    match super::context::session()?.0.viewer().map(|viewer| viewer.as_buyer()) {
        Some(Ok(buyer)) => super::context::respond(services.inquiries.buyer_country(&buyer).await),
        _ => Ok(None),
    }
}

#[server(endpoint = "buyer_profile", input = GetUrl)]
pub async fn get_buyer_profile() -> Result<crate::domain::BuyerProfileForm, AppError> {
    let services = super::context::services()?;
    let buyer = super::context::respond(super::context::buyer())?;
    super::context::respond(services.inquiries.buyer_profile(&buyer).await)
}

#[server(endpoint = "save_buyer_profile")]
pub async fn save_buyer_profile(form: crate::domain::BuyerProfileForm, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let buyer = super::context::respond(super::context::buyer())?;
    super::context::respond(services.inquiries.save_buyer_profile(&buyer, &form).await)?;
    super::context::redirect_to(&locale.localize_path("/account/company?saved=1"));
    Ok(())
}
