//! `pooled_offer_shares`: One member's quantity and price in a pooled offer.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pooled_offer_shares")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub offer_id: i64,
    pub producer_id: i64,
    pub quantity_amount: Option<i64>,
    pub unit_price_minor: Option<i64>,
    pub committed_at: Option<DateTimeUtc>,
    /// The member's conversation once the buyer accepted the offer.
    pub inquiry_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
