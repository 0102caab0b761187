//! Attempt limits in fixed windows, counted in the database (`repo::attempts`)
//! so every process of a fleet spends one budget and a deploy resets nothing:
//! sign-in failures per account-and-address, per account and per address;
//! sign-ups, reset requests and reset mails; inquiries and API requests per
//! address. A window lasts minutes, so an attacker can never lock a real user
//! out for long, and the per-pair limit is the tightest, so one noisy address
//! does not lock the account for everyone else. Addresses an account signed
//! in from before are exempt from its account-wide limit.
//!
//! Every budget is declared here (`BUDGETS`), so the sweep knows when each
//! window ends. Nothing is kept in memory; a database error is returned,
//! never taken for "allowed" or for "refused". Callers pass `now`.

use std::borrow::Cow;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};

use crate::db::Db;
use crate::error::StoreError;
use crate::repo::attempts;

/// At most `limit` events per `period` for each key of one limiter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// The limiter's name in the database: unique, at most 32 characters.
    pub name: &'static str,
    pub limit: u32,
    pub period: TimeDelta,
}

impl Budget {
    const fn new(name: &'static str, limit: u32, period: TimeDelta) -> Budget {
        Budget { name, limit, period }
    }
}

/// Failed sign-ins for one account from one address: 5 per 15 minutes.
pub const LOGIN_PAIR: Budget = Budget::new("login_pair", 5, TimeDelta::minutes(15));
/// Failed sign-ins for one account from anywhere: 50 per 15 minutes.
pub const LOGIN_ACCOUNT: Budget = Budget::new("login_account", 50, TimeDelta::minutes(15));
/// Failed sign-ins from one address, any account: 30 per 15 minutes.
pub const LOGIN_ADDRESS: Budget = Budget::new("login_address", 30, TimeDelta::minutes(15));
/// Accounts created from one address: 10 per hour.
pub const SIGN_UP_ADDRESS: Budget = Budget::new("sign_up_address", 10, TimeDelta::hours(1));
/// "Someone tried to sign up with your address" mails to one account: 3 a day.
pub const SIGN_UP_KNOWN: Budget = Budget::new("sign_up_known", 3, TimeDelta::days(1));
/// Reset links asked from one address: 10 per hour.
pub const RESET_ADDRESS: Budget = Budget::new("reset_address", 10, TimeDelta::hours(1));
/// Reset links mailed to one account: 3 per hour.
pub const RESET_ACCOUNT: Budget = Budget::new("reset_account", 3, TimeDelta::hours(1));
/// New passwords set with a reset token from one address: 10 per hour.
pub const RESET_USE_ADDRESS: Budget = Budget::new("reset_use_address", 10, TimeDelta::hours(1));
/// Inquiries from one client address: 20 an hour, twice what one account
/// may send (`services::inquiries::PER_HOUR`, which checks it).
pub const INQUIRY_ADDRESS: Budget = Budget::new("inquiry_address", 20, TimeDelta::hours(1));
/// Requests to the public API from one client address: 120 a minute.
pub const API_ADDRESS: Budget = Budget::new("api_address", 120, TimeDelta::minutes(1));

/// Every budget, for the sweep.
pub const BUDGETS: [Budget; 10] = [
    LOGIN_PAIR,
    LOGIN_ACCOUNT,
    LOGIN_ADDRESS,
    SIGN_UP_ADDRESS,
    SIGN_UP_KNOWN,
    RESET_ADDRESS,
    RESET_ACCOUNT,
    RESET_USE_ADDRESS,
    INQUIRY_ADDRESS,
    API_ADDRESS,
];

/// How long a successful sign-in makes an address known for its account.
pub const KNOWN_FOR: TimeDelta = TimeDelta::days(30);

/// The longest key stored as it is (the column's length); a longer one
/// (whatever a visitor typed as an address) is stored by its digest.
const MAX_KEY: usize = 320;

