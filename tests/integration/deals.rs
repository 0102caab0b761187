//! Deals after an accepted quote, through the server functions the pages
//! post: accepting leads to the deal, each side records the steps it
//! knows in order (refused otherwise, with the reason), the other side is
//! mailed, the conversation stays open, nobody else learns the deal exists
//! (other buyers and producers, organisers, offices), and the offices
//! count an export once the buyer confirms receipt or 60 days after
//! shipping (a moved clock). On SQLite and PostgreSQL.

use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::entities::mail_outbox;
use tests::TestApp;
use tests::visitor::{Answer, Visitor};

use crate::inquiries::{confirmed_buyer, inquiry_id, producer_with_listing, send};

/// The deal id in the `Location` the server sent the browser to.
fn deal_id(answer: &Answer) -> i64 {
    let location = answer.header("location");
    location
        .split("/deals/")
        .nth(1)
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no deal in `{location}` ({}): {}", answer.status, answer.body))
}

/// A producer's quote of 18.50 USD × 2,000 L CIF Colón, accepted by a
/// buyer shipping to Panama: (producer, buyer, conversation, deal).
async fn accepted_quote(app: &TestApp, producer_email: &str, buyer_email: &str) -> (Visitor, Visitor, i64, i64) {
    let (producer, listing) = producer_with_listing(app, producer_email).await;
    let buyer = confirmed_buyer(app, buyer_email).await;
    let thread = inquiry_id(&send(&buyer, listing, "Precio para 2.000 L CIF Colón?", &[]).await);
    let reply = [
        ("id", thread.to_string()),
        ("locale", "fr".into()),
        ("form[message]", "Voici notre offre.".into()),
        ("form[with_quote]", "on".into()),
        ("form[unit_price]", "18.50".into()),
        ("form[currency]", "USD".into()),
        ("form[quantity_amount]", "2000".into()),
        ("form[quantity_unit]", "litre".into()),
        ("form[incoterm]", "CIF".into()),
        ("form[named_place]", "Colón".into()),
        ("form[valid_until]", (chrono::Utc::now().date_naive() + Duration::days(30)).to_string()),
        ("form[lead_time_days]", "30".into()),
    ];
    let fields: Vec<(&str, &str)> = reply.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(producer.post("/api/reply", &fields).await.status, 200);
    let seen = buyer.get(&format!("/api/thread?id={thread}&locale=pt")).await.json();
    let quote = seen["messages"][1]["quote"]["message_id"].as_i64().expect("a quote").to_string();
    let accepted = buyer
        .post(
            "/api/act_on_thread",
            &[("id", &thread.to_string()), ("action", "accept"), ("quote", &quote), ("locale", "pt")],
        )
        .await;
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    let deal = deal_id(&accepted);
    assert_eq!(accepted.header("location"), format!("/pt/deals/{deal}?agreed=1"), "the confirmation and next steps");
    (producer, buyer, thread, deal)
}

async fn step(who: &Visitor, deal: i64, to: &str, extra: &[(&str, &str)]) -> Answer {
    let deal = deal.to_string();
    let mut fields = vec![("id", deal.as_str()), ("form[to]", to), ("locale", "fr")];
    fields.extend_from_slice(extra);
    who.post("/api/deals/step", &fields).await
}

async fn mails_to(app: &TestApp, address: &str, needle: &str) -> usize {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(address))
        .all(&app.db)
        .await
        .expect("mails")
        .into_iter()
        .filter(|mail| mail.body.contains(needle))
        .count()
}

