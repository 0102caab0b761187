//! Moderation: an office hides a listing or a producer with a
//! reason from a fixed list (so the owner reads it in its language) and an
//! optional note. Hidden things leave every public read (the rule is in the
//! server's `repo::visibility`); their owner still sees them, with the
//! reason, and may ask for a review once they are changed.

use serde::{Deserialize, Serialize};

use super::error::AppError;
use super::slug_enum::slug_enum;
use super::verification::review_note;

slug_enum! {
    /// Why an office hid a listing or a producer.
    HideReason, "hide_reason" {
        Misleading => "misleading",
        Prohibited => "prohibited",
        Counterfeit => "counterfeit",
        WrongCategory => "wrong-category",
        Duplicate => "duplicate",
        ContactDetails => "contact-details",
        Other => "other",
    }
}

/// An office's moderation step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModerationStep {
    Hide { reason: HideReason, note: Option<String> },
    Unhide,
}

impl ModerationStep {
    /// Reads the form: `step` (`hide` or `unhide`), and for `hide` its
    /// `reason` and `note` (required for "other").
    pub fn from_fields(step: &str, reason: &str, note: &str) -> Result<ModerationStep, AppError> {
        match step {
            "hide" => {
                let reason =
                    HideReason::from_slug(reason).ok_or_else(|| AppError::invalid("reason", "invalid.required"))?;
                let note = review_note(note, reason == HideReason::Other)?;
                Ok(ModerationStep::Hide { reason, note })
            }
            "unhide" => Ok(ModerationStep::Unhide),
            _ => Err(AppError::BadRequest),
        }
    }
}

/// Why something is hidden, as its owner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hidden {
    pub reason: HideReason,
    pub note: Option<String>,
    /// The owner asked for a review since it was hidden.
    pub review_requested: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hiding_names_a_reason_and_other_needs_words() {
        assert_eq!(
            ModerationStep::from_fields("hide", "counterfeit", ""),
            Ok(ModerationStep::Hide { reason: HideReason::Counterfeit, note: None })
        );
        assert_eq!(
            ModerationStep::from_fields("hide", "duplicate", " Same as listing 12 \r\n"),
            Ok(ModerationStep::Hide { reason: HideReason::Duplicate, note: Some("Same as listing 12".into()) })
        );
        assert!(ModerationStep::from_fields("hide", "", "").is_err());
        assert!(ModerationStep::from_fields("hide", "other", "").is_err());
        assert_eq!(ModerationStep::from_fields("unhide", "", ""), Ok(ModerationStep::Unhide));
        assert_eq!(ModerationStep::from_fields("delete", "", ""), Err(AppError::BadRequest));
    }
}
