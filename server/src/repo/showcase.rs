//! Showcases, their texts, exhibitors and featured listings as stored.
//! Who may read or change them is decided in
//! `services::showcases`; this module reads and writes rows.

use app::domain::{CalendarDate, ShowcaseDraft, ShowcaseStatus};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use crate::entities::{showcase_exhibitors, showcase_items, showcase_translations, showcases};
use crate::error::StoreError;

pub fn naive(date: CalendarDate) -> NaiveDate {
    NaiveDate::parse_from_str(&date.to_string(), "%Y-%m-%d").unwrap_or_default()
}

pub fn calendar(date: Option<NaiveDate>) -> CalendarDate {
    date.and_then(|d| CalendarDate::parse(&d.format("%Y-%m-%d").to_string()))
        .unwrap_or_else(|| CalendarDate::from_days_since_epoch(0))
}

pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<showcases::Model>, StoreError> {
    Ok(showcases::Entity::find_by_id(id).one(db).await?)
}

/// The showcase, its row locked until the transaction ends (PostgreSQL;
/// SQLite's write transactions are serial already): its status and its
/// exhibitors change one request at a time.
pub async fn locked(db: &impl ConnectionTrait, id: i64) -> Result<Option<showcases::Model>, StoreError> {
    Ok(showcases::Entity::find_by_id(id).lock_exclusive().one(db).await?)
}

pub async fn by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<showcases::Model>, StoreError> {
    Ok(showcases::Entity::find().filter(showcases::Column::Slug.eq(slug)).one(db).await?)
}

pub async fn slug_taken(db: &impl ConnectionTrait, slug: &str, except: Option<i64>) -> Result<bool, StoreError> {
    let mut select = showcases::Entity::find().filter(showcases::Column::Slug.eq(slug));
    if let Some(id) = except {
        select = select.filter(showcases::Column::Id.ne(id));
    }
    Ok(select.count(db).await? > 0)
}

