//! `server bench-search --listings N`: a deterministic synthetic catalogue of
//! N listings (mixed-language titles and descriptions built from the trade
//! vocabulary's names, across every sector and region) imported into a
//! throwaway SQLite database and the embedded index; then a fixed mix of
//! text, typo, Arabic, cross-language and faceted queries, each timed as a
//! page needs it (engine + loading the page's 24 cards from the database).
//! The same rows are searched through SQLite FTS5 as the reference, and
//! through Meilisearch when `--meili-url` is given. It prints numbers; it
//! asserts nothing.

use std::time::{Duration, Instant};

use app::domain::{AccountStatus, LegalForm, ListingStatus, Locale, Region, Sector};
use chrono::Utc;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use crate::db::Db;

use crate::config::Settings;
use crate::entities::{listing_translations, listings, producers, users};
use crate::repo::convert::to_json;
use crate::search::embedded::EmbeddedIndex;
use crate::search::vocabulary::Vocabulary;
use crate::search::{Filters, SearchIndex, SearchRequest};
use crate::seed::rng::DemoRng;

pub(crate) const PRODUCERS: usize = 2_000;
const INSERT_BATCH: usize = 1_000;
const RUNS_PER_QUERY: usize = 30;

/// The query mix: (kind, text, filters).
fn queries() -> Vec<(&'static str, &'static str, Filters)> {
    let souss = Filters { regions: vec!["souss-massa".into()], ..Filters::default() };
    let coop = Filters { cooperative: Some(true), sectors: vec!["agrifood".into()], ..Filters::default() };
    vec![
        ("text", "huile d'argan", Filters::default()),
        ("text", "saffron", Filters::default()),
        ("text", "tapis berbère", Filters::default()),
        ("text", "wire harness", Filters::default()),
        ("typo", "argane", Filters::default()),
        ("typo", "safron", Filters::default()),
        ("typo", "sardinnes", Filters::default()),
        ("arabic", "زيت الزيتون", Filters::default()),
        ("arabic", "الزَّعْفَران", Filters::default()),
        ("cross-language", "azeite", Filters::default()),
        ("cross-language", "橄榄油", Filters::default()),
        ("cross-language", "藏红花", Filters::default()),
        ("facets", "huile", souss),
        ("facets", "", coop),
    ]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "  {label:<22} p50 {:>8.3} ms   p95 {:>8.3} ms   p99 {:>8.3} ms   ({} searches)",
        percentile(&times, 0.50).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.len()
    );
}

