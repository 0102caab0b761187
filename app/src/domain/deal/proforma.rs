//! The proforma invoice of a deal: numbered per producer, made from the
//! accepted quote and both companies' profiles, with the payment terms the
//! producer states and the bank details its owners keep (`BillingForm`).
//! Bank details reach only the producer's own members and the buyer of a
//! deal: `ProformaPage::bank` is filled for nobody else.

use serde::{Deserialize, Serialize};

use super::super::{AppError, CalendarDate, CountryCode, Locale, Region, text};
use super::DealCard;

/// Longest payment terms, in characters.
pub const PAYMENT_TERMS_MAX_CHARS: usize = 600;
/// Longest bank or account holder name.
pub const BANK_NAME_MAX_CHARS: usize = 120;

/// The proforma's number: the producer's sequence, with the year it was agreed.
pub fn proforma_number(year: i32, sequence: i64) -> String {
    format!("PF-{year}-{sequence:04}")
}

/// What an owner keeps for its proformas, field for field as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingForm {
    #[serde(default)]
    pub payment_terms: String,
    #[serde(default)]
    pub bank_name: String,
    #[serde(default)]
    pub account_holder: String,
    /// An IBAN, or a Moroccan RIB (24 digits).
    #[serde(default)]
    pub account_number: String,
    #[serde(default)]
    pub swift: String,
}

/// The bank details a proforma prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankDetails {
    pub bank_name: String,
    pub account_holder: String,
    pub account_number: String,
    pub swift: Option<String>,
}

/// Checked billing settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Billing {
    pub payment_terms: String,
    /// `None` when the owner keeps none (the proforma then says so).
    pub bank: Option<BankDetails>,
}

impl BillingForm {
    pub fn from_billing(billing: &Billing) -> BillingForm {
        let bank = billing.bank.as_ref();
        BillingForm {
            payment_terms: billing.payment_terms.clone(),
            bank_name: bank.map(|b| b.bank_name.clone()).unwrap_or_default(),
            account_holder: bank.map(|b| b.account_holder.clone()).unwrap_or_default(),
            account_number: bank.map(|b| b.account_number.clone()).unwrap_or_default(),
            swift: bank.and_then(|b| b.swift.clone()).unwrap_or_default(),
        }
    }

    /// Checks the form: the bank's name, holder and account number go
    /// together (all or none); the account number is an IBAN or a RIB,
    /// kept without spaces; a SWIFT/BIC code has 8 or 11 letters and digits.
    pub fn validate(&self) -> Result<Billing, AppError> {
        let payment_terms = text::multi_line("payment_terms", &self.payment_terms, PAYMENT_TERMS_MAX_CHARS)?;
        let bank_name = text::single_line("bank_name", &self.bank_name, BANK_NAME_MAX_CHARS)?;
        let account_holder = text::single_line("account_holder", &self.account_holder, BANK_NAME_MAX_CHARS)?;
        let account_number: String = self.account_number.chars().filter(|c| !c.is_whitespace()).collect();
        let account_number = account_number.to_ascii_uppercase();
        let swift = self.swift.trim().to_ascii_uppercase();
        let account_ok =
            (15..=34).contains(&account_number.len()) && account_number.chars().all(|c| c.is_ascii_alphanumeric());
        if !account_number.is_empty() && !account_ok {
            return Err(AppError::invalid("account_number", "invalid.account_number"));
        }
        let swift_ok = matches!(swift.len(), 8 | 11) && swift.chars().all(|c| c.is_ascii_alphanumeric());
        if !swift.is_empty() && !swift_ok {
            return Err(AppError::invalid("swift", "invalid.swift"));
        }
        let bank = match (bank_name, account_holder, account_number.is_empty()) {
            (None, None, true) if swift.is_empty() => None,
            (Some(bank_name), Some(account_holder), false) => Some(BankDetails {
                bank_name,
                account_holder,
                account_number,
                swift: (!swift.is_empty()).then_some(swift),
            }),
            (None, _, _) => return Err(AppError::invalid("bank_name", "invalid.bank_incomplete")),
            (_, None, _) => return Err(AppError::invalid("account_holder", "invalid.bank_incomplete")),
            _ => return Err(AppError::invalid("account_number", "invalid.bank_incomplete")),
        };
        Ok(Billing { payment_terms, bank })
    }
}

/// One company as the proforma names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProformaParty {
    pub legal_name: String,
    pub city: Option<String>,
    pub country: Option<CountryCode>,
    /// The producer's ICE (its company identifier), once verified.
    pub ice: Option<String>,
}

/// The printable proforma of a deal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProformaPage {
    pub number: String,
    pub issued_on: CalendarDate,
    pub card: DealCard,
    pub seller: ProformaParty,
    pub seller_region: Region,
    pub buyer: ProformaParty,
    /// From the listing asked about, when it states one.
    pub hs_code: Option<String>,
    pub payment_terms: String,
    pub bank: Option<BankDetails>,
    /// The buyer's language first, the producer's beside it.
    pub buyer_locale: Locale,
    pub producer_locale: Locale,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, holder: &str, number: &str, swift: &str) -> BillingForm {
        BillingForm {
            payment_terms: "30 % à la commande, solde contre copie du connaissement.".into(),
            bank_name: name.into(),
            account_holder: holder.into(),
            account_number: number.into(),
            swift: swift.into(),
        }
    }

    #[test]
    fn bank_details_go_together_and_are_kept_without_spaces() {
        let billing = form("Banque Populaire", "Coopérative Tifawin", "0111 1000 0012 3456 7890 1234", "bcpomamc")
            .validate()
            .unwrap();
        let bank = billing.bank.expect("bank details");
        assert_eq!(
            (bank.account_number.as_str(), bank.swift.as_deref()),
            ("011110000012345678901234", Some("BCPOMAMC"))
        );
        assert_eq!(form("", "", "", "").validate().unwrap().bank, None, "none kept");
        assert_eq!(
            form("Banque Populaire", "", "011110000012345678901234", "").validate(),
            Err(AppError::invalid("account_holder", "invalid.bank_incomplete"))
        );
        assert_eq!(
            form("", "", "", "BCPOMAMC").validate(),
            Err(AppError::invalid("bank_name", "invalid.bank_incomplete"))
        );
    }

    #[test]
    fn account_numbers_and_swift_codes_are_checked() {
        assert_eq!(
            form("B", "H", "1234", "").validate(),
            Err(AppError::invalid("account_number", "invalid.account_number"))
        );
        assert_eq!(
            form("B", "H", "MA64 0111 1000 0012 3456 7890 1234", "BCPOMAMCXX").validate(),
            Err(AppError::invalid("swift", "invalid.swift"))
        );
        assert!(form("B", "H", "MA64 0111 1000 0012 3456 7890 1234", "BCPOMAMCXXX").validate().is_ok());
    }

    #[test]
    fn numbers_follow_the_producers_sequence() {
        assert_eq!(proforma_number(2026, 7), "PF-2026-0007");
        assert_eq!(proforma_number(2027, 12_345), "PF-2027-12345");
    }
}
