//! Saved searches: a buyer keeps a search (its words and
//! filters) to run again and to be mailed, at most once a day, the listings
//! published since that match it. The query kept is the search page's,
//! without its page number and order, so the same search is kept once.

use serde::{Deserialize, Serialize};

use super::ListingQuery;

/// Searches one buyer may keep.
pub const MAX_SAVED_SEARCHES: usize = 20;
/// Listings one alert mail names (the mail links to the search for more).
pub const ALERT_MAX_LISTINGS: usize = 10;

impl ListingQuery {
    /// The query as kept: no page number, relevance order.
    pub fn to_kept(&self) -> ListingQuery {
        ListingQuery { page: 0, sort: Default::default(), ..self.clone() }
    }

    /// The search in a few words for a list or a mail subject: its text in
    /// quotes, then its filters' names (`“argan” · Souss-Massa · Verified
    /// producers`).
    pub fn summary(&self, m: &crate::i18n::Messages) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.text.trim().is_empty() {
            parts.push(format!("“{}”", self.text.trim()));
        }
        parts.extend(self.sector.map(|v| v.name(m).to_owned()));
        parts.extend(self.region.map(|v| v.name(m).to_owned()));
        parts.extend(self.certification.map(|v| v.name(m).to_owned()));
        parts.extend(self.label.map(|v| v.name(m).to_owned()));
        parts.extend(self.incoterm.map(|v| v.slug().to_owned()));
        if self.cooperative {
            parts.push(m.search_cooperative_only.to_owned());
        }
        if self.verified {
            parts.push(m.search_verified_only.to_owned());
        }
        if let Some(max) = self.moq_max {
            parts.push(crate::i18n::fill(m.search_moq_up_to, &[("n", &max.to_string())]));
        }
        if let Some(hs) = &self.hs {
            parts.push(format!("HS {hs}"));
        }
        parts.join(" · ")
    }
}

/// One kept search, as the buyer's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearchLine {
    pub id: i64,
    pub query: ListingQuery,
    /// Whether new matches are mailed.
    pub alerts: bool,
    /// `YYYY-MM-DD`.
    pub saved_on: String,
    /// When the last alert was mailed (`YYYY-MM-DD`).
    pub last_mailed_on: Option<String>,
}

/// The buyer's saved searches page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearchList {
    pub lines: Vec<SavedSearchLine>,
    /// Alerts go only to a confirmed address.
    pub address_confirmed: bool,
}

/// What the unsubscribe page shows about the search it stops.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertSubscription {
    pub query: ListingQuery,
    pub alerts: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{SearchSort, Sector};

    #[test]
    fn a_kept_query_drops_its_page_and_order() {
        let query = ListingQuery {
            text: "argan".into(),
            sector: Some(Sector::CosmeticsArgan),
            sort: SearchSort::Newest,
            page: 3,
            ..Default::default()
        };
        assert_eq!(query.to_kept().to_query_string(), "q=argan&sector=cosmetics-argan");
    }

    #[test]
    fn a_summary_names_the_words_and_the_filters() {
        let m = crate::i18n::messages(crate::domain::Locale::En);
        let query = ListingQuery {
            text: " argan ".into(),
            region: Some(crate::domain::Region::SoussMassa),
            verified: true,
            ..Default::default()
        };
        assert_eq!(query.summary(m), "“argan” · Souss-Massa · Verified producers");
    }
}
