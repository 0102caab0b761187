//! `server bench-insights --views N [--database-url URL]`: N
//! recorded view rows (distinct listing, day and country) for one producer
//! and as many for the others, a year of inquiries, then the producer's
//! insights computed again and again, with p50/p95/p99 printed beside the
//! budget (50 ms). SQLite in a throwaway directory by default; PostgreSQL
//! with `--database-url` (an empty database of your own). A benchmark, not
//! a timed test: `./tradema test` runs it at a small N to prove it works.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::Context;
use app::domain::{CalendarDate, CountryCode};
use chrono::{Datelike, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::config::Settings;
use crate::entities::{listings, producers};
use crate::repo::listing_view::{self, ViewKey};
use crate::services::InsightService;

/// Insights computed per timing.
const SAMPLES: usize = 100;
/// Countries views come from (and unknown).
const COUNTRIES: [&str; 24] = [
    "FR", "ES", "DE", "IT", "NL", "BE", "GB", "US", "CA", "BR", "PA", "MX", "CN", "JP", "IN", "AE", "SA", "QA", "NG",
    "SN", "CI", "EG", "AU", "ZZ",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// `count` distinct view rows over the listings, the last 365 days and the
/// countries.
fn rows_for(listing_ids: &[i64], count: usize, today: chrono::NaiveDate) -> HashMap<ViewKey, u64> {
    let mut rows = HashMap::with_capacity(count);
    let per_listing = 365 * COUNTRIES.len();
    for n in 0..count.min(listing_ids.len() * per_listing) {
        let listing_id = listing_ids[n / per_listing];
        let within = n % per_listing;
        let day = today - chrono::Duration::days((within / COUNTRIES.len()) as i64);
        let country = CountryCode::parse(COUNTRIES[within % COUNTRIES.len()]).ok();
        rows.insert(ViewKey { listing_id, day, country }, 1 + (n % 17) as u64);
    }
    rows
}

pub async fn run(views: usize, database_url: Option<String>) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut settings = Settings::for_data_dir(dir.path());
    if let Some(url) = &database_url {
        settings.database_url = url.clone().into();
    }
    let db = crate::db::Db::standalone(crate::db::connect(&settings).await?);
    crate::db::migrate(&db).await?;
    let started = Instant::now();
    crate::bench::search::import(&db, 400).await?;
    let today = Utc::now().date_naive();
    let producer_ids: Vec<i64> =
        producers::Entity::find().select_only().column(producers::Column::Id).into_tuple().all(&db).await?;
    let measured = *producer_ids.first().context("a bench producer")?;
    // Each of two producers gets 40 listings: 40 × 365 days × 24 countries
    // is room for 350,400 distinct rows.
    let all_listings: Vec<i64> =
        listings::Entity::find().select_only().column(listings::Column::Id).into_tuple().all(&db).await?;
    let mut written = 0;
    for (at, producer_id) in producer_ids.iter().take(2).enumerate() {
        let listing_ids: Vec<i64> = all_listings.iter().skip(at * 40).take(40).copied().collect();
        listings::Entity::update_many()
            .col_expr(listings::Column::ProducerId, sea_orm::sea_query::Expr::value(*producer_id))
            .filter(listings::Column::Id.is_in(listing_ids.clone()))
            .exec(&db)
            .await?;
        let rows = rows_for(&listing_ids, views, today);
        if rows.len() < views {
            println!("bench-insights: {} listings give {} rows only", listing_ids.len(), rows.len());
        }
        written += rows.len();
        listing_view::add(&db, &rows).await?;
    }
    crate::db::refresh_statistics(&db).await?;
    println!(
        "bench-insights: {written} view rows for 2 producers ({}) written in {:.1} s",
        if database_url.is_some() { "PostgreSQL" } else { "SQLite" },
        started.elapsed().as_secs_f64()
    );
    let service = InsightService::new(db.clone());
    let day = CalendarDate::parse(&format!("{:04}-{:02}-{:02}", today.year(), today.month(), today.day()))
        .context("today as a calendar date")?;
    let mut times = Vec::with_capacity(SAMPLES);
    let mut total = 0;
    for sample in 0..SAMPLES + 5 {
        let began = Instant::now();
        let insights = service.of_producer(measured, day).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
        if sample >= 5 {
            times.push(began.elapsed());
        }
        total = insights.total.views;
    }
    times.sort();
    let p99 = percentile(&times, 0.99);
    println!();
    println!("{:<34} {:>9} {:>9} {:>9}   budget", "insights of one producer", "p50", "p95", "p99");
    println!(
        "{:<34} {:>6.2} ms {:>6.2} ms {:>6.2} ms   p99 ≤ 50 ms: {}",
        format!("{views} rows, {total} views"),
        percentile(&times, 0.50).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        if p99 <= Duration::from_millis(50) { "met" } else { "NOT met" }
    );
    Ok(())
}