/// Writes N listings (and their producers) straight into the database.
pub(crate) async fn import(db: &Db, count: usize) -> anyhow::Result<()> {
    let vocabulary = Vocabulary::global();
    let mut rng = DemoRng::new(0x7A11_5EED);
    let now = Utc::now();
    let tx = crate::db::begin_write(db).await?;
    for p in 0..PRODUCERS {
        let user = users::ActiveModel {
            email: Set(format!("bench-{p}@bench.trade.ma")),
            password_hash: Set("!".into()),
            display_name: Set(format!("Producer {p}")),
            role: Set("producer".into()),
            status: Set(AccountStatus::Active.slug().into()),
            locale: Set("fr".into()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let user_id = users::Entity::insert(user).exec(&tx).await?.last_insert_id;
        let region = rng.pick(Region::ALL);
        let producer = producers::ActiveModel {
            owner_user_id: Set(user_id),
            slug: Set(format!("bench-producer-{p}")),
            legal_name: Set(format!("Bench Producer {p} SARL")),
            trade_name: Set(format!("{} {p}", rng.pick(&["Atlas", "Sahara", "Argana", "Rif", "Souss", "Tafilalet"]))),
            legal_form: Set(if rng.chance(30) { LegalForm::Cooperative } else { LegalForm::Company }.slug().into()),
            region: Set(region.slug().into()),
            city: Set("Agadir".into()),
            sectors: Set(to_json::<&str>(&[])),
            export_markets: Set(to_json::<&str>(&[])),
            languages: Set(to_json(&["fr"])),
            verified: Set(rng.chance(40)),
            featured: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        producers::Entity::insert(producer).exec(&tx).await?;
    }
    // The languages listings are written in today (Chinese and Portuguese
    // listings come with those interface languages).
    let languages = ["fr", "fr", "fr", "en", "en", "ar", "ar", "es", "es", "fr"];
    let qualities = ["premium", "bio", "extra", "traditionnel", "export", "artisanal", "grade A", "naturel"];
    let mut rows = Vec::with_capacity(INSERT_BATCH);
    let mut texts = Vec::with_capacity(INSERT_BATCH * 2);
    for i in 0..count {
        let concept = vocabulary.concept((rng.next_u64() % vocabulary.len() as u64) as usize);
        let id = i as i64 + 1;
        let language = *rng.pick(&languages);
        let name = |lang: &str| {
            concept
                .names
                .iter()
                .find(|(l, _)| *l == lang)
                .and_then(|(_, names)| names.first())
                .cloned()
                .unwrap_or_default()
        };
        let title = format!("{} {} {}", name(language), rng.pick(&qualities), rng.range(1, 999));
        let other = vocabulary.concept((rng.next_u64() % vocabulary.len() as u64) as usize);
        let other_name = other.names.iter().find(|(l, _)| *l == language).and_then(|(_, n)| n.first()).cloned();
        let description = format!(
            "{title}. {} {}. Capacité mensuelle {} tonnes, conditionnement export, {}.",
            name("en"),
            other_name.unwrap_or_default(),
            rng.range(1, 500),
            rng.pick(Region::ALL).slug()
        );
        let sector = rng.pick(Sector::ALL);
        rows.push(listings::ActiveModel {
            id: Set(id),
            producer_id: Set(rng.range(1, PRODUCERS as i64)),
            slug: Set(format!("bench-{id}")),
            status: Set(ListingStatus::Published.slug().into()),
            sector: Set(sector.slug().into()),
            hs_code: Set(concept.hs.first().map(|code| format!("{code:0<6}"))),
            origin_region: Set(rng.pick(Region::ALL).slug().into()),
            moq_amount: Set(Some(rng.range(1, 20_000))),
            moq_unit: Set(Some("kg".into())),
            price_min_minor: Set(Some(rng.range(100, 100_000))),
            price_max_minor: Set(None),
            currency: Set(Some("EUR".into())),
            incoterms: Set(to_json(&[*rng.pick(&["EXW", "FOB", "CIF", "FCA"])])),
            certifications: Set(to_json(&rng.some_of(&["haccp", "halal", "organic-eu", "iso-22000"], 2))),
            origin_labels: Set(to_json::<&str>(&[])),
            featured: Set(false),
            published_at: Set(Some(now - chrono::Duration::minutes(i as i64))),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        texts.push(listing_translations::ActiveModel {
            listing_id: Set(id),
            locale: Set(language.into()),
            title: Set(title),
            description: Set(description),
        });
        if rows.len() == INSERT_BATCH || i + 1 == count {
            listings::Entity::insert_many(std::mem::take(&mut rows)).exec(&tx).await?;
            listing_translations::Entity::insert_many(std::mem::take(&mut texts)).exec(&tx).await?;
        }
    }
    crate::db::commit(tx).await?;
    // As the server's hourly job would have done by now.
    crate::db::refresh_statistics(db).await?;
    Ok(())
}

/// One engine + cards run of every query, `RUNS_PER_QUERY` times.
async fn run_engine(db: &Db, index: &dyn SearchIndex) -> anyhow::Result<()> {
    let mut by_kind: Vec<(&str, Vec<Duration>)> = Vec::new();
    let mut all = Vec::new();
    let mut engine_only = Vec::new();
    let mut cards_only = Vec::new();
    for (kind, text, filters) in queries() {
        let request = SearchRequest { text: text.into(), filters, ..SearchRequest::default() };
        let hits = index.search(&request).await?;
        println!("    {kind:<15} {text:<16} {:>7} hits", hits.total);
        for _ in 0..RUNS_PER_QUERY {
            let started = Instant::now();
            let hits = index.search(&request).await?;
            let searched = started.elapsed();
            let cards = crate::repo::listing::cards_by_ids(db, &hits.ids, Locale::Fr).await?;
            std::hint::black_box(cards);
            let took = started.elapsed();
            engine_only.push(searched);
            cards_only.push(took - searched);
            all.push(took);
            match by_kind.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, times)) => times.push(took),
                None => by_kind.push((kind, vec![took])),
            }
        }
    }
    for (kind, times) in by_kind {
        report(kind, times);
    }
    report("  engine alone", engine_only);
    report("  cards alone", cards_only);
    report("all queries", all);
    Ok(())
}

/// SQLite FTS5 over the same titles and descriptions: the reference.
async fn run_fts5(db: &Db) -> anyhow::Result<()> {
    let started = Instant::now();
    db.execute_unprepared(
        "CREATE VIRTUAL TABLE bench_fts USING fts5(title, description, content='listing_translations', \
         tokenize='unicode61 remove_diacritics 2'); \
         INSERT INTO bench_fts(rowid, title, description) SELECT rowid, title, description FROM listing_translations;",
    )
    .await?;
    println!("  FTS5 index built in {:.1} s", started.elapsed().as_secs_f64());
    let mut all = Vec::new();
    for (kind, text, _) in queries() {
        let words: Vec<String> = crate::search::analysis::fold(text)
            .split_whitespace()
            .filter(|word| word.chars().count() > 1)
            .map(|word| format!("\"{word}\""))
            .collect();
        if words.is_empty() {
            continue;
        }
        let matcher = words.join(" ");
        let page = format!(
            "SELECT t.listing_id FROM bench_fts JOIN listing_translations t ON t.rowid = bench_fts.rowid \
             WHERE bench_fts MATCH '{}' ORDER BY rank LIMIT 24",
            matcher.replace('\'', "''")
        );
        let count = format!("SELECT count(*) FROM bench_fts WHERE bench_fts MATCH '{}'", matcher.replace('\'', "''"));
        let found = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), count.clone())).await?;
        let total: i64 = found.map(|row| row.try_get_by_index(0)).transpose()?.unwrap_or(0);
        println!("    {kind:<15} {text:<16} {total:>7} hits");
        for _ in 0..RUNS_PER_QUERY {
            let started = Instant::now();
            let rows =
                db.query_all_raw(sea_orm::Statement::from_string(db.get_database_backend(), page.clone())).await?;
            let ids: Vec<i64> = rows.iter().filter_map(|row| row.try_get_by_index(0).ok()).collect();
            db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), count.clone())).await?;
            let cards = crate::repo::listing::cards_by_ids(db, &ids, Locale::Fr).await?;
            std::hint::black_box(cards);
            all.push(started.elapsed());
        }
    }
    report("all queries (FTS5)", all);
    Ok(())
}