/// `key` as stored: itself, or `sha256:` and its hex digest when too long.
fn stored_key(key: &str) -> Cow<'_, str> {
    if key.len() <= MAX_KEY {
        return Cow::Borrowed(key);
    }
    let digest: String = Sha256::digest(key.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect();
    Cow::Owned(format!("sha256:{digest}"))
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

/// The key of an account at an address (the per-pair limit, known places).
pub fn pair(email: &str, address: &str) -> String {
    format!("{email}|{address}")
}

/// One budget applied to keys, counted in the database.
#[derive(Clone)]
pub struct Limiter {
    db: Db,
    budget: Budget,
}

impl Limiter {
    pub fn new(db: Db, budget: Budget) -> Limiter {
        Limiter { db, budget }
    }

    /// What it allows.
    pub fn budget(&self) -> Budget {
        self.budget
    }

    /// The instant a window must have started after to be current at `now`.
    fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - self.budget.period
    }

    fn limit(&self) -> i32 {
        i32::try_from(self.budget.limit).unwrap_or(i32::MAX)
    }

    /// Whether the key has reached its limit in the current window.
    pub async fn is_blocked(&self, key: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let count = attempts::count(&self.db, self.budget.name, &stored_key(key), self.window_start(now)).await?;
        Ok(count >= self.limit())
    }

    /// Counts one attempt and says whether it may go ahead. Check and count
    /// are one statement, so parallel attempts, in this process or another,
    /// cannot all slip through before the first failure is recorded; a
    /// refused attempt is not counted.
    pub async fn try_hit(&self, key: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        self.try_hit_within(&self.db, key, now).await
    }

    /// `try_hit` in the caller's transaction: the count commits or rolls
    /// back with it. Inside a write transaction it must be this one: on
    /// SQLite a statement on another connection would wait for the
    /// transaction's own write lock.
    pub async fn try_hit_within(
        &self,
        db: &impl ConnectionTrait,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        attempts::try_hit(db, self.budget.name, &stored_key(key), now, self.window_start(now), self.limit()).await
    }

    /// Counts one event for the key, allowed or not.
    pub async fn record(&self, key: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        attempts::record(&self.db, self.budget.name, &stored_key(key), now, self.window_start(now)).await
    }

    /// Gives back one attempt (it succeeded, so it was not a guess).
    pub async fn give_back(&self, key: &str) -> Result<(), StoreError> {
        attempts::give_back(&self.db, self.budget.name, &stored_key(key)).await
    }

    /// Forgets the key (after a successful sign-in).
    pub async fn clear(&self, key: &str) -> Result<(), StoreError> {
        attempts::clear(&self.db, self.budget.name, &stored_key(key)).await
    }
}

/// Account-and-address pairs that signed in successfully: the per-account
/// limit does not apply to them, so attackers elsewhere cannot lock a
/// person out of the places they usually sign in from.
#[derive(Clone)]
pub struct KnownPlaces {
    db: Db,
}

impl KnownPlaces {
    pub fn new(db: Db) -> KnownPlaces {
        KnownPlaces { db }
    }

    /// Records a successful sign-in of `pair` at `now`.
    pub async fn remember(&self, pair: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        attempts::remember_place(&self.db, &stored_key(pair), now).await
    }

    /// Whether `pair` signed in successfully within `KNOWN_FOR` of `now`.
    pub async fn is_known(&self, pair: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        attempts::is_known_place(&self.db, &stored_key(pair), now - KNOWN_FOR).await
    }
}

/// A sign-in the limits let through (`Limits::try_sign_in`), until its
/// password is known to be right (`Limits::signed_in`).
#[derive(Debug)]
pub struct SignInAttempt {
    email: String,
    address: String,
    pair: String,
    known_place: bool,
}

