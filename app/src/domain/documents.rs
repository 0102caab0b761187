//! What a destination asks for: the documents usually required for a
//! product (by HS range) shipped to a country (or to any country of a trade
//! agreement). These facts are the national trade team's, not the code's:
//! they keep the rules, each with its source, the day it was checked and a
//! note; pages show the rules that match, with their date and "check with
//! your regional office". Demo rules are marked as examples. One rule of
//! matching in one place: `DocumentRule::applies`.

use serde::{Deserialize, Serialize};

use super::slug_enum::slug_enum;
use super::{AppError, CalendarDate, CountryCode, TradeAgreement, text};

slug_enum! {
    /// A document an export may need.
    ExportDocument, "export_document" {
        CommercialInvoice => "commercial-invoice",
        PackingList => "packing-list",
        /// Non-preferential certificate of origin (chamber of commerce).
        CertificateOfOrigin => "certificate-of-origin",
        /// EUR.1 movement certificate or origin declaration (EU, UK, EFTA).
        Eur1 => "eur1",
        AfcftaCertificate => "afcfta-certificate",
        AgadirCertificate => "agadir-certificate",
        GaftaCertificate => "gafta-certificate",
        /// The importer's certification of origin under the US–Morocco FTA.
        UsFtaCertification => "us-fta-certification",
        Phytosanitary => "phytosanitary-certificate",
        /// Health certificate for sea and animal products (ONSSA).
        HealthCertificate => "health-certificate",
        Halal => "halal-certificate",
        Conformity => "conformity-certificate",
    }
}

/// Longest source and note, in characters.
pub const RULE_SOURCE_MAX_CHARS: usize = 300;
pub const RULE_NOTE_MAX_CHARS: usize = 1_000;

/// Where a rule applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleDestination {
    Any,
    Country(CountryCode),
    Agreement(TradeAgreement),
}

impl RuleDestination {
    /// `any`, `country:BR` or `agreement:afcfta`, as forms post it.
    pub fn parse(value: &str) -> Option<RuleDestination> {
        match value.trim().split_once(':') {
            None if value.trim() == "any" => Some(RuleDestination::Any),
            Some(("country", code)) => CountryCode::parse(code).ok().map(RuleDestination::Country),
            Some(("agreement", slug)) => TradeAgreement::from_slug(slug).map(RuleDestination::Agreement),
            _ => None,
        }
    }

    pub fn code(self) -> String {
        match self {
            RuleDestination::Any => "any".to_owned(),
            RuleDestination::Country(country) => format!("country:{}", country.as_str()),
            RuleDestination::Agreement(agreement) => format!("agreement:{}", agreement.slug()),
        }
    }

    fn covers(self, country: CountryCode) -> bool {
        match self {
            RuleDestination::Any => true,
            RuleDestination::Country(own) => own == country,
            RuleDestination::Agreement(agreement) => agreement.members().contains(&country.as_str()),
        }
    }
}

/// HS codes from `from` to `to` (2 to 6 digits each, the same length): a
/// product's code is in the range when its first digits are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HsRange {
    pub from: String,
    pub to: String,
}

impl HsRange {
    pub fn contains(&self, hs_code: &str) -> bool {
        let digits: String = hs_code.chars().filter(char::is_ascii_digit).collect();
        if digits.len() < self.from.len() {
            return false;
        }
        let prefix = &digits[..self.from.len()];
        self.from.as_str() <= prefix && prefix <= self.to.as_str()
    }
}

/// One rule the national team keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRule {
    pub id: i64,
    pub document: ExportDocument,
    /// `None`: every product.
    pub hs: Option<HsRange>,
    pub destination: RuleDestination,
    pub source: String,
    pub checked_on: CalendarDate,
    pub note: String,
    /// A demo rule: shown marked as an example.
    pub example: bool,
}

impl DocumentRule {
    /// Whether the rule applies to a product (its HS code, when known)
    /// shipped to `country`. A rule for an HS range says nothing about a
    /// product without a code.
    pub fn applies(&self, hs_code: Option<&str>, country: CountryCode) -> bool {
        let product = match (&self.hs, hs_code) {
            (None, _) => true,
            (Some(range), Some(code)) => range.contains(code),
            (Some(_), None) => false,
        };
        product && self.destination.covers(country)
    }
}

