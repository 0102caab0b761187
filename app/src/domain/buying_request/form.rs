//! The forms of buying requests as posted, checked the same way in the
//! browser and on the server: the buyer's request, and an office's
//! screening verdict. A quote answers a request with the inquiries'
//! quote card (`ReplyForm`).

use serde::{Deserialize, Serialize};

use super::super::inquiry::optional_date;
use super::super::listing_form::quantity;
use super::super::profile::{FieldMap, optional_line, optional_slug, ticked};
use super::super::verification::review_note;
use super::super::{
    AppError, CalendarDate, Certification, CountryCode, Currency, Incoterm, OriginLabel, Quantity, Sector,
    parse_price_minor, text,
};
use super::{RefusalReason, RequestVisibility, ScreeningDecision};

/// Days a request takes quotes when the buyer names no deadline.
pub const DEFAULT_DEADLINE_DAYS: i64 = 14;
/// The longest a request may take quotes.
pub const MAX_DEADLINE_DAYS: i64 = 60;
/// Longest product text, and longest details.
pub const REQUEST_PRODUCT_MAX_CHARS: usize = 200;
pub const REQUEST_DETAILS_MAX_CHARS: usize = 3_000;

/// The request form, field for field as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    pub product: String,
    /// The HS heading (4 digits) or subheading (6), dots and spaces allowed.
    #[serde(default)]
    pub hs_code: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub quantity_amount: String,
    #[serde(default)]
    pub quantity_unit: String,
    #[serde(default)]
    pub target_price: String,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub incoterm: String,
    #[serde(default)]
    pub destination_country: String,
    #[serde(default)]
    pub certifications: FieldMap,
    #[serde(default)]
    pub origin_labels: FieldMap,
    /// `YYYY-MM-DD`, optional.
    #[serde(default)]
    pub wanted_by: String,
    /// `YYYY-MM-DD`; empty means `DEFAULT_DEADLINE_DAYS` from today.
    #[serde(default)]
    pub deadline: String,
    /// `public` (default) or `matched`.
    #[serde(default)]
    pub visibility: String,
    #[serde(default)]
    pub details: String,
}

/// A checked request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDraft {
    pub product: String,
    /// Digits only, 4 or 6 of them.
    pub hs_code: Option<String>,
    pub sector: Sector,
    pub quantity: Quantity,
    /// Per unit, in minor units.
    pub target_price: Option<(i64, Currency)>,
    pub incoterm: Option<Incoterm>,
    pub destination_country: CountryCode,
    pub certifications: Vec<Certification>,
    pub origin_labels: Vec<OriginLabel>,
    pub wanted_by: Option<CalendarDate>,
    pub deadline: CalendarDate,
    pub visibility: RequestVisibility,
    pub details: String,
}

/// An HS heading or subheading: 4 or 6 digits once dots and spaces go.
pub fn hs_heading(value: &str) -> Result<Option<String>, AppError> {
    let digits: String = value.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if matches!(digits.len(), 4 | 6) && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(Some(digits))
    } else {
        Err(AppError::invalid("hs_code", "invalid.hs_heading"))
    }
}

impl RequestForm {
    /// Checks every field; `today` bounds the dates: the deadline is at
    /// least tomorrow and at most `MAX_DEADLINE_DAYS` away, the wanted
    /// delivery never before the deadline.
    pub fn validate(&self, today: CalendarDate) -> Result<RequestDraft, AppError> {
        let product = optional_line("product", &self.product, REQUEST_PRODUCT_MAX_CHARS)?
            .ok_or_else(|| AppError::invalid("product", "invalid.required"))?;
        let hs_code = hs_heading(&self.hs_code)?;
        let sector = optional_slug("sector", &self.sector, Sector::from_slug)?
            .ok_or_else(|| AppError::invalid("sector", "invalid.required"))?;
        let quantity = quantity("quantity_amount", &self.quantity_amount, "quantity_unit", &self.quantity_unit)?
            .ok_or_else(|| AppError::invalid("quantity_amount", "invalid.required"))?;
        let target_price = if self.target_price.trim().is_empty() {
            None
        } else {
            let minor = parse_price_minor(&self.target_price)
                .filter(|minor| *minor > 0)
                .ok_or_else(|| AppError::invalid("target_price", "invalid.price"))?;
            let currency = optional_slug("currency", &self.currency, Currency::from_slug)?
                .ok_or_else(|| AppError::invalid("currency", "invalid.required"))?;
            Some((minor, currency))
        };
        let incoterm = optional_slug("incoterm", &self.incoterm, Incoterm::from_slug)?;
        let destination_country = CountryCode::parse(self.destination_country.trim()).map_err(|_| {
            let reason = if self.destination_country.trim().is_empty() { "invalid.required" } else { "invalid.choice" };
            AppError::invalid("destination_country", reason)
        })?;
        let certifications = ticked("certifications", &self.certifications, Certification::from_slug)?;
        let origin_labels = ticked("origin_labels", &self.origin_labels, OriginLabel::from_slug)?;
        let deadline = optional_date("deadline", &self.deadline)?
            .unwrap_or_else(|| CalendarDate::from_days_since_epoch(today.days_since_epoch() + DEFAULT_DEADLINE_DAYS));
        if deadline <= today || deadline.days_after(today) > MAX_DEADLINE_DAYS {
            return Err(AppError::invalid("deadline", "invalid.request_deadline"));
        }
        let wanted_by = optional_date("wanted_by", &self.wanted_by)?;
        if wanted_by.is_some_and(|date| date < deadline) {
            return Err(AppError::invalid("wanted_by", "invalid.wanted_before_deadline"));
        }
        let visibility = optional_slug("visibility", &self.visibility, RequestVisibility::from_slug)?
            .unwrap_or(RequestVisibility::Public);
        let details = text::multi_line("details", &self.details, REQUEST_DETAILS_MAX_CHARS)?;
        Ok(RequestDraft {
            product,
            hs_code,
            sector,
            quantity,
            target_price,
            incoterm,
            destination_country,
            certifications,
            origin_labels,
            wanted_by,
            deadline,
            visibility,
            details,
        })
    }
}

