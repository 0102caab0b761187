//! Producers as buyers see them: cards with their number of published
//! listings, and the full public profile. Also producers by id whatever
//! their state, and the onboarding stamps a trade office's onboarding
//! writes (`onboarded_at`, `claimed_at`).

use std::collections::HashMap;

use app::domain::{
    Certification, CountryCode, HeldCertification, LegalForm, Locale, ProducerCard, ProducerDetail, Region, Sector,
    SizeBand,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, Unchanged,
};

use super::convert::{localized, pick_translation, slug, slug_list, strings};
use super::{listing, visibility};
use crate::entities::{listings, producer_certifications, producer_translations, producers};
use crate::error::StoreError;

/// How many listings a producer page shows.
const PRODUCER_PAGE_LISTINGS: u64 = 48;

/// How many of the listings `select` picks each producer of `ids` has, in
/// one grouped query (producers without any are absent).
pub async fn listing_counts(
    db: &impl ConnectionTrait,
    select: sea_orm::Select<listings::Entity>,
    ids: Vec<i64>,
) -> Result<HashMap<i64, i64>, StoreError> {
    Ok(select
        .select_only()
        .column(listings::Column::ProducerId)
        .column_as(listings::Column::Id.count(), "n")
        .filter(listings::Column::ProducerId.is_in(ids))
        .group_by(listings::Column::ProducerId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Cards for producer rows, with their published-listing counts in one query.
pub async fn cards_for(
    db: &impl ConnectionTrait,
    models: Vec<producers::Model>,
) -> Result<Vec<ProducerCard>, StoreError> {
    let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
    let counts = listing_counts(db, visibility::listings(), ids).await?;
    models
        .into_iter()
        .map(|model| {
            let count = counts.get(&model.id).copied().unwrap_or(0);
            card(&model, count)
        })
        .collect()
}

fn card(model: &producers::Model, listing_count: i64) -> Result<ProducerCard, StoreError> {
    Ok(ProducerCard {
        slug: model.slug.clone(),
        name: model.trade_name.clone(),
        legal_form: slug(&model.legal_form, LegalForm::from_slug, "legal form")?,
        region: slug(&model.region, Region::from_slug, "region")?,
        city: model.city.clone(),
        verified: model.verified,
        year_founded: model.year_founded,
        sectors: slug_list(&model.sectors, Sector::from_slug, "sector")?,
        listing_count: listing_count.max(0) as u64,
    })
}

/// Producers of a region: verified first, then by name.
pub async fn in_region(db: &impl ConnectionTrait, region: Region, limit: u64) -> Result<Vec<ProducerCard>, StoreError> {
    let models = visibility::producers()
        .filter(producers::Column::Region.eq(region.slug()))
        .order_by_desc(producers::Column::Verified)
        .order_by_asc(producers::Column::TradeName)
        .limit(limit)
        .all(db)
        .await?;
    cards_for(db, models).await
}

/// A producer's descriptions as (language code, text) pairs.
pub async fn descriptions(db: &impl ConnectionTrait, producer_id: i64) -> Result<Vec<(String, String)>, StoreError> {
    Ok(producer_translations::Entity::find()
        .filter(producer_translations::Column::ProducerId.eq(producer_id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.locale, t.description))
        .collect())
}

/// A producer's public profile, or `None`.
pub async fn detail(
    db: &impl ConnectionTrait,
    slug_text: &str,
    locale: Locale,
) -> Result<Option<ProducerDetail>, StoreError> {
    let Some(model) = visibility::producers().filter(producers::Column::Slug.eq(slug_text)).one(db).await? else {
        return Ok(None);
    };
    let texts = descriptions(db, model.id).await?;
    let description = pick_translation(&texts, locale).map(|(found, text)| localized(found, text));
    let certifications = producer_certifications::Entity::find()
        .filter(producer_certifications::Column::ProducerId.eq(model.id))
        .order_by_asc(producer_certifications::Column::Certification)
        .all(db)
        .await?
        .into_iter()
        .map(|held| {
            Ok(HeldCertification {
                certification: slug(&held.certification, Certification::from_slug, "certification")?,
                valid_until: held.valid_until.map(|date| date.format("%Y-%m-%d").to_string()),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let listings = listing::cards(
        db,
        listing::published().filter(listings::Column::ProducerId.eq(model.id)),
        locale,
        PRODUCER_PAGE_LISTINGS,
    )
    .await?;
    let export_markets = strings(&model.export_markets)?
        .iter()
        .map(|code| CountryCode::parse(code).map_err(StoreError::Corrupt))
        .collect::<Result<Vec<_>, _>>()?;
    let card = cards_for(db, vec![model.clone()]).await?.remove(0);
    Ok(Some(ProducerDetail {
        card,
        legal_name: model.legal_name.clone(),
        logo: model.logo_key.as_ref().map(|key| format!("{}/{key}", crate::media::MEDIA_URL_PREFIX)),
        description,
        size_band: model.size_band.as_deref().map(|s| slug(s, SizeBand::from_slug, "size band")).transpose()?,
        export_since: model.export_since_year,
        website: model.website.clone(),
        export_markets,
        languages: strings(&model.languages)?,
        certifications,
        listings,
        member_since: model.created_at.format("%Y-%m-%d").to_string(),
        // Filled in by the catalogue service from the conversations.
        response: app::domain::ResponseMetrics::New,
    }))
}

/// A producer by id, whatever its state.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<producers::Model>, StoreError> {
    Ok(producers::Entity::find_by_id(id).one(db).await?)
}

/// The trade names of the producers `ids`.
pub async fn trade_names(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, String>, StoreError> {
    let found = producers::Entity::find().filter(producers::Column::Id.is_in(ids.iter().copied())).all(db).await?;
    Ok(found.into_iter().map(|producer| (producer.id, producer.trade_name)).collect())
}

/// A producer buyers may see (`visibility::producers`), by public slug.
pub async fn visible_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<producers::Model>, StoreError> {
    Ok(visibility::producers().filter(producers::Column::Slug.eq(slug)).one(db).await?)
}

/// Of the producers `ids`, those buyers may see.
pub async fn visible_by_ids(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<producers::Model>, StoreError> {
    Ok(visibility::producers().filter(producers::Column::Id.is_in(ids.iter().copied())).all(db).await?)
}

/// The producers `ids`, whatever their state.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<producers::Model>, StoreError> {
    Ok(producers::Entity::find().filter(producers::Column::Id.is_in(ids.iter().copied())).all(db).await?)
}

/// How many of the producers `ids` buyers may see.
pub async fn visible_count(db: &impl ConnectionTrait, ids: &[i64]) -> Result<u64, StoreError> {
    Ok(visibility::producers().filter(producers::Column::Id.is_in(ids.iter().copied())).count(db).await?)
}

/// The certifications each producer of `ids` holds (unknown slugs left out;
/// producers without any are absent).
pub async fn certifications_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<Certification>>, StoreError> {
    let mut held: HashMap<i64, Vec<Certification>> = HashMap::new();
    for row in producer_certifications::Entity::find()
        .filter(producer_certifications::Column::ProducerId.is_in(ids.iter().copied()))
        .all(db)
        .await?
    {
        if let Some(certification) = Certification::from_slug(&row.certification) {
            held.entry(row.producer_id).or_default().push(certification);
        }
    }
    Ok(held)
}

/// Stamps the producer as created by its trade office (`onboarded_at`).
pub async fn set_onboarded(db: &impl ConnectionTrait, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
    producers::ActiveModel { id: Unchanged(id), onboarded_at: Set(Some(at)), ..Default::default() }.update(db).await?;
    Ok(())
}

/// Stamps the producer as claimed by its cooperative (`claimed_at`).
///
/// Only a producer not claimed yet: whether this call claimed it (of two
/// claims racing through two invitations, one wins).
pub async fn set_claimed(db: &impl ConnectionTrait, id: i64, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let done = producers::Entity::update_many()
        .col_expr(producers::Column::ClaimedAt, sea_orm::sea_query::Expr::value(Some(at)))
        .filter(producers::Column::Id.eq(id))
        .filter(producers::Column::ClaimedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// The producer, its row locked until the transaction ends (PostgreSQL;
/// SQLite's write transactions are serial already).
pub async fn lock(db: &impl ConnectionTrait, id: i64) -> Result<Option<producers::Model>, StoreError> {
    Ok(producers::Entity::find_by_id(id).lock_exclusive().one(db).await?)
}

/// Makes `user_id` the producer's holding account (the owner whose
/// suspension hides the company), when ownership moves.
pub async fn set_owner(db: &impl ConnectionTrait, id: i64, user_id: i64) -> Result<(), StoreError> {
    producers::ActiveModel { id: Unchanged(id), owner_user_id: Set(user_id), ..Default::default() }.update(db).await?;
    Ok(())
}
