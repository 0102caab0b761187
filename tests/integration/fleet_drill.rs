//! The fleet drill (issue 26): a fleet's real parts on loopback, started and
//! stopped by the test. Three `server` processes (the built binary, each
//! with its own data directory and embedded search index) on one
//! PostgreSQL, behind HAProxy checking `/readyz`, mailing over SMTP to
//! aiosmtpd; the servers believe the balancer's `X-Forwarded-For`. On that
//! one fleet, in order:
//!
//! 1. started at the same moment on an empty database, all three come up
//!    and each migration is applied once, by one of them;
//! 2. 180 password resets and 20 inquiries through the balancer give
//!    exactly 200 mails over SMTP (one per reset, one per inquiry for its
//!    producer), none twice, none more a few seconds later;
//! 3. a listing published through one process is found by the search of
//!    every process within 2 s; hidden through another, it leaves every
//!    process's search, listing page and producer page within 1 s;
//! 4. wrong passwords for one account from one address, spread over the
//!    processes, meet one budget: the sixth attempt is refused (429) by
//!    whichever process answers, as it is with one process;
//! 5. one process restarted (SIGTERM: `/readyz` 503 while it drains, then
//!    exit; started again on its port and directory) while wrk loads the
//!    balancer: not one request fails.
//!
//! With a Meilisearch server (`TRADEMA_TEST_MEILI_URL`), a second drill
//! runs the fleet on one shared Meilisearch index instead: parts 1 and 3,
//! then the process feeding the index (the holder of the feeder's lease) is
//! stopped and a listing published after it is still found everywhere,
//! once another process took the feeding over.
//!
//! It needs the built `server` binary (`./tradema test` builds it first;
//! see `tests::server_process`), PostgreSQL, HAProxy, aiosmtpd and wrk (all
//! from Debian, installed by `./tradema test`). The figures are printed:
//! `cargo test -p tests --test integration fleet_drill -- --nocapture`.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use app::domain::{Locale, Role};
use futures::StreamExt as _;
use migrations::MigratorTrait as _;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Statement};
use server::entities::{mail_outbox, producers, users};
use tests::eventually;
use tests::haproxy::{Balancer, SERVED_BY};
use tests::postgres::PgCluster;
use tests::server_process::{ServerProcess, free_port};
use tests::smtp::{ReceivedMail, SmtpServer};
use tests::visitor::{Answer, PASSWORD};

/// The link-signing key every server of the fleet shares.
const SIGNING_KEY: &str = "the fleet drill's signing key, the same on every server";
/// Accounts whose passwords are reset, one mail each.
const RESETS: usize = 180;
/// Confirmed buyers, each sending `INQUIRIES_PER_BUYER` inquiries (the
/// hourly limit of one account): one mail each, to the producer.
const BUYERS: usize = 2;
const INQUIRIES_PER_BUYER: usize = 10;
/// The mails the drill causes.
const MAILS: usize = RESETS + BUYERS * INQUIRIES_PER_BUYER;
/// Failed sign-ins for one account from one address before the next is
/// refused (`auth::rate_limit::Limits::login_pair`: 5 per 15 minutes).
const GUESS_BUDGET: usize = 5;
/// The title of the listing published and hidden, and a word of it no
/// other listing has.
const TITLE: &str = "Savon noir Vrikolax de Taroudant";
const WORD: &str = "vrikolax";
/// What the search page says when it answers from the database instead
/// of the search index (English).
const DEGRADED: &str = "results may be incomplete";

/// The fleet's parts. Fields drop in this order: the balancer, the
/// servers, the SMTP server, the test's connection, then PostgreSQL.
struct Fleet {
    balancer: Balancer,
    servers: Vec<ServerProcess>,
    smtp: SmtpServer,
    db: DatabaseConnection,
    _cluster: PgCluster,
}

impl Fleet {
    /// PostgreSQL with an empty database, the SMTP server, three servers
    /// started at the same moment (returns how long until all were ready),
    /// then HAProxy in front of them, once it reaches all three.
    async fn start() -> (Fleet, Duration) {
        Fleet::start_with(&[]).await
    }