/// The rules for a product and a destination, each document once (the
/// most specific rule wins: a country's over an agreement's over any).
pub fn documents_for(rules: &[DocumentRule], hs_code: Option<&str>, country: CountryCode) -> Vec<DocumentRule> {
    let rank = |rule: &DocumentRule| match rule.destination {
        RuleDestination::Country(_) => 0,
        RuleDestination::Agreement(_) => 1,
        RuleDestination::Any => 2,
    };
    let mut matching: Vec<&DocumentRule> = rules.iter().filter(|rule| rule.applies(hs_code, country)).collect();
    matching.sort_by_key(|rule| (rule.document, rank(rule), rule.id));
    let mut chosen: Vec<DocumentRule> = Vec::new();
    for rule in matching {
        if chosen.last().is_none_or(|last| last.document != rule.document) {
            chosen.push(rule.clone());
        }
    }
    chosen
}

/// The rule form, field for field as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRuleForm {
    #[serde(default)]
    pub document: String,
    #[serde(default)]
    pub hs_from: String,
    #[serde(default)]
    pub hs_to: String,
    #[serde(default)]
    pub destination: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub checked_on: String,
    #[serde(default)]
    pub note: String,
}

/// A checked rule, before it has an id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRuleDraft {
    pub document: ExportDocument,
    pub hs: Option<HsRange>,
    pub destination: RuleDestination,
    pub source: String,
    pub checked_on: CalendarDate,
    pub note: String,
}

fn hs_digits(field: &str, value: &str) -> Result<Option<String>, AppError> {
    let digits: String = value.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !(2..=6).contains(&digits.len()) || digits.len() % 2 == 1 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::invalid(field, "invalid.hs_range"));
    }
    Ok(Some(digits))
}

