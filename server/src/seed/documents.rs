//! Demo rules of the documents destinations ask for, every one marked as
//! an example: the real rules are the national trade team's to keep in
//! `/admin/documents`, with their sources.

use app::domain::{CalendarDate, DocumentRuleForm};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::error::StoreError;

/// (document, HS from, HS to, destination, note).
const RULES: &[(&str, &str, &str, &str, &str)] = &[
    ("commercial-invoice", "", "", "any", "Signed, with the Incoterm and the origin of the goods."),
    ("packing-list", "", "", "any", "Marks, numbers, net and gross weights per package."),
    ("eur1", "", "", "agreement:eu-association", "Or an origin declaration on the invoice by an approved exporter."),
    ("eur1", "", "", "agreement:uk-association", "Or an origin declaration on the invoice."),
    ("eur1", "", "", "agreement:efta", ""),
    ("afcfta-certificate", "", "", "agreement:afcfta", "For goods traded under AfCFTA preferences."),
    ("agadir-certificate", "", "", "agreement:agadir", ""),
    ("gafta-certificate", "", "", "agreement:gafta", ""),
    (
        "us-fta-certification",
        "",
        "",
        "agreement:morocco-us-fta",
        "The importer claims the preference on its certification.",
    ),
    ("certificate-of-origin", "", "", "country:CN", "Non-preferential, from a chamber of commerce."),
    ("certificate-of-origin", "", "", "country:BR", "Non-preferential, from a chamber of commerce."),
    ("phytosanitary-certificate", "06", "14", "any", "Plants and plant products, issued by ONSSA."),
    ("health-certificate", "03", "05", "any", "Sea and animal products, issued by ONSSA."),
    ("health-certificate", "16", "16", "any", "Preparations of fish and meat."),
    (
        "halal-certificate",
        "02",
        "24",
        "agreement:gafta",
        "Food products for the Arab states, often asked by importers.",
    ),
];

/// Writes the demo rules; how many.
pub async fn seed(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let today = CalendarDate::from_days_since_epoch(now.timestamp().div_euclid(86_400));
    for (document, hs_from, hs_to, destination, note) in RULES {
        let form = DocumentRuleForm {
            document: (*document).to_owned(),
            hs_from: (*hs_from).to_owned(),
            hs_to: (*hs_to).to_owned(),
            destination: (*destination).to_owned(),
            source: "Example rule in the demo data: check with the national trade team".to_owned(),
            checked_on: today.to_string(),
            note: (*note).to_owned(),
        };
        let draft =
            form.validate(today).map_err(|error| StoreError::Corrupt(format!("demo rule {document}: {error:?}")))?;
        crate::repo::document_rule::insert(db, &draft, true, None, now).await?;
    }
    Ok(RULES.len())
}
