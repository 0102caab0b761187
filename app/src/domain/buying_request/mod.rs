//! Buying requests: a buyer posts what it needs once, the trade offices
//! screen it, matching producers quote (at most `MAX_QUOTES`, before the
//! deadline), and cooperatives may pool an offer none could make alone.
//! One rule in one place each: how a request's status moves
//! (`RequestStatus::after`) and when it takes quotes (`RequestStatus::effective`),
//! what a request form must hold (`RequestForm::validate`), who matches
//! (`fit`), how many quotes a producer may send a month (`allowance`), how
//! money compares across currencies (`rates`) and what a pooled offer adds up to
//! (`pool`).

mod allowance;
mod figures;
mod fit;
mod form;
mod offer;
mod page;
mod pool;
mod rates;

pub use allowance::{ALLOWANCE_BASE, ALLOWANCE_MAX, monthly_allowance};
pub use figures::{PublishedRequest, RequestFigures};
pub use fit::{Fit, ListingFacts, Needs, fit_of_listing, fit_of_producer};
pub use form::{
    DEFAULT_DEADLINE_DAYS, MAX_DEADLINE_DAYS, REQUEST_DETAILS_MAX_CHARS, REQUEST_PRODUCT_MAX_CHARS, RequestDraft,
    RequestForm, ScreeningForm, hs_heading,
};
pub use offer::{MAX_OFFER_MEMBERS, MAX_OFFERS_PER_REQUEST, OfferForm, OfferTerms, ShareForm};
pub use page::{
    ComparedQuote, MatchedRequest, OfferShareLine, PooledOfferView, QuoteComparison, REQUESTS_PAGE_SIZE, RequestCard,
    RequestFilter, RequestList, RequestPage, RequestViewer, ScreeningLine, ScreeningQueue,
};
pub use pool::{PoolTotals, Share, pool_totals};
pub use rates::{ExchangeRates, RATE_SCALE, RateLine, parse_rate};

use serde::{Deserialize, Serialize};

use super::calendar::CalendarDate;
use super::slug_enum::slug_enum;

/// A request closes once this many producers have quoted.
pub const MAX_QUOTES: u32 = 10;

slug_enum! {
    /// Where a buying request stands, as stored. Whether it still takes
    /// quotes also depends on its deadline and its count of quotes
    /// (`RequestStatus::effective`).
    RequestStatus, "request_status" {
        /// Waiting for a trade office.
        Screening => "screening",
        /// Approved: matched producers see it and quote.
        Open => "open",
        /// Refused by an office, with a reason the buyer reads.
        Refused => "refused",
        /// Folded into an earlier request of the same buyer.
        Merged => "merged",
        /// No more quotes: its deadline passed, it had enough, or the buyer chose.
        Closed => "closed",
        /// Taken back by the buyer.
        Withdrawn => "withdrawn",
    }
}

slug_enum! {
    /// Who sees an approved request.
    RequestVisibility, "request_visibility" {
        /// Listed at `/{lang}/requests` for everyone, without the buyer's identity.
        Public => "public",
        /// Shown to the matched producers only.
        Matched => "matched",
    }
}

slug_enum! {
    /// Where a pooled offer stands.
    OfferStatus, "offer_status" {
        /// Its lead invites members and they commit; the buyer sees nothing yet.
        Building => "building",
        /// Sent to the buyer.
        Submitted => "submitted",
        /// The buyer accepted it: one conversation per member, with its share.
        Accepted => "accepted",
        Declined => "declined",
    }
}

slug_enum! {
    /// Why an office refused a request; the buyer reads it in its language.
    RefusalReason, "request_refusal" {
        /// Too vague to quote: no product, no quantity that makes sense.
        Unclear => "unclear",
        /// Not something Moroccan producers make or may export.
        OutOfScope => "out_of_scope",
        /// Contact details, advertising or anything but a need.
        NotARequest => "not_a_request",
        /// Goods whose export is restricted or prohibited.
        Restricted => "restricted",
    }
}

