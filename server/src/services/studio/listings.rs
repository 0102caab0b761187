//! The caller's listings: the dashboard rows, the editor, saving, status
//! changes and deletion. Rows are read back into a `ListingDraft` so the
//! editor and the completeness score see exactly what a save would produce.

use std::collections::HashMap;

use app::domain::{
    AppError, Certification, Completeness, Dashboard, HsCode, Incoterm, ListingDraft, ListingEditor, ListingForm,
    ListingStatus, ListingText, Locale, OriginLabel, OwnListing, OwnPhoto, PriceRange, ProducerAccess, Region, Sector,
    StatusChange,
};
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::{own_listing, own_producer};
use crate::db;
use crate::entities::{listing_photos, listing_translations, listings, producers};
use crate::error::StoreError;
use crate::media::photo_ref;
use crate::repo::convert::{localized, pick_translation, slug, slug_list, to_json};
use crate::repo::listing::{price, quantity};
use crate::repo::search_outbox::{OutboxOp, enqueue};
use crate::slug::slugify;

/// Rebuilds the draft a listing row and its translations came from.
pub(crate) fn draft_of(
    model: &listings::Model,
    texts: &[listing_translations::Model],
) -> Result<ListingDraft, StoreError> {
    let mut texts: Vec<ListingText> = texts
        .iter()
        .filter_map(|t| {
            Locale::from_code(&t.locale).map(|locale| ListingText {
                locale,
                title: t.title.clone(),
                description: t.description.clone(),
            })
        })
        .collect();
    texts.sort_by_key(|t| Locale::ALL.iter().position(|l| *l == t.locale));
    Ok(ListingDraft {
        texts,
        sector: slug(&model.sector, Sector::from_slug, "sector")?,
        subsector: model.subsector.clone(),
        hs_code: model.hs_code.as_deref().and_then(|code| HsCode::parse(code).ok()),
        origin_region: Some(slug(&model.origin_region, Region::from_slug, "region")?),
        moq: quantity(model.moq_amount, model.moq_unit.as_deref())?,
        price: price(model)?,
        incoterms: slug_list(&model.incoterms, Incoterm::from_slug, "incoterm")?,
        port_of_loading: model.port_of_loading.clone(),
        lead_time_days: model.lead_time_days.and_then(|d| u32::try_from(d).ok()),
        capacity: quantity(model.capacity_amount, model.capacity_unit.as_deref())?,
        certifications: slug_list(&model.certifications, Certification::from_slug, "certification")?,
        origin_labels: slug_list(&model.origin_labels, OriginLabel::from_slug, "origin label")?,
    })
}

fn status_of(model: &listings::Model) -> Result<ListingStatus, StoreError> {
    slug(&model.status, ListingStatus::from_slug, "listing status")
}

fn public_path(model: &listings::Model, status: ListingStatus, locale: Locale) -> Option<String> {
    (status == ListingStatus::Published).then(|| format!("/{}/listings/{}-{}", locale.code(), model.id, model.slug))
}

