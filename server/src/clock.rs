//! The time services read when a rule depends on it (a buying request's
//! deadline, a producer's monthly quote allowance, the daily digest). The
//! system clock, with an offset tests move forward to see a deadline pass;
//! each application has its own, so tests running side by side never share
//! one.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use app::domain::CalendarDate;
use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// Seconds added to the system's time.
    offset: Arc<AtomicI64>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.offset.load(Ordering::Relaxed))
    }

    /// Today in UTC.
    pub fn today(&self) -> CalendarDate {
        CalendarDate::from_days_since_epoch(self.now().timestamp().div_euclid(86_400))
    }

    /// Moves this clock forward (tests).
    pub fn advance(&self, by: Duration) {
        self.offset.fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}