pub async fn of_organiser(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<showcases::Model>, StoreError> {
    Ok(showcases::Entity::find()
        .filter(showcases::Column::OrganiserUserId.eq(user_id))
        .order_by_desc(showcases::Column::StartsOn)
        .order_by_desc(showcases::Column::Id)
        .all(db)
        .await?)
}

pub async fn published(db: &impl ConnectionTrait) -> Result<Vec<showcases::Model>, StoreError> {
    Ok(showcases::Entity::find()
        .filter(showcases::Column::Status.eq(ShowcaseStatus::Published.slug()))
        .order_by_asc(showcases::Column::StartsOn)
        .all(db)
        .await?)
}

/// Writes a new showcase (a draft) or the form's fields over an existing one.
pub async fn save(
    db: &impl ConnectionTrait,
    existing: Option<showcases::Model>,
    organiser_user_id: i64,
    slug: &str,
    draft: &ShowcaseDraft,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let first = &draft.texts[0];
    let themes = serde_json::to_string(&draft.themes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let mut row = match existing {
        Some(model) => model.into(),
        None => showcases::ActiveModel {
            organiser_user_id: Set(organiser_user_id),
            status: Set(ShowcaseStatus::Draft.slug().to_owned()),
            created_at: Set(now),
            cover_key: Set(None),
            cover_width: Set(None),
            cover_height: Set(None),
            ..Default::default()
        },
    };
    row.slug = Set(slug.to_owned());
    row.title = Set(first.title.clone());
    row.description = Set(String::new());
    row.event_name = Set(Some(draft.event_name.clone()));
    row.event_city = Set(Some(draft.city.clone()));
    row.venue = Set(draft.venue.clone());
    row.starts_on = Set(Some(naive(draft.starts_on)));
    row.ends_on = Set(Some(naive(draft.ends_on)));
    row.themes = Set(Some(themes));
    row.updated_at = Set(now);
    let id = match row.id.clone().into_value() {
        Some(_) => row.update(db).await?.id,
        None => row.insert(db).await?.id,
    };
    showcase_translations::Entity::delete_many()
        .filter(showcase_translations::Column::ShowcaseId.eq(id))
        .exec(db)
        .await?;
    let texts: Vec<showcase_translations::ActiveModel> = draft
        .texts
        .iter()
        .map(|text| showcase_translations::ActiveModel {
            showcase_id: Set(id),
            locale: Set(text.locale.code().to_owned()),
            title: Set(text.title.clone()),
            description: Set(text.description.clone()),
        })
        .collect();
    showcase_translations::Entity::insert_many(texts).exec_without_returning(db).await?;
    Ok(id)
}

pub async fn set_status(db: &impl ConnectionTrait, id: i64, status: ShowcaseStatus) -> Result<(), StoreError> {
    showcases::Entity::update_many()
        .col_expr(showcases::Column::Status, Expr::value(status.slug()))
        .col_expr(showcases::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(showcases::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn texts(db: &impl ConnectionTrait, id: i64) -> Result<Vec<showcase_translations::Model>, StoreError> {
    Ok(showcase_translations::Entity::find().filter(showcase_translations::Column::ShowcaseId.eq(id)).all(db).await?)
}

pub async fn exhibitors(db: &impl ConnectionTrait, id: i64) -> Result<Vec<showcase_exhibitors::Model>, StoreError> {
    Ok(showcase_exhibitors::Entity::find()
        .filter(showcase_exhibitors::Column::ShowcaseId.eq(id))
        .order_by_asc(showcase_exhibitors::Column::Position)
        .all(db)
        .await?)
}

pub async fn items(db: &impl ConnectionTrait, id: i64) -> Result<Vec<showcase_items::Model>, StoreError> {
    Ok(showcase_items::Entity::find()
        .filter(showcase_items::Column::ShowcaseId.eq(id))
        .order_by_asc(showcase_items::Column::Position)
        .all(db)
        .await?)
}

/// How many exhibitors and featured listings a showcase has.
pub async fn counts(db: &impl ConnectionTrait, id: i64) -> Result<(u64, u64), StoreError> {
    let exhibitors =
        showcase_exhibitors::Entity::find().filter(showcase_exhibitors::Column::ShowcaseId.eq(id)).count(db).await?;
    let listings = showcase_items::Entity::find().filter(showcase_items::Column::ShowcaseId.eq(id)).count(db).await?;
    Ok((exhibitors, listings))
}

/// The next position at the end of a showcase's exhibitors.
pub async fn next_exhibitor_position(db: &impl ConnectionTrait, id: i64) -> Result<i32, StoreError> {
    let last: Option<Option<i32>> = showcase_exhibitors::Entity::find()
        .select_only()
        .column_as(showcase_exhibitors::Column::Position.max(), "last")
        .filter(showcase_exhibitors::Column::ShowcaseId.eq(id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(last.flatten().map_or(0, |position| position + 1))
}

/// The next position at the end of a showcase's featured listings.
pub async fn next_item_position(db: &impl ConnectionTrait, id: i64) -> Result<i32, StoreError> {
    let last: Option<Option<i32>> = showcase_items::Entity::find()
        .select_only()
        .column_as(showcase_items::Column::Position.max(), "last")
        .filter(showcase_items::Column::ShowcaseId.eq(id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(last.flatten().map_or(0, |position| position + 1))
}

/// The published showcase `slug`, when the producer exhibits in it.
pub async fn exhibiting(db: &impl ConnectionTrait, slug: &str, producer_id: i64) -> Result<Option<i64>, StoreError> {
    let Some(showcase) = published_by_slug(db, slug).await? else { return Ok(None) };
    let exhibits = showcase_exhibitors::Entity::find_by_id((showcase.id, producer_id)).one(db).await?;
    Ok(exhibits.map(|_| showcase.id))
}

/// The exhibit a page reached from the published showcase `slug` shows:
/// (showcase, producer) when `listing` is one the organiser featured there.
pub async fn featured_listing(
    db: &impl ConnectionTrait,
    slug: &str,
    listing: i64,
) -> Result<Option<(i64, i64)>, StoreError> {
    let Some(showcase) = published_by_slug(db, slug).await? else { return Ok(None) };
    if showcase_items::Entity::find_by_id((showcase.id, listing)).one(db).await?.is_none() {
        return Ok(None);
    }
    let producer = crate::entities::listings::Entity::find_by_id(listing).one(db).await?;
    Ok(producer.map(|listing| (showcase.id, listing.producer_id)))
}

/// (showcase, producer) when the producer whose public slug is `producer`
/// exhibits in the published showcase `slug`.
pub async fn exhibiting_producer(
    db: &impl ConnectionTrait,
    slug: &str,
    producer: &str,
) -> Result<Option<(i64, i64)>, StoreError> {
    use crate::entities::producers;
    let Some(showcase) = published_by_slug(db, slug).await? else { return Ok(None) };
    let Some(producer) = producers::Entity::find().filter(producers::Column::Slug.eq(producer)).one(db).await? else {
        return Ok(None);
    };
    let exhibits = showcase_exhibitors::Entity::find_by_id((showcase.id, producer.id)).one(db).await?;
    Ok(exhibits.map(|_| (showcase.id, producer.id)))
}

async fn published_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<showcases::Model>, StoreError> {
    Ok(by_slug(db, slug).await?.filter(|s| s.status == ShowcaseStatus::Published.slug()))
}

/// Adds one visit from `market` (a `WorldRegion` slug or `unknown`) to an
/// exhibitor of a showcase (found by `featured_listing` or
/// `exhibiting_producer`) on `day`.
pub async fn add_visit(
    db: &impl ConnectionTrait,
    (showcase_id, producer_id): (i64, i64),
    market: &str,
    day: NaiveDate,
) -> Result<(), StoreError> {
    use crate::entities::showcase_visits;
    use sea_orm::sea_query::OnConflict;
    showcase_visits::Entity::insert(showcase_visits::ActiveModel {
        showcase_id: Set(showcase_id),
        producer_id: Set(producer_id),
        day: Set(day),
        market: Set(market.to_owned()),
        visits: Set(1),
    })
    .on_conflict(
        OnConflict::columns([
            showcase_visits::Column::ShowcaseId,
            showcase_visits::Column::ProducerId,
            showcase_visits::Column::Day,
            showcase_visits::Column::Market,
        ])
        .value(
            showcase_visits::Column::Visits,
            Expr::col((showcase_visits::Entity, showcase_visits::Column::Visits)).add(1),
        )
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A showcase's visits by exhibitor and market (`None`: unknown).
pub async fn visits_by_exhibitor(
    db: &impl ConnectionTrait,
    showcase_id: i64,
) -> Result<Vec<(i64, Option<app::domain::WorldRegion>, u64)>, StoreError> {
    use crate::entities::showcase_visits;
    let rows: Vec<(i64, String, i64)> = showcase_visits::Entity::find()
        .select_only()
        .column(showcase_visits::Column::ProducerId)
        .column(showcase_visits::Column::Market)
        .column_as(showcase_visits::Column::Visits.sum().cast_as("BIGINT"), "visits")
        .filter(showcase_visits::Column::ShowcaseId.eq(showcase_id))
        .group_by(showcase_visits::Column::ProducerId)
        .group_by(showcase_visits::Column::Market)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(producer, market, n)| {
            (producer, app::domain::WorldRegion::from_slug(&market), u64::try_from(n).unwrap_or(0))
        })
        .collect())
}

/// A showcase's delivered inquiries (spam left out) by exhibitor and the
/// buyer's market.
pub async fn inquiries_by_exhibitor(
    db: &impl ConnectionTrait,
    showcase_id: i64,
) -> Result<Vec<(i64, Option<app::domain::WorldRegion>, u64)>, StoreError> {
    use crate::entities::inquiries;
    let rows: Vec<(i64, Option<String>)> = inquiries::Entity::find()
        .select_only()
        .column(inquiries::Column::ProducerId)
        .column(inquiries::Column::BuyerCountry)
        .filter(inquiries::Column::ShowcaseId.eq(showcase_id))
        .filter(inquiries::Column::DeliveredAt.is_not_null())
        .filter(inquiries::Column::Status.ne(app::domain::InquiryStatus::Spam.slug()))
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: Vec<(i64, Option<app::domain::WorldRegion>, u64)> = Vec::new();
    for (producer, country) in rows {
        let market = country.as_deref().and_then(|c| app::domain::CountryCode::parse(c).ok()).map(|c| c.world_region());
        match counts.iter_mut().find(|(p, m, _)| *p == producer && *m == market) {
            Some(row) => row.2 += 1,
            None => counts.push((producer, market, 1)),
        }
    }
    Ok(counts)
}

/// Sets the showcase's cover; returns the previous cover's key.
pub async fn set_cover(
    db: &impl ConnectionTrait,
    id: i64,
    key: &str,
    (width, height): (u32, u32),
) -> Result<Option<String>, StoreError> {
    // Locked: of two uploads at once, the second replaces (and hands back
    // for deletion) the first's cover, not the one both read before.
    let old = locked(db, id).await?.and_then(|showcase| showcase.cover_key);
    showcases::Entity::update_many()
        .col_expr(showcases::Column::CoverKey, Expr::value(key))
        .col_expr(showcases::Column::CoverWidth, Expr::value(i32::try_from(width).unwrap_or(i32::MAX)))
        .col_expr(showcases::Column::CoverHeight, Expr::value(i32::try_from(height).unwrap_or(i32::MAX)))
        .col_expr(showcases::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(showcases::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(old)
}

/// The titles of the showcases `ids`.
pub async fn titles(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, String>, StoreError> {
    let found = showcases::Entity::find().filter(showcases::Column::Id.is_in(ids.iter().copied())).all(db).await?;
    Ok(found.into_iter().map(|showcase| (showcase.id, showcase.title)).collect())
}
