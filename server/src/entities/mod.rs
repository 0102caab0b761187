//! sea-orm entities, one per table (generated style). Models never leave
//! `server`: repositories turn them into `app::domain` types.

pub mod audit_log;
pub mod buyer_profiles;
pub mod email_verifications;
pub mod import_batches;
pub mod inquiries;
pub mod inquiry_messages;
pub mod listing_photos;
pub mod listing_translations;
pub mod listing_views;
pub mod listings;
pub mod mail_outbox;
pub mod password_reset_requests;
pub mod password_resets;
pub mod producer_certifications;
pub mod producer_invitations;
pub mod producer_translations;
pub mod producer_view_months;
pub mod producers;
pub mod quotes;
pub mod routing_rules;
pub mod saved_search_hits;
pub mod saved_searches;
pub mod search_changes;
pub mod sessions;
pub mod shortlist_items;
pub mod showcase_exhibitors;
pub mod showcase_items;
pub mod showcase_translations;
pub mod showcase_visits;
pub mod showcases;
pub mod team_invitations;
pub mod team_log;
pub mod team_members;
pub mod users;
pub mod verification_requests;
