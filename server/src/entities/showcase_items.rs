//! `showcase_items`: A listing featured in a showcase.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "showcase_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub showcase_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub listing_id: i64,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