    /// `start`, the servers also given `extra` settings.
    async fn start_with(extra: &[(&str, &str)]) -> (Fleet, Duration) {
        let cluster = PgCluster::start();
        let database_url = cluster.create_database("fleet_drill");
        let smtp = SmtpServer::start().await;
        let balancer_port = free_port();
        // Every link mailed leads to the site's one address: the balancer's.
        let public_url = format!("http://127.0.0.1:{balancer_port}");
        let smtp_url = smtp.url();
        let mut settings = vec![
            ("TRADEMA_DATABASE_URL", database_url.as_str()),
            ("TRADEMA_SIGNING_KEY", SIGNING_KEY),
            ("TRADEMA_PUBLIC_URL", public_url.as_str()),
            ("TRADEMA_SMTP_URL", smtp_url.as_str()),
            ("TRADEMA_TRUSTED_PROXIES", "127.0.0.1/32"),
            ("TRADEMA_DRAIN_SECONDS", "2"),
        ];
        settings.extend_from_slice(extra);
        let mut servers: Vec<ServerProcess> =
            (1..=3).map(|n| ServerProcess::new(&format!("web-{n}"), &settings)).collect();
        let started = Instant::now();
        for server in &mut servers {
            server.start();
        }
        futures::future::join_all(servers.iter_mut().map(|server| server.wait_ready(Duration::from_secs(90)))).await;
        let ready_in = started.elapsed();
        let balancer = {
            let backends: Vec<(&str, u16)> =
                servers.iter().map(|server| (server.instance.as_str(), server.port)).collect();
            let balancer = Balancer::start(balancer_port, &backends).await;
            let names: Vec<&str> = backends.iter().map(|(name, _)| *name).collect();
            balancer.wait_until_serving(&names, Duration::from_secs(15)).await;
            balancer
        };
        let db = sea_orm::Database::connect(database_url.as_str()).await.expect("the test connects to the database");
        (Fleet { balancer, servers, smtp, db, _cluster: cluster }, ready_in)
    }
}

/// One person's browser as the servers see it: a cookie jar, the
/// `Sec-Fetch-Site` of the site's own forms, and the client address a
/// proxy in front reports (`X-Forwarded-For`, believed from 127.0.0.1;
/// through HAProxy it is the hop before the balancer's own).
struct Person {
    client: reqwest::Client,
    address: String,
}

impl Person {
    /// A person with cookies, at `address`.
    fn at(address: &str) -> Person {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("http client");
        Person { client, address: address.to_owned() }
    }

    async fn post(&self, url: &str, fields: &[(&str, &str)]) -> Answer {
        let response = self
            .client
            .post(url)
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-for", self.address.as_str())
            .form(fields)
            .send()
            .await
            .unwrap_or_else(|error| panic!("POST {url}: {error}"));
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        Answer { status, headers, body: response.text().await.expect("a text body") }
    }

    /// Signs in through `base` (a server's or the balancer's address).
    async fn sign_in(&self, base: &str, email: &str, password: &str) -> Answer {
        self.post(&format!("{base}/api/sign_in"), &[("email", email), ("password", password), ("locale", "fr")]).await
    }
}

/// A client without cookies: an anonymous reader.
fn anonymous() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("http client")
}

