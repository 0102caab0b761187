//! The `Showcases` port: fair organisers curate showcases of
//! producers and their listings; buyers see the published ones. Rules, each
//! here once:
//! - `may_edit`: a showcase is changed by its own organiser only; anyone
//!   else gets `NotFound` (ids and slugs reveal nothing);
//! - `may_see`: a published showcase is public; a draft or an archived one
//!   is seen by its organiser and by administrators only;
//! - only what buyers may see can be added (a published listing of an
//!   active producer, an active producer), and what stops being public
//!   drops out of the public page by itself: the page reads through
//!   `repo::visibility`, the editor marks it "no longer public";
//! - publishing needs an exhibitor and a title in two languages
//!   (`domain::publish_problem`); the state moves only as
//!   `ShowcaseStatus::after` allows.

use std::collections::{HashMap, HashSet};

use crate::db::Db;
use app::domain::{
    AppError, Certification, CuratedExhibitor, CuratedListing, Curation, Exhibitor, FeaturedListing, Locale,
    OrganiserAccess, Region, Role, Sector, ShowcaseChange, ShowcaseEditor, ShowcaseForm, ShowcaseLeads, ShowcaseLine,
    ShowcaseList, ShowcasePage, ShowcaseStatus, Viewer, publish_problem,
};
use app::ports::Showcases;
use chrono::Utc;

use crate::db;
use crate::entities::{producers, showcase_translations, showcases};
use crate::error::StoreError;
use crate::repo::convert::{localized, pick_translation, slug as parse_slug};
use crate::repo::showcase::{self as repo, calendar};
use crate::repo::{listing, own_listing, producer};

pub struct ShowcasesService {
    db: Db,
    public_url: url::Url,
}

/// Whether the organiser may change the showcase: a member of its
/// organisation (`showcases.organiser_user_id` names its founding account)
/// whose role edits showcases.
pub(crate) fn may_edit(organiser: &OrganiserAccess, showcase: &showcases::Model) -> bool {
    showcase.organiser_user_id == organiser.organisation()
        && organiser.role().may(app::domain::WorkspaceAction::EditShowcases)
}

/// Whether the viewer may see the showcase's page.
fn may_see(viewer: Option<&Viewer>, showcase: &showcases::Model) -> bool {
    showcase.status == ShowcaseStatus::Published.slug()
        || viewer.is_some_and(|viewer| {
            viewer.role == Role::Admin || viewer.as_organiser().is_ok_and(|organiser| may_edit(&organiser, showcase))
        })
}

fn status_of(model: &showcases::Model) -> Result<ShowcaseStatus, StoreError> {
    parse_slug(&model.status, ShowcaseStatus::from_slug, "showcase status")
}

/// The cover photo's variants, when one was uploaded.
fn cover_of(model: &showcases::Model) -> Option<app::domain::PhotoRef> {
    let (key, width, height) = (model.cover_key.as_ref()?, model.cover_width?, model.cover_height?);
    Some(app::domain::PhotoRef {
        base: format!("{}/{key}", crate::media::MEDIA_URL_PREFIX),
        width: u32::try_from(width).ok()?,
        height: u32::try_from(height).ok()?,
    })
}

fn themes_of(model: &showcases::Model) -> Vec<String> {
    model.themes.as_deref().and_then(|json| serde_json::from_str(json).ok()).unwrap_or_default()
}

impl ShowcasesService {
    pub fn new(db: Db, public_url: url::Url) -> ShowcasesService {
        ShowcasesService { db, public_url }
    }

