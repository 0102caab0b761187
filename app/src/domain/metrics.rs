//! A producer's responsiveness as buyers see it on its pages:
//! the share of inquiries it answered and the median time to its first
//! answer, over the last `WINDOW_DAYS` days, computed from the conversations
//! themselves. Below `MIN_INQUIRIES` the numbers would say more about luck
//! than about the producer: the page says "new on Trade.ma" instead.

use serde::{Deserialize, Serialize};

/// The period the numbers cover, ending now.
pub const WINDOW_DAYS: i64 = 90;
/// Fewer delivered inquiries than this in the window: no numbers yet.
pub const MIN_INQUIRIES: usize = 3;
/// An unanswered inquiry younger than this is not counted yet: a producer
/// who answers within a day should not show 0 % for the hours before.
pub const GRACE_HOURS: i64 = 48;

/// One inquiry the producer received: when it was delivered and when the
/// producer first answered, in seconds since 1970 (UTC). Spam is left out
/// before this point: it is not an inquiry the producer owed an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InquiryTiming {
    pub delivered_at: i64,
    pub first_reply_at: Option<i64>,
}

/// What a producer or listing page says about responsiveness.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResponseMetrics {
    /// Too few inquiries in the window to say anything.
    #[default]
    New,
    Known {
        /// Answered inquiries in the window, in percent (rounded).
        rate_percent: u8,
        /// The median time to the first answer of the answered ones, in
        /// minutes; `None` when none was answered.
        median_minutes: Option<u64>,
    },
}

impl ResponseMetrics {
    /// The numbers at `now` (seconds since 1970) over the inquiries
    /// delivered from `now - WINDOW_DAYS` days to `now`, both ends included.
    pub fn compute(timings: &[InquiryTiming], now: i64) -> ResponseMetrics {
        let since = now - WINDOW_DAYS * 86_400;
        let grace = now - GRACE_HOURS * 3_600;
        let in_window: Vec<&InquiryTiming> = timings
            .iter()
            .filter(|t| t.delivered_at >= since && t.delivered_at <= now)
            .filter(|t| t.first_reply_at.is_some() || t.delivered_at <= grace)
            .collect();
        if in_window.len() < MIN_INQUIRIES {
            return ResponseMetrics::New;
        }
        let mut waits: Vec<u64> = in_window
            .iter()
            .filter_map(|t| t.first_reply_at.map(|reply| (reply - t.delivered_at).max(0) as u64))
            .collect();
        waits.sort_unstable();
        let rate_percent = ((waits.len() * 100 + in_window.len() / 2) / in_window.len()) as u8;
        let median_seconds = match waits.len() {
            0 => None,
            n if n % 2 == 1 => Some(waits[n / 2]),
            n => Some((waits[n / 2 - 1] + waits[n / 2]) / 2),
        };
        ResponseMetrics::Known { rate_percent, median_minutes: median_seconds.map(|seconds| seconds.div_ceil(60)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;
    const HOUR: i64 = 3_600;
    const DAY: i64 = 86_400;

    fn answered(days_ago: i64, after_hours: i64) -> InquiryTiming {
        let delivered_at = NOW - days_ago * DAY;
        InquiryTiming { delivered_at, first_reply_at: Some(delivered_at + after_hours * HOUR) }
    }

    fn unanswered(days_ago: i64) -> InquiryTiming {
        InquiryTiming { delivered_at: NOW - days_ago * DAY, first_reply_at: None }
    }

    #[test]
    fn fewer_than_three_inquiries_say_new() {
        assert_eq!(ResponseMetrics::compute(&[], NOW), ResponseMetrics::New);
        assert_eq!(ResponseMetrics::compute(&[answered(1, 2), answered(2, 3)], NOW), ResponseMetrics::New);
    }

    #[test]
    fn rate_and_median_are_exact() {
        // 3 answered (2 h, 5 h, 30 h) of 4: 75 %, median 5 h.
        let timings = [answered(1, 2), answered(10, 30), unanswered(20), answered(30, 5)];
        assert_eq!(
            ResponseMetrics::compute(&timings, NOW),
            ResponseMetrics::Known { rate_percent: 75, median_minutes: Some(300) }
        );
        // 2 answered of 3 (67 %), median of 1 h and 4 h = 2 h 30.
        let timings = [answered(1, 1), answered(2, 4), unanswered(3)];
        // An unanswered inquiry under 48 hours old is not counted yet.
        let young = [
            answered(1, 1),
            answered(2, 4),
            unanswered(3),
            InquiryTiming { delivered_at: NOW - 47 * HOUR, first_reply_at: None },
        ];
        assert_eq!(
            ResponseMetrics::compute(&young, NOW),
            ResponseMetrics::Known { rate_percent: 67, median_minutes: Some(150) }
        );
        assert_eq!(
            ResponseMetrics::compute(&timings, NOW),
            ResponseMetrics::Known { rate_percent: 67, median_minutes: Some(150) }
        );
        let none = [unanswered(3), unanswered(4), unanswered(5)];
        assert_eq!(
            ResponseMetrics::compute(&none, NOW),
            ResponseMetrics::Known { rate_percent: 0, median_minutes: None }
        );
    }

    #[test]
    fn the_window_includes_day_90_and_leaves_out_day_90_and_a_second() {
        let edge = InquiryTiming { delivered_at: NOW - 90 * DAY, first_reply_at: None };
        let outside = InquiryTiming { delivered_at: NOW - 90 * DAY - 1, first_reply_at: Some(NOW) };
        let timings = [answered(1, 1), answered(2, 1), edge, outside];
        assert_eq!(
            ResponseMetrics::compute(&timings, NOW),
            ResponseMetrics::Known { rate_percent: 67, median_minutes: Some(60) },
            "the inquiry 90 days old counts (unanswered), the older one does not"
        );
    }
}
