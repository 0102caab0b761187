//! Pooled offers: three cooperatives reach a quantity together, the buyer
//! accepts, and one conversation opens per member; on SQLite and PostgreSQL.

use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::entities::inquiries;
use tests::TestApp;
use tests::visitor::{Answer, Visitor};

use super::{argan_producer, mails_to, page, post_request, request_id, screen};

/// The offer id in the `Location` (`…#offer-12`).
pub(super) fn offer_id(answer: &Answer) -> i64 {
    let location = answer.header("location");
    location
        .rsplit("#offer-")
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no offer in `{location}` ({}): {}", answer.status, answer.body))
}

pub(super) async fn commit(member: &Visitor, offer: i64, quantity: &str, price: &str) -> Answer {
    let offer = offer.to_string();
    member
        .post(
            "/api/offers/commit",
            &[("offer", &offer), ("form[quantity]", quantity), ("form[unit_price]", price), ("locale", "fr")],
        )
        .await
}

pub(super) async fn producer_id(app: &TestApp, legal_name: &str) -> i64 {
    server::entities::producers::Entity::find()
        .filter(server::entities::producers::Column::LegalName.eq(legal_name))
        .one(&app.db)
        .await
        .expect("query")
        .expect("producer")
        .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_cooperatives_pool_an_offer_and_the_buyer_accepts_it() {
    pooled_offer(&TestApp::spawn().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_cooperatives_pool_an_offer_on_postgres() {
    let cluster = tests::postgres::PgCluster::start();
    pooled_offer(&TestApp::spawn_on(&cluster.create_database("pooled")).await).await;
}

/// Three Souss-Massa cooperatives reach 20,000 L together; the buyer accepts.
async fn pooled_offer(app: &TestApp) {
    let tifawin = argan_producer(app, "tifawin@coop.ma", "Coopérative Tifawin", "souss-massa").await;
    let amalou = argan_producer(app, "amalou@coop.ma", "Coopérative Amalou", "souss-massa").await;
    let tiwizi = argan_producer(app, "tiwizi@coop.ma", "Coopérative Tiwizi", "souss-massa").await;
    let outsider = app.signed_in("producer", "outsider@auto.ma").await;
    let buyer = app.signed_in("buyer", "compras@distribuidora.com.br").await;
    let other_buyer = app.signed_in("buyer", "other@buyer.example").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    let id = request_id(&post_request(&buyer, "Óleo de argan cosmético", "cosmetics-argan").await);
    assert_eq!(screen(&national, id, "approve", &[]).await.status, 200);

    let terms = [
        ("id", id.to_string()),
        ("form[currency]", "USD".to_owned()),
        ("form[incoterm]", "CIF".to_owned()),
        ("form[named_place]", "Santos".to_owned()),
        ("form[valid_until]", (chrono::Utc::now().date_naive() + Duration::days(60)).to_string()),
        ("form[lead_time_days]", "45".to_owned()),
        ("form[message]", "Trois coopératives du Souss-Massa, une seule offre.".to_owned()),
        ("locale", "fr".to_owned()),
    ];
    let terms: Vec<(&str, &str)> = terms.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(outsider.post("/api/offers/start", &terms).await.status, 404, "only matched producers");
    let started = tifawin.post("/api/offers/start", &terms).await;
    assert_eq!(started.status, 200, "{}", started.body);
    let offer = offer_id(&started);
    let invite = |producer: i64| {
        let (offer, producer) = (offer.to_string(), producer.to_string());
        let tifawin = &tifawin;
        async move {
            tifawin.post("/api/offers/invite", &[("offer", &offer), ("producer", &producer), ("locale", "fr")]).await
        }
    };
    assert_eq!(invite(producer_id(app, "Coopérative Amalou").await).await.status, 200);
    assert_eq!(invite(producer_id(app, "Coopérative Tiwizi").await).await.status, 200);
    assert_eq!(mails_to(app, "amalou@coop.ma", &format!("/requests/{id}")).await, 1, "the invited are told");
    let not_matched = invite(999_999).await;
    assert!(not_matched.body.contains("invalid.offer_partner"), "{}", not_matched.body);
    // Amalou may commit but not lead; the buyer sees nothing while it is built.
    let submit = |member: &Visitor| {
        let offer = offer.to_string();
        let member = member.clone();
        async move { member.post("/api/offers/submit", &[("offer", &offer), ("locale", "fr")]).await }
    };
    assert_eq!(submit(&amalou).await.status, 404, "only its lead sends it");
    assert!(!page(&buyer, id).await.body.contains("Amalou"), "not sent yet");
    assert_eq!(commit(&tifawin, offer, "8000", "17.00").await.status, 200);
    let alone = submit(&tifawin).await;
    assert!(alone.body.contains("invalid.offer_members"), "{}", alone.body);
    assert_eq!(commit(&amalou, offer, "7000", "18.00").await.status, 200);
    assert_eq!(commit(&tiwizi, offer, "5000", "19.50").await.status, 200);
    assert_eq!(commit(&outsider, offer, "5000", "19.50").await.status, 404, "not a member");
    assert_eq!(submit(&tifawin).await.status, 200);
    assert!(commit(&amalou, offer, "1", "1").await.body.contains("invalid.offer_sent"), "frozen once sent");

    // The buyer sees one offer with its members and the sums; others see nothing of it.
    let seen = page(&buyer, id).await.body;
    for needle in ["Coopérative Amalou", "\"committed\":20000", "\"shortfall\":0", "\"weighted_price_minor\":1798"] {
        assert!(seen.contains(needle), "{needle} in {seen}");
    }
    assert!(!page(&other_buyer, id).await.body.contains("Amalou"));
    assert!(page(&other_buyer, id).await.body.contains("\"quotes\":1"), "the offer took one quote place");
    let decide = |who: &Visitor, decision: &'static str| {
        let offer = offer.to_string();
        let who = who.clone();
        async move { who.post("/api/offers/decide", &[("offer", &offer), ("decision", decision), ("locale", "pt")]).await }
    };
    assert_eq!(decide(&other_buyer, "accept").await.status, 404);
    assert_eq!(decide(&buyer, "accept").await.status, 200);
    assert!(decide(&buyer, "decline").await.body.contains("invalid.already_decided"));

    // One conversation per member, its share accepted.
    let threads = inquiries::Entity::find()
        .filter(inquiries::Column::PooledOfferId.eq(offer))
        .all(&app.db)
        .await
        .expect("threads");
    assert_eq!(threads.len(), 3);
    for thread in &threads {
        assert_eq!(thread.status, "agreed", "accepted: a deal follows");
        let deal = server::repo::deal::of_inquiry(&app.db, thread.id).await.expect("deal").expect("a deal per member");
        assert_eq!(deal.status, "agreed");
        let quote = server::repo::inquiry::latest_quote(&app.db, thread.id).await.expect("quote").expect("a quote");
        assert_eq!(quote.decision.as_deref(), Some("accepted"));
        assert_eq!(buyer.get(&format!("/api/thread?id={}&locale=pt", thread.id)).await.status, 200);
    }
    let amounts: Vec<i64> = {
        let mut quotes = Vec::new();
        for thread in &threads {
            quotes.push(
                server::repo::inquiry::latest_quote(&app.db, thread.id).await.expect("q").expect("q").quantity_amount,
            );
        }
        quotes.sort();
        quotes
    };
    assert_eq!(amounts, vec![5_000, 7_000, 8_000]);
    let told = mails_to(app, "tiwizi@coop.ma", &format!("/requests/{id}")).await;
    assert_eq!(told, 2, "each member is told: invited, then accepted");
}
