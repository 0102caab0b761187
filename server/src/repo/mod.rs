//! Repositories: plain async functions over `&impl ConnectionTrait`, one
//! module per aggregate, returning `app::domain` types (never models).

pub mod convert;
pub mod listing;
pub mod producer;
pub mod stats;

/// The status value of a listing buyers can see.
pub const PUBLISHED: &str = "published";
