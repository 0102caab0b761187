//! What a buyer asks the catalogue and what comes back: the query (words,
//! facet filters, order, page), as the search page's URL and the public API
//! spell it, and the results with their facet counts.

use serde::{Deserialize, Serialize};

use super::catalog::ListingCard;
use super::slug_enum::slug_enum;
use super::{Certification, Incoterm, OriginLabel, Region, Sector};

slug_enum! {
    /// The facets results are counted and filtered by.
    SearchFacet, "facet" {
        Sector => "sector",
        Region => "region",
        Certification => "certification",
        Label => "label",
        Incoterm => "incoterm",
        Cooperative => "cooperative",
        Verified => "verified",
        Moq => "moq",
    }
}

slug_enum! {
    /// The order of results.
    #[derive(Default)]
    SearchSort, "sort" {
        #[default]
        Relevance => "relevance",
        Newest => "newest",
        Moq => "moq",
    }
}

/// MOQ ceilings a buyer can filter by (and the buckets counted).
pub const MOQ_CEILINGS: [u64; 3] = [100, 1_000, 10_000];

/// Listings per result page.
pub const RESULTS_PER_PAGE: u32 = 24;
/// The last page a search may ask for.
pub const MAX_PAGE: u32 = 200;

/// What a buyer asked the catalogue for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingQuery {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub sector: Option<Sector>,
    #[serde(default)]
    pub region: Option<Region>,
    #[serde(default)]
    pub certification: Option<Certification>,
    #[serde(default)]
    pub label: Option<OriginLabel>,
    #[serde(default)]
    pub incoterm: Option<Incoterm>,
    /// Only cooperatives.
    #[serde(default)]
    pub cooperative: bool,
    /// Only producers a trade office verified.
    #[serde(default)]
    pub verified: bool,
    #[serde(default)]
    pub moq_max: Option<u64>,
    /// A 4- or 6-digit HS code (digits only).
    #[serde(default)]
    pub hs: Option<String>,
    #[serde(default)]
    pub sort: SearchSort,
    /// 1-based.
    #[serde(default)]
    pub page: u32,
}

impl ListingQuery {
    /// Longest query text accepted, in characters.
    pub const MAX_TEXT_CHARS: usize = 200;

    /// The same query with other words, back on page 1.
    pub fn with_text(&self, text: &str) -> ListingQuery {
        ListingQuery { text: text.to_owned(), page: 0, ..self.clone() }
    }

    /// Whether any filter is set (the text aside).
    pub fn has_filters(&self) -> bool {
        self.sector.is_some()
            || self.region.is_some()
            || self.certification.is_some()
            || self.label.is_some()
            || self.incoterm.is_some()
            || self.cooperative
            || self.verified
            || self.moq_max.is_some()
            || self.hs.is_some()
    }

    /// Whether the query asks for anything at all.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && !self.has_filters()
    }

    /// The page asked for, from 1.
    pub fn page(&self) -> u32 {
        self.page.clamp(1, MAX_PAGE)
    }

    /// The same query without one facet's filter (and back on page 1).
    pub fn without(&self, facet: SearchFacet) -> ListingQuery {
        let mut other = ListingQuery { page: 0, ..self.clone() };
        match facet {
            SearchFacet::Sector => other.sector = None,
            SearchFacet::Region => other.region = None,
            SearchFacet::Certification => other.certification = None,
            SearchFacet::Label => other.label = None,
            SearchFacet::Incoterm => other.incoterm = None,
            SearchFacet::Cooperative => other.cooperative = false,
            SearchFacet::Verified => other.verified = false,
            SearchFacet::Moq => other.moq_max = None,
        }
        other
    }

    /// The same query with one facet set to the value `slug` (page 1); an
    /// unknown slug leaves the query as it was.
    pub fn with(&self, facet: SearchFacet, slug: &str) -> ListingQuery {
        let mut other = ListingQuery { page: 0, ..self.clone() };
        match facet {
            SearchFacet::Sector => other.sector = Sector::from_slug(slug).or(other.sector),
            SearchFacet::Region => other.region = Region::from_slug(slug).or(other.region),
            SearchFacet::Certification => other.certification = Certification::from_slug(slug).or(other.certification),
            SearchFacet::Label => other.label = OriginLabel::from_slug(slug).or(other.label),
            SearchFacet::Incoterm => other.incoterm = Incoterm::from_slug(slug).or(other.incoterm),
            SearchFacet::Cooperative => other.cooperative = slug == "true",
            SearchFacet::Verified => other.verified = slug == "true",
            SearchFacet::Moq => other.moq_max = slug.parse().ok().or(other.moq_max),
        }
        other
    }

    /// Whether `facet` is filtered to the value `slug`.
    pub fn is_selected(&self, facet: SearchFacet, slug: &str) -> bool {
        match facet {
            SearchFacet::Sector => self.sector.is_some_and(|v| v.slug() == slug),
            SearchFacet::Region => self.region.is_some_and(|v| v.slug() == slug),
            SearchFacet::Certification => self.certification.is_some_and(|v| v.slug() == slug),
            SearchFacet::Label => self.label.is_some_and(|v| v.slug() == slug),
            SearchFacet::Incoterm => self.incoterm.is_some_and(|v| v.slug() == slug),
            SearchFacet::Cooperative => self.cooperative && slug == "true",
            SearchFacet::Verified => self.verified && slug == "true",
            SearchFacet::Moq => self.moq_max.is_some_and(|v| v.to_string() == slug),
        }
    }

    /// Whether `facet` has a filter.
    pub fn constrains(&self, facet: SearchFacet) -> bool {
        self.without(facet) != ListingQuery { page: 0, ..self.clone() }
    }

    /// The query string of the search page and the API (`q=…&sector=…`),
    /// without the leading `?`; empty values are left out.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.text.trim().is_empty() {
            pairs.push(("q", self.text.trim().to_owned()));
        }
        let slugs = [
            ("sector", self.sector.map(|v| v.slug())),
            ("region", self.region.map(|v| v.slug())),
            ("certification", self.certification.map(|v| v.slug())),
            ("label", self.label.map(|v| v.slug())),
            ("incoterm", self.incoterm.map(|v| v.slug())),
        ];
        for (key, value) in slugs {
            if let Some(value) = value {
                pairs.push((key, value.to_owned()));
            }
        }
        if self.cooperative {
            pairs.push(("cooperative", "true".to_owned()));
        }
        if self.verified {
            pairs.push(("verified", "true".to_owned()));
        }
        if let Some(max) = self.moq_max {
            pairs.push(("moq_max", max.to_string()));
        }
        if let Some(hs) = &self.hs {
            pairs.push(("hs", hs.clone()));
        }
        if self.sort != SearchSort::Relevance {
            pairs.push(("sort", self.sort.slug().to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
    }

    /// Reads the search page's query string values (unknown or malformed
    /// values are ignored, as a link from elsewhere may carry them).
    pub fn from_pairs<'a>(get: impl Fn(&str) -> Option<String> + 'a) -> ListingQuery {
        let flag = |key: &str| get(key).is_some_and(|v| v == "true" || v == "1");
        ListingQuery {
            text: get("q").unwrap_or_default(),
            sector: get("sector").and_then(|v| Sector::from_slug(&v)),
            region: get("region").and_then(|v| Region::from_slug(&v)),
            certification: get("certification").and_then(|v| Certification::from_slug(&v)),
            label: get("label").and_then(|v| OriginLabel::from_slug(&v)),
            incoterm: get("incoterm").and_then(|v| Incoterm::from_slug(&v)),
            cooperative: flag("cooperative"),
            verified: flag("verified"),
            moq_max: get("moq_max").and_then(|v| v.parse().ok()),
            hs: get("hs")
                .map(|v| v.chars().filter(char::is_ascii_digit).collect::<String>())
                .filter(|v| matches!(v.len(), 2 | 4 | 6)),
            sort: get("sort").and_then(|v| SearchSort::from_slug(&v)).unwrap_or_default(),
            page: get("page").and_then(|v| v.parse().ok()).unwrap_or(0),
        }
    }
}

