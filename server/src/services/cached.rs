//! Answers computed from the catalogue and kept until this application
//! commits a write (its `changes::Changes` move) or `MAX_AGE` passes, whichever comes
//! first: the home page's counts by sector and region, a region's or a
//! sector's producer count, the data of a listing or producer page.
//! Recounting 100,000 listings on every page view is what made the home
//! page slow, and five queries through SQLite's worker thread were most of
//! a listing page's cost; the catalogue changes far less often than it is
//! read. `MAX_AGE` bounds staleness after writes made by another process
//! (`server suspend`, a second server on the same database). Each cache
//! holds at most its capacity: when full, stale answers go first, then the
//! older half.
//!
//! When a kept answer goes stale, the first request to ask computes the
//! new one; requests arriving while it does get the previous answer
//! instead of computing it too. At 100,000 listings the home page's counts
//! take about 300 ms: without this, every request in those 300 ms after a
//! commit recounted them at once. Likewise, requests for an answer that is
//! being computed for the first time wait for it instead of computing it
//! too (32 concurrent first home pages at 100,000 listings took over 2 s).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::changes::{Changes, Follows};

/// The longest an answer is kept.
pub const MAX_AGE: Duration = Duration::from_secs(30);
/// The longest a request waits for another's first computation of an
/// answer before computing it itself.
const FIRST_WAIT: Duration = Duration::from_secs(10);

/// Cached answers by key.
pub struct Cached<K, V> {
    entries: Mutex<HashMap<K, Entry<V>>>,
    /// The application's changes, and which of them answers depend on.
    changes: Changes,
    follows: Follows,
    /// The most answers kept.
    capacity: usize,
    /// Keys whose first answer a request is computing; the others wait.
    first: Mutex<HashMap<K, Arc<tokio::sync::Notify>>>,
    /// The longest an answer is kept (`MAX_AGE` unless set shorter).
    max_age: Duration,
}

/// The capacity of `Cached::new`'s caches: enough for keys drawn from
/// reference data (languages, regions, sectors).
const SMALL: usize = 256;

struct Entry<V> {
    commits: u64,
    at: Instant,
    value: V,
    /// A request is computing its replacement.
    refreshing: bool,
}

impl<V> Entry<V> {
    fn is_fresh(&self, commits: u64, max_age: Duration) -> bool {
        self.commits == commits && self.at.elapsed() < max_age
    }
}

/// Clears an entry's `refreshing` mark when its refresh ends, also when the
/// request computing it is dropped half-way.
struct Refreshing<'a, K: Eq + Hash + Clone, V: Clone> {
    cache: &'a Cached<K, V>,
    key: K,
}

impl<K: Eq + Hash + Clone, V: Clone> Drop for Refreshing<'_, K, V> {
    fn drop(&mut self) {
        if let Some(entry) = self.cache.lock().get_mut(&self.key) {
            entry.refreshing = false;
        }
    }
}

/// Marks a key's first computation; when it ends (or its request is
/// dropped), the requests waiting for it are woken.
struct FirstComputation<'a, K: Eq + Hash + Clone, V: Clone> {
    cache: &'a Cached<K, V>,
    key: K,
}

impl<K: Eq + Hash + Clone, V: Clone> Drop for FirstComputation<'_, K, V> {
    fn drop(&mut self) {
        if let Some(notify) = self.cache.lock_first().remove(&self.key) {
            notify.notify_waiters();
        }
    }
}

impl<K: Eq + Hash + Clone, V: Clone> Cached<K, V> {
    /// A small cache of answers that depend on the database's commits.
    pub fn new(changes: &Changes) -> Self {
        Cached::following(changes, Follows::Commits, SMALL)
    }

    /// A cache that keeps at most `capacity` answers depending on the
    /// database's commits.
    pub fn with_capacity(changes: &Changes, capacity: usize) -> Self {
        Cached::following(changes, Follows::Commits, capacity)
    }

    /// A cache of answers that depend on what `follows` names (the search
    /// index, or both).
    pub fn following(changes: &Changes, follows: Follows, capacity: usize) -> Self {
        Cached {
            entries: Mutex::new(HashMap::new()),
            changes: changes.clone(),
            follows,
            capacity: capacity.max(1),
            first: Mutex::new(HashMap::new()),
            max_age: MAX_AGE,
        }
    }

    /// The same cache, keeping each answer at most `max_age`.
    pub fn for_at_most(mut self, max_age: Duration) -> Self {
        self.max_age = max_age.min(MAX_AGE);
        self
    }

