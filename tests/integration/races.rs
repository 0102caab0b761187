//! The races closed by conditional writes (a verification request decided
//! once, an invitation used once, a producer handed over once, an import
//! batch written once) and by a
//! write lock on what a check counts (an inquiry submitted twice), each run
//! on PostgreSQL, where two transactions both read the rows as they were
//! before either writes (read committed).
//!
//! The two requests do not just start at the same moment and hope to
//! overlap: the test holds the contested row locked (`SELECT … FOR UPDATE`
//! on a transaction of its own), sends both requests at once (`tokio::join!`,
//! two sessions), waits until PostgreSQL shows both waiting for that lock
//! (so each has read the row and passed its checks), then lets go. Each
//! write is then tried on a row the other has just changed: without the
//! condition on the write, both would succeed. The outcome is read from the
//! database.

use std::sync::Mutex;
use std::time::Duration;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::entities::{audit_log, listings, producer_invitations, producers, users, verification_requests};
use tests::postgres::{PgCluster, RowLock, lock_waiters};
use tests::visitor::{Answer, PASSWORD, Visitor};
use tests::{TestApp, eventually};

const ICE: &str = "001525846000087";

/// How long both requests may take to reach the locked row.
const REACH_THE_LOCK: Duration = Duration::from_secs(20);

/// `request`, whose answer is also noted in `answered` (to tell when one
/// was answered without waiting for the lock).
async fn noted(request: impl Future<Output = Answer>, answered: &Mutex<Vec<String>>) -> Answer {
    let answer = request.await;
    answered.lock().expect("notes").push(format!("{} {}", answer.status, answer.body));
    answer
}

/// Sends `first` and `second` together while `lock` is held, releases it
/// once both wait for it, and returns both answers.
async fn meet_at_the_lock(
    app: &TestApp,
    lock: RowLock,
    first: impl Future<Output = Answer>,
    second: impl Future<Output = Answer>,
) -> (Answer, Answer) {
    let answered = Mutex::new(Vec::new());
    let release = async {
        eventually(REACH_THE_LOCK, "both requests wait for the locked row", || async {
            let early = answered.lock().expect("notes").clone();
            assert!(early.is_empty(), "a request was answered before it reached the locked row: {early:?}");
            (lock_waiters(&app.db).await >= 2).then_some(())
        })
        .await;
        lock.release().await;
    };
    let (first, second, ()) = tokio::join!(noted(first, &answered), noted(second, &answered), release);
    (first, second)
}

/// A token or id written into the locking query: hex digits only.
fn plain(value: &str) -> &str {
    assert!(!value.is_empty() && value.chars().all(|c| c.is_ascii_hexdigit()), "not a plain token: {value}");
    value
}

