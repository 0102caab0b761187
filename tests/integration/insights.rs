//! Producer insights: listing views counted once per visitor and
//! day, without robots, with the country from the buyer's profile or the
//! browser's language; the insights' numbers on fixed data, the twelve-month
//! window's edges included; who may read them; inquiries from a producer's
//! page. The same counting and reading run on PostgreSQL.

use app::domain::{CalendarDate, WorldRegion};
use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use server::entities::{inquiries, listing_views, producers};
use server::repo::listing_view::{self, ViewKey};
use server::services::InsightService;
use tests::TestApp;
use tests::postgres::PgCluster;
use tests::visitor::Visitor;

use super::inquiries::{confirmed_buyer, inquiry_id, producer_with_listing, send};

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
const SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1";

/// The listing page read from `client` with these headers.
async fn read(app: &TestApp, listing: i64, client: &str, agent: &str, languages: &str, cookie: &str) -> u16 {
    let mut headers = vec![("x-forwarded-for", client), ("user-agent", agent), ("accept-language", languages)];
    if !cookie.is_empty() {
        headers.push(("cookie", cookie));
    }
    app.get_with(&format!("/fr/listings/{listing}-huile"), &headers).await.0
}

/// The written view rows as (country, views), by country.
async fn written(app: &TestApp) -> Vec<(String, i64)> {
    listing_views::Entity::find()
        .order_by_asc(listing_views::Column::Country)
        .all(&app.db)
        .await
        .expect("views")
        .into_iter()
        .map(|row| (row.country, row.views))
        .collect()
}

async fn producer_id(app: &TestApp) -> i64 {
    producers::Entity::find().one(&app.db).await.expect("producer").expect("one producer").id
}