async fn journey(app: &TestApp) {
    let (producer, buyer, thread, deal) = accepted_quote(app, "coop@tifawin.ma", "compras@distribuidora.com.br").await;
    let page = |who: &Visitor| {
        let who = who.clone();
        async move { who.get(&format!("/api/deal?id={deal}")).await }
    };

    // The conversation stays open and names the deal.
    let seen = buyer.get(&format!("/api/thread?id={thread}&locale=pt")).await.json();
    assert_eq!((seen["status"].as_str(), seen["deal"][0].as_i64()), (Some("agreed"), Some(deal)));
    let buyer_view = page(&buyer).await.json();
    assert_eq!(buyer_view["side"], "Buyer");
    assert_eq!(buyer_view["next"], serde_json::json!(["cancelled"]), "the producer moves first");
    assert_eq!(buyer_view["card"]["unit_price_minor"], 1850);
    let producer_view = page(&producer).await.json();
    assert_eq!(producer_view["next"][0], "proforma-sent");

    // Nobody else learns the deal exists.
    let other_buyer = confirmed_buyer(app, "other@buyer.example").await;
    let (other_producer, _) = producer_with_listing(app, "other@coop.ma").await;
    let organiser = app.signed_in("organiser", "fair@events.ma").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    for stranger in [&other_buyer, &other_producer, &organiser, &national, &souss] {
        assert_eq!(page(stranger).await.status, 404);
        assert_eq!(step(stranger, deal, "proforma-sent", &[]).await.status, 404);
    }
    assert_eq!(page(&app.visitor()).await.status, 401);
    assert!(!other_buyer.get("/api/deals").await.body.contains("Colón"));

    // Each side records its own steps, in order, dated.
    let by_buyer = step(&buyer, deal, "shipped", &[]).await;
    assert!(by_buyer.body.contains("invalid.deal_step"), "{}", by_buyer.body);
    let sent = step(&producer, deal, "proforma-sent", &[("form[reference]", "PF-2026-001")]).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(sent.header("location"), format!("/fr/deals/{deal}?moved=1"));
    assert_eq!(mails_to(app, "compras@distribuidora.com.br", &format!("/deals/{deal}")).await, 1, "the buyer is told");
    let tomorrow = (chrono::Utc::now().date_naive() + Duration::days(1)).to_string();
    let future = step(&producer, deal, "secured", &[("form[happened_on]", &tomorrow)]).await;
    assert!(future.body.contains("invalid.date_future"), "{}", future.body);
    let early = (chrono::Utc::now().date_naive() - Duration::days(3)).to_string();
    let before = step(&producer, deal, "secured", &[("form[happened_on]", &early)]).await;
    assert!(before.body.contains("invalid.deal_date_order"), "{}", before.body);
    let shipped = step(&producer, deal, "shipped", &[("form[reference]", "MSCU 1234567")]).await;
    assert_eq!(shipped.status, 200, "from stock: production skipped");
    assert!(step(&producer, deal, "shipped", &[]).await.body.contains("invalid.deal_step"), "once");
    assert!(step(&producer, deal, "cancelled", &[("form[note]", "x")]).await.body.contains("invalid.deal_step"));
    let waiting = buyer.get("/api/deals").await.json();
    assert_eq!((waiting[0]["id"].as_i64(), waiting[0]["your_move"].as_bool()), (Some(deal), Some(true)));

    // Until the buyer confirms, no export is counted.
    let figures = national.get("/api/office/platform").await.json();
    assert_eq!(figures["exports"]["first_exporters"], 0);
    let received = step(&buyer, deal, "received", &[("form[note]", "Tudo certo, obrigado.")]).await;
    assert_eq!(received.status, 200, "{}", received.body);
    assert_eq!(mails_to(app, "coop@tifawin.ma", &format!("/deals/{deal}")).await, 1, "the producer is told");
    let done = page(&buyer).await.json();
    assert_eq!((done["card"]["status"].as_str(), done["next"].as_array().map(Vec::len)), (Some("received"), Some(0)));
    let history: Vec<&str> =
        done["steps"].as_array().expect("steps").iter().filter_map(|s| s["status"].as_str()).collect();
    assert_eq!(history, ["agreed", "proforma-sent", "shipped", "received"]);
    assert_eq!(done["steps"][2]["reference"], "MSCU 1234567");
    assert!(done["exported_on"].is_string(), "{done}");

    // The conversation goes on after the deal.
    let message = buyer
        .post(
            "/api/reply",
            &[("id", &thread.to_string()), ("locale", "pt"), ("form[message]", "Próximo pedido em março.")],
        )
        .await;
    assert_eq!(message.status, 200, "{}", message.body);
    let seen = buyer.get(&format!("/api/thread?id={thread}&locale=pt")).await.json();
    assert_eq!(seen["status"], "agreed");

    // The offices count a first export, to Panama, outside Europe.
    let figures = national.get("/api/office/platform").await.json();
    let exports = &figures["exports"];
    assert_eq!(exports["first_exporters"], 1, "{exports}");
    assert_eq!(exports["markets"][0]["market"], "Americas");
    assert_eq!(exports["outside_europe_percent"], 100);
    let own = producer.get("/api/deals/exports").await.json();
    assert_eq!(own["markets"][0]["deals"], 1, "{own}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deal_follows_an_accepted_quote_to_a_counted_export() {
    journey(&TestApp::spawn().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deal_follows_an_accepted_quote_on_postgres() {
    let cluster = tests::postgres::PgCluster::start();
    journey(&TestApp::spawn_on(&cluster.create_database("deals")).await).await;
}

#[tokio::test]
async fn a_shipment_the_buyer_never_confirms_counts_after_sixty_days() {
    let app = TestApp::spawn().await;
    let (producer, buyer, _, deal) = accepted_quote(&app, "coop@tifawin.ma", "compras@distribuidora.com.br").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    assert_eq!(step(&producer, deal, "shipped", &[]).await.status, 200);
    let shipped_on = app.state.clock.today().to_string();
    let exported_on = |visitor: Visitor| async move {
        visitor.get(&format!("/api/deal?id={deal}")).await.json()["exported_on"].clone()
    };
    assert_eq!(
        national.get("/api/office/platform").await.json()["exports"]["first_exporters"],
        0,
        "the buyer may still confirm"
    );
    assert!(exported_on(buyer.clone()).await.is_null());
    app.state.clock.advance(Duration::days(60));
    assert!(exported_on(buyer.clone()).await.is_null(), "60 days: still waiting");
    app.state.clock.advance(Duration::days(1));
    // Counted, dated on the shipping day (the year's figures count it in that year).
    assert_eq!(exported_on(buyer.clone()).await, shipped_on.as_str(), "61 days without a word: counted");
    assert_eq!(exported_on(producer.clone()).await, shipped_on.as_str());
}

#[tokio::test]
async fn a_cancelled_deal_says_why_and_is_never_counted() {
    let app = TestApp::spawn().await;
    let (producer, buyer, _, deal) = accepted_quote(&app, "coop@tifawin.ma", "compras@distribuidora.com.br").await;
    let silent = step(&buyer, deal, "cancelled", &[]).await;
    assert!(silent.body.contains("invalid.required"), "{}", silent.body);
    let cancelled = step(&buyer, deal, "cancelled", &[("form[note]", "O cliente final desistiu.")]).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    assert!(step(&producer, deal, "shipped", &[]).await.body.contains("invalid.deal_step"), "a cancelled deal is done");
    let seen = producer.get(&format!("/api/deal?id={deal}")).await.json();
    assert_eq!(seen["steps"][1]["note"], "O cliente final desistiu.");
    assert_eq!(seen["steps"][1]["by"], "Buyer");
    let extra = step(&producer, deal, "shipped", &[("form[by_side]", "buyer"), ("form[status]", "received")]).await;
    assert_eq!(extra.status, 422, "fields the form does not have change nothing");
    let national = app.signed_in("admin", "national@trade.ma").await;
    assert_eq!(national.get("/api/office/platform").await.json()["exports"]["first_exporters"], 0);
}

async fn save_billing(owner: &Visitor, account_number: &str) -> Answer {
    owner
        .post(
            "/api/billing/save",
            &[
                ("form[payment_terms]", "30 % à la commande, solde contre copie du connaissement."),
                ("form[bank_name]", "Banque Populaire"),
                ("form[account_holder]", "Coopérative Tifawin"),
                ("form[account_number]", account_number),
                ("form[swift]", "BCPOMAMC"),
                ("locale", "fr"),
            ],
        )
        .await
}

#[tokio::test]
async fn the_proforma_is_numbered_per_producer_and_its_bank_details_reach_only_the_buyer() {
    let app = TestApp::spawn().await;
    let (producer, buyer, _, deal) = accepted_quote(&app, "coop@tifawin.ma", "compras@distribuidora.com.br").await;
    let refused = save_billing(&producer, "1234").await;
    assert!(refused.body.contains("invalid.account_number"), "{}", refused.body);
    let saved = save_billing(&producer, "0111 1000 0012 3456 7890 1234").await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(producer.get("/api/billing").await.json()["account_number"], "011110000012345678901234");

    let proforma = |who: &Visitor| {
        let who = who.clone();
        async move { who.get(&format!("/api/deal/proforma?id={deal}")).await }
    };
    let read = proforma(&buyer).await.json();
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(read["number"], format!("PF-{year}-0001"));
    assert_eq!(read["bank"]["account_number"], "011110000012345678901234", "the buyer of the deal reads them");
    assert_eq!(read["payment_terms"], "30 % à la commande, solde contre copie du connaissement.");
    assert_eq!(proforma(&producer).await.json()["bank"]["swift"], "BCPOMAMC", "its owner too");

    // Nobody else: not another buyer, producer, organiser or office.
    let other_buyer = confirmed_buyer(&app, "other@buyer.example").await;
    let (other_producer, _) = producer_with_listing(&app, "other@coop.ma").await;
    let organiser = app.signed_in("organiser", "fair@events.ma").await;
    let national = app.signed_in("admin", "national@trade.ma").await;
    for stranger in [&other_buyer, &other_producer, &organiser, &national] {
        let answer = proforma(stranger).await;
        assert_eq!(answer.status, 404);
        assert!(!answer.body.contains("0111100000"), "no bank detail leaks");
    }
    assert!(!other_producer.get("/api/billing").await.body.contains("0111100000"), "its own billing, empty");
    assert_eq!(other_buyer.get("/api/billing").await.status, 404, "buyers keep no billing");

    // The producer's next deal takes the next number.
    let second_buyer = confirmed_buyer(&app, "second@buyer.example").await;
    let listing = server::entities::listings::Entity::find().one(&app.db).await.expect("query").expect("a listing").id;
    let thread = inquiry_id(&send(&second_buyer, listing, "Prix pour 2 000 L ?", &[]).await);
    let reply = [
        ("id", thread.to_string()),
        ("locale", "fr".into()),
        ("form[message]", "Voici.".into()),
        ("form[with_quote]", "on".into()),
        ("form[unit_price]", "19".into()),
        ("form[currency]", "EUR".into()),
        ("form[quantity_amount]", "500".into()),
        ("form[quantity_unit]", "litre".into()),
        ("form[incoterm]", "FOB".into()),
        ("form[named_place]", "Agadir".into()),
        ("form[valid_until]", (chrono::Utc::now().date_naive() + Duration::days(20)).to_string()),
        ("form[lead_time_days]", "15".into()),
    ];
    let fields: Vec<(&str, &str)> = reply.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(producer.post("/api/reply", &fields).await.status, 200);
    let seen = second_buyer.get(&format!("/api/thread?id={thread}&locale=fr")).await.json();
    let quote = seen["messages"][1]["quote"]["message_id"].as_i64().expect("a quote").to_string();
    let accepted = second_buyer
        .post(
            "/api/act_on_thread",
            &[("id", &thread.to_string()), ("action", "accept"), ("quote", &quote), ("locale", "fr")],
        )
        .await;
    let second = deal_id(&accepted);
    let numbered = second_buyer.get(&format!("/api/deal/proforma?id={second}")).await.json();
    assert_eq!(numbered["number"], format!("PF-{year}-0002"));
}