/// The national team approves and the Souss-Massa office refuses the same
/// request at the same moment: one decision is recorded (state, who, the
/// producer's badge, one audit row), the other is refused with a 422 that
/// says the request was already decided.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_offices_deciding_one_request_at_once_decide_it_once() {
    let cluster = PgCluster::start();
    let app = TestApp::spawn_on(&cluster.create_database("decided_once")).await;
    let producer = app.signed_in("producer", "coop@tifawin.ma").await;
    let saved = producer.save_profile("Coopérative Tifawin", &[]).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let asked = producer
        .post(
            "/api/studio/request_verification",
            &[
                ("form[ice]", ICE),
                ("form[registration_number]", "RC 4521"),
                ("form[cooperative_approval]", "2019/118"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    let request = verification_requests::Entity::find().one(&app.db).await.expect("query").expect("the request");
    // Both may decide it: the national team, and the producer's regional office.
    let national = app.signed_in("admin", "team@national.ma").await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let id = request.id.to_string();

    let locking = format!("SELECT id FROM verification_requests WHERE id = {id} FOR UPDATE");
    let lock = RowLock::hold(&app.db, &locking).await;
    let (approve, refuse) = meet_at_the_lock(
        &app,
        lock,
        national.post("/api/office/decide", &[("request", &id), ("decision", "approve"), ("locale", "fr")]),
        souss.post(
            "/api/office/decide",
            &[("request", &id), ("decision", "reject"), ("reason", "documents-mismatch"), ("locale", "fr")],
        ),
    )
    .await;

    let (loser, state, action, decided_by) = match (approve.status, refuse.status) {
        (200, _) => (&refuse, "approved", "verify", "team@national.ma"),
        (_, 200) => (&approve, "rejected", "reject", "office@souss.ma"),
        _ => panic!(
            "neither decision went through: {} {} / {} {}",
            approve.status, approve.body, refuse.status, refuse.body
        ),
    };
    assert_eq!(loser.status, 422, "the other decision is refused: {}", loser.body);
    assert_eq!(loser.json()["Invalid"]["reason"], "invalid.already_decided", "and says why: {}", loser.body);
    let decided = verification_requests::Entity::find_by_id(request.id).one(&app.db).await.expect("q").expect("row");
    let winner = server::auth::account_commands::account_id(&app.db, decided_by).await.expect("the winner");
    assert_eq!((decided.state.as_str(), decided.decided_by), (state, Some(winner)), "the decision that went through");
    let rows = audit_log::Entity::find().all(&app.db).await.expect("audit");
    let actions: Vec<(&str, &str)> = rows.iter().map(|row| (row.action.as_str(), row.actor_email.as_str())).collect();
    assert_eq!(actions, [(action, decided_by)], "one audit row, the decision's");
    let badge = producers::Entity::find_by_id(request.producer_id).one(&app.db).await.expect("q").expect("producer");
    assert_eq!(badge.verified, state == "approved", "the badge follows the decision that went through");
    app.stop().await;
}

/// The token of the last invitation mailed to `address`.
async fn invitation_token(app: &TestApp, address: &str) -> String {
    let mail = app.outbox_to(address).await.pop().expect("an invitation mail");
    let start = mail.body.find("token=").expect("a link") + "token=".len();
    mail.body[start..].chars().take_while(char::is_ascii_hexdigit).collect()
}

/// The same invitation link claimed in two browsers at the same moment:
/// one claim takes the producer (the placeholder account becomes the
/// invited address's, with that claim's name), the other is refused with
/// a 422 about the link, and no second account exists.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_invitation_claimed_twice_at_once_makes_one_account() {
    let cluster = PgCluster::start();
    let app = TestApp::spawn_on(&cluster.create_database("invitation_once")).await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let onboard = [
        ("form[legal_name]", "Coopérative Tighanimine"),
        ("form[legal_form]", "cooperative"),
        ("form[region]", "souss-massa"),
        ("form[city]", "Tiznit"),
        ("form[sectors][cosmetics-argan]", "on"),
        ("locale", "fr"),
    ];
    let created = souss.post("/api/office/onboard", &onboard).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let producer = producers::Entity::find()
        .filter(producers::Column::LegalName.eq("Coopérative Tighanimine"))
        .one(&app.db)
        .await
        .expect("q")
        .expect("the onboarded producer");
    let invite = [("producer", producer.slug.as_str()), ("email", "contact@tighanimine.ma"), ("locale", "fr")];
    let invited = souss.post("/api/office/invite", &invite).await;
    assert_eq!(invited.status, 200, "{}", invited.body);
    let token = invitation_token(&app, "contact@tighanimine.ma").await;
    let accounts_before = users::Entity::find().count(&app.db).await.expect("count");

    let (aicha, brahim) = (app.visitor(), app.visitor());
    let claim = |visitor: &Visitor, name: &'static str| {
        let (visitor, token) = (visitor.clone(), token.clone());
        async move {
            let fields = [("token", token.as_str()), ("display_name", name), ("password", PASSWORD), ("locale", "fr")];
            visitor.post("/api/claim_producer", &fields).await
        }
    };
    let lock = RowLock::hold(&app.db, "SELECT id FROM producer_invitations WHERE used_at IS NULL FOR UPDATE").await;
    let (first, second) =
        meet_at_the_lock(&app, lock, claim(&aicha, "Aïcha Ait Brahim"), claim(&brahim, "Brahim Ouchen")).await;

    let (winner, other, loser, name) = match (first.status, second.status) {
        (200, _) => (&aicha, &brahim, &second, "Aïcha Ait Brahim"),
        (_, 200) => (&brahim, &aicha, &first, "Brahim Ouchen"),
        _ => panic!("neither claim went through: {} {} / {} {}", first.status, first.body, second.status, second.body),
    };
    assert_eq!(loser.status, 422, "the other claim is refused: {}", loser.body);
    // The loser reads the producer as the winner left it (claimed), or,
    // when it comes second outright, the link as used.
    let reason = loser.json()["Invalid"]["reason"].clone();
    assert!(
        reason == "invalid.already_claimed" || reason == "invalid.invitation",
        "and says the producer is claimed or the link used: {}",
        loser.body
    );
    assert_eq!(users::Entity::find().count(&app.db).await.expect("count"), accounts_before, "no account was added");
    let holders = users::Entity::find()
        .filter(users::Column::Email.eq("contact@tighanimine.ma"))
        .all(&app.db)
        .await
        .expect("accounts");
    assert_eq!(holders.len(), 1, "one account has the invited address");
    assert_eq!(holders[0].display_name, name, "with the name of the claim that went through");
    let claimed = producers::Entity::find_by_id(producer.id).one(&app.db).await.expect("q").expect("producer");
    assert_eq!(claimed.owner_user_id, holders[0].id, "the producer is that account's");
    assert!(claimed.claimed_at.is_some(), "and claimed");
    let invitation = producer_invitations::Entity::find().one(&app.db).await.expect("q").expect("the invitation");
    assert!(invitation.used_at.is_some(), "the link is used up");
    assert_eq!(winner.viewer().await["email"], "contact@tighanimine.ma", "the claim that went through signs in");
    assert_eq!(other.viewer().await, serde_json::Value::Null, "the refused one is nobody");
    app.stop().await;
}

