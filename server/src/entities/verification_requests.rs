//! `verification_requests`: a producer's request to be verified, decided once
//! by an administrator of its region.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "verification_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub producer_id: i64,
    pub ice: String,
    pub registration_number: String,
    pub cooperative_approval: Option<String>,
    pub legal_name: String,
    pub state: String,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub back_for_review: bool,
    pub requested_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
