//! `quotes`: The terms a producer's reply carries, and the buyer's decision.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "quotes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub message_id: i64,
    pub inquiry_id: i64,
    pub unit_price_minor: i64,
    pub currency: String,
    pub quantity_amount: i64,
    pub quantity_unit: String,
    pub incoterm: String,
    pub named_place: String,
    pub valid_until: Date,
    pub lead_time_days: i32,
    pub decision: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
