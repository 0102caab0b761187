//! Inquiries, conversations and quotes as the browser and the server both
//! validate them: what a buyer may ask, what a producer may
//! quote, and how a conversation's status follows what happens in it. One
//! rule in one place: `InquiryStatus::after`. The buyer's own profile is in
//! `buyer`.

use serde::{Deserialize, Serialize};

use super::listing_form::quantity;
use super::profile::{PLACE_MAX_CHARS, optional_line, optional_number, optional_slug};
use super::slug_enum::slug_enum;
use super::{AppError, CalendarDate, CountryCode, Currency, Incoterm, Quantity, parse_price_minor, text};

slug_enum! {
    /// Where a conversation stands. Spam is the producer's verdict; the
    /// buyer who sent it is throttled.
    InquiryStatus, "inquiry_status" {
        New => "new",
        Answered => "answered",
        Quoted => "quoted",
        /// A quote was accepted: a deal follows, and the conversation stays
        /// open for messages.
        Agreed => "agreed",
        Closed => "closed",
        Spam => "spam",
    }
}

slug_enum! {
    /// The buyer's answer to a quote.
    QuoteDecision, "quote_decision" {
        Accepted => "accepted",
        Declined => "declined",
    }
}

/// Something that happens in a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadEvent {
    /// The producer replied (with a quote or not).
    ProducerReplied { quote: bool },
    /// The buyer wrote again.
    BuyerReplied,
    /// The buyer accepted or declined the latest quote.
    BuyerDecided(QuoteDecision),
    /// Either side closed the conversation.
    Close,
    /// The producer marked it as spam.
    MarkedSpam,
}

impl InquiryStatus {
    /// The status after `event`, or `None` when the event is not allowed in
    /// this status (nothing happens in a spam thread; a closed thread opens
    /// again only when someone writes).
    pub fn after(self, event: ThreadEvent) -> Option<InquiryStatus> {
        use InquiryStatus::*;
        match (self, event) {
            (Spam, _) => None,
            (_, ThreadEvent::MarkedSpam) => Some(Spam),
            (_, ThreadEvent::Close) => Some(Closed),
            (_, ThreadEvent::ProducerReplied { quote: true }) => Some(Quoted),
            (Quoted, ThreadEvent::ProducerReplied { quote: false }) => Some(Quoted),
            (Agreed, ThreadEvent::ProducerReplied { quote: false }) => Some(Agreed),
            (_, ThreadEvent::ProducerReplied { quote: false }) => Some(Answered),
            (Closed, ThreadEvent::BuyerReplied) => Some(New),
            (status, ThreadEvent::BuyerReplied) => Some(status),
            (Quoted, ThreadEvent::BuyerDecided(QuoteDecision::Accepted)) => Some(Agreed),
            (Quoted, ThreadEvent::BuyerDecided(QuoteDecision::Declined)) => Some(Answered),
            (_, ThreadEvent::BuyerDecided(_)) => None,
        }
    }
}

/// Longest message, in characters.
pub const MESSAGE_MAX_CHARS: usize = 5_000;
/// Longest product name on an inquiry.
pub const PRODUCT_MAX_CHARS: usize = 200;
/// Longest a quote may stay valid, and the longest lead time, in days.
pub const QUOTE_MAX_VALIDITY_DAYS: i64 = 366;
pub const LEAD_TIME_MAX_DAYS: u32 = 730;

/// The inquiry form, field for field as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryForm {
    #[serde(default)]
    pub product: String,
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
    /// Empty means the buyer's own country.
    #[serde(default)]
    pub destination_country: String,
    /// `YYYY-MM-DD`, optional.
    #[serde(default)]
    pub wanted_by: String,
    #[serde(default)]
    pub message: String,
}

/// A checked inquiry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryDraft {
    pub product: String,
    pub quantity: Option<Quantity>,
    /// Per unit, in minor units of `currency`.
    pub target_price: Option<(i64, Currency)>,
    pub incoterm: Option<Incoterm>,
    pub destination_country: Option<CountryCode>,
    pub wanted_by: Option<CalendarDate>,
    pub message: String,
}