/// Percent-encodes a query string value.
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// One facet value and how many results it would give.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    pub slug: String,
    pub count: u64,
}

/// A facet's values with counts, most frequent first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetGroup {
    pub facet: SearchFacet,
    pub values: Vec<FacetValue>,
}

/// One page of matching listings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingResults {
    pub total: u64,
    pub cards: Vec<ListingCard>,
    pub facets: Vec<FacetGroup>,
    pub page: u32,
    pub pages: u32,
    /// The search engine did not answer: these come from a simpler search
    /// of the database and may be incomplete.
    pub degraded: bool,
    /// When nothing matched the words as typed, how the search was widened
    /// to show the closest useful results (these are its results).
    #[serde(default)]
    pub broadened: Option<Broadened>,
}

/// How a search that matched nothing was widened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Broadened {
    /// The words respelt as the catalogue's vocabulary spells them, or an HS
    /// subheading widened to its heading.
    Respelt { text: String },
    /// Without the least important word: no listing has it alongside the
    /// others.
    WithoutWord { word: String, text: String },
}

impl Broadened {
    /// The words searched instead of the buyer's.
    pub fn text(&self) -> &str {
        match self {
            Broadened::Respelt { text } | Broadened::WithoutWord { text, .. } => text,
        }
    }
}

slug_enum! {
    /// What a suggestion as you type leads to.
    SuggestionKind, "suggestion" {
        Product => "product",
        Listing => "listing",
        Producer => "producer",
    }
}

/// One suggestion as you type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    pub label: String,
    /// Where choosing it goes, a path under the reader's language.
    pub href: String,
}

/// Suggestions for what a buyer has typed so far.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    pub items: Vec<Suggestion>,
}

impl Suggestions {
    /// Shortest typed text that gets suggestions, in characters.
    pub const MIN_CHARS: usize = 2;
    /// Longest typed text that gets suggestions, in characters.
    pub const MAX_CHARS: usize = 60;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_holds_the_whole_query_and_reads_back() {
        let query = ListingQuery {
            text: "huile d'argan".into(),
            region: Some(Region::SoussMassa),
            cooperative: true,
            moq_max: Some(1_000),
            sort: SearchSort::Newest,
            page: 2,
            ..ListingQuery::default()
        };
        let string = query.to_query_string();
        assert_eq!(string, "q=huile+d%27argan&region=souss-massa&cooperative=true&moq_max=1000&sort=newest&page=2");
        let pairs: Vec<(String, String)> = string
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.replace('+', " ").replace("%27", "'")))
            .collect();
        let read = ListingQuery::from_pairs(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()));
        assert_eq!(read, query);
    }

    #[test]
    fn facets_toggle_and_go_back_to_page_one() {
        let query = ListingQuery { page: 3, ..ListingQuery::default() };
        let picked = query.with(SearchFacet::Sector, "agrifood");
        assert_eq!(picked.sector, Some(Sector::Agrifood));
        assert_eq!(picked.page, 0);
        assert!(picked.is_selected(SearchFacet::Sector, "agrifood"));
        assert!(picked.constrains(SearchFacet::Sector));
        assert!(!picked.constrains(SearchFacet::Region));
        assert_eq!(picked.without(SearchFacet::Sector).sector, None);
        assert_eq!(query.with(SearchFacet::Sector, "not-a-sector").sector, None);
    }
}
