//! Buyers contact suppliers, through the server functions a
//! page posts: an inquiry held until the buyer's address is confirmed, the
//! conversation with a quote accepted, who may read and write it, the
//! 24-hour duplicate rule, the hourly limit, and message text that stays
//! inert text everywhere.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use server::entities::{inquiries, mail_outbox, users};
use tests::TestApp;
use tests::visitor::{PASSWORD, Visitor};

/// A producer with one published listing.
pub(crate) async fn producer_with_listing(app: &TestApp, email: &str) -> (Visitor, i64) {
    let producer = app.signed_in("producer", email).await;
    assert_eq!(producer.save_profile("Coopérative Tifawin", &[]).await.status, 200);
    let id = producer.create_listing("Huile d'argan cosmétique").await;
    let published =
        producer.post("/api/change_listing_status", &[("id", &id.to_string()), ("change", "publish")]).await;
    assert_eq!(published.status, 200, "{}", published.body);
    (producer, id)
}

/// The inquiry form's fields, with `extra` after them.
pub(crate) async fn send(
    visitor: &Visitor,
    listing: i64,
    message: &str,
    extra: &[(&str, &str)],
) -> tests::visitor::Answer {
    let listing = listing.to_string();
    let mut fields = vec![
        ("listing", listing.as_str()),
        ("locale", "fr"),
        ("form[product]", "Huile d'argan cosmétique"),
        ("form[quantity_amount]", "500"),
        ("form[quantity_unit]", "litre"),
        ("form[incoterm]", "FOB"),
        ("form[destination_country]", "PA"),
        ("form[message]", message),
    ];
    fields.extend_from_slice(extra);
    visitor.post("/api/send_inquiry", &fields).await
}

/// The inquiry id in the `Location` the server sent the browser to.
pub(crate) fn inquiry_id(answer: &tests::visitor::Answer) -> i64 {
    let location = answer.header("location");
    location
        .split("/inquiries/")
        .nth(1)
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no inquiry in `{location}` ({}): {}", answer.status, answer.body))
}

/// A buyer whose address is confirmed.
pub(crate) async fn confirmed_buyer(app: &TestApp, email: &str) -> Visitor {
    let buyer = app.signed_in("buyer", email).await;
    users::Entity::update_many()
        .col_expr(users::Column::EmailVerifiedAt, sea_orm::sea_query::Expr::value(chrono::Utc::now()))
        .filter(users::Column::Email.eq(email))
        .exec(&app.db)
        .await
        .expect("confirm");
    buyer
}

/// Every mail to `address`, oldest first.
async fn all_mails_to(app: &TestApp, address: &str) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(address))
        .order_by_asc(mail_outbox::Column::Id)
        .all(&app.db)
        .await
        .expect("mails")
}

/// The mails to `address` but its sign-up's confirmation link.
async fn mails_to(app: &TestApp, address: &str) -> Vec<mail_outbox::Model> {
    let mut mails = all_mails_to(app, address).await;
    mails.retain(|mail| !mail.body.contains("/account/confirm?token="));
    mails
}

async fn thread_json(visitor: &Visitor, id: i64) -> (u16, serde_json::Value) {
    let answer = visitor.get(&format!("/api/thread?id={id}&locale=fr")).await;
    (answer.status, answer.json())
}

