//! A buyer's shortlist: listings and producers saved to compare.

use serde::{Deserialize, Serialize};

use super::{ListingCard, ProducerCard};

/// Something a buyer can save.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SavedThing {
    Listing(i64),
    /// By the producer's slug, as its page is addressed.
    Producer(String),
}

/// What the shortlist page shows: what buyers may still see of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortlist {
    pub listings: Vec<ListingCard>,
    pub producers: Vec<ProducerCard>,
}
