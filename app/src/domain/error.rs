//! `AppError`: the one error type of server functions and pages. Each variant
//! maps to an HTTP status; internal causes are logged on the server and never
//! serialised to the browser.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// What went wrong, in terms a page can explain to a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The thing does not exist, or the caller may not know it exists.
    #[error("not found")]
    NotFound,
    /// The request itself cannot be read: a parameter is missing, repeated or
    /// of the wrong form. Browsers using our pages never send one; the
    /// deserializer's own text stays in the server log.
    #[error("malformed request")]
    BadRequest,
    /// The caller is signed in but may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The caller must sign in first.
    #[error("sign-in required")]
    Unauthorized,
    /// A field's value is not acceptable; `reason` is shown next to the field.
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
    /// The change clashes with existing data (e.g. an email already registered).
    #[error("{field} already exists")]
    Conflict { field: String },
    /// The same inquiry (buyer, listing, text) was sent in the last 24
    /// hours: `inquiry` is the conversation it opened.
    #[error("already sent as inquiry {inquiry}")]
    AlreadySent { inquiry: i64 },
    /// Too many attempts; try again later.
    #[error("too many requests")]
    RateLimited,
    /// A dependency (database, search) is down; retrying later may work.
    #[error("service unavailable")]
    Unavailable,
    /// A bug or unexpected failure; the cause is in the server log only.
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// The HTTP status a response carrying this error should have.
    pub fn status(&self) -> u16 {
        match self {
            AppError::BadRequest => 400,
            AppError::NotFound => 404,
            AppError::Forbidden => 403,
            AppError::Unauthorized => 401,
            AppError::Invalid { .. } => 422,
            AppError::Conflict { .. } | AppError::AlreadySent { .. } => 409,
            AppError::RateLimited => 429,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
        }
    }

    /// Shorthand for a field validation failure.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> AppError {
        AppError::Invalid { field: field.into(), reason: reason.into() }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::debug!(error = %value, "server function call refused or failed");
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            // On the server this is a request body that cannot be read (not
            // UTF-8, cut short); in the browser, an answer it cannot decode.
            ServerFnErrorErr::Deserialization(_) if cfg!(feature = "ssr") => AppError::BadRequest,
            ServerFnErrorErr::Request(_) => AppError::Unavailable,
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_http_semantics() {
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::BadRequest.status(), 400);
        assert_eq!(AppError::invalid("hs_code", "6 digits").status(), 422);
        assert_eq!(AppError::Conflict { field: "email".into() }.status(), 409);
        assert_eq!(AppError::Internal.status(), 500);
    }
}
