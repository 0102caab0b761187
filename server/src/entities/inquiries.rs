//! `inquiries`: A buyer's inquiry to a producer, the head of a conversation.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub producer_id: i64,
    pub listing_id: Option<i64>,
    pub buyer_user_id: i64,
    pub product: String,
    pub quantity_amount: Option<i64>,
    pub quantity_unit: Option<String>,
    pub target_price_minor: Option<i64>,
    pub currency: Option<String>,
    pub incoterm: Option<String>,
    pub destination_country: String,
    pub wanted_by: Option<Date>,
    pub status: String,
    pub delivered_at: Option<DateTimeUtc>,
    pub first_reply_at: Option<DateTimeUtc>,
    pub last_activity_at: DateTimeUtc,
    pub buyer_read_at: Option<DateTimeUtc>,
    pub producer_read_at: Option<DateTimeUtc>,
    pub message_digest: String,
    pub showcase_id: Option<i64>,
    /// Where the buyer was when they asked (insights), not where goods go.
    pub buyer_country: Option<String>,
    pub created_at: DateTimeUtc,
    /// The member the conversation is assigned to (`None`: the company's owners).
    pub assignee_user_id: Option<i64>,
    /// The buying request a direct quote answers.
    pub buying_request_id: Option<i64>,
    /// The pooled offer whose acceptance opened this member's conversation.
    pub pooled_offer_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
