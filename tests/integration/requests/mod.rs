//! Buying requests through the server functions the pages post: a
//! request screened by the offices (audited, the buyer mailed), who sees
//! what (the buyer and offices who asked; a request's quotes its buyer and
//! each quote's author; the public card without the buyer; nothing at all
//! before approval), matching on fixed listings, one quote per producer
//! opening a conversation, closing at the deadline (a moved clock) and at
//! ten quotes, the monthly allowance, declining the rest, and the digest
//! mailed at most once a day. On SQLite, and the journey on PostgreSQL.

use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::entities::{audit_log, buying_requests, inquiries, mail_outbox};
use tests::TestApp;
use tests::visitor::{Answer, Visitor};

mod pooled;
mod scope;

/// A producer of `region` with a published argan-oil listing.
async fn argan_producer(app: &TestApp, email: &str, name: &str, region: &str) -> Visitor {
    crate::offices::producer_in(app, email, name, region, "Huile d'argan cosmétique").await.0
}

async fn post_request(buyer: &Visitor, product: &str, sector: &str) -> Answer {
    buyer
        .post(
            "/api/requests/post",
            &[
                ("form[product]", product),
                ("form[sector]", sector),
                ("form[quantity_amount]", "20000"),
                ("form[quantity_unit]", "litre"),
                ("form[target_price]", "18.50"),
                ("form[currency]", "USD"),
                ("form[incoterm]", "CIF"),
                ("form[destination_country]", "BR"),
                ("form[details]", "Embalagem de 1 L, entrega em Santos."),
                ("locale", "pt"),
            ],
        )
        .await
}

/// A request for 100 L of argan oil to China, with `extra` fields.
async fn small_request(buyer: &Visitor, extra: &[(&str, &str)]) -> Answer {
    let mut fields = vec![
        ("form[product]", "Huile d'argan"),
        ("form[sector]", "cosmetics-argan"),
        ("form[quantity_amount]", "100"),
        ("form[quantity_unit]", "litre"),
        ("form[destination_country]", "CN"),
        ("locale", "fr"),
    ];
    fields.extend_from_slice(extra);
    buyer.post("/api/requests/post", &fields).await
}

/// The request id in the `Location` the server sent the browser to.
fn request_id(answer: &Answer) -> i64 {
    let location = answer.header("location");
    location
        .split("/requests/")
        .nth(1)
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no request in `{location}` ({}): {}", answer.status, answer.body))
}

fn quote_fields(id: i64) -> Vec<(&'static str, String)> {
    vec![
        ("id", id.to_string()),
        ("locale", "fr".into()),
        ("form[message]", "Voici notre offre pour 20 000 L.".into()),
        ("form[unit_price]", "17.90".into()),
        ("form[currency]", "USD".into()),
        ("form[quantity_amount]", "20000".into()),
        ("form[quantity_unit]", "litre".into()),
        ("form[incoterm]", "CIF".into()),
        ("form[named_place]", "Santos".into()),
        ("form[valid_until]", (chrono::Utc::now().date_naive() + Duration::days(200)).to_string()),
        ("form[lead_time_days]", "30".into()),
    ]
}

async fn quote(producer: &Visitor, id: i64) -> Answer {
    let fields = quote_fields(id);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    producer.post("/api/requests/quote", &fields).await
}

async fn page(visitor: &Visitor, id: i64) -> Answer {
    visitor.get(&format!("/api/request?id={id}&locale=fr")).await
}

async fn screen(office: &Visitor, id: i64, decision: &str, extra: &[(&str, &str)]) -> Answer {
    let id = id.to_string();
    let mut fields = vec![("id", id.as_str()), ("form[decision]", decision), ("locale", "fr")];
    fields.extend_from_slice(extra);
    office.post("/api/office/screen", &fields).await
}

async fn mails_to(app: &TestApp, address: &str, needle: &str) -> usize {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(address))
        .all(&app.db)
        .await
        .expect("mails")
        .into_iter()
        .filter(|mail| mail.subject.contains(needle) || mail.body.contains(needle))
        .count()
}

