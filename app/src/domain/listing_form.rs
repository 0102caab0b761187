//! A producer's own listings: the edit form as posted, its validation into a
//! `ListingDraft`, the completeness score that tells a producer what a buyer
//! will miss, and what the dashboard and the editor show.

use serde::{Deserialize, Serialize};

use super::profile::{FieldMap, PLACE_MAX_CHARS, optional_line, optional_number, optional_slug, ticked};
use super::text;
use super::{
    AppError, Certification, Currency, Incoterm, Locale, LocalizedText, OriginLabel, PhotoRef, PriceRange, Quantity,
    Region, Sector, Unit,
};

/// Where a listing is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListingStatus {
    Draft,
    Published,
    Archived,
}

impl ListingStatus {
    pub fn slug(self) -> &'static str {
        match self {
            ListingStatus::Draft => "draft",
            ListingStatus::Published => "published",
            ListingStatus::Archived => "archived",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ListingStatus> {
        match slug {
            "draft" => Some(ListingStatus::Draft),
            "published" => Some(ListingStatus::Published),
            "archived" => Some(ListingStatus::Archived),
            _ => None,
        }
    }

    /// Key of the status's name in the locale files.
    pub fn message_key(self) -> String {
        format!("status.{}", self.slug())
    }
}

/// A change of status a producer may ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusChange {
    Publish,
    Unpublish,
    Archive,
}

impl StatusChange {
    /// The status after the change, or `None` when it does not apply
    /// (publishing an archived listing goes through unpublish first).
    pub fn apply(self, from: ListingStatus) -> Option<ListingStatus> {
        match (self, from) {
            (StatusChange::Publish, ListingStatus::Draft) => Some(ListingStatus::Published),
            (StatusChange::Unpublish, ListingStatus::Published | ListingStatus::Archived) => Some(ListingStatus::Draft),
            (StatusChange::Archive, ListingStatus::Draft | ListingStatus::Published) => Some(ListingStatus::Archived),
            _ => None,
        }
    }
}

/// Languages a listing must be written in at least one of.
pub const REQUIRED_ONE_OF: [Locale; 3] = [Locale::Fr, Locale::En, Locale::Ar];
/// Longest listing title, in characters.
pub const TITLE_MAX_CHARS: usize = 160;
/// Longest listing description, in characters.
pub const LISTING_DESCRIPTION_MAX_CHARS: usize = 8000;
/// Longest sub-sector, in characters.
pub const SUBSECTOR_MAX_CHARS: usize = 80;
/// Most photos a listing may have.
pub const MAX_PHOTOS: usize = 8;

/// The listing form, field for field as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingForm {
    /// `title[fr]=…`
    #[serde(default)]
    pub title: FieldMap,
    /// `description[fr]=…`
    #[serde(default)]
    pub description: FieldMap,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub subsector: String,
    #[serde(default)]
    pub hs_code: String,
    /// Empty means the producer's own region.
    #[serde(default)]
    pub origin_region: String,
    #[serde(default)]
    pub moq_amount: String,
    #[serde(default)]
    pub moq_unit: String,
    /// `range` or `on_request`.
    #[serde(default)]
    pub price_mode: String,
    /// Decimal amounts per unit, `12.50` or `12,50`.
    #[serde(default)]
    pub price_min: String,
    #[serde(default)]
    pub price_max: String,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub incoterms: FieldMap,
    #[serde(default)]
    pub port_of_loading: String,
    #[serde(default)]
    pub lead_time_days: String,
    #[serde(default)]
    pub capacity_amount: String,
    #[serde(default)]
    pub capacity_unit: String,
    #[serde(default)]
    pub certifications: FieldMap,
    #[serde(default)]
    pub origin_labels: FieldMap,
}

/// One language's title and description.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingText {
    pub locale: Locale,
    pub title: String,
    pub description: String,
}

/// A validated listing, ready to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingDraft {
    pub texts: Vec<ListingText>,
    pub sector: Sector,
    pub subsector: Option<String>,
    pub hs_code: Option<HsCode>,
    /// `None`: the producer's region.
    pub origin_region: Option<Region>,
    pub moq: Option<Quantity>,
    pub price: PriceRange,
    pub incoterms: Vec<Incoterm>,
    pub port_of_loading: Option<String>,
    pub lead_time_days: Option<u32>,
    pub capacity: Option<Quantity>,
    pub certifications: Vec<Certification>,
    pub origin_labels: Vec<OriginLabel>,
}

