//! The database suite, run on SQLite and on PostgreSQL alike: migrations up,
//! down and up again; the catalogue read back through the `Catalog` port;
//! write transactions; unique violations as conflicts; the demo seed.

use std::path::Path;

use app::domain::{AppError, ListingQuery, Locale, PriceRange, Region};
use app::ports::Catalog;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use sea_orm_migration::SchemaManager;
use secrecy::SecretString;
use server::config::Settings;
use server::db::Db;
use server::entities::{listings, producers, users};
use server::services::CatalogService;
use tests::fixtures::{self, ARGAN_AR, ARGAN_EN, HONEY_EN, SAFFRON_FR};
use tests::postgres::PgCluster;

const TABLES: [&str; 20] = [
    "users",
    "job_leases",
    "password_reset_requests",
    "sessions",
    "producers",
    "producer_translations",
    "producer_certifications",
    "listings",
    "listing_translations",
    "listing_photos",
    "inquiries",
    "inquiry_messages",
    "showcases",
    "showcase_items",
    "search_changes",
    "search_feed_pruned",
    "attempt_windows",
    "known_places",
    "password_resets",
    "mail_outbox",
];

async fn connect(url: &str, data_dir: &Path) -> Db {
    let mut settings = Settings::for_data_dir(data_dir);
    settings.database_url = SecretString::from(url.to_owned());
    Db::standalone(server::db::connect(&settings).await.expect("connect"))
}

async fn migrations_go_up_down_and_up(db: &Db) {
    server::db::migrate(db).await.expect("migrate up");
    server::db::migrate(db).await.expect("migrating twice is harmless");
    let manager = SchemaManager::new(db.connection());
    for table in TABLES {
        assert!(manager.has_table(table).await.expect("has_table"), "{table} exists after up");
    }
    assert!(manager.has_column("producers", "declared_ice").await.expect("has_column"));
    // Every `down`, one step at a time, from the newest.
    let steps = Migrator::migrations().len();
    for step in 0..steps {
        Migrator::down(db.connection(), Some(1))
            .await
            .unwrap_or_else(|e| panic!("down step {} of {steps}: {e}", step + 1));
    }
    assert!(Migrator::get_applied_migrations(db).await.expect("applied").is_empty(), "every step went down");
    for table in TABLES {
        assert!(!manager.has_table(table).await.expect("has_table"), "{table} is gone after down");
    }
    server::db::migrate(db).await.expect("migrate up again");
}

