//! Repositories: every database query of the server (the seed and the
//! benchmark aside) is a plain async function here, over `&impl
//! ConnectionTrait` (the pool or the caller's transaction), one module per
//! aggregate or per read-only view (the home counts, the offices' directory
//! and platform figures, the sitemap). They return `app::domain` types where
//! a caller only shows them, and sea-orm rows where a service of this crate
//! applies its rules to the row itself (a producer, a listing, an account, a
//! showcase, an inquiry, an invitation, a verification request): the rows
//! never leave the server crate. Writes take what changes as parameters; the
//! rules (who may act, what is checked, the audit row) stay in the services.
//! Errors are `StoreError`, turned into `AppError` at the port.

pub mod attempts;
pub mod audit;
pub mod buyer_profile;
pub mod buying_request;
pub mod convert;
pub mod curation;
pub mod deal;
pub mod document_rule;
pub mod email_verification;
pub mod exchange_rate;
pub mod import_batch;
pub mod inquiry;
pub mod invitation;
pub mod job_lease;
pub mod listing;
pub mod listing_view;
pub mod mail_outbox;
pub mod moderation;
pub mod office_directory;
pub mod own_listing;
pub mod password_reset;
pub mod photo;
pub mod platform_stats;
pub mod pooled_offer;
pub mod producer;
pub mod producer_profile;
mod raw_sql;
pub mod request_digest;
pub mod routing_rule;
pub mod saved_reply;
pub mod saved_search;
pub mod search_changes;
pub mod search_feed;
pub mod session;
pub mod shortlist;
pub mod showcase;
pub mod sitemap;
pub mod stats;
pub mod team_invitation;
pub mod team_log;
pub mod team_member;
pub mod user;
pub mod verification;
pub mod visibility;
