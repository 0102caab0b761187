//! A producer's own listings as the workspace shows and changes them: the
//! dashboard rows, the editor, the rows a save writes, status changes and
//! deletion. Rows are read back into a `ListingDraft`, so the editor and the
//! completeness score see exactly what a save would produce. (What buyers see
//! is `repo::listing`, through `repo::visibility`.)

use std::collections::HashMap;

use app::domain::{
    Certification, Completeness, Dashboard, HsCode, Incoterm, ListingDraft, ListingEditor, ListingStatus, ListingText,
    Locale, OriginLabel, OwnListing, OwnPhoto, PriceRange, Region, Sector,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use super::convert::{localized, pick_translation, slug, slug_list, to_json};
use super::listing::{price, quantity};
use crate::entities::{listing_photos, listing_translations, listings, producers};
use crate::error::StoreError;
use crate::media::photo_ref;
use crate::slug::slugify;

/// Rebuilds the draft a listing row and its translations came from.
pub fn draft_of(model: &listings::Model, texts: &[listing_translations::Model]) -> Result<ListingDraft, StoreError> {
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

pub fn status_of(model: &listings::Model) -> Result<ListingStatus, StoreError> {
    slug(&model.status, ListingStatus::from_slug, "listing status")
}

fn public_path(model: &listings::Model, status: ListingStatus, locale: Locale) -> Option<String> {
    (status == ListingStatus::Published).then(|| format!("/{}/listings/{}-{}", locale.code(), model.id, model.slug))
}

/// The dashboard of a producer: its listings, most recently changed first.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    producer: &producers::Model,
    locale: Locale,
    on_behalf: bool,
    role: app::domain::TeamRole,
) -> Result<Dashboard, StoreError> {
    let models = listings::Entity::find()
        .filter(listings::Column::ProducerId.eq(producer.id))
        .order_by_desc(listings::Column::UpdatedAt)
        .all(db)
        .await?;
    let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
    let mut texts: HashMap<i64, Vec<listing_translations::Model>> = HashMap::new();
    for text in listing_translations::Entity::find()
        .filter(listing_translations::Column::ListingId.is_in(ids.clone()))
        .all(db)
        .await?
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
        .await?
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
            public_path: public_path(model, status, locale).filter(|_| model.hidden_at.is_none()),
            hidden: super::convert::hidden(
                model.hidden_reason.as_deref(),
                model.hidden_note.as_ref(),
                model.hidden_at,
                model.review_requested_at,
            ),
        });
    }
    Ok(Dashboard {
        company_name: Some(producer.trade_name.clone()),
        producer_path: Some(format!("/{}/producers/{}", locale.code(), producer.slug)),
        listings: rows,
        verified: producer.verified,
        hidden: super::convert::hidden(
            producer.hidden_reason.as_deref(),
            producer.hidden_note.as_ref(),
            producer.hidden_at,
            producer.review_requested_at,
        ),
        on_behalf,
        role,
    })
}