    /// `publish_problem` for the showcase as stored (seen through `db`, a
    /// transaction when checking a change about to be committed): its titled
    /// languages and the exhibitors buyers may see.
    async fn publishable(&self, db: &impl sea_orm::ConnectionTrait, id: i64) -> Result<(), AppError> {
        let titled = repo::texts(db, id).await?.len();
        let exhibitors: Vec<i64> = repo::exhibitors(db, id).await?.into_iter().map(|e| e.producer_id).collect();
        let public = producer::visible_count(db, &exhibitors).await?;
        match publish_problem(titled, public as usize) {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// The showcase the organiser may change, or `NotFound`.
    async fn own(&self, organiser: &OrganiserAccess, id: i64) -> Result<showcases::Model, AppError> {
        match repo::by_id(&self.db, id).await? {
            Some(showcase) if may_edit(organiser, &showcase) => Ok(showcase),
            _ => Err(AppError::NotFound),
        }
    }

    async fn line(&self, model: &showcases::Model) -> Result<ShowcaseLine, AppError> {
        let (exhibitors, listings) = repo::counts(&self.db, model.id).await?;
        Ok(ShowcaseLine {
            id: model.id,
            slug: model.slug.clone(),
            title: model.title.clone(),
            status: status_of(model)?,
            event_name: model.event_name.clone().unwrap_or_default(),
            city: model.event_city.clone().unwrap_or_default(),
            starts_on: calendar(model.starts_on),
            ends_on: calendar(model.ends_on),
            exhibitors,
            listings,
        })
    }

    /// The title in the reader's language (or the nearest), for lists.
    async fn localized_line(&self, model: &showcases::Model, locale: Locale) -> Result<ShowcaseLine, AppError> {
        let mut line = self.line(model).await?;
        let texts: Vec<(String, String)> =
            repo::texts(&self.db, model.id).await?.into_iter().map(|t| (t.locale, t.title)).collect();
        if let Some((_, title)) = pick_translation(&texts, locale) {
            line.title = title.clone();
        }
        Ok(line)
    }

    /// A free slug for the showcase: the one asked for (refused when
    /// taken), else one made from the title.
    async fn slug_for(&self, asked: Option<&str>, title: &str, id: Option<i64>) -> Result<String, AppError> {
        if let Some(slug) = asked {
            if repo::slug_taken(&self.db, slug, id).await? {
                return Err(AppError::invalid("slug", "invalid.slug_taken"));
            }
            return Ok(slug.to_owned());
        }
        let base = match crate::slug::slugify(title) {
            made if made.len() >= 3 => made.chars().take(70).collect::<String>().trim_end_matches('-').to_owned(),
            _ => "showcase".to_owned(),
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while repo::slug_taken(&self.db, &candidate, id).await? {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        Ok(candidate)
    }

    /// Exhibitors with their featured listings, as stored, each marked
    /// whether buyers may see it, for the page or the editor; and the
    /// producers' rows by slug.
    async fn curated(
        &self,
        showcase_id: i64,
        locale: Locale,
    ) -> Result<(Vec<CuratedExhibitor>, HashMap<String, producers::Model>), AppError> {
        let exhibitors = repo::exhibitors(&self.db, showcase_id).await?;
        let items = repo::items(&self.db, showcase_id).await?;
        let producer_ids: Vec<i64> = exhibitors.iter().map(|e| e.producer_id).collect();
        let all_producers = producer::by_ids(&self.db, &producer_ids).await?;
        let public_producers: HashSet<i64> =
            producer::visible_by_ids(&self.db, &producer_ids).await?.into_iter().map(|p| p.id).collect();
        let item_ids: Vec<i64> = items.iter().map(|i| i.listing_id).collect();
        let cards: HashMap<i64, app::domain::ListingCard> =
            listing::cards_by_ids(&self.db, &item_ids, locale).await?.into_iter().map(|c| (c.id, c)).collect();
        let owners: HashMap<i64, i64> = listing::owners_of(&self.db, &item_ids).await?;
        // Each listing's title in the reader's language (or the nearest).
        let titles: HashMap<i64, String> = own_listing::titles_of(&self.db, item_ids, locale).await?;
        let mut by_slug = HashMap::new();
        let mut curated = Vec::new();
        for exhibitor in &exhibitors {
            let Some(model) = all_producers.iter().find(|p| p.id == exhibitor.producer_id) else { continue };
            let listings = items
                .iter()
                .filter(|item| owners.get(&item.listing_id) == Some(&model.id))
                .map(|item| CuratedListing {
                    id: item.listing_id,
                    title: titles.get(&item.listing_id).cloned().unwrap_or_default(),
                    card: cards.get(&item.listing_id).cloned(),
                    note: item.note.clone(),
                })
                .collect();
            curated.push(CuratedExhibitor {
                slug: model.slug.clone(),
                name: model.trade_name.clone(),
                region: parse_slug(&model.region, Region::from_slug, "region")?,
                public: public_producers.contains(&model.id),
                note: exhibitor.note.clone(),
                stand: exhibitor.stand.clone(),
                listings,
            });
            by_slug.insert(model.slug.clone(), model.clone());
        }
        Ok((curated, by_slug))
    }

    fn form_of(model: &showcases::Model, texts: &[showcase_translations::Model]) -> ShowcaseForm {
        let mut form = ShowcaseForm {
            event_name: model.event_name.clone().unwrap_or_default(),
            city: model.event_city.clone().unwrap_or_default(),
            venue: model.venue.clone().unwrap_or_default(),
            starts_on: calendar(model.starts_on).to_string(),
            ends_on: calendar(model.ends_on).to_string(),
            themes: themes_of(model).join(", "),
            slug: model.slug.clone(),
            ..Default::default()
        };
        for text in texts {
            form.title.insert(text.locale.clone(), text.title.clone());
            form.description.insert(text.locale.clone(), text.description.clone());
        }
        form
    }
}

mod curation;

#[async_trait::async_trait]
impl Showcases for ShowcasesService {
    async fn mine(&self, organiser: &OrganiserAccess) -> Result<Vec<ShowcaseLine>, AppError> {
        let mut lines = Vec::new();
        for model in repo::of_organiser(&self.db, organiser.organisation()).await? {
            lines.push(self.line(&model).await?);
        }
        Ok(lines)
    }

    async fn editor(&self, organiser: &OrganiserAccess, id: i64, locale: Locale) -> Result<ShowcaseEditor, AppError> {
        let model = self.own(organiser, id).await?;
        let texts = repo::texts(&self.db, id).await?;
        let (exhibitors, _) = self.curated(id, locale).await?;
        Ok(ShowcaseEditor {
            id,
            slug: model.slug.clone(),
            status: status_of(&model)?,
            form: Self::form_of(&model, &texts),
            cover: cover_of(&model),
            exhibitors,
        })
    }

    async fn save(&self, organiser: &OrganiserAccess, id: Option<i64>, form: &ShowcaseForm) -> Result<i64, AppError> {
        let draft = form.validate()?;
        let existing = match id {
            Some(id) => Some(self.own(organiser, id).await?),
            None => None,
        };
        let published = existing.as_ref().is_some_and(|m| m.status == ShowcaseStatus::Published.slug());
        if published {
            // Printed QR codes and shared links name the published address.
            if existing.as_ref().is_some_and(|m| draft.slug.as_deref().is_some_and(|slug| slug != m.slug)) {
                return Err(AppError::invalid("slug", "invalid.slug_frozen"));
            }
            if draft.texts.len() < app::domain::PUBLISH_MIN_LANGUAGES {
                return Err(AppError::invalid("title_fr", "invalid.showcase_two_languages"));
            }
        }
        let slug = match &existing {
            Some(model) if published => model.slug.clone(),
            _ => self.slug_for(draft.slug.as_deref(), &draft.texts[0].title, id).await?,
        };
        let txn = db::begin_write(&self.db).await?;
        let saved = match repo::save(&txn, existing.clone(), organiser.organisation(), &slug, &draft, Utc::now()).await
        {
            Ok(saved) => saved,
            // Another showcase took the address meanwhile (the unique index).
            Err(_) if repo::slug_taken(&self.db, &slug, id).await? => {
                return Err(AppError::invalid("slug", "invalid.slug_taken"));
            }
            Err(error) => return Err(error.into()),
        };
        // A published showcase's change is public: the pages follow.
        if published {
            db::commit(txn).await?;
        } else {
            db::commit_private(txn).await?;
        }
        tracing::info!(showcase = saved, organiser = organiser.user_id(), "showcase saved");
        Ok(saved)
    }

    async fn change(&self, organiser: &OrganiserAccess, id: i64, change: ShowcaseChange) -> Result<(), AppError> {
        self.own(organiser, id).await?;
        // Read and checked under the row's lock: a removal or a save racing
        // the publication is seen by it, or sees it.
        let txn = db::begin_write(&self.db).await?;
        let model = repo::locked(&txn, id).await?.ok_or(AppError::NotFound)?;
        let next =
            status_of(&model)?.after(change).ok_or_else(|| AppError::invalid("status", "invalid.status_change"))?;
        if next == ShowcaseStatus::Published {
            self.publishable(&txn, id).await?;
        }
        repo::set_status(&txn, id, next).await?;
        db::commit(txn).await?;
        tracing::info!(showcase = id, status = next.slug(), "showcase state changed");
        Ok(())
    }

    async fn curate(&self, organiser: &OrganiserAccess, id: i64, step: Curation) -> Result<(), AppError> {
        self.own(organiser, id).await?;
        let txn = db::begin_write(&self.db).await?;
        // Locked: two removals from a published showcase cannot each leave
        // the other's exhibitor as the last one.
        let model = repo::locked(&txn, id).await?.ok_or(AppError::NotFound)?;
        self.apply(&txn, id, &step).await?;
        if model.status == ShowcaseStatus::Published.slug() {
            // A published showcase stays publishable: not emptied by a removal.
            self.publishable(&txn, id).await?;
            db::commit(txn).await?;
        } else {
            db::commit_private(txn).await?;
        }
        tracing::info!(showcase = id, ?step, "showcase curated");
        Ok(())
    }

    async fn leads(&self, organiser: &OrganiserAccess, id: i64) -> Result<ShowcaseLeads, AppError> {
        self.own(organiser, id).await?;
        let exhibitors = repo::exhibitors(&self.db, id).await?;
        let ids: Vec<i64> = exhibitors.iter().map(|e| e.producer_id).collect();
        let names: HashMap<i64, (String, String)> =
            producer::by_ids(&self.db, &ids).await?.into_iter().map(|p| (p.id, (p.slug, p.trade_name))).collect();
        let ordered: Vec<(i64, String, String)> = exhibitors
            .iter()
            .filter_map(|e| names.get(&e.producer_id).map(|(slug, name)| (e.producer_id, slug.clone(), name.clone())))
            .collect();
        let visits = repo::visits_by_exhibitor(&self.db, id).await?;
        let inquiries = repo::inquiries_by_exhibitor(&self.db, id).await?;
        Ok(ShowcaseLeads::compute(&ordered, &visits, &inquiries))
    }

    async fn published(&self, locale: Locale) -> Result<ShowcaseList, AppError> {
        let today = app::domain::CalendarDate::today();
        let mut list = ShowcaseList { upcoming: Vec::new(), past: Vec::new() };
        for model in repo::published(&self.db).await? {
            let line = self.localized_line(&model, locale).await?;
            if line.ends_on >= today {
                list.upcoming.push(line);
            } else {
                list.past.push(line);
            }
        }
        list.past.reverse();
        Ok(list)
    }

    async fn page(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        (sector, region): (Option<Sector>, Option<Region>),
        print: bool,
        locale: Locale,
    ) -> Result<ShowcasePage, AppError> {
        let model = repo::by_slug(&self.db, slug).await?.ok_or(AppError::NotFound)?;
        if !may_see(viewer, &model) {
            return Err(AppError::NotFound);
        }
        let texts = repo::texts(&self.db, model.id).await?;
        let titles: Vec<(String, String)> = texts.iter().map(|t| (t.locale.clone(), t.title.clone())).collect();
        let descriptions: Vec<(String, String)> = texts
            .iter()
            .filter(|t| !t.description.is_empty())
            .map(|t| (t.locale.clone(), t.description.clone()))
            .collect();
        let title = pick_translation(&titles, locale)
            .map(|(found, text)| localized(found, text))
            .unwrap_or_else(|| localized(locale, &model.title));
        let description = pick_translation(&descriptions, locale).map(|(found, text)| localized(found, text));
        let showcase_slug = model.slug.clone();
        let (curated, models) = self.curated(model.id, locale).await?;
        // What buyers may see: public exhibitors, and their public listings.
        let public: Vec<&CuratedExhibitor> = curated.iter().filter(|e| e.public).collect();
        let public_models: Vec<producers::Model> = public.iter().filter_map(|e| models.get(&e.slug).cloned()).collect();
        let cards: HashMap<String, app::domain::ProducerCard> = producer::cards_for(&self.db, public_models.clone())
            .await?
            .into_iter()
            .map(|c| (c.slug.clone(), c))
            .collect();
        let ids: Vec<i64> = public_models.iter().map(|m| m.id).collect();
        let certifications: HashMap<i64, Vec<Certification>> = producer::certifications_of(&self.db, &ids).await?;
        let mut sectors: HashMap<Sector, u64> = HashMap::new();
        let mut regions: HashMap<Region, u64> = HashMap::new();
        let mut exhibitors = Vec::new();
        for curated in public {
            let (Some(card), Some(model)) = (cards.get(&curated.slug), models.get(&curated.slug)) else { continue };
            for s in &card.sectors {
                *sectors.entry(*s).or_default() += 1;
            }
            *regions.entry(card.region).or_default() += 1;
            if sector.is_some_and(|s| !card.sectors.contains(&s)) || region.is_some_and(|r| card.region != r) {
                continue;
            }
            exhibitors.push(Exhibitor {
                producer: card.clone(),
                logo: model.logo_key.as_ref().map(|key| format!("{}/{key}", crate::media::MEDIA_URL_PREFIX)),
                website: model.website.clone(),
                certifications: certifications.get(&model.id).cloned().unwrap_or_default(),
                note: curated.note.clone(),
                stand: curated.stand.clone(),
                listings: curated
                    .listings
                    .iter()
                    .filter_map(|l| l.card.clone().map(|card| FeaturedListing { card, note: l.note.clone() }))
                    .collect(),
                qr_svg: print.then(|| {
                    let path = format!("/{}/producers/{}?showcase={}", locale.code(), card.slug, showcase_slug);
                    qr_code_svg(&super::link_to(&self.public_url, &path))
                }),
            });
        }
        let mut sectors: Vec<(Sector, u64)> = sectors.into_iter().collect();
        sectors.sort_by_key(|(s, n)| (std::cmp::Reverse(*n), *s));
        let mut regions: Vec<(Region, u64)> = regions.into_iter().collect();
        regions.sort_by_key(|(r, n)| (std::cmp::Reverse(*n), *r));
        Ok(ShowcasePage {
            id: model.id,
            slug: model.slug.clone(),
            title,
            description,
            status: status_of(&model)?,
            event_name: model.event_name.clone().unwrap_or_default(),
            city: model.event_city.clone().unwrap_or_default(),
            venue: model.venue.clone(),
            starts_on: calendar(model.starts_on),
            ends_on: calendar(model.ends_on),
            themes: themes_of(&model),
            cover: cover_of(&model),
            exhibitors,
            sectors,
            regions,
            sector,
            region,
        })
    }
}

/// A QR code of `link` as an SVG (black on white, with its quiet zone),
/// sized by the page's CSS.
pub fn qr_code_svg(link: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::with_error_correction_level(link.as_bytes(), qrcode::EcLevel::M) {
        Ok(code) => code.render::<svg::Color<'_>>().min_dimensions(160, 160).quiet_zone(true).build(),
        Err(error) => {
            tracing::error!(?error, link, "cannot draw a QR code");
            String::new()
        }
    }
}
