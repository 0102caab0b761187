//! Company teams through the server functions the pages post: the access
//! matrix (each role × each workspace action, on its own company and on
//! another), on SQLite and on PostgreSQL; a removed member refused at their
//! next request; the last owner; invitations used twice, expired, withdrawn
//! or opened by another address; inquiries routed by rule, by returning
//! buyer and in turn, and mailed to their assignee only; an organiser's
//! editor; the team log.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use server::entities::{inquiries, mail_outbox, producers, team_invitations, users};
use tests::TestApp;
use tests::visitor::{Answer, PASSWORD, Visitor};

use crate::inquiries::{confirmed_buyer, inquiry_id, producer_with_listing, send};

/// Sends an inquiry about `listing` for delivery to `country`.
async fn ask(buyer: &Visitor, listing: i64, message: &str, country: &str) -> i64 {
    let listing = listing.to_string();
    let fields = [
        ("listing", listing.as_str()),
        ("locale", "fr"),
        ("form[product]", "Huile d'argan cosmétique"),
        ("form[quantity_amount]", "500"),
        ("form[quantity_unit]", "litre"),
        ("form[incoterm]", "FOB"),
        ("form[destination_country]", country),
        ("form[message]", message),
    ];
    inquiry_id(&buyer.post("/api/send_inquiry", &fields).await)
}

/// The token of the newest team invitation mailed to `email`.
async fn invitation_token(app: &TestApp, email: &str) -> String {
    let mail = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(email))
        .order_by_desc(mail_outbox::Column::Id)
        .all(&app.db)
        .await
        .expect("mails")
        .into_iter()
        .find(|mail| mail.body.contains("/join?token="))
        .unwrap_or_else(|| panic!("no team invitation mailed to {email}"));
    let start = mail.body.find("token=").expect("a link") + 6;
    mail.body[start..].chars().take_while(char::is_ascii_hexdigit).collect()
}

async fn invite(owner: &Visitor, email: &str, role: &str) -> Answer {
    owner
        .post(
            "/api/team/invite",
            &[("form[email]", email), ("form[role]", role), ("form[locale]", "fr"), ("locale", "fr")],
        )
        .await
}

/// Joins with a new account from the invitation mailed to `email`.
async fn join_new(app: &TestApp, token: &str) -> (Visitor, Answer) {
    let visitor = app.visitor();
    let answer = visitor
        .post(
            "/api/team/join",
            &[("token", token), ("display_name", "Lina Haddad"), ("password", PASSWORD), ("locale", "fr")],
        )
        .await;
    (visitor, answer)
}

/// `owner` invites `email` as `role`; the invitee signs up from the link.
async fn member(app: &TestApp, owner: &Visitor, email: &str, role: &str) -> Visitor {
    let invited = invite(owner, email, role).await;
    assert_eq!(invited.status, 200, "invitation of {email}: {}", invited.body);
    let token = invitation_token(app, email).await;
    let (visitor, joined) = join_new(app, &token).await;
    assert_eq!(joined.status, 200, "{email} joins: {}", joined.body);
    assert_eq!(visitor.viewer().await["seat"]["role"], role, "{email} is seated");
    visitor
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    users::Entity::find().filter(users::Column::Email.eq(email)).one(&app.db).await.expect("query").expect("user").id
}

async fn change(visitor: &Visitor, fields: &[(&str, &str)]) -> Answer {
    let mut all = vec![("locale", "fr")];
    all.extend_from_slice(fields);
    visitor.post("/api/team/change", &all).await
}

/// A company: its owner, manager and sales member, a published listing and
/// a conversation with a buyer.
struct Company {
    owner: Visitor,
    manager: Visitor,
    sales: Visitor,
    listing: i64,
    inquiry: i64,
    sales_id: i64,
}

async fn company(app: &TestApp, name: &str) -> Company {
    let (owner, listing) = producer_with_listing(app, &format!("owner@{name}.ma")).await;
    let manager = member(app, &owner, &format!("manager@{name}.ma"), "manager").await;
    let sales = member(app, &owner, &format!("sales@{name}.ma"), "sales").await;
    let buyer = confirmed_buyer(app, &format!("buyer-of-{name}@import.pa")).await;
    let inquiry = inquiry_id(&send(&buyer, listing, "Price for 500 L FOB Casablanca?", &[]).await);
    let sales_id = user_id(app, &format!("sales@{name}.ma")).await;
    Company { owner, manager, sales, listing, inquiry, sales_id }
}