/// Two invitations of one producer left open (two offices invited at the
/// same moment before the producer's row was locked for it), claimed in two
/// browsers at once: the producer is handed over once, to one address; the
/// other claim is refused as already claimed and overwrites nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_invitations_claimed_at_once_hand_the_producer_over_once() {
    let cluster = PgCluster::start();
    let app = TestApp::spawn_on(&cluster.create_database("handover_once")).await;
    let souss = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let onboard = [
        ("form[legal_name]", "Coopérative Tamount"),
        ("form[legal_form]", "cooperative"),
        ("form[region]", "souss-massa"),
        ("form[city]", "Tiznit"),
        ("form[sectors][cosmetics-argan]", "on"),
        ("locale", "fr"),
    ];
    assert_eq!(souss.post("/api/office/onboard", &onboard).await.status, 200);
    let producer = producers::Entity::find()
        .filter(producers::Column::LegalName.eq("Coopérative Tamount"))
        .one(&app.db)
        .await
        .expect("q")
        .expect("the onboarded producer");
    let invite = [("producer", producer.slug.as_str()), ("email", "fatima@tamount.ma"), ("locale", "fr")];
    assert_eq!(souss.post("/api/office/invite", &invite).await.status, 200);
    let first_token = invitation_token(&app, "fatima@tamount.ma").await;
    let office = users::Entity::find()
        .filter(users::Column::Email.eq("office@souss.ma"))
        .one(&app.db)
        .await
        .expect("q")
        .expect("the office's account");
    let second_token = "ab".repeat(32);
    let second = server::repo::invitation::NewInvitation {
        producer_id: producer.id,
        email: "omar@tamount.ma",
        token_hash: server::services::sha256_hex(&second_token),
        locale: "fr",
        invited_by: office.id,
        expires_at: chrono::Utc::now() + chrono::Duration::days(7),
    };
    server::repo::invitation::insert(&app.db, second, chrono::Utc::now()).await.expect("a second open invitation");

    let (fatima, omar) = (app.visitor(), app.visitor());
    let claim = |visitor: &Visitor, token: String, name: &'static str| {
        let visitor = visitor.clone();
        async move {
            let fields = [("token", token.as_str()), ("display_name", name), ("password", PASSWORD), ("locale", "fr")];
            visitor.post("/api/claim_producer", &fields).await
        }
    };
    let lock = RowLock::hold(&app.db, &format!("SELECT id FROM producers WHERE id = {} FOR UPDATE", producer.id)).await;
    let (first, second) = meet_at_the_lock(
        &app,
        lock,
        claim(&fatima, first_token, "Fatima Amzil"),
        claim(&omar, second_token, "Omar Idrissi"),
    )
    .await;
    let (loser, address) = match (first.status, second.status) {
        (200, _) => (&second, "fatima@tamount.ma"),
        (_, 200) => (&first, "omar@tamount.ma"),
        _ => panic!("neither claim went through: {} {} / {} {}", first.status, first.body, second.status, second.body),
    };
    assert_eq!(loser.status, 422, "the other claim is refused: {}", loser.body);
    assert_eq!(loser.json()["Invalid"]["reason"], "invalid.already_claimed", "as already claimed: {}", loser.body);
    let claimed = producers::Entity::find_by_id(producer.id).one(&app.db).await.expect("q").expect("producer");
    let owner = users::Entity::find_by_id(claimed.owner_user_id).one(&app.db).await.expect("q").expect("owner");
    assert_eq!(owner.email, address, "the producer is the first claim's, not overwritten by the second");
    app.stop().await;
}

