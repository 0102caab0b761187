//! Inquiries, their messages and quotes as stored. Rules about
//! who may read or write them live in `services::inquiries`; this module
//! only reads and writes rows.

use app::domain::{InquiryDraft, InquiryStatus, QuoteDecision, QuoteTerms, Side};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::entities::{inquiries, inquiry_messages, quotes};
use crate::error::StoreError;

/// A new inquiry with its first message.
pub struct NewInquiry<'a> {
    pub producer_id: i64,
    /// `None` for an inquiry sent from the producer's page.
    pub listing_id: Option<i64>,
    pub buyer_user_id: i64,
    pub draft: &'a InquiryDraft,
    pub destination_country: &'a str,
    /// The buyer's own country, when known.
    pub buyer_country: Option<&'a str>,
    /// The showcase the buyer came from.
    pub showcase_id: Option<i64>,
    pub message_digest: String,
    pub delivered: bool,
}

/// Writes an inquiry and its first message; returns the inquiry's id.
pub async fn insert(db: &impl ConnectionTrait, new: NewInquiry<'_>, now: DateTime<Utc>) -> Result<i64, StoreError> {
    let draft = new.draft;
    let row = inquiries::ActiveModel {
        producer_id: Set(new.producer_id),
        listing_id: Set(new.listing_id),
        buyer_user_id: Set(new.buyer_user_id),
        product: Set(draft.product.clone()),
        quantity_amount: Set(draft.quantity.as_ref().map(|q| i64::try_from(q.amount).unwrap_or(i64::MAX))),
        quantity_unit: Set(draft.quantity.as_ref().map(|q| q.unit.slug().to_owned())),
        target_price_minor: Set(draft.target_price.map(|(minor, _)| minor)),
        currency: Set(draft.target_price.map(|(_, currency)| currency.slug().to_owned())),
        incoterm: Set(draft.incoterm.map(|incoterm| incoterm.slug().to_owned())),
        destination_country: Set(new.destination_country.to_owned()),
        wanted_by: Set(draft
            .wanted_by
            .and_then(|date| chrono::NaiveDate::parse_from_str(&date.to_string(), "%Y-%m-%d").ok())),
        status: Set(InquiryStatus::New.slug().to_owned()),
        delivered_at: Set(new.delivered.then_some(now)),
        first_reply_at: Set(None),
        last_activity_at: Set(now),
        buyer_read_at: Set(Some(now)),
        producer_read_at: Set(None),
        message_digest: Set(new.message_digest),
        showcase_id: Set(new.showcase_id),
        buyer_country: Set(new.buyer_country.map(str::to_owned)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    add_message(db, row.id, new.buyer_user_id, &draft.message, now).await?;
    Ok(row.id)
}

/// The buyer's inquiry to the same producer with the same digest (which
/// covers the listing asked about and the text) since `since`, if any.
pub async fn same_since(
    db: &impl ConnectionTrait,
    buyer_user_id: i64,
    producer_id: i64,
    digest: &str,
    since: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    Ok(inquiries::Entity::find()
        .select_only()
        .column(inquiries::Column::Id)
        .filter(inquiries::Column::BuyerUserId.eq(buyer_user_id))
        .filter(inquiries::Column::ProducerId.eq(producer_id))
        .filter(inquiries::Column::MessageDigest.eq(digest))
        .filter(inquiries::Column::CreatedAt.gt(since))
        .order_by_desc(inquiries::Column::CreatedAt)
        .into_tuple()
        .one(db)
        .await?)
}

/// The conversations a buyer opened itself: a producer's quote on a buying
/// request (or a pooled offer's share) opens one too, and it must not count
/// against the buyer's limits.
fn written_by_buyer() -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(inquiries::Column::BuyingRequestId.is_null())
        .add(inquiries::Column::PooledOfferId.is_null())
}

/// How many inquiries the buyer sent since `since`.
pub async fn sent_since(
    db: &impl ConnectionTrait,
    buyer_user_id: i64,
    since: DateTime<Utc>,
) -> Result<u64, StoreError> {
    Ok(inquiries::Entity::find()
        .filter(inquiries::Column::BuyerUserId.eq(buyer_user_id))
        .filter(inquiries::Column::CreatedAt.gt(since))
        .filter(written_by_buyer())
        .count(db)
        .await?)
}

/// How many of the buyer's inquiries producers marked as spam since `since`.
pub async fn spam_since(
    db: &impl ConnectionTrait,
    buyer_user_id: i64,
    since: DateTime<Utc>,
) -> Result<u64, StoreError> {
    Ok(inquiries::Entity::find()
        .filter(inquiries::Column::BuyerUserId.eq(buyer_user_id))
        .filter(inquiries::Column::Status.eq(InquiryStatus::Spam.slug()))
        .filter(inquiries::Column::LastActivityAt.gt(since))
        .filter(written_by_buyer())
        .count(db)
        .await?)
}

pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<inquiries::Model>, StoreError> {
    Ok(inquiries::Entity::find_by_id(id).one(db).await?)
}

/// Adds a message; the inquiry's last activity moves to `now` and the
/// sender has read everything up to it.
pub async fn add_message(
    db: &impl ConnectionTrait,
    inquiry_id: i64,
    sender_user_id: i64,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let message = inquiry_messages::ActiveModel {
        inquiry_id: Set(inquiry_id),
        sender_user_id: Set(sender_user_id),
        body: Set(body.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(message.id)
}

/// Attaches a quote to a message.
pub async fn add_quote(
    db: &impl ConnectionTrait,
    message_id: i64,
    inquiry_id: i64,
    terms: &QuoteTerms,
) -> Result<(), StoreError> {
    quotes::ActiveModel {
        message_id: Set(message_id),
        inquiry_id: Set(inquiry_id),
        unit_price_minor: Set(terms.unit_price_minor),
        currency: Set(terms.currency.slug().to_owned()),
        quantity_amount: Set(i64::try_from(terms.quantity.amount).unwrap_or(i64::MAX)),
        quantity_unit: Set(terms.quantity.unit.slug().to_owned()),
        incoterm: Set(terms.incoterm.slug().to_owned()),
        named_place: Set(terms.named_place.clone()),
        valid_until: Set(chrono::NaiveDate::parse_from_str(&terms.valid_until.to_string(), "%Y-%m-%d")
            .map_err(|error| StoreError::Corrupt(format!("quote validity date: {error}")))?),
        lead_time_days: Set(i32::try_from(terms.lead_time_days).unwrap_or(i32::MAX)),
        decision: Set(None),
        decided_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// What changes on an inquiry when something happens in it.
pub struct Activity {
    pub status: InquiryStatus,
    /// The side that acted (its read mark moves to `at`).
    pub by: Side,
    /// A message was written (the last activity moves; the other side has
    /// something unread).
    pub message: bool,
    /// The producer's first reply.
    pub first_reply: bool,
}

/// Records an activity, only if the inquiry is still in `from` (two
/// requests racing on one thread: the second finds it changed). Whether it
/// was recorded.
pub async fn record(
    db: &impl ConnectionTrait,
    id: i64,
    from: InquiryStatus,
    activity: Activity,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let mut update = inquiries::Entity::update_many()
        .col_expr(inquiries::Column::Status, Expr::value(activity.status.slug()))
        .filter(inquiries::Column::Id.eq(id))
        .filter(inquiries::Column::Status.eq(from.slug()));
    update = match activity.by {
        Side::Buyer => update.col_expr(inquiries::Column::BuyerReadAt, Expr::value(at)),
        Side::Producer => update.col_expr(inquiries::Column::ProducerReadAt, Expr::value(at)),
    };
    if activity.message {
        update = update.col_expr(inquiries::Column::LastActivityAt, Expr::value(at));
    }
    if activity.first_reply {
        update = update
            .col_expr(inquiries::Column::FirstReplyAt, Expr::value(at))
            .filter(inquiries::Column::FirstReplyAt.is_null());
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}

/// The reader has seen everything up to `at`.
pub async fn mark_read(db: &impl ConnectionTrait, id: i64, side: Side, at: DateTime<Utc>) -> Result<(), StoreError> {
    let column = match side {
        Side::Buyer => inquiries::Column::BuyerReadAt,
        Side::Producer => inquiries::Column::ProducerReadAt,
    };
    inquiries::Entity::update_many()
        .col_expr(column, Expr::value(at))
        .filter(inquiries::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// A conversation's messages, oldest first, each with its quote.
pub async fn messages(
    db: &impl ConnectionTrait,
    inquiry_id: i64,
) -> Result<Vec<(inquiry_messages::Model, Option<quotes::Model>)>, StoreError> {
    let messages = inquiry_messages::Entity::find()
        .filter(inquiry_messages::Column::InquiryId.eq(inquiry_id))
        .order_by_asc(inquiry_messages::Column::CreatedAt)
        .order_by_asc(inquiry_messages::Column::Id)
        .all(db)
        .await?;
    let mut quotes = quotes::Entity::find().filter(quotes::Column::InquiryId.eq(inquiry_id)).all(db).await?;
    Ok(messages
        .into_iter()
        .map(|message| {
            let quote = quotes.iter().position(|quote| quote.message_id == message.id).map(|at| quotes.swap_remove(at));
            (message, quote)
        })
        .collect())
}

/// The newest quote of a conversation.
pub async fn latest_quote(db: &impl ConnectionTrait, inquiry_id: i64) -> Result<Option<quotes::Model>, StoreError> {
    Ok(quotes::Entity::find()
        .filter(quotes::Column::InquiryId.eq(inquiry_id))
        .order_by_desc(quotes::Column::MessageId)
        .one(db)
        .await?)
}

/// The quotes carried by `message_ids`.
pub async fn quotes_by_messages(
    db: &impl ConnectionTrait,
    message_ids: &[i64],
) -> Result<Vec<quotes::Model>, StoreError> {
    Ok(quotes::Entity::find().filter(quotes::Column::MessageId.is_in(message_ids.iter().copied())).all(db).await?)
}

/// Records the buyer's decision on a quote still undecided.
pub async fn decide(
    db: &impl ConnectionTrait,
    message_id: i64,
    decision: QuoteDecision,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let updated = quotes::Entity::update_many()
        .col_expr(quotes::Column::Decision, Expr::value(decision.slug()))
        .col_expr(quotes::Column::DecidedAt, Expr::value(at))
        .filter(quotes::Column::MessageId.eq(message_id))
        .filter(quotes::Column::Decision.is_null())
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Whose inbox: a producer's (delivered inquiries only), the part of it
/// assigned to one member, or a buyer's.
#[derive(Clone, Copy, Debug)]
pub enum Owner {
    Producer(i64),
    Member { producer_id: i64, user_id: i64 },
    Buyer(i64),
}

fn inbox_condition(owner: Owner, status: Option<InquiryStatus>) -> Condition {
    let mut condition = Condition::all();
    condition = match owner {
        Owner::Producer(producer_id) => condition
            .add(inquiries::Column::ProducerId.eq(producer_id))
            .add(inquiries::Column::DeliveredAt.is_not_null()),
        Owner::Member { producer_id, user_id } => condition
            .add(inquiries::Column::ProducerId.eq(producer_id))
            .add(inquiries::Column::DeliveredAt.is_not_null())
            .add(inquiries::Column::AssigneeUserId.eq(user_id)),
        Owner::Buyer(user_id) => condition.add(inquiries::Column::BuyerUserId.eq(user_id)),
    };
    match status {
        Some(status) => condition.add(inquiries::Column::Status.eq(status.slug())),
        // Spam is shown only when asked for.
        None => condition.add(inquiries::Column::Status.ne(InquiryStatus::Spam.slug())),
    }
}

/// One page of an inbox, newest activity first, and how many in all.
pub async fn inbox(
    db: &impl ConnectionTrait,
    owner: Owner,
    status: Option<InquiryStatus>,
    offset: u64,
    limit: u64,
) -> Result<(Vec<inquiries::Model>, u64), StoreError> {
    let condition = inbox_condition(owner, status);
    let total = inquiries::Entity::find().filter(condition.clone()).count(db).await?;
    let rows = inquiries::Entity::find()
        .filter(condition)
        .order_by_desc(inquiries::Column::LastActivityAt)
        .order_by_desc(inquiries::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// Conversations with something the owner has not read.
pub async fn unread(db: &impl ConnectionTrait, owner: Owner) -> Result<u64, StoreError> {
    let read_at = match owner {
        Owner::Producer(_) | Owner::Member { .. } => inquiries::Column::ProducerReadAt,
        Owner::Buyer(_) => inquiries::Column::BuyerReadAt,
    };
    Ok(inquiries::Entity::find()
        .filter(inbox_condition(owner, None))
        .filter(
            Condition::any()
                .add(read_at.is_null())
                .add(Expr::col(read_at).lt(Expr::col(inquiries::Column::LastActivityAt))),
        )
        .count(db)
        .await?)
}

/// The newest message of each conversation in `ids`.
pub async fn last_messages(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<inquiry_messages::Model>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let newest: Vec<i64> = inquiry_messages::Entity::find()
        .select_only()
        .column_as(inquiry_messages::Column::Id.max(), "id")
        .filter(inquiry_messages::Column::InquiryId.is_in(ids.iter().copied()))
        .group_by(inquiry_messages::Column::InquiryId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(inquiry_messages::Entity::find().filter(inquiry_messages::Column::Id.is_in(newest)).all(db).await?)
}

/// Delivers a buyer's held inquiries; returns them.
pub async fn deliver_held(
    db: &impl ConnectionTrait,
    buyer_user_id: i64,
    at: DateTime<Utc>,
) -> Result<Vec<inquiries::Model>, StoreError> {
    let held = inquiries::Entity::find()
        .filter(inquiries::Column::BuyerUserId.eq(buyer_user_id))
        .filter(inquiries::Column::DeliveredAt.is_null())
        .all(db)
        .await?;
    inquiries::Entity::update_many()
        .col_expr(inquiries::Column::DeliveredAt, Expr::value(at))
        .col_expr(inquiries::Column::LastActivityAt, Expr::value(at))
        // Their own inquiry is nothing new to the buyer (or the producer's
        // first answer would find it already unread and mail nobody).
        .col_expr(inquiries::Column::BuyerReadAt, Expr::value(at))
        .filter(inquiries::Column::BuyerUserId.eq(buyer_user_id))
        .filter(inquiries::Column::DeliveredAt.is_null())
        .exec(db)
        .await?;
    Ok(held)
}

/// When an inquiry was delivered, and when first answered.
type Delivered = Option<DateTime<Utc>>;
type FirstReply = Option<DateTime<Utc>>;

/// When each inquiry a producer received since `since` was delivered and
/// first answered (spam left out), for `ResponseMetrics`.
pub async fn timings_of_producer(
    db: &impl ConnectionTrait,
    producer_slug: &str,
    since: DateTime<Utc>,
) -> Result<Vec<app::domain::InquiryTiming>, StoreError> {
    use crate::entities::producers;
    let rows: Vec<(Delivered, FirstReply)> = inquiries::Entity::find()
        .select_only()
        .column(inquiries::Column::DeliveredAt)
        .column(inquiries::Column::FirstReplyAt)
        .filter(
            inquiries::Column::ProducerId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(producers::Column::Id)
                    .from(producers::Entity)
                    .and_where(producers::Column::Slug.eq(producer_slug))
                    .to_owned(),
            ),
        )
        .filter(inquiries::Column::DeliveredAt.gte(since))
        .filter(inquiries::Column::Status.ne(InquiryStatus::Spam.slug()))
        // A quote on a buying request opens its conversation answered: it
        // says nothing of how the producer answers buyers who write.
        .filter(inquiries::Column::BuyingRequestId.is_null())
        .filter(inquiries::Column::PooledOfferId.is_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(delivered, first_reply)| {
            Some(app::domain::InquiryTiming {
                delivered_at: delivered?.timestamp(),
                first_reply_at: first_reply.map(|at| at.timestamp()),
            })
        })
        .collect())
}

/// Locks the inquiry's row until the transaction ends (PostgreSQL; SQLite's
/// write transactions are serial already): a decision and a new quote on one
/// conversation then happen one after the other, each seeing the other.
pub async fn lock(db: &impl ConnectionTrait, id: i64) -> Result<(), StoreError> {
    inquiries::Entity::find_by_id(id).lock_exclusive().one(db).await?;
    Ok(())
}

/// Assigns a conversation to a member (`None`: to the company's owners).
pub async fn assign(db: &impl ConnectionTrait, id: i64, assignee: Option<i64>) -> Result<(), StoreError> {
    inquiries::Entity::update_many()
        .col_expr(inquiries::Column::AssigneeUserId, Expr::value(assignee))
        .filter(inquiries::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Gives a leaving member's conversations back to the company's owners.
pub async fn unassign_member(db: &impl ConnectionTrait, producer_id: i64, user_id: i64) -> Result<(), StoreError> {
    inquiries::Entity::update_many()
        .col_expr(inquiries::Column::AssigneeUserId, Expr::value(Option::<i64>::None))
        .filter(inquiries::Column::ProducerId.eq(producer_id))
        .filter(inquiries::Column::AssigneeUserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Open conversations assigned to each of the producer's members.
pub async fn open_per_assignee(
    db: &impl ConnectionTrait,
    producer_id: i64,
) -> Result<std::collections::HashMap<i64, u64>, StoreError> {
    let closed = [InquiryStatus::Closed.slug(), InquiryStatus::Spam.slug()];
    let rows: Vec<(Option<i64>, i64)> = inquiries::Entity::find()
        .select_only()
        .column(inquiries::Column::AssigneeUserId)
        .column_as(inquiries::Column::Id.count(), "open")
        .filter(inquiries::Column::ProducerId.eq(producer_id))
        .filter(inquiries::Column::DeliveredAt.is_not_null())
        .filter(inquiries::Column::Status.is_not_in(closed))
        .filter(inquiries::Column::AssigneeUserId.is_not_null())
        .group_by(inquiries::Column::AssigneeUserId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(user, open)| Some((user?, u64::try_from(open).unwrap_or(0)))).collect())
}
