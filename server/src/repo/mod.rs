//! Repositories: plain async functions over `&impl ConnectionTrait`, one
//! module per aggregate, returning `app::domain` types (never models).

pub mod convert;
pub mod listing;
pub mod mail_outbox;
pub mod producer;
pub mod search_outbox;
pub mod stats;
pub mod visibility;
