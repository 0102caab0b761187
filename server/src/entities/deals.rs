//! `deals`: What an accepted quote became, followed to its export.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "deals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The accepted quote (its message); one deal per quote.
    pub quote_message_id: i64,
    pub inquiry_id: i64,
    pub producer_id: i64,
    pub buyer_user_id: i64,
    pub status: String,
    pub agreed_on: Date,
    pub shipped_on: Option<Date>,
    pub received_on: Option<Date>,
    /// The day of the latest step.
    pub last_on: Date,
    /// Its proforma's number in the producer's sequence.
    pub proforma_seq: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