#[tokio::test]
async fn an_inquiry_signed_up_inline_is_held_until_the_address_is_confirmed() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let visitor = app.visitor();
    let account = [
        ("account[mode]", "sign-up"),
        ("account[display_name]", "Ana Pérez"),
        ("account[email]", "ana@importadora.pa"),
        ("account[password]", PASSWORD),
    ];
    let sent = send(&visitor, listing, "Bonjour, 500 L par mois vers Colón ?", &account).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(sent.header("location"), "/fr/account/sign-up?sent=1&inquiry=1", "check your mail");
    assert_eq!(visitor.viewer().await, serde_json::Value::Null, "nobody is signed in before the mailbox is proved");

    // Held: the producer does not see it at all.
    let inbox = producer.get("/api/inbox?page=1&locale=fr").await.json();
    assert_eq!(inbox["total"], 0, "{inbox}");

    // The confirmation link from the mail, opened in the same browser: it
    // signs in and delivers; a forged or spent link does nothing.
    let token = app.confirmation_token("ana@importadora.pa").await;
    let forged = app.visitor().post("/api/confirm_address", &[("token", &"ab".repeat(32)), ("locale", "es")]).await;
    assert_eq!(forged.status, 422);
    let confirmed = visitor.post("/api/confirm_address", &[("token", &token), ("locale", "es")]).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    assert_eq!(confirmed.header("location"), "/es/account/confirm?done=1");
    assert_eq!(visitor.viewer().await["role"], "buyer", "signed in by its own link");
    let again = app.visitor().post("/api/confirm_address", &[("token", &token), ("locale", "es")]).await;
    assert_eq!(again.status, 422, "a link works once");

    let inbox = producer.get("/api/inbox?page=1&locale=fr").await.json();
    assert_eq!(inbox["total"], 1, "delivered: {inbox}");
    assert_eq!(inbox["lines"][0]["unread"], true);
    let id = inbox["lines"][0]["id"].as_i64().expect("the inquiry");
    assert_eq!(producer.get("/api/unread").await.body, "1");
    let (status, thread) = thread_json(&visitor, id).await;
    assert_eq!((status, thread["held"].as_bool()), (200, Some(false)), "the buyer sees it sent");
    let notice: Vec<_> = mails_to(&app, "coop@tifawin.ma")
        .await
        .into_iter()
        .filter(|mail| mail.body.contains(&format!("/fr/inquiries/{id}")))
        .collect();
    assert_eq!(notice.len(), 1, "the producer is told once");
    let to_ana = all_mails_to(&app, "ana@importadora.pa").await;
    assert_eq!(to_ana.len(), 1, "one confirmation mail for the sign-up and its inquiry");
    assert!(!to_ana[0].body.contains("Ana Pérez"), "no text typed by the visitor: {}", to_ana[0].body);
    app.stop().await;
}

#[tokio::test]
async fn a_quote_is_answered_and_accepted_and_the_status_follows() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let buyer = confirmed_buyer(&app, "li.wei@sourcing.cn").await;
    let id = inquiry_id(&send(&buyer, listing, "Price for 500 L FOB Casablanca?", &[]).await);
    assert_eq!(thread_json(&buyer, id).await.1["status"], "new");

    let reply = [
        ("id", id.to_string()),
        ("locale", "fr".into()),
        ("form[message]", "Voici notre offre.".into()),
        ("form[with_quote]", "on".into()),
        ("form[unit_price]", "19.80".into()),
        ("form[currency]", "USD".into()),
        ("form[quantity_amount]", "500".into()),
        ("form[quantity_unit]", "litre".into()),
        ("form[incoterm]", "FOB".into()),
        ("form[named_place]", "Casablanca".into()),
        ("form[valid_until]", (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string()),
        ("form[lead_time_days]", "21".into()),
    ];
    let fields: Vec<(&str, &str)> = reply.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let quoted = producer.post("/api/reply", &fields).await;
    assert_eq!(quoted.status, 200, "{}", quoted.body);
    let (_, thread) = thread_json(&buyer, id).await;
    assert_eq!(thread["status"], "quoted");
    assert_eq!(thread["rights"]["decide"], true);
    let quote = &thread["messages"][1]["quote"];
    assert_eq!((quote["terms"]["unit_price_minor"].as_i64(), quote["pending"].as_bool()), (Some(1980), Some(true)));
    assert_eq!(mails_to(&app, "li.wei@sourcing.cn").await.len(), 1, "the buyer is told of the reply");

    // The producer cannot decide for the buyer; a decision must name the
    // quote seen; the buyer accepts once.
    let quote_id = quote["message_id"].as_i64().expect("the quote's id").to_string();
    let unseen = [("id", id.to_string()), ("action", "accept".into()), ("quote", "1".into()), ("locale", "fr".into())];
    let unseen: Vec<(&str, &str)> = unseen.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(buyer.post("/api/act_on_thread", &unseen).await.status, 409, "not the latest quote");
    let accept = [("id", id.to_string()), ("action", "accept".into()), ("quote", quote_id), ("locale", "fr".into())];
    let accept: Vec<(&str, &str)> = accept.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(producer.post("/api/act_on_thread", &accept).await.status, 403);
    assert_eq!(buyer.post("/api/act_on_thread", &accept).await.status, 200);
    let (_, thread) = thread_json(&buyer, id).await;
    assert_eq!(thread["status"], "agreed", "a deal follows; the conversation stays open");
    assert_eq!(thread["messages"][1]["quote"]["decision"], "accepted");
    assert_eq!(thread["deal"][1], "agreed");
    assert_eq!(buyer.post("/api/act_on_thread", &accept).await.status, 403, "nothing left to accept");
    app.stop().await;
}

