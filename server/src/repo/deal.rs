//! Deals and their steps, as stored. Who may read or move a deal is
//! `services::deals`'; the order of steps is `DealStatus::may_move`'s, and
//! `add_step` applies a step only if the deal still stands where the check
//! saw it (a guarded update), so two sides moving at once cannot both win.

use app::domain::{BankDetails, Billing, DealStatus, DealStep, Side};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement, Value,
};

use super::buying_request::naive;
use crate::entities::{deal_steps, deals, producers};
use crate::error::StoreError;

/// Deals one list shows, at most (newest activity first).
pub const LIST_LIMIT: u64 = 200;

pub fn side_slug(side: Side) -> &'static str {
    match side {
        Side::Buyer => "buyer",
        Side::Producer => "producer",
    }
}

pub fn side_of(slug: &str) -> Result<Side, StoreError> {
    match slug {
        "buyer" => Ok(Side::Buyer),
        "producer" => Ok(Side::Producer),
        other => Err(StoreError::Corrupt(format!("deal step side {other}"))),
    }
}

/// The accepted quote a deal is opened from.
pub struct Agreement {
    pub quote_message_id: i64,
    pub inquiry_id: i64,
    pub producer_id: i64,
    pub buyer_user_id: i64,
}

/// Opens the deal of an accepted quote (nothing when it exists already);
/// its id.
pub async fn open(db: &impl ConnectionTrait, agreement: Agreement, now: DateTime<Utc>) -> Result<i64, StoreError> {
    if let Some(existing) = by_quote(db, agreement.quote_message_id).await? {
        return Ok(existing.id);
    }
    let today = now.date_naive();
    let proforma_seq = next_proforma(db, agreement.producer_id).await?;
    let deal = deals::ActiveModel {
        quote_message_id: Set(agreement.quote_message_id),
        inquiry_id: Set(agreement.inquiry_id),
        producer_id: Set(agreement.producer_id),
        buyer_user_id: Set(agreement.buyer_user_id),
        status: Set(DealStatus::Agreed.slug().to_owned()),
        agreed_on: Set(today),
        shipped_on: Set(None),
        received_on: Set(None),
        last_on: Set(today),
        proforma_seq: Set(proforma_seq),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    deal_steps::ActiveModel {
        deal_id: Set(deal.id),
        status: Set(DealStatus::Agreed.slug().to_owned()),
        happened_on: Set(today),
        reference: Set(None),
        note: Set(String::new()),
        by_side: Set(side_slug(Side::Buyer).to_owned()),
        by_user_id: Set(Some(agreement.buyer_user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(deal.id)
}

/// The producer's next proforma number: one statement that counts and
/// reads, so two deals of one producer never share a number (the row is
/// locked until the deal's transaction ends).
async fn next_proforma(db: &impl ConnectionTrait, producer_id: i64) -> Result<i64, StoreError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE producers SET proforma_count = proforma_count + 1 WHERE id = $1 RETURNING proforma_count"
        }
        _ => "UPDATE producers SET proforma_count = proforma_count + 1 WHERE id = ? RETURNING proforma_count",
    };
    let row = db
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [Value::from(producer_id)]))
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("no producer {producer_id} for a deal")))?;
    Ok(row.try_get::<i64>("", "proforma_count")?)
}

/// The billing settings the producer's owners keep.
pub async fn billing(db: &impl ConnectionTrait, producer_id: i64) -> Result<Option<Billing>, StoreError> {
    let Some(row) = producers::Entity::find_by_id(producer_id).one(db).await? else { return Ok(None) };
    let bank = match (row.bank_name, row.bank_account_holder, row.bank_account_number) {
        (Some(bank_name), Some(account_holder), Some(account_number)) => {
            Some(BankDetails { bank_name, account_holder, account_number, swift: row.bank_swift })
        }
        _ => None,
    };
    Ok(Some(Billing { payment_terms: row.payment_terms, bank }))
}

