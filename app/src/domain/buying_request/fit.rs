//! Which producers a buying request reaches, as a pure function of what
//! the request needs and what each published listing states, so matching
//! is tested on fixed data. A listing fits when it is the product asked
//! for (the vocabulary concept the request names, or the same HS heading;
//! when the request names neither, any listing of its sector: argan oil
//! sold by a social-economy cooperative is still argan oil), with every
//! certification and origin label required. Its stated capacity decides
//! whether it can meet the quantity alone or only in a pooled offer.

use serde::{Deserialize, Serialize};

use super::super::{Certification, OriginLabel, Quantity, Sector};

/// What a request needs, as matching reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Needs {
    /// The vocabulary concepts the product text names (ids).
    pub concepts: Vec<String>,
    /// 4 or 6 digits.
    pub hs_code: Option<String>,
    pub sector: Sector,
    pub certifications: Vec<Certification>,
    pub origin_labels: Vec<OriginLabel>,
    pub quantity: Quantity,
}

/// What one published listing states, with its producer's certifications.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListingFacts {
    pub producer_id: i64,
    /// The concepts its title and HS code say it is.
    pub concepts: Vec<String>,
    pub hs_code: Option<String>,
    pub sector: Sector,
    /// Held by the producer (certifications are the company's).
    pub certifications: Vec<Certification>,
    pub origin_labels: Vec<OriginLabel>,
    /// Per year, as the listing states it.
    pub capacity: Option<Quantity>,
}

/// How a producer fits a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Fit {
    /// Its stated capacity is below the quantity: it can take part in a
    /// pooled offer.
    Partial,
    /// It can quote for the whole quantity (or states no capacity).
    Full,
}

fn heading(code: &str) -> &str {
    &code[..code.len().min(4)]
}

/// How `listing` fits `needs`, or `None`.
pub fn fit_of_listing(needs: &Needs, listing: &ListingFacts) -> Option<Fit> {
    let same_concept = listing.concepts.iter().any(|concept| needs.concepts.contains(concept));
    let same_heading = match (&needs.hs_code, &listing.hs_code) {
        (Some(asked), Some(stated)) => heading(asked) == heading(stated),
        _ => false,
    };
    let named = !needs.concepts.is_empty() || needs.hs_code.is_some();
    let same_product = if named { same_concept || same_heading } else { listing.sector == needs.sector };
    if !same_product {
        return None;
    }
    if !needs.certifications.iter().all(|needed| listing.certifications.contains(needed)) {
        return None;
    }
    if !needs.origin_labels.iter().all(|needed| listing.origin_labels.contains(needed)) {
        return None;
    }
    match &listing.capacity {
        Some(capacity) if capacity.unit == needs.quantity.unit && capacity.amount < needs.quantity.amount => {
            Some(Fit::Partial)
        }
        _ => Some(Fit::Full),
    }
}

/// The best fit of each producer over its listings, by producer id, sorted.
pub fn fit_of_producer(needs: &Needs, listings: &[ListingFacts]) -> Vec<(i64, Fit)> {
    let mut best: std::collections::BTreeMap<i64, Fit> = std::collections::BTreeMap::new();
    for listing in listings {
        if let Some(fit) = fit_of_listing(needs, listing) {
            let slot = best.entry(listing.producer_id).or_insert(fit);
            *slot = (*slot).max(fit);
        }
    }
    best.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::super::super::Unit;
    use super::*;

    fn needs() -> Needs {
        Needs {
            concepts: vec!["argan-oil".into()],
            hs_code: Some("151590".into()),
            sector: Sector::Agrifood,
            certifications: vec![Certification::Ecocert],
            origin_labels: vec![],
            quantity: Quantity { amount: 20_000, unit: Unit::Litre },
        }
    }

    fn argan(producer_id: i64, capacity: Option<u64>) -> ListingFacts {
        ListingFacts {
            producer_id,
            concepts: vec!["argan-oil".into()],
            hs_code: Some("151590".into()),
            sector: Sector::Agrifood,
            certifications: vec![Certification::Ecocert, Certification::Iso22000],
            origin_labels: vec![OriginLabel::ArganeIgp],
            capacity: capacity.map(|amount| Quantity { amount, unit: Unit::Litre }),
        }
    }

    #[test]
    fn the_product_sector_and_certifications_decide_and_capacity_says_how() {
        assert_eq!(fit_of_listing(&needs(), &argan(1, Some(50_000))), Some(Fit::Full));
        assert_eq!(fit_of_listing(&needs(), &argan(1, None)), Some(Fit::Full), "no stated capacity");
        assert_eq!(fit_of_listing(&needs(), &argan(1, Some(2_000))), Some(Fit::Partial), "a pooled offer");
        let in_kg = ListingFacts { capacity: Some(Quantity { amount: 10, unit: Unit::Kilogram }), ..argan(1, None) };
        assert_eq!(fit_of_listing(&needs(), &in_kg), Some(Fit::Full), "another unit cannot be compared");
        let uncertified = ListingFacts { certifications: vec![], ..argan(1, None) };
        assert_eq!(fit_of_listing(&needs(), &uncertified), None);
        let other_sector = ListingFacts { sector: Sector::SocialEconomy, ..argan(1, None) };
        assert_eq!(fit_of_listing(&needs(), &other_sector), Some(Fit::Full), "the product decides, not the sector");
        let olive =
            ListingFacts { concepts: vec!["olive-oil".into()], hs_code: Some("150920".into()), ..argan(1, None) };
        assert_eq!(fit_of_listing(&needs(), &olive), None, "another product");
        let same_heading = ListingFacts { concepts: vec![], hs_code: Some("151511".into()), ..argan(1, None) };
        assert_eq!(fit_of_listing(&needs(), &same_heading), Some(Fit::Full), "HS heading 1515");
        let labelled = Needs { origin_labels: vec![OriginLabel::ArganeIgp], ..needs() };
        assert_eq!(fit_of_listing(&labelled, &argan(1, None)), Some(Fit::Full));
        let unlabelled = ListingFacts { origin_labels: vec![], ..argan(1, None) };
        assert_eq!(fit_of_listing(&labelled, &unlabelled), None);
    }

    #[test]
    fn a_request_naming_no_product_matches_its_sector() {
        let vague = Needs { concepts: vec![], hs_code: None, certifications: vec![], ..needs() };
        let olive = ListingFacts { concepts: vec!["olive-oil".into()], ..argan(1, None) };
        assert_eq!(fit_of_listing(&vague, &olive), Some(Fit::Full));
        let crafts = ListingFacts { sector: Sector::Crafts, ..olive };
        assert_eq!(fit_of_listing(&vague, &crafts), None, "then the sector decides");
    }

    #[test]
    fn a_producer_fits_by_its_best_listing() {
        let listings = [argan(1, Some(2_000)), argan(1, Some(30_000)), argan(2, Some(1_000)), argan(3, None)];
        let fits = fit_of_producer(&needs(), &listings);
        assert_eq!(fits, vec![(1, Fit::Full), (2, Fit::Partial), (3, Fit::Full)]);
    }
}
