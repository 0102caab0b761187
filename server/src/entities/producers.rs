//! `producers`: Producers: companies, cooperatives and GIEs.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "producers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub owner_user_id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub legal_name: String,
    pub trade_name: String,
    /// The ICE confirmed by verification: unique among producers.
    pub ice: Option<String>,
    /// The ICE the producer typed: not unique, nothing rests on it until verified.
    pub declared_ice: Option<String>,
    pub legal_form: String,
    pub region: String,
    pub city: String,
    pub sectors: Json,
    pub year_founded: Option<i32>,
    pub size_band: Option<String>,
    pub export_since_year: Option<i32>,
    pub export_markets: Json,
    pub languages: Json,
    pub website: Option<String>,
    pub logo_key: Option<String>,
    pub verified: bool,
    pub featured: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The commercial register number the last verification request named.
    pub registration_number: Option<String>,
    /// A cooperative's approval number, from the same request.
    pub cooperative_approval: Option<String>,
    /// A `HideReason` slug while an office hides the producer.
    pub hidden_reason: Option<String>,
    pub hidden_note: Option<String>,
    /// Set while hidden: buyers see nothing of the producer.
    pub hidden_at: Option<DateTimeUtc>,
    pub review_requested_at: Option<DateTimeUtc>,
    /// Set when a trade office created the producer for a cooperative.
    pub onboarded_at: Option<DateTimeUtc>,
    /// Set when the cooperative claimed it (its office no longer edits it).
    pub claimed_at: Option<DateTimeUtc>,
    /// Proformas numbered so far (the next deal takes the next number).
    pub proforma_count: i64,
    /// What the producer's proformas state, kept by its owners. Bank
    /// details reach only the buyer of a deal (`services::deals`).
    pub payment_terms: String,
    pub bank_name: Option<String>,
    pub bank_account_holder: Option<String>,
    pub bank_account_number: Option<String>,
    pub bank_swift: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
