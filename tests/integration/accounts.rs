//! Accounts and sessions (SECURITY.md): password policy, session cookies and
//! ids, server-side sign-out, sign-in limits, no account enumeration, reset
//! links that work once and expire, and suspension ending every session.

use std::time::Duration;

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::entities::{password_resets, sessions, users};
use tests::TestApp;
use tests::visitor::{PASSWORD, Visitor};

/// How many stored sessions the account has.
async fn sessions_of(app: &TestApp, email: &str) -> u64 {
    let id = server::auth::account_commands::account_id(&app.db, email).await.expect("account");
    sessions::Entity::find().filter(sessions::Column::UserId.eq(id)).count(&app.db).await.expect("count")
}

/// Who the server sees behind a hand-made session cookie (`null`: nobody).
async fn viewer_with_cookie(app: &TestApp, session_id: &str) -> String {
    let response = app
        .client
        .get(app.url("/api/viewer"))
        .header("cookie", format!("tradema_session={session_id}"))
        .send()
        .await
        .expect("request");
    response.text().await.expect("body")
}

#[tokio::test]
async fn sign_up_mails_a_link_that_signs_in_with_a_safe_cookie_and_sign_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    let amina = app.visitor();
    let answer = amina.sign_up("Amina@Coop.ma", PASSWORD, "producer").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("location"), "/fr/account/sign-up?sent=1", "check your mail");
    assert_eq!(amina.viewer().await, serde_json::Value::Null, "nobody is signed in yet");
    let token = app.confirmation_token("amina@coop.ma").await;
    let answer = amina.post("/api/confirm_address", &[("token", &token), ("locale", "fr")]).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("location"), "/fr/dashboard", "producers land on their dashboard");
    let cookie = answer.header("set-cookie");
    assert!(cookie.starts_with("tradema_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "no Secure flag over plain http: {cookie}");
    let id = amina.session_id().expect("a session cookie");
    assert!(id.len() >= 22, "at least 128 bits of id: {id}");
    assert_eq!(amina.viewer().await["email"], "amina@coop.ma", "the address is normalised");
    assert_eq!(amina.viewer().await["role"], "producer");
    // Only a hash of the id is stored.
    let stored = sessions::Entity::find().all(&app.db).await.expect("sessions");
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].id, id);

    // Sign out, then replay the old cookie: the server has forgotten it.
    let answer = amina.post("/api/sign_out", &[("locale", "fr")]).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(sessions::Entity::find().count(&app.db).await.expect("count"), 0);
    assert_eq!(viewer_with_cookie(&app, &id).await, "null", "an old cookie replayed after sign-out is nobody");
    app.stop().await;
}

#[tokio::test]
async fn signing_in_gives_a_new_session_id() {
    let app = TestApp::spawn().await;
    let amina = app.signed_in("producer", "amina@coop.ma").await;
    let before = amina.session_id().expect("session");
    let answer = amina.sign_in("amina@coop.ma", PASSWORD).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let after = amina.session_id().expect("session");
    assert_ne!(before, after, "the id changes at sign-in");
    assert_eq!(viewer_with_cookie(&app, &before).await, "null", "the pre-sign-in id no longer works");
    app.stop().await;
}

#[tokio::test]
async fn passwords_follow_the_policy() {
    let app = TestApp::spawn().await;
    let visitor = app.visitor();
    let reason =
        |answer: tests::visitor::Answer| answer.json()["Invalid"]["reason"].as_str().unwrap_or_default().to_owned();
    assert_eq!(reason(visitor.sign_up("a@coop.ma", "short", "producer").await), "invalid.password_short");
    assert_eq!(reason(visitor.sign_up("a@coop.ma", "password123", "producer").await), "invalid.password_common");
    assert_eq!(reason(visitor.sign_up("a@coop.ma", &"x".repeat(129), "producer").await), "invalid.password_long");
    let long = "é".repeat(64) + &"y".repeat(64);
    assert_eq!(visitor.sign_up("a@coop.ma", &long, "producer").await.status, 200, "128 characters are accepted");
    // Never truncated: the same 127 first characters are not enough.
    let other = app.visitor();
    assert_eq!(other.sign_in("a@coop.ma", &long[..long.len() - 1]).await.status, 422);
    assert_eq!(other.sign_in("a@coop.ma", &long).await.status, 200);
    // Organisers and admins cannot appoint themselves.
    let admin = app.visitor().sign_up("boss@coop.ma", PASSWORD, "admin").await;
    assert_eq!(admin.status, 422, "{}", admin.body);
    let hash = users::Entity::find().one(&app.db).await.expect("user").expect("a user").password_hash;
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    app.stop().await;
}