/// A calendar date typed as `YYYY-MM-DD`.
pub(super) fn optional_date(field: &str, value: &str) -> Result<Option<CalendarDate>, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    CalendarDate::parse(value).map(Some).ok_or_else(|| AppError::invalid(field, "invalid.date"))
}

fn required_message(value: &str) -> Result<String, AppError> {
    let message = text::multi_line("message", value, MESSAGE_MAX_CHARS)?;
    if message.trim().is_empty() {
        return Err(AppError::invalid("message", "invalid.required"));
    }
    Ok(message)
}

impl InquiryForm {
    /// Checks every field; `today` bounds the wanted date (never in the past).
    pub fn validate(&self, today: CalendarDate) -> Result<InquiryDraft, AppError> {
        let product = optional_line("product", &self.product, PRODUCT_MAX_CHARS)?
            .ok_or_else(|| AppError::invalid("product", "invalid.required"))?;
        let quantity = quantity("quantity_amount", &self.quantity_amount, "quantity_unit", &self.quantity_unit)?;
        let target_price = if self.target_price.trim().is_empty() {
            None
        } else {
            let minor = parse_price_minor(&self.target_price)
                .ok_or_else(|| AppError::invalid("target_price", "invalid.price"))?;
            let currency = optional_slug("currency", &self.currency, Currency::from_slug)?
                .ok_or_else(|| AppError::invalid("currency", "invalid.required"))?;
            Some((minor, currency))
        };
        let incoterm = optional_slug("incoterm", &self.incoterm, Incoterm::from_slug)?;
        let destination_country = if self.destination_country.trim().is_empty() {
            None
        } else {
            Some(
                CountryCode::parse(&self.destination_country)
                    .map_err(|_| AppError::invalid("destination_country", "invalid.choice"))?,
            )
        };
        let wanted_by = optional_date("wanted_by", &self.wanted_by)?;
        if wanted_by.is_some_and(|date| date < today) {
            return Err(AppError::invalid("wanted_by", "invalid.date_past"));
        }
        let message = required_message(&self.message)?;
        Ok(InquiryDraft { product, quantity, target_price, incoterm, destination_country, wanted_by, message })
    }
}

/// A reply, with a quote when the producer fills one in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    pub message: String,
    /// `on` when the reply carries a quote (producers only).
    #[serde(default)]
    pub with_quote: String,
    #[serde(default)]
    pub unit_price: String,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub quantity_amount: String,
    #[serde(default)]
    pub quantity_unit: String,
    #[serde(default)]
    pub incoterm: String,
    #[serde(default)]
    pub named_place: String,
    #[serde(default)]
    pub valid_until: String,
    #[serde(default)]
    pub lead_time_days: String,
}

/// A checked quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteTerms {
    pub unit_price_minor: i64,
    pub currency: Currency,
    pub quantity: Quantity,
    pub incoterm: Incoterm,
    /// The Incoterm's named place (port or address), e.g. "Casablanca".
    pub named_place: String,
    pub valid_until: CalendarDate,
    pub lead_time_days: u32,
}

/// A checked reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyDraft {
    pub message: String,
    pub quote: Option<QuoteTerms>,
}

impl ReplyForm {
    /// Checks the reply; a quote must be valid from `today` for at most
    /// `QUOTE_MAX_VALIDITY_DAYS`.
    pub fn validate(&self, today: CalendarDate) -> Result<ReplyDraft, AppError> {
        let message = required_message(&self.message)?;
        let quote = match self.with_quote.as_str() {
            "" | "off" => None,
            "on" | "true" => Some(self.quote(today)?),
            _ => return Err(AppError::invalid("with_quote", "invalid.choice")),
        };
        Ok(ReplyDraft { message, quote })
    }

