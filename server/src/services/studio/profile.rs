//! Reading and saving the caller's company profile.

use std::collections::BTreeMap;

use app::domain::{AppError, CountryCode, ProfileEditor, ProfileForm, Viewer};
use chrono::{Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
};

use super::own_producer;
use crate::db;
use crate::entities::{listings, producer_certifications, producer_translations, producers, users};
use crate::error::{StoreError, conflict_on_unique};
use crate::repo::convert::{strings, to_json};
use crate::repo::search_outbox::{OutboxOp, enqueue};
use crate::seed::slugify;

/// The profile form filled from the database (empty for a new producer).
pub async fn editor(db: &DatabaseConnection, viewer: &Viewer) -> Result<ProfileEditor, AppError> {
    let Some(model) = own_producer(db, viewer).await? else {
        return Ok(ProfileEditor { form: ProfileForm::default(), slug: None, verified: false, logo_url: None });
    };
    let on = |key: String| (key, "on".to_owned());
    let descriptions: BTreeMap<String, String> = producer_translations::Entity::find()
        .filter(producer_translations::Column::ProducerId.eq(model.id))
        .all(db)
        .await
        .map_err(StoreError::from)?
        .into_iter()
        .map(|t| (t.locale, t.description))
        .collect();
    let held = producer_certifications::Entity::find()
        .filter(producer_certifications::Column::ProducerId.eq(model.id))
        .all(db)
        .await
        .map_err(StoreError::from)?;
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
    Ok(ProfileEditor { form, slug: Some(model.slug), verified: model.verified, logo_url })
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

/// Creates or updates the caller's producer, its descriptions and
/// certifications, and queues its listings for re-indexing (their cards show
/// the company), all in one transaction.
pub async fn save(db: &DatabaseConnection, viewer: &Viewer, form: &ProfileForm) -> Result<String, AppError> {
    let profile = form.validate(Utc::now().year())?;
    let txn = db::begin_write(db).await.map_err(StoreError::from)?;
    // Saves of one account's profile run one at a time (PostgreSQL row lock;
    // SQLite's write transaction), and `owner_user_id` is unique besides.
    users::Entity::find_by_id(viewer.user_id).lock_exclusive().one(&txn).await.map_err(StoreError::from)?;
    let existing = own_producer(&txn, viewer).await?;
    let now = Utc::now();
    let codes = |values: Vec<&str>| to_json(&values);
    let mut row = match &existing {
        Some(model) => producers::ActiveModel::from(model.clone()),
        None => producers::ActiveModel {
            owner_user_id: Set(viewer.user_id),
            slug: Set(free_slug(&txn, &profile.trade_name).await?),
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
        Some(_) => row.update(&txn).await,
        None => row.insert(&txn).await,
    }
    // No column a person types is unique: a clash on the slug or the owner
    // is a race that a second try resolves.
    .map_err(|e| conflict_on_unique(e, "profile"))?;
    producer_translations::Entity::delete_many()
        .filter(producer_translations::Column::ProducerId.eq(saved.id))
        .exec(&txn)
        .await
        .map_err(StoreError::from)?;
    for (locale, text) in &profile.descriptions {
        producer_translations::ActiveModel {
            producer_id: Set(saved.id),
            locale: Set(locale.code().to_owned()),
            description: Set(text.clone()),
        }
        .insert(&txn)
        .await
        .map_err(StoreError::from)?;
    }
    producer_certifications::Entity::delete_many()
        .filter(producer_certifications::Column::ProducerId.eq(saved.id))
        .exec(&txn)
        .await
        .map_err(StoreError::from)?;
    for held in &profile.certifications {
        let valid_until = held.valid_until.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        producer_certifications::ActiveModel {
            producer_id: Set(saved.id),
            certification: Set(held.certification.slug().to_owned()),
            valid_until: Set(valid_until),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(StoreError::from)?;
    }
    let listing_ids: Vec<i64> = listings::Entity::find()
        .select_only()
        .column(listings::Column::Id)
        .filter(listings::Column::ProducerId.eq(saved.id))
        .into_tuple()
        .all(&txn)
        .await
        .map_err(StoreError::from)?;
    for id in listing_ids {
        enqueue(&txn, id, OutboxOp::Upsert).await?;
    }
    txn.commit().await.map_err(StoreError::from)?;
    tracing::info!(producer = saved.id, user = viewer.user_id, "company profile saved");
    Ok(saved.slug)
}