/// A Harmonized System heading: exactly six digits (`151590` for argan oil).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HsCode(String);

impl HsCode {
    /// Accepts six digits, ignoring the dots and spaces of `1515.90`.
    pub fn parse(input: &str) -> Result<HsCode, &'static str> {
        let digits: String = input.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
        if digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit()) {
            Ok(HsCode(digits))
        } else {
            Err("invalid.hs_code")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Parses a decimal price into minor units: `12.5` → 1250. At most two
/// decimals, at most a billion per unit.
pub fn parse_price_minor(input: &str) -> Option<i64> {
    let input = input.trim().replace(',', ".");
    let (units, cents) = match input.split_once('.') {
        Some((units, cents)) => (units, cents),
        None => (input.as_str(), ""),
    };
    if units.is_empty()
        || units.len() > 10
        || cents.len() > 2
        || !units.chars().chain(cents.chars()).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let units: i64 = units.parse().ok()?;
    let cents: i64 = if cents.is_empty() { 0 } else { format!("{cents:0<2}").parse().ok()? };
    let minor = units.checked_mul(100)?.checked_add(cents)?;
    (minor <= 100_000_000_000).then_some(minor)
}

/// Renders minor units back into the form's decimal text.
pub fn minor_to_text(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, (minor % 100).abs())
}

/// An amount with its unit; a unit without an amount is no quantity (the
/// unit menu always sends one).
pub(super) fn quantity(
    amount_field: &str,
    amount: &str,
    unit_field: &str,
    unit: &str,
) -> Result<Option<Quantity>, AppError> {
    let amount = optional_number::<u64>(amount_field, amount, 1..=1_000_000_000_000)?;
    let unit = optional_slug(unit_field, unit, Unit::from_slug)?;
    match (amount, unit) {
        (Some(amount), Some(unit)) => Ok(Some(Quantity { amount, unit })),
        (None, _) => Ok(None),
        (Some(_), None) => Err(AppError::invalid(unit_field, "invalid.required")),
    }
}

impl ListingForm {
    /// Checks every field; the first problem comes back with its field name.
    pub fn validate(&self) -> Result<ListingDraft, AppError> {
        let mut texts = Vec::new();
        for locale in Locale::ALL {
            let code = locale.code();
            let title_field = format!("title_{code}");
            let title = self.title.get(code).map(String::as_str).unwrap_or("");
            let description = self.description.get(code).map(String::as_str).unwrap_or("");
            let title = text::single_line(&title_field, title, TITLE_MAX_CHARS)?;
            let description =
                text::multi_line(&format!("description_{code}"), description, LISTING_DESCRIPTION_MAX_CHARS)?;
            let Some(title) = title else {
                if description.is_empty() {
                    continue;
                }
                return Err(AppError::invalid(title_field, "invalid.required"));
            };
            texts.push(ListingText { locale, title, description });
        }
        if self.title.keys().any(|code| Locale::from_code(code).is_none()) {
            return Err(AppError::invalid("title", "invalid.choice"));
        }
        if !texts.iter().any(|text| REQUIRED_ONE_OF.contains(&text.locale)) {
            return Err(AppError::invalid("title_fr", "invalid.title_language"));
        }
        let sector = optional_slug("sector", &self.sector, Sector::from_slug)?
            .ok_or_else(|| AppError::invalid("sector", "invalid.required"))?;
        let subsector = optional_line("subsector", &self.subsector, SUBSECTOR_MAX_CHARS)?;
        let hs_code = if self.hs_code.trim().is_empty() {
            None
        } else {
            Some(HsCode::parse(&self.hs_code).map_err(|reason| AppError::invalid("hs_code", reason))?)
        };
        let origin_region = optional_slug("origin_region", &self.origin_region, Region::from_slug)?;
        let moq = quantity("moq_amount", &self.moq_amount, "moq_unit", &self.moq_unit)?;
        let price = match self.price_mode.as_str() {
            "range" => {
                let min = parse_price_minor(&self.price_min)
                    .ok_or_else(|| AppError::invalid("price_min", "invalid.price"))?;
                let max = if self.price_max.trim().is_empty() {
                    min
                } else {
                    parse_price_minor(&self.price_max).ok_or_else(|| AppError::invalid("price_max", "invalid.price"))?
                };
                if max < min {
                    return Err(AppError::invalid("price_max", "invalid.price_order"));
                }
                let currency = optional_slug("currency", &self.currency, Currency::from_slug)?
                    .ok_or_else(|| AppError::invalid("currency", "invalid.required"))?;
                PriceRange::Range { min_minor: min, max_minor: max, currency }
            }
            "on_request" | "" => PriceRange::OnRequest,
            _ => return Err(AppError::invalid("price_mode", "invalid.choice")),
        };
        let incoterms = ticked("incoterms", &self.incoterms, Incoterm::from_slug)?;
        let port_of_loading = optional_line("port_of_loading", &self.port_of_loading, PLACE_MAX_CHARS)?;
        let lead_time_days = optional_number("lead_time_days", &self.lead_time_days, 1..=730)?;
        let capacity = quantity("capacity_amount", &self.capacity_amount, "capacity_unit", &self.capacity_unit)?;
        let certifications = ticked("certifications", &self.certifications, Certification::from_slug)?;
        let origin_labels = ticked("origin_labels", &self.origin_labels, OriginLabel::from_slug)?;
        Ok(ListingDraft {
            texts,
            sector,
            subsector,
            hs_code,
            origin_region,
            moq,
            price,
            incoterms,
            port_of_loading,
            lead_time_days,
            capacity,
            certifications,
            origin_labels,
        })
    }
}

