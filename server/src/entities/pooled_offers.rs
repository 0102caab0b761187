//! `pooled_offers`: One offer several producers make together for a buying request.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pooled_offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub request_id: i64,
    pub lead_producer_id: Option<i64>,
    /// An office administrator who built it as broker.
    pub broker_user_id: Option<i64>,
    pub status: String,
    pub currency: String,
    pub incoterm: String,
    pub named_place: String,
    pub valid_until: Date,
    pub lead_time_days: i32,
    pub message: String,
    pub created_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