/// A wrong password and an unknown address get the same status and message.
/// (Their answer times are not compared: a wall-clock ratio fails on a busy
/// machine and passes on a broken one.)
#[tokio::test]
async fn sign_in_does_not_reveal_whether_an_account_exists() {
    let app = TestApp::spawn().await;
    app.signed_in("producer", "amina@coop.ma").await;
    let refused = |email: &'static str| {
        let visitor = app.visitor();
        async move {
            let answer = visitor.sign_in(email, "not the password at all").await;
            (answer.status, answer.header("location"), answer.body)
        }
    };
    let known = refused("amina@coop.ma").await;
    let unknown = refused("nobody@nowhere.ma").await;
    assert_eq!(known.0, 422, "a wrong password is refused: {}", known.2);
    assert_eq!(known, unknown, "same answer for a wrong password and an unknown address");
    app.stop().await;
}

/// A reset request answers the same for an active, an unknown and a
/// suspended address, and writes the same for each: one row of
/// `password_reset_requests` (recorded by a trigger as it is inserted, since
/// the reset links job deletes it). Once the job has handled all three, only
/// the active account has a reset mail; the others have none.
#[tokio::test]
async fn a_reset_request_answers_and_writes_the_same_for_any_address() {
    let app = TestApp::spawn().await;
    app.signed_in("producer", "amina@coop.ma").await;
    app.signed_in("producer", "omar@coop.ma").await;
    let omar = server::auth::account_commands::account_id(&app.db, "omar@coop.ma").await.expect("account");
    server::auth::account_commands::suspend_account(&app.db, omar).await.expect("suspend");
    app.record_inserts("password_reset_requests", "email").await;
    let stranger = app.visitor();
    let addresses = ["amina@coop.ma", "nobody@nowhere.ma", "omar@coop.ma"];
    let mut answers = Vec::new();
    for email in addresses {
        let answer = stranger.post("/api/request_reset", &[("email", email), ("locale", "fr")]).await;
        answers.push((answer.status, answer.header("location"), answer.body));
    }
    assert_eq!(answers[0].0, 200, "{}", answers[0].2);
    assert_eq!(answers[1], answers[0], "an unknown address gets the known one's answer");
    assert_eq!(answers[2], answers[0], "a suspended account gets the active one's answer");
    assert_eq!(
        app.recorded_inserts("password_reset_requests").await,
        addresses,
        "one request row for each address, known or not"
    );

    app.settle_reset_requests().await;
    assert_eq!(reset_mails_queued(&app, "amina@coop.ma").await, 1, "the active account gets its link");
    assert!(app.outbox_to("nobody@nowhere.ma").await.is_empty(), "nothing is mailed to an unknown address");
    assert_eq!(reset_mails_queued(&app, "omar@coop.ma").await, 0, "nor a reset link to a suspended account");
    app.stop().await;
}