pub async fn set_billing(db: &impl ConnectionTrait, producer_id: i64, billing: &Billing) -> Result<(), StoreError> {
    let bank = billing.bank.as_ref();
    producers::Entity::update_many()
        .col_expr(producers::Column::PaymentTerms, Expr::value(billing.payment_terms.clone()))
        .col_expr(producers::Column::BankName, Expr::value(bank.map(|b| b.bank_name.clone())))
        .col_expr(producers::Column::BankAccountHolder, Expr::value(bank.map(|b| b.account_holder.clone())))
        .col_expr(producers::Column::BankAccountNumber, Expr::value(bank.map(|b| b.account_number.clone())))
        .col_expr(producers::Column::BankSwift, Expr::value(bank.and_then(|b| b.swift.clone())))
        .filter(producers::Column::Id.eq(producer_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<deals::Model>, StoreError> {
    Ok(deals::Entity::find_by_id(id).one(db).await?)
}

pub async fn by_quote(db: &impl ConnectionTrait, message_id: i64) -> Result<Option<deals::Model>, StoreError> {
    Ok(deals::Entity::find().filter(deals::Column::QuoteMessageId.eq(message_id)).one(db).await?)
}

/// The conversation's latest deal.
pub async fn of_inquiry(db: &impl ConnectionTrait, inquiry_id: i64) -> Result<Option<deals::Model>, StoreError> {
    Ok(deals::Entity::find()
        .filter(deals::Column::InquiryId.eq(inquiry_id))
        .order_by_desc(deals::Column::Id)
        .one(db)
        .await?)
}

/// Whose deals: a producer's, or a buyer's.
#[derive(Clone, Copy, Debug)]
pub enum Party {
    Producer(i64),
    Buyer(i64),
}

/// The party's deals, latest step first.
pub async fn of_party(db: &impl ConnectionTrait, party: Party) -> Result<Vec<deals::Model>, StoreError> {
    let condition = match party {
        Party::Producer(id) => Condition::all().add(deals::Column::ProducerId.eq(id)),
        Party::Buyer(id) => Condition::all().add(deals::Column::BuyerUserId.eq(id)),
    };
    Ok(deals::Entity::find()
        .filter(condition)
        .order_by_desc(deals::Column::UpdatedAt)
        .order_by_desc(deals::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?)
}

/// The deal's steps, oldest first.
pub async fn steps(db: &impl ConnectionTrait, deal_id: i64) -> Result<Vec<deal_steps::Model>, StoreError> {
    Ok(deal_steps::Entity::find()
        .filter(deal_steps::Column::DealId.eq(deal_id))
        .order_by_asc(deal_steps::Column::Id)
        .all(db)
        .await?)
}

/// Moves the deal from `from` by `step`; whether it moved (false when the
/// deal no longer stands at `from`).
pub async fn add_step(
    db: &impl ConnectionTrait,
    deal_id: i64,
    from: DealStatus,
    step: &DealStep,
    (side, user_id): (Side, i64),
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let on = naive(step.happened_on)?;
    let mut update = deals::Entity::update_many()
        .col_expr(deals::Column::Status, Expr::value(step.to.slug()))
        .col_expr(deals::Column::LastOn, Expr::value(on))
        .col_expr(deals::Column::UpdatedAt, Expr::value(now))
        .filter(deals::Column::Id.eq(deal_id))
        .filter(deals::Column::Status.eq(from.slug()));
    update = match step.to {
        DealStatus::Shipped => update.col_expr(deals::Column::ShippedOn, Expr::value(on)),
        DealStatus::Received => update.col_expr(deals::Column::ReceivedOn, Expr::value(on)),
        _ => update,
    };
    if update.exec(db).await?.rows_affected != 1 {
        return Ok(false);
    }
    deal_steps::ActiveModel {
        deal_id: Set(deal_id),
        status: Set(step.to.slug().to_owned()),
        happened_on: Set(on),
        reference: Set(step.reference.clone()),
        note: Set(step.note.clone()),
        by_side: Set(side_slug(side).to_owned()),
        by_user_id: Set(Some(user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(true)
}

/// Every deal shipped or received (what the export counting reads).
pub async fn shipped(db: &impl ConnectionTrait) -> Result<Vec<deals::Model>, StoreError> {
    Ok(deals::Entity::find()
        .filter(deals::Column::ShippedOn.is_not_null())
        .filter(deals::Column::Status.is_in([DealStatus::Shipped.slug(), DealStatus::Received.slug()]))
        .all(db)
        .await?)
}
