//! The conversation a quote on a buying request opens with its buyer: the
//! request as the buyer wrote it, then the producer's message with its
//! quote. A direct quote waits for the buyer's answer; a member's share of
//! an accepted pooled offer opens already accepted, with its deal. Either way it is an
//! inquiry like any other from then on (questions, decisions, mails).

use app::domain::{CalendarDate, InquiryDraft, InquiryStatus, Locale, QuoteDecision, QuoteTerms};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::{buying_requests, inquiries};
use crate::error::StoreError;
use crate::repo::inquiry::{self, NewInquiry};

/// What the conversation opens with beyond the request.
pub struct QuotedThread<'a> {
    pub producer_id: i64,
    /// Who wrote the producer's message.
    pub author_user_id: i64,
    pub message: &'a str,
    pub terms: &'a QuoteTerms,
    /// `Some`: a member's share of this accepted pooled offer.
    pub pooled_offer: Option<i64>,
    /// The member the conversation is assigned to.
    pub assignee: Option<i64>,
}

/// Opens the conversation; returns its id.
pub async fn open(
    db: &impl ConnectionTrait,
    row: &buying_requests::Model,
    quoted: QuotedThread<'_>,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    // The request as its card reads it (the one conversion of its columns).
    let card = super::cards::card(
        row,
        CalendarDate::from_days_since_epoch(now.timestamp().div_euclid(86_400)),
        Locale::DEFAULT,
    )?;
    let draft = InquiryDraft {
        product: row.product.clone(),
        quantity: Some(card.quantity),
        target_price: card.target_price,
        incoterm: card.incoterm,
        destination_country: Some(card.destination_country),
        wanted_by: card.wanted_by,
        message: if row.details.trim().is_empty() { row.product.clone() } else { row.details.clone() },
    };
    let digest = match quoted.pooled_offer {
        Some(offer) => format!("pooled-offer:{offer}:{}", quoted.producer_id),
        None => format!("buying-request:{}", row.id),
    };
    let new = NewInquiry {
        producer_id: quoted.producer_id,
        listing_id: None,
        buyer_user_id: row.buyer_user_id,
        draft: &draft,
        destination_country: &row.destination_country,
        buyer_country: None,
        showcase_id: None,
        message_digest: crate::services::sha256_hex(&digest),
        delivered: true,
    };
    // The buyer's words carry the request's date; the quote is now.
    let thread = inquiry::insert(db, new, row.created_at).await?;
    let message = inquiry::add_message(db, thread, quoted.author_user_id, quoted.message, now).await?;
    inquiry::add_quote(db, message, thread, quoted.terms).await?;
    let accepted = quoted.pooled_offer.is_some();
    if accepted {
        inquiry::decide(db, message, QuoteDecision::Accepted, now).await?;
        let agreement = crate::repo::deal::Agreement {
            quote_message_id: message,
            inquiry_id: thread,
            producer_id: quoted.producer_id,
            buyer_user_id: row.buyer_user_id,
        };
        crate::repo::deal::open(db, agreement, now).await?;
    }
    let (status, buyer_read) =
        if accepted { (InquiryStatus::Agreed, Some(now)) } else { (InquiryStatus::Quoted, None) };
    let mut update = inquiries::Entity::update_many()
        .col_expr(inquiries::Column::Status, Expr::value(status.slug()))
        .col_expr(inquiries::Column::AssigneeUserId, Expr::value(quoted.assignee))
        .col_expr(inquiries::Column::FirstReplyAt, Expr::value(now))
        .col_expr(inquiries::Column::LastActivityAt, Expr::value(now))
        .col_expr(inquiries::Column::ProducerReadAt, Expr::value(now))
        .col_expr(inquiries::Column::BuyerReadAt, Expr::value(buyer_read))
        // Counted in the month it was quoted (the allowance).
        .col_expr(inquiries::Column::CreatedAt, Expr::value(now))
        .filter(inquiries::Column::Id.eq(thread));
    update = match quoted.pooled_offer {
        Some(offer) => update.col_expr(inquiries::Column::PooledOfferId, Expr::value(offer)),
        None => update.col_expr(inquiries::Column::BuyingRequestId, Expr::value(row.id)),
    };
    update.exec(db).await?;
    Ok(thread)
}