#[tokio::test]
async fn only_the_two_sides_see_a_conversation_and_extra_fields_change_nothing() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let buyer = confirmed_buyer(&app, "buyer@import.ng").await;
    let id = inquiry_id(&send(&buyer, listing, "Hello from Lagos", &[]).await);

    let other_buyer = confirmed_buyer(&app, "other@import.br").await;
    let other_producer = app.signed_in("producer", "other@coop.ma").await;
    let organiser = app.signed_in("organiser", "fairs@salon.ma").await;
    let id_text = id.to_string();
    let reply = [("id", id_text.as_str()), ("locale", "fr"), ("form[message]", "Intrusion")];
    for (who, visitor) in
        [("another buyer", &other_buyer), ("another producer", &other_producer), ("an organiser", &organiser)]
    {
        assert_eq!(thread_json(visitor, id).await.0, 404, "{who} reads");
        assert_eq!(visitor.post("/api/reply", &reply).await.status, 404, "{who} replies");
        let close = [("id", id_text.as_str()), ("action", "close"), ("locale", "fr")];
        assert_eq!(visitor.post("/api/act_on_thread", &close).await.status, 404, "{who} closes");
    }
    assert_eq!(organiser.get("/api/inbox?page=1&locale=fr").await.status, 404);
    let anonymous = app.visitor();
    assert_eq!(thread_json(&anonymous, id).await.0, 401);
    assert_eq!(anonymous.get("/api/inbox?page=1&locale=fr").await.status, 401);

    // Fields a form does not have are refused or ignored: never applied.
    let forged = [
        ("id", id_text.as_str()),
        ("locale", "fr"),
        ("form[message]", "Bonjour"),
        ("form[status]", "closed"),
        ("buyer_user_id", "1"),
        ("producer_id", "999"),
    ];
    let answer = producer.post("/api/reply", &forged).await;
    assert!(answer.status == 200 || answer.status == 400, "{}: {}", answer.status, answer.body);
    let row = inquiries::Entity::find_by_id(id).one(&app.db).await.expect("query").expect("the inquiry");
    assert_ne!(row.status, "closed");
    assert_ne!(row.producer_id, 999);
    assert_eq!(thread_json(&buyer, id).await.0, 200, "still the buyer's");
    app.stop().await;
}

#[tokio::test]
async fn the_same_inquiry_twice_in_a_day_and_too_many_in_an_hour_are_refused_clearly() {
    let app = TestApp::spawn().await;
    let (_producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let buyer = confirmed_buyer(&app, "buyer@import.in").await;
    let first = inquiry_id(&send(&buyer, listing, "Need 2 tonnes monthly", &[]).await);
    let twice = send(&buyer, listing, "Need 2 tonnes monthly", &[]).await;
    assert_eq!(twice.status, 409, "{}", twice.body);
    assert_eq!(twice.json()["AlreadySent"]["inquiry"], first, "names the existing conversation: {}", twice.body);

    for n in 1..10 {
        let sent = send(&buyer, listing, &format!("Question number {n}"), &[]).await;
        assert_eq!(sent.status, 200, "inquiry {n}: {}", sent.body);
    }
    let over = send(&buyer, listing, "One too many", &[]).await;
    assert_eq!(over.status, 429, "{}", over.body);
    app.stop().await;
}

#[tokio::test]
async fn markup_and_links_in_messages_stay_inert_text() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let buyer = confirmed_buyer(&app, "buyer@import.ae").await;
    let hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)> https://evil.example/pay";
    let id = inquiry_id(&send(&buyer, listing, hostile, &[]).await);
    for (side, visitor) in [("producer", &producer), ("buyer", &buyer)] {
        let page = visitor.get(&format!("/fr/inquiries/{id}")).await;
        assert_eq!(page.status, 200, "{side}");
        assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{side}: escaped text");
        assert!(!page.body.contains("<script>alert(1)") && !page.body.contains("<img src=x"), "{side}: no markup");
        assert!(!page.body.contains("href=\"https://evil.example"), "{side}: no link made of it");
    }
    let mail = mails_to(&app, "coop@tifawin.ma").await.pop().expect("a mail to the producer");
    assert!(!mail.body.contains("evil.example") && !mail.body.contains("<script"), "the mail carries no message text");
    app.stop().await;
}

