//! Fair organisers' showcases: what an organiser types about an
//! event, its states, and the rules that decide when it may be published.
//! Checked here (shared with the browser) and again by the server.

use serde::{Deserialize, Serialize};

use super::profile::FieldMap;
use super::slug_enum::slug_enum;
use super::{AppError, CalendarDate, ListingCard, Locale, ProducerCard, Region, Sector, text};

slug_enum! {
    /// A showcase's state: only a published one is public.
    ShowcaseStatus, "showcase_status" {
        Draft => "draft",
        Published => "published",
        Archived => "archived",
    }
}

slug_enum! {
    /// What an organiser asks of a showcase's state.
    ShowcaseChange, "showcase_change" {
        Publish => "publish",
        Unpublish => "unpublish",
        Archive => "archive",
    }
}

impl ShowcaseStatus {
    /// The state after `change`, or `None` when it does not apply.
    pub fn after(self, change: ShowcaseChange) -> Option<ShowcaseStatus> {
        match (self, change) {
            (ShowcaseStatus::Draft | ShowcaseStatus::Archived, ShowcaseChange::Publish) => {
                Some(ShowcaseStatus::Published)
            }
            (ShowcaseStatus::Published, ShowcaseChange::Unpublish) => Some(ShowcaseStatus::Draft),
            (ShowcaseStatus::Draft | ShowcaseStatus::Published, ShowcaseChange::Archive) => {
                Some(ShowcaseStatus::Archived)
            }
            _ => None,
        }
    }
}

pub const SHOWCASE_TITLE_MAX_CHARS: usize = 160;
pub const SHOWCASE_DESCRIPTION_MAX_CHARS: usize = 4_000;
pub const EVENT_LINE_MAX_CHARS: usize = 160;
/// The city column's length (migration 5).
pub const CITY_MAX_CHARS: usize = 120;
pub const THEME_MAX_CHARS: usize = 40;
pub const THEMES_MAX: usize = 8;
pub const NOTE_MAX_CHARS: usize = 600;
pub const STAND_MAX_CHARS: usize = 20;
/// Languages a showcase must be titled in before it is published.
pub const PUBLISH_MIN_LANGUAGES: usize = 2;

/// The showcase form, as posted: `title[fr]=…`, `description[fr]=…`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowcaseForm {
    #[serde(default)]
    pub title: FieldMap,
    #[serde(default)]
    pub description: FieldMap,
    #[serde(default)]
    pub event_name: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub venue: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
    /// Comma-separated tags.
    #[serde(default)]
    pub themes: String,
    /// The public address's last part; made from the title when empty.
    #[serde(default)]
    pub slug: String,
}

/// A showcase's text in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowcaseText {
    pub locale: Locale,
    pub title: String,
    pub description: String,
}

/// A checked showcase form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShowcaseDraft {
    pub texts: Vec<ShowcaseText>,
    pub event_name: String,
    pub city: String,
    pub venue: Option<String>,
    pub starts_on: CalendarDate,
    pub ends_on: CalendarDate,
    pub themes: Vec<String>,
    /// `None`: make one from the title.
    pub slug: Option<String>,
}

fn is_slug(value: &str) -> bool {
    (3..=80).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--")
}

fn date(field: &str, value: &str) -> Result<CalendarDate, AppError> {
    if value.trim().is_empty() {
        return Err(AppError::invalid(field, "invalid.required"));
    }
    CalendarDate::parse(value).ok_or_else(|| AppError::invalid(field, "invalid.date"))
}