/// Every workspace action on `target`'s objects, with the status answered.
async fn try_actions(actor: &Visitor, target: &Company) -> Vec<(&'static str, u16)> {
    let listing = target.listing.to_string();
    let inquiry = target.inquiry.to_string();
    let sales = target.sales_id.to_string();
    vec![
        ("dashboard", actor.get("/api/dashboard?locale=fr").await.status),
        ("insights", actor.get("/api/insights").await.status),
        ("profile editor", actor.get("/api/profile_editor").await.status),
        ("verification", actor.get("/api/studio/verification").await.status),
        ("listing editor", actor.get(&format!("/api/listing_editor?id={listing}")).await.status),
        ("edit listing", actor.save_listing(Some(target.listing), "Huile d'argan cosmétique").await.status),
        (
            "unpublish",
            actor.post("/api/change_listing_status", &[("id", &listing), ("change", "unpublish")]).await.status,
        ),
        ("publish", actor.post("/api/change_listing_status", &[("id", &listing), ("change", "publish")]).await.status),
        ("read conversation", actor.get(&format!("/api/thread?id={inquiry}&locale=fr")).await.status),
        (
            "answer",
            actor.post("/api/reply", &[("id", &inquiry), ("locale", "fr"), ("form[message]", "Bonjour")]).await.status,
        ),
        (
            "assign",
            actor.post("/api/assign_thread", &[("id", &inquiry), ("member", &sales), ("locale", "fr")]).await.status,
        ),
        ("team page", actor.get("/api/team?locale=fr").await.status),
        ("invite", invite(actor, "newcomer@example.com", "sales").await.status),
        (
            "change a role",
            change(actor, &[("change", "change_role"), ("member", &sales), ("role", "sales")]).await.status,
        ),
    ]
}

/// What each role of the company gets on its own company.
fn expected_own(role: &str, action: &str) -> u16 {
    let ok = match role {
        "owner" => true,
        "manager" => matches!(
            action,
            "dashboard"
                | "insights"
                | "profile editor"
                | "listing editor"
                | "edit listing"
                | "unpublish"
                | "publish"
                | "team page"
        ),
        "sales" => {
            matches!(action, "dashboard" | "insights" | "read conversation" | "answer" | "assign" | "team page")
        }
        _ => unreachable!(),
    };
    match (ok, action) {
        (true, _) => 200,
        // Seen but changed by owners only: a plain refusal.
        (false, "invite" | "change a role") => 403,
        (false, _) => 404,
    }
}

