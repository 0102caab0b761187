//! `request_matches`: The producers a buying request reaches, and how.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "request_matches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub request_id: i64,
    pub producer_id: i64,
    /// A `Fit`: `full` or `partial`.
    pub fit: String,
    pub created_at: DateTimeUtc,
    /// When a digest mail named the request to the producer.
    pub notified_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
