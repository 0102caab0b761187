//! `server bench-relevance`: how well search puts the right product first,
//! measured on the judged query set (`tests/relevance/queries.json`, data
//! written from the buyer's side) over the demo catalogue.
//!
//! The demo catalogue is seeded into a throwaway SQLite database, indexed by
//! the embedded backend (and by Meilisearch with `--meili-url`), and each
//! query is searched as the search page searches it (the catalogue service:
//! vocabulary, ranking, the per-producer cap and widening a query that
//! found nothing). Each result gains its product family's grade (2 the
//! product itself, 1 related, 0 wrong); a query that names an origin or a
//! certification grades listings without it at most 1. Printed per language
//! and backend: NDCG@10, precision@5 (grade ≥ 1), the zero-result rate, how
//! many were widened, and the worst queries with what came first.
//!
//! `--min-ndcg` and `--max-zero-rate` turn it into a gate: the command fails
//! when any language of any backend falls below the floor (CI sets them from
//! the measured values, so relevance never silently regresses).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use app::domain::{ListingQuery, Locale};
use app::ports::Catalog;
use serde::Deserialize;

use crate::config::Settings;
use crate::search::SearchIndex;
use crate::search::embedded::EmbeddedIndex;
use crate::seed::demo_catalogue;

/// The judged set compiled in, so the command runs from any directory.
const QUERIES: &str = include_str!("../../../tests/relevance/queries.json");
/// Results judged per query.
const DEPTH: usize = 10;

#[derive(Deserialize)]
struct QuerySet {
    queries: Vec<Judged>,
}

#[derive(Clone, Deserialize)]
struct Judged {
    q: String,
    lang: String,
    #[serde(default)]
    variant: String,
    #[serde(default)]
    kind: String,
    /// Only listings from this region are the product itself.
    #[serde(default)]
    origin: Option<String>,
    /// Only listings holding this certification are the product itself.
    #[serde(default)]
    certification: Option<String>,
    judgements: BTreeMap<String, u8>,
}

impl Judged {
    fn grade(&self, listing: &Listing) -> u8 {
        let grade = self.judgements.get(listing.family).copied().unwrap_or(0).min(2);
        let origin_missed = self.origin.as_deref().is_some_and(|origin| origin != listing.region);
        let certification_missed =
            self.certification.as_deref().is_some_and(|wanted| !listing.certifications.iter().any(|c| c == wanted));
        if origin_missed || certification_missed { grade.min(1) } else { grade }
    }
}

/// What the judgements need of a published demo listing.
struct Listing {
    family: &'static str,
    region: String,
    certifications: Vec<String>,
}

/// Gates on the measured values.
pub struct Floors {
    pub min_ndcg: Option<f64>,
    pub max_zero_rate: Option<f64>,
    /// How many of the worst queries to print.
    pub worst: usize,
}

/// One query's outcome.
struct Outcome {
    query: Judged,
    ndcg: f64,
    precision: f64,
    zero: bool,
    widened: bool,
    first_titles: Vec<String>,
}

fn dcg(gains: impl Iterator<Item = u8>) -> f64 {
    gains
        .take(DEPTH)
        .enumerate()
        .map(|(rank, grade)| (2f64.powi(i32::from(grade)) - 1.0) / ((rank + 2) as f64).log2())
        .sum()
}

/// NDCG@10 of `ranked` grades against the ideal order of every listing's
/// grade (`all`).
fn ndcg(ranked: &[u8], all: &[u8]) -> f64 {
    let mut ideal = all.to_vec();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg(ideal.into_iter());
    if best == 0.0 { 0.0 } else { dcg(ranked.iter().copied()) / best }
}

fn locale_of(lang: &str) -> anyhow::Result<Locale> {
    Locale::from_code(lang).ok_or_else(|| anyhow::anyhow!("judged query set: unknown language `{lang}`"))
}