impl DocumentRuleForm {
    /// Checks the form: a known document and destination, an HS range of
    /// 2, 4 or 6 digits at both ends (the end empty for one code), a source
    /// (where the fact comes from) and the day it was checked, not later
    /// than `today`.
    pub fn validate(&self, today: CalendarDate) -> Result<DocumentRuleDraft, AppError> {
        let document = ExportDocument::from_slug(self.document.trim())
            .ok_or_else(|| AppError::invalid("document", "invalid.choice"))?;
        let destination = RuleDestination::parse(&self.destination)
            .ok_or_else(|| AppError::invalid("destination", "invalid.choice"))?;
        let hs = match (hs_digits("hs_from", &self.hs_from)?, hs_digits("hs_to", &self.hs_to)?) {
            (None, None) => None,
            (Some(from), None) => Some(HsRange { to: from.clone(), from }),
            (Some(from), Some(to)) if from.len() == to.len() && from <= to => Some(HsRange { from, to }),
            (None, Some(_)) => return Err(AppError::invalid("hs_from", "invalid.required")),
            _ => return Err(AppError::invalid("hs_to", "invalid.hs_range")),
        };
        let source = text::single_line("source", &self.source, RULE_SOURCE_MAX_CHARS)?
            .ok_or_else(|| AppError::invalid("source", "invalid.required"))?;
        let checked_on = CalendarDate::parse(self.checked_on.trim())
            .ok_or_else(|| AppError::invalid("checked_on", "invalid.date"))?;
        if checked_on > today {
            return Err(AppError::invalid("checked_on", "invalid.date_future"));
        }
        let note = text::multi_line("note", &self.note, RULE_NOTE_MAX_CHARS)?;
        Ok(DocumentRuleDraft { document, hs, destination, source, checked_on, note })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(code: &str) -> CountryCode {
        CountryCode::parse(code).expect("a country")
    }

    fn rule(id: i64, document: ExportDocument, hs: Option<(&str, &str)>, destination: RuleDestination) -> DocumentRule {
        DocumentRule {
            id,
            document,
            hs: hs.map(|(from, to)| HsRange { from: from.into(), to: to.into() }),
            destination,
            source: "ASMEX, guide de l'exportateur".into(),
            checked_on: CalendarDate::parse("2026-11-02").unwrap(),
            note: String::new(),
            example: true,
        }
    }

    #[test]
    fn a_rule_matches_by_hs_range_and_destination() {
        let plants = rule(1, ExportDocument::Phytosanitary, Some(("06", "14")), RuleDestination::Any);
        assert!(plants.applies(Some("0805.21"), country("CN")), "mandarins are chapter 08");
        assert!(!plants.applies(Some("1515.30"), country("CN")), "castor oil is chapter 15");
        assert!(!plants.applies(None, country("CN")), "no code, no claim");
        let eu = rule(2, ExportDocument::Eur1, None, RuleDestination::Agreement(TradeAgreement::EuAssociation));
        assert!(eu.applies(Some("8544.30"), country("DE")) && !eu.applies(Some("8544.30"), country("BR")));
        let heading = rule(3, ExportDocument::HealthCertificate, Some(("0302", "0307")), RuleDestination::Any);
        assert!(heading.applies(Some("030617"), country("JP")) && !heading.applies(Some("0308"), country("JP")));
    }

    #[test]
    fn each_document_once_the_most_specific_rule_first() {
        let rules = [
            rule(1, ExportDocument::CommercialInvoice, None, RuleDestination::Any),
            rule(2, ExportDocument::CertificateOfOrigin, None, RuleDestination::Any),
            rule(3, ExportDocument::CertificateOfOrigin, None, RuleDestination::Country(country("NG"))),
            rule(4, ExportDocument::AfcftaCertificate, None, RuleDestination::Agreement(TradeAgreement::Afcfta)),
            rule(5, ExportDocument::Eur1, None, RuleDestination::Agreement(TradeAgreement::EuAssociation)),
        ];
        let for_nigeria: Vec<i64> = documents_for(&rules, Some("1515"), country("NG")).iter().map(|r| r.id).collect();
        assert_eq!(for_nigeria, [1, 3, 4], "Nigeria's own certificate rule, the AfCFTA one, no EUR.1");
        let for_brazil: Vec<i64> = documents_for(&rules, None, country("BR")).iter().map(|r| r.id).collect();
        assert_eq!(for_brazil, [1, 2]);
    }

    #[test]
    fn the_form_checks_ranges_sources_and_dates() {
        let today = CalendarDate::parse("2026-12-07").unwrap();
        let form = DocumentRuleForm {
            document: "phytosanitary-certificate".into(),
            hs_from: "07".into(),
            hs_to: "08".into(),
            destination: "country:CN".into(),
            source: "ONSSA".into(),
            checked_on: "2026-11-30".into(),
            note: String::new(),
        };
        let draft = form.validate(today).unwrap();
        assert_eq!(draft.hs, Some(HsRange { from: "07".into(), to: "08".into() }));
        assert_eq!(draft.destination, RuleDestination::Country(country("CN")));
        let one = DocumentRuleForm { hs_from: "0805.21".into(), hs_to: String::new(), ..form.clone() };
        assert_eq!(one.validate(today).unwrap().hs, Some(HsRange { from: "080521".into(), to: "080521".into() }));
        let mixed = DocumentRuleForm { hs_to: "0805".into(), ..form.clone() };
        assert_eq!(mixed.validate(today), Err(AppError::invalid("hs_to", "invalid.hs_range")));
        let odd = DocumentRuleForm { hs_from: "080".into(), ..form.clone() };
        assert_eq!(odd.validate(today), Err(AppError::invalid("hs_from", "invalid.hs_range")));
        let unsourced = DocumentRuleForm { source: " ".into(), ..form.clone() };
        assert_eq!(unsourced.validate(today), Err(AppError::invalid("source", "invalid.required")));
        let future = DocumentRuleForm { checked_on: "2026-12-08".into(), ..form.clone() };
        assert_eq!(future.validate(today), Err(AppError::invalid("checked_on", "invalid.date_future")));
        let nowhere = DocumentRuleForm { destination: "country:XX".into(), ..form };
        assert_eq!(nowhere.validate(today), Err(AppError::invalid("destination", "invalid.choice")));
    }

    #[test]
    fn destinations_read_back_as_posted() {
        for destination in [
            RuleDestination::Any,
            RuleDestination::Country(country("BR")),
            RuleDestination::Agreement(TradeAgreement::Agadir),
        ] {
            assert_eq!(RuleDestination::parse(&destination.code()), Some(destination));
        }
        assert_eq!(RuleDestination::parse("country"), None);
    }
}