/// The limits Trade.ma applies to accounts.
#[derive(Clone)]
pub struct Limits {
    /// Failed sign-ins for one account from one address (`LOGIN_PAIR`).
    pub login_pair: Limiter,
    /// Failed sign-ins for one account from anywhere (`LOGIN_ACCOUNT`).
    pub login_account: Limiter,
    /// Failed sign-ins from one address, any account (`LOGIN_ADDRESS`).
    pub login_address: Limiter,
    /// Accounts created from one address (`SIGN_UP_ADDRESS`).
    pub sign_up_address: Limiter,
    /// "Someone tried to sign up with your address" mails (`SIGN_UP_KNOWN`).
    pub sign_up_known: Limiter,
    /// Reset links asked from one address (`RESET_ADDRESS`).
    pub reset_address: Limiter,
    /// Reset links mailed to one account (`RESET_ACCOUNT`).
    pub reset_account: Limiter,
    /// New passwords set with a reset token from one address (`RESET_USE_ADDRESS`).
    pub reset_use_address: Limiter,
    /// Where each account signed in successfully.
    pub known_places: KnownPlaces,
}

impl Limits {
    /// The limits, counted in `db`.
    pub fn new(db: Db) -> Limits {
        let limiter = |budget| Limiter::new(db.clone(), budget);
        Limits {
            login_pair: limiter(LOGIN_PAIR),
            login_account: limiter(LOGIN_ACCOUNT),
            login_address: limiter(LOGIN_ADDRESS),
            sign_up_address: limiter(SIGN_UP_ADDRESS),
            sign_up_known: limiter(SIGN_UP_KNOWN),
            reset_address: limiter(RESET_ADDRESS),
            reset_account: limiter(RESET_ACCOUNT),
            reset_use_address: limiter(RESET_USE_ADDRESS),
            known_places: KnownPlaces::new(db),
        }
    }

    /// Counts a sign-in for `email` from `address` before its password is
    /// checked, so parallel guesses cannot all pass: against the pair, the
    /// address and, unless the account signed in from this address before,
    /// the account. `None`: a limit refuses it.
    pub async fn try_sign_in(
        &self,
        email: &str,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<SignInAttempt>, StoreError> {
        let pair = pair(email, address);
        let known_place = self.known_places.is_known(&pair, now).await?;
        let allowed = self.login_pair.try_hit(&pair, now).await?
            && self.login_address.try_hit(address, now).await?
            && (known_place || self.login_account.try_hit(email, now).await?);
        Ok(allowed.then(|| SignInAttempt { email: email.to_owned(), address: address.to_owned(), pair, known_place }))
    }

    /// The attempt's password was right: it was not a guess, so the pair's
    /// failures are forgotten, its attempt given back, and the address
    /// becomes a known place of the account.
    pub async fn signed_in(&self, attempt: SignInAttempt, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.login_pair.clear(&attempt.pair).await?;
        self.login_address.give_back(&attempt.address).await?;
        if !attempt.known_place {
            self.login_account.give_back(&attempt.email).await?;
        }
        self.known_places.remember(&attempt.pair, now).await
    }
}

/// What a sweep deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub windows: u64,
    pub places: u64,
}

