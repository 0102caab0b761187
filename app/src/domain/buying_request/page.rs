//! What the pages of buying requests show, as the server sends them. The
//! card is all anyone but the buyer and the offices learns of a request:
//! what was asked, the days left and how many quotes arrived; never who
//! asked and never who quoted. The buyer's view adds the quotes side by
//! side; a producer's adds whether it matches and what it may still send.

use serde::{Deserialize, Serialize};

use super::super::{
    CalendarDate, Certification, CountryCode, Currency, Incoterm, OriginLabel, Quantity, QuoteDecision,
    ResponseMetrics, Sector, WorldRegion,
};
use super::{Fit, PoolTotals, RefusalReason, RequestStatus, RequestVisibility};

/// Requests per page of the public list.
pub const REQUESTS_PAGE_SIZE: u64 = 20;

/// A request as anyone allowed to see it reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestCard {
    pub id: i64,
    pub product: String,
    pub hs_code: Option<String>,
    /// The vocabulary's name of what the product text says, in the reader's
    /// language, when it recognised one.
    pub understood_as: Option<String>,
    pub sector: Sector,
    pub quantity: Quantity,
    pub target_price: Option<(i64, Currency)>,
    pub incoterm: Option<Incoterm>,
    pub destination_country: CountryCode,
    pub certifications: Vec<Certification>,
    pub origin_labels: Vec<OriginLabel>,
    pub wanted_by: Option<CalendarDate>,
    pub deadline: CalendarDate,
    /// Days until the deadline, 0 on its day (meaningful while open).
    pub days_left: i64,
    pub quotes: u32,
    /// As readers see it (`RequestStatus::effective`).
    pub status: RequestStatus,
    pub visibility: RequestVisibility,
    pub posted_on: CalendarDate,
    pub details: String,
}

/// The public list's filters, as its query string holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestFilter {
    pub sector: Option<Sector>,
    /// The destination's world market.
    pub market: Option<WorldRegion>,
    pub page: u64,
}

impl RequestFilter {
    /// Reads the query string; an unreadable value is dropped, never refused.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> RequestFilter {
        RequestFilter {
            sector: get("sector").and_then(|slug| Sector::from_slug(&slug)),
            market: get("market").and_then(|slug| WorldRegion::from_slug(&slug)),
            page: get("page").and_then(|page| page.parse().ok()).filter(|page| *page >= 1).unwrap_or(1),
        }
    }
}

/// One page of the open public requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestList {
    pub cards: Vec<RequestCard>,
    pub total: u64,
    pub page: u64,
    pub filter: RequestFilter,
}

/// One quote as the buyer compares it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparedQuote {
    /// The quote's conversation.
    pub thread_id: i64,
    /// The quote's message (what accepting names).
    pub quote_id: i64,
    pub producer_name: String,
    pub producer_slug: String,
    pub verified: bool,
    pub certifications: Vec<Certification>,
    pub response: ResponseMetrics,
    pub unit_price_minor: i64,
    pub currency: Currency,
    /// In the comparison's currency, when a rate is kept.
    pub converted_minor: Option<i64>,
    pub quantity: Quantity,
    pub incoterm: Incoterm,
    pub named_place: String,
    pub valid_until: CalendarDate,
    pub lead_time_days: u32,
    pub decision: Option<QuoteDecision>,
    /// Set for a share of a pooled offer.
    pub pooled_offer: Option<i64>,
}

/// The buyer's side-by-side view of its quotes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteComparison {
    pub currency: Currency,
    /// The date of the rates used, when any conversion was made.
    pub rates_as_of: Option<CalendarDate>,
    pub quotes: Vec<ComparedQuote>,
}

/// One member's line of a pooled offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferShareLine {
    pub producer_id: i64,
    pub producer_name: String,
    pub producer_slug: String,
    pub verified: bool,
    /// `None` while invited and not committed.
    pub quantity: Option<u64>,
    pub unit_price_minor: Option<i64>,
    pub percent: u8,
    /// The conversation accepting the offer opened with this member.
    pub thread_id: Option<i64>,
}

/// A pooled offer as its members and, once submitted, the buyer see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PooledOfferView {
    pub id: i64,
    pub request_id: i64,
    pub status: super::OfferStatus,
    pub lead_name: String,
    pub currency: Currency,
    pub incoterm: Incoterm,
    pub named_place: String,
    pub valid_until: CalendarDate,
    pub lead_time_days: u32,
    pub message: String,
    pub shares: Vec<OfferShareLine>,
    pub totals: PoolTotals,
    /// The reader leads it (invites, submits).
    pub leads: bool,
    /// The reader's own producer among the members, and whether it committed.
    pub own_share: Option<i64>,
}

/// What the reader of a request's page may see and do beyond its card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestViewer {
    /// Anyone else: the card alone.
    Public,
    /// Its buyer: what the office decided, and the quotes side by side.
    Buyer {
        refusal: Option<(RefusalReason, Option<String>)>,
        merged_into: Option<i64>,
        comparison: QuoteComparison,
        offers: Vec<PooledOfferView>,
    },
    /// A producer's member who answers inquiries.
    Producer {
        fit: Option<Fit>,
        /// Its quote's conversation, once it quoted.
        quoted_in: Option<i64>,
        allowance: u32,
        used_this_month: u32,
        offers: Vec<PooledOfferView>,
        /// Other matched producers it may invite to a pooled offer it leads.
        partners: Vec<(i64, String)>,
    },
    /// A trade office: who asked, and the screening form while it waits.
    Office {
        buyer_name: String,
        buyer_email: String,
        matched: u32,
        offers: Vec<PooledOfferView>,
        /// Matched producers the office may bring into an offer as broker.
        partners: Vec<(i64, String)>,
    },
}

/// A request's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestPage {
    pub card: RequestCard,
    pub viewer: RequestViewer,
}

/// A request a producer was matched to, in its workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchedRequest {
    pub card: RequestCard,
    pub fit: Fit,
    pub quoted_in: Option<i64>,
}

/// A request waiting in an office's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningLine {
    pub card: RequestCard,
    pub buyer_name: String,
    pub buyer_email: String,
    pub buyer_country: Option<CountryCode>,
    /// Producers it would reach once approved.
    pub matched: u32,
    /// The buyer's other requests still screening or open: merge candidates.
    pub earlier: Vec<(i64, String)>,
}

/// An office's screening queue, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningQueue {
    pub lines: Vec<ScreeningLine>,
}