    fn quote(&self, today: CalendarDate) -> Result<QuoteTerms, AppError> {
        let unit_price_minor =
            parse_price_minor(&self.unit_price).ok_or_else(|| AppError::invalid("unit_price", "invalid.price"))?;
        if unit_price_minor == 0 {
            return Err(AppError::invalid("unit_price", "invalid.price"));
        }
        let currency = optional_slug("currency", &self.currency, Currency::from_slug)?
            .ok_or_else(|| AppError::invalid("currency", "invalid.required"))?;
        let quantity = quantity("quantity_amount", &self.quantity_amount, "quantity_unit", &self.quantity_unit)?
            .ok_or_else(|| AppError::invalid("quantity_amount", "invalid.required"))?;
        let incoterm = optional_slug("incoterm", &self.incoterm, Incoterm::from_slug)?
            .ok_or_else(|| AppError::invalid("incoterm", "invalid.required"))?;
        let named_place = optional_line("named_place", &self.named_place, PLACE_MAX_CHARS)?
            .ok_or_else(|| AppError::invalid("named_place", "invalid.required"))?;
        let valid_until = optional_date("valid_until", &self.valid_until)?
            .ok_or_else(|| AppError::invalid("valid_until", "invalid.required"))?;
        if valid_until < today || valid_until.days_after(today) > QUOTE_MAX_VALIDITY_DAYS {
            return Err(AppError::invalid("valid_until", "invalid.quote_validity"));
        }
        let lead_time_days = optional_number::<u32>("lead_time_days", &self.lead_time_days, 1..=LEAD_TIME_MAX_DAYS)?
            .ok_or_else(|| AppError::invalid("lead_time_days", "invalid.required"))?;
        Ok(QuoteTerms { unit_price_minor, currency, quantity, incoterm, named_place, valid_until, lead_time_days })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> CalendarDate {
        CalendarDate::parse("2026-11-30").expect("a date")
    }

    fn inquiry() -> InquiryForm {
        InquiryForm {
            product: "Huile d'argan cosmétique".into(),
            quantity_amount: "500".into(),
            quantity_unit: "litre".into(),
            target_price: "21,50".into(),
            currency: "EUR".into(),
            incoterm: "FOB".into(),
            destination_country: "pa".into(),
            wanted_by: "2027-02-01".into(),
            message: "Bonjour,\r\nnous cherchons 500 L par mois.".into(),
        }
    }

    #[test]
    fn a_complete_inquiry_is_read_field_by_field() {
        let draft = inquiry().validate(today()).expect("valid");
        assert_eq!(draft.product, "Huile d'argan cosmétique");
        assert_eq!(draft.quantity.map(|q| q.amount), Some(500));
        assert_eq!(draft.target_price.map(|(minor, _)| minor), Some(2150));
        assert_eq!(draft.destination_country.map(CountryCode::as_str), Some("PA"));
        assert_eq!(draft.message, "Bonjour,\nnous cherchons 500 L par mois.", "CRLF becomes LF");
    }

    #[test]
    fn an_inquiry_needs_a_product_and_a_message_and_nothing_else() {
        let minimal = InquiryForm { product: "Safran".into(), message: "Prix ?".into(), ..InquiryForm::default() };
        let draft = minimal.validate(today()).expect("valid");
        assert_eq!((draft.quantity, draft.target_price, draft.incoterm), (None, None, None));
        let reason = |form: InquiryForm| match form.validate(today()) {
            Err(AppError::Invalid { field, reason }) => (field, reason),
            other => panic!("refused expected, got {other:?}"),
        };
        assert_eq!(
            reason(InquiryForm { message: " \n ".into(), ..inquiry() }),
            ("message".into(), "invalid.required".into())
        );
        assert_eq!(
            reason(InquiryForm { product: String::new(), ..inquiry() }),
            ("product".into(), "invalid.required".into())
        );
        assert_eq!(reason(InquiryForm { quantity_unit: String::new(), ..inquiry() }).0, "quantity_unit");
        assert_eq!(reason(InquiryForm { currency: String::new(), ..inquiry() }).0, "currency");
        assert_eq!(reason(InquiryForm { target_price: "12.345".into(), ..inquiry() }).0, "target_price");
        assert_eq!(reason(InquiryForm { incoterm: "cheap".into(), ..inquiry() }).0, "incoterm");
        assert_eq!(reason(InquiryForm { destination_country: "XX".into(), ..inquiry() }).0, "destination_country");
        assert_eq!(reason(InquiryForm { wanted_by: "2026-11-29".into(), ..inquiry() }).1, "invalid.date_past");
        assert_eq!(reason(InquiryForm { wanted_by: "01/02/2027".into(), ..inquiry() }).1, "invalid.date");
        assert_eq!(reason(InquiryForm { message: "a\u{0}b".into(), ..inquiry() }).1, "invalid.control_character");
        let long = "x".repeat(MESSAGE_MAX_CHARS + 1);
        assert_eq!(reason(InquiryForm { message: long, ..inquiry() }).0, "message");
    }

    fn quote() -> ReplyForm {
        ReplyForm {
            message: "Voici notre offre.".into(),
            with_quote: "on".into(),
            unit_price: "19.80".into(),
            currency: "USD".into(),
            quantity_amount: "1000".into(),
            quantity_unit: "litre".into(),
            incoterm: "CIF".into(),
            named_place: "Colón".into(),
            valid_until: "2026-12-31".into(),
            lead_time_days: "21".into(),
        }
    }

    #[test]
    fn a_quote_carries_every_term() {
        let reply = quote().validate(today()).expect("valid");
        let terms = reply.quote.expect("a quote");
        assert_eq!((terms.unit_price_minor, terms.lead_time_days), (1980, 21));
        assert_eq!(terms.named_place, "Colón");
        let plain = ReplyForm { message: "Merci".into(), ..ReplyForm::default() }.validate(today()).expect("valid");
        assert_eq!(plain.quote, None, "a reply without a quote");
        let field = |form: ReplyForm| match form.validate(today()) {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("refused expected, got {other:?}"),
        };
        assert_eq!(field(ReplyForm { unit_price: "0".into(), ..quote() }), "unit_price");
        assert_eq!(field(ReplyForm { named_place: String::new(), ..quote() }), "named_place");
        assert_eq!(field(ReplyForm { valid_until: "2026-11-29".into(), ..quote() }), "valid_until");
        assert_eq!(field(ReplyForm { valid_until: "2028-01-01".into(), ..quote() }), "valid_until");
        assert_eq!(field(ReplyForm { lead_time_days: "0".into(), ..quote() }), "lead_time_days");
        assert_eq!(field(ReplyForm { with_quote: "maybe".into(), ..quote() }), "with_quote");
    }

    #[test]
    fn the_status_follows_the_conversation() {
        use InquiryStatus::*;
        use ThreadEvent::*;
        assert_eq!(New.after(ProducerReplied { quote: false }), Some(Answered));
        assert_eq!(New.after(ProducerReplied { quote: true }), Some(Quoted));
        assert_eq!(Answered.after(ProducerReplied { quote: true }), Some(Quoted));
        assert_eq!(Quoted.after(ProducerReplied { quote: false }), Some(Quoted), "a quote stays pending");
        assert_eq!(Quoted.after(BuyerDecided(QuoteDecision::Accepted)), Some(Agreed), "a deal follows");
        assert_eq!(Agreed.after(ProducerReplied { quote: false }), Some(Agreed), "the conversation goes on");
        assert_eq!(Agreed.after(BuyerReplied), Some(Agreed));
        assert_eq!(Agreed.after(ProducerReplied { quote: true }), Some(Quoted), "a new quote");
        assert_eq!(Quoted.after(BuyerDecided(QuoteDecision::Declined)), Some(Answered));
        assert_eq!(Answered.after(BuyerDecided(QuoteDecision::Accepted)), None, "no quote to accept");
        assert_eq!(Answered.after(BuyerReplied), Some(Answered));
        assert_eq!(Closed.after(BuyerReplied), Some(New), "writing again reopens");
        assert_eq!(Quoted.after(Close), Some(Closed));
        assert_eq!(New.after(MarkedSpam), Some(Spam));
        for event in [BuyerReplied, ProducerReplied { quote: true }, Close, MarkedSpam] {
            assert_eq!(Spam.after(event), None, "nothing happens in a spam thread");
        }
    }
}
