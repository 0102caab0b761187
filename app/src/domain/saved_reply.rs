//! Saved replies: texts a producer's team writes once (payment terms, the
//! sample policy, how to read the certificates) and starts an answer from.
//! They belong to the company; the members who answer inquiries
//! (`WorkspaceAction::AnswerInquiries`) keep and use them.

use serde::{Deserialize, Serialize};

use super::inquiry::MESSAGE_MAX_CHARS;
use super::{AppError, text};

/// Longest title of a saved reply, in characters.
pub const SAVED_REPLY_TITLE_MAX_CHARS: usize = 80;
/// Most saved replies a company keeps.
pub const MAX_SAVED_REPLIES: usize = 30;

/// One saved reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedReply {
    pub id: i64,
    pub title: String,
    pub body: String,
}

/// The form that keeps a new saved reply.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedReplyForm {
    pub title: String,
    pub body: String,
}

impl SavedReplyForm {
    /// The title (one line, required) and the text (required).
    pub fn validate(&self) -> Result<(String, String), AppError> {
        let title = text::single_line("title", &self.title, SAVED_REPLY_TITLE_MAX_CHARS)?
            .ok_or_else(|| AppError::invalid("title", "invalid.required"))?;
        let body = text::multi_line("body", &self.body, MESSAGE_MAX_CHARS)?;
        if body.is_empty() {
            return Err(AppError::invalid("body", "invalid.required"));
        }
        Ok((title, body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_reply_needs_a_one_line_title_and_a_text() {
        let form = |title: &str, body: &str| SavedReplyForm { title: title.into(), body: body.into() };
        assert_eq!(
            form(" Samples ", "We send samples\r\nwithin a week.").validate(),
            Ok(("Samples".into(), "We send samples\nwithin a week.".into()))
        );
        assert!(form("", "text").validate().is_err());
        assert!(form("Two\nlines", "text").validate().is_err());
        assert!(form("Samples", "   ").validate().is_err());
        assert!(form(&"x".repeat(81), "text").validate().is_err());
    }
}
