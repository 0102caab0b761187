//! A year of listing views for the demo producer, from buyers in every world
//! market and growing outside Europe, so its insights page is not empty on a
//! first run. Demo data only.

use std::collections::HashMap;

use app::domain::CountryCode;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use super::rng::DemoRng;
use crate::error::StoreError;
use crate::repo::listing_view::{self, ViewKey};

/// Countries and their weight in the demo audience (`ZZ`: unknown).
const AUDIENCE: [(&str, u64); 14] = [
    ("FR", 24),
    ("ES", 9),
    ("DE", 6),
    ("BE", 4),
    ("US", 8),
    ("BR", 7),
    ("PA", 4),
    ("CN", 8),
    ("IN", 6),
    ("NG", 5),
    ("SN", 3),
    ("AE", 6),
    ("SA", 3),
    ("ZZ", 7),
];

/// Writes the views of the last 365 days; returns how many.
pub async fn seed(db: &impl ConnectionTrait, listing_ids: &[i64], now: DateTime<Utc>) -> Result<u64, StoreError> {
    let mut rng = DemoRng::new(0x5EE_D1E5);
    let today = now.date_naive();
    let mut views: HashMap<ViewKey, u64> = HashMap::new();
    for back in 0..365_i64 {
        let day = today - chrono::Duration::days(back);
        // Interest grows through the year, most of the growth from far away.
        let growth = (365 - back) as u64;
        for listing_id in listing_ids {
            for (code, weight) in AUDIENCE {
                let far = !matches!(code, "FR" | "ES" | "DE" | "BE" | "ZZ");
                let expected = weight * (40 + if far { growth / 3 } else { growth / 12 });
                // About `expected` / 1,000 views a day.
                let count = (expected + rng.range(0, 999) as u64) / 1_000;
                if count > 0 {
                    let country = CountryCode::parse(code).ok();
                    views.insert(ViewKey { listing_id: *listing_id, day, country }, count);
                }
            }
        }
    }
    listing_view::add(db, &views).await
}
