//! What the trade offices' pages show: the producers of an
//! office's regions with their verification and moderation state, one
//! producer with its listings, and the accounts the national team appoints.

use serde::{Deserialize, Serialize};

use super::Office;
use crate::domain::account::{AccountStatus, Role};
use crate::domain::company::LegalForm;
use crate::domain::listing_form::ListingStatus;
use crate::domain::moderation::Hidden;
use crate::domain::region::Region;
use crate::domain::verification::{RejectReason, VerificationState};

/// Producers per page of an office's list.
pub const OFFICE_PAGE_SIZE: u64 = 40;

/// Which producers an office's list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProducerState {
    Verified,
    Unverified,
    Hidden,
    /// Hidden, and the owner asked for a review.
    ReviewAsked,
}

impl ProducerState {
    pub const ALL: [ProducerState; 4] =
        [ProducerState::Verified, ProducerState::Unverified, ProducerState::Hidden, ProducerState::ReviewAsked];

    pub fn slug(self) -> &'static str {
        match self {
            ProducerState::Verified => "verified",
            ProducerState::Unverified => "unverified",
            ProducerState::Hidden => "hidden",
            ProducerState::ReviewAsked => "review",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ProducerState> {
        ProducerState::ALL.into_iter().find(|state| state.slug() == slug)
    }
}

/// The list's filters, from the page's query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProducerFilter {
    pub region: Option<Region>,
    pub state: Option<ProducerState>,
    /// Part of the trade or legal name.
    pub text: String,
    pub page: u64,
}

impl ProducerFilter {
    /// Reads the query string; unreadable values are dropped.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ProducerFilter {
        let text = |key: &str| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        ProducerFilter {
            region: text("region").and_then(|v| Region::from_slug(&v)),
            state: text("state").and_then(|v| ProducerState::from_slug(&v)),
            text: text("q").map(|v| v.chars().take(100).collect()).unwrap_or_default(),
            page: text("page").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 10_000),
        }
    }
}

/// A producer as an office sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeProducerLine {
    pub slug: String,
    pub trade_name: String,
    pub legal_name: String,
    pub legal_form: LegalForm,
    pub region: Region,
    pub city: String,
    pub verified: bool,
    pub hidden: Option<Hidden>,
    pub owner_user_id: i64,
    pub owner_email: String,
    pub owner_status: AccountStatus,
    pub listings: u64,
}

/// One page of an office's producers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeProducers {
    pub office: Office,
    pub lines: Vec<OfficeProducerLine>,
    pub total: u64,
    pub filter: ProducerFilter,
}

/// A listing on an office's producer page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeListingLine {
    pub id: i64,
    pub title: String,
    pub status: ListingStatus,
    pub hidden: Option<Hidden>,
    /// Its public page, while buyers may see it.
    pub public_path: Option<String>,
}

/// One producer, as an office acts on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeProducer {
    /// The office looking at it.
    pub office: Office,
    pub line: OfficeProducerLine,
    pub ice: Option<String>,
    pub declared_ice: Option<String>,
    pub registration_number: Option<String>,
    pub cooperative_approval: Option<String>,
    pub verification: Option<(VerificationState, Option<RejectReason>)>,
    pub listings: Vec<OfficeListingLine>,
    /// Created by an office and not claimed yet: the office edits it.
    pub unclaimed: bool,
    /// The address of the invitation waiting to be used, if any.
    pub invitation: Option<String>,
}

/// The cooperative's claim page: which producer, for which address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimPage {
    pub producer: String,
    pub email: String,
}

/// The cookie naming the producer an office works on (`act_for`). It
/// selects, it grants nothing: every request checks again that the person
/// is an administrator of the producer's office and that it is unclaimed.
pub const ACTING_FOR_COOKIE: &str = "tradema_acting_for";

/// An account, as the national team appoints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLine {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub office: Option<Office>,
    pub status: AccountStatus,
    /// The person looking at the list (nobody changes their own role).
    pub is_you: bool,
}
