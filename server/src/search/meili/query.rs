//! Turns a `SearchRequest` into the queries of one multi-search: the locale
//! of the text, the sort, the filter expression (values of a facet OR'd,
//! facets AND'ed, string values quoted), the page or offset window, and the
//! plan: the main query, the total in offset mode, one count-only query per
//! constrained facet (its own filter left out) and one per MOQ bucket; and
//! the query text itself, led by the concept tokens of the product names it
//! holds (`meili_query`).

use super::documents::concept_token;
use super::facets::DISTRIBUTED_FACETS;
use crate::search::{Facet, Filters, MOQ_BUCKETS, SearchRequest, SortOrder};

/// The locale a query is written in, when its script tells: Meilisearch
/// guesses a query's language from its text, and a few Chinese characters
/// are too short a text to guess from (`藏红花` was segmented as another
/// language and matched nothing). Latin-script queries stay unlocalised:
/// they may be French, English, Spanish or Portuguese alike.
pub(super) fn query_locales(text: &str) -> Option<&'static [&'static str]> {
    if text.chars().any(crate::search::analysis::is_unspaced) {
        Some(&["cmn"])
    } else if text.chars().any(|c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}')) {
        Some(&["ara"])
    } else {
        None
    }
}

/// `value` as a filter string literal: in double quotes, `"` and `\` escaped.
fn quote(value: &str) -> String {
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for character in value.chars() {
        if matches!(character, '"' | '\\') {
            quoted.push('\\');
        }
        quoted.push(character);
    }
    quoted.push('"');
    quoted
}

/// `attribute IN ["a", "b"]`, or nothing without values.
fn any_of(attribute: &str, values: &[String]) -> Option<String> {
    if values.is_empty() {
        return None;
    }
    let values: Vec<String> = values.iter().map(|value| quote(value)).collect();
    Some(format!("{attribute} IN [{}]", values.join(", ")))
}

/// The filter expression of `filters`: values of one facet OR'd, facets
/// AND'ed; `None` when nothing is filtered.
fn filter_expression(filters: &Filters) -> Option<String> {
    let mut clauses: Vec<String> = [
        any_of("sector", &filters.sectors),
        any_of("region", &filters.regions),
        any_of("certification", &filters.certifications),
        any_of("label", &filters.labels),
        any_of("incoterm", &filters.incoterms),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(cooperative) = filters.cooperative {
        clauses.push(format!("cooperative = {cooperative}"));
    }
    if let Some(verified) = filters.verified {
        clauses.push(format!("verified = {verified}"));
    }
    if let Some(moq_max) = filters.moq_max {
        clauses.push(format!("moq <= {moq_max}"));
    }
    if let Some(hs) = &filters.hs {
        clauses.push(format!("hs = {}", quote(hs)));
    }
    if let Some(producer_id) = filters.producer_id {
        clauses.push(format!("producer_id = {producer_id}"));
    }
    (!clauses.is_empty()).then(|| clauses.join(" AND "))
}

/// `base AND clause`, or `clause` alone.
fn and(base: Option<&str>, clause: &str) -> String {
    match base {
        Some(base) => format!("{base} AND {clause}"),
        None => clause.to_owned(),
    }
}

/// The Meilisearch sort of an order (`text` already trimmed): relevance is
/// Meilisearch's ranking, except when browsing, which shows the newest first.
pub(super) fn sort_criteria(sort: SortOrder, text: &str) -> Option<&'static str> {
    match sort {
        SortOrder::Relevance if text.is_empty() => Some("published_at:desc"),
        SortOrder::Relevance => None,
        SortOrder::Newest => Some("published_at:desc"),
        SortOrder::MoqAscending => Some("moq_sort:asc"),
    }
}

/// Which hits a query returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Window {
    /// Page mode (1-based page): Meilisearch then counts `totalHits` exactly.
    Page { page: usize, hits_per_page: usize },
    /// Offset mode, for an offset that is no multiple of the limit: the total
    /// then comes from a separate count query.
    Offset { offset: usize, limit: usize },
}

/// No hits, only the exact total (and facet distribution).
const COUNT_ONLY: Window = Window::Page { page: 1, hits_per_page: 0 };

/// The window of a request's page.
fn window(offset: usize, limit: usize) -> Window {
    if limit == 0 {
        COUNT_ONLY
    } else if offset.is_multiple_of(limit) {
        Window::Page { page: offset / limit + 1, hits_per_page: limit }
    } else {
        Window::Offset { offset, limit }
    }
}

