//! The form that moves a deal one step: which step, the day it happened
//! (today when left empty, never in the future, never before the step
//! before it), an optional reference and a note. Checked the same way in
//! the browser and on the server, against `DealStatus::may_move`.

use serde::{Deserialize, Serialize};

use super::super::inquiry::optional_date;
use super::super::{AppError, CalendarDate, Side, text};
use super::DealStatus;

/// Longest reference (a proforma number, a bill of lading or air waybill
/// number, a container number), in characters.
pub const DEAL_REFERENCE_MAX_CHARS: usize = 60;
/// Longest note on a step.
pub const DEAL_NOTE_MAX_CHARS: usize = 1_000;

/// The step form, field for field as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealStepForm {
    /// The step's slug (`DealStatus`).
    #[serde(default)]
    pub to: String,
    /// `YYYY-MM-DD`; empty for today.
    #[serde(default)]
    pub happened_on: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub note: String,
}

/// A checked step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealStep {
    pub to: DealStatus,
    pub happened_on: CalendarDate,
    pub reference: Option<String>,
    pub note: String,
}

impl DealStepForm {
    /// Checks the form for `side` on a deal standing at `from`, whose latest
    /// step happened on `last_on`.
    pub fn validate(
        &self,
        from: DealStatus,
        side: Side,
        today: CalendarDate,
        last_on: CalendarDate,
    ) -> Result<DealStep, AppError> {
        let to = DealStatus::from_slug(self.to.trim()).ok_or_else(|| AppError::invalid("to", "invalid.choice"))?;
        if !from.may_move(to, side) {
            return Err(AppError::invalid("to", "invalid.deal_step"));
        }
        let happened_on = optional_date("happened_on", &self.happened_on)?.unwrap_or(today);
        if happened_on > today {
            return Err(AppError::invalid("happened_on", "invalid.date_future"));
        }
        if happened_on < last_on {
            return Err(AppError::invalid("happened_on", "invalid.deal_date_order"));
        }
        let reference = text::single_line("reference", &self.reference, DEAL_REFERENCE_MAX_CHARS)?;
        let note = text::multi_line("note", &self.note, DEAL_NOTE_MAX_CHARS)?;
        if to == DealStatus::Cancelled && note.is_empty() {
            // The other side reads why.
            return Err(AppError::invalid("note", "invalid.required"));
        }
        Ok(DealStep { to, happened_on, reference, note })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> CalendarDate {
        CalendarDate::parse(text).expect("a date")
    }

    fn form(to: &str, on: &str) -> DealStepForm {
        DealStepForm { to: to.into(), happened_on: on.into(), ..Default::default() }
    }

    #[test]
    fn a_step_happens_today_unless_another_day_is_given() {
        let (today, agreed) = (day("2026-12-07"), day("2026-12-01"));
        let step = form("proforma-sent", "").validate(DealStatus::Agreed, Side::Producer, today, agreed).unwrap();
        assert_eq!((step.to, step.happened_on, step.reference), (DealStatus::ProformaSent, today, None));
        let shipped = DealStepForm { reference: "  MSCU 1234567 ".into(), ..form("shipped", "2026-12-05") }
            .validate(DealStatus::InProduction, Side::Producer, today, agreed)
            .unwrap();
        assert_eq!((shipped.happened_on, shipped.reference.as_deref()), (day("2026-12-05"), Some("MSCU 1234567")));
    }

    #[test]
    fn dates_are_neither_in_the_future_nor_before_the_step_before() {
        let (today, last) = (day("2026-12-07"), day("2026-12-03"));
        let future = form("shipped", "2026-12-08").validate(DealStatus::Secured, Side::Producer, today, last);
        assert_eq!(future, Err(AppError::invalid("happened_on", "invalid.date_future")));
        let early = form("shipped", "2026-12-02").validate(DealStatus::Secured, Side::Producer, today, last);
        assert_eq!(early, Err(AppError::invalid("happened_on", "invalid.deal_date_order")));
        let garbled = form("shipped", "07/12/2026").validate(DealStatus::Secured, Side::Producer, today, last);
        assert_eq!(garbled, Err(AppError::invalid("happened_on", "invalid.date")));
    }

    #[test]
    fn the_step_must_be_the_sides_and_forward() {
        let (today, last) = (day("2026-12-07"), day("2026-12-01"));
        let by_buyer = form("shipped", "").validate(DealStatus::Secured, Side::Buyer, today, last);
        assert_eq!(by_buyer, Err(AppError::invalid("to", "invalid.deal_step")));
        let back = form("agreed", "").validate(DealStatus::Secured, Side::Producer, today, last);
        assert_eq!(back, Err(AppError::invalid("to", "invalid.deal_step")));
        let unknown = form("paid", "").validate(DealStatus::Secured, Side::Producer, today, last);
        assert_eq!(unknown, Err(AppError::invalid("to", "invalid.choice")));
    }

    #[test]
    fn a_cancellation_says_why_and_texts_are_bounded() {
        let (today, last) = (day("2026-12-07"), day("2026-12-01"));
        let silent = form("cancelled", "").validate(DealStatus::Agreed, Side::Buyer, today, last);
        assert_eq!(silent, Err(AppError::invalid("note", "invalid.required")));
        let long = DealStepForm { reference: "X".repeat(61), ..form("proforma-sent", "") };
        assert_eq!(
            long.validate(DealStatus::Agreed, Side::Producer, today, last),
            Err(AppError::invalid("reference", "invalid.too_long"))
        );
        let said = DealStepForm { note: "Budget cut\r\nfor 2027".into(), ..form("cancelled", "") }
            .validate(DealStatus::Agreed, Side::Buyer, today, last)
            .unwrap();
        assert_eq!(said.note, "Budget cut\nfor 2027");
    }
}
