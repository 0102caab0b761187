//! Which producers a request reaches: the vocabulary reads the product
//! text into concepts, the database narrows the listings buyers may see to
//! those of the request's sector or HS headings (its own, and its
//! concepts'), and `app::domain::fit_of_producer` decides on their facts.

use app::domain::{Certification, Fit, ListingFacts, Needs, OriginLabel, Quantity, RequestDraft, Sector, Unit};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeMap;

use crate::entities::{listing_translations, listings};
use crate::error::StoreError;
use crate::repo::{convert, visibility};
use crate::search::analysis::fold;
use crate::search::document::SearchDocument;
use crate::search::vocabulary::Vocabulary;

/// Candidate listings read for one request, at most.
const CANDIDATES: u64 = 20_000;

/// The concept ids the product text names, sorted.
pub fn concepts_of(product: &str) -> Vec<String> {
    let vocabulary = Vocabulary::global();
    let mut ids: Vec<String> =
        vocabulary.find(&fold(product)).into_iter().map(|found| vocabulary.concept(found.concept).id.clone()).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The name of the first concept in the reader's language, with the HS
/// code it suggests when the buyer typed none: what the page says the
/// request was understood as.
pub fn understood_as(concepts: &[String], language: &str) -> Option<(String, Option<String>)> {
    let vocabulary = Vocabulary::global();
    let concept = vocabulary.by_id(concepts.first()?)?;
    let name = concept
        .names
        .iter()
        .find(|(code, _)| *code == language)
        .or_else(|| concept.names.first())
        .and_then(|(_, names)| names.first())?
        .clone();
    Some((name, concept.hs.first().cloned()))
}

/// The needs of a checked request, with its concepts.
pub fn needs_of(draft: &RequestDraft, concepts: Vec<String>) -> Needs {
    Needs {
        concepts,
        hs_code: draft.hs_code.clone(),
        sector: draft.sector,
        certifications: draft.certifications.clone(),
        origin_labels: draft.origin_labels.clone(),
        quantity: draft.quantity.clone(),
    }
}

/// The producers the request reaches, with how each fits.
pub async fn producers_for(db: &impl ConnectionTrait, needs: &Needs) -> Result<Vec<(i64, Fit)>, StoreError> {
    let vocabulary = Vocabulary::global();
    let mut headings: Vec<String> = needs.hs_code.iter().map(|code| code[..4].to_owned()).collect();
    for id in &needs.concepts {
        if let Some(concept) = vocabulary.by_id(id) {
            headings.extend(concept.hs.iter().filter(|code| code.len() >= 4).map(|code| code[..4].to_owned()));
        }
    }
    headings.sort();
    headings.dedup();
    let mut narrowed = Condition::any().add(listings::Column::Sector.eq(needs.sector.slug()));
    for heading in &headings {
        narrowed = narrowed.add(listings::Column::HsCode.starts_with(heading.as_str()));
    }
    let rows = visibility::listings().filter(narrowed).limit(CANDIDATES).all(db).await?;
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let mut titles: BTreeMap<i64, BTreeMap<String, String>> = BTreeMap::new();
    for chunk in ids.chunks(500) {
        let found = listing_translations::Entity::find()
            .filter(listing_translations::Column::ListingId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        for row in found {
            titles.entry(row.listing_id).or_default().insert(row.locale, row.title);
        }
    }
    let facts: Vec<ListingFacts> = rows
        .into_iter()
        .map(|row| {
            let document = SearchDocument {
                titles: titles.remove(&row.id).unwrap_or_default(),
                hs_code: row.hs_code.clone(),
                ..SearchDocument::default()
            };
            let capacity = match (row.capacity_amount, row.capacity_unit.as_deref().and_then(Unit::from_slug)) {
                (Some(amount), Some(unit)) if amount > 0 => Some(Quantity { amount: amount as u64, unit }),
                _ => None,
            };
            Ok(ListingFacts {
                producer_id: row.producer_id,
                concepts: vocabulary.product_concepts_of(&document),
                hs_code: row.hs_code,
                sector: convert::slug(&row.sector, Sector::from_slug, "sector")?,
                certifications: convert::slug_list(&row.certifications, Certification::from_slug, "certification")?,
                origin_labels: convert::slug_list(&row.origin_labels, OriginLabel::from_slug, "origin label")?,
                capacity,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(app::domain::fit_of_producer(needs, &facts))
}