async fn catalogue_reads_back_through_the_port(db: &Db) {
    let fixture = fixtures::catalogue(db).await;
    let search_dir = tempfile::tempdir().expect("search directory");
    let index = std::sync::Arc::new(server::search::embedded::EmbeddedIndex::open(search_dir.path()).expect("index"));
    server::search::indexer::rebuild(db, &*index, db.changes(), None)
        .await
        .expect("the index is built from the database");
    let catalog = CatalogService::new(db.clone(), index);

    let home = catalog.home(Locale::En).await.expect("home");
    assert_eq!(home.listing_count, 3, "the draft is not counted");
    assert_eq!(home.producer_count, 2);
    assert_eq!(home.recent.first().map(|c| c.id), Some(fixture.saffron_id), "newest first");
    assert!(home.recent.iter().all(|c| c.id != fixture.draft_id));
    let souss = home.regions.iter().find(|c| c.value == Region::SoussMassa).expect("souss counted");
    assert_eq!(souss.listings, 3);
    assert_eq!(home.regions.len(), 12, "every region is listed, even empty ones");

    let argan = catalog.listing(fixture.argan_id, Locale::Ar).await.expect("argan");
    assert_eq!(argan.card.title.text, ARGAN_AR);
    assert_eq!(argan.card.title.locale, Locale::Ar);
    assert_eq!(argan.photos.len(), 2);
    assert_eq!(
        argan.card.price,
        PriceRange::Range { min_minor: 2200, max_minor: 3100, currency: app::domain::Currency::Eur }
    );
    assert_eq!(argan.hs_code.as_deref(), Some("151590"));
    assert!(argan.producer.verified);
    let english = catalog.listing(fixture.argan_id, Locale::En).await.expect("argan in English");
    assert_eq!(english.card.title.text, ARGAN_EN);

    let saffron = catalog.listing(fixture.saffron_id, Locale::En).await.expect("saffron");
    assert_eq!(saffron.card.title.text, SAFFRON_FR);
    assert_eq!(saffron.card.title.locale, Locale::Fr, "falls back to French and says so");

    assert_eq!(catalog.listing(fixture.draft_id, Locale::Fr).await, Err(AppError::NotFound));
    assert_eq!(catalog.listing(999_999, Locale::Fr).await, Err(AppError::NotFound));

    let coop = catalog.producer(&fixture.coop_slug, Locale::Fr).await.expect("producer");
    assert_eq!(coop.card.listing_count, 3);
    assert_eq!(coop.listings.len(), 3);
    assert_eq!(coop.export_markets.len(), 3);
    let company = catalog.producer(&fixture.company_slug, Locale::Fr).await.expect("company");
    assert!(company.listings.is_empty(), "drafts stay private");
    assert_eq!(catalog.producer("nobody", Locale::Fr).await, Err(AppError::NotFound));

    let region = catalog.region(Region::SoussMassa, Locale::Fr).await.expect("region");
    assert_eq!((region.producer_count, region.listings.total), (1, 3));
    let empty = catalog.region(Region::DakhlaOuedEdDahab, Locale::Fr).await.expect("empty region");
    assert_eq!((empty.producer_count, empty.listings.cards.len()), (0, 0));

    let query = |text: &str| ListingQuery { text: text.to_owned(), ..ListingQuery::default() };
    let argan_hits = catalog.find_listings(&query("ARGAN bio"), Locale::Fr, 24).await.expect("search");
    assert_eq!(argan_hits.cards.iter().map(|c| c.id).collect::<Vec<_>>(), vec![fixture.argan_id]);
    // Non-ASCII case folds the same on SQLite and PostgreSQL: the index does it.
    let folded = catalog.find_listings(&query("COOPÉRATIVE TIFAOUT SAFRAN"), Locale::Fr, 24).await.expect("search");
    assert_eq!(folded.cards.iter().map(|c| c.id).collect::<Vec<_>>(), vec![fixture.saffron_id], "ÉPICES finds épices");
    let accents = catalog.find_listings(&query("cooperative tifaout safran"), Locale::Fr, 24).await.expect("search");
    assert_eq!(accents.total, 1, "and without its accents too");
    let percent = catalog.find_listings(&query("100% natural"), Locale::En, 24).await.expect("percent search");
    assert_eq!(percent.total, 1, "% is no wildcard: {:?}", percent.cards);
    assert_eq!(percent.cards[0].title.text, HONEY_EN);
    let injection =
        catalog.find_listings(&query("'; DROP TABLE listings; --"), Locale::Fr, 24).await.expect("injection");
    assert_eq!(injection.total, 0);
    assert_eq!(listings::Entity::find().count(db).await.expect("count"), 4, "nothing was dropped");
    let by_sector = ListingQuery { sector: Some(app::domain::Sector::Agrifood), ..ListingQuery::default() };
    assert_eq!(catalog.find_listings(&by_sector, Locale::Fr, 24).await.expect("sector").total, 2);
    let too_long = query(&"a".repeat(201));
    assert!(matches!(catalog.find_listings(&too_long, Locale::Fr, 24).await, Err(AppError::Invalid { .. })));
}

