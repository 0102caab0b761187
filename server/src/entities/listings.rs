//! `listings`: Listings: one export product of a producer.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "listings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub producer_id: i64,
    pub slug: String,
    pub status: String,
    pub sector: String,
    pub subsector: Option<String>,
    pub hs_code: Option<String>,
    pub origin_region: String,
    pub moq_amount: Option<i64>,
    pub moq_unit: Option<String>,
    pub price_min_minor: Option<i64>,
    pub price_max_minor: Option<i64>,
    pub currency: Option<String>,
    pub incoterms: Json,
    pub certifications: Json,
    pub origin_labels: Json,
    pub port_of_loading: Option<String>,
    pub lead_time_days: Option<i32>,
    pub capacity_amount: Option<i64>,
    pub capacity_unit: Option<String>,
    pub featured: bool,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// A `HideReason` slug while an office hides the listing.
    pub hidden_reason: Option<String>,
    pub hidden_note: Option<String>,
    /// Set while hidden: buyers do not see the listing.
    pub hidden_at: Option<DateTimeUtc>,
    pub review_requested_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
