//! A producer's profile as its owner edits it: the editor's form filled from
//! the rows, and the save of the company, its descriptions and its
//! certifications. (What buyers see of a producer is `repo::producer`.)

use std::collections::BTreeMap;

use app::domain::{CompanyProfile, CountryCode, ProfileEditor, ProfileForm, Seat, TeamKind, TeamRole};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use super::convert::{strings, to_json};
use crate::entities::{producer_certifications, producer_translations, producers, users};
use crate::error::{StoreError, unique_as};
use crate::slug::slugify;

/// The producer an account works for (any role in its team), if any.
pub async fn of_member(db: &impl ConnectionTrait, user_id: i64) -> Result<Option<producers::Model>, StoreError> {
    match super::team_member::seat_of(db, user_id).await? {
        Some(seat) if seat.kind == TeamKind::Producer => super::producer::by_id(db, seat.company_id).await,
        _ => Ok(None),
    }
}

/// A producer by its slug, whatever its state: for its regional office's
/// tools, never for a public read (those start from `repo::visibility`).
pub async fn by_slug_for_office(db: &impl ConnectionTrait, slug: &str) -> Result<Option<producers::Model>, StoreError> {
    Ok(producers::Entity::find().filter(producers::Column::Slug.eq(slug)).one(db).await?)
}

/// The profile form filled from the database (empty for a new producer).
pub async fn editor(
    db: &impl ConnectionTrait,
    producer: Option<producers::Model>,
) -> Result<ProfileEditor, StoreError> {
    let Some(model) = producer else {
        return Ok(ProfileEditor {
            form: ProfileForm::default(),
            slug: None,
            verified: false,
            logo_url: None,
            legal_locked: false,
        });
    };
    let on = |key: String| (key, "on".to_owned());
    let descriptions: BTreeMap<String, String> =
        super::producer::descriptions(db, model.id).await?.into_iter().collect();
    let held = producer_certifications::Entity::find()
        .filter(producer_certifications::Column::ProducerId.eq(model.id))
        .all(db)
        .await?;
    let form = ProfileForm {
        legal_name: model.legal_name.clone(),
        trade_name: model.trade_name.clone(),
        ice: model.declared_ice.clone().unwrap_or_default(),
        legal_form: model.legal_form.clone(),
        region: model.region.clone(),
        city: model.city.clone(),
        sectors: strings(&model.sectors)?.into_iter().map(on).collect(),
        year_founded: model.year_founded.map(|y| y.to_string()).unwrap_or_default(),
        size_band: model.size_band.clone().unwrap_or_default(),
        export_since_year: model.export_since_year.map(|y| y.to_string()).unwrap_or_default(),
        export_markets: strings(&model.export_markets)?.join(", "),
        languages: strings(&model.languages)?.into_iter().map(on).collect(),
        certifications: held.iter().map(|h| on(h.certification.clone())).collect(),
        certification_until: held
            .iter()
            .filter_map(|h| h.valid_until.map(|d| (h.certification.clone(), d.format("%Y-%m-%d").to_string())))
            .collect(),
        website: model.website.clone().unwrap_or_default(),
        description: descriptions,
    };
    let logo_url = model.logo_key.as_ref().map(|key| format!("{}/{key}", crate::media::MEDIA_URL_PREFIX));
    Ok(ProfileEditor { form, slug: Some(model.slug), verified: model.verified, logo_url, legal_locked: false })
}

