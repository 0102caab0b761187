//! Producer verification: what a producer submits (its ICE and
//! the numbers of its legal documents), the states of a request, and the
//! reasons an office may give for a refusal. The reasons are a fixed list
//! so the producer reads them in its own language; the reviewer may add a
//! note in words.

use serde::{Deserialize, Serialize};

use super::company::LegalForm;
use super::error::AppError;
use super::offices::Office;
use super::profile::Ice;
use super::region::Region;
use super::slug_enum::slug_enum;
use super::text;

/// Longest registration or approval number.
pub const DOCUMENT_NUMBER_MAX_CHARS: usize = 40;
/// Longest note a reviewer or moderator writes.
pub const REVIEW_NOTE_MAX_CHARS: usize = 500;

slug_enum! {
    /// Where a verification request stands.
    VerificationState, "verification_state" {
        Pending => "pending",
        Approved => "approved",
        Rejected => "rejected",
    }
}

slug_enum! {
    /// Why an office refused a verification request.
    RejectReason, "reject_reason" {
        IceInvalid => "ice-invalid",
        IceTaken => "ice-taken",
        DocumentsMissing => "documents-missing",
        DocumentsMismatch => "documents-mismatch",
        NotAProducer => "not-a-producer",
        Other => "other",
    }
}

/// The verification request form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationForm {
    #[serde(default)]
    pub ice: String,
    /// The commercial register (RC) number.
    #[serde(default)]
    pub registration_number: String,
    /// The cooperative's approval number (cooperatives only).
    #[serde(default)]
    pub cooperative_approval: String,
}

/// A checked verification request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerificationClaim {
    pub ice: Ice,
    pub registration_number: String,
    pub cooperative_approval: Option<String>,
}

/// A document number: letters, digits, spaces and `/ - .`, as registers
/// print them.
fn document_number(field: &str, value: &str) -> Result<Option<String>, AppError> {
    let value = text::single_line(field, value, DOCUMENT_NUMBER_MAX_CHARS)?;
    if let Some(number) = &value
        && !number.chars().all(|c| c.is_alphanumeric() || " /-.".contains(c))
    {
        return Err(AppError::invalid(field, "invalid.document_number"));
    }
    Ok(value)
}

impl VerificationForm {
    /// Checks the form for a producer of `legal_form`: a 15-digit ICE, the
    /// registration number, and for cooperatives their approval number.
    pub fn validate(&self, legal_form: LegalForm) -> Result<VerificationClaim, AppError> {
        let ice = Ice::parse(&self.ice).map_err(|reason| AppError::invalid("ice", reason))?;
        let registration_number = document_number("registration_number", &self.registration_number)?
            .ok_or_else(|| AppError::invalid("registration_number", "invalid.required"))?;
        let cooperative_approval = document_number("cooperative_approval", &self.cooperative_approval)?;
        if legal_form == LegalForm::Cooperative && cooperative_approval.is_none() {
            return Err(AppError::invalid("cooperative_approval", "invalid.required"));
        }
        Ok(VerificationClaim { ice, registration_number, cooperative_approval })
    }
}

/// An office's answer to a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VerificationDecision {
    Approve,
    Reject { reason: RejectReason, note: Option<String> },
}

/// A reviewer's or moderator's note: one paragraph, optional unless the
/// reason is "other".
pub fn review_note(value: &str, required: bool) -> Result<Option<String>, AppError> {
    let note = text::multi_line("note", value, REVIEW_NOTE_MAX_CHARS)?;
    match (note.is_empty(), required) {
        (true, true) => Err(AppError::invalid("note", "invalid.note_required")),
        (true, false) => Ok(None),
        (false, _) => Ok(Some(note)),
    }
}

impl VerificationDecision {
    /// Reads the review form: `decision` (`approve` or `reject`), and for a
    /// refusal its `reason` and `note` (required for "other").
    pub fn from_fields(decision: &str, reason: &str, note: &str) -> Result<VerificationDecision, AppError> {
        match decision {
            "approve" => Ok(VerificationDecision::Approve),
            "reject" => {
                let reason =
                    RejectReason::from_slug(reason).ok_or_else(|| AppError::invalid("reason", "invalid.required"))?;
                let note = review_note(note, reason == RejectReason::Other)?;
                Ok(VerificationDecision::Reject { reason, note })
            }
            _ => Err(AppError::BadRequest),
        }
    }
}

/// The producer's verification, as its workspace shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationStatus {
    pub verified: bool,
    /// The latest request's state, if the producer ever asked.
    pub state: Option<VerificationState>,
    pub reason: Option<RejectReason>,
    pub note: Option<String>,
    /// The form, filled with the last request or the declared ICE.
    pub form: VerificationForm,
    pub legal_form: LegalForm,
    /// Verification was withdrawn because the legal name or ICE changed.
    pub back_for_review: bool,
}

/// A request in an office's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationRequestLine {
    pub id: i64,
    pub producer_slug: String,
    pub trade_name: String,
    pub legal_name: String,
    pub legal_form: LegalForm,
    pub region: Region,
    pub city: String,
    pub ice: String,
    pub registration_number: String,
    pub cooperative_approval: Option<String>,
    /// `YYYY-MM-DD`.
    pub requested_on: String,
    /// The trade name of another verified producer holding this ICE.
    pub ice_held_by: Option<String>,
    /// Whether the producer was verified before and changed its legal name or ICE.
    pub back_for_review: bool,
}

/// An office's verification queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationQueue {
    pub office: Office,
    pub pending: Vec<VerificationRequestLine>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(ice: &str, rc: &str, approval: &str) -> VerificationForm {
        VerificationForm { ice: ice.into(), registration_number: rc.into(), cooperative_approval: approval.into() }
    }

    fn field(result: Result<VerificationClaim, AppError>) -> String {
        match result {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_request_needs_a_15_digit_ice_and_the_documents_of_its_legal_form() {
        let claim = form("001 525 846 000 087", "RC 12345", "").validate(LegalForm::Company).unwrap();
        assert_eq!(claim.ice.as_str(), "001525846000087");
        assert_eq!(claim.registration_number, "RC 12345");
        assert_eq!(claim.cooperative_approval, None);
        assert_eq!(field(form("12345", "RC 1", "").validate(LegalForm::Company)), "ice");
        assert_eq!(field(form("001525846000087", " ", "").validate(LegalForm::Company)), "registration_number");
        assert_eq!(field(form("001525846000087", "RC 1", "").validate(LegalForm::Cooperative)), "cooperative_approval");
        assert!(form("001525846000087", "RC 1", "2019/45").validate(LegalForm::Cooperative).is_ok());
        assert_eq!(field(form("001525846000087", "RC <1>", "").validate(LegalForm::Company)), "registration_number");
    }

    #[test]
    fn a_refusal_names_a_reason_and_other_needs_words() {
        assert_eq!(VerificationDecision::from_fields("approve", "", ""), Ok(VerificationDecision::Approve));
        assert_eq!(
            VerificationDecision::from_fields("reject", "ice-taken", ""),
            Ok(VerificationDecision::Reject { reason: RejectReason::IceTaken, note: None })
        );
        assert!(VerificationDecision::from_fields("reject", "", "").is_err());
        assert!(VerificationDecision::from_fields("reject", "other", "  ").is_err());
        assert!(VerificationDecision::from_fields("reject", "other", "The RC number is of another firm").is_ok());
        assert_eq!(VerificationDecision::from_fields("maybe", "", ""), Err(AppError::BadRequest));
    }
}