/// The editor of one of the producer's listings (`model`, already checked as theirs).
pub async fn editor(db: &impl ConnectionTrait, model: listings::Model) -> Result<ListingEditor, StoreError> {
    let id = model.id;
    let texts =
        listing_translations::Entity::find().filter(listing_translations::Column::ListingId.eq(id)).all(db).await?;
    let photos: Vec<OwnPhoto> = listing_photos::Entity::find()
        .filter(listing_photos::Column::ListingId.eq(id))
        .order_by_asc(listing_photos::Column::Position)
        .all(db)
        .await?
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

fn apply(row: &mut listings::ActiveModel, draft: &ListingDraft, origin: Region, now: DateTime<Utc>) {
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
    row.updated_at = Set(now);
}

/// One of the producer's listings, locked (`FOR UPDATE` on PostgreSQL) until
/// the caller's transaction ends; `None` when it is not theirs.
pub async fn owned(
    db: &impl ConnectionTrait,
    producer_id: i64,
    id: i64,
) -> Result<Option<listings::Model>, StoreError> {
    Ok(listings::Entity::find_by_id(id)
        .filter(listings::Column::ProducerId.eq(producer_id))
        .lock_exclusive()
        .one(db)
        .await?)
}

/// Writes a listing from a validated draft: a new draft listing of
/// `producer_id`, or `existing` updated; its translations are replaced.
/// Returns the listing's id.
pub async fn save(
    db: &impl ConnectionTrait,
    producer_id: i64,
    existing: Option<listings::Model>,
    draft: &ListingDraft,
    origin: Region,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let saved = match existing {
        Some(model) => {
            let mut row = listings::ActiveModel::from(model);
            apply(&mut row, draft, origin, now);
            row.update(db).await?
        }
        None => {
            let mut row = listings::ActiveModel {
                producer_id: Set(producer_id),
                status: Set(ListingStatus::Draft.slug().to_owned()),
                featured: Set(false),
                published_at: Set(None),
                created_at: Set(now),
                ..Default::default()
            };
            apply(&mut row, draft, origin, now);
            row.insert(db).await?
        }
    };
    listing_translations::Entity::delete_many()
        .filter(listing_translations::Column::ListingId.eq(saved.id))
        .exec(db)
        .await?;
    for text in &draft.texts {
        listing_translations::ActiveModel {
            listing_id: Set(saved.id),
            locale: Set(text.locale.code().to_owned()),
            title: Set(text.title.clone()),
            description: Set(text.description.clone()),
        }
        .insert(db)
        .await?;
    }
    Ok(saved.id)
}

/// Sets a listing's status; the first publication stamps `published_at`.
pub async fn set_status(
    db: &impl ConnectionTrait,
    model: listings::Model,
    next: ListingStatus,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let first_publication = next == ListingStatus::Published && model.published_at.is_none();
    let mut row = listings::ActiveModel::from(model);
    row.status = Set(next.slug().to_owned());
    if first_publication {
        row.published_at = Set(Some(now));
    }
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

/// Deletes a listing (its translations and photo rows cascade) and returns
/// the storage keys of its photos, whose files the caller removes after the
/// commit.
pub async fn delete(db: &impl ConnectionTrait, id: i64) -> Result<Vec<String>, StoreError> {
    let keys: Vec<String> = listing_photos::Entity::find()
        .select_only()
        .column(listing_photos::Column::StorageKey)
        .filter(listing_photos::Column::ListingId.eq(id))
        .into_tuple()
        .all(db)
        .await?;
    listings::Entity::delete_by_id(id).exec(db).await?;
    Ok(keys)
}

/// How many photos a listing has.
pub async fn photo_count(db: &impl ConnectionTrait, listing_id: i64) -> Result<u64, StoreError> {
    Ok(listing_photos::Entity::find().filter(listing_photos::Column::ListingId.eq(listing_id)).count(db).await?)
}

/// Each listing's title in the reader's language (or the first language it
/// has), for the trade offices' pages, the audit log and a showcase's
/// curation.
pub async fn titles_of(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
    locale: Locale,
) -> Result<HashMap<i64, String>, StoreError> {
    let mut texts: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    for text in
        listing_translations::Entity::find().filter(listing_translations::Column::ListingId.is_in(ids)).all(db).await?
    {
        texts.entry(text.listing_id).or_default().push((text.locale, text.title));
    }
    Ok(texts
        .into_iter()
        .filter_map(|(id, titles)| {
            let (_, title) = super::convert::pick_translation(&titles, locale)?;
            Some((id, title.clone()))
        })
        .collect())
}

/// A listing's title in French or its first language (the audit log's name).
pub async fn title_of(db: &impl ConnectionTrait, id: i64) -> Result<String, StoreError> {
    Ok(titles_of(db, vec![id], Locale::Fr).await?.remove(&id).unwrap_or_else(|| format!("#{id}")))
}
