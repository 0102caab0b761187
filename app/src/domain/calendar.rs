//! Calendar days (`YYYY-MM-DD`) without a calendar library, so the browser's
//! wasm does not carry one: parsed with `profile::is_iso_date`'s rules,
//! ordered, and counted apart in days (Howard Hinnant's `days_from_civil`).

use serde::{Deserialize, Serialize};

use super::profile::is_iso_date;

/// A day of the proleptic Gregorian calendar, between 1900 and 2200.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CalendarDate {
    year: i32,
    month: u32,
    day: u32,
}

impl CalendarDate {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(value: &str) -> Option<CalendarDate> {
        let value = value.trim();
        if !is_iso_date(value) {
            return None;
        }
        Some(CalendarDate {
            year: value[0..4].parse().ok()?,
            month: value[5..7].parse().ok()?,
            day: value[8..10].parse().ok()?,
        })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 to 12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// 1 to 31.
    pub fn day(self) -> u32 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_days_since_epoch(days: i64) -> CalendarDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        CalendarDate { year, month, day }
    }

    /// Today in UTC, by the server's clock.
    #[cfg(feature = "ssr")]
    pub fn today() -> CalendarDate {
        let seconds =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs());
        CalendarDate::from_days_since_epoch((seconds / 86_400) as i64)
    }

    /// The month it falls in, as `YYYY-MM`.
    pub fn month_key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// The first day of the month `months` months before this day's month
    /// (0: this month's first day).
    pub fn first_of_month_before(self, months: u32) -> CalendarDate {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 - i64::from(months);
        CalendarDate { year: index.div_euclid(12) as i32, month: (index.rem_euclid(12) + 1) as u32, day: 1 }
    }

    /// Days from `earlier` to `self`.
    pub fn days_after(self, earlier: CalendarDate) -> i64 {
        self.days_since_epoch() - earlier.days_since_epoch()
    }
}

impl std::fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for CalendarDate {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        CalendarDate::parse(&value).ok_or_else(|| format!("`{value}` is not a date such as 2027-02-01"))
    }
}

impl From<CalendarDate> for String {
    fn from(date: CalendarDate) -> String {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> CalendarDate {
        CalendarDate::parse(text).expect("a date")
    }

    #[test]
    fn days_are_counted_across_months_years_and_leap_days() {
        assert_eq!(date("1970-01-01").days_since_epoch(), 0);
        assert_eq!(date("2000-03-01").days_since_epoch(), 11_017);
        assert_eq!(date("2026-11-30").days_since_epoch(), 20_787);
        assert_eq!(date("2028-03-01").days_after(date("2028-02-28")), 2, "2028 is a leap year");
        assert_eq!(date("2027-03-01").days_after(date("2027-02-28")), 1);
        assert_eq!(date("2027-11-30").days_after(date("2026-11-30")), 365);
        assert!(date("2026-12-01") > date("2026-11-30"));
    }

    #[test]
    fn months_are_counted_back_across_years() {
        assert_eq!(date("2026-11-30").month_key(), "2026-11");
        assert_eq!(date("2026-11-30").first_of_month_before(0), date("2026-11-01"));
        assert_eq!(date("2026-11-30").first_of_month_before(11), date("2025-12-01"));
        assert_eq!(date("2026-01-15").first_of_month_before(1), date("2025-12-01"));
        assert_eq!(date("2026-03-31").first_of_month_before(13), date("2025-02-01"));
    }

    #[test]
    fn only_real_dates_parse_and_they_print_back() {
        for bad in ["2027-02-29", "2026-13-01", "01/02/2027", "2027-2-1", "", "1899-12-31"] {
            assert_eq!(CalendarDate::parse(bad), None, "{bad}");
        }
        assert_eq!(date(" 2027-02-01 ").to_string(), "2027-02-01");
        assert_eq!(String::from(date("2027-02-01")), "2027-02-01", "sent as its text");
        assert!(CalendarDate::try_from("2027-02-30".to_owned()).is_err(), "a wrong date is refused when read");
    }
}
