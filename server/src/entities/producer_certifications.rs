//! `producer_certifications`: A certification a producer holds.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "producer_certifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub producer_id: i64,
    pub certification: String,
    pub valid_until: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
