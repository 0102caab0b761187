//! Quotes on buying requests: a matched producer's one quote (within its
//! monthly allowance, while the request takes quotes) opens a conversation
//! with the buyer; the buyer compares its quotes side by side in one
//! currency and declines those it does not want in one step.

use app::domain::{
    AppError, ComparedQuote, Currency, InquiryStatus, QuoteComparison, ReplyForm, RequestViewer, ResponseMetrics,
    ThreadAction, Viewer, monthly_allowance,
};
use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use sea_orm::ConnectionTrait;

use super::BuyingRequestsService;
use super::cards;
use crate::db::{self, WriteScope};
use crate::entities::buying_requests;
use crate::error::StoreError;
use crate::repo::buying_request as requests;
use crate::repo::inquiry::{self};
use crate::services::inquiries::quote_card;

/// The first instant of the month `now` falls in (UTC).
fn month_start(now: DateTime<Utc>) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0).single().unwrap_or(now)
}

/// How the producer answers buyers, from its conversations of the window.
async fn response_of(
    db: &impl ConnectionTrait,
    producer_slug: &str,
    now: DateTime<Utc>,
) -> Result<ResponseMetrics, StoreError> {
    let since = now - Duration::days(app::domain::METRICS_WINDOW_DAYS);
    let timings = inquiry::timings_of_producer(db, producer_slug, since).await?;
    Ok(ResponseMetrics::compute(&timings, now.timestamp()))
}

/// (allowance, used this month) of a producer: its direct quotes and the
/// pooled offers it led and sent.
pub(super) async fn allowance_of(
    db: &impl ConnectionTrait,
    producer_id: i64,
    now: DateTime<Utc>,
) -> Result<(u32, u32), StoreError> {
    let producer = crate::repo::producer::by_id(db, producer_id)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("no producer {producer_id}")))?;
    let allowance = monthly_allowance(response_of(db, &producer.slug, now).await?);
    let since = month_start(now);
    let used = requests::quotes_since(db, producer_id, since).await?
        + crate::repo::pooled_offer::led_since(db, producer_id, since).await?;
    Ok((allowance, used))
}

pub(super) async fn producer_view(
    service: &BuyingRequestsService,
    row: &buying_requests::Model,
    producer_id: i64,
) -> Result<RequestViewer, AppError> {
    let fit = requests::fit_of_producer(&service.db, row.id, producer_id).await?;
    let quoted_in = requests::quote_thread(&service.db, row.id, producer_id).await?;
    let (allowance, used_this_month) = allowance_of(&service.db, producer_id, service.clock.now()).await?;
    let offers = super::pooling::views(service, row, super::pooling::Audience::Producer(producer_id)).await?;
    let partners = super::pooling::partners(service, row, Some(producer_id), None).await?;
    Ok(RequestViewer::Producer { fit, quoted_in, allowance, used_this_month, offers, partners })
}

pub(super) async fn buyer_view(
    service: &BuyingRequestsService,
    row: &buying_requests::Model,
    currency: Option<Currency>,
) -> Result<RequestViewer, AppError> {
    let db = &service.db;
    let threads = requests::quote_threads(db, row.id).await?;
    let producer_ids: Vec<i64> = threads.iter().map(|thread| thread.producer_id).collect();
    let producers = crate::repo::producer::by_ids(db, &producer_ids).await?;
    let held = crate::repo::producer::certifications_of(db, &producer_ids).await?;
    let rates = crate::repo::exchange_rate::rates(db).await?;
    let now = service.clock.now();
    let mut quotes = Vec::new();
    for thread in &threads {
        let Some(quote) = inquiry::latest_quote(db, thread.id).await? else { continue };
        let Some(producer) = producers.iter().find(|p| p.id == thread.producer_id) else { continue };
        let card = quote_card(quote, true)?;
        quotes.push((card, producer, thread.id));
    }
    let currency = currency.or_else(|| quotes.first().map(|(card, _, _)| card.terms.currency)).unwrap_or(Currency::Usd);
    let mut converted_any = false;
    let mut compared = Vec::new();
    for (card, producer, thread_id) in quotes {
        let terms = card.terms;
        let converted_minor = rates.convert(terms.unit_price_minor, terms.currency, currency);
        converted_any |= terms.currency != currency && converted_minor.is_some();
        compared.push(ComparedQuote {
            thread_id,
            quote_id: card.message_id,
            producer_name: producer.trade_name.clone(),
            producer_slug: producer.slug.clone(),
            verified: producer.verified,
            certifications: held.get(&producer.id).cloned().unwrap_or_default(),
            response: response_of(db, &producer.slug, now).await?,
            unit_price_minor: terms.unit_price_minor,
            currency: terms.currency,
            converted_minor,
            quantity: terms.quantity,
            incoterm: terms.incoterm,
            named_place: terms.named_place,
            valid_until: terms.valid_until,
            lead_time_days: terms.lead_time_days,
            decision: card.decision,
            pooled_offer: None,
        });
    }
    // Cheapest first in the comparison's currency; those without a rate last.
    compared.sort_by_key(|quote| (quote.converted_minor.is_none(), quote.converted_minor, quote.thread_id));
    let refusal = match (&row.refusal_reason, cards::status_of(row)?) {
        (Some(reason), app::domain::RequestStatus::Refused) => {
            app::domain::RefusalReason::from_slug(reason).map(|reason| (reason, row.refusal_note.clone()))
        }
        _ => None,
    };
    Ok(RequestViewer::Buyer {
        refusal,
        merged_into: row.merged_into,
        comparison: QuoteComparison {
            currency,
            rates_as_of: if converted_any { rates.as_of() } else { None },
            quotes: compared,
        },
        offers: super::pooling::views(service, row, super::pooling::Audience::Buyer).await?,
    })
}

