//! Counting failed attempts in fixed windows, in memory: login failures per
//! account-and-address, per account and per address; sign-ups and reset
//! requests per address. A window lasts minutes, so an attacker can never lock
//! a real user out for long, and the per-pair limit is the tightest, so one
//! noisy address does not lock the account for everyone else.
//! Addresses an account signed in from before are exempt from its account-wide
//! limit. (One process holds the counts; several processes would each count apart.)

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most keys remembered. When full, ended windows go; if a spray of fresh
/// keys still fills the map, single attempts go next (a targeted guesser has
/// more than one), then the oldest windows, down to half: memory stays bounded
/// and a sweep comes at most once per `MAX_KEYS / 2` new keys.
const MAX_KEYS: usize = 100_000;

/// Makes room in a full map of windows (see `MAX_KEYS`).
fn make_room(windows: &mut HashMap<String, (Instant, u32)>, now: Instant, period: Duration) {
    if windows.len() < MAX_KEYS {
        return;
    }
    windows.retain(|_, (started, _)| now.duration_since(*started) < period);
    if windows.len() > MAX_KEYS / 2 {
        windows.retain(|_, (_, count)| *count > 1);
    }
    keep_newest(windows, MAX_KEYS / 2, |(started, _)| *started);
}

/// Keeps the `keep` entries with the latest instants.
fn keep_newest<V>(map: &mut HashMap<String, V>, keep: usize, at: impl Fn(&V) -> Instant) {
    if map.len() <= keep {
        return;
    }
    let mut instants: Vec<Instant> = map.values().map(&at).collect();
    let cut = instants.len() - keep;
    let (_, threshold, _) = instants.select_nth_unstable(cut);
    let threshold = *threshold;
    map.retain(|_, value| at(value) >= threshold);
}

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

    /// Runs `count` on the key's current window (a new one if the last has
    /// ended), sweeping ended windows when the map is full.
    fn with_window<T>(&self, key: &str, now: Instant, count: impl FnOnce(&mut u32, u32) -> T) -> T {
        let mut windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if !windows.contains_key(key) {
            make_room(&mut windows, now, self.period);
        }
        let window = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(window.0) >= self.period {
            *window = (now, 0);
        }
        count(&mut window.1, self.limit)
    }

    /// Counts one attempt and says whether it may go ahead: check and count
    /// happen under one lock, so parallel attempts cannot all slip through
    /// before the first failure is recorded.
    pub fn try_hit(&self, key: &str, now: Instant) -> bool {
        self.with_window(key, now, |count, limit| {
            let allowed = *count < limit;
            if allowed {
                *count += 1;
            }
            allowed
        })
    }

    /// Gives back one attempt (it succeeded, so it was not a guess).
    pub fn give_back(&self, key: &str) {
        let mut windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(window) = windows.get_mut(key) {
            window.1 = window.1.saturating_sub(1);
        }
    }

    /// Counts one event for the key.
    pub fn record(&self, key: &str, now: Instant) {
        self.with_window(key, now, |count, _| *count = count.saturating_add(1));
    }

    /// How many keys are remembered now.
    pub fn tracked_keys(&self) -> usize {
        self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).len()
    }

    /// Forgets the key (after a successful sign-in).
    pub fn clear(&self, key: &str) {
        self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(key);
    }
}

/// The key of a client address: IPv4 as is, IPv6 by its /64 (one
/// household or server gets a whole /64, so single addresses cost nothing).
pub fn address_key(address: std::net::IpAddr) -> String {
    match address {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Account-and-address pairs that signed in successfully: the per-account
/// limit does not apply to them, so attackers elsewhere cannot lock a
/// person out of the places they usually sign in from.
#[derive(Debug, Default)]
pub struct KnownPlaces {
    pairs: Mutex<HashMap<String, Instant>>,
}

/// How long a successful sign-in makes an address known for its account.
const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 3600);

impl KnownPlaces {
    pub fn remember(&self, pair: &str, now: Instant) {
        let mut pairs = self.pairs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if pairs.len() >= MAX_KEYS && !pairs.contains_key(pair) {
            pairs.retain(|_, at| now.duration_since(*at) < KNOWN_FOR);
            keep_newest(&mut pairs, MAX_KEYS / 2, |at| *at);
        }
        pairs.insert(pair.to_owned(), now);
    }

    pub fn is_known(&self, pair: &str, now: Instant) -> bool {
        let pairs = self.pairs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        pairs.get(pair).is_some_and(|at| now.duration_since(*at) < KNOWN_FOR)
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
    /// "Someone tried to sign up with your address" mails to one account: 3 a day.
    pub sign_up_known: Limiter,
    /// Reset links asked from one address: 10 per hour.
    pub reset_address: Limiter,
    /// Reset links mailed to one account: 3 per hour.
    pub reset_account: Limiter,
    /// New passwords set with a reset token from one address: 10 per hour.
    pub reset_use_address: Limiter,
    /// Where each account signed in successfully.
    pub known_places: KnownPlaces,
}

impl Default for Limits {
    fn default() -> Limits {
        let minutes = |n: u64| Duration::from_secs(60 * n);
        Limits {
            login_pair: Limiter::new(5, minutes(15)),
            login_account: Limiter::new(50, minutes(15)),
            login_address: Limiter::new(30, minutes(15)),
            sign_up_address: Limiter::new(10, minutes(60)),
            sign_up_known: Limiter::new(3, minutes(24 * 60)),
            reset_address: Limiter::new(10, minutes(60)),
            reset_account: Limiter::new(3, minutes(60)),
            reset_use_address: Limiter::new(10, minutes(60)),
            known_places: KnownPlaces::default(),
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
    fn try_hit_checks_and_counts_at_once() {
        let limiter = Limiter::new(2, Duration::from_secs(60));
        let now = Instant::now();
        assert!(limiter.try_hit("k", now));
        assert!(limiter.try_hit("k", now));
        assert!(!limiter.try_hit("k", now), "the third attempt in the window is refused");
        limiter.give_back("k");
        assert!(limiter.try_hit("k", now), "a successful attempt given back frees a place");
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_prefix() {
        let a: std::net::IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: std::net::IpAddr = "2001:db8:1:2:bbbb::9".parse().expect("ip");
        assert_eq!(address_key(a), address_key(b));
        assert_eq!(address_key("10.0.0.7".parse().expect("ip")), "10.0.0.7");
    }

    /// A spray of 200,000 distinct addresses within one window: memory stays
    /// bounded and the time linear (the old sweep was quadratic once full),
    /// and a guesser with several attempts keeps its count.
    #[test]
    fn a_spray_of_distinct_keys_stays_bounded() {
        let limiter = Limiter::new(5, Duration::from_secs(900));
        let now = Instant::now();
        for _ in 0..3 {
            limiter.record("guesser", now);
        }
        let started = std::time::Instant::now();
        for n in 0..200_000u32 {
            limiter.record(&format!("10.{}.{}.{}", n >> 16, (n >> 8) & 255, n & 255), now);
            assert!(limiter.tracked_keys() <= MAX_KEYS, "at most {MAX_KEYS} keys");
        }
        let elapsed = started.elapsed();
        assert!(elapsed < Duration::from_secs(20), "200,000 keys took {elapsed:?}: the sweep is not amortised");
        limiter.record("guesser", now);
        limiter.record("guesser", now);
        assert!(limiter.is_blocked("guesser", now), "the guesser's count survived the spray");
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
