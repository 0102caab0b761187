//! What a sign-up leaves in the browser's session, so the answer can be the
//! same whether or not the address had an account and nothing
//! typed is lost: the new account's id (its confirmation link, opened in
//! this browser, signs it in), or the inquiry typed with a known address
//! (sent when its owner signs in here). Every sign-up keeps one, so every
//! sign-up answer sets the same session cookie.

use serde::{Deserialize, Serialize};

use crate::domain::{AppError, InquiryAbout, InquiryForm, Locale, normalize_email};
use crate::ports::SessionHandle;

/// The session key.
const KEY: &str = "sign_up";

/// An inquiry written with an address that has an account.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct PendingInquiry {
    pub listing: Option<i64>,
    pub producer: Option<String>,
    pub showcase: Option<String>,
    pub form: InquiryForm,
    pub locale: Locale,
    /// The address typed, normalised: only its account may send it.
    pub email: String,
}

impl PendingInquiry {
    pub fn about(&self) -> Result<InquiryAbout, AppError> {
        InquiryAbout::from_fields(self.listing, self.producer.clone())
    }

    /// Whether the account signed in with `email` is the one it was typed for.
    pub fn is_for(&self, email: &str) -> bool {
        normalize_email(email).is_ok_and(|email| email == self.email)
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct SignUpNote {
    /// The account this browser created, not yet confirmed.
    pub created: Option<i64>,
    pub inquiry: Option<PendingInquiry>,
}

impl SignUpNote {
    pub async fn keep(&self, session: &dyn SessionHandle) -> Result<(), AppError> {
        let text = serde_json::to_string(self).map_err(|_| AppError::Internal)?;
        session.keep(KEY, text).await
    }

    /// The note, taken out of the session (`None` when there is none or it
    /// cannot be read).
    pub async fn take(session: &dyn SessionHandle) -> Result<Option<SignUpNote>, AppError> {
        Ok(session.take(KEY).await?.and_then(|text| serde_json::from_str(&text).ok()))
    }
}