    /// The answer for `key`: kept, or computed by `compute` and kept. The
    /// commit count is read before computing, so a write that commits
    /// meanwhile makes the new answer stale at once. While another request
    /// computes the replacement of a stale answer, the stale one is given.
    /// Errors are not kept, and the stale answer goes with them.
    pub async fn get_or_compute<E, F>(&self, key: K, compute: F) -> Result<V, E>
    where
        F: Future<Output = Result<V, E>>,
    {
        let commits = self.changes.count(self.follows);
        let mut refresh = None;
        let mut first = None;
        let mut waited = false;
        loop {
            let computing = {
                let mut entries = self.lock();
                if let Some(entry) = entries.get_mut(&key) {
                    if entry.is_fresh(commits, self.max_age) || entry.refreshing {
                        return Ok(entry.value.clone());
                    }
                    entry.refreshing = true;
                    refresh = Some(Refreshing { cache: self, key: key.clone() });
                    None
                } else {
                    let mut firsts = self.lock_first();
                    match firsts.get(&key) {
                        // Once only: after a first computation that failed,
                        // each request tries for itself rather than queueing
                        // behind the next one (an engine timing out would
                        // otherwise make the last request wait for all).
                        Some(notify) if !waited => Some(notify.clone()),
                        Some(_) => None,
                        None => {
                            firsts.insert(key.clone(), Arc::new(tokio::sync::Notify::new()));
                            first = Some(FirstComputation { cache: self, key: key.clone() });
                            None
                        }
                    }
                }
            };
            let Some(notify) = computing else { break };
            // Registered before looking again, so the wake-up cannot be missed.
            let woken = notify.notified();
            tokio::pin!(woken);
            woken.as_mut().enable();
            if self.lock_first().get(&key).is_some_and(|current| Arc::ptr_eq(current, &notify)) {
                let _ = tokio::time::timeout(FIRST_WAIT, woken).await;
            }
            waited = true;
        }
        let outcome = compute.await;
        drop(refresh);
        let answer = match outcome {
            Ok(value) => {
                self.keep(key, value.clone(), commits);
                Ok(value)
            }
            Err(error) => {
                self.lock().remove(&key);
                Err(error)
            }
        };
        drop(first);
        answer
    }

    /// The commit count to pass to `keep` for answers computed from now on.
    pub fn writes_now(&self) -> u64 {
        self.changes.count(self.follows)
    }

    /// The kept answer for `key`, if it is still good.
    pub fn get(&self, key: &K) -> Option<V> {
        let commits = self.changes.count(self.follows);
        let entries = self.lock();
        let entry = entries.get(key)?;
        entry.is_fresh(commits, self.max_age).then(|| entry.value.clone())
    }

