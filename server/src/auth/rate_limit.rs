//! Counting failed attempts in fixed windows, in memory: login failures per
//! account-and-address, per account and per address; sign-ups and reset
//! requests per address. A window lasts minutes, so an attacker can never lock
//! a real user out for long, and the per-pair limit is the tightest, so one
//! noisy address does not lock the account for everyone else.
//! (One process holds the counts; several processes would each count apart.)

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most keys remembered; beyond this, expired windows are swept.
const MAX_KEYS: usize = 100_000;

/// At most `limit` events per `period` for each key.
#[derive(Debug)]
pub struct Limiter {
    limit: u32,
    period: Duration,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl Limiter {
    pub fn new(limit: u32, period: Duration) -> Limiter {
        Limiter { limit, period, windows: Mutex::new(HashMap::new()) }
    }

    /// Whether the key has reached its limit in the current window.
    pub fn is_blocked(&self, key: &str, now: Instant) -> bool {
        let windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        windows
            .get(key)
            .is_some_and(|(started, count)| now.duration_since(*started) < self.period && *count >= self.limit)
    }

    /// Counts one event for the key.
    pub fn record(&self, key: &str, now: Instant) {
        let mut windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.len() >= MAX_KEYS {
            let period = self.period;
            windows.retain(|_, (started, _)| now.duration_since(*started) < period);
        }
        let window = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(window.0) >= self.period {
            *window = (now, 0);
        }
        window.1 = window.1.saturating_add(1);
    }

    /// Forgets the key (after a successful sign-in).
    pub fn clear(&self, key: &str) {
        self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(key);
    }
}

/// The limits Trade.ma applies.
#[derive(Debug)]
pub struct Limits {
    /// Failed sign-ins for one account from one address: 5 per 15 minutes.
    pub login_pair: Limiter,
    /// Failed sign-ins for one account from anywhere: 50 per 15 minutes.
    pub login_account: Limiter,
    /// Failed sign-ins from one address, any account: 30 per 15 minutes.
    pub login_address: Limiter,
    /// Accounts created from one address: 10 per hour.
    pub sign_up_address: Limiter,
    /// Reset links asked from one address: 10 per hour.
    pub reset_address: Limiter,
    /// Reset links mailed to one account: 3 per hour.
    pub reset_account: Limiter,
}

impl Default for Limits {
    fn default() -> Limits {
        let minutes = |n: u64| Duration::from_secs(60 * n);
        Limits {
            login_pair: Limiter::new(5, minutes(15)),
            login_account: Limiter::new(50, minutes(15)),
            login_address: Limiter::new(30, minutes(15)),
            sign_up_address: Limiter::new(10, minutes(60)),
            reset_address: Limiter::new(10, minutes(60)),
            reset_account: Limiter::new(3, minutes(60)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_blocked_at_the_limit_and_freed_when_the_window_ends() {
        let limiter = Limiter::new(3, Duration::from_secs(900));
        let start = Instant::now();
        for _ in 0..3 {
            assert!(!limiter.is_blocked("amina@coop.ma|10.0.0.1", start));
            limiter.record("amina@coop.ma|10.0.0.1", start);
        }
        assert!(limiter.is_blocked("amina@coop.ma|10.0.0.1", start));
        assert!(!limiter.is_blocked("amina@coop.ma|10.0.0.2", start), "another address is not blocked");
        assert!(!limiter.is_blocked("amina@coop.ma|10.0.0.1", start + Duration::from_secs(901)), "15 minutes later");
    }

    #[test]
    fn clearing_forgets_failures() {
        let limiter = Limiter::new(1, Duration::from_secs(60));
        let now = Instant::now();
        limiter.record("k", now);
        assert!(limiter.is_blocked("k", now));
        limiter.clear("k");
        assert!(!limiter.is_blocked("k", now));
    }
}