/// How many reset mails the outbox holds for `to`.
async fn reset_mails_queued(app: &TestApp, to: &str) -> usize {
    app.outbox_to(to).await.iter().filter(|mail| mail.body.contains("/account/reset?token=")).count()
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_account_and_address_only() {
    let app = TestApp::spawn().await;
    app.signed_in("producer", "amina@coop.ma").await;
    app.signed_in("producer", "omar@coop.ma").await;
    let attacker = app.visitor();
    for attempt in 1..=5 {
        assert_eq!(attacker.sign_in("amina@coop.ma", "guess number one").await.status, 422, "attempt {attempt}");
    }
    let blocked = attacker.sign_in("amina@coop.ma", PASSWORD).await;
    assert_eq!(blocked.status, 429, "the sixth try is refused, even with the right password");
    // Another account from the same address is not locked.
    assert_eq!(attacker.sign_in("omar@coop.ma", PASSWORD).await.status, 200);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_guesses_are_counted_before_the_password_is_checked() {
    let app = TestApp::spawn().await;
    app.signed_in("producer", "amina@coop.ma").await;
    let attacker = app.visitor();
    let guesses = (0..12).map(|n| {
        let attacker = &attacker;
        async move { attacker.sign_in("amina@coop.ma", &format!("parallel guess number {n}")).await.status }
    });
    let statuses = futures::future::join_all(guesses).await;
    let checked = statuses.iter().filter(|s| **s == 422).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((checked, refused), (5, 7), "only five guesses reach the password check: {statuses:?}");
    app.stop().await;
}

/// Waits for the mail folder to hold `count` reset mails and returns them.
async fn mails(app: &TestApp, count: usize) -> Vec<String> {
    let dir = app.settings.mail_dir();
    let what = format!("{count} reset mails written to {}", dir.display());
    tests::eventually(Duration::from_secs(20), &what, || async {
        let mut found = Vec::new();
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                if entry.path().extension().is_some_and(|e| e == "eml") {
                    let mail = std::fs::read_to_string(entry.path()).expect("mail");
                    // Reset mails only (sign-ups are mailed their confirmation too).
                    if mail.replace("=\r\n", "").replace("=\n", "").contains("/account/reset?token") {
                        found.push(mail);
                    }
                }
            }
        }
        (found.len() >= count).then_some(found)
    })
    .await
}

fn reset_token(mail: &str) -> String {
    let unfolded = mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    let start = unfolded.find("token=").expect("a reset link") + "token=".len();
    unfolded[start..start + 64].to_owned()
}

#[tokio::test]
async fn a_reset_link_works_once_expires_and_reveals_nothing() {
    let app = TestApp::spawn().await;
    let amina = app.signed_in("producer", "amina@coop.ma").await;
    let stranger = app.visitor();
    let known = stranger.post("/api/request_reset", &[("email", "amina@coop.ma"), ("locale", "fr")]).await;
    let unknown = stranger.post("/api/request_reset", &[("email", "nobody@nowhere.ma"), ("locale", "fr")]).await;
    assert_eq!((known.status, known.body.clone()), (unknown.status, unknown.body.clone()), "same answer either way");
    // Both requests handled by the reset links job: one link, for the known address.
    app.settle_reset_requests().await;
    assert!(app.outbox_to("nobody@nowhere.ma").await.is_empty(), "nothing is mailed for an unknown address");
    assert_eq!(reset_mails_queued(&app, "amina@coop.ma").await, 1);
    let sent = mails(&app, 1).await;
    assert_eq!(sent.len(), 1, "one reset mail sent in all");
    assert!(sent[0].contains("To: amina@coop.ma"), "{}", sent[0]);
    let token = reset_token(&sent[0]);
    let new_password = "cedar and saffron from Taliouine";
    let reset = |token: String| {
        let visitor = app.visitor();
        async move {
            visitor
                .post("/api/reset_password", &[("token", &token), ("password", new_password), ("locale", "fr")])
                .await
        }
    };
    let first_token = token.clone();
    let first = reset(token.clone()).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(amina.viewer().await, serde_json::Value::Null, "the reset ended the old sessions");
    assert_eq!(app.visitor().sign_in("amina@coop.ma", new_password).await.status, 200);
    assert_eq!(app.visitor().sign_in("amina@coop.ma", PASSWORD).await.status, 422, "the old password is gone");
    let again = reset(token).await;
    assert_eq!(again.status, 422, "a link works once");
    assert_eq!(again.json()["Invalid"]["reason"], "invalid.reset_token");

    // A second link, expired before it is used.
    stranger.post("/api/request_reset", &[("email", "amina@coop.ma"), ("locale", "en")]).await;
    let sent = mails(&app, 2).await;
    let second = sent.iter().map(|m| reset_token(m)).find(|t| *t != first_token).expect("a second token");
    password_resets::Entity::update_many()
        .col_expr(password_resets::Column::ExpiresAt, Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)))
        .filter(password_resets::Column::UsedAt.is_null())
        .exec(&app.db)
        .await
        .expect("expire");
    let late = reset(second).await;
    assert_eq!(late.status, 422, "an expired link is refused");
    app.stop().await;
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = TestApp::spawn().await;
    let phone = app.signed_in("producer", "amina@coop.ma").await;
    let laptop = Visitor::new(&app);
    assert_eq!(laptop.sign_in("amina@coop.ma", PASSWORD).await.status, 200);
    let wrong = phone
        .post(
            "/api/change_password",
            &[("current", "not it at all"), ("password", "a new long phrase"), ("locale", "fr")],
        )
        .await;
    assert_eq!(wrong.json()["Invalid"]["field"], "current");
    let changed = phone
        .post("/api/change_password", &[("current", PASSWORD), ("password", "a new long phrase"), ("locale", "fr")])
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(phone.viewer().await["email"], "amina@coop.ma", "this session stays signed in");
    assert_eq!(laptop.viewer().await, serde_json::Value::Null, "the other session ended");
    assert_eq!(sessions_of(&app, "amina@coop.ma").await, 1, "one row left: this session's new one");
    app.stop().await;
}