impl ShowcaseForm {
    /// Checks every field; the first problem comes back with its field name.
    pub fn validate(&self) -> Result<ShowcaseDraft, AppError> {
        if self.title.keys().chain(self.description.keys()).any(|code| Locale::from_code(code).is_none()) {
            return Err(AppError::invalid("title", "invalid.choice"));
        }
        let mut texts = Vec::new();
        for locale in Locale::ALL {
            let code = locale.code();
            let title_field = format!("title_{code}");
            let title = text::single_line(
                &title_field,
                self.title.get(code).map_or("", String::as_str),
                SHOWCASE_TITLE_MAX_CHARS,
            )?;
            let description = text::multi_line(
                &format!("description_{code}"),
                self.description.get(code).map_or("", String::as_str),
                SHOWCASE_DESCRIPTION_MAX_CHARS,
            )?;
            match title {
                Some(title) => texts.push(ShowcaseText { locale, title, description }),
                None if description.is_empty() => {}
                None => return Err(AppError::invalid(title_field, "invalid.required")),
            }
        }
        if texts.is_empty() {
            return Err(AppError::invalid("title_fr", "invalid.showcase_title"));
        }
        let line = |field: &str, value: &str| text::single_line(field, value, EVENT_LINE_MAX_CHARS);
        let event_name =
            line("event_name", &self.event_name)?.ok_or_else(|| AppError::invalid("event_name", "invalid.required"))?;
        let city = text::single_line("city", &self.city, CITY_MAX_CHARS)?
            .ok_or_else(|| AppError::invalid("city", "invalid.required"))?;
        let venue = line("venue", &self.venue)?;
        let starts_on = date("starts_on", &self.starts_on)?;
        let ends_on = date("ends_on", &self.ends_on)?;
        if ends_on < starts_on {
            return Err(AppError::invalid("ends_on", "invalid.ends_before_start"));
        }
        let mut themes: Vec<String> = Vec::new();
        for theme in self.themes.split(',') {
            let Some(theme) = text::single_line("themes", theme, THEME_MAX_CHARS)? else { continue };
            if !themes.iter().any(|known| known.to_lowercase() == theme.to_lowercase()) {
                themes.push(theme);
            }
        }
        if themes.len() > THEMES_MAX {
            return Err(AppError::invalid("themes", "invalid.too_many_themes"));
        }
        let slug = self.slug.trim().to_ascii_lowercase();
        let slug = if slug.is_empty() {
            None
        } else if is_slug(&slug) {
            Some(slug)
        } else {
            return Err(AppError::invalid("slug", "invalid.slug"));
        };
        Ok(ShowcaseDraft { texts, event_name, city, venue, starts_on, ends_on, themes, slug })
    }
}

/// Why a showcase cannot be published yet, if it cannot: it needs an
/// exhibitor and a title in `PUBLISH_MIN_LANGUAGES` languages.
pub fn publish_problem(titled_languages: usize, exhibitors: usize) -> Option<AppError> {
    if exhibitors == 0 {
        return Some(AppError::invalid("status", "invalid.showcase_no_exhibitor"));
    }
    if titled_languages < PUBLISH_MIN_LANGUAGES {
        return Some(AppError::invalid("status", "invalid.showcase_two_languages"));
    }
    None
}

/// A curator's note and stand number, as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurationNote {
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub stand: String,
}

impl CurationNote {
    /// The note (empty: none) and stand (empty: none), checked.
    pub fn validate(&self) -> Result<(Option<String>, Option<String>), AppError> {
        let note = text::multi_line("note", &self.note, NOTE_MAX_CHARS)?;
        let stand = text::single_line("stand", &self.stand, STAND_MAX_CHARS)?;
        Ok(((!note.is_empty()).then_some(note), stand))
    }
}

/// One showcase in its organiser's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowcaseLine {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub status: ShowcaseStatus,
    pub event_name: String,
    pub city: String,
    pub starts_on: CalendarDate,
    pub ends_on: CalendarDate,
    pub exhibitors: u64,
    pub listings: u64,
}

/// One featured product of an exhibitor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeaturedListing {
    pub card: ListingCard,
    pub note: Option<String>,
}

/// An exhibitor as the public page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exhibitor {
    pub producer: ProducerCard,
    pub logo: Option<String>,
    /// The producer's public website, as on its page.
    pub website: Option<String>,
    pub certifications: Vec<super::Certification>,
    pub note: Option<String>,
    pub stand: Option<String>,
    pub listings: Vec<FeaturedListing>,
    /// The print view's QR code (an SVG drawn by the server) of the
    /// exhibitor's page, carrying the showcase; `None` on the page.
    pub qr_svg: Option<String>,
}

/// A published showcase's public page (or its print view).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowcasePage {
    pub id: i64,
    pub slug: String,
    pub title: super::LocalizedText,
    pub description: Option<super::LocalizedText>,
    pub status: ShowcaseStatus,
    pub event_name: String,
    pub city: String,
    pub venue: Option<String>,
    pub starts_on: CalendarDate,
    pub ends_on: CalendarDate,
    pub themes: Vec<String>,
    pub cover: Option<super::PhotoRef>,
    /// After the sector and region filters.
    pub exhibitors: Vec<Exhibitor>,
    /// Exhibitors before filtering, by sector and by region, for the filters.
    pub sectors: Vec<(Sector, u64)>,
    pub regions: Vec<(Region, u64)>,
    pub sector: Option<Sector>,
    pub region: Option<Region>,
}

/// One curation step an organiser takes in the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Curation {
    AddProducer(String),
    AddListing(i64),
    RemoveProducer(String),
    RemoveListing(i64),
    /// Earlier (`true`) or later in the order.
    MoveProducer(String, bool),
    MoveListing(i64, bool),
    NoteProducer(String, CurationNote),
    NoteListing(i64, CurationNote),
}