async fn write_transactions_commit_or_leave_nothing(db: &Db) {
    let before = users::Entity::find().count(db).await.expect("count");
    let at = chrono::Utc::now();
    let new_user = |email: &str| users::ActiveModel {
        email: Set(email.to_owned()),
        password_hash: Set("!".to_owned()),
        display_name: Set("T".to_owned()),
        role: Set("buyer".to_owned()),
        status: Set(app::domain::AccountStatus::Active.slug().to_owned()),
        locale: Set("en".to_owned()),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    };
    let tx = server::db::begin_write(db).await.expect("begin");
    new_user("rolled-back@example.com").insert(&tx).await.expect("insert");
    tx.rollback().await.expect("rollback");
    assert_eq!(users::Entity::find().count(db).await.expect("count"), before);

    let tx = server::db::begin_write(db).await.expect("begin");
    new_user("kept@example.com").insert(&tx).await.expect("insert");
    server::db::commit(tx).await.expect("commit");
    assert_eq!(users::Entity::find().count(db).await.expect("count"), before + 1);

    let duplicate = new_user("kept@example.com").insert(db).await.expect_err("email is unique");
    assert_eq!(server::error::conflict_on_unique(duplicate, "email"), AppError::Conflict { field: "email".into() });

    // Two writers at once both succeed: `BEGIN IMMEDIATE` makes the second
    // wait for the first instead of failing with SQLITE_BUSY mid-transaction.
    let writer = |email: &'static str| {
        let db = db.clone();
        let row = new_user(email);
        async move {
            let tx = server::db::begin_write(&db).await?;
            let count = users::Entity::find().count(&tx).await?;
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            row.insert(&tx).await?;
            server::db::commit(tx).await?;
            Ok::<u64, server::error::StoreError>(count)
        }
    };
    let (first, second) = tokio::join!(writer("first@example.com"), writer("second@example.com"));
    let (first, second) = (first.expect("the first writer"), second.expect("the second writer"));
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        assert_eq!(first.abs_diff(second), 1, "on SQLite the second waited for the first to commit");
    }
    assert_eq!(users::Entity::find().count(db).await.expect("count"), before + 3);
}

async fn demo_seed_fills_an_empty_database_once(media_dir: &Path, url: &str, data_dir: &Path) {
    let db = connect(url, data_dir).await;
    server::db::migrate(&db).await.expect("migrate");
    let media = server::media::storage::LocalStorage::new(media_dir);
    let report = server::seed::seed_demo_if_empty(&db, &media).await.expect("seed");
    assert!(!report.skipped);
    assert!(report.producers >= 150 && report.listings >= 1500, "{report}");
    assert_eq!(report.showcases, 3, "a published, a past and a draft showcase: {report}");
    let made_in_africa = server::entities::showcases::Entity::find()
        .filter(server::entities::showcases::Column::Slug.eq("made-in-africa-afcfta-marrakech"))
        .one(&db)
        .await
        .expect("query")
        .expect("the Made in Africa showcase");
    let exhibitors: Vec<i64> = server::entities::showcase_exhibitors::Entity::find()
        .filter(server::entities::showcase_exhibitors::Column::ShowcaseId.eq(made_in_africa.id))
        .all(&db)
        .await
        .expect("exhibitors")
        .into_iter()
        .map(|e| e.producer_id)
        .collect();
    let regions: std::collections::HashSet<String> = producers::Entity::find()
        .filter(producers::Column::Id.is_in(exhibitors.clone()))
        .all(&db)
        .await
        .expect("producers")
        .into_iter()
        .map(|p| p.region)
        .collect();
    assert!(
        exhibitors.len() >= 12 && regions.len() >= 6,
        "{} exhibitors from {} regions",
        exhibitors.len(),
        regions.len()
    );
    assert_eq!(producers::Entity::find().count(&db).await.expect("count") as usize, report.producers);
    for email in [
        server::seed::DEMO_PRODUCER_EMAIL,
        server::seed::DEMO_BUYER_EMAIL,
        server::seed::DEMO_ORGANISER_EMAIL,
        server::seed::DEMO_ADMIN_EMAIL,
        server::seed::DEMO_SOUSS_ADMIN_EMAIL,
    ] {
        let demo = users::Entity::find()
            .filter(users::Column::Email.eq(email))
            .one(&db)
            .await
            .expect("query")
            .unwrap_or_else(|| panic!("{email} exists"));
        assert!(
            server::auth::password::verify(server::seed::DEMO_PASSWORD, &demo.password_hash),
            "{email} can sign in"
        );
    }
    // The trade offices' demo: two offices, requests waiting in Souss-Massa,
    // a hidden listing, an onboarded cooperative not claimed yet.
    let mut offices = Vec::new();
    for email in [server::seed::DEMO_ADMIN_EMAIL, server::seed::DEMO_SOUSS_ADMIN_EMAIL] {
        let admin = users::Entity::find().filter(users::Column::Email.eq(email)).one(&db).await.expect("query");
        offices.push(admin.expect("admin").office);
    }
    assert_eq!(offices, [Some("national".to_owned()), Some("souss-massa".to_owned())]);
    assert!(report.verification_requests >= 2, "requests waiting");
    let hidden = server::entities::listings::Entity::find()
        .filter(server::entities::listings::Column::HiddenAt.is_not_null())
        .count(&db)
        .await
        .expect("count");
    assert_eq!(hidden, 1, "one hidden listing");
    let unclaimed = producers::Entity::find()
        .filter(producers::Column::OnboardedAt.is_not_null())
        .filter(producers::Column::ClaimedAt.is_null())
        .count(&db)
        .await
        .expect("count");
    assert_eq!(unclaimed, 1, "one onboarded cooperative waiting to be claimed");
    let again = server::seed::seed_demo_if_empty(&db, &media).await.expect("second seed");
    assert!(again.skipped, "a second start does not seed twice");
    let search_dir = tempfile::tempdir().expect("search directory");
    let index = std::sync::Arc::new(server::search::embedded::EmbeddedIndex::open(search_dir.path()).expect("index"));
    let home = CatalogService::new(db.clone(), index).home(Locale::Fr).await.expect("home");
    assert!(home.regions.iter().all(|r| r.listings > 0), "every region has listings");
    assert!(media_dir.join("demo/cosmetics-argan-0-640.webp").exists(), "placeholder photos were written");
}