#[tokio::test]
async fn a_view_counts_once_per_visitor_and_day_with_its_country_and_never_for_robots() {
    let app = TestApp::spawn_configured(|settings| {
        settings.trusted_proxies = vec!["127.0.0.1/32".parse().expect("network")];
    })
    .await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let buyer = confirmed_buyer(&app, "ade@lagos-foods.ng").await;
    let profile = buyer
        .post(
            "/api/save_buyer_profile",
            &[
                ("locale", "en"),
                ("form[company_name]", "Lagos Foods"),
                ("form[country]", "NG"),
                ("form[city]", "Lagos"),
                ("form[buyer_type]", "importer"),
            ],
        )
        .await;
    assert_eq!(profile.status, 200, "{}", profile.body);

    // A Brazilian reader, reloading: one view.
    assert_eq!(read(&app, listing, "203.0.113.1", FIREFOX, "pt-BR,pt;q=0.9", "").await, 200);
    assert_eq!(read(&app, listing, "203.0.113.1", FIREFOX, "pt-BR,pt;q=0.9", "").await, 200);
    // A reader whose language names no country: unknown.
    assert_eq!(read(&app, listing, "203.0.113.2", SAFARI, "fr", "").await, 200);
    // Robots and previews are not readers.
    read(&app, listing, "203.0.113.3", "Mozilla/5.0 (compatible; Googlebot/2.1)", "en-US", "").await;
    read(&app, listing, "203.0.113.4", "WhatsApp/2.23.20.0", "en-GB", "").await;
    // Not a listing page, or no such listing: nothing.
    let form = app.get_with(&format!("/fr/listings/{listing}/inquire"), &[("user-agent", FIREFOX)]).await;
    assert_eq!(form.0, 200);
    let missing = app.get_with("/fr/listings/999999-nothing", &[("user-agent", FIREFOX), ("accept-language", "en-US")]);
    assert_eq!(missing.await.0, 404);
    // The producer looking at its own listing is not a buyer's interest.
    assert_eq!(read(&app, listing, "203.0.113.8", FIREFOX, "fr-FR", &producer.cookies()).await, 200);
    // A signed-in buyer: the profile's country, not the browser's.
    assert_eq!(read(&app, listing, "203.0.113.5", FIREFOX, "en-US", &buyer.cookies()).await, 200);
    assert_eq!(read(&app, listing, "203.0.113.6", FIREFOX, "en-US", &buyer.cookies()).await, 200);

    // The buyer's country is read after the page is sent: wait for it.
    let mut rows = Vec::new();
    for _ in 0..50 {
        app.views.flush(&app.db).await.expect("flush");
        rows = written(&app).await;
        if rows.iter().map(|(_, n)| n).sum::<i64>() >= 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(rows, vec![("BR".to_owned(), 1), ("NG".to_owned(), 1), ("ZZ".to_owned(), 1)]);

    // A second flush adds to the same rows.
    assert_eq!(read(&app, listing, "203.0.113.7", FIREFOX, "pt-BR", "").await, 200);
    app.views.flush(&app.db).await.expect("flush");
    assert_eq!(written(&app).await[0], ("BR".to_owned(), 2));
    app.stop().await;
}

/// A view row on `day` from `country` (`None`: unknown).
fn view(listing_id: i64, day: &str, country: Option<&str>, views: u64) -> (ViewKey, u64) {
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("day");
    let country = country.map(|code| app::domain::CountryCode::parse(code).expect("country"));
    (ViewKey { listing_id, day, country }, views)
}

#[tokio::test]
async fn the_insights_sum_twelve_months_by_market_and_country_on_fixed_data() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let views = [
        // The day before the window (today: 2026-11-30; from 2025-12-01).
        view(listing, "2025-11-30", Some("CN"), 1000),
        // The window's first and last days.
        view(listing, "2025-12-01", Some("FR"), 30),
        view(listing, "2026-11-30", Some("FR"), 10),
        view(listing, "2026-11-29", Some("BR"), 20),
        view(listing, "2026-06-15", Some("CN"), 15),
        view(listing, "2026-06-15", Some("AE"), 10),
        view(listing, "2026-06-15", Some("ES"), 20),
        view(listing, "2026-06-16", None, 50),
    ];
    listing_view::add(&app.db, &views.into_iter().collect()).await.expect("views");

    // Four inquiries from buyers in four countries; one marked spam, one
    // before the window.
    let mut ids = Vec::new();
    for (at, email) in ["a@buyer.pa", "b@buyer.fr", "c@buyer.in", "d@buyer.ng"].iter().enumerate() {
        let buyer = confirmed_buyer(&app, email).await;
        ids.push(inquiry_id(&send(&buyer, listing, &format!("Question {at}"), &[]).await));
    }
    let fix = |id: i64, delivered: &str, country: &str, status: &str| {
        let db = app.db.clone();
        let delivered = Utc.from_utc_datetime(
            &NaiveDate::parse_from_str(delivered, "%Y-%m-%d").expect("day").and_hms_opt(12, 0, 0).expect("noon"),
        );
        let (country, status) = (country.to_owned(), status.to_owned());
        async move {
            inquiries::Entity::update_many()
                .col_expr(inquiries::Column::DeliveredAt, sea_orm::sea_query::Expr::value(delivered))
                .col_expr(inquiries::Column::BuyerCountry, sea_orm::sea_query::Expr::value(country))
                .col_expr(inquiries::Column::Status, sea_orm::sea_query::Expr::value(status))
                .filter(inquiries::Column::Id.eq(id))
                .exec(&db)
                .await
                .expect("fix the inquiry");
        }
    };
    fix(ids[0], "2026-11-02", "PA", "new").await;
    fix(ids[1], "2025-12-01", "FR", "answered").await;
    fix(ids[2], "2026-03-10", "IN", "spam").await;
    fix(ids[3], "2025-11-30", "NG", "new").await;

    let service = InsightService::new(app.db.clone());
    let today = CalendarDate::parse("2026-11-30").expect("today");
    let insights = service.of_producer(producer_id(&app).await, today).await.expect("insights");
    assert_eq!(insights.from.to_string(), "2025-12-01");
    assert_eq!((insights.total.views, insights.total.inquiries), (155, 2));
    // Known views: 105, of which FR 40 + ES 20 European: 45 from outside = 43 %.
    assert_eq!(insights.views_outside_europe, Some(43));
    // Inquiries: Panama and France.
    assert_eq!(insights.inquiries_outside_europe, Some(50));
    assert_eq!(
        insights.months.first().map(|m| (m.month.as_str(), m.tally.views, m.tally.inquiries)),
        Some(("2025-12", 30, 1))
    );
    assert_eq!(
        insights.months.last().map(|m| (m.month.as_str(), m.tally.views, m.tally.inquiries)),
        Some(("2026-11", 30, 1))
    );
    let june = insights.months.iter().find(|m| m.month == "2026-06").expect("June");
    assert_eq!(june.tally.views, 95);
    let markets: Vec<_> = insights.markets.iter().map(|m| (m.market, m.tally.views, m.tally.inquiries)).collect();
    assert_eq!(
        markets,
        vec![
            (Some(WorldRegion::Europe), 60, 1),
            (Some(WorldRegion::MiddleEast), 10, 0),
            (Some(WorldRegion::Asia), 15, 0),
            (Some(WorldRegion::Americas), 20, 1),
            (None, 50, 0),
        ]
    );
    let countries: Vec<_> = insights.countries.iter().map(|c| c.country.map(|c| c.as_str())).collect();
    assert_eq!(countries, vec![Some("FR"), Some("BR"), Some("ES"), Some("CN"), Some("AE"), Some("PA"), None]);

    // The page: the producer's only, with its charts.
    let page = producer.get("/fr/dashboard/insights").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("D’où viennent vos acheteurs"), "the French title");
    let arabic = producer.get("/ar/dashboard/insights").await;
    assert!(arabic.body.contains("dir=\"rtl\""), "the Arabic page is right to left");
    let json = producer.get("/api/insights").await;
    assert_eq!(json.status, 200, "{}", json.body);
    let buyer = confirmed_buyer(&app, "e@buyer.br").await;
    assert_eq!(buyer.get("/api/insights").await.status, 404, "buyers have no insights");
    assert_eq!(Visitor::new(&app).get("/api/insights").await.status, 401, "visitors must sign in");
    app.stop().await;
}