/// A slug no other producer has: the trade name's, then `-2`, `-3`…
async fn free_slug(db: &impl ConnectionTrait, name: &str) -> Result<String, StoreError> {
    let base = match slugify(name) {
        slug if slug.is_empty() => "producer".to_owned(),
        slug => slug,
    };
    let taken: Vec<String> = producers::Entity::find()
        .select_only()
        .column(producers::Column::Slug)
        .filter(producers::Column::Slug.starts_with(&base))
        .into_tuple()
        .all(db)
        .await?;
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

/// Locks the owner's account row until the transaction ends, so saves of one
/// account's profile run one at a time (PostgreSQL row lock; SQLite's write
/// transaction is exclusive already).
pub async fn lock_owner(db: &impl ConnectionTrait, user_id: i64) -> Result<(), StoreError> {
    users::Entity::find_by_id(user_id).lock_exclusive().one(db).await?;
    Ok(())
}

/// Updates `existing`, or creates a producer whose first owner is
/// `founder` (seated as its owner), with its descriptions and
/// certifications. `verified`, `featured`, the owner and the logo never come
/// from the profile. Returns the producer's id and slug.
pub async fn save(
    db: &impl ConnectionTrait,
    existing: Option<producers::Model>,
    founder: i64,
    profile: &CompanyProfile,
    now: DateTime<Utc>,
) -> Result<(i64, String), StoreError> {
    let creating = existing.is_none();
    let codes = |values: Vec<&str>| to_json(&values);
    let mut row = match &existing {
        Some(model) => producers::ActiveModel::from(model.clone()),
        None => producers::ActiveModel {
            owner_user_id: Set(founder),
            slug: Set(free_slug(db, &profile.trade_name).await?),
            verified: Set(false),
            featured: Set(false),
            logo_key: Set(None),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.legal_name = Set(profile.legal_name.clone());
    row.trade_name = Set(profile.trade_name.clone());
    // Only what the producer declares; the unique `ice` is set by verification.
    row.declared_ice = Set(profile.ice.as_ref().map(|ice| ice.as_str().to_owned()));
    row.legal_form = Set(profile.legal_form.slug().to_owned());
    row.region = Set(profile.region.slug().to_owned());
    row.city = Set(profile.city.clone());
    row.sectors = Set(codes(profile.sectors.iter().map(|s| s.slug()).collect()));
    row.year_founded = Set(profile.year_founded);
    row.size_band = Set(profile.size_band.map(|s| s.slug().to_owned()));
    row.export_since_year = Set(profile.export_since_year);
    row.export_markets = Set(codes(profile.export_markets.iter().map(|c: &CountryCode| c.as_str()).collect()));
    row.languages = Set(codes(profile.languages.clone()));
    row.website = Set(profile.website.clone());
    row.updated_at = Set(now);
    let saved = match existing {
        Some(_) => row.update(db).await,
        None => row.insert(db).await,
    }
    // No column a person types is unique: a clash on the slug or the owner
    // is a race that a second try resolves.
    .map_err(|e| unique_as(e, "profile"))?;
    if creating {
        let seat = Seat { kind: TeamKind::Producer, company_id: saved.id, role: TeamRole::Owner };
        super::team_member::insert(db, seat, founder, now).await?;
    }
    producer_translations::Entity::delete_many()
        .filter(producer_translations::Column::ProducerId.eq(saved.id))
        .exec(db)
        .await?;
    for (locale, text) in &profile.descriptions {
        producer_translations::ActiveModel {
            producer_id: Set(saved.id),
            locale: Set(locale.code().to_owned()),
            description: Set(text.clone()),
        }
        .insert(db)
        .await?;
    }
    producer_certifications::Entity::delete_many()
        .filter(producer_certifications::Column::ProducerId.eq(saved.id))
        .exec(db)
        .await?;
    for held in &profile.certifications {
        let valid_until = held.valid_until.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        producer_certifications::ActiveModel {
            producer_id: Set(saved.id),
            certification: Set(held.certification.slug().to_owned()),
            valid_until: Set(valid_until),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok((saved.id, saved.slug))
}

/// Points the producer's logo at `key`, re-reading the row under its lock
/// (inside the caller's write transaction); returns the key it replaced. Of
/// two uploads racing, the second sees the first one's logo as the old one.
pub async fn set_logo(
    db: &impl ConnectionTrait,
    producer_id: i64,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, StoreError> {
    let current = producers::Entity::find_by_id(producer_id)
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("producer {producer_id} vanished during a logo upload")))?;
    let old = current.logo_key.clone();
    let mut row = producers::ActiveModel::from(current);
    row.logo_key = Set(Some(key.to_owned()));
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(old)
}
