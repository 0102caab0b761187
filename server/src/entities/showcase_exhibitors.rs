//! `showcase_exhibitors`: a producer shown in a showcase, with the curator's
//! note and its stand.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "showcase_exhibitors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub showcase_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub producer_id: i64,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub note: Option<String>,
    pub stand: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