#[tokio::test]
async fn suspending_an_account_ends_all_of_its_sessions() {
    let app = TestApp::spawn().await;
    let amina = app.signed_in("producer", "amina@coop.ma").await;
    let id = server::auth::account_commands::account_id(&app.db, "amina@coop.ma").await.expect("account");
    assert_eq!(sessions_of(&app, "amina@coop.ma").await, 1);
    server::auth::account_commands::suspend_account(&app.db, id).await.expect("suspend");
    assert_eq!(sessions_of(&app, "amina@coop.ma").await, 0, "the session rows are gone");
    assert_eq!(amina.viewer().await, serde_json::Value::Null);
    assert_eq!(
        app.visitor().sign_in("amina@coop.ma", PASSWORD).await.status,
        422,
        "a suspended account cannot sign in"
    );
    app.stop().await;
}

/// A signed-in person's requests do not rewrite their session row each time;
/// the row is rewritten when its idle expiry falls behind.
#[tokio::test]
async fn a_session_row_is_written_only_when_it_changes_or_falls_behind() {
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::spawn().await;
    let amina = app.signed_in("producer", "rows@coop.ma").await;
    let row = || async { sessions::Entity::find().all(&app.db).await.expect("sessions").remove(0) };
    let before = row().await;
    for _ in 0..3 {
        assert_eq!(amina.get("/api/viewer").await.status, 200);
    }
    assert_eq!(row().await.expires_at, before.expires_at, "three requests, no write");
    // An expiry an hour old is refreshed by the next request.
    let mut stale: sessions::ActiveModel = before.clone().into();
    stale.expires_at = Set(before.expires_at - chrono::Duration::hours(1));
    stale.update(&app.db).await.expect("age the row");
    assert_eq!(amina.get("/fr/dashboard").await.status, 200, "still signed in");
    assert_eq!(amina.get("/api/viewer").await.status, 200);
    assert!(row().await.expires_at > before.expires_at - chrono::Duration::minutes(10), "the idle expiry moved on");
    app.stop().await;
}

/// Sign-ups are limited per client address: ten an hour, then a pause.
#[tokio::test]
async fn sign_ups_from_one_address_are_limited() {
    let app = TestApp::spawn().await;
    for n in 0..10 {
        let answer = app.visitor().sign_up(&format!("buyer{n}@importer.example"), PASSWORD, "buyer").await;
        assert_eq!(answer.status, 200, "sign-up {n}: {}", answer.body);
    }
    let eleventh = app.visitor().sign_up("buyer10@importer.example", PASSWORD, "buyer").await;
    assert_eq!(eleventh.status, 429, "{}", eleventh.body);
    app.stop().await;
}

