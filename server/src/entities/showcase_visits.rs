//! `showcase_visits`: visits to an exhibitor's pages from a showcase, by day
//! and world market. A counter, no personal data.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "showcase_visits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub showcase_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub producer_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: Date,
    #[sea_orm(primary_key, auto_increment = false)]
    pub market: String,
    pub visits: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
