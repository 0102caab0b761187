//! `deal_steps`: Each step of a deal as it happened, and which side moved it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "deal_steps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub deal_id: i64,
    pub status: String,
    pub happened_on: Date,
    pub reference: Option<String>,
    pub note: String,
    /// `buyer` or `producer`.
    pub by_side: String,
    pub by_user_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