/// Reset requests are limited per address (ten an hour) and reset mails per
/// account (three an hour), while every answer stays the same.
#[tokio::test]
async fn reset_requests_and_reset_mails_are_limited() {
    let app = TestApp::spawn().await;
    app.signed_in("producer", "amina@coop.ma").await;
    app.record_inserts("password_reset_requests", "email").await;
    let stranger = app.visitor();
    let mut statuses = Vec::new();
    for _ in 0..11 {
        let answer = stranger.post("/api/request_reset", &[("email", "amina@coop.ma"), ("locale", "fr")]).await;
        statuses.push(answer.status);
    }
    assert_eq!(statuses[..10], [200; 10], "ten requests an hour from one address");
    assert_eq!(statuses[10], 429, "the eleventh waits");
    assert_eq!(app.recorded_inserts("password_reset_requests").await.len(), 10, "the refused one wrote nothing");
    // All ten handled by the reset links job: three mails, seven limited away.
    app.settle_reset_requests().await;
    assert_eq!(reset_mails_queued(&app, "amina@coop.ma").await, 3, "at most three reset mails an hour for one account");
    let sent = mails(&app, 3).await;
    assert_eq!(sent.len(), 3, "and three sent");
    assert!(sent.iter().all(|mail| mail.contains("To: amina@coop.ma")));
    app.stop().await;
}

/// A role a person may not give themselves is refused by the accounts
/// service itself, whatever the form said.
#[tokio::test]
async fn nobody_signs_themselves_up_as_organiser_or_admin() {
    let app = TestApp::spawn().await;
    for role in ["organiser", "admin", "superuser"] {
        let answer = app.visitor().sign_up(&format!("{role}@example.ma"), PASSWORD, role).await;
        assert_eq!(answer.status, 422, "{role}: {}", answer.body);
        assert_eq!(answer.json()["Invalid"]["field"], "role", "{role}");
    }
    app.stop().await;
}

/// The idle and absolute timeouts, on the session store with a clock the test
/// moves: a session unused for 12 hours ends, and one used all along ends 7
/// days after sign-in all the same (and the sweeper deletes both).
#[tokio::test]
async fn sessions_end_after_twelve_idle_hours_or_seven_days() {
    use std::sync::{Arc, Mutex};

    use server::auth::DbSessionStore;
    use tower_sessions::SessionStore;
    use tower_sessions::session::{Id, Record};

    let app = TestApp::spawn().await;
    let start = chrono::Utc::now();
    let now = Arc::new(Mutex::new(start));
    let clock_now = now.clone();
    let store = DbSessionStore::with_clock(
        app.db.connection().clone(),
        chrono::Duration::days(server::auth::ABSOLUTE_TIMEOUT_DAYS),
        Arc::new(move || *clock_now.lock().expect("clock")),
    );
    let at = |t: chrono::DateTime<chrono::Utc>| time::OffsetDateTime::from_unix_timestamp(t.timestamp()).expect("time");
    let idle = chrono::Duration::hours(server::auth::IDLE_TIMEOUT_HOURS);
    let set_clock = |t| *now.lock().expect("clock") = t;

    // Idle: the expiry written at the last use passes.
    let mut idle_record = Record { id: Id::default(), data: Default::default(), expiry_date: at(start + idle) };
    store.create(&mut idle_record).await.expect("create");
    set_clock(start + idle - chrono::Duration::minutes(1));
    assert!(store.load(&idle_record.id).await.expect("load").is_some(), "used within 12 hours: alive");
    set_clock(start + idle + chrono::Duration::minutes(1));
    assert!(store.load(&idle_record.id).await.expect("load").is_none(), "12 idle hours: ended");

    // Absolute: used every few hours for a week, it still ends 7 days after it began.
    set_clock(start);
    let mut busy = Record { id: Id::default(), data: Default::default(), expiry_date: at(start + idle) };
    store.create(&mut busy).await.expect("create");
    let mut t = start;
    while t < start + chrono::Duration::days(7) - chrono::Duration::hours(6) {
        t += chrono::Duration::hours(6);
        set_clock(t);
        let mut record = store.load(&busy.id).await.expect("load").expect("alive while in use");
        record.expiry_date = at(t + idle);
        store.save(&record).await.expect("save");
    }
    set_clock(start + chrono::Duration::days(7) + chrono::Duration::minutes(1));
    assert!(store.load(&busy.id).await.expect("load").is_none(), "7 days after sign-in: ended despite use");
    assert_eq!(store.delete_expired().await.expect("sweep"), 2, "the sweeper deletes both rows");
    app.stop().await;
}