impl Curation {
    /// From the editor's form fields: `action` names the step, `producer`
    /// (a slug) or `listing` (an id) what it applies to.
    pub fn from_fields(
        action: &str,
        producer: Option<String>,
        listing: Option<i64>,
        note: CurationNote,
    ) -> Result<Curation, AppError> {
        let bad = || AppError::BadRequest;
        Ok(match (action, producer, listing) {
            ("add", Some(slug), None) => Curation::AddProducer(slug),
            ("add", None, Some(id)) => Curation::AddListing(id),
            ("remove", Some(slug), None) => Curation::RemoveProducer(slug),
            ("remove", None, Some(id)) => Curation::RemoveListing(id),
            ("up" | "down", Some(slug), None) => Curation::MoveProducer(slug, action == "up"),
            ("up" | "down", None, Some(id)) => Curation::MoveListing(id, action == "up"),
            ("note", Some(slug), None) => Curation::NoteProducer(slug, note),
            ("note", None, Some(id)) => Curation::NoteListing(id, note),
            _ => return Err(bad()),
        })
    }
}

/// A featured listing as the editor shows it: its card while buyers may
/// see it, its title only once it is no longer public.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CuratedListing {
    pub id: i64,
    pub title: String,
    pub card: Option<ListingCard>,
    pub note: Option<String>,
}

/// An exhibitor as the editor shows it (`public`: buyers may see it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CuratedExhibitor {
    pub slug: String,
    pub name: String,
    pub region: Region,
    pub public: bool,
    pub note: Option<String>,
    pub stand: Option<String>,
    pub listings: Vec<CuratedListing>,
}

/// The showcase editor: the form, the state and the curation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowcaseEditor {
    pub id: i64,
    pub slug: String,
    pub status: ShowcaseStatus,
    pub form: ShowcaseForm,
    pub cover: Option<super::PhotoRef>,
    pub exhibitors: Vec<CuratedExhibitor>,
}

/// Published showcases, current and upcoming first (soonest first), then
/// past ones (latest first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowcaseList {
    pub upcoming: Vec<ShowcaseLine>,
    pub past: Vec<ShowcaseLine>,
}

/// What a showcase brought one exhibitor: visits to its pages from the
/// showcase and inquiries started there (never who, never what).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExhibitorLeads {
    pub slug: String,
    pub name: String,
    pub visits: u64,
    pub inquiries: u64,
}

/// The leads of a showcase, per exhibitor and per buyers' world market.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowcaseLeads {
    pub exhibitors: Vec<ExhibitorLeads>,
    /// `Tally::views` counts visits here; `None`: market unknown.
    pub markets: Vec<(Option<super::WorldRegion>, super::Tally)>,
}

