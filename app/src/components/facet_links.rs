//! One facet's values with their counts, as links into the search page
//! narrowed further (a region page's sectors, a sector page's regions).

use leptos::prelude::*;

use crate::domain::{FacetGroup, ListingQuery, Region, SearchFacet, Sector};
use crate::i18n::use_i18n;

/// Chips "name · count" for the values of `facet` in `facets`, each a link
/// to the search page for `base` narrowed to that value; nothing when the
/// facet has no values.
#[component]
pub fn FacetLinks(
    facets: Vec<FacetGroup>,
    facet: SearchFacet,
    base: ListingQuery,
    /// The heading above the chips.
    heading: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let values = facets.into_iter().find(|group| group.facet == facet).map(|group| group.values).unwrap_or_default();
    let heading_id = format!("by-{}", facet.slug());
    (!values.is_empty()).then(|| {
        let chips: Vec<_> = values
            .into_iter()
            .map(|value| {
                let name = match facet {
                    SearchFacet::Sector => Sector::from_slug(&value.slug).map(|v| v.name(m)),
                    SearchFacet::Region => Region::from_slug(&value.slug).map(|v| v.name(m)),
                    _ => None,
                }
                .unwrap_or("")
                .to_owned();
                let name = if name.is_empty() { value.slug.clone() } else { name };
                let href = i18n.search_path_for(&base.with(facet, &value.slug));
                view! {
                    <li>
                        <a class="chip chip-filter" href=href>
                            {name}
                            <span class="chip-count">{value.count}</span>
                        </a>
                    </li>
                }
            })
            .collect();
        let labelled_by = heading_id.clone();
        view! {
            <section class="facet-links" aria-labelledby=labelled_by>
                <h3 id=heading_id>{heading}</h3>
                <ul class="chips">{chips}</ul>
            </section>
        }
    })
}