/// An office's screening form: `decision` is `approve`, `refuse` (with a
/// `reason` and an optional `note`) or `merge` (`into`: the earlier request).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningForm {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub into: String,
}

impl ScreeningForm {
    pub fn decision(&self) -> Result<ScreeningDecision, AppError> {
        match self.decision.as_str() {
            "approve" => Ok(ScreeningDecision::Approve),
            "refuse" => {
                let reason = optional_slug("reason", &self.reason, RefusalReason::from_slug)?
                    .ok_or_else(|| AppError::invalid("reason", "invalid.required"))?;
                Ok(ScreeningDecision::Refuse { reason, note: review_note(&self.note, false)? })
            }
            "merge" => {
                let into = self
                    .into
                    .trim()
                    .trim_start_matches('#')
                    .parse::<i64>()
                    .ok()
                    .filter(|id| *id > 0)
                    .ok_or_else(|| AppError::invalid("into", "invalid.number"))?;
                Ok(ScreeningDecision::Merge { into })
            }
            _ => Err(AppError::invalid("decision", "invalid.choice")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> CalendarDate {
        CalendarDate::parse("2026-12-07").expect("a date")
    }

    pub(crate) fn argan() -> RequestForm {
        RequestForm {
            product: "Óleo de argan cosmético".into(),
            hs_code: "1515.90".into(),
            sector: "agrifood".into(),
            quantity_amount: "20000".into(),
            quantity_unit: "litre".into(),
            target_price: "18,50".into(),
            currency: "USD".into(),
            incoterm: "CIF".into(),
            destination_country: "br".into(),
            certifications: [("ecocert".to_owned(), "on".to_owned())].into(),
            origin_labels: [("argane-igp".to_owned(), "on".to_owned())].into(),
            wanted_by: "2027-03-01".into(),
            deadline: String::new(),
            visibility: String::new(),
            details: "Embalagem de 1 L.".into(),
        }
    }

    fn field(form: RequestForm) -> (String, String) {
        match form.validate(today()) {
            Err(AppError::Invalid { field, reason }) => (field, reason),
            other => panic!("refused expected, got {other:?}"),
        }
    }

    #[test]
    fn a_request_is_read_field_by_field_with_a_default_deadline() {
        let draft = argan().validate(today()).expect("valid");
        assert_eq!(draft.hs_code.as_deref(), Some("151590"));
        assert_eq!(draft.quantity.amount, 20_000);
        assert_eq!(draft.target_price, Some((1850, Currency::Usd)));
        assert_eq!(draft.destination_country.as_str(), "BR");
        assert_eq!(draft.deadline.to_string(), "2026-12-21", "14 days by default");
        assert_eq!(draft.visibility, RequestVisibility::Public);
        assert_eq!(draft.certifications, vec![Certification::Ecocert]);
    }

    #[test]
    fn every_bad_field_is_named() {
        assert_eq!(field(RequestForm { product: " ".into(), ..argan() }).0, "product");
        assert_eq!(field(RequestForm { hs_code: "15159".into(), ..argan() }).1, "invalid.hs_heading");
        assert_eq!(field(RequestForm { sector: String::new(), ..argan() }).0, "sector");
        assert_eq!(field(RequestForm { quantity_amount: String::new(), ..argan() }).0, "quantity_amount");
        assert_eq!(field(RequestForm { quantity_amount: "0".into(), ..argan() }).0, "quantity_amount");
        assert_eq!(field(RequestForm { target_price: "0".into(), ..argan() }).0, "target_price");
        assert_eq!(field(RequestForm { currency: String::new(), ..argan() }).0, "currency");
        assert_eq!(field(RequestForm { destination_country: String::new(), ..argan() }).1, "invalid.required");
        assert_eq!(field(RequestForm { destination_country: "XX".into(), ..argan() }).1, "invalid.choice");
        assert_eq!(field(RequestForm { deadline: "2026-12-07".into(), ..argan() }).1, "invalid.request_deadline");
        assert_eq!(field(RequestForm { deadline: "2027-03-01".into(), ..argan() }).1, "invalid.request_deadline");
        assert_eq!(
            field(RequestForm { wanted_by: "2026-12-10".into(), ..argan() }).1,
            "invalid.wanted_before_deadline"
        );
        assert_eq!(field(RequestForm { visibility: "secret".into(), ..argan() }).0, "visibility");
        let unknown = RequestForm { certifications: [("made-up".to_owned(), "on".to_owned())].into(), ..argan() };
        assert_eq!(field(unknown).0, "certifications");
    }

    #[test]
    fn a_screening_verdict_is_read_from_its_form() {
        let form = |decision: &str, reason: &str, into: &str| ScreeningForm {
            decision: decision.into(),
            reason: reason.into(),
            note: String::new(),
            into: into.into(),
        };
        assert_eq!(form("approve", "", "").decision(), Ok(ScreeningDecision::Approve));
        assert_eq!(
            form("refuse", "unclear", "").decision(),
            Ok(ScreeningDecision::Refuse { reason: RefusalReason::Unclear, note: None })
        );
        assert!(form("refuse", "", "").decision().is_err(), "a refusal says why");
        assert_eq!(form("merge", "", "#12").decision(), Ok(ScreeningDecision::Merge { into: 12 }));
        assert!(form("merge", "", "twelve").decision().is_err());
        assert!(form("delete", "", "").decision().is_err());
    }
}
