//! `server bench-inbox --threads N`: a producer with N
//! conversations from 40 buyers, its inbox page loaded over HTTP by a
//! signed-in browser-like client, and the time of each answer printed as
//! p50/p95/p99 beside the budget (50 ms). A benchmark, not a timed test:
//! `./tradema test` runs it at a small N only to prove it works.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use app::domain::{AccountStatus, InquiryStatus};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::bench::http::{free_port, start_server, stop_server};
use crate::config::Settings;
use crate::entities::{inquiries, listings, producers, users};

/// The benchmark producer's password (a throwaway database).
const PASSWORD: &str = "bench inbox password 2026";
/// Requests timed per page.
const SAMPLES: usize = 200;

/// Writes `threads` conversations for the first bench producer; returns its
/// sign-in address.
async fn seed(db: &crate::db::Db, threads: usize) -> anyhow::Result<String> {
    crate::bench::search::import(db, 200).await?;
    let producer = producers::Entity::find()
        .filter(producers::Column::Slug.eq("bench-producer-0"))
        .one(db)
        .await?
        .context("the first bench producer")?;
    let owner = users::Entity::find_by_id(producer.owner_user_id).one(db).await?.context("its account")?;
    let now = Utc::now();
    let mut account: users::ActiveModel = owner.clone().into();
    account.password_hash = Set(crate::auth::password::hash(PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?);
    account.email_verified_at = Set(Some(now));
    account.update(db).await?;
    let mut listing_ids: Vec<i64> = listings::Entity::find()
        .filter(listings::Column::ProducerId.eq(producer.id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.id)
        .collect();
    if listing_ids.is_empty() {
        listing_ids = listings::Entity::find().all(db).await?.into_iter().take(5).map(|row| row.id).collect();
    }
    let tx = crate::db::begin_write(db).await?;
    let mut buyers = Vec::new();
    for b in 0..40 {
        let buyer = users::ActiveModel {
            email: Set(format!("buyer-{b}@bench.trade.ma")),
            password_hash: Set("!".into()),
            display_name: Set(format!("Buyer {b}")),
            role: Set("buyer".into()),
            status: Set(AccountStatus::Active.slug().into()),
            locale: Set("en".into()),
            country: Set(Some(["PA", "BR", "CN", "IN", "NG", "AE", "US", "FR"][b % 8].into())),
            email_verified_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        buyers.push(buyer.id);
    }
    let statuses = [InquiryStatus::New, InquiryStatus::Answered, InquiryStatus::Quoted, InquiryStatus::Closed];
    for t in 0..threads {
        let at = now - chrono::Duration::minutes((t * 97) as i64);
        let buyer = buyers[t % buyers.len()];
        let row = inquiries::ActiveModel {
            producer_id: Set(producer.id),
            listing_id: Set(Some(listing_ids[t % listing_ids.len()])),
            buyer_user_id: Set(buyer),
            product: Set(format!("Bench product {t}")),
            quantity_amount: Set(Some(100 + t as i64)),
            quantity_unit: Set(Some("kg".into())),
            target_price_minor: Set(None),
            currency: Set(None),
            incoterm: Set(Some("FOB".into())),
            destination_country: Set("PA".into()),
            buyer_country: Set(Some("PA".into())),
            wanted_by: Set(None),
            status: Set(statuses[t % statuses.len()].slug().into()),
            delivered_at: Set(Some(at)),
            first_reply_at: Set(None),
            last_activity_at: Set(at),
            buyer_read_at: Set(Some(at)),
            producer_read_at: Set((t % 3 == 0).then_some(at)),
            message_digest: Set(format!("{t:064}")),
            showcase_id: Set(None),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        crate::repo::inquiry::add_message(&tx, row.id, buyer, "Hello, could you quote 500 kg FOB Agadir?", at).await?;
        crate::repo::inquiry::add_message(&tx, row.id, producer.owner_user_id, "Merci, voici notre offre.", at).await?;
    }
    crate::db::commit(tx).await?;
    Ok(owner.email)
}

/// One HTTP/1.1 exchange on loopback: (status, head, body).
async fn exchange(base: &str, request: String) -> anyhow::Result<(u16, String, usize)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await?;
    stream.write_all(request.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n").context("an HTTP answer")?;
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let status = head.split_whitespace().nth(1).and_then(|code| code.parse().ok()).context("a status code")?;
    Ok((status, head, answer.len() - split - 4))
}

/// Signs in through the sign-in form; the session cookie.
async fn sign_in(base: &str, email: &str) -> anyhow::Result<String> {
    let address = base.trim_start_matches("http://");
    let body = format!("email={}&password={}&locale=fr", email.replace('@', "%40"), PASSWORD.replace(' ', "+"));
    let request = format!(
        "POST /api/sign_in HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let (status, head, _) = exchange(base, request).await?;
    let cookie = head
        .lines()
        .filter(|line| line.to_ascii_lowercase().starts_with("set-cookie:"))
        .find_map(|line| line.split_once(':').map(|(_, value)| value.trim().split(';').next().unwrap_or("").to_owned()))
        .filter(|cookie| cookie.starts_with("tradema_session="));
    cookie.with_context(|| format!("signing in answered {status} without a session cookie"))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

pub async fn run(threads: usize) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let settings = Settings::for_data_dir(dir.path());
    let db = crate::db::Db::standalone(crate::db::connect(&settings).await?);
    crate::db::migrate(&db).await?;
    let started = Instant::now();
    let email = seed(&db, threads).await?;
    drop(db);
    println!(
        "bench-inbox: {threads} conversations for one producer seeded in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start_server(dir.path(), None, port)?;
    let outcome = async {
        let deadline = Instant::now() + Duration::from_secs(120);
        while exchange(&base, "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_owned()).await.is_err()
        {
            if Instant::now() > deadline {
                bail!("the server did not start within two minutes");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let cookie = sign_in(&base, &email).await?;
        println!();
        println!("{:<34} {:>9} {:>9} {:>9} {:>8}   budget", "inbox page (signed in)", "p50", "p95", "p99", "bytes");
        let last = threads.div_ceil(20).max(1);
        for path in
            ["/fr/inquiries".to_owned(), format!("/fr/inquiries?page={last}"), "/fr/inquiries?status=quoted".into()]
        {
            let request =
                format!("GET {path} HTTP/1.1\r\nHost: {port}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n");
            let mut times = Vec::with_capacity(SAMPLES);
            let mut bytes = 0;
            for sample in 0..SAMPLES + 10 {
                let began = Instant::now();
                let (status, _, length) = exchange(&base, request.clone()).await?;
                if status != 200 {
                    bail!("{path} answered {status}: not signed in as the producer?");
                }
                // The first ten warm the caches up.
                if sample >= 10 {
                    times.push(began.elapsed());
                }
                bytes = length;
            }
            times.sort();
            let p99 = percentile(&times, 0.99);
            println!(
                "{path:<34} {:>6.2} ms {:>6.2} ms {:>6.2} ms {bytes:>8}   p99 ≤ 50 ms: {}",
                percentile(&times, 0.50).as_secs_f64() * 1e3,
                percentile(&times, 0.95).as_secs_f64() * 1e3,
                p99.as_secs_f64() * 1e3,
                if p99 <= Duration::from_millis(50) { "met" } else { "NOT met" }
            );
        }
        Ok(())
    }
    .await;
    stop_server(&mut server, dir.path(), outcome.is_err());
    outcome
}