#[tokio::test]
async fn response_numbers_appear_from_the_third_inquiry() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let buyer = confirmed_buyer(&app, "buyer@import.mx").await;
    let page = format!("/en/listings/{listing}");
    let mut ids = Vec::new();
    for text in ["First question", "Second question", "Third question"] {
        ids.push(inquiry_id(&send(&buyer, listing, text, &[]).await));
        if ids.len() < 3 {
            let (_, html) = app.get(&page).await;
            assert!(html.contains("New on Trade.ma"), "fewer than three inquiries: no numbers yet");
        }
    }
    for id in &ids[..2] {
        let id = id.to_string();
        let answer = producer.post("/api/reply", &[("id", &id), ("locale", "fr"), ("form[message]", "Merci !")]).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    let (_, html) = app.get(&page).await;
    assert!(html.contains("New on Trade.ma"), "the unanswered one is under 48 hours old: not counted yet");
    // Two days later, the unanswered one counts (a committed write: the
    // cached pages follow it).
    let txn = server::db::begin_write(&app.db).await.expect("a write");
    inquiries::Entity::update_many()
        .col_expr(
            inquiries::Column::DeliveredAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::hours(49)),
        )
        .filter(inquiries::Column::Id.eq(ids[2]))
        .exec(&txn)
        .await
        .expect("backdate");
    server::db::commit(txn).await.expect("commit");
    let (_, html) = app.get(&page).await;
    assert!(html.contains("Answers 67% of inquiries"), "2 of 3 answered");
    assert!(html.contains("First answer within 1 h (median)"));
    let (_, company) = app.get("/en/producers/cooperative-tifawin").await;
    assert!(company.contains("Answers 67% of inquiries"), "the producer page says the same");
    app.stop().await;
}

#[tokio::test]
async fn the_trade_agreement_hint_follows_the_destination() {
    let app = TestApp::spawn().await;
    let (_producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let hint = |html: &str| html.contains("a tariff preference may apply");
    let (_, panama) = app.get(&format!("/en/listings/{listing}?to=PA")).await;
    assert!(!hint(&panama), "no agreement with Panama: nothing said");
    let (_, nigeria) = app.get(&format!("/en/listings/{listing}?to=NG")).await;
    assert!(hint(&nigeria) && nigeria.contains("African Continental Free Trade Area"), "AfCFTA for Nigeria");
    assert!(nigeria.contains("rules of origin must be checked"));
    let (_, germany) = app.get(&format!("/en/listings/{listing}?to=DE")).await;
    assert!(germany.contains("EU–Morocco association agreement"));

    // A signed-in buyer's own country is the default.
    let buyer = confirmed_buyer(&app, "buyer@import.ae").await;
    users::Entity::update_many()
        .col_expr(users::Column::Country, sea_orm::sea_query::Expr::value("AE"))
        .filter(users::Column::Email.eq("buyer@import.ae"))
        .exec(&app.db)
        .await
        .expect("country");
    let own = buyer.get(&format!("/en/listings/{listing}")).await;
    assert!(own.body.contains("Morocco–UAE free-trade agreement"), "the buyer's country, unasked");
    let (_, anonymous) = app.get(&format!("/en/listings/{listing}")).await;
    assert!(!hint(&anonymous), "no country, nothing said");
    app.stop().await;
}

#[tokio::test]
async fn a_buyer_keeps_a_shortlist_that_follows_what_buyers_may_see() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let buyer = confirmed_buyer(&app, "buyer@import.jp").await;
    let id = listing.to_string();
    let save = |on: &'static str, back: &'static str| {
        let id = id.clone();
        let buyer = &buyer;
        async move {
            buyer.post("/api/keep", &[("listing", id.as_str()), ("on", on), ("back", back), ("locale", "en")]).await
        }
    };
    let saved = save("true", "//evil.example/phish").await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(saved.header("location"), "/en/shortlist", "never sent to another site");
    let producer_saved = buyer
        .post("/api/keep", &[("producer", "cooperative-tifawin"), ("on", "true"), ("back", "/en"), ("locale", "en")])
        .await;
    assert_eq!(producer_saved.status, 200, "{}", producer_saved.body);
    assert_eq!(save("true", "/en").await.status, 200, "saving twice keeps one");

    let list = buyer.get("/api/shortlist?locale=en").await.json();
    assert_eq!(list["listings"].as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list["producers"][0]["slug"], "cooperative-tifawin");
    let page = buyer.get("/en/shortlist").await;
    assert!(page.body.contains("Huile d&#x27;argan cosmétique") || page.body.contains("Huile d'argan cosmétique"));
    assert_eq!(buyer.get(&format!("/api/is_kept?listing={listing}&locale=en")).await.body, "true");

    // Other roles have no shortlist; visitors must sign in.
    assert_eq!(producer.get("/api/shortlist?locale=en").await.status, 404);
    assert_eq!(producer.get(&format!("/api/is_kept?listing={listing}&locale=en")).await.body, "null");
    assert_eq!(app.visitor().get("/api/shortlist?locale=en").await.status, 401);

    // Unpublished, the listing leaves the shortlist page by itself.
    let hidden =
        producer.post("/api/change_listing_status", &[("id", &listing.to_string()), ("change", "unpublish")]).await;
    assert_eq!(hidden.status, 200, "{}", hidden.body);
    let list = buyer.get("/api/shortlist?locale=en").await.json();
    assert_eq!(list["listings"].as_array().map(Vec::len), Some(0), "{list}");
    assert_eq!(save("false", "/en").await.status, 404, "nor can it be saved or removed while hidden");
    app.stop().await;
}