impl ShowcaseLeads {
    /// Sums visit and inquiry rows (`producer id, market, count`) into the
    /// exhibitors given (in their showcase order) and the markets (in
    /// `WorldRegion::ALL`'s order, unknown last; empty ones left out).
    pub fn compute(
        exhibitors: &[(i64, String, String)],
        visits: &[(i64, Option<super::WorldRegion>, u64)],
        inquiries: &[(i64, Option<super::WorldRegion>, u64)],
    ) -> ShowcaseLeads {
        let sum = |rows: &[(i64, Option<super::WorldRegion>, u64)], id: i64| {
            rows.iter().filter(|(p, _, _)| *p == id).map(|(_, _, n)| n).sum::<u64>()
        };
        let per_market = |rows: &[(i64, Option<super::WorldRegion>, u64)], market: Option<super::WorldRegion>| {
            rows.iter()
                .filter(|(p, m, _)| *m == market && exhibitors.iter().any(|(id, _, _)| id == p))
                .map(|(_, _, n)| n)
                .sum::<u64>()
        };
        ShowcaseLeads {
            exhibitors: exhibitors
                .iter()
                .map(|(id, slug, name)| ExhibitorLeads {
                    slug: slug.clone(),
                    name: name.clone(),
                    visits: sum(visits, *id),
                    inquiries: sum(inquiries, *id),
                })
                .collect(),
            markets: super::WorldRegion::ALL
                .iter()
                .map(|market| Some(*market))
                .chain([None])
                .map(|market| {
                    (
                        market,
                        super::Tally { views: per_market(visits, market), inquiries: per_market(inquiries, market) },
                    )
                })
                .filter(|(_, tally)| *tally != super::Tally::default())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ShowcaseForm {
        let mut form = ShowcaseForm {
            event_name: "Forum ZLECAf".into(),
            city: "Marrakech".into(),
            starts_on: "2026-12-08".into(),
            ends_on: "2026-12-10".into(),
            themes: "agrifood, AfCFTA , agrifood,".into(),
            ..Default::default()
        };
        form.title.insert("fr".into(), "Made in Africa".into());
        form
    }

    #[test]
    fn a_showcase_needs_a_title_an_event_and_dates_in_order() {
        let draft = form().validate().expect("valid");
        assert_eq!(draft.themes, vec!["agrifood".to_owned(), "AfCFTA".to_owned()], "trimmed, once each");
        let mut untitled = form();
        untitled.title.clear();
        assert_eq!(untitled.validate().err(), Some(AppError::invalid("title_fr", "invalid.showcase_title")));
        let mut backwards = form();
        backwards.ends_on = "2026-12-07".into();
        assert_eq!(backwards.validate().err(), Some(AppError::invalid("ends_on", "invalid.ends_before_start")));
        let mut same_day = form();
        same_day.ends_on = "2026-12-08".into();
        assert!(same_day.validate().is_ok(), "a one-day event");
        let mut bad_slug = form();
        bad_slug.slug = "made in africa".into();
        assert_eq!(bad_slug.validate().err(), Some(AppError::invalid("slug", "invalid.slug")));
        let mut markup = form();
        markup.title.insert("xx".into(), "?".into());
        assert!(markup.validate().is_err(), "unknown languages are refused");
    }

    #[test]
    fn publishing_asks_for_an_exhibitor_and_two_languages() {
        assert_eq!(publish_problem(2, 0), Some(AppError::invalid("status", "invalid.showcase_no_exhibitor")));
        assert_eq!(publish_problem(1, 3), Some(AppError::invalid("status", "invalid.showcase_two_languages")));
        assert_eq!(publish_problem(2, 1), None);
    }

    #[test]
    fn leads_are_summed_per_exhibitor_and_market() {
        use crate::domain::{Tally, WorldRegion};
        let exhibitors =
            [(1, "tifawin".to_owned(), "Tifawin".to_owned()), (2, "tawada".to_owned(), "Tawada".to_owned())];
        let visits = [
            (1, Some(WorldRegion::Africa), 5),
            (1, Some(WorldRegion::Europe), 2),
            (2, Some(WorldRegion::Africa), 1),
            (2, None, 4),
            (9, Some(WorldRegion::Asia), 50),
        ];
        let inquiries = [(1, Some(WorldRegion::Africa), 2), (2, Some(WorldRegion::Americas), 1)];
        let leads = ShowcaseLeads::compute(&exhibitors, &visits, &inquiries);
        let per: Vec<_> = leads.exhibitors.iter().map(|e| (e.slug.as_str(), e.visits, e.inquiries)).collect();
        assert_eq!(per, vec![("tifawin", 7, 2), ("tawada", 5, 1)]);
        assert_eq!(
            leads.markets,
            vec![
                (Some(WorldRegion::Europe), Tally { views: 2, inquiries: 0 }),
                (Some(WorldRegion::Africa), Tally { views: 6, inquiries: 2 }),
                (Some(WorldRegion::Americas), Tally { views: 0, inquiries: 1 }),
                (None, Tally { views: 4, inquiries: 0 }),
            ],
            "producer 9 no longer exhibits: left out"
        );
    }

    #[test]
    fn a_curation_step_names_one_thing() {
        let note = CurationNote::default();
        assert_eq!(
            Curation::from_fields("add", Some("tifawin".into()), None, note.clone()),
            Ok(Curation::AddProducer("tifawin".into()))
        );
        assert_eq!(Curation::from_fields("up", None, Some(7), note.clone()), Ok(Curation::MoveListing(7, true)));
        assert_eq!(Curation::from_fields("add", Some("x".into()), Some(7), note.clone()), Err(AppError::BadRequest));
        assert_eq!(Curation::from_fields("delete-everything", None, Some(7), note), Err(AppError::BadRequest));
    }

    #[test]
    fn states_move_only_as_the_organiser_may() {
        use ShowcaseChange::*;
        use ShowcaseStatus::*;
        assert_eq!(Draft.after(Publish), Some(Published));
        assert_eq!(Published.after(Unpublish), Some(Draft));
        assert_eq!(Published.after(Archive), Some(Archived));
        assert_eq!(Archived.after(Publish), Some(Published));
        assert_eq!(Draft.after(Unpublish), None);
        assert_eq!(Archived.after(Archive), None);
    }
}