    /// Keeps an answer computed after `writes_now` returned `commits`.
    pub fn keep(&self, key: K, value: V, commits: u64) {
        let mut entries = self.lock();
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            let current = self.changes.count(self.follows);
            entries.retain(|_, entry| entry.is_fresh(current, self.max_age));
            if entries.len() >= self.capacity {
                // The older half goes: one pass per `capacity / 2` answers
                // kept. (Evicting one arbitrary answer per insert made a
                // page's own cards push each other out on every request.)
                let mut ages: Vec<Instant> = entries.values().map(|entry| entry.at).collect();
                let middle = ages.len() / 2;
                let (_, cut, _) = ages.select_nth_unstable(middle);
                let cut = *cut;
                entries.retain(|_, entry| entry.at > cut);
            }
        }
        entries.insert(key, Entry { commits, at: Instant::now(), value, refreshing: false });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Entry<V>>> {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn lock_first(&self) -> std::sync::MutexGuard<'_, HashMap<K, Arc<tokio::sync::Notify>>> {
        self.first.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_answer_is_kept_until_a_write_commits() {
        let changes = Changes::default();
        let cache: Cached<&str, u32> = Cached::new(&changes);
        let first = cache.get_or_compute("k", async { Ok::<_, ()>(1) }).await;
        let kept = cache.get_or_compute("k", async { Ok::<_, ()>(2) }).await;
        assert_eq!((first, kept), (Ok(1), Ok(1)), "the second call is answered from the cache");
        changes.committed();
        let fresh = cache.get_or_compute("k", async { Ok::<_, ()>(3) }).await;
        assert_eq!(fresh, Ok(3), "a commit makes it stale");
        let failed: Result<u32, &str> = cache.get_or_compute("other", async { Err("down") }).await;
        assert_eq!(failed, Err("down"));
        let later = cache.get_or_compute("other", async { Ok::<_, &str>(4) }).await;
        assert_eq!(later, Ok(4), "errors are not kept");
    }

    #[tokio::test]
    async fn a_full_cache_keeps_at_most_its_capacity() {
        let cache: Cached<u32, u32> = Cached::with_capacity(&Changes::default(), 3);
        for key in 0..10 {
            cache.get_or_compute(key, async move { Ok::<_, ()>(key * 10) }).await.expect("computed");
            assert!(cache.lock().len() <= 3, "never more than the capacity");
        }
        assert_eq!(cache.get_or_compute(9, async { Ok::<_, ()>(0) }).await, Ok(90), "the newest answer is kept");

        // Answers kept together stay together: filling a full cache with a
        // page's worth of answers keeps them all.
        let cache: Cached<u32, u32> = Cached::with_capacity(&Changes::default(), 100);
        for key in 0..100 {
            cache.keep(key, key, cache.writes_now());
        }
        for key in 1000..1024 {
            cache.keep(key, key, cache.writes_now());
        }
        assert!((1000..1024).all(|key| cache.get(&key) == Some(key)), "no new answer pushed out another");
        assert!(cache.lock().len() <= 100);
    }

    #[tokio::test]
    async fn while_one_request_refreshes_a_stale_answer_the_others_get_the_previous_one() {
        let changes = Changes::default();
        let cache: Cached<&str, u32> = Cached::new(&changes);
        cache.get_or_compute("k", async { Ok::<_, ()>(1) }).await.expect("first");
        changes.committed();
        let (release, wait) = tokio::sync::oneshot::channel::<()>();
        let slow = cache.get_or_compute("k", async {
            wait.await.expect("released");
            Ok::<_, ()>(2)
        });
        let meanwhile = async {
            tokio::task::yield_now().await;
            let answer = cache.get_or_compute("k", async { Ok::<_, ()>(99) }).await;
            release.send(()).expect("the slow refresh waits");
            answer
        };
        let (refreshed, previous) = tokio::join!(slow, meanwhile);
        assert_eq!((refreshed, previous), (Ok(2), Ok(1)), "the second request got the previous answer");
        assert_eq!(cache.get_or_compute("k", async { Ok::<_, ()>(3) }).await, Ok(2), "the refresh was kept");

        // A refresh dropped half-way leaves nothing marked.
        changes.committed();
        let dropped = cache.get_or_compute("k", std::future::pending::<Result<u32, ()>>());
        assert!(tokio::time::timeout(std::time::Duration::from_millis(10), dropped).await.is_err());
        assert_eq!(cache.get_or_compute("k", async { Ok::<_, ()>(4) }).await, Ok(4), "the next request refreshes");

        // A failed refresh takes the stale answer away.
        changes.committed();
        assert_eq!(cache.get_or_compute("k", async { Err::<u32, ()>(()) }).await, Err(()));
        assert!(cache.lock().get("k").is_none(), "nothing stale is left to give");
    }

    #[tokio::test]
    async fn requests_for_an_answer_being_computed_for_the_first_time_wait_for_it() {
        let cache: Cached<&str, u32> = Cached::new(&Changes::default());
        let computed = std::sync::atomic::AtomicU32::new(0);
        let compute = || async {
            computed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok::<_, ()>(7)
        };
        let answers = tokio::join!(
            cache.get_or_compute("home", compute()),
            cache.get_or_compute("home", compute()),
            cache.get_or_compute("home", compute()),
            cache.get_or_compute("home", compute()),
        );
        assert_eq!(answers, (Ok(7), Ok(7), Ok(7), Ok(7)));
        assert_eq!(computed.load(std::sync::atomic::Ordering::SeqCst), 1, "computed once for four requests");

        // A first computation that fails wakes the others, which then try.
        let failing: Cached<&str, u32> = Cached::new(&Changes::default());
        let (first, second) = tokio::join!(
            failing.get_or_compute("k", async {
                tokio::time::sleep(Duration::from_millis(10)).await;
                Err::<u32, ()>(())
            }),
            failing.get_or_compute("k", async { Ok::<_, ()>(5) })
        );
        assert_eq!((first, second), (Err(()), Ok(5)));
    }
}