impl ListingDraft {
    /// Protected-origin labels must belong to the listing's origin region.
    pub fn check_labels(&self, origin: Region) -> Result<(), AppError> {
        if self.origin_labels.iter().any(|label| label.region() != origin) {
            return Err(AppError::invalid("origin_labels", "invalid.label_region"));
        }
        Ok(())
    }
}

/// One thing a buyer will miss, with the points it is worth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// Message key explaining the gap (`completeness.photo`).
    pub key: &'static str,
    pub points: u8,
}

/// How complete a listing is, out of 100, and what is missing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completeness {
    pub score: u8,
    pub gaps: Vec<GapKey>,
}

/// A gap as it travels over the wire (keys are owned strings there).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapKey {
    pub key: String,
    pub points: u8,
}

impl Completeness {
    /// Scores what a buyer looks for first: photos, a second language for
    /// foreign buyers, the HS code, order and price terms, logistics.
    pub fn of(draft: &ListingDraft, photo_count: usize) -> Completeness {
        let has = |locale: Locale| draft.texts.iter().any(|text| text.locale == locale);
        let longest_description = draft.texts.iter().map(|text| text.description.chars().count()).max().unwrap_or(0);
        let checks: [(bool, Gap); 12] = [
            (photo_count >= 1, Gap { key: "completeness.photo", points: 20 }),
            (photo_count >= 3, Gap { key: "completeness.more_photos", points: 5 }),
            (longest_description >= 200, Gap { key: "completeness.description", points: 10 }),
            (has(Locale::En), Gap { key: "completeness.english", points: 10 }),
            (has(Locale::Fr) || has(Locale::Ar), Gap { key: "completeness.local_language", points: 5 }),
            (draft.hs_code.is_some(), Gap { key: "completeness.hs_code", points: 10 }),
            (draft.moq.is_some(), Gap { key: "completeness.moq", points: 10 }),
            (matches!(draft.price, PriceRange::Range { .. }), Gap { key: "completeness.price", points: 10 }),
            (!draft.incoterms.is_empty(), Gap { key: "completeness.incoterms", points: 5 }),
            (draft.port_of_loading.is_some(), Gap { key: "completeness.port", points: 5 }),
            (draft.lead_time_days.is_some(), Gap { key: "completeness.lead_time", points: 5 }),
            (draft.capacity.is_some(), Gap { key: "completeness.capacity", points: 5 }),
        ];
        let mut score = 0u8;
        let mut gaps = Vec::new();
        for (met, gap) in checks {
            if met {
                score += gap.points;
            } else {
                gaps.push(GapKey { key: gap.key.to_owned(), points: gap.points });
            }
        }
        Completeness { score, gaps }
    }
}