/// A session without HTTP: records what the accounts service does to it.
struct FakeSession {
    signed_in: std::sync::Mutex<Option<i64>>,
    ended: std::sync::atomic::AtomicBool,
}

#[async_trait::async_trait]
impl app::ports::SessionHandle for FakeSession {
    fn viewer(&self) -> Option<app::domain::Viewer> {
        None
    }
    fn client(&self) -> String {
        "192.0.2.7".to_owned()
    }
    async fn begin(&self, user_id: i64) -> Result<app::domain::Viewer, app::domain::AppError> {
        *self.signed_in.lock().expect("lock") = Some(user_id);
        Ok(app::domain::Viewer {
            user_id,
            email: String::new(),
            display_name: String::new(),
            role: app::domain::Role::Buyer,
            office: None,
            seat: None,
        })
    }
    async fn end(&self) -> Result<(), app::domain::AppError> {
        self.ended.store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }
    async fn keep(&self, _key: &str, _value: String) -> Result<(), app::domain::AppError> {
        Ok(())
    }
    async fn take(&self, _key: &str) -> Result<Option<String>, app::domain::AppError> {
        Ok(None)
    }
}

#[tokio::test]
async fn the_accounts_service_runs_without_http() {
    use app::ports::{Accounts, SignUp};
    let app = TestApp::spawn().await;
    let service = server::services::AccountsService::new(
        app.db.clone(),
        std::sync::Arc::new(server::auth::rate_limit::Limits::new(app.db.clone())),
        app.settings.public_url.clone(),
    );
    let session = FakeSession { signed_in: std::sync::Mutex::new(None), ended: false.into() };
    let form = |role| SignUp {
        email: "direct@example.com".to_owned(),
        password: PASSWORD.to_owned(),
        display_name: "Direct".to_owned(),
        role,
        locale: app::domain::Locale::En,
    };
    let refused = service.sign_up(&session, form(app::domain::Role::Admin)).await;
    assert!(matches!(refused, Err(app::domain::AppError::Invalid { .. })), "{refused:?}");
    let created = service.sign_up(&session, form(app::domain::Role::Buyer)).await.expect("signed up");
    let app::ports::SignedUp::Created { user_id } = created else { panic!("a new account: {created:?}") };
    assert_eq!(*session.signed_in.lock().expect("lock"), None, "nobody is signed in by a sign-up");
    let again = service.sign_up(&session, form(app::domain::Role::Buyer)).await.expect("the same answer");
    assert_eq!(again, app::ports::SignedUp::Known, "the second is the known address");
    let wrong = service.sign_in(&session, "direct@example.com", "not the password at all").await;
    assert!(wrong.is_err() && session.signed_in.lock().expect("lock").is_none(), "no session for a wrong password");
    service.sign_in(&session, "DIRECT@example.com", PASSWORD).await.expect("signed in");
    assert_eq!(*session.signed_in.lock().expect("lock"), Some(user_id));
    service.sign_out(&session).await.expect("signed out");
    assert!(session.ended.load(std::sync::atomic::Ordering::SeqCst));
    app.stop().await;
}