pub async fn run(count: usize, meili_url: Option<String>, meili_key: Option<String>) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let settings = Settings::for_data_dir(dir.path());
    let db = crate::db::Db::standalone(crate::db::connect(&settings).await?);
    crate::db::migrate(&db).await?;
    println!(
        "bench-search: {count} listings from {PRODUCERS} producers, {} vocabulary concepts",
        Vocabulary::global().len()
    );
    let started = Instant::now();
    import(&db, count).await?;
    println!("  database import: {:.1} s", started.elapsed().as_secs_f64());

    let index = EmbeddedIndex::open(&settings.search_dir())?;
    let started = Instant::now();
    let indexed = crate::search::indexer::rebuild(&db, &index, db.changes(), None).await?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "embedded (tantivy): indexed {indexed} listings in {seconds:.1} s = {:.0} listings/s (database reads, vocabulary and analysis included)",
        indexed as f64 / seconds
    );
    run_engine(&db, &index).await?;

    println!("SQLite FTS5 (reference; no typos, stemming or cross-language):");
    run_fts5(&db).await?;

    if let Some(url) = meili_url {
        let prefix = format!("bench_{}_", std::process::id());
        let meili = crate::search::meili::MeiliIndex::connect(&url, meili_key.as_deref(), &prefix).await?;
        let started = Instant::now();
        let indexed = crate::search::indexer::rebuild(&db, &meili, db.changes(), None).await?;
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "Meilisearch: indexed {indexed} listings in {seconds:.1} s = {:.0} listings/s",
            indexed as f64 / seconds
        );
        run_engine(&db, &meili).await?;
    }
    Ok(())
}
