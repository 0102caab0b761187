//! Repositories: plain async functions over `&impl ConnectionTrait`, one
//! module per aggregate, returning `app::domain` types (never models), except
//! `inquiry`, whose rows the inquiries service combines with others (the
//! producer, the buyer's profile, the listing's card) into one domain view.

pub mod audit;
pub mod buyer_profile;
pub mod convert;
pub mod curation;
pub mod email_verification;
pub mod import_batch;
pub mod inquiry;
pub mod invitation;
pub mod listing;
pub mod listing_view;
pub mod mail_outbox;
pub mod own_listing;
pub mod password_reset;
pub mod photo;
pub mod producer;
pub mod producer_profile;
pub mod saved_search;
pub mod search_feed;
pub mod search_outbox;
pub mod session;
pub mod shortlist;
pub mod showcase;
pub mod sitemap;
pub mod stats;
pub mod user;
pub mod verification;
pub mod visibility;