async fn suite(url: &str, second_url: &str, data_dir: &Path) {
    let db = connect(url, data_dir).await;
    migrations_go_up_down_and_up(&db).await;
    catalogue_reads_back_through_the_port(&db).await;
    write_transactions_commit_or_leave_nothing(&db).await;
    demo_seed_fills_an_empty_database_once(&data_dir.join("media"), second_url, data_dir).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_database_suite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("suite.db").display());
    let seed_url = format!("sqlite://{}?mode=rwc", dir.path().join("seed.db").display());
    suite(&url, &seed_url, dir.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_database_suite() {
    let cluster = PgCluster::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let url = cluster.create_database("suite");
    let seed_url = cluster.create_database("seed");
    suite(&url, &seed_url, dir.path()).await;
}

/// A writer that waits out SQLite's busy timeout gets a 503 to retry, not a
/// 500 (and not a silent loss): `is_busy` recognises the real SQLITE_BUSY.
#[tokio::test]
async fn a_busy_sqlite_database_is_unavailable_not_an_internal_error() {
    use sea_orm::{ConnectOptions, ConnectionTrait, Database};
    let dir = tempfile::tempdir().expect("temporary dir");
    let url = format!("sqlite://{}/busy.db?mode=rwc", dir.path().display());
    let holder = Db::standalone(Database::connect(&url).await.expect("connect"));
    holder.execute_unprepared("CREATE TABLE t (x INTEGER)").await.expect("create");
    let lock = server::db::begin_write(&holder).await.expect("BEGIN IMMEDIATE");
    lock.execute_unprepared("INSERT INTO t VALUES (1)").await.expect("insert under the lock");
    let mut options = ConnectOptions::new(url);
    options.map_sqlx_sqlite_opts(|opts| opts.busy_timeout(std::time::Duration::from_millis(50)));
    let other = Database::connect(options).await.expect("second connection");
    let error = other.execute_unprepared("INSERT INTO t VALUES (2)").await.expect_err("the write lock is held");
    assert!(server::error::is_busy(&error), "{error}");
    let error = AppError::from(server::error::StoreError::Db(error));
    assert_eq!((error.clone(), error.status()), (AppError::Unavailable, 503));
    lock.rollback().await.expect("rollback");
}
