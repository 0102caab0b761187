//! `inquiries`: A buyer's inquiry to a producer.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub producer_id: i64,
    pub listing_id: Option<i64>,
    pub buyer_user_id: i64,
    pub subject: String,
    pub quantity_amount: Option<i64>,
    pub quantity_unit: Option<String>,
    pub buyer_country: String,
    pub status: String,
    pub first_reply_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