pub async fn dashboard(
    db: &DatabaseConnection,
    access: &ProducerAccess,
    locale: Locale,
) -> Result<Dashboard, AppError> {
    let Some(producer) = own_producer(db, access).await? else {
        return Ok(Dashboard { company_name: None, producer_path: None, listings: Vec::new() });
    };
    let models = listings::Entity::find()
        .filter(listings::Column::ProducerId.eq(producer.id))
        .order_by_desc(listings::Column::UpdatedAt)
        .all(db)
        .await
        .map_err(StoreError::from)?;
    let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
    let mut texts: HashMap<i64, Vec<listing_translations::Model>> = HashMap::new();
    for text in listing_translations::Entity::find()
        .filter(listing_translations::Column::ListingId.is_in(ids.clone()))
        .all(db)
        .await
        .map_err(StoreError::from)?
    {
        texts.entry(text.listing_id).or_default().push(text);
    }
    let photo_counts: HashMap<i64, i64> = listing_photos::Entity::find()
        .select_only()
        .column(listing_photos::Column::ListingId)
        .column_as(Expr::col(listing_photos::Column::Id).count(), "n")
        .filter(listing_photos::Column::ListingId.is_in(ids))
        .group_by(listing_photos::Column::ListingId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await
        .map_err(StoreError::from)?
        .into_iter()
        .collect();
    let mut rows = Vec::new();
    for model in &models {
        let texts = texts.remove(&model.id).unwrap_or_default();
        let photo_count = photo_counts.get(&model.id).copied().unwrap_or(0);
        let draft = draft_of(model, &texts)?;
        let pairs: Vec<(String, String)> = texts.iter().map(|t| (t.locale.clone(), t.title.clone())).collect();
        let (title_locale, title) = pick_translation(&pairs, locale)
            .ok_or_else(|| StoreError::Corrupt(format!("listing {} has no title", model.id)))?;
        let status = status_of(model)?;
        rows.push(OwnListing {
            id: model.id,
            title: localized(title_locale, title),
            status,
            completeness: Completeness::of(&draft, usize::try_from(photo_count).unwrap_or(0)).score,
            photo_count: u32::try_from(photo_count).unwrap_or(0),
            updated_on: model.updated_at.format("%Y-%m-%d").to_string(),
            public_path: public_path(model, status, locale),
        });
    }
    Ok(Dashboard {
        company_name: Some(producer.trade_name.clone()),
        producer_path: Some(format!("/{}/producers/{}", locale.code(), producer.slug)),
        listings: rows,
    })
}

pub async fn editor(db: &DatabaseConnection, access: &ProducerAccess, id: i64) -> Result<ListingEditor, AppError> {
    let (_, model) = own_listing(db, access, id).await?;
    let texts = listing_translations::Entity::find()
        .filter(listing_translations::Column::ListingId.eq(id))
        .all(db)
        .await
        .map_err(StoreError::from)?;
    let photos: Vec<OwnPhoto> = listing_photos::Entity::find()
        .filter(listing_photos::Column::ListingId.eq(id))
        .order_by_asc(listing_photos::Column::Position)
        .all(db)
        .await
        .map_err(StoreError::from)?
        .iter()
        .map(|photo| OwnPhoto { id: photo.id, photo: photo_ref(photo) })
        .collect();
    let draft = draft_of(&model, &texts)?;
    let status = status_of(&model)?;
    Ok(ListingEditor {
        id,
        status,
        form: draft.to_form(),
        completeness: Completeness::of(&draft, photos.len()),
        photos,
        public_path: public_path(&model, status, Locale::DEFAULT),
    })
}

/// The slug of a listing's URL, from its English, French or first title.
fn listing_slug(draft: &ListingDraft) -> String {
    let title = [Locale::En, Locale::Fr, Locale::Es]
        .iter()
        .find_map(|wanted| draft.texts.iter().find(|t| t.locale == *wanted))
        .or(draft.texts.first())
        .map(|t| slugify(&t.title))
        .unwrap_or_default();
    if title.is_empty() { "listing".to_owned() } else { title }
}

fn apply(row: &mut listings::ActiveModel, draft: &ListingDraft, origin: Region) {
    let (min, max, currency) = match &draft.price {
        PriceRange::OnRequest => (None, None, None),
        PriceRange::Range { min_minor, max_minor, currency } => {
            (Some(*min_minor), Some(*max_minor), Some(currency.slug().to_owned()))
        }
    };
    row.slug = Set(listing_slug(draft));
    row.sector = Set(draft.sector.slug().to_owned());
    row.subsector = Set(draft.subsector.clone());
    row.hs_code = Set(draft.hs_code.as_ref().map(|c| c.as_str().to_owned()));
    row.origin_region = Set(origin.slug().to_owned());
    row.moq_amount = Set(draft.moq.as_ref().map(|q| i64::try_from(q.amount).unwrap_or(i64::MAX)));
    row.moq_unit = Set(draft.moq.as_ref().map(|q| q.unit.slug().to_owned()));
    row.price_min_minor = Set(min);
    row.price_max_minor = Set(max);
    row.currency = Set(currency);
    row.incoterms = Set(to_json(&draft.incoterms.iter().map(|i| i.slug()).collect::<Vec<_>>()));
    row.certifications = Set(to_json(&draft.certifications.iter().map(|c| c.slug()).collect::<Vec<_>>()));
    row.origin_labels = Set(to_json(&draft.origin_labels.iter().map(|l| l.slug()).collect::<Vec<_>>()));
    row.port_of_loading = Set(draft.port_of_loading.clone());
    row.lead_time_days = Set(draft.lead_time_days.and_then(|d| i32::try_from(d).ok()));
    row.capacity_amount = Set(draft.capacity.as_ref().map(|q| i64::try_from(q.amount).unwrap_or(i64::MAX)));
    row.capacity_unit = Set(draft.capacity.as_ref().map(|q| q.unit.slug().to_owned()));
    row.updated_at = Set(Utc::now());
}

async fn own_producer_or_ask(db: &impl ConnectionTrait, access: &ProducerAccess) -> Result<producers::Model, AppError> {
    own_producer(db, access).await?.ok_or_else(|| AppError::invalid("profile", "invalid.profile_first"))
}

/// Creates or updates a listing with its translations and an outbox row, in
/// one write transaction.
pub async fn save(
    db: &DatabaseConnection,
    access: &ProducerAccess,
    id: Option<i64>,
    form: &ListingForm,
) -> Result<i64, AppError> {
    let draft = form.validate()?;
    let txn = db::begin_write(db).await?;
    let (producer, existing) = match id {
        Some(id) => {
            let (producer, listing) = own_listing(&txn, access, id).await?;
            (producer, Some(listing))
        }
        None => (own_producer_or_ask(&txn, access).await?, None),
    };
    let producer_region = slug(&producer.region, Region::from_slug, "region")?;
    let origin = draft.origin_region.unwrap_or(producer_region);
    draft.check_labels(origin)?;
    let saved = match existing {
        Some(model) => {
            let mut row = listings::ActiveModel::from(model);
            apply(&mut row, &draft, origin);
            row.update(&txn).await
        }
        None => {
            let now = Utc::now();
            let mut row = listings::ActiveModel {
                producer_id: Set(producer.id),
                status: Set(ListingStatus::Draft.slug().to_owned()),
                featured: Set(false),
                published_at: Set(None),
                created_at: Set(now),
                ..Default::default()
            };
            apply(&mut row, &draft, origin);
            row.insert(&txn).await
        }
    }
    .map_err(StoreError::from)?;
    listing_translations::Entity::delete_many()
        .filter(listing_translations::Column::ListingId.eq(saved.id))
        .exec(&txn)
        .await
        .map_err(StoreError::from)?;
    for text in &draft.texts {
        listing_translations::ActiveModel {
            listing_id: Set(saved.id),
            locale: Set(text.locale.code().to_owned()),
            title: Set(text.title.clone()),
            description: Set(text.description.clone()),
        }
        .insert(&txn)
        .await
        .map_err(StoreError::from)?;
    }
    enqueue(&txn, saved.id, OutboxOp::Upsert).await?;
    txn.commit().await.map_err(StoreError::from)?;
    tracing::info!(listing = saved.id, producer = producer.id, created = id.is_none(), "listing saved");
    Ok(saved.id)
}

pub async fn change_status(
    db: &DatabaseConnection,
    access: &ProducerAccess,
    id: i64,
    change: StatusChange,
) -> Result<(), AppError> {
    let txn = db::begin_write(db).await?;
    let (_, model) = own_listing(&txn, access, id).await?;
    let next = change.apply(status_of(&model)?).ok_or_else(|| AppError::invalid("status", "invalid.status_change"))?;
    let first_publication = next == ListingStatus::Published && model.published_at.is_none();
    let mut row = listings::ActiveModel::from(model);
    row.status = Set(next.slug().to_owned());
    if first_publication {
        row.published_at = Set(Some(Utc::now()));
    }
    row.updated_at = Set(Utc::now());
    row.update(&txn).await.map_err(StoreError::from)?;
    enqueue(&txn, id, OutboxOp::Upsert).await?;
    txn.commit().await.map_err(StoreError::from)?;
    tracing::info!(listing = id, status = next.slug(), "listing status changed");
    Ok(())
}

/// Deletes a listing (its translations and photo rows cascade) and returns
/// the storage keys of its photos, whose files the caller removes after the
/// commit.
pub async fn delete(db: &DatabaseConnection, access: &ProducerAccess, id: i64) -> Result<Vec<String>, AppError> {
    let txn = db::begin_write(db).await?;
    let (_, model) = own_listing(&txn, access, id).await?;
    let keys: Vec<String> = listing_photos::Entity::find()
        .select_only()
        .column(listing_photos::Column::StorageKey)
        .filter(listing_photos::Column::ListingId.eq(id))
        .into_tuple()
        .all(&txn)
        .await
        .map_err(StoreError::from)?;
    listings::Entity::delete_by_id(model.id).exec(&txn).await.map_err(StoreError::from)?;
    enqueue(&txn, id, OutboxOp::Delete).await?;
    txn.commit().await.map_err(StoreError::from)?;
    tracing::info!(listing = id, photos = keys.len(), "listing deleted");
    Ok(keys)
}

/// How many photos a listing has.
pub(crate) async fn photo_count(db: &impl ConnectionTrait, listing_id: i64) -> Result<u64, StoreError> {
    Ok(listing_photos::Entity::find().filter(listing_photos::Column::ListingId.eq(listing_id)).count(db).await?)
}
