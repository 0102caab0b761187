//! The `MarketInsight` port: a producer's views and inquiries of
//! the last twelve months, by month, market and country. The grouping and
//! the shares are `app::domain::Insights`'s; this reads the counts.

use crate::db::Db;
use app::domain::{AppError, CalendarDate, Insights, ProducerAccess, insights_window_start};
use app::ports::MarketInsight;
use chrono::{NaiveDate, TimeZone, Utc};

use crate::error::StoreError;
use crate::repo::listing_view;

pub struct InsightService {
    db: Db,
}

impl InsightService {
    pub fn new(db: Db) -> InsightService {
        InsightService { db }
    }

    /// The insights of a producer on `today` (tests and the benchmark fix
    /// the day).
    pub async fn of_producer(&self, producer_id: i64, today: CalendarDate) -> Result<Insights, AppError> {
        let from = insights_window_start(today);
        let since = NaiveDate::parse_from_str(&from.to_string(), "%Y-%m-%d")
            .map_err(|_| StoreError::Corrupt(format!("window start `{from}`")))?;
        let since = Utc.from_utc_datetime(&since.and_hms_opt(0, 0, 0).unwrap_or_default());
        let views = listing_view::views_by_month(&self.db, producer_id, &from.month_key()).await?;
        let inquiries = listing_view::inquiries_by_month(&self.db, producer_id, since).await?;
        Ok(Insights::compute(today, &views, &inquiries))
    }
}

#[async_trait::async_trait]
impl MarketInsight for InsightService {
    async fn insights(&self, access: &ProducerAccess) -> Result<Insights, AppError> {
        access.require(app::domain::WorkspaceAction::ReadInsights)?;
        let today = CalendarDate::today();
        match access.producer_id() {
            Some(producer_id) => self.of_producer(producer_id, today).await,
            // No company profile yet: nothing can have been seen.
            None => Ok(Insights::compute(today, &[], &[])),
        }
    }
}