/// Sign-up no longer says which addresses have accounts: a
/// known address and a new one get the same status, body and headers (the
/// session cookie's value aside; a password is hashed either way); the new address
/// gets its confirmation link, the known one's owner a mail saying someone
/// tried, with links to sign in and to reset. The same holds for the
/// inquiry form's inline sign-up, whose inquiry is not lost: for the known
/// address it is sent when its owner signs in on that browser.
#[tokio::test]
async fn sign_up_answers_the_same_for_known_and_new_addresses() {
    use server::entities::mail_outbox;
    let app = TestApp::spawn().await;
    app.signed_in("buyer", "known@importer.example").await;
    // Header names and values, the session cookie's value masked.
    let shape = |answer: &tests::visitor::Answer| {
        let mut headers: Vec<(String, String)> = answer
            .headers
            .iter()
            // The date, the length and the request's own id differ anyway.
            .filter(|(name, _)| !["date", "content-length", "x-request-id"].contains(&name.as_str()))
            .map(|(name, value)| {
                let value = value.to_str().unwrap_or_default();
                let value = match value.split_once(';') {
                    Some((pair, rest)) if name == "set-cookie" => {
                        format!("{}=…;{rest}", pair.split('=').next().unwrap_or_default())
                    }
                    _ => value.to_owned(),
                };
                (name.to_string(), value)
            })
            .collect();
        headers.sort();
        (answer.status, answer.body.clone(), headers)
    };
    let sign_up = |email: &'static str| {
        let visitor = app.visitor();
        async move { visitor.sign_up(email, PASSWORD, "buyer").await }
    };
    let known = sign_up("Known@Importer.example").await;
    let new = sign_up("new@importer.example").await;
    assert_eq!(known.status, 200, "{}", known.body);
    assert_eq!(shape(&known), shape(&new), "the same answer for both");
    assert!(!known.header("set-cookie").is_empty(), "both keep a note in a session");
    // Two more attempts on the known address: its owner gets three mails a day.
    for _ in 0..2 {
        assert_eq!(shape(&sign_up("known@importer.example").await), shape(&new));
    }

    let mails = |to: &'static str| {
        let db = app.db.clone();
        async move {
            mail_outbox::Entity::find().filter(mail_outbox::Column::ToAddress.eq(to)).all(&db).await.expect("mails")
        }
    };
    let to_known = mails("known@importer.example").await;
    assert_eq!(to_known.len(), 1 + 3, "its confirmation, then at most three attempt mails a day");
    let attempt = to_known.iter().find(|mail| mail.body.contains("/fr/account/forgot")).expect("the attempt mail");
    assert!(attempt.body.contains("/fr/account/sign-in"), "{}", attempt.body);
    assert!(!attempt.body.contains("Test person"), "no text typed by the visitor: {}", attempt.body);
    let to_new = mails("new@importer.example").await;
    assert_eq!(to_new.len(), 1);
    assert!(to_new[0].body.contains("/fr/account/confirm?token="), "{}", to_new[0].body);
    assert!(!to_new[0].body.contains("Test person"), "no text typed by the visitor: {}", to_new[0].body);

    // The inquiry form: the same answer again, and the inquiry typed with
    // the known address goes out when its owner signs in on this browser.
    let (producer, listing) = super::inquiries::producer_with_listing(&app, "coop@tifawin.ma").await;
    let inline = |email: &'static str| {
        let visitor = app.visitor();
        async move {
            let account = [
                ("account[mode]", "sign-up"),
                ("account[display_name]", "Visit www.spam.example"),
                ("account[email]", email),
                ("account[password]", PASSWORD),
            ];
            let answer = super::inquiries::send(&visitor, listing, "500 L a month to Colón?", &account).await;
            (visitor, answer)
        }
    };
    let (owner, known) = inline("known@importer.example").await;
    let (_, new) = inline("other@importer.example").await;
    assert_eq!(known.header("location"), "/fr/account/sign-up?sent=1&inquiry=1");
    assert_eq!(shape(&known), shape(&new), "the same answer for both");
    assert_eq!(producer.get("/api/inbox?page=1&locale=fr").await.json()["total"], 0, "nothing delivered yet");
    let signed_in = owner.sign_in("known@importer.example", PASSWORD).await;
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    assert!(signed_in.header("location").contains("/fr/inquiries/"), "{}", signed_in.header("location"));
    let inbox = producer.get("/api/inbox?page=1&locale=fr").await.json();
    assert_eq!(inbox["total"], 1, "the owner's inquiry is delivered: {inbox}");
    let other = mails("other@importer.example").await;
    assert!(other.iter().all(|mail| !mail.body.contains("spam.example")), "no typed name in any mail");
    app.stop().await;
}