/// A row of the producer's dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnListing {
    pub id: i64,
    pub title: LocalizedText,
    pub status: ListingStatus,
    pub completeness: u8,
    pub photo_count: u32,
    /// `YYYY-MM-DD`
    pub updated_on: String,
    /// Public page path, when published.
    pub public_path: Option<String>,
    /// Why a trade office hid it, while it is hidden.
    pub hidden: Option<super::moderation::Hidden>,
}

/// The producer's dashboard: their company (if profiled) and their listings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub company_name: Option<String>,
    pub producer_path: Option<String>,
    pub listings: Vec<OwnListing>,
    /// A trade office verified the company.
    pub verified: bool,
    /// Why a trade office hid the company, while it is hidden.
    pub hidden: Option<super::moderation::Hidden>,
    /// A trade office is working on this cooperative's catalogue for it.
    pub on_behalf: bool,
    /// The reader's role in the company's team (what the page offers).
    pub role: super::TeamRole,
}

/// A photo as the editor shows it: its id for the reorder/delete buttons.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnPhoto {
    pub id: i64,
    pub photo: PhotoRef,
}

/// Everything the listing editor shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingEditor {
    pub id: i64,
    pub status: ListingStatus,
    pub form: ListingForm,
    pub photos: Vec<OwnPhoto>,
    pub completeness: Completeness,
    pub public_path: Option<String>,
}

/// What can be done to one photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoChange {
    MakeCover,
    MoveEarlier,
    MoveLater,
    Delete,
}

