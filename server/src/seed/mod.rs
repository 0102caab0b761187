//! `server seed --demo` and `serve --demo`: writes the demo catalogue into an
//! empty database, in one write transaction, with its placeholder photos.
//! A database that already has producers is left alone, so a restart never
//! seeds twice.

mod catalogue;
mod conversations;
mod documents;
mod offices;
mod product_texts;
mod products;
mod regions;
mod requests;
pub mod rng;
mod showcases;
mod team;
mod texts;
mod views;

use std::fmt;
use std::time::Instant;

use app::domain::{AccountStatus, ListingStatus};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};

use crate::db::Db;

pub use catalogue::{PHOTOS_PER_SECTOR, demo_catalogue};
pub use offices::DEMO_SOUSS_ADMIN_EMAIL;
pub use requests::{DEMO_COOPERATIVE_AR_EMAIL, DEMO_COOPERATIVE_FR_EMAIL};
pub use showcases::{DEMO_ADMIN_EMAIL, DEMO_ORGANISER_EMAIL};
pub use team::{DEMO_MANAGER_EMAIL, DEMO_SALES_AMERICAS_EMAIL, DEMO_SALES_ASIA_EMAIL};

use crate::db;
use crate::entities::{
    listing_photos, listing_translations, listings, producer_certifications, producer_translations, producers, users,
};
use crate::media::placeholder::{Placeholder, ensure_pool};
use crate::media::storage::MediaStorage;
use crate::repo::convert::to_json;

/// What seeding did.
#[derive(Debug, Default)]
pub struct SeedReport {
    pub skipped: bool,
    pub producers: usize,
    pub listings: usize,
    pub published: usize,
    pub photos: usize,
    pub conversations: usize,
    pub views: u64,
    pub showcases: usize,
    pub verification_requests: usize,
    pub requests: usize,
    pub seconds: f64,
}

impl fmt::Display for SeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.skipped {
            return f.write_str("the database already has producers: demo catalogue not seeded again");
        }
        write!(
            f,
            "seeded the demo catalogue: {} producers, {} listings ({} published), {} photos, {} conversations, {} listing views, {} showcases, {} verification requests waiting, {} buying requests in {:.1} s; \
             sign in as {DEMO_PRODUCER_EMAIL} (its team: {DEMO_MANAGER_EMAIL}, {DEMO_SALES_AMERICAS_EMAIL}, \
             {DEMO_SALES_ASIA_EMAIL}), {DEMO_BUYER_EMAIL}, {DEMO_ORGANISER_EMAIL}, {DEMO_ADMIN_EMAIL} (national trade team), \
             {DEMO_SOUSS_ADMIN_EMAIL} (Souss-Massa trade office), or the Souss-Massa cooperatives {DEMO_COOPERATIVE_AR_EMAIL} and {DEMO_COOPERATIVE_FR_EMAIL} with the password `{DEMO_PASSWORD}`",
            self.producers,
            self.listings,
            self.published,
            self.photos,
            self.conversations,
            self.views,
            self.showcases,
            self.verification_requests,
            self.requests,
            self.seconds
        )
    }
}

fn day(offset: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 9, 0, 0).single().unwrap_or_default()
        + Duration::days(offset)
        + Duration::minutes(offset * 37 % 600)
}

/// The demo producer account (owner of the first demo producer).
pub const DEMO_PRODUCER_EMAIL: &str = "producer@demo.trade.ma";
/// The demo buyer account.
pub const DEMO_BUYER_EMAIL: &str = "buyer@demo.trade.ma";
/// The password of both demo accounts (printed in the README; demo data only).
pub const DEMO_PASSWORD: &str = "tradema demo 2026";