/// GETs `url` anonymously: the status and the body.
async fn read(client: &reqwest::Client, url: &str) -> (u16, String) {
    let response = client.get(url).send().await.unwrap_or_else(|error| panic!("GET {url}: {error}"));
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// How many answers each server gave, as `web-1: 60, web-2: 60, …`.
fn spread(served_by: &[String]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in served_by {
        *counts.entry(name.as_str()).or_default() += 1;
    }
    counts.iter().map(|(name, count)| format!("{name}: {count}")).collect::<Vec<_>>().join(", ")
}

/// Part 1: each migration recorded once, and applied by one process only
/// (each process logs the migrations it applies; the others, having
/// waited for the lock, find none pending).
async fn each_migration_ran_once(fleet: &Fleet) {
    let known = migrations::Migrator::migrations().len();
    let applied = migrations::Migrator::get_applied_migrations(&fleet.db).await.expect("applied migrations");
    assert_eq!(applied.len(), known, "every migration is applied");
    let sql = "SELECT COUNT(*), COUNT(DISTINCT version) FROM seaql_migrations";
    let row = fleet
        .db
        .query_one_raw(Statement::from_string(fleet.db.get_database_backend(), sql.to_owned()))
        .await
        .expect("seaql_migrations")
        .expect("a count");
    let rows: i64 = row.try_get_by_index(0).expect("rows");
    let versions: i64 = row.try_get_by_index(1).expect("versions");
    assert_eq!((rows, versions), (known as i64, known as i64), "each migration recorded once");

    let mut appliers: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for server in &fleet.servers {
        for line in server.log().lines() {
            if let Some((_, rest)) = line.split_once("Migration '")
                && let Some((name, _)) = rest.split_once("' has been applied")
            {
                appliers.entry(name.to_owned()).or_default().push(server.instance.as_str());
            }
        }
    }
    let applied: BTreeSet<&str> = applied.iter().map(|migration| migration.name()).collect();
    let logged: BTreeSet<&str> = appliers.keys().map(String::as_str).collect();
    assert_eq!(logged, applied, "each migration is logged as applied by a process");
    let twice: Vec<_> = appliers.iter().filter(|(_, by)| by.len() > 1).collect();
    assert!(twice.is_empty(), "migrations applied by more than one process: {twice:?}");
    let by: BTreeSet<&str> = appliers.values().flatten().copied().collect();
    println!("drill: the {known} migrations were applied once, by {by:?}; the other processes found none pending");
}

/// Accounts without a password (as the fixtures write them) whose owners
/// ask for a reset; their addresses.
async fn reset_accounts(db: &DatabaseConnection) -> Vec<String> {
    let now = chrono::Utc::now();
    let mut emails = Vec::with_capacity(RESETS);
    for n in 0..RESETS {
        let email = format!("reset-{n}@importer.example");
        let account = server::repo::user::NewAccount {
            email: email.clone(),
            password_hash: "!".to_owned(),
            display_name: format!("Importer {n}"),
            role: Role::Buyer,
            locale: Locale::Fr,
        };
        server::repo::user::insert(db, account, now).await.expect("an account to reset");
        emails.push(email);
    }
    emails
}

/// Buyers with a password and a confirmed address; their addresses.
async fn confirmed_buyers(db: &DatabaseConnection) -> Vec<String> {
    let handle = server::db::Db::standalone(db.clone());
    let emails: Vec<String> = (0..BUYERS).map(|n| format!("buyer-{n}@importer.example")).collect();
    for email in &emails {
        server::auth::account_commands::create_account(&handle, email, "Drill buyer", Role::Buyer, PASSWORD)
            .await
            .expect("a buyer");
    }
    users::Entity::update_many()
        .col_expr(users::Column::EmailVerifiedAt, Expr::value(chrono::Utc::now()))
        .filter(users::Column::Email.is_in(emails.iter().map(String::as_str)))
        .exec(db)
        .await
        .expect("the buyers' addresses confirmed");
    emails
}

/// The address a mail was delivered to (its `RCPT TO`).
fn recipient(mail: &ReceivedMail) -> &str {
    match mail.envelope_to.as_slice() {
        [one] => one.as_str(),
        other => panic!("a mail for exactly one recipient, not {other:?}: {mail:?}"),
    }
}

/// Part 2: 180 resets and 20 inquiries through the balancer, 200 mails.
async fn two_hundred_mails(fleet: &Fleet, listing: i64, buyers: &[String]) {
    let accounts = reset_accounts(&fleet.db).await;
    let asked = Instant::now();
    // Each from its own address: resets are limited per address.
    let reset_url = fleet.balancer.url("/api/request_reset");
    let shared = anonymous();
    let answers: Vec<(String, u16, String)> = futures::stream::iter(accounts.iter().enumerate())
        .map(|(n, email)| {
            let person = Person { client: shared.clone(), address: format!("198.18.{}.{}", n / 200, n % 200 + 1) };
            let url = reset_url.as_str();
            async move {
                let answer = person.post(url, &[("email", email.as_str()), ("locale", "fr")]).await;
                (email.clone(), answer.status, answer.header(SERVED_BY))
            }
        })
        .buffer_unordered(16)
        .collect()
        .await;
    let refused: Vec<_> = answers.iter().filter(|(_, status, _)| *status != 200).collect();
    assert!(refused.is_empty(), "every reset request is taken: {refused:?}");
    let served_by: Vec<String> = answers.into_iter().map(|(_, _, server)| server).collect();
    println!("drill: {RESETS} reset requests through the balancer, answered by {}", spread(&served_by));

    let listing_id = listing.to_string();
    let inquiries = buyers.iter().enumerate().map(|(b, email)| {
        let (fleet, listing) = (fleet, listing_id.as_str());
        async move {
            let buyer = Person::at(&format!("203.0.113.{}", b + 10));
            let signed_in = buyer.sign_in(&fleet.balancer.address(), email, PASSWORD).await;
            assert_eq!(signed_in.status, 200, "{email} signs in through the balancer: {}", signed_in.body);
            let mut served_by = Vec::new();
            for n in 0..INQUIRIES_PER_BUYER {
                let message = format!("Drill inquiry {n} of buyer {b}: 500 L a month to Colón?");
                let fields = [
                    ("listing", listing),
                    ("locale", "fr"),
                    ("form[product]", "Huile d'argan cosmétique"),
                    ("form[quantity_amount]", "500"),
                    ("form[quantity_unit]", "litre"),
                    ("form[incoterm]", "FOB"),
                    ("form[destination_country]", "PA"),
                    ("form[message]", message.as_str()),
                ];
                let sent = buyer.post(&fleet.balancer.url("/api/send_inquiry"), &fields).await;
                assert_eq!(sent.status, 200, "inquiry {n} of {email}: {}", sent.body);
                served_by.push(sent.header(SERVED_BY));
            }
            served_by
        }
    });
    let served_by: Vec<String> = futures::future::join_all(inquiries).await.into_iter().flatten().collect();
    println!("drill: {} inquiries through the balancer, answered by {}", served_by.len(), spread(&served_by));

    fleet.smtp.wait_for(MAILS, Duration::from_secs(60)).await;
    println!("drill: {MAILS} mails received over SMTP {} ms after the first request", asked.elapsed().as_millis());
    // Nothing more comes: no mail is sent twice by two processes.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mails = fleet.smtp.received();
    assert_eq!(mails.len(), MAILS, "exactly {MAILS} mails, none more 3 s later");
    let keys: BTreeSet<(&str, &str)> = mails
        .iter()
        .map(|mail| (recipient(mail), mail.first_link().unwrap_or_else(|| panic!("a mail without a link: {mail:?}"))))
        .collect();
    assert_eq!(keys.len(), MAILS, "no mail twice: each has its own recipient and link");
    let site = fleet.balancer.address();
    assert!(keys.iter().all(|(_, link)| link.starts_with(&site)), "every link leads to the site's address, {site}");

    let resets: Vec<&ReceivedMail> = mails.iter().filter(|mail| mail.body.contains("/account/reset?token=")).collect();
    let reset_to: BTreeSet<&str> = resets.iter().map(|mail| recipient(mail)).collect();
    assert_eq!(resets.len(), RESETS, "one reset mail per request");
    assert_eq!(reset_to, accounts.iter().map(String::as_str).collect::<BTreeSet<_>>(), "to each account that asked");
    let notices: Vec<&ReceivedMail> = mails.iter().filter(|mail| mail.body.contains("/inquiries/")).collect();
    assert_eq!(notices.len(), BUYERS * INQUIRIES_PER_BUYER, "one notice per inquiry");
    assert!(notices.iter().all(|mail| recipient(mail) == "coop@example.ma"), "each to the listing's producer");

    let outbox = mail_outbox::Entity::find().all(&fleet.db).await.expect("the outbox");
    assert_eq!(outbox.len(), MAILS, "{MAILS} mails queued");
    assert!(outbox.iter().all(|mail| mail.status == "sent"), "and each marked sent");
}

/// How soon a published listing is found by every process's search, and a
/// hidden one has left every process's search and pages. The same for one
/// shared Meilisearch index: Meilisearch applies each change as an
/// asynchronous task (0.5 to 1.3 s per task on the 2-core test machine), so
/// its feeder tells the fleet as soon as the documents are in, before it
/// records its position (found in 1.1 to 1.5 s there).
const FOUND_WITHIN: Duration = Duration::from_secs(2);
const GONE_WITHIN: Duration = Duration::from_secs(1);

/// A producer account made in the database, signed in through `server`
/// from `address`, with its profile and a draft listing titled `title`
/// saved there: the person, the listing's id and the producer's slug.
async fn a_producer_with_a_draft(
    fleet: &Fleet,
    server: &ServerProcess,
    email: &str,
    address: &str,
    title: &str,
) -> (Person, i64, String) {
    let handle = server::db::Db::standalone(fleet.db.clone());
    let owner =
        server::auth::account_commands::create_account(&handle, email, "Drill producer", Role::Producer, PASSWORD)
            .await
            .expect("a producer");
    let producer = Person::at(address);
    let signed_in = producer.sign_in(&server.address(), email, PASSWORD).await;
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    // Named after the account, not the listing: the drill looks for the
    // title on the producer's page.
    let company = format!("Coopérative {}", email.split('@').next().unwrap_or(email));
    let profile = [
        ("form[legal_name]", company.as_str()),
        ("form[legal_form]", "cooperative"),
        ("form[region]", "souss-massa"),
        ("form[city]", "Taroudant"),
        ("form[sectors][cosmetics-argan]", "on"),
        ("locale", "fr"),
    ];
    let saved = producer.post(&server.url("/api/save_profile"), &profile).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let listing = [
        ("form[title][fr]", title),
        ("form[description][fr]", "Savon noir à l'huile d'argan, fait à la main à Taroudant."),
        ("form[sector]", "cosmetics-argan"),
        ("form[price_mode]", "on_request"),
        ("locale", "fr"),
    ];
    let created = producer.post(&server.url("/api/save_listing"), &listing).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let location = created.header("location");
    let id: i64 = location
        .split("/dashboard/listings/")
        .nth(1)
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no listing id in `{location}`"));
    let slug = producers::Entity::find()
        .filter(producers::Column::OwnerUserId.eq(owner))
        .one(&fleet.db)
        .await
        .expect("query")
        .expect("the producer saved")
        .slug;
    (producer, id, slug)
}

/// Part 3: a listing published through web-1 is found by every process's
/// search within `FOUND_WITHIN`; hidden through web-3, it leaves every
/// process's pages within `GONE_WITHIN`.
async fn search_converges_and_hiding_is_prompt(fleet: &Fleet) {
    let (first, last) = (&fleet.servers[0], &fleet.servers[2]);
    let (producer, id, slug) =
        a_producer_with_a_draft(fleet, first, "drill-producer@taroudant.example", "198.51.100.20", TITLE).await;
    let search = format!("/en/search?q={WORD}");
    let listing_page = format!("/en/listings/{id}");
    let producer_page = format!("/en/producers/{slug}");

    // Convergence is measured from built indexes: each process's own when
    // embedded, the shared one (built once, by the feeder) with Meilisearch.
    let reader = anonymous();
    let building = Instant::now();
    for server in &fleet.servers {
        let what = format!("{} reports its search index built (/readyz search ok)", server.instance);
        eventually(Duration::from_secs(60), &what, || async {
            let (status, body) = read(&reader, &server.url("/readyz")).await;
            let ready: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
            (status == 200 && ready["search"]["state"] == "ok").then_some(())
        })
        .await;
    }
    println!("drill: every process's search reports ok {} ms after the check began", building.elapsed().as_millis());

    // Every process has read the pages before: whatever it keeps must follow.
    for server in &fleet.servers {
        let (status, page) = read(&reader, &server.url(&search)).await;
        assert!(status == 200 && !page.contains(TITLE), "{}: a draft is not found ({status})", server.instance);
        assert_eq!(read(&reader, &server.url(&listing_page)).await.0, 404, "{}: a draft has no page", server.instance);
    }

    let id_text = id.to_string();
    let change_status = first.url("/api/change_listing_status");
    let published = producer.post(&change_status, &[("id", id_text.as_str()), ("change", "publish")]).await;
    assert_eq!(published.status, 200, "{}", published.body);
    let at = Instant::now();
    let found = fleet.servers.iter().map(|server| {
        let (reader, url) = (&reader, server.url(&search));
        async move {
            let what = format!("{} finds the listing published through {}", server.instance, first.instance);
            let took = eventually(Duration::from_secs(10), &what, || async {
                let (status, page) = read(reader, &url).await;
                (status == 200 && page.contains(TITLE) && !page.contains(DEGRADED)).then(|| at.elapsed())
            })
            .await;
            (server.instance.as_str(), took)
        }
    });
    let found = futures::future::join_all(found).await;
    for (instance, took) in &found {
        println!(
            "drill: published on {}, found by the search on {instance} in {} ms",
            first.instance,
            took.as_millis()
        );
    }
    let late: Vec<_> = found.iter().filter(|(_, took)| *took > FOUND_WITHIN).collect();
    assert!(late.is_empty(), "search converges within {:?} everywhere: {late:?}", FOUND_WITHIN);
    for server in &fleet.servers {
        let what = format!("{} shows the listing's page, and the producer's page lists it", server.instance);
        eventually(Duration::from_secs(2), &what, || async {
            let (listing_status, _) = read(&reader, &server.url(&listing_page)).await;
            let (producer_status, company) = read(&reader, &server.url(&producer_page)).await;
            (listing_status == 200 && producer_status == 200 && company.contains(TITLE)).then_some(())
        })
        .await;
    }

    let change_status = last.url("/api/change_listing_status");
    let hidden = producer.post(&change_status, &[("id", id_text.as_str()), ("change", "unpublish")]).await;
    assert_eq!(
        hidden.status, 200,
        "the session begun on {} works on {}: {}",
        first.instance, last.instance, hidden.body
    );
    let at = Instant::now();
    let gone = fleet.servers.iter().map(|server| {
        let reader = &reader;
        let (search_url, listing_url, producer_url) =
            (server.url(&search), server.url(&listing_page), server.url(&producer_page));
        async move {
            let what = format!("the listing hidden through {} leaves the pages of {}", last.instance, server.instance);
            let took = eventually(Duration::from_secs(10), &what, || async {
                let (search_status, results) = read(reader, &search_url).await;
                let (listing_status, _) = read(reader, &listing_url).await;
                let (_, company) = read(reader, &producer_url).await;
                let left = search_status == 200
                    && !results.contains(TITLE)
                    && matches!(listing_status, 404 | 410)
                    && !company.contains(TITLE);
                left.then(|| at.elapsed())
            })
            .await;
            (server.instance.as_str(), took)
        }
    });
    let gone = futures::future::join_all(gone).await;
    for (instance, took) in &gone {
        println!("drill: hidden on {}, gone from the pages of {instance} in {} ms", last.instance, took.as_millis());
    }
    let late: Vec<_> = gone.iter().filter(|(_, took)| *took > GONE_WITHIN).collect();
    assert!(late.is_empty(), "a hidden listing leaves every process's pages within {:?}: {late:?}", GONE_WITHIN);
}

/// Part 4: the guesses of one address at one account, round robin over the
/// processes, meet one budget.
async fn guesses_meet_one_budget(fleet: &Fleet, email: &str) {
    let guesser = Person::at("192.0.2.66");
    let count = fleet.servers.len();
    let mut guessed = Vec::new();
    for n in 0..GUESS_BUDGET {
        let server = &fleet.servers[n % count];
        let answer = guesser.sign_in(&server.address(), email, &format!("wrong guess number {n}")).await;
        assert_eq!(answer.status, 422, "guess {} on {}: a wrong password: {}", n + 1, server.instance, answer.body);
        guessed.push(server.instance.as_str());
    }
    let mut refused = Vec::new();
    for n in GUESS_BUDGET..GUESS_BUDGET + count {
        let server = &fleet.servers[n % count];
        let answer = guesser.sign_in(&server.address(), email, PASSWORD).await;
        assert_eq!(
            answer.status,
            429,
            "attempt {} on {} is over the budget of {GUESS_BUDGET} for the whole fleet, even with the right password: {}",
            n + 1,
            server.instance,
            answer.body
        );
        refused.push(server.instance.as_str());
    }
    let elsewhere = Person::at("192.0.2.67");
    let signed_in = elsewhere.sign_in(&fleet.servers[count - 1].address(), email, PASSWORD).await;
    assert_eq!(signed_in.status, 200, "the account itself is not locked: {}", signed_in.body);
    println!(
        "drill: {GUESS_BUDGET} wrong passwords answered 422 by {}; the next attempts refused 429 by {}",
        guessed.join(", "),
        refused.join(", ")
    );
}

/// What wrk reported: requests, failed statuses, socket errors.
fn wrk_figures(report: &str) -> (u64, u64, u64) {
    let lines = || report.lines().map(str::trim);
    let requests = lines()
        .find_map(|line| line.split_once(" requests in ").and_then(|(count, _)| count.trim().parse().ok()))
        .unwrap_or_else(|| panic!("no request count in wrk's report:\n{report}"));
    let failed = lines()
        .find_map(|line| line.strip_prefix("Non-2xx or 3xx responses:"))
        .map_or(0, |count| count.trim().parse().unwrap_or(u64::MAX));
    let socket_errors = lines().find_map(|line| line.strip_prefix("Socket errors:")).map_or(0, |counts| {
        counts
            .split(',')
            .map(|part| part.split_whitespace().next_back().and_then(|n| n.parse().ok()).unwrap_or(u64::MAX))
            .fold(0, u64::saturating_add)
    });
    (requests, failed, socket_errors)
}

/// Part 5: web-2 restarted while wrk loads the balancer; no request fails.
async fn a_restart_under_load_fails_no_request(fleet: &mut Fleet) {
    let installed = tokio::process::Command::new("wrk").arg("--version").output().await;
    assert!(installed.is_ok(), "wrk is missing: install it with `apt-get install wrk` (./tradema test does)");
    let url = fleet.balancer.url("/en");
    let load = tokio::process::Command::new("wrk")
        .args(["-t2", "-c16", "-d10s", "--timeout", "10s", "--latency", url.as_str()])
        .kill_on_drop(true)
        .output();
    let load = tokio::spawn(load);
    tokio::time::sleep(Duration::from_secs(2)).await;

    let server = &mut fleet.servers[1];
    let instance = server.instance.clone();
    server.sigterm();
    let signalled = Instant::now();
    let (probe, readyz) = (anonymous(), server.url("/readyz"));
    let draining =
        eventually(Duration::from_secs(2), &format!("{instance} answers 503 on /readyz as it drains"), || async {
            let status = probe.get(&readyz).send().await.map(|response| response.status().as_u16());
            (status.ok() == Some(503)).then(|| signalled.elapsed())
        })
        .await;
    let exit = server.wait_exit(Duration::from_secs(30)).await;
    let exited = signalled.elapsed();
    assert!(exit.success(), "{instance} stops cleanly on SIGTERM ({exit}):\n{}", server.log_tail(40));
    server.start();
    server.wait_ready(Duration::from_secs(60)).await;
    let back = signalled.elapsed();

    let output = load.await.expect("the wrk task").expect("wrk runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "wrk failed: {report}{}", String::from_utf8_lossy(&output.stderr));
    let (requests, failed, socket_errors) = wrk_figures(&report);
    let latency = report.lines().find(|line| line.trim_start().starts_with("99%")).unwrap_or_default().trim();
    println!(
        "drill: {instance} draining ({} ms after SIGTERM: /readyz 503), exited after {} ms, ready again after {} ms",
        draining.as_millis(),
        exited.as_millis(),
        back.as_millis()
    );
    println!(
        "drill: wrk through the balancer meanwhile: {requests} requests in 10 s, {failed} failed statuses, \
         {socket_errors} socket errors (latency {latency})"
    );
    assert!(requests > 0, "wrk sent requests:\n{report}");
    assert_eq!((failed, socket_errors), (0, 0), "no request fails while a process restarts:\n{report}");
    fleet.balancer.wait_until_serving(&[instance.as_str()], Duration::from_secs(10)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_fleet_of_three_servers_behind_haproxy_passes_the_drill() {
    let drill = Instant::now();
    let (mut fleet, ready_in) = Fleet::start().await;
    println!("drill: three servers started together on an empty database, all ready in {} ms", ready_in.as_millis());
    each_migration_ran_once(&fleet).await;

    let catalogue = tests::fixtures::catalogue(&fleet.db).await;
    let buyers = confirmed_buyers(&fleet.db).await;
    two_hundred_mails(&fleet, catalogue.argan_id, &buyers).await;
    search_converges_and_hiding_is_prompt(&fleet).await;
    guesses_meet_one_budget(&fleet, &buyers[0]).await;
    a_restart_under_load_fails_no_request(&mut fleet).await;

    assert_eq!(fleet.smtp.count(), MAILS, "still {MAILS} mails at the end: none sent again after the restart");
    println!("drill: done in {} s", drill.elapsed().as_secs());
}

/// The process holding the lease of the feeder of the shared index.
async fn feeder(db: &DatabaseConnection) -> Option<String> {
    let row = db
        .query_one_raw(Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT holder FROM job_leases WHERE job LIKE 'search feeder%' AND until > now()",
        ))
        .await
        .expect("read the feeder's lease")?;
    row.try_get::<String>("", "holder").ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs a Meilisearch server: TRADEMA_TEST_MEILI_URL (and TRADEMA_TEST_MEILI_KEY)"]
async fn a_fleet_on_one_meilisearch_index_converges_and_hands_the_feeding_over() {
    let url = std::env::var("TRADEMA_TEST_MEILI_URL").expect("TRADEMA_TEST_MEILI_URL names a Meilisearch server");
    let key = std::env::var("TRADEMA_TEST_MEILI_KEY").ok();
    let prefix = format!("drill_{}_", std::process::id());
    let mut extra = vec![
        ("TRADEMA_SEARCH_BACKEND", "meilisearch"),
        ("TRADEMA_MEILI_URL", url.as_str()),
        ("TRADEMA_MEILI_INDEX_PREFIX", prefix.as_str()),
    ];
    if let Some(key) = key.as_deref() {
        extra.push(("TRADEMA_MEILI_KEY", key));
    }
    let drill = Instant::now();
    let (mut fleet, ready_in) = Fleet::start_with(&extra).await;
    println!("meili drill: three servers on one Meilisearch index, all ready in {} ms", ready_in.as_millis());
    each_migration_ran_once(&fleet).await;
    search_converges_and_hiding_is_prompt(&fleet).await;

    let holder = eventually(Duration::from_secs(10), "one process feeds the shared index", || feeder(&fleet.db)).await;
    let stopped = fleet.servers.iter().position(|server| server.instance == holder).expect("the feeder is a server");
    fleet.servers[stopped].sigterm();
    let exit = fleet.servers[stopped].wait_exit(Duration::from_secs(30)).await;
    assert!(exit.success(), "{holder} stops cleanly");
    let handed = Instant::now();
    let next = eventually(Duration::from_secs(10), "another process takes the feeding over", || async {
        feeder(&fleet.db).await.filter(|next| *next != holder)
    })
    .await;
    println!("meili drill: {holder} stopped; {next} feeds the index {} ms later", handed.elapsed().as_millis());

    // A listing published now is found by the processes still running.
    let running: Vec<&ServerProcess> = fleet.servers.iter().filter(|server| server.instance != holder).collect();
    let title = "Huile Zorvandine de Taroudant";
    let (producer, id, _) =
        a_producer_with_a_draft(&fleet, running[0], "drill-second@taroudant.example", "198.51.100.21", title).await;
    let id = id.to_string();
    let published = producer
        .post(&running[0].url("/api/change_listing_status"), &[("id", id.as_str()), ("change", "publish")])
        .await;
    assert_eq!(published.status, 200, "{}", published.body);
    let start = Instant::now();
    let reader = anonymous();
    for server in &running {
        let found = server.url("/en/search?q=zorvandine");
        eventually(Duration::from_secs(5), "the listing published after the handover is found", || async {
            let (status, page) = read(&reader, &found).await;
            (status == 200 && page.contains(title) && !page.contains(DEGRADED)).then_some(())
        })
        .await;
        println!("meili drill: found on {} {} ms after publishing", server.instance, start.elapsed().as_millis());
    }
    println!("meili drill: done in {} s", drill.elapsed().as_secs());
}