/// Deletes the windows that have ended, each by its budget's period (any
/// other limiter's after the longest period), and the places not seen
/// within `KNOWN_FOR`.
pub async fn sweep(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Swept, StoreError> {
    let mut windows = 0;
    for budget in BUDGETS {
        windows += attempts::sweep_windows(db, budget.name, now - budget.period).await?;
    }
    let longest = BUDGETS.iter().map(|budget| budget.period).max().unwrap_or(KNOWN_FOR);
    windows += attempts::sweep_old_windows(db, now - longest).await?;
    let places = attempts::sweep_places(db, now - KNOWN_FOR).await?;
    Ok(Swept { windows, places })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 10:00 UTC on a fixed day: the tests drive time from here.
    fn start() -> DateTime<Utc> {
        "2026-12-07T10:00:00Z".parse().expect("a time")
    }

    async fn migrated(url: &str) -> Db {
        let connection = sea_orm::Database::connect(url).await.expect("the database opens");
        crate::db::migrate(&connection).await.expect("the migrations run");
        Db::standalone(connection)
    }

    /// A fresh in-memory SQLite database (one connection).
    async fn database() -> Db {
        migrated("sqlite::memory:").await
    }

    /// A server process's pool on the database in `dir`, opened as a server
    /// opens it (WAL, busy timeout, several connections).
    async fn process_on(dir: &std::path::Path) -> Db {
        let settings = crate::config::Settings::for_data_dir(dir);
        let connection = crate::db::connect(&settings).await.expect("the database opens");
        crate::db::migrate(&connection).await.expect("the migrations run");
        Db::standalone(connection)
    }

    fn limiter(db: &Db, limit: u32, minutes: i64) -> Limiter {
        Limiter::new(db.clone(), Budget::new("test", limit, TimeDelta::minutes(minutes)))
    }

    #[tokio::test]
    async fn a_key_is_blocked_at_the_limit_and_freed_when_the_window_ends() {
        let db = database().await;
        let limiter = limiter(&db, 3, 15);
        let key = "amina@coop.ma|10.0.0.1";
        for _ in 0..3 {
            assert!(!limiter.is_blocked(key, start()).await.expect("read"));
            limiter.record(key, start()).await.expect("recorded");
        }
        assert!(limiter.is_blocked(key, start()).await.expect("read"));
        assert!(!limiter.is_blocked("amina@coop.ma|10.0.0.2", start()).await.expect("read"), "another address");
        let later = start() + TimeDelta::seconds(901);
        assert!(!limiter.is_blocked(key, later).await.expect("read"), "15 minutes later");
    }

    #[tokio::test]
    async fn try_hit_checks_and_counts_at_once() {
        let db = database().await;
        let limiter = limiter(&db, 2, 1);
        assert!(limiter.try_hit("k", start()).await.expect("hit"));
        assert!(limiter.try_hit("k", start()).await.expect("hit"));
        assert!(!limiter.try_hit("k", start()).await.expect("hit"), "the third attempt in the window is refused");
        assert!(!limiter.try_hit("k", start()).await.expect("hit"), "and so is the fourth");
        limiter.give_back("k").await.expect("given back");
        assert!(limiter.try_hit("k", start()).await.expect("hit"), "a successful attempt given back frees a place");
        assert!(!limiter.try_hit("k", start()).await.expect("hit"), "refused attempts were not counted: one place");
    }

    /// Twelve guesses at once, through two processes' pools: exactly the
    /// budget goes ahead.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn parallel_attempts_get_exactly_the_budget() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let first = limiter(&process_on(dir.path()).await, 5, 15);
        let second = limiter(&process_on(dir.path()).await, 5, 15);
        let mut guesses = tokio::task::JoinSet::new();
        for n in 0..12 {
            let limiter = if n % 2 == 0 { first.clone() } else { second.clone() };
            guesses.spawn(async move { limiter.try_hit("guesser", start()).await.expect("hit") });
        }
        let allowed = guesses.join_all().await.into_iter().filter(|allowed| *allowed).count();
        assert_eq!(allowed, 5, "5 of 12 simultaneous guesses go ahead");
    }

    /// A window is fixed: it starts at its first attempt, attempts refused
    /// later do not stretch it, and the next one starts afresh.
    #[tokio::test]
    async fn a_window_restarts_when_it_ends() {
        let db = database().await;
        let limiter = limiter(&db, 2, 15);
        assert!(limiter.try_hit("k", start()).await.expect("hit"));
        assert!(limiter.try_hit("k", start() + TimeDelta::minutes(5)).await.expect("hit"));
        let almost = start() + TimeDelta::minutes(15) - TimeDelta::seconds(1);
        assert!(!limiter.try_hit("k", almost).await.expect("hit"), "still the first window");
        let next = start() + TimeDelta::minutes(15);
        assert!(limiter.try_hit("k", next).await.expect("hit"), "the first window ended 15 minutes after it began");
        assert!(limiter.try_hit("k", next).await.expect("hit"), "the new window counts from 1");
        assert!(!limiter.try_hit("k", next + TimeDelta::minutes(14)).await.expect("hit"), "and has the same budget");
        limiter.record("k", next + TimeDelta::minutes(30)).await.expect("recorded");
        assert!(!limiter.is_blocked("k", next + TimeDelta::minutes(30)).await.expect("read"), "record restarts too");
    }

    #[tokio::test]
    async fn give_back_stops_at_zero_and_clearing_forgets_failures() {
        let db = database().await;
        let limiter = limiter(&db, 1, 1);
        limiter.give_back("k").await.expect("nothing to give back");
        limiter.record("k", start()).await.expect("recorded");
        limiter.give_back("k").await.expect("given back");
        limiter.give_back("k").await.expect("given back again");
        assert!(limiter.try_hit("k", start()).await.expect("hit"), "the count was 0, not -1");
        assert!(limiter.is_blocked("k", start()).await.expect("read"), "and one attempt fills it");
        limiter.clear("k").await.expect("cleared");
        assert!(!limiter.is_blocked("k", start()).await.expect("read"));
    }

    /// Each limit of `Limits` has its documented budget and window.
    #[tokio::test]
    async fn every_limit_allows_its_budget_in_its_window() {
        let db = database().await;
        let limits = Limits::new(db);
        let expected: [(&Limiter, u32, i64); 8] = [
            (&limits.login_pair, 5, 15),
            (&limits.login_account, 50, 15),
            (&limits.login_address, 30, 15),
            (&limits.sign_up_address, 10, 60),
            (&limits.sign_up_known, 3, 24 * 60),
            (&limits.reset_address, 10, 60),
            (&limits.reset_account, 3, 60),
            (&limits.reset_use_address, 10, 60),
        ];
        for (limiter, limit, minutes) in expected {
            let name = limiter.budget().name;
            for n in 0..limit {
                assert!(limiter.try_hit("k", start()).await.expect("hit"), "{name}: attempt {} is allowed", n + 1);
            }
            assert!(!limiter.try_hit("k", start()).await.expect("hit"), "{name}: attempt {} is refused", limit + 1);
            let ending = start() + TimeDelta::minutes(minutes) - TimeDelta::seconds(1);
            assert!(limiter.is_blocked("k", ending).await.expect("read"), "{name}: blocked for {minutes} minutes");
            let after = start() + TimeDelta::minutes(minutes);
            assert!(limiter.try_hit("k", after).await.expect("hit"), "{name}: allowed again after {minutes} minutes");
        }
    }

    #[test]
    fn budget_names_are_unique_and_fit_their_column() {
        for (n, budget) in BUDGETS.iter().enumerate() {
            assert!(budget.name.len() <= 32 && budget.limit > 0, "{budget:?}");
            assert!(BUDGETS[n + 1..].iter().all(|other| other.name != budget.name), "{} twice", budget.name);
        }
    }

    #[tokio::test]
    async fn one_noisy_address_does_not_lock_the_account_elsewhere() {
        let db = database().await;
        let limits = Limits::new(db);
        for _ in 0..5 {
            assert!(limits.try_sign_in("amina@coop.ma", "10.0.0.1", start()).await.expect("counted").is_some());
        }
        let refused = limits.try_sign_in("amina@coop.ma", "10.0.0.1", start()).await.expect("counted");
        assert!(refused.is_none(), "the sixth guess from one address is refused");
        let elsewhere = limits.try_sign_in("amina@coop.ma", "10.0.0.2", start()).await.expect("counted");
        assert!(elsewhere.is_some(), "the account still signs in from another address");
    }

    #[tokio::test]
    async fn one_address_has_30_failures_across_accounts() {
        let db = database().await;
        let limits = Limits::new(db);
        for n in 0..30 {
            let email = format!("buyer{n}@example.com");
            assert!(limits.try_sign_in(&email, "10.0.0.9", start()).await.expect("counted").is_some(), "{email}");
        }
        let next = limits.try_sign_in("buyer30@example.com", "10.0.0.9", start()).await.expect("counted");
        assert!(next.is_none(), "the address is refused for any account");
    }

    /// 50 failures from ten addresses reach the account-wide limit: a new
    /// address is refused, the one the account signed in from is not.
    #[tokio::test]
    async fn a_known_place_is_spared_the_account_wide_limit() {
        let db = database().await;
        let limits = Limits::new(db);
        let home = limits.try_sign_in("amina@coop.ma", "10.0.0.1", start()).await.expect("counted");
        limits.signed_in(home.expect("allowed"), start()).await.expect("remembered");
        for n in 0..50 {
            let address = format!("192.0.2.{}", n / 5);
            assert!(limits.try_sign_in("amina@coop.ma", &address, start()).await.expect("counted").is_some());
        }
        let stranger = limits.try_sign_in("amina@coop.ma", "198.51.100.1", start()).await.expect("counted");
        assert!(stranger.is_none(), "a new address is refused once the account has 50 failures");
        let home = limits.try_sign_in("amina@coop.ma", "10.0.0.1", start()).await.expect("counted");
        assert!(home.is_some(), "the known place still signs in");
    }

    #[tokio::test]
    async fn a_success_gives_its_attempts_back() {
        let db = database().await;
        let limits = Limits::new(db.clone());
        for _ in 0..4 {
            limits.try_sign_in("amina@coop.ma", "10.0.0.1", start()).await.expect("counted").expect("allowed");
        }
        let right = limits.try_sign_in("amina@coop.ma", "10.0.0.1", start()).await.expect("counted");
        limits.signed_in(right.expect("allowed"), start()).await.expect("signed in");
        for _ in 0..5 {
            let again = limits.try_sign_in("amina@coop.ma", "10.0.0.1", start()).await.expect("counted");
            assert!(again.is_some(), "the pair's failures were forgotten: 5 more attempts");
        }
        let window = start() - LOGIN_ADDRESS.period;
        let address = attempts::count(&db, LOGIN_ADDRESS.name, "10.0.0.1", window).await.expect("read");
        assert_eq!(address, 9, "4 failures, 1 given back, 5 more");
        let account = attempts::count(&db, LOGIN_ACCOUNT.name, "amina@coop.ma", window).await.expect("read");
        assert_eq!(account, 4, "the attempts from a known place do not count against the account");
    }

    #[tokio::test]
    async fn known_places_are_forgotten_after_30_days() {
        let db = database().await;
        let places = KnownPlaces::new(db);
        places.remember("amina@coop.ma|10.0.0.1", start()).await.expect("remembered");
        assert!(places.is_known("amina@coop.ma|10.0.0.1", start() + TimeDelta::days(29)).await.expect("read"));
        assert!(!places.is_known("amina@coop.ma|10.0.0.2", start()).await.expect("read"), "another address");
        assert!(!places.is_known("amina@coop.ma|10.0.0.1", start() + KNOWN_FOR).await.expect("read"), "30 days on");
        places.remember("amina@coop.ma|10.0.0.1", start() + TimeDelta::days(29)).await.expect("remembered");
        assert!(places.is_known("amina@coop.ma|10.0.0.1", start() + KNOWN_FOR).await.expect("read"), "seen again");
    }

    #[tokio::test]
    async fn the_sweep_deletes_ended_windows_and_old_places_only() {
        let db = database().await;
        let limits = Limits::new(db.clone());
        limits.login_pair.record("ended", start()).await.expect("recorded");
        limits.sign_up_known.record("current", start()).await.expect("recorded");
        Limiter::new(db.clone(), Budget::new("retired", 1, TimeDelta::minutes(1)))
            .record("k", start())
            .await
            .expect("recorded");
        limits.known_places.remember("old|10.0.0.1", start()).await.expect("remembered");
        limits.known_places.remember("recent|10.0.0.1", start() + TimeDelta::days(20)).await.expect("remembered");

        let swept = sweep(&db, start() + TimeDelta::minutes(16)).await.expect("swept");
        assert_eq!(swept, Swept { windows: 1, places: 0 }, "the 15-minute window ended");
        let swept = sweep(&db, start() + KNOWN_FOR).await.expect("swept");
        assert_eq!(swept, Swept { windows: 2, places: 1 }, "the day's window, the retired limiter's, the old place");
        assert!(limits.known_places.is_known("recent|10.0.0.1", start() + KNOWN_FOR).await.expect("read"));
        assert_eq!(sweep(&db, start() + KNOWN_FOR).await.expect("swept"), Swept::default(), "nothing left to do");
    }

    #[tokio::test]
    async fn the_sweep_keeps_current_counts() {
        let db = database().await;
        let limiter = Limiter::new(db.clone(), LOGIN_PAIR);
        for _ in 0..5 {
            limiter.record("k", start()).await.expect("recorded");
        }
        sweep(&db, start() + TimeDelta::minutes(14)).await.expect("swept");
        assert!(limiter.is_blocked("k", start() + TimeDelta::minutes(14)).await.expect("read"), "still blocked");
    }

    #[tokio::test]
    async fn long_keys_are_counted_by_their_digest() {
        let db = database().await;
        let limiter = limiter(&db, 1, 15);
        let (long, other) = ("x".repeat(5000), format!("{}y", "x".repeat(4999)));
        assert!(stored_key(&long).len() <= MAX_KEY && stored_key(&long) != stored_key(&other));
        assert!(limiter.try_hit(&long, start()).await.expect("hit"));
        assert!(!limiter.try_hit(&long, start()).await.expect("hit"), "the same long key is the same window");
        assert!(limiter.try_hit(&other, start()).await.expect("hit"), "another long key has its own");
    }

    #[tokio::test]
    async fn a_hit_in_a_transaction_rolls_back_with_it() {
        let db = database().await;
        let limiter = limiter(&db, 1, 15);
        let txn = crate::db::begin_write(&db).await.expect("a transaction");
        assert!(limiter.try_hit_within(&txn, "k", start()).await.expect("hit"));
        txn.rollback().await.expect("rolled back");
        assert!(limiter.try_hit("k", start()).await.expect("hit"), "the rolled back attempt was not counted");
    }

    /// The fleet: two processes, each with its own pool and its own
    /// `Limits`, on one database spend one budget.
    #[tokio::test]
    async fn two_processes_share_one_budget() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let first = Limits::new(process_on(dir.path()).await);
        let second = Limits::new(process_on(dir.path()).await);
        for _ in 0..3 {
            assert!(first.try_sign_in("amina@coop.ma", "10.0.0.1", start()).await.expect("counted").is_some());
        }
        for _ in 0..2 {
            assert!(second.try_sign_in("amina@coop.ma", "10.0.0.1", start()).await.expect("counted").is_some());
        }
        let pair = pair("amina@coop.ma", "10.0.0.1");
        assert!(first.login_pair.is_blocked(&pair, start()).await.expect("read"), "5 failures in all");
        let sixth = second.try_sign_in("amina@coop.ma", "10.0.0.1", start()).await.expect("counted");
        assert!(sixth.is_none(), "the second process refuses the sixth guess");
        first.login_pair.clear(&pair).await.expect("cleared");
        assert!(!second.login_pair.is_blocked(&pair, start()).await.expect("read"), "a success anywhere clears it");
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_prefix() {
        let a: std::net::IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: std::net::IpAddr = "2001:db8:1:2:bbbb::9".parse().expect("ip");
        assert_eq!(address_key(a), address_key(b));
        assert_eq!(address_key("10.0.0.7".parse().expect("ip")), "10.0.0.7");
    }
}