/// The Souss-Massa office confirms the same checked sheet from two
/// sessions at the same moment: its 25 listings are written once, with one
/// audit row; the other confirmation finds the batch gone (404).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_import_batch_confirmed_twice_at_once_is_written_once() {
    let cluster = PgCluster::start();
    let app = TestApp::spawn_on(&cluster.create_database("import_once")).await;
    let producer = app.signed_in("producer", "coop@tifawin.ma").await;
    let saved = producer.save_profile("Coopérative Tifawin", &[]).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let tifawin = producers::Entity::find().one(&app.db).await.expect("q").expect("the producer");
    let office = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let other_tab = app.visitor();
    assert_eq!(other_tab.sign_in("office@souss.ma", PASSWORD).await.status, 200, "a second session");
    let mut sheet = String::from("sector,title_fr\n");
    for n in 1..=25 {
        sheet.push_str(&format!("cosmetics-argan,Savon à l'argan n°{n}\n"));
    }
    let checked = office.import_sheet("catalogue.csv", sheet.into_bytes(), Some(&tifawin.slug)).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    assert_eq!(checked.json()["creates"], 25, "{}", checked.body);
    let token = checked.json()["token"].as_str().expect("token").to_owned();
    let confirm = [("token", token.as_str()), ("producer", tifawin.slug.as_str()), ("locale", "fr")];

    let locking = format!("SELECT token FROM import_batches WHERE token = '{}' FOR UPDATE", plain(&token));
    let lock = RowLock::hold(&app.db, &locking).await;
    let (first, second) = meet_at_the_lock(
        &app,
        lock,
        office.post("/api/import/confirm", &confirm),
        other_tab.post("/api/import/confirm", &confirm),
    )
    .await;

    let mut statuses = [first.status, second.status];
    statuses.sort_unstable();
    let bodies = format!("{} / {}", first.body, second.body);
    assert_eq!(statuses, [200, 404], "one confirmation writes, the other finds the batch gone: {bodies}");
    let written = listings::Entity::find().filter(listings::Column::ProducerId.eq(tifawin.id)).count(&app.db).await;
    assert_eq!(written.expect("count"), 25, "the listings are written once");
    assert_eq!(app.count_rows("import_batches").await, 0, "the batch is gone");
    let rows = audit_log::Entity::find().all(&app.db).await.expect("audit");
    let logged: Vec<(&str, Option<&str>)> = rows.iter().map(|row| (row.action.as_str(), row.note.as_deref())).collect();
    assert_eq!(logged, [("import", Some("25 created, 0 updated"))], "one audit row for the one import");
    app.stop().await;
}

/// The same inquiry submitted twice at the same moment (a double click
/// whose posts reach two server processes): both requests wait for the
/// buyer's write lock (`db::WriteScope::BuyerInquiries`) before the
/// duplicate check, so the second sees the first's inquiry and is answered
/// 409 naming it; one inquiry exists.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_inquiry_submitted_twice_at_once_is_sent_once() {
    use crate::inquiries::{confirmed_buyer, producer_with_listing, send};
    let cluster = PgCluster::start();
    let app = TestApp::spawn_on(&cluster.create_database("inquiry_once")).await;
    let (_producer, listing) = producer_with_listing(&app, "coop@tifawin.ma").await;
    let buyer = confirmed_buyer(&app, "buyer@import.in").await;
    let buyer_id = server::auth::account_commands::account_id(&app.db, "buyer@import.in").await.expect("the buyer");

    let lock = RowLock::hold_advisory(&app.db, server::db::WriteScope::BuyerInquiries(buyer_id).key()).await;
    let (first, second) = meet_at_the_lock(
        &app,
        lock,
        send(&buyer, listing, "Need 2 tonnes monthly", &[]),
        send(&buyer, listing, "Need 2 tonnes monthly", &[]),
    )
    .await;
    let (sent, refused) = if first.status == 200 { (&first, &second) } else { (&second, &first) };
    assert_eq!(sent.status, 200, "one submit goes through: {} / {} {}", sent.body, refused.status, refused.body);
    assert_eq!(refused.status, 409, "the other is the duplicate: {}", refused.body);
    let inquiries = server::entities::inquiries::Entity::find().count(&app.db).await.expect("count");
    assert_eq!(inquiries, 1, "one inquiry written");
    let named = refused.json()["AlreadySent"]["inquiry"].as_i64().expect("the existing inquiry's id");
    assert_eq!(named, crate::inquiries::inquiry_id(sent), "the refusal names the inquiry that was sent");
    app.stop().await;
}
