//! Answers computed from the catalogue and kept until this process commits
//! a write (`db::commits` moves) or `MAX_AGE` passes, whichever comes
//! first: the home page's counts by sector and region, a region's or a
//! sector's producer count. Recounting 100,000 listings on every page view
//! is what made the home page slow; the catalogue changes far less often
//! than it is read. `MAX_AGE` bounds staleness after writes made by another
//! process (`server suspend`, a second server on the same database).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::db;

/// The longest an answer is kept.
pub const MAX_AGE: Duration = Duration::from_secs(30);

/// Cached answers by key.
pub struct Cached<K, V> {
    entries: Mutex<HashMap<K, Entry<V>>>,
    /// The count of writes answers depend on (`db::commits`).
    writes: fn() -> u64,
}

struct Entry<V> {
    commits: u64,
    at: Instant,
    value: V,
}

impl<K: Eq + Hash, V: Clone> Default for Cached<K, V> {
    fn default() -> Self {
        Cached { entries: Mutex::new(HashMap::new()), writes: db::commits }
    }
}

impl<K: Eq + Hash, V: Clone> Cached<K, V> {
    /// The answer for `key`: kept, or computed by `compute` and kept. The
    /// commit count is read before computing, so a write that commits
    /// meanwhile makes the new answer stale at once. Errors are not kept.
    pub async fn get_or_compute<E, F>(&self, key: K, compute: F) -> Result<V, E>
    where
        F: Future<Output = Result<V, E>>,
    {
        let commits = (self.writes)();
        if let Some(entry) = self.lock().get(&key)
            && entry.commits == commits
            && entry.at.elapsed() < MAX_AGE
        {
            return Ok(entry.value.clone());
        }
        let value = compute.await?;
        self.lock().insert(key, Entry { commits, at: Instant::now(), value: value.clone() });
        Ok(value)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Entry<V>>> {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_answer_is_kept_until_a_write_commits() {
        static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let cache: Cached<&str, u32> =
            Cached { writes: || WRITES.load(std::sync::atomic::Ordering::Acquire), ..Cached::default() };
        let first = cache.get_or_compute("k", async { Ok::<_, ()>(1) }).await;
        let kept = cache.get_or_compute("k", async { Ok::<_, ()>(2) }).await;
        assert_eq!((first, kept), (Ok(1), Ok(1)), "the second call is answered from the cache");
        WRITES.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        let fresh = cache.get_or_compute("k", async { Ok::<_, ()>(3) }).await;
        assert_eq!(fresh, Ok(3), "a commit makes it stale");
        let failed: Result<u32, &str> = cache.get_or_compute("other", async { Err("down") }).await;
        assert_eq!(failed, Err("down"));
        let later = cache.get_or_compute("other", async { Ok::<_, &str>(4) }).await;
        assert_eq!(later, Ok(4), "errors are not kept");
    }
}