impl ListingDraft {
    /// The form that would produce this draft: how the editor is filled.
    pub fn to_form(&self) -> ListingForm {
        let price = match &self.price {
            PriceRange::OnRequest => ("on_request".to_owned(), String::new(), String::new(), String::new()),
            PriceRange::Range { min_minor, max_minor, currency } => {
                ("range".to_owned(), minor_to_text(*min_minor), minor_to_text(*max_minor), currency.slug().to_owned())
            }
        };
        let on = |slug: &str| (slug.to_owned(), "on".to_owned());
        ListingForm {
            title: self.texts.iter().map(|t| (t.locale.code().to_owned(), t.title.clone())).collect(),
            description: self.texts.iter().map(|t| (t.locale.code().to_owned(), t.description.clone())).collect(),
            sector: self.sector.slug().to_owned(),
            subsector: self.subsector.clone().unwrap_or_default(),
            hs_code: self.hs_code.as_ref().map(|c| c.as_str().to_owned()).unwrap_or_default(),
            origin_region: self.origin_region.map(|r| r.slug().to_owned()).unwrap_or_default(),
            moq_amount: self.moq.as_ref().map(|q| q.amount.to_string()).unwrap_or_default(),
            moq_unit: self.moq.as_ref().map(|q| q.unit.slug().to_owned()).unwrap_or_default(),
            price_mode: price.0,
            price_min: price.1,
            price_max: price.2,
            currency: price.3,
            incoterms: self.incoterms.iter().map(|i| on(i.slug())).collect(),
            port_of_loading: self.port_of_loading.clone().unwrap_or_default(),
            lead_time_days: self.lead_time_days.map(|d| d.to_string()).unwrap_or_default(),
            capacity_amount: self.capacity.as_ref().map(|q| q.amount.to_string()).unwrap_or_default(),
            capacity_unit: self.capacity.as_ref().map(|q| q.unit.slug().to_owned()).unwrap_or_default(),
            certifications: self.certifications.iter().map(|c| on(c.slug())).collect(),
            origin_labels: self.origin_labels.iter().map(|l| on(l.slug())).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn french_argan() -> ListingForm {
        ListingForm {
            title: [("fr".to_owned(), "Huile d'argan cosmétique".to_owned())].into(),
            description: [("fr".to_owned(), "Pressée à froid à Taroudant.".to_owned())].into(),
            sector: "cosmetics-argan".into(),
            hs_code: "1515.90".into(),
            moq_amount: "200".into(),
            moq_unit: "litre".into(),
            price_mode: "range".into(),
            price_min: "18,5".into(),
            price_max: "22".into(),
            currency: "EUR".into(),
            incoterms: [("FOB".to_owned(), "on".to_owned())].into(),
            ..ListingForm::default()
        }
    }

    #[test]
    fn a_french_listing_validates_and_round_trips_through_the_form() {
        let draft = french_argan().validate().expect("valid");
        assert_eq!(draft.hs_code.as_ref().map(HsCode::as_str), Some("151590"));
        assert_eq!(draft.price, PriceRange::Range { min_minor: 1850, max_minor: 2200, currency: Currency::Eur });
        assert_eq!(draft.to_form().validate().expect("still valid"), draft);
    }

    #[test]
    fn bad_fields_are_named() {
        let field = |form: ListingForm| match form.validate() {
            Err(AppError::Invalid { field, reason }) => (field, reason),
            other => panic!("expected a field error, got {other:?}"),
        };
        assert_eq!(
            field(ListingForm { hs_code: "15159".into(), ..french_argan() }),
            ("hs_code".into(), "invalid.hs_code".into())
        );
        assert_eq!(field(ListingForm { price_max: "10".into(), ..french_argan() }).0, "price_max");
        assert_eq!(field(ListingForm { price_min: "1.234".into(), ..french_argan() }).0, "price_min");
        assert_eq!(field(ListingForm { moq_unit: String::new(), ..french_argan() }).0, "moq_unit");
        assert_eq!(field(ListingForm { sector: "weapons".into(), ..french_argan() }).0, "sector");
        assert_eq!(field(ListingForm { subsector: "x".repeat(81), ..french_argan() }).0, "subsector");
        assert_eq!(field(ListingForm { port_of_loading: "x".repeat(121), ..french_argan() }).0, "port_of_loading");
        let spanish_only = ListingForm {
            title: [("es".to_owned(), "Aceite de argán".to_owned())].into(),
            description: [("es".to_owned(), "Prensado en frío.".to_owned())].into(),
            ..french_argan()
        };
        assert_eq!(field(spanish_only), ("title_fr".into(), "invalid.title_language".into()));
        let description_without_title =
            ListingForm { description: [("en".to_owned(), "Cold pressed".to_owned())].into(), ..french_argan() };
        assert_eq!(field(description_without_title).0, "title_en");
    }

    #[test]
    fn labels_must_come_from_the_origin_region() {
        let draft =
            ListingForm { origin_labels: [("argane-igp".to_owned(), "on".to_owned())].into(), ..french_argan() }
                .validate()
                .expect("valid");
        let argan_region = OriginLabel::from_slug("argane-igp").expect("known label").region();
        assert!(draft.check_labels(argan_region).is_ok());
        let elsewhere = Region::ALL.iter().copied().find(|r| *r != argan_region).expect("12 regions");
        assert!(draft.check_labels(elsewhere).is_err());
    }

    #[test]
    fn completeness_counts_what_buyers_miss() {
        let draft = french_argan().validate().expect("valid");
        let bare = Completeness::of(&draft, 0);
        assert!(bare.gaps.iter().any(|gap| gap.key == "completeness.photo"));
        assert!(bare.gaps.iter().any(|gap| gap.key == "completeness.english"));
        let with_photos = Completeness::of(&draft, 3);
        assert_eq!(with_photos.score, bare.score + 25);
        assert!(with_photos.score < 100);
    }

    #[test]
    fn prices_parse_exactly() {
        assert_eq!(parse_price_minor("12.5"), Some(1250));
        assert_eq!(parse_price_minor("0,05"), Some(5));
        assert_eq!(parse_price_minor("7"), Some(700));
        assert_eq!(parse_price_minor("-1"), None);
        assert_eq!(parse_price_minor("1e3"), None);
        assert_eq!(minor_to_text(1250), "12.50");
    }

    #[test]
    fn status_changes_follow_the_life_of_a_listing() {
        assert_eq!(StatusChange::Publish.apply(ListingStatus::Draft), Some(ListingStatus::Published));
        assert_eq!(StatusChange::Publish.apply(ListingStatus::Archived), None);
        assert_eq!(StatusChange::Unpublish.apply(ListingStatus::Archived), Some(ListingStatus::Draft));
        assert_eq!(StatusChange::Archive.apply(ListingStatus::Archived), None);
    }
}