/// The whole journey, on any database.
async fn journey(app: &TestApp) {
    let tifawin = argan_producer(app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    let buyer = app.signed_in("buyer", "compras@distribuidora.com.br").await;
    let other_buyer = app.signed_in("buyer", "other@buyer.example").await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let oriental = app.signed_in_office("oriental", "office@oriental.ma").await;
    let national = app.signed_in("admin", "national@trade.ma").await;

    let posted = post_request(&buyer, "Óleo de argan cosmético", "cosmetics-argan").await;
    let id = request_id(&posted);
    // Before approval: its buyer and the offices of the matched regions only.
    assert_eq!(page(&buyer, id).await.status, 200);
    assert!(page(&buyer, id).await.body.contains("Buyer"), "the buyer's view");
    for stranger in [&other_buyer, &tifawin, &oriental, &app.visitor()] {
        assert_eq!(page(stranger, id).await.status, 404, "nobody else learns it exists");
    }
    let seen = page(&souss, id).await;
    assert_eq!(seen.status, 200);
    assert!(seen.body.contains("compras@distribuidora.com.br"), "the office sees who asked");
    assert!(souss.get("/api/office/requests?locale=fr").await.body.contains("Óleo de argan"));
    assert!(!oriental.get("/api/office/requests?locale=fr").await.body.contains("Óleo de argan"));
    assert_eq!(screen(&oriental, id, "approve", &[]).await.status, 404, "another region's office");
    // Quoting before approval is not possible.
    assert_eq!(quote(&tifawin, id).await.status, 404);

    assert_eq!(screen(&national, id, "approve", &[]).await.status, 200);
    assert_eq!(screen(&national, id, "approve", &[]).await.status, 409, "decided once");
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("approve_request"))
        .filter(audit_log::Column::ObjectId.eq(id))
        .count(&app.db)
        .await
        .expect("audit");
    assert_eq!(audited, 1);
    assert_eq!(mails_to(app, "compras@distribuidora.com.br", "argan").await, 1, "the buyer is told");

    // Approved and public: anyone reads the card, never who asked; so does
    // an office of a region the request does not reach.
    let far = page(&oriental, id).await;
    assert_eq!(far.status, 200);
    assert!(far.body.contains("\"Public\"") && !far.body.contains("distribuidora"), "{}", far.body);
    let public = page(&other_buyer, id).await;
    assert_eq!(public.status, 200);
    assert!(public.body.contains("\"Public\"") && !public.body.contains("distribuidora"), "{}", public.body);
    let (status, list) = app.get("/api/requests?locale=fr").await;
    assert_eq!(status, 200);
    assert!(list.contains("Óleo de argan") && !list.contains("distribuidora"));

    // The matched producer quotes once; a conversation opens with the buyer.
    let producer_view = page(&tifawin, id).await;
    assert!(producer_view.body.contains("Producer") && producer_view.body.contains("Full"), "{}", producer_view.body);
    let quoted = quote(&tifawin, id).await;
    assert_eq!(quoted.status, 200, "{}", quoted.body);
    let thread = crate::inquiries::inquiry_id(&quoted);
    assert_eq!(quote(&tifawin, id).await.status, 409, "one quote per producer");
    let row = inquiries::Entity::find_by_id(thread).one(&app.db).await.expect("query").expect("thread");
    assert_eq!((row.buying_request_id, row.status.as_str()), (Some(id), "quoted"));
    assert_eq!(mails_to(app, "compras@distribuidora.com.br", "/requests/").await, 2, "told of the quote");
    assert_eq!(buyer.get(&format!("/api/thread?id={thread}&locale=pt")).await.status, 200);
    assert_eq!(other_buyer.get(&format!("/api/thread?id={thread}&locale=pt")).await.status, 404);

    // Its quotes: the buyer compares them; nobody else sees them.
    let compared = page(&buyer, id).await;
    assert!(compared.body.contains("Coopérative Tifawin") && compared.body.contains("1790"), "{}", compared.body);
    assert!(!page(&other_buyer, id).await.body.contains("Tifawin"), "never who quoted");
    assert_eq!(
        buyer.post("/api/requests/decline_rest", &[("id", &id.to_string()), ("locale", "pt")]).await.header("location"),
        format!("/pt/requests/{id}?declined=1")
    );
    let declined = inquiries::Entity::find_by_id(thread).one(&app.db).await.expect("query").expect("thread");
    assert_eq!(declined.status, "answered", "a declined quote leaves the conversation answered");
    assert_eq!(
        other_buyer.post("/api/requests/decline_rest", &[("id", &id.to_string()), ("locale", "pt")]).await.status,
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_is_screened_quoted_and_compared() {
    let app = TestApp::spawn().await;
    journey(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_is_screened_quoted_and_compared_on_postgres() {
    let cluster = tests::postgres::PgCluster::start();
    let app = TestApp::spawn_on(&cluster.create_database("requests")).await;
    journey(&app).await;
}

#[tokio::test]
async fn matching_follows_the_product_and_the_certifications_required() {
    let app = TestApp::spawn().await;
    let _tifawin = argan_producer(&app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    let buyer = app.signed_in("buyer", "buyer@example.com").await;
    let argan = request_id(&post_request(&buyer, "Huile d'argan", "cosmetics-argan").await);
    let rugs = request_id(&post_request(&buyer, "Tapis berbère", "crafts").await);
    let certified = request_id(&small_request(&buyer, &[("form[certifications][organic-usda]", "on")]).await);
    let matched = |id: i64| {
        let db = app.db.clone();
        async move { server::repo::buying_request::matches_of(&db, id).await.expect("matches").len() }
    };
    assert_eq!(matched(argan).await, 1, "the argan oil producer");
    assert_eq!(matched(rugs).await, 0, "nobody makes rugs here");
    assert_eq!(matched(certified).await, 0, "the listing holds no USDA organic certification");
}

#[tokio::test]
async fn a_request_closes_at_its_deadline_and_at_ten_quotes() {
    let app = TestApp::spawn().await;
    let tifawin = argan_producer(&app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    let buyer = app.signed_in("buyer", "buyer@example.com").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    let full = request_id(&post_request(&buyer, "Huile d'argan", "cosmetics-argan").await);
    assert_eq!(screen(&national, full, "approve", &[]).await.status, 200);
    let late = request_id(&post_request(&buyer, "Huile d'argan bio", "cosmetics-argan").await);
    assert!(page(&buyer, late).await.body.contains("\"open\""), "a trusted buyer skips screening");

    // Ten quotes taken (by other producers): the eleventh is refused.
    buying_requests::Entity::update_many()
        .col_expr(buying_requests::Column::QuoteCount, Expr::value(10))
        .filter(buying_requests::Column::Id.eq(full))
        .exec(&app.db)
        .await
        .expect("ten quotes");
    let refused = quote(&tifawin, full).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("invalid.request_closed"), "{}", refused.body);
    assert!(page(&buyer, full).await.body.contains("\"closed\""));

    // Fifteen days later the deadline (14 days) has passed.
    app.state.clock.advance(Duration::days(15));
    let refused = quote(&tifawin, late).await;
    assert!(refused.body.contains("invalid.request_closed"), "{}", refused.body);
    assert!(!app.get("/api/requests?locale=fr").await.1.contains("Huile d'argan bio"), "no longer listed");
}

#[tokio::test]
async fn a_producer_quotes_within_its_monthly_allowance() {
    let app = TestApp::spawn().await;
    let tifawin = argan_producer(&app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    let mut ids = Vec::new();
    for buyer_email in ["a@buyer.example", "b@buyer.example"] {
        let buyer = app.signed_in("buyer", buyer_email).await;
        for product in ["Huile d'argan", "Huile d'argan bio", "Huile d'argan cosmétique"] {
            let id = request_id(&post_request(&buyer, product, "cosmetics-argan").await);
            if ids.len() % 3 == 0 {
                assert_eq!(screen(&national, id, "approve", &[]).await.status, 200);
            }
            ids.push(id);
        }
    }
    // A new producer has the base allowance: five quotes this month.
    for id in &ids[..app::domain::ALLOWANCE_BASE as usize] {
        assert_eq!(quote(&tifawin, *id).await.status, 200);
    }
    let refused = quote(&tifawin, ids[5]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("invalid.quote_allowance"), "{}", refused.body);
    // Next month the allowance is whole again.
    app.state.clock.advance(Duration::days(32));
    buying_requests::Entity::update_many()
        .col_expr(buying_requests::Column::Deadline, Expr::value(chrono::Utc::now().date_naive() + Duration::days(60)))
        .exec(&app.db)
        .await
        .expect("deadline moved");
    assert_eq!(quote(&tifawin, ids[5]).await.status, 200);
}

#[tokio::test]
async fn refusing_merging_and_the_day_limit() {
    let app = TestApp::spawn().await;
    let tifawin = argan_producer(&app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    let buyer = app.signed_in("buyer", "buyer@example.com").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    let first = request_id(&post_request(&buyer, "Huile d'argan", "cosmetics-argan").await);
    let second = request_id(&post_request(&buyer, "Huile d'argan", "cosmetics-argan").await);
    let refused = screen(&national, first, "refuse", &[("form[reason]", "unclear"), ("form[note]", "Précisez")]).await;
    assert_eq!(refused.status, 200, "{}", refused.body);
    let seen = page(&buyer, first).await.body;
    assert!(seen.contains("\"refused\"") && seen.contains("unclear") && seen.contains("Précisez"), "{seen}");
    assert_eq!(
        screen(&national, second, "merge", &[("form[into]", &first.to_string())]).await.status,
        422,
        "refused target"
    );
    let third = request_id(&post_request(&buyer, "Huile d'argan", "cosmetics-argan").await);
    let later = screen(&national, second, "merge", &[("form[into]", &third.to_string())]).await;
    assert!(later.body.contains("invalid.merge_target"), "only into an earlier request: {}", later.body);
    let merged = screen(&national, third, "merge", &[("form[into]", &second.to_string())]).await;
    assert_eq!(merged.status, 200, "{}", merged.body);
    assert!(page(&buyer, third).await.body.contains(&format!("\"merged_into\":{second}")));
    assert_eq!(screen(&national, second, "refuse", &[]).await.status, 422, "a refusal says why");
    for _ in 0..2 {
        assert_eq!(post_request(&buyer, "Huile d'argan", "cosmetics-argan").await.status, 200);
    }
    let limited = post_request(&buyer, "Huile d'argan", "cosmetics-argan").await;
    assert_eq!(limited.status, 429, "five a day: {}", limited.body);
    let unsigned = post_request(&app.visitor(), "Huile d'argan", "cosmetics-argan").await;
    assert_eq!(unsigned.status, 401);
    let producer_posts = post_request(&tifawin, "Huile d'argan", "cosmetics-argan").await;
    assert_eq!(producer_posts.status, 404, "buyers only");
}

#[tokio::test]
async fn the_digest_is_mailed_at_most_once_a_day() {
    let app = TestApp::spawn().await;
    let _tifawin = argan_producer(&app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    let buyer = app.signed_in("buyer", "buyer@example.com").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    let digests = server::services::requests::digest::RequestDigests {
        db: app.state.db.clone(),
        public_url: app.settings.public_url.clone(),
        clock: app.state.clock.clone(),
    };
    let first = request_id(&post_request(&buyer, "Huile d'argan", "cosmetics-argan").await);
    assert_eq!(digests.send_due().await.expect("digest"), 0, "nothing before approval");
    assert_eq!(screen(&national, first, "approve", &[]).await.status, 200);
    assert_eq!(digests.send_due().await.expect("digest"), 1);
    assert_eq!(mails_to(&app, "tifawin@coop.ma", &format!("/requests/{first}")).await, 1);
    assert_eq!(digests.send_due().await.expect("digest"), 0, "never twice");
    let second = request_id(&post_request(&buyer, "Huile d'argan bio", "cosmetics-argan").await);
    assert_eq!(digests.send_due().await.expect("digest"), 0, "at most one a day");
    app.state.clock.advance(Duration::hours(25));
    assert_eq!(digests.send_due().await.expect("digest"), 1);
    assert_eq!(mails_to(&app, "tifawin@coop.ma", &format!("/requests/{second}")).await, 1);
}

#[tokio::test]
async fn fields_a_form_does_not_have_change_nothing() {
    let app = TestApp::spawn().await;
    let tifawin = argan_producer(&app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    let amalou = argan_producer(&app, "amalou@coop.ma", "Coopérative Amalou", "souss-massa").await;
    let buyer = app.signed_in("buyer", "buyer@example.com").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    let extra =
        [("form[status]", "open"), ("form[quote_count]", "9"), ("form[buyer_user_id]", "1"), ("form[decided_by]", "1")];
    let posted = small_request(&buyer, &extra).await;
    let id = request_id(&posted);
    let row = buying_requests::Entity::find_by_id(id).one(&app.db).await.expect("query").expect("request");
    assert_eq!((row.status.as_str(), row.quote_count, row.decided_by), ("screening", 0, None));
    assert_ne!(row.buyer_user_id, 1);
    assert_eq!(
        screen(&national, id, "approve", &[("form[decided_by]", "1"), ("form[status]", "closed")]).await.status,
        200
    );
    let mut fields = quote_fields(id);
    fields.extend([("form[decision]", "accepted".to_owned()), ("form[buying_request_id]", "1".to_owned())]);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let thread = crate::inquiries::inquiry_id(&tifawin.post("/api/requests/quote", &fields).await);
    let quote = server::repo::inquiry::latest_quote(&app.db, thread).await.expect("quote").expect("a quote");
    assert_eq!(quote.decision, None, "the buyer decides, not the quoting form");
    let started = tifawin
        .post(
            "/api/offers/start",
            &[
                ("id", &id.to_string()),
                ("form[currency]", "USD"),
                ("form[incoterm]", "FOB"),
                ("form[named_place]", "Agadir"),
                ("form[valid_until]", &(chrono::Utc::now().date_naive() + Duration::days(30)).to_string()),
                ("form[lead_time_days]", "30"),
                ("form[status]", "accepted"),
                ("form[lead_producer_id]", "1"),
                ("locale", "fr"),
            ],
        )
        .await;
    let offer = pooled::offer_id(&started);
    let row = server::entities::pooled_offers::Entity::find_by_id(offer).one(&app.db).await.expect("q").expect("offer");
    assert_eq!(row.status, "building");
    assert_eq!(row.lead_producer_id, Some(pooled::producer_id(&app, "Coopérative Tifawin").await));
    // A member commits its own share whatever the form names.
    let amalou_id = pooled::producer_id(&app, "Coopérative Amalou").await;
    let tifawin_offer = offer.to_string();
    let invited = tifawin
        .post(
            "/api/offers/invite",
            &[("offer", &tifawin_offer), ("producer", &amalou_id.to_string()), ("locale", "fr")],
        )
        .await;
    assert_eq!(invited.status, 200, "{}", invited.body);
    let committed = amalou
        .post(
            "/api/offers/commit",
            &[
                ("offer", &tifawin_offer),
                ("form[quantity]", "50"),
                ("form[unit_price]", "17"),
                ("form[producer_id]", &pooled::producer_id(&app, "Coopérative Tifawin").await.to_string()),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(committed.status, 200, "{}", committed.body);
    let shares = server::repo::pooled_offer::shares(&app.db, &[offer]).await.expect("shares");
    let committed: Vec<(i64, Option<i64>)> = shares.iter().map(|s| (s.producer_id, s.quantity_amount)).collect();
    assert!(committed.contains(&(amalou_id, Some(50))), "{committed:?}");
    assert!(committed.iter().all(|(id, quantity)| *id == amalou_id || quantity.is_none()), "{committed:?}");
}