async fn judge(
    catalog: &dyn Catalog,
    queries: &[Judged],
    listings: &HashMap<(String, String), Listing>,
) -> anyhow::Result<Vec<Outcome>> {
    let mut outcomes = Vec::with_capacity(queries.len());
    for query in queries {
        let locale = locale_of(&query.lang)?;
        let asked = ListingQuery { text: query.q.clone(), ..ListingQuery::default() };
        let results = catalog
            .find_listings(&asked, locale, DEPTH as u64)
            .await
            .map_err(|error| anyhow::anyhow!("searching {:?}: {error:?}", query.q))?;
        let ranked: Vec<u8> = results
            .cards
            .iter()
            .map(|card| {
                listings.get(&(card.producer_slug.clone(), card.slug.clone())).map_or(0, |listing| query.grade(listing))
            })
            .collect();
        let all: Vec<u8> = listings.values().map(|listing| query.grade(listing)).collect();
        let relevant_in_five = ranked.iter().take(5).filter(|grade| **grade >= 1).count();
        outcomes.push(Outcome {
            query: query.clone(),
            ndcg: ndcg(&ranked, &all),
            precision: relevant_in_five as f64 / 5.0,
            zero: results.total == 0,
            widened: results.broadened.is_some(),
            first_titles: results.cards.iter().take(3).map(|card| card.title.text.clone()).collect(),
        });
    }
    Ok(outcomes)
}

/// Prints the table of one backend and returns the languages below a floor.
fn report(backend: &str, outcomes: &[Outcome], floors: &Floors) -> Vec<String> {
    println!("\n{backend}: {} judged queries", outcomes.len());
    println!("  {:<6} {:>7} {:>8} {:>6} {:>10} {:>9}", "lang", "queries", "NDCG@10", "P@5", "zero-rate", "widened");
    let mut failures = Vec::new();
    let mut languages: Vec<&str> = outcomes.iter().map(|o| o.query.lang.as_str()).collect();
    languages.sort_unstable();
    languages.dedup();
    let mut rows: Vec<(&str, Vec<&Outcome>)> =
        languages.iter().map(|lang| (*lang, outcomes.iter().filter(|o| o.query.lang == *lang).collect())).collect();
    rows.push(("all", outcomes.iter().collect()));
    for (lang, group) in rows {
        let count = group.len().max(1) as f64;
        let ndcg = group.iter().map(|o| o.ndcg).sum::<f64>() / count;
        let precision = group.iter().map(|o| o.precision).sum::<f64>() / count;
        let zero = group.iter().filter(|o| o.zero).count() as f64 / count;
        let widened = group.iter().filter(|o| o.widened).count();
        println!("  {lang:<6} {:>7} {ndcg:>8.3} {precision:>6.3} {:>9.1}% {widened:>9}", group.len(), zero * 100.0);
        if let Some(floor) = floors.min_ndcg
            && ndcg < floor
        {
            failures.push(format!("{backend} {lang}: NDCG@10 {ndcg:.3} below {floor:.3}"));
        }
        if let Some(ceiling) = floors.max_zero_rate
            && zero > ceiling
        {
            failures.push(format!(
                "{backend} {lang}: zero-result rate {:.1}% above {:.1}%",
                zero * 100.0,
                ceiling * 100.0
            ));
        }
    }
    let mut kinds: BTreeMap<&str, (usize, f64)> = BTreeMap::new();
    for outcome in outcomes {
        let entry = kinds.entry(outcome.query.kind.as_str()).or_default();
        entry.0 += 1;
        entry.1 += outcome.ndcg;
    }
    let by_kind: Vec<String> =
        kinds.iter().map(|(kind, (n, sum))| format!("{kind} {:.3} ({n})", sum / *n as f64)).collect();
    println!("  by kind: {}", by_kind.join(", "));
    let mut worst: Vec<&Outcome> = outcomes.iter().collect();
    worst.sort_by(|a, b| a.ndcg.total_cmp(&b.ndcg));
    println!("  worst {}:", floors.worst);
    for outcome in worst.into_iter().take(floors.worst) {
        println!(
            "    {:.3}  [{} {}] {:?} → {}",
            outcome.ndcg,
            outcome.query.variant,
            outcome.query.kind,
            outcome.query.q,
            if outcome.first_titles.is_empty() { "nothing".to_owned() } else { outcome.first_titles.join(" | ") }
        );
    }
    failures
}

/// Published demo listings by (producer slug, listing slug).
fn demo_listings() -> HashMap<(String, String), Listing> {
    let mut listings = HashMap::new();
    for producer in demo_catalogue() {
        for listing in producer.listings.iter().filter(|listing| listing.published) {
            listings.insert(
                (producer.slug.clone(), listing.slug.clone()),
                Listing {
                    family: listing.family,
                    region: listing.origin_region.slug().to_owned(),
                    certifications: listing.certifications.iter().map(|c| c.slug().to_owned()).collect(),
                },
            );
        }
    }
    listings
}