/// What one query of a search's multi-search gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// The hits, with the counts of facets whose filter is not set (and the
    /// total in page mode).
    Main,
    /// The exact total, when the main query is in offset mode.
    Total,
    /// The counts of one constrained facet, its own filter left out.
    FacetValues,
    /// How many listings have a MOQ of at most this.
    MoqBucket(u64),
}

/// One query of a search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Planned {
    pub(super) kind: Kind,
    pub(super) filter: Option<String>,
    /// Facets counted from this query's distribution.
    pub(super) facets: Vec<Facet>,
    /// Their attribute names, as the query borrows them.
    pub(super) facet_names: Vec<&'static str>,
    pub(super) window: Window,
}

impl Planned {
    fn new(kind: Kind, filter: Option<String>, facets: Vec<Facet>, window: Window) -> Planned {
        let facet_names = facets.iter().map(|facet| facet.slug()).collect();
        Planned { kind, filter, facets, facet_names, window }
    }
}

/// The queries answering `request`, the main one first.
pub(super) fn plan_searches(request: &SearchRequest) -> Vec<Planned> {
    let filters = &request.filters;
    let filter = filter_expression(filters);
    let free: Vec<Facet> = DISTRIBUTED_FACETS.into_iter().filter(|facet| !filters.constrains(*facet)).collect();
    let main_window = window(request.offset, request.limit);

    let mut plans = vec![Planned::new(Kind::Main, filter.clone(), free, main_window)];
    if matches!(main_window, Window::Offset { .. }) {
        plans.push(Planned::new(Kind::Total, filter, Vec::new(), COUNT_ONLY));
    }
    for facet in DISTRIBUTED_FACETS.into_iter().filter(|facet| filters.constrains(*facet)) {
        let others = filter_expression(&filters.without(facet));
        plans.push(Planned::new(Kind::FacetValues, others, vec![facet], COUNT_ONLY));
    }
    let without_moq = filter_expression(&filters.without(Facet::Moq));
    for bound in MOQ_BUCKETS {
        let bucket = and(without_moq.as_deref(), &format!("moq <= {bound}"));
        plans.push(Planned::new(Kind::MoqBucket(bound), Some(bucket), Vec::new(), COUNT_ONLY));
    }
    plans
}

