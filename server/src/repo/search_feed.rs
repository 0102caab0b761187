//! What the search index is fed: the search documents of listings buyers may
//! see (`visibility`), loaded in batches with their translations, producer
//! and photo presence.

use std::collections::{HashMap, HashSet};

use app::domain::LegalForm;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::convert::strings;
use super::visibility;
use crate::entities::{listing_photos, listing_translations, listings, producers};
use crate::error::StoreError;
use crate::search::SearchDocument;
use crate::search::document::to_mad;

/// Ids of visible listings after `after`, ascending, at most `limit`.
pub async fn visible_ids_after(db: &impl ConnectionTrait, after: i64, limit: u64) -> Result<Vec<i64>, StoreError> {
    Ok(visibility::listings()
        .select_only()
        .column(listings::Column::Id)
        .filter(listings::Column::Id.gt(after))
        .order_by_asc(listings::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?)
}

/// The documents of those of `ids` buyers may see (others are left out: the
/// indexer removes them from the index). Vocabulary concepts are not set.
pub async fn documents(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<SearchDocument>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = visibility::listings().filter(listings::Column::Id.is_in(ids.iter().copied())).all(db).await?;
    let visible: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let producer_ids: HashSet<i64> = rows.iter().map(|row| row.producer_id).collect();
    let producers: HashMap<i64, producers::Model> = producers::Entity::find()
        .filter(producers::Column::Id.is_in(producer_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|producer| (producer.id, producer))
        .collect();
    let mut texts: HashMap<i64, Vec<listing_translations::Model>> = HashMap::new();
    for text in listing_translations::Entity::find()
        .filter(listing_translations::Column::ListingId.is_in(visible.clone()))
        .all(db)
        .await?
    {
        texts.entry(text.listing_id).or_default().push(text);
    }
    let mut photos: HashMap<i64, u32> = HashMap::new();
    for listing in listing_photos::Entity::find()
        .select_only()
        .column(listing_photos::Column::ListingId)
        .filter(listing_photos::Column::ListingId.is_in(visible))
        .into_tuple::<i64>()
        .all(db)
        .await?
    {
        *photos.entry(listing).or_default() += 1;
    }
    let mut documents = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(producer) = producers.get(&row.producer_id) else { continue };
        let translations = texts.remove(&row.id).unwrap_or_default();
        documents.push(SearchDocument {
            listing_id: row.id,
            producer_id: row.producer_id,
            producer_name: producer.trade_name.clone(),
            titles: translations.iter().map(|t| (t.locale.clone(), t.title.clone())).collect(),
            descriptions: translations.iter().map(|t| (t.locale.clone(), t.description.clone())).collect(),
            sector: row.sector.clone(),
            subsector: row.subsector.clone(),
            hs_code: row.hs_code.clone(),
            region: row.origin_region.clone(),
            certifications: strings(&row.certifications)?,
            labels: strings(&row.origin_labels)?,
            incoterms: strings(&row.incoterms)?,
            moq: row.moq_amount.and_then(|amount| u64::try_from(amount).ok()),
            moq_unit: row.moq_unit.clone(),
            min_price_mad: match (row.price_min_minor, row.currency.as_deref()) {
                (Some(minor), Some(currency)) => to_mad(minor, currency),
                _ => None,
            },
            cooperative: producer.legal_form == LegalForm::Cooperative.slug(),
            verified: producer.verified,
            published_at: row.published_at.map_or(0, |at| at.timestamp()),
            has_photo: photos.contains_key(&row.id),
            photo_count: photos.get(&row.id).copied().unwrap_or(0),
            city: producer.city.clone(),
            concepts: Vec::new(),
            product_concepts: Vec::new(),
        });
    }
    Ok(documents)
}