pub async fn run(meili_url: Option<String>, meili_key: Option<String>, floors: Floors) -> anyhow::Result<()> {
    let set: QuerySet = serde_json::from_str(QUERIES)?;
    for query in &set.queries {
        locale_of(&query.lang)?;
        anyhow::ensure!(
            query.judgements.values().any(|grade| *grade == 2),
            "{:?} judges nothing as the product",
            query.q
        );
    }
    let dir = tempfile::tempdir()?;
    let settings = Settings::for_data_dir(dir.path());
    let db = crate::db::Db::standalone(crate::db::connect(&settings).await?);
    crate::db::migrate(&db).await?;
    let media = crate::media::storage::LocalStorage::new(settings.media_dir());
    let seeded = crate::seed::seed_demo_if_empty(&db, &media).await?;
    let listings = demo_listings();
    println!("bench-relevance: {} judged queries over the demo catalogue ({seeded})", set.queries.len());

    let mut failures = Vec::new();
    let embedded: Arc<dyn SearchIndex> = Arc::new(EmbeddedIndex::open(&settings.search_dir())?);
    crate::search::indexer::rebuild(&db, embedded.as_ref(), db.changes(), None).await?;
    let catalog = crate::services::catalog_service(db.clone(), embedded);
    let outcomes = judge(catalog.as_ref(), &set.queries, &listings).await?;
    failures.extend(report("embedded (tantivy)", &outcomes, &floors));

    if let Some(url) = meili_url {
        let prefix = format!("relevance_{}_", std::process::id());
        let meili: Arc<dyn SearchIndex> =
            Arc::new(crate::search::meili::MeiliIndex::connect(&url, meili_key.as_deref(), &prefix).await?);
        crate::search::indexer::rebuild(&db, meili.as_ref(), db.changes(), None).await?;
        let catalog = crate::services::catalog_service(db.clone(), meili);
        let outcomes = judge(catalog.as_ref(), &set.queries, &listings).await?;
        failures.extend(report("Meilisearch", &outcomes, &floors));
    }
    if !failures.is_empty() {
        anyhow::bail!("relevance fell below its floor:\n  {}", failures.join("\n  "));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndcg_is_one_for_the_ideal_order_and_less_otherwise() {
        let all = [2, 2, 1, 0, 0];
        assert!((ndcg(&[2, 2, 1], &all) - 1.0).abs() < 1e-9);
        assert!(ndcg(&[0, 2, 2, 1], &all) < 1.0);
        assert_eq!(ndcg(&[], &all), 0.0);
        assert_eq!(ndcg(&[0], &[0, 0]), 0.0, "nothing to find");
    }

    #[test]
    fn the_judged_set_is_large_and_well_formed() {
        let set: QuerySet = serde_json::from_str(QUERIES).expect("queries.json parses");
        assert!(set.queries.len() >= 200, "{} queries", set.queries.len());
        let families: Vec<&str> = demo_catalogue().iter().flat_map(|p| p.listings.iter().map(|l| l.family)).collect();
        for query in &set.queries {
            assert!(locale_of(&query.lang).is_ok(), "{:?}", query.q);
            assert!(query.judgements.values().any(|g| *g == 2), "{:?} has no product", query.q);
            for family in query.judgements.keys() {
                assert!(families.contains(&family.as_str()), "{:?} judges an unknown family {family}", query.q);
            }
        }
    }

    #[test]
    fn an_origin_or_certification_query_grades_other_listings_as_related() {
        let query = Judged {
            q: "argan oil Agadir".into(),
            lang: "en".into(),
            variant: String::new(),
            kind: String::new(),
            origin: Some("souss-massa".into()),
            certification: None,
            judgements: [("cosmetic-argan-oil".to_owned(), 2)].into(),
        };
        let listing = |region: &str| Listing {
            family: "cosmetic-argan-oil",
            region: region.to_owned(),
            certifications: Vec::new(),
        };
        assert_eq!(query.grade(&listing("souss-massa")), 2);
        assert_eq!(query.grade(&listing("marrakech-safi")), 1);
    }
}