pub(super) async fn quote(
    service: &BuyingRequestsService,
    viewer: &Viewer,
    producer_id: i64,
    id: i64,
    form: &ReplyForm,
) -> Result<i64, AppError> {
    let (now, today) = (service.clock.now(), service.clock.today());
    let form = ReplyForm { with_quote: "on".into(), ..form.clone() };
    let reply = form.validate(today)?;
    let terms = reply.quote.ok_or_else(|| AppError::invalid("with_quote", "invalid.required"))?;
    let txn = db::begin_write(&service.db).await?;
    let row = requests::lock(&txn, id).await?.ok_or(AppError::NotFound)?;
    if requests::fit_of_producer(&txn, id, producer_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let status = cards::status_of(&row)?;
    if !matches!(status, app::domain::RequestStatus::Open | app::domain::RequestStatus::Closed) {
        return Err(AppError::NotFound);
    }
    if let Some(thread) = requests::quote_thread(&txn, id, producer_id).await? {
        return Err(AppError::AlreadySent { inquiry: thread });
    }
    db::serialize(&txn, WriteScope::ProducerRequestQuotes(producer_id)).await?;
    let (allowance, used) = allowance_of(&txn, producer_id, now).await?;
    if used >= allowance {
        return Err(AppError::invalid("quote", "invalid.quote_allowance"));
    }
    if !requests::take_quote_place(&txn, id, today).await? {
        return Err(AppError::invalid("quote", "invalid.request_closed"));
    }
    let quoted = super::threads::QuotedThread {
        producer_id,
        author_user_id: viewer.user_id,
        message: &reply.message,
        terms: &terms,
        pooled_offer: None,
        assignee: Some(viewer.user_id),
    };
    let thread = super::threads::open(&txn, &row, quoted, now).await?;
    if let Some(buyer) = crate::repo::user::by_id(&txn, row.buyer_user_id).await? {
        let locale = app::domain::Locale::from_code(&row.locale).unwrap_or(app::domain::Locale::DEFAULT);
        let link = service.link(&format!("/{}/requests/{}", locale.code(), id));
        let mail = crate::mail::request_quoted(locale, &buyer.email, &row.product, &link);
        crate::repo::mail_outbox::enqueue(&txn, &mail, now).await?;
    }
    db::commit(txn).await?;
    tracing::info!(request = id, inquiry = thread, producer = producer_id, "buying request quoted");
    Ok(thread)
}

/// Declines every quote still undecided, each through its conversation's
/// own rules (the producer is told as for any decision); how many.
pub(super) async fn decline_rest(
    service: &BuyingRequestsService,
    viewer: &Viewer,
    row: &buying_requests::Model,
) -> Result<u32, AppError> {
    let mut declined = 0;
    for thread in requests::quote_threads(&service.db, row.id).await? {
        if thread.status != InquiryStatus::Quoted.slug() {
            continue;
        }
        let Some(quote) = inquiry::latest_quote(&service.db, thread.id).await? else { continue };
        if quote.decision.is_some() {
            continue;
        }
        match service.inquiries.act(viewer, thread.id, ThreadAction::Decline, Some(quote.message_id)).await {
            Ok(_) => declined += 1,
            // A quote renewed or decided meanwhile stays for the buyer to see.
            Err(AppError::Conflict { .. }) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(declined)
}