/// Something that happens to a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestEvent {
    Approve,
    Refuse,
    Merge,
    /// The buyer closes it early (it keeps the quotes it has).
    Close,
    Withdraw,
}

impl RequestStatus {
    /// The status after `event`, or `None` when it is not allowed now:
    /// only a request in screening is approved, refused or merged; only an
    /// open one is closed; a request is withdrawn before it closes.
    pub fn after(self, event: RequestEvent) -> Option<RequestStatus> {
        use RequestStatus::*;
        match (self, event) {
            (Screening, RequestEvent::Approve) => Some(Open),
            (Screening, RequestEvent::Refuse) => Some(Refused),
            (Screening, RequestEvent::Merge) => Some(Merged),
            (Open, RequestEvent::Close) => Some(Closed),
            (Screening | Open, RequestEvent::Withdraw) => Some(Withdrawn),
            _ => None,
        }
    }

    /// The status as readers see it: an open request whose deadline has
    /// passed (`today` after it) or that has `MAX_QUOTES` quotes is closed.
    /// The stored status is never rewritten for this, so the rule cannot
    /// drift from a sweep that did not run.
    pub fn effective(self, deadline: CalendarDate, quotes: u32, today: CalendarDate) -> RequestStatus {
        if self == RequestStatus::Open && (today > deadline || quotes >= MAX_QUOTES) {
            RequestStatus::Closed
        } else {
            self
        }
    }

    /// Whether the request takes quotes now.
    pub fn takes_quotes(self, deadline: CalendarDate, quotes: u32, today: CalendarDate) -> bool {
        self.effective(deadline, quotes, today) == RequestStatus::Open
    }
}

/// An office's verdict on a request in screening.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScreeningDecision {
    Approve,
    Refuse {
        reason: RefusalReason,
        note: Option<String>,
    },
    /// A duplicate of the buyer's earlier request `into`.
    Merge {
        into: i64,
    },
}

impl ScreeningDecision {
    pub fn event(&self) -> RequestEvent {
        match self {
            ScreeningDecision::Approve => RequestEvent::Approve,
            ScreeningDecision::Refuse { .. } => RequestEvent::Refuse,
            ScreeningDecision::Merge { .. } => RequestEvent::Merge,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> CalendarDate {
        CalendarDate::parse(text).expect("a date")
    }

    #[test]
    fn only_screening_is_decided_and_only_open_is_closed() {
        use RequestStatus::*;
        assert_eq!(Screening.after(RequestEvent::Approve), Some(Open));
        assert_eq!(Screening.after(RequestEvent::Refuse), Some(Refused));
        assert_eq!(Screening.after(RequestEvent::Merge), Some(Merged));
        assert_eq!(Open.after(RequestEvent::Approve), None, "approved once");
        assert_eq!(Refused.after(RequestEvent::Approve), None);
        assert_eq!(Open.after(RequestEvent::Close), Some(Closed));
        assert_eq!(Screening.after(RequestEvent::Close), None);
        assert_eq!(Open.after(RequestEvent::Withdraw), Some(Withdrawn));
        assert_eq!(Closed.after(RequestEvent::Withdraw), None, "a closed request keeps its quotes");
    }

    #[test]
    fn an_open_request_closes_at_its_deadline_or_at_ten_quotes() {
        let deadline = day("2026-12-21");
        let open = RequestStatus::Open;
        assert!(open.takes_quotes(deadline, 0, day("2026-12-07")));
        assert!(open.takes_quotes(deadline, 9, day("2026-12-21")), "the deadline day still counts");
        assert!(!open.takes_quotes(deadline, 0, day("2026-12-22")));
        assert!(!open.takes_quotes(deadline, MAX_QUOTES, day("2026-12-07")));
        assert_eq!(open.effective(deadline, 10, day("2026-12-07")), RequestStatus::Closed);
        assert_eq!(RequestStatus::Screening.effective(deadline, 0, day("2027-01-30")), RequestStatus::Screening);
    }
}
