//! `buying_requests`: A buyer's need, posted once for matching producers to quote.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "buying_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub buyer_user_id: i64,
    pub product: String,
    /// Vocabulary concept ids the product text names.
    pub concepts: Json,
    pub hs_code: Option<String>,
    pub sector: String,
    pub quantity_amount: i64,
    pub quantity_unit: String,
    pub target_price_minor: Option<i64>,
    pub currency: Option<String>,
    pub incoterm: Option<String>,
    pub destination_country: String,
    /// The destination's `WorldRegion` slug (the list's market filter).
    pub destination_market: String,
    pub certifications: Json,
    pub origin_labels: Json,
    pub wanted_by: Option<Date>,
    pub deadline: Date,
    pub visibility: String,
    pub details: String,
    pub status: String,
    pub refusal_reason: Option<String>,
    pub refusal_note: Option<String>,
    pub merged_into: Option<i64>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub quote_count: i32,
    /// The buyer's language when posting: its mails about the request.
    pub locale: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