/// Seeds the demo catalogue unless the database already has producers; the
/// placeholder photos go to `storage`.
pub async fn seed_demo_if_empty(db: &Db, storage: &dyn MediaStorage) -> anyhow::Result<SeedReport> {
    if producers::Entity::find().count(db).await? > 0 {
        return Ok(SeedReport { skipped: true, ..SeedReport::default() });
    }
    let started = Instant::now();
    let pool = ensure_pool(storage, PHOTOS_PER_SECTOR).await?;
    let catalogue = demo_catalogue();
    let mut report = SeedReport::default();
    let demo_hash = crate::auth::password::hash(DEMO_PASSWORD)
        .map_err(|e| anyhow::anyhow!("cannot hash the demo password: {e}"))?;
    let tx = db::begin_write(db).await?;
    let mut demo_side: Option<conversations::DemoProducerSide> = None;
    for (index, producer) in catalogue.iter().enumerate() {
        let joined = day(producer.joined_day);
        // The first producer is the demo account people sign in with; the
        // others cannot sign in (no password hash matches "!").
        let (email, password_hash) = if index == 0 {
            (DEMO_PRODUCER_EMAIL.to_owned(), demo_hash.clone())
        } else {
            (format!("{}@demo.trade.ma", producer.slug), "!".to_owned())
        };
        let user = users::ActiveModel {
            email: Set(email),
            password_hash: Set(password_hash),
            display_name: Set(producer.trade_name.clone()),
            role: Set("producer".to_owned()),
            status: Set(AccountStatus::Active.slug().to_owned()),
            locale: Set("fr".to_owned()),
            country: Set(Some("MA".to_owned())),
            email_verified_at: Set(Some(joined)),
            created_at: Set(joined),
            updated_at: Set(joined),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        let row = producers::ActiveModel {
            owner_user_id: Set(user.id),
            slug: Set(producer.slug.clone()),
            legal_name: Set(producer.legal_name.clone()),
            trade_name: Set(producer.trade_name.clone()),
            ice: Set(producer.verified.then(|| producer.ice.clone())),
            declared_ice: Set(Some(producer.ice.clone())),
            legal_form: Set(producer.legal_form.slug().to_owned()),
            region: Set(producer.region.slug().to_owned()),
            city: Set(producer.city.clone()),
            sectors: Set(to_json(&producer.sectors)),
            year_founded: Set(Some(producer.year_founded)),
            size_band: Set(Some(producer.size_band.slug().to_owned())),
            export_since_year: Set(None),
            export_markets: Set(to_json(&producer.export_markets)),
            languages: Set(to_json(&producer.languages)),
            website: Set(None),
            logo_key: Set(None),
            verified: Set(producer.verified),
            featured: Set(false),
            created_at: Set(joined),
            updated_at: Set(joined),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        let owner = app::domain::Seat {
            kind: app::domain::TeamKind::Producer,
            company_id: row.id,
            role: app::domain::TeamRole::Owner,
        };
        crate::repo::team_member::insert(&tx, owner, user.id, joined).await?;
        if index == 0 {
            demo_side = Some(conversations::DemoProducerSide {
                producer_id: row.id,
                owner_user_id: user.id,
                listings: Vec::new(),
            });
        }
        producer_translations::Entity::insert_many(producer.descriptions.iter().map(|(locale, text)| {
            producer_translations::ActiveModel {
                producer_id: Set(row.id),
                locale: Set(locale.code().to_owned()),
                description: Set(text.clone()),
            }
        }))
        .exec(&tx)
        .await?;
        if !producer.certifications.is_empty() {
            producer_certifications::Entity::insert_many(producer.certifications.iter().map(|(cert, until)| {
                producer_certifications::ActiveModel {
                    producer_id: Set(row.id),
                    certification: Set(cert.slug().to_owned()),
                    valid_until: Set(NaiveDate::parse_from_str(until, "%Y-%m-%d").ok()),
                    ..Default::default()
                }
            }))
            .exec(&tx)
            .await?;
        }
        for listing in &producer.listings {
            let published_at = day(listing.published_day);
            let (price_min, price_max, currency) = match listing.price {
                Some((min, max, currency)) => (Some(min), Some(max), Some(currency.slug().to_owned())),
                None => (None, None, None),
            };
            let saved = listings::ActiveModel {
                producer_id: Set(row.id),
                slug: Set(listing.slug.clone()),
                status: Set(if listing.published { ListingStatus::Published } else { ListingStatus::Draft }
                    .slug()
                    .to_owned()),
                sector: Set(listing.sector.slug().to_owned()),
                subsector: Set(None),
                hs_code: Set(Some(listing.hs_code.clone())),
                origin_region: Set(listing.origin_region.slug().to_owned()),
                moq_amount: Set(Some(listing.moq.0)),
                moq_unit: Set(Some(listing.moq.1.slug().to_owned())),
                price_min_minor: Set(price_min),
                price_max_minor: Set(price_max),
                currency: Set(currency),
                incoterms: Set(to_json(&listing.incoterms)),
                certifications: Set(to_json(&listing.certifications)),
                origin_labels: Set(to_json(&listing.origin_labels)),
                port_of_loading: Set(Some(listing.port.clone())),
                lead_time_days: Set(Some(listing.lead_time_days)),
                capacity_amount: Set(Some(listing.capacity.0)),
                capacity_unit: Set(Some(listing.capacity.1.slug().to_owned())),
                featured: Set(false),
                published_at: Set(listing.published.then_some(published_at)),
                created_at: Set(published_at),
                updated_at: Set(published_at),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            listing_translations::Entity::insert_many(listing.texts.iter().map(|(locale, title, description)| {
                listing_translations::ActiveModel {
                    listing_id: Set(saved.id),
                    locale: Set(locale.code().to_owned()),
                    title: Set(title.clone()),
                    description: Set(description.clone()),
                }
            }))
            .exec(&tx)
            .await?;
            let sector_photos: &[Placeholder] =
                pool.iter().find(|(sector, _)| *sector == listing.sector).map_or(&[], |(_, photos)| photos.as_slice());
            let photos: Vec<listing_photos::ActiveModel> = listing
                .photos
                .iter()
                .filter_map(|index| sector_photos.get(*index))
                .enumerate()
                .map(|(position, photo)| listing_photos::ActiveModel {
                    listing_id: Set(saved.id),
                    position: Set(position as i32),
                    storage_key: Set(photo.key.clone()),
                    width: Set(photo.width as i32),
                    height: Set(photo.height as i32),
                    created_at: Set(published_at),
                    ..Default::default()
                })
                .collect();
            report.photos += photos.len();
            if !photos.is_empty() {
                listing_photos::Entity::insert_many(photos).exec(&tx).await?;
            }
            // The search indexer picks every listing up from the change feed.
            crate::repo::search_changes::record(&tx, saved.id, crate::repo::search_changes::OutboxOp::Upsert).await?;
            if let (0, Some(side), true) = (index, demo_side.as_mut(), listing.published) {
                let title = listing.texts.iter().find(|(locale, _, _)| *locale == app::domain::Locale::Fr);
                let title = title.map_or_else(|| listing.slug.clone(), |(_, title, _)| title.clone());
                side.listings.push((saved.id, title, listing.moq.1.slug()));
            }
            report.listings += 1;
            report.published += usize::from(listing.published);
        }
        report.producers += 1;
    }
    let at = day(0);
    let demo_buyer = users::ActiveModel {
        email: Set(DEMO_BUYER_EMAIL.to_owned()),
        password_hash: Set(demo_hash.clone()),
        display_name: Set("Demo buyer (São Paulo)".to_owned()),
        role: Set("buyer".to_owned()),
        status: Set(AccountStatus::Active.slug().to_owned()),
        locale: Set("en".to_owned()),
        country: Set(Some("BR".to_owned())),
        email_verified_at: Set(Some(at)),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    if let Some(side) = &demo_side {
        let mut team = team::seed(&tx, side.producer_id, side.owner_user_id, &demo_hash, Utc::now()).await?;
        report.conversations = conversations::seed(&tx, side, &mut team, demo_buyer.id, Utc::now()).await?;
        let listing_ids: Vec<i64> = side.listings.iter().map(|(id, _, _)| *id).collect();
        report.views = views::seed(&tx, &listing_ids, Utc::now()).await?;
        // A saved search, so the demo buyer's list is not empty.
        crate::repo::saved_search::insert(&tx, demo_buyer.id, "q=argan&region=souss-massa", "fr", Utc::now()).await?;
    }
    // The reference rates buyers' comparisons use (the national team keeps them).
    let today = app::domain::CalendarDate::from_days_since_epoch(Utc::now().timestamp().div_euclid(86_400));
    for (currency, mad_per_unit) in [(app::domain::Currency::Eur, 10_850_000), (app::domain::Currency::Usd, 9_950_000)]
    {
        let line = app::domain::RateLine { currency, mad_per_unit, as_of: today };
        crate::repo::exchange_rate::set_rate(&tx, &line, None, Utc::now()).await?;
    }
    documents::seed(&tx, Utc::now()).await?;
    report.showcases = showcases::seed(&tx, &demo_hash, Utc::now()).await?;
    report.verification_requests = offices::seed(&tx, &demo_hash, Utc::now()).await?.pending;
    if demo_side.is_some() {
        report.requests = requests::seed(&tx, &demo_hash, Utc::now()).await?;
    }
    db::commit(tx).await?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}