/// The query as Meilisearch is asked it, and whether its "last" matching
/// strategy applies (one product name and no HS code). When the query names products (our own matcher, the
/// same as the embedded backend's: Meilisearch segments Chinese and
/// normalises Arabic its own way, so its synonyms miss some names), their
/// concept tokens come first, then the words that are part of those names
/// or codes, then the other words: with "last", a listing must hold the
/// tokens, ranks higher for each further word, and is still found without
/// an origin or a packaging it does not mention. Without a product name the
/// query is sent as typed, every word required.
pub(super) fn meili_query(text: &str) -> (String, bool) {
    let vocabulary = crate::search::vocabulary::Vocabulary::global();
    let folded = crate::search::analysis::fold(text);
    let mut tokens: Vec<String> = Vec::new();
    for hit in vocabulary.find(&folded) {
        let token = concept_token(&vocabulary.concept(hit.concept).id);
        if !tokens.contains(&token) {
            tokens.push(token);
        }
    }
    if tokens.is_empty() {
        return (text.to_owned(), false);
    }
    let names = vocabulary.separate_names(&folded).len();
    let is_code = |word: &str| word.chars().all(|c| c.is_ascii_digit() || c == '.') && word.len() >= 4;
    let words = vocabulary.typed_words(text);
    // With one product name, "last" needs only its token (the first word):
    // a listing in another language is found without the name's words, and
    // the other words rank. Several names or a code must all match, as in
    // the embedded backend, so "last" (which drops from the end) is not used.
    let strict = names > 1 || words.iter().any(|word| is_code(&word.text));
    let (named, other): (Vec<_>, Vec<_>) =
        words.into_iter().partition(|word| word.names_product || is_code(&word.text));
    let soft = !strict;
    let ordered: Vec<String> = tokens.into_iter().chain(named.into_iter().chain(other).map(|word| word.text)).collect();
    (ordered.join(" "), soft)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|value| (*value).to_owned()).collect()
    }

    #[test]
    fn string_values_are_quoted_and_escaped() {
        assert_eq!(quote("argan"), r#""argan""#);
        assert_eq!(quote(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quote(r"a\b"), r#""a\\b""#);
        assert_eq!(quote(""), r#""""#);
    }

    #[test]
    fn no_filters_no_expression() {
        assert_eq!(filter_expression(&Filters::default()), None);
    }

    #[test]
    fn values_are_ored_and_facets_anded() {
        let filters = Filters {
            sectors: strings(&["agrifood", "textile"]),
            regions: strings(&["souss-massa"]),
            cooperative: Some(true),
            verified: Some(false),
            moq_max: Some(1_000),
            hs: Some("1515".to_owned()),
            producer_id: Some(7),
            ..Filters::default()
        };
        assert_eq!(
            filter_expression(&filters).as_deref(),
            Some(
                r#"sector IN ["agrifood", "textile"] AND region IN ["souss-massa"] AND cooperative = true AND verified = false AND moq <= 1000 AND hs = "1515" AND producer_id = 7"#
            )
        );
    }

    #[test]
    fn filter_values_cannot_break_out_of_their_string() {
        let filters = Filters { labels: strings(&[r#"x"] OR sector IN ["y"#]), ..Filters::default() };
        assert_eq!(filter_expression(&filters).as_deref(), Some(r#"label IN ["x\"] OR sector IN [\"y"]"#));
    }

    #[test]
    fn clauses_join_a_base_filter() {
        assert_eq!(and(None, "moq <= 100"), "moq <= 100");
        assert_eq!(and(Some("verified = true"), "moq <= 100"), "verified = true AND moq <= 100");
    }

    #[test]
    fn sort_orders_map_to_meilisearch_sorts() {
        assert_eq!(sort_criteria(SortOrder::Relevance, "argan"), None);
        assert_eq!(sort_criteria(SortOrder::Relevance, ""), Some("published_at:desc"));
        assert_eq!(sort_criteria(SortOrder::Newest, "argan"), Some("published_at:desc"));
        assert_eq!(sort_criteria(SortOrder::MoqAscending, ""), Some("moq_sort:asc"));
    }

    #[test]
    fn aligned_pages_use_page_mode() {
        assert_eq!(window(0, 24), Window::Page { page: 1, hits_per_page: 24 });
        assert_eq!(window(48, 24), Window::Page { page: 3, hits_per_page: 24 });
        assert_eq!(window(10, 24), Window::Offset { offset: 10, limit: 24 });
        assert_eq!(window(10, 0), COUNT_ONLY);
    }

    #[test]
    fn unfiltered_search_is_one_main_query_and_the_moq_buckets() {
        let plans = plan_searches(&SearchRequest::default());
        assert_eq!(plans.len(), 1 + MOQ_BUCKETS.len());
        assert_eq!(plans[0].kind, Kind::Main);
        assert_eq!(plans[0].filter, None);
        assert_eq!(
            plans[0].facet_names,
            ["sector", "region", "certification", "label", "incoterm", "cooperative", "verified"]
        );
        assert_eq!(plans[1].filter.as_deref(), Some("moq <= 100"));
        assert_eq!(plans[3].kind, Kind::MoqBucket(10_000));
    }

    #[test]
    fn a_constrained_facet_is_counted_without_its_own_filter() {
        let request = SearchRequest {
            filters: Filters { sectors: strings(&["agrifood"]), moq_max: Some(100), ..Filters::default() },
            offset: 5,
            limit: 10,
            ..SearchRequest::default()
        };
        let plans = plan_searches(&request);
        let main = &plans[0];
        assert_eq!(main.filter.as_deref(), Some(r#"sector IN ["agrifood"] AND moq <= 100"#));
        assert!(!main.facets.contains(&Facet::Sector));
        assert_eq!(main.window, Window::Offset { offset: 5, limit: 10 });
        assert_eq!(plans[1].kind, Kind::Total);
        assert_eq!(plans[1].window, COUNT_ONLY);
        assert_eq!(plans[2].kind, Kind::FacetValues);
        assert_eq!(plans[2].facets, [Facet::Sector]);
        assert_eq!(plans[2].filter.as_deref(), Some("moq <= 100"));
        assert_eq!(plans[3].filter.as_deref(), Some(r#"sector IN ["agrifood"] AND moq <= 100"#));
        assert_eq!(plans[5].filter.as_deref(), Some(r#"sector IN ["agrifood"] AND moq <= 10000"#));
        assert_eq!(plans.len(), 6);
    }
}
