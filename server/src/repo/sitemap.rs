//! What the sitemaps list: every page a buyer may see whose content lives in
//! the database (listings, producers, published showcases), with the day it
//! last changed. The same visibility rules as the pages (`visibility`), so a
//! hidden listing or a suspended producer leaves the sitemap with its page.

use app::domain::ShowcaseStatus;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::visibility;
use crate::entities::{listings, producers, showcases};
use crate::error::StoreError;

/// A page of the catalogue, as a path without the language prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SitemapPage {
    /// `/listings/12-argan-oil`.
    pub path: String,
    /// `YYYY-MM-DD` of the last change.
    pub last_modified: String,
}

/// Published showcases, visible producers, then visible listings, each in
/// id order so the pages of a long sitemap stay stable.
pub async fn catalogue_pages(db: &impl ConnectionTrait) -> Result<Vec<SitemapPage>, StoreError> {
    let day = |at: chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%d").to_string();
    let mut pages = Vec::new();
    let shown: Vec<(String, chrono::DateTime<chrono::Utc>)> = showcases::Entity::find()
        .select_only()
        .columns([showcases::Column::Slug, showcases::Column::UpdatedAt])
        .filter(showcases::Column::Status.eq(ShowcaseStatus::Published.slug()))
        .order_by_asc(showcases::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    pages.extend(
        shown.into_iter().map(|(slug, at)| SitemapPage { path: format!("/showcases/{slug}"), last_modified: day(at) }),
    );
    let producers: Vec<(String, chrono::DateTime<chrono::Utc>)> = visibility::producers()
        .select_only()
        .columns([producers::Column::Slug, producers::Column::UpdatedAt])
        .order_by_asc(producers::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    pages.extend(
        producers
            .into_iter()
            .map(|(slug, at)| SitemapPage { path: format!("/producers/{slug}"), last_modified: day(at) }),
    );
    let listings: Vec<(i64, String, chrono::DateTime<chrono::Utc>)> = visibility::listings()
        .select_only()
        .columns([listings::Column::Id, listings::Column::Slug, listings::Column::UpdatedAt])
        .order_by_asc(listings::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    pages.extend(
        listings
            .into_iter()
            .map(|(id, slug, at)| SitemapPage { path: format!("/listings/{id}-{slug}"), last_modified: day(at) }),
    );
    Ok(pages)
}
