//! A tiny deterministic random generator (SplitMix64), so the demo catalogue
//! is the same on every machine and every version of every crate.

pub struct DemoRng(u64);

impl DemoRng {
    pub fn new(seed: u64) -> DemoRng {
        DemoRng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        low + (self.next_u64() % (high - low + 1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }

    /// Up to `count` distinct items, in their original order.
    pub fn some_of<T: Copy>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < count.min(items.len()) {
            let index = (self.next_u64() % items.len() as u64) as usize;
            if !chosen.contains(&index) {
                chosen.push(index);
            }
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::DemoRng;

    #[test]
    fn same_seed_same_sequence() {
        let (mut a, mut b) = (DemoRng::new(7), DemoRng::new(7));
        assert_eq!((0..5).map(|_| a.next_u64()).collect::<Vec<_>>(), (0..5).map(|_| b.next_u64()).collect::<Vec<_>>());
        let mut c = DemoRng::new(1);
        for _ in 0..1000 {
            let n = c.range(3, 9);
            assert!((3..=9).contains(&n));
        }
        assert_eq!(c.some_of(&[1, 2, 3, 4], 3).len(), 3);
    }
}