#[tokio::test]
async fn a_buyer_asks_a_producer_from_its_page_without_a_listing() {
    let app = TestApp::spawn().await;
    let (producer, _listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let slug = producers::Entity::find().one(&app.db).await.expect("producer").expect("one").slug;
    let (status, page) = app.get(&format!("/fr/producers/{slug}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("/fr/producers/{slug}/inquire")),
        "the producer page offers contact: {}",
        &page[page.find("producer-facts").unwrap_or(0)..][..600.min(page.len())]
    );
    let (status, form) = app.get(&format!("/fr/producers/{slug}/inquire")).await;
    assert_eq!(status, 200);
    assert!(form.contains("name=\"producer\""), "the form names the producer");

    let buyer = confirmed_buyer(&app, "compras@istmo.pa").await;
    let fields = [
        ("producer", slug.as_str()),
        ("locale", "fr"),
        ("form[product]", "Amlou en pots de 250 g, marque du distributeur"),
        ("form[destination_country]", "PA"),
        ("form[message]", "Pouvez-vous produire sous notre marque ?"),
    ];
    let sent = buyer.post("/api/send_inquiry", &fields).await;
    let id = inquiry_id(&sent);
    let thread = producer.get(&format!("/api/thread?id={id}&locale=fr")).await.json();
    assert_eq!(thread["listing"], serde_json::Value::Null);
    assert_eq!(thread["product"], "Amlou en pots de 250 g, marque du distributeur");
    let again = buyer.post("/api/send_inquiry", &fields).await;
    assert_eq!(again.status, 409, "the same text to the same producer within a day: {}", again.body);
    // Exactly one of a listing and a producer.
    let both = [
        ("listing", "1"),
        ("producer", slug.as_str()),
        ("locale", "fr"),
        ("form[product]", "x"),
        ("form[message]", "y"),
    ];
    assert_eq!(buyer.post("/api/send_inquiry", &both).await.status, 404);
    let unknown = buyer
        .post(
            "/api/send_inquiry",
            &[("producer", "nobody"), ("locale", "fr"), ("form[product]", "x"), ("form[message]", "y")],
        )
        .await;
    assert_eq!(unknown.status, 404);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn views_and_insights_run_on_postgres() {
    let cluster = PgCluster::start();
    let app = TestApp::spawn_on(&cluster.create_database("insights")).await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let today = Utc::now().date_naive();
    let day = |back: i64| (today - chrono::Duration::days(back)).format("%Y-%m-%d").to_string();
    // Written twice: the second write adds to the same rows (the upsert).
    for _ in 0..2 {
        let rows = [view(listing, &day(0), Some("CN"), 3), view(listing, &day(0), None, 1)];
        listing_view::add(&app.db, &rows.into_iter().collect()).await.expect("views");
    }
    let buyer = confirmed_buyer(&app, "li@dongfang.cn").await;
    inquiry_id(&send(&buyer, listing, "Price for 2 t?", &[]).await);
    let insights = producer.get("/api/insights").await.json();
    assert_eq!(insights["total"]["views"], 8);
    assert_eq!(insights["total"]["inquiries"], 1);
    assert_eq!(insights["views_outside_europe"], 100);
    app.stop().await;
}
