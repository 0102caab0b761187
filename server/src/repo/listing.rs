//! Listings as buyers see them: cards for grids (also by id, for search
//! results), the detail page, and the word search over titles and
//! descriptions that stands in when the search engine does not answer.

use std::collections::HashMap;

use app::domain::{
    Certification, Currency, Incoterm, LegalForm, ListingCard, ListingDetail, ListingQuery, Locale, OriginLabel,
    PhotoRef, PriceRange, Quantity, Region, Sector, Unit,
};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use super::convert::{localized, pick_translation, slug, slug_list};
use super::{producer, visibility};
use crate::entities::{listing_photos, listing_translations, listings, producers};
use crate::error::StoreError;
use crate::media::photo_ref;

/// The listings buyers may see (`visibility::listings`), newest first.
pub fn published() -> Select<listings::Entity> {
    visibility::listings().order_by_desc(listings::Column::PublishedAt).order_by_desc(listings::Column::Id)
}

/// The ids of every listing of a producer, whatever their state.
pub async fn ids_of_producer(db: &impl ConnectionTrait, producer: i64) -> Result<Vec<i64>, StoreError> {
    Ok(listings::Entity::find()
        .select_only()
        .column(listings::Column::Id)
        .filter(listings::Column::ProducerId.eq(producer))
        .into_tuple()
        .all(db)
        .await?)
}