async fn access_matrix(app: &TestApp) {
    let own = company(app, "tifawin").await;
    let other = company(app, "atlas").await;
    let roles = [("owner", &own.owner), ("manager", &own.manager), ("sales", &own.sales)];
    for (role, actor) in roles {
        for (action, status) in try_actions(actor, &own).await {
            assert_eq!(status, expected_own(role, action), "{role} × {action} on its own company");
        }
        // Another company's listing, conversation and member do not exist
        // for anyone outside it (the company-wide pages are the caller's own).
        for (action, status) in try_actions(actor, &other).await {
            let id_bearing = matches!(
                action,
                "listing editor" | "edit listing" | "unpublish" | "publish" | "read conversation" | "answer" | "assign"
            );
            if id_bearing {
                assert_eq!(status, 404, "{role} × {action} on another company");
            }
            if action == "change a role" && role == "owner" {
                assert_eq!(status, 404, "another company's member is nobody in this team");
            }
        }
    }
    // The manager edits the profile but not the legal identity.
    let trade_name_only = own.manager.save_profile("Coopérative Tifawin", &[("form[trade_name]", "Tifawin")]).await;
    assert_eq!(trade_name_only.status, 200, "{}", trade_name_only.body);
    let legal = own.manager.save_profile("Tifawin SARL", &[]).await;
    assert_eq!(legal.status, 422, "{}", legal.body);
    assert!(legal.body.contains("invalid.owner_only"), "{}", legal.body);
    let producer = producers::Entity::find()
        .filter(producers::Column::OwnerUserId.eq(user_id(app, "owner@tifawin.ma").await))
        .one(&app.db)
        .await
        .expect("query")
        .expect("producer");
    assert_eq!((producer.legal_name.as_str(), producer.trade_name.as_str()), ("Coopérative Tifawin", "Tifawin"));
    // The other company's listing was never changed by anyone of this one.
    let theirs =
        server::entities::listings::Entity::find_by_id(other.listing).one(&app.db).await.expect("q").expect("l");
    assert_eq!(theirs.status, "published");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_access_matrix_holds_on_sqlite() {
    let app = TestApp::spawn().await;
    access_matrix(&app).await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_access_matrix_holds_on_postgres() {
    let cluster = tests::postgres::PgCluster::start();
    let app = TestApp::spawn_on(&cluster.create_database("teams")).await;
    access_matrix(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn a_removed_member_is_refused_at_their_next_request() {
    let app = TestApp::spawn().await;
    let (owner, listing) = producer_with_listing(&app, "owner@tifawin.ma").await;
    let sales = member(&app, &owner, "sales@tifawin.ma", "sales").await;
    let buyer = confirmed_buyer(&app, "compras@istmo.pa").await;
    let inquiry = inquiry_id(&send(&buyer, listing, "Precio CIF Colón?", &[]).await);
    let thread = format!("/api/thread?id={inquiry}&locale=fr");
    assert_eq!(sales.get(&thread).await.status, 200);
    assert_eq!(sales.get("/api/inbox?locale=fr&page=1").await.json()["total"], 1);
    let id = user_id(&app, "sales@tifawin.ma").await.to_string();
    assert_eq!(change(&owner, &[("change", "remove"), ("member", &id)]).await.status, 200);
    // Same session, next request: signed in still, but no company.
    assert_eq!(sales.viewer().await["seat"], serde_json::Value::Null);
    assert_eq!(sales.get(&thread).await.status, 404);
    assert_eq!(sales.get("/api/inbox?locale=fr&page=1").await.json()["total"], 0, "an account without a company");
    assert_eq!(sales.get("/api/team?locale=fr").await.status, 404);
    let reply = [("id", inquiry.to_string()), ("locale", "fr".to_owned()), ("form[message]", "Encore moi".to_owned())];
    let reply: Vec<(&str, &str)> = reply.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(sales.post("/api/reply", &reply).await.status, 404);
    let row = inquiries::Entity::find_by_id(inquiry).one(&app.db).await.expect("q").expect("row");
    assert_eq!(row.assignee_user_id, None, "their conversations went back to the owners");
    assert_eq!(sales.get("/api/insights").await.status, 200, "an account without a company sees empty insights");
    let team = owner.get("/api/team?locale=fr").await.json();
    assert_eq!(team["members"].as_array().map(Vec::len), Some(1));
    assert_eq!(team["log"][0]["action"], "removed");
    app.stop().await;
}

#[tokio::test]
async fn the_last_owner_cannot_leave_or_step_down_and_ownership_moves_whole() {
    let app = TestApp::spawn().await;
    let (owner, _) = producer_with_listing(&app, "owner@tifawin.ma").await;
    let owner_id = user_id(&app, "owner@tifawin.ma").await.to_string();
    let leave = change(&owner, &[("change", "leave")]).await;
    assert_eq!(leave.status, 422, "{}", leave.body);
    assert!(leave.body.contains("invalid.last_owner"));
    let demote = change(&owner, &[("change", "change_role"), ("member", &owner_id), ("role", "manager")]).await;
    assert_eq!(demote.status, 422, "{}", demote.body);
    let manager = member(&app, &owner, "manager@tifawin.ma", "manager").await;
    let manager_id = user_id(&app, "manager@tifawin.ma").await;
    let transfer = change(&owner, &[("change", "transfer_ownership"), ("member", &manager_id.to_string())]).await;
    assert_eq!(transfer.status, 200, "{}", transfer.body);
    assert_eq!(manager.viewer().await["seat"]["role"], "owner");
    assert_eq!(owner.viewer().await["seat"]["role"], "manager");
    let producer = producers::Entity::find().one(&app.db).await.expect("query").expect("producer");
    assert_eq!(producer.owner_user_id, manager_id, "the holding account moved with ownership");
    // The former owner, now a manager, may leave.
    assert_eq!(change(&owner, &[("change", "leave")]).await.status, 200);
    assert_eq!(owner.viewer().await["seat"], serde_json::Value::Null);
    app.stop().await;
}

#[tokio::test]
async fn an_invitation_works_once_for_its_address_until_it_expires_or_is_withdrawn() {
    let app = TestApp::spawn().await;
    let (owner, _) = producer_with_listing(&app, "owner@tifawin.ma").await;
    // Another address signed in cannot use the link.
    assert_eq!(invite(&owner, "lina@tifawin.ma", "sales").await.status, 200);
    let token = invitation_token(&app, "lina@tifawin.ma").await;
    let page = app.visitor().get(&format!("/api/team/join_page?token={token}")).await;
    assert_eq!((page.status, page.json()["role"].as_str()), (200, Some("sales")), "{}", page.body);
    let stranger = app.signed_in("producer", "stranger@elsewhere.ma").await;
    let taken = stranger.post("/api/team/join", &[("token", &token), ("locale", "fr")]).await;
    assert_eq!(taken.status, 422, "{}", taken.body);
    assert!(taken.body.contains("invalid.invitation_other_address"), "{}", taken.body);
    // Used once; the second use is refused.
    let (_lina, joined) = join_new(&app, &token).await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    let (_, again) = join_new(&app, &token).await;
    assert_eq!(again.status, 422, "{}", again.body);
    assert!(again.body.contains("invalid.invitation"));
    // Expired.
    assert_eq!(invite(&owner, "late@tifawin.ma", "manager").await.status, 200);
    let late = invitation_token(&app, "late@tifawin.ma").await;
    team_invitations::Entity::update_many()
        .col_expr(team_invitations::Column::ExpiresAt, sea_orm::sea_query::Expr::value(chrono::Utc::now()))
        .filter(team_invitations::Column::Email.eq("late@tifawin.ma"))
        .exec(&app.db)
        .await
        .expect("expire");
    assert_eq!(join_new(&app, &late).await.1.status, 422, "an expired link");
    // Withdrawn; and an invitation replaced by a newer one stops working.
    assert_eq!(invite(&owner, "twice@tifawin.ma", "sales").await.status, 200);
    let first = invitation_token(&app, "twice@tifawin.ma").await;
    assert_eq!(invite(&owner, "twice@tifawin.ma", "manager").await.status, 200);
    let second = invitation_token(&app, "twice@tifawin.ma").await;
    assert_eq!(join_new(&app, &first).await.1.status, 422, "the older link was replaced");
    let open = owner.get("/api/team?locale=fr").await.json();
    let invitation = open["invitations"][0]["id"].as_i64().expect("an open invitation").to_string();
    assert_eq!(change(&owner, &[("change", "withdraw_invitation"), ("invitation", &invitation)]).await.status, 200);
    assert_eq!(join_new(&app, &second).await.1.status, 422, "a withdrawn link");
    // A malformed token and a known member's address.
    assert_eq!(app.visitor().get("/api/team/join_page?token=zz").await.status, 422);
    let known = invite(&owner, "lina@tifawin.ma", "sales").await;
    assert_eq!(known.status, 422, "{}", known.body);
    assert!(known.body.contains("invalid.already_member"));
    // A buyer account with the invited address cannot join a producer's team.
    let buyer = confirmed_buyer(&app, "buyer@import.pa").await;
    assert_eq!(invite(&owner, "buyer@import.pa", "sales").await.status, 200);
    let for_buyer = invitation_token(&app, "buyer@import.pa").await;
    let refused = buyer.post("/api/team/join", &[("token", &for_buyer), ("locale", "fr")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("invalid.invitation_wrong_account"));
    app.stop().await;
}

/// The assignee of conversation `id` and the addresses its delivery mailed
/// (mails about a new message, not sign-up confirmations or invitations).
async fn routed(app: &TestApp, id: i64, team: &[&str], before: &[usize]) -> (Option<i64>, Vec<String>) {
    let row = inquiries::Entity::find_by_id(id).one(&app.db).await.expect("query").expect("inquiry");
    let mut mailed = Vec::new();
    for (address, seen) in team.iter().zip(before) {
        if message_mails(app, address).await > *seen {
            mailed.push((*address).to_owned());
        }
    }
    (row.assignee_user_id, mailed)
}

async fn message_mails(app: &TestApp, address: &str) -> usize {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq(address))
        .all(&app.db)
        .await
        .expect("mails")
        .into_iter()
        .filter(|mail| mail.body.contains("/inquiries/"))
        .count()
}

async fn counts(app: &TestApp, team: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    for address in team {
        out.push(message_mails(app, address).await);
    }
    out
}

#[tokio::test]
async fn conversations_are_routed_and_mail_reaches_the_assignee_only() {
    let app = TestApp::spawn().await;
    let (owner, listing) = producer_with_listing(&app, "owner@tifawin.ma").await;
    let lina = member(&app, &owner, "lina@tifawin.ma", "sales").await;
    let karim = member(&app, &owner, "karim@tifawin.ma", "sales").await;
    let (owner_id, lina_id, karim_id) = (
        user_id(&app, "owner@tifawin.ma").await,
        user_id(&app, "lina@tifawin.ma").await,
        user_id(&app, "karim@tifawin.ma").await,
    );
    let team = ["owner@tifawin.ma", "lina@tifawin.ma", "karim@tifawin.ma"];
    let rule = |kind: &'static str, value: &'static str, member: i64| {
        let owner = &owner;
        async move {
            let member = member.to_string();
            let fields =
                [("form[kind]", kind), ("form[value]", value), ("form[member]", member.as_str()), ("locale", "fr")];
            owner.post("/api/team/add_rule", &fields).await
        }
    };
    assert_eq!(rule("market", "americas", karim_id).await.status, 200);
    let bad = rule("market", "atlantis", karim_id).await;
    assert_eq!(bad.status, 422, "an unknown market: {}", bad.body);

    // Market rule: a buyer shipping to Panama reaches Karim, and only Karim is mailed.
    let before = counts(&app, &team).await;
    let panama = confirmed_buyer(&app, "compras@istmo.pa").await;
    let first = ask(&panama, listing, "Precio CIF Colón?", "PA").await;
    assert_eq!(routed(&app, first, &team, &before).await, (Some(karim_id), vec!["karim@tifawin.ma".to_owned()]));

    // No rule for Asia: in turn, the sales member never assigned (Lina).
    let before = counts(&app, &team).await;
    let china = confirmed_buyer(&app, "li.wei@sourcing.cn").await;
    let second = ask(&china, listing, "Price FOB Casablanca?", "CN").await;
    assert_eq!(routed(&app, second, &team, &before).await, (Some(lina_id), vec!["lina@tifawin.ma".to_owned()]));
    // The buyer reads the name of who answers.
    let answer =
        [("id", second.to_string()), ("locale", "fr".to_owned()), ("form[message]", "Hello from Lina".to_owned())];
    let answer: Vec<(&str, &str)> = answer.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(lina.post("/api/reply", &answer).await.status, 200);
    let thread = china.get(&format!("/api/thread?id={second}&locale=fr")).await.json();
    assert_eq!(thread["messages"][1]["author"], "Lina Haddad · Coopérative Tifawin");

    // A returning buyer reaches who answered them (Lina), though Karim's turn is next.
    let before = counts(&app, &team).await;
    let third = ask(&china, listing, "And for 2,000 L?", "CN").await;
    assert_eq!(routed(&app, third, &team, &before).await.0, Some(lina_id));

    // A sector rule comes before the market rule; a Nigerian buyer, no rule
    // for Africa but the sector's: the owner.
    assert_eq!(rule("sector", "cosmetics-argan", owner_id).await.status, 200);
    let before = counts(&app, &team).await;
    let lagos = confirmed_buyer(&app, "tunde@lagosfoods.ng").await;
    let fourth = ask(&lagos, listing, "Price to Lagos?", "NG").await;
    assert_eq!(routed(&app, fourth, &team, &before).await, (Some(owner_id), vec!["owner@tifawin.ma".to_owned()]));

    // Each member's inbox: theirs, and the company's.
    let mine = karim.get("/api/inbox?locale=fr&page=1&mine=true").await.json();
    assert_eq!(mine["lines"].as_array().map(Vec::len), Some(1), "{mine}");
    let company = karim.get("/api/inbox?locale=fr&page=1").await.json();
    assert_eq!(company["lines"].as_array().map(Vec::len), Some(4));
    // Reassigned to the owners: the next buyer message mails the owners.
    let to_owners =
        karim.post("/api/assign_thread", &[("id", &first.to_string()), ("member", ""), ("locale", "fr")]).await;
    assert_eq!(to_owners.status, 200, "{}", to_owners.body);
    let row = inquiries::Entity::find_by_id(first).one(&app.db).await.expect("q").expect("row");
    assert_eq!(row.assignee_user_id, None);
    // A manager cannot be assigned.
    let _ = member(&app, &owner, "nadia@tifawin.ma", "manager").await;
    let nadia = user_id(&app, "nadia@tifawin.ma").await.to_string();
    let refused =
        owner.post("/api/assign_thread", &[("id", &first.to_string()), ("member", &nadia), ("locale", "fr")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    app.stop().await;
}

#[tokio::test]
async fn the_team_log_records_who_changed_listings_and_members_and_keeps_it() {
    let app = TestApp::spawn().await;
    let (owner, listing) = producer_with_listing(&app, "owner@tifawin.ma").await;
    let manager = member(&app, &owner, "manager@tifawin.ma", "manager").await;
    let archived =
        manager.post("/api/change_listing_status", &[("id", &listing.to_string()), ("change", "archive")]).await;
    assert_eq!(archived.status, 200, "{}", archived.body);
    let team = owner.get("/api/team?locale=fr").await.json();
    let newest = &team["log"][0];
    assert_eq!((newest["action"].as_str(), newest["detail"].as_str()), (Some("listing_status"), Some("archived")));
    assert!(newest["actor"].as_str().is_some_and(|actor| actor.contains("manager@tifawin.ma")), "{newest}");
    let actions: Vec<&str> =
        team["log"].as_array().expect("log").iter().filter_map(|line| line["action"].as_str()).collect();
    assert!(actions.contains(&"invited") && actions.contains(&"joined"), "{actions:?}");
    // Members other than owners do not read the log.
    assert_eq!(manager.get("/api/team?locale=fr").await.json()["log"], serde_json::json!([]));
    // Append-only in the database itself.
    let refused = app.db.execute_unprepared("UPDATE team_log SET actor_name = 'someone else'").await;
    assert!(refused.is_err(), "the log cannot be rewritten");
    let refused = app.db.execute_unprepared("DELETE FROM team_log").await;
    assert!(refused.is_err(), "nor emptied");
    app.stop().await;
}

#[tokio::test]
async fn an_organisers_editor_edits_its_showcases_until_removed() {
    let app = TestApp::spawn().await;
    let organiser = app.signed_in("organiser", "fair@expo.sn").await;
    let saved = organiser.post("/api/save_showcase", &crate::showcases::showcase_fields(false, &[])).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let editor = member(&app, &organiser, "editor@expo.sn", "editor").await;
    let mine = editor.get("/api/my_showcases").await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    assert_eq!(mine.json().as_array().map(Vec::len), Some(1), "the editor sees the organisation's showcase");
    assert_eq!(invite(&editor, "another@expo.sn", "editor").await.status, 403, "editors do not invite");
    let sales = invite(&organiser, "sales@expo.sn", "sales").await;
    assert_eq!(sales.status, 422, "an organiser's team has no sales role: {}", sales.body);
    let id = user_id(&app, "editor@expo.sn").await.to_string();
    assert_eq!(change(&organiser, &[("change", "remove"), ("member", &id)]).await.status, 200);
    assert_eq!(editor.get("/api/my_showcases").await.status, 404, "removed: the showcases are gone for them");
    app.stop().await;
}

async fn save_reply(visitor: &Visitor, title: &str) -> Answer {
    let fields = [
        ("form[title]", title),
        ("form[body]", "Samples leave within a week,\nfreight paid by the buyer."),
        ("locale", "fr"),
    ];
    visitor.post("/api/save_reply", &fields).await
}

#[tokio::test]
async fn saved_replies_are_the_companys_for_the_members_who_answer() {
    let app = TestApp::spawn().await;
    let (owner, listing) = producer_with_listing(&app, "owner@tifawin.ma").await;
    let sales = member(&app, &owner, "lina@tifawin.ma", "sales").await;
    let manager = member(&app, &owner, "nadia@tifawin.ma", "manager").await;
    assert_eq!(save_reply(&sales, "Samples").await.status, 200);
    assert_eq!(save_reply(&manager, "Samples").await.status, 404, "a manager does not answer inquiries");
    assert_eq!(save_reply(&sales, "").await.status, 422, "a title is required");
    let buyer = confirmed_buyer(&app, "compras@istmo.pa").await;
    let inquiry = inquiry_id(&send(&buyer, listing, "Do you send samples?", &[]).await);
    // The owner sees the reply the sales member saved, in the conversation.
    let thread = owner.get(&format!("/api/thread?id={inquiry}&locale=fr")).await.json();
    assert_eq!(thread["saved_replies"][0]["title"], "Samples");
    let buyer_view = buyer.get(&format!("/api/thread?id={inquiry}&locale=fr")).await.json();
    assert_eq!(buyer_view["saved_replies"], serde_json::json!([]), "never the buyer");
    let id = thread["saved_replies"][0]["id"].as_i64().expect("an id").to_string();
    // Another company's member cannot remove it.
    let (stranger, _) = producer_with_listing(&app, "owner@atlas.ma").await;
    let fields = [("id", id.as_str()), ("locale", "fr")];
    assert_eq!(stranger.post("/api/remove_reply", &fields).await.status, 404);
    assert_eq!(owner.post("/api/remove_reply", &fields).await.status, 200);
    let inbox = sales.get("/api/inbox?locale=fr&page=1").await.json();
    assert_eq!(inbox["saved_replies"], serde_json::json!([]));
    app.stop().await;
}

#[tokio::test]
async fn an_owner_demoted_meanwhile_acts_as_what_they_are_now_and_their_invitations_stop() {
    let app = TestApp::spawn().await;
    let (owner, _) = producer_with_listing(&app, "owner@tifawin.ma").await;
    let second = member(&app, &owner, "second@tifawin.ma", "owner").await;
    // The second owner invites an address, then is demoted: the link stops working.
    assert_eq!(invite(&second, "friend@elsewhere.ma", "owner").await.status, 200);
    let token = invitation_token(&app, "friend@elsewhere.ma").await;
    let second_id = user_id(&app, "second@tifawin.ma").await;
    let demote =
        change(&owner, &[("change", "change_role"), ("member", &second_id.to_string()), ("role", "manager")]).await;
    assert_eq!(demote.status, 200, "{}", demote.body);
    assert_eq!(join_new(&app, &token).await.1.status, 422, "a former owner's invitation is withdrawn");
    // A request that began while they were an owner (its proof says owner)
    // is judged by the role the locked rows hold now.
    let stale = app::domain::Viewer {
        user_id: second_id,
        email: "second@tifawin.ma".into(),
        display_name: "Second".into(),
        role: app::domain::Role::Producer,
        office: None,
        seat: Some(app::domain::Seat {
            kind: app::domain::TeamKind::Producer,
            company_id: producers::Entity::find().one(&app.db).await.expect("q").expect("producer").id,
            role: app::domain::TeamRole::Owner,
        }),
    };
    let proof = stale.as_member().expect("a member's proof");
    let owner_id = user_id(&app, "owner@tifawin.ma").await;
    let teams = &app.state.services.teams;
    let promote = app::domain::TeamChange::ChangeRole { member: owner_id, role: app::domain::TeamRole::Sales };
    assert_eq!(teams.change(&proof, &promote).await, Err(app::domain::AppError::Forbidden));
    let form = app::domain::InviteForm { email: "x@elsewhere.ma".into(), role: "owner".into(), locale: "fr".into() };
    assert_eq!(teams.invite(&proof, &form).await, Err(app::domain::AppError::Forbidden));
    app.stop().await;
}
