//! The platform view's figures, for an office's regions. Counts are small
//! (a few thousand producers per region at most), so rows are read as
//! narrow tuples and grouped here; inquiries reuse the insights' monthly
//! grouping by market.

use std::collections::HashMap;

use crate::db::Db;
use app::domain::{
    AdminAccess, AppError, CalendarDate, Insights, NEW_EXPORTERS_TARGET, PlatformView, Region, RegionFigures, Sector,
    insights_window_start,
};
use chrono::{DateTime, Datelike, TimeZone, Utc};

use crate::repo::convert::strings;
use crate::repo::{listing_view, platform_stats, verification};

pub async fn view(db: &Db, admin: &AdminAccess, now: DateTime<Utc>) -> Result<PlatformView, AppError> {
    let scope = admin.office().region();
    let rows = platform_stats::producer_rows(db, scope).await?;
    let year = now.year();
    let year_start = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).single().unwrap_or(now);
    let first_published = platform_stats::first_publications(db).await?;
    let mut regions: Vec<RegionFigures> = Region::ALL
        .iter()
        .filter(|region| scope.is_none_or(|own| own == **region))
        .map(|region| RegionFigures {
            region: *region,
            producers: 0,
            verified: 0,
            new_publishers: 0,
            first_exporters: 0,
        })
        .collect();
    let mut sectors: HashMap<Sector, u64> = HashMap::new();
    for (id, region, verified, declared) in &rows {
        let Some(figures) = regions.iter_mut().find(|figures| figures.region.slug() == region) else { continue };
        figures.producers += 1;
        figures.verified += u64::from(*verified);
        if first_published.get(id).is_some_and(|first| *first >= year_start) {
            figures.new_publishers += 1;
        }
        for sector in strings(declared)?.iter().filter_map(|slug| Sector::from_slug(slug)) {
            *sectors.entry(sector).or_default() += 1;
        }
    }
    let mut sectors: Vec<(Sector, u64)> = sectors.into_iter().collect();
    sectors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let reviews_asked = platform_stats::reviews_asked(db, scope).await?;
    let hidden_listings = platform_stats::hidden_listings(db, scope).await?;
    let today = CalendarDate::parse(&now.format("%Y-%m-%d").to_string()).ok_or(AppError::Internal)?;
    let since = insights_window_start(today).to_string();
    let since = chrono::NaiveDate::parse_from_str(&since, "%Y-%m-%d")
        .map_err(|_| AppError::Internal)?
        .and_hms_opt(0, 0, 0)
        .ok_or(AppError::Internal)?
        .and_utc();
    let inquiries = listing_view::inquiries_by_month_in(db, scope, since).await?;
    let new_publishers = regions.iter().map(|figures| figures.new_publishers).sum();
    let counted =
        crate::services::deals::exports::counted(db, crate::services::deals::exports::Scope::Regions(scope), today)
            .await?;
    let exports = app::domain::ExportFigures::compute(year, &counted);
    for (region, count) in &exports.by_region {
        if let Some(figures) = regions.iter_mut().find(|figures| figures.region == *region) {
            figures.first_exporters = *count;
        }
    }
    let (published, offers) = crate::repo::buying_request::figures(db, scope, since).await?;
    let waiting = crate::repo::buying_request::in_screening(db, scope).await?.len() as u64;
    Ok(PlatformView {
        office: admin.office(),
        year,
        regions,
        sectors,
        new_publishers,
        target: NEW_EXPORTERS_TARGET,
        pending_verifications: verification::pending_in(db, scope).await?.len() as u64,
        reviews_asked,
        hidden_listings,
        inquiries: Insights::compute(today, &[], &inquiries),
        requests: app::domain::RequestFigures::compute(&published, &offers, waiting),
        exports,
    })
}