/// The producer of each of the listings `ids`, whatever their state.
pub async fn owners_of(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, i64>, StoreError> {
    Ok(listings::Entity::find()
        .filter(listings::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|listing| (listing.id, listing.producer_id))
        .collect())
}

/// Which of the listings `ids` were published after `since`.
pub async fn published_after(
    db: &impl ConnectionTrait,
    ids: &[i64],
    since: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<i64>, StoreError> {
    Ok(listings::Entity::find()
        .select_only()
        .column(listings::Column::Id)
        .filter(listings::Column::Id.is_in(ids.iter().copied()))
        .filter(listings::Column::PublishedAt.gt(since))
        .into_tuple()
        .all(db)
        .await?)
}

/// How many listings `select` finds.
pub async fn count(db: &impl ConnectionTrait, select: Select<listings::Entity>) -> Result<u64, StoreError> {
    Ok(select.count(db).await?)
}

/// Cards for the first `limit` listings of `select`.
pub async fn cards(
    db: &impl ConnectionTrait,
    select: Select<listings::Entity>,
    locale: Locale,
    limit: u64,
) -> Result<Vec<ListingCard>, StoreError> {
    let models = select.limit(limit).all(db).await?;
    cards_for(db, models, locale).await
}

/// Builds cards for listing rows, loading titles, producers and covers in
/// three batched queries.
pub async fn cards_for(
    db: &impl ConnectionTrait,
    models: Vec<listings::Model>,
    locale: Locale,
) -> Result<Vec<ListingCard>, StoreError> {
    let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
    let producer_ids: Vec<i64> = models.iter().map(|m| m.producer_id).collect();
    let mut titles: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    let rows: Vec<(i64, String, String)> = listing_translations::Entity::find()
        .select_only()
        .columns([
            listing_translations::Column::ListingId,
            listing_translations::Column::Locale,
            listing_translations::Column::Title,
        ])
        .filter(listing_translations::Column::ListingId.is_in(ids.clone()))
        .into_tuple()
        .all(db)
        .await?;
    for (listing_id, locale, title) in rows {
        titles.entry(listing_id).or_default().push((locale, title));
    }
    let mut producer_ids = producer_ids;
    producer_ids.sort_unstable();
    producer_ids.dedup();
    let producers: HashMap<i64, producers::Model> = producers::Entity::find()
        .filter(producers::Column::Id.is_in(producer_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let covers: HashMap<i64, listing_photos::Model> = listing_photos::Entity::find()
        .filter(listing_photos::Column::ListingId.is_in(ids))
        .filter(listing_photos::Column::Position.eq(0))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.listing_id, p))
        .collect();
    models
        .into_iter()
        .map(|model| {
            let producer = producers
                .get(&model.producer_id)
                .ok_or_else(|| StoreError::Corrupt(format!("listing {} has no producer", model.id)))?;
            let texts = titles.remove(&model.id).unwrap_or_default();
            let (title_locale, title) = pick_translation(&texts, locale)
                .ok_or_else(|| StoreError::Corrupt(format!("listing {} has no title", model.id)))?;
            let title = localized(title_locale, title);
            card(&model, producer, title, covers.get(&model.id).map(photo_ref))
        })
        .collect()
}

fn card(
    model: &listings::Model,
    producer: &producers::Model,
    title: app::domain::LocalizedText,
    cover: Option<PhotoRef>,
) -> Result<ListingCard, StoreError> {
    Ok(ListingCard {
        id: model.id,
        slug: model.slug.clone(),
        title,
        producer_name: producer.trade_name.clone(),
        producer_slug: producer.slug.clone(),
        producer_verified: producer.verified,
        region: slug(&model.origin_region, Region::from_slug, "region")?,
        sector: slug(&model.sector, Sector::from_slug, "sector")?,
        moq: quantity(model.moq_amount, model.moq_unit.as_deref())?,
        price: price(model)?,
        cover,
    })
}

pub fn quantity(amount: Option<i64>, unit: Option<&str>) -> Result<Option<Quantity>, StoreError> {
    match (amount, unit) {
        (Some(amount), Some(unit)) if amount >= 0 => {
            Ok(Some(Quantity { amount: amount as u64, unit: slug(unit, Unit::from_slug, "unit")? }))
        }
        _ => Ok(None),
    }
}

pub fn price(model: &listings::Model) -> Result<PriceRange, StoreError> {
    match (model.price_min_minor, model.price_max_minor, model.currency.as_deref()) {
        (Some(min), max, Some(currency)) => Ok(PriceRange::Range {
            min_minor: min,
            max_minor: max.unwrap_or(min),
            currency: slug(currency, Currency::from_slug, "currency")?,
        }),
        _ => Ok(PriceRange::OnRequest),
    }
}

/// A published listing's page, or `None`.
pub async fn detail(db: &impl ConnectionTrait, id: i64, locale: Locale) -> Result<Option<ListingDetail>, StoreError> {
    let Some(model) = visibility::listings().filter(listings::Column::Id.eq(id)).one(db).await? else {
        return Ok(None);
    };
    let Some(producer_model) = producers::Entity::find_by_id(model.producer_id).one(db).await? else {
        return Err(StoreError::Corrupt(format!("listing {id} has no producer")));
    };
    let texts: Vec<(String, listing_translations::Model)> = listing_translations::Entity::find()
        .filter(listing_translations::Column::ListingId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.locale.clone(), t))
        .collect();
    let (title_locale, translation) =
        pick_translation(&texts, locale).ok_or_else(|| StoreError::Corrupt(format!("listing {id} has no text")))?;
    let description = texts
        .iter()
        .find(|(code, t)| code == locale.code() && !t.description.trim().is_empty())
        .map(|(_, t)| localized(locale, &t.description))
        .unwrap_or_else(|| localized(title_locale, &translation.description));
    let photos: Vec<PhotoRef> = listing_photos::Entity::find()
        .filter(listing_photos::Column::ListingId.eq(id))
        .order_by_asc(listing_photos::Column::Position)
        .all(db)
        .await?
        .iter()
        .map(photo_ref)
        .collect();
    let producer_card = producer::cards_for(db, vec![producer_model.clone()]).await?.remove(0);
    let card = card(&model, &producer_model, localized(title_locale, &translation.title), photos.first().cloned())?;
    Ok(Some(ListingDetail {
        card,
        description,
        hs_code: model.hs_code.clone(),
        incoterms: slug_list(&model.incoterms, Incoterm::from_slug, "incoterm")?,
        port_of_loading: model.port_of_loading.clone(),
        lead_time_days: model.lead_time_days.and_then(|d| u32::try_from(d).ok()),
        monthly_capacity: quantity(model.capacity_amount, model.capacity_unit.as_deref())?,
        certifications: slug_list(&model.certifications, Certification::from_slug, "certification")?,
        origin_labels: slug_list(&model.origin_labels, OriginLabel::from_slug, "origin label")?,
        photos,
        producer: producer_card,
        published_on: model.published_at.map(|at| at.format("%Y-%m-%d").to_string()),
        // Filled in by the catalogue service from the conversations.
        response: app::domain::ResponseMetrics::New,
    }))
}

/// Escapes `%`, `_` and `\` so user text matches literally inside LIKE.
fn like_pattern(word: &str) -> LikeExpr {
    let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// Published listings with every word of the query in the title or the
/// description of any of their translations, in the query's sector and region.
pub async fn find(
    db: &impl ConnectionTrait,
    query: &ListingQuery,
    locale: Locale,
    limit: u64,
) -> Result<(u64, Vec<ListingCard>), StoreError> {
    let mut select = published();
    // Control characters separate words like spaces: a pasted NUL must not
    // reach PostgreSQL, which refuses it in text.
    let words = query.text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty());
    for word in words.take(8).map(str::to_lowercase) {
        let matching = Query::select()
            .column(listing_translations::Column::ListingId)
            .from(listing_translations::Entity)
            .cond_where(
                Condition::any()
                    .add(
                        Expr::expr(Func::lower(Expr::col(listing_translations::Column::Title)))
                            .like(like_pattern(&word)),
                    )
                    .add(
                        Expr::expr(Func::lower(Expr::col(listing_translations::Column::Description)))
                            .like(like_pattern(&word)),
                    ),
            )
            .to_owned();
        select = select.filter(listings::Column::Id.in_subquery(matching));
    }
    if let Some(sector) = query.sector {
        select = select.filter(listings::Column::Sector.eq(sector.slug()));
    }
    if let Some(region) = query.region {
        select = select.filter(listings::Column::OriginRegion.eq(region.slug()));
    }
    if query.verified || query.cooperative {
        let mut producers_wanted = Query::select().column(producers::Column::Id).from(producers::Entity).to_owned();
        if query.verified {
            producers_wanted.and_where(Expr::col(producers::Column::Verified).eq(true));
        }
        if query.cooperative {
            producers_wanted.and_where(Expr::col(producers::Column::LegalForm).eq(LegalForm::Cooperative.slug()));
        }
        select = select.filter(listings::Column::ProducerId.in_subquery(producers_wanted));
    }
    if let Some(max) = query.moq_max {
        select = select.filter(listings::Column::MoqAmount.lte(i64::try_from(max).unwrap_or(i64::MAX)));
    }
    // The list filters are checked here on at most FALLBACK_CANDIDATES rows:
    // this search only stands in while the engine is away.
    let wanted = |values: &serde_json::Value, slug: Option<&str>| {
        slug.is_none_or(|slug| super::convert::strings(values).is_ok_and(|list| list.iter().any(|v| v == slug)))
    };
    let models: Vec<listings::Model> = select
        .limit(FALLBACK_CANDIDATES)
        .all(db)
        .await?
        .into_iter()
        .filter(|m| wanted(&m.certifications, query.certification.map(|c| c.slug())))
        .filter(|m| wanted(&m.origin_labels, query.label.map(|l| l.slug())))
        .filter(|m| wanted(&m.incoterms, query.incoterm.map(|i| i.slug())))
        .filter(|m| query.hs.as_deref().is_none_or(|hs| m.hs_code.as_deref().is_some_and(|code| code.starts_with(hs))))
        .collect();
    let total = models.len() as u64;
    let offset = usize::try_from(u64::from(query.page().saturating_sub(1)) * limit).unwrap_or(usize::MAX);
    let page: Vec<listings::Model> = models.into_iter().skip(offset).take(limit as usize).collect();
    Ok((total, cards_for(db, page, locale).await?))
}

/// Rows the database search looks at when it stands in for the engine.
const FALLBACK_CANDIDATES: u64 = 1_000;

/// Cards for listings by id, in the order given; ids buyers may not see (or
/// that no longer exist) are left out, so a stale search index shows fewer
/// cards, never a private one.
pub async fn cards_by_ids(
    db: &impl ConnectionTrait,
    ids: &[i64],
    locale: Locale,
) -> Result<Vec<ListingCard>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let models = visibility::listings().filter(listings::Column::Id.is_in(ids.iter().copied())).all(db).await?;
    let mut cards = cards_for(db, models, locale).await?;
    let position: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    cards.sort_by_key(|card| position.get(&card.id).copied().unwrap_or(usize::MAX));
    Ok(cards)
}

/// A listing's sector slug, whatever its status (routing a conversation
/// about it).
pub async fn sector_of(db: &impl ConnectionTrait, id: i64) -> Result<Option<String>, StoreError> {
    Ok(listings::Entity::find_by_id(id).select_only().column(listings::Column::Sector).into_tuple().one(db).await?)
}
