//! `producer_view_months`: a producer's listing views rolled up by month and
//! country (`ZZ`: unknown), kept as views are written.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "producer_view_months")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub producer_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub month: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub country: String,
    pub views: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