#[tokio::test]
async fn a_buyer_profile_names_the_company_and_sets_the_default_destination() {
    let app = TestApp::spawn().await;
    let (producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let buyer = confirmed_buyer(&app, "compras@emporio.br").await;
    let profile = |website: &'static str| {
        [
            ("locale", "es"),
            ("form[company_name]", "Empório Natural Ltda"),
            ("form[country]", "BR"),
            ("form[city]", "São Paulo"),
            ("form[buyer_type]", "importer"),
            ("form[sectors][cosmetics-argan]", "on"),
            ("form[languages][pt]", "on"),
            ("form[website]", website),
        ]
    };
    let refused = buyer.post("/api/save_buyer_profile", &profile("javascript:alert(1)")).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let saved = buyer.post("/api/save_buyer_profile", &profile("https://emporio.example.br")).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let form = buyer.get("/api/buyer_profile").await.json();
    assert_eq!((form["company_name"].as_str(), form["country"].as_str()), (Some("Empório Natural Ltda"), Some("BR")));
    assert_eq!(form["sectors"]["cosmetics-argan"], "on");
    assert_eq!(producer.get("/api/buyer_profile").await.status, 404, "producers have no buyer profile");

    // No destination typed: the profile's country; the producer sees the company.
    let listing_text = listing.to_string();
    let fields = [
        ("listing", listing_text.as_str()),
        ("locale", "es"),
        ("form[product]", "Óleo de argan"),
        ("form[message]", "Olá, podem cotar?"),
    ];
    let id = inquiry_id(&buyer.post("/api/send_inquiry", &fields).await);
    let (_, thread) = thread_json(&producer, id).await;
    assert_eq!(thread["destination_country"], "BR");
    assert_eq!(thread["buyer_name"], "Empório Natural Ltda");
    app.stop().await;
}

#[tokio::test]
async fn the_destination_defaults_to_the_country_the_browser_names() {
    let app = TestApp::spawn().await;
    let (_, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let path = format!("/api/inquiry_start?listing={listing}&locale=pt");
    let (status, body) = app.get_with(&path, &[("accept-language", "pt-BR,pt;q=0.9,en;q=0.8")]).await;
    assert_eq!(status, 200, "{body}");
    let start: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(start["default_destination"], "BR", "pt-BR → Brazil");
    let (_, body) = app.get_with(&path, &[("accept-language", "pt")]).await;
    let start: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert!(start["default_destination"].is_null(), "a language without a region names no country");
    let (_, body) = app.get_with("/api/requests/destination", &[("accept-language", "zh-CN,zh;q=0.9")]).await;
    assert_eq!(body.trim(), "\"CN\"", "the buying request form too");
    app.stop().await;
}
