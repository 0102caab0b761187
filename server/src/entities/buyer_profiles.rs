//! `buyer_profiles`: A buyer's company, one per buyer account.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "buyer_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub company_name: String,
    pub country: String,
    pub city: String,
    pub buyer_type: String,
    #[sea_orm(column_type = "Text")]
    pub sectors: String,
    #[sea_orm(column_type = "Text")]
    pub languages: String,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
