//! Deals: what an accepted quote becomes. A deal goes agreed → proforma
//! sent → paid or secured → in production → shipped → received, each step
//! moved by the side that knows it happened, with its date, an optional
//! reference (proforma number, bill of lading or air waybill, container)
//! and a note. One rule in one place: `DealStatus::may_move`; the server
//! enforces it, the pages offer only what it allows. Counting a deal as an
//! export is `exports`'.

mod exports;
mod form;
mod page;
mod proforma;

pub use exports::{CountedExport, ExportFigures, MarketExports, UNCONFIRMED_SHIPMENT_DAYS, export_day};
pub use form::{DEAL_NOTE_MAX_CHARS, DEAL_REFERENCE_MAX_CHARS, DealStep, DealStepForm};
pub use page::{DealCard, DealLine, DealPage, DealStepLine};
pub use proforma::{
    BANK_NAME_MAX_CHARS, BankDetails, Billing, BillingForm, PAYMENT_TERMS_MAX_CHARS, ProformaPage, ProformaParty,
    proforma_number,
};

use super::Side;
use super::slug_enum::slug_enum;

slug_enum! {
    /// Where a deal stands.
    DealStatus, "deal_status" {
        Agreed => "agreed",
        ProformaSent => "proforma-sent",
        /// Paid, or its payment secured (letter of credit, bank guarantee).
        Secured => "secured",
        InProduction => "in-production",
        Shipped => "shipped",
        Received => "received",
        Cancelled => "cancelled",
    }
}

impl DealStatus {
    /// The step's place in a deal's order; `None` for a cancelled deal.
    fn rank(self) -> Option<u8> {
        match self {
            DealStatus::Agreed => Some(0),
            DealStatus::ProformaSent => Some(1),
            DealStatus::Secured => Some(2),
            DealStatus::InProduction => Some(3),
            DealStatus::Shipped => Some(4),
            DealStatus::Received => Some(5),
            DealStatus::Cancelled => None,
        }
    }

    /// The side that knows when the step happened: the producer sends the
    /// proforma, sees the payment secured, produces and ships; the buyer
    /// receives. Either side may cancel (`None`).
    pub fn moved_by(self) -> Option<Side> {
        match self {
            DealStatus::Agreed | DealStatus::Cancelled => None,
            DealStatus::Received => Some(Side::Buyer),
            _ => Some(Side::Producer),
        }
    }

    /// Whether `side` may move a deal from `self` to `to`. Forward only: the
    /// producer may skip its own steps (goods in stock need no production),
    /// the buyer confirms receipt once shipped, and either side cancels
    /// until the goods are shipped. A received or cancelled deal is done.
    pub fn may_move(self, to: DealStatus, side: Side) -> bool {
        let (Some(from), true) = (self.rank(), self.is_open()) else { return false };
        match to {
            DealStatus::Cancelled => from < 4,
            DealStatus::Received => side == Side::Buyer && self == DealStatus::Shipped,
            DealStatus::Agreed => false,
            _ => side == Side::Producer && to.rank().is_some_and(|rank| rank > from),
        }
    }

    /// The steps `side` may take next, in the deal's order.
    pub fn next_steps(self, side: Side) -> Vec<DealStatus> {
        DealStatus::ALL.iter().copied().filter(|to| self.may_move(*to, side)).collect()
    }

    /// Whether anything can still happen to the deal.
    pub fn is_open(self) -> bool {
        !matches!(self, DealStatus::Received | DealStatus::Cancelled)
    }

    /// The steps of a deal that went well, in order (what the page's
    /// progress shows).
    pub fn path() -> &'static [DealStatus] {
        &DealStatus::ALL[..6]
    }

    /// Whether the step is done once the deal stands at `self`.
    pub fn reached(self, step: DealStatus) -> bool {
        matches!((self.rank(), step.rank()), (Some(now), Some(step)) if step <= now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DealStatus::*;

    #[test]
    fn the_producer_moves_its_steps_forward_and_may_skip_one() {
        assert!(Agreed.may_move(ProformaSent, Side::Producer));
        assert!(ProformaSent.may_move(InProduction, Side::Producer), "goods paid on proforma, no separate step");
        assert!(Secured.may_move(Shipped, Side::Producer), "from stock");
        assert!(!InProduction.may_move(ProformaSent, Side::Producer), "never backwards");
        assert!(!Secured.may_move(Secured, Side::Producer), "never the same step twice");
        for step in [ProformaSent, Secured, InProduction, Shipped] {
            assert!(!Agreed.may_move(step, Side::Buyer), "{step:?} is the producer's to say");
        }
    }

    #[test]
    fn only_the_buyer_confirms_receipt_and_only_after_shipping() {
        assert!(Shipped.may_move(Received, Side::Buyer));
        assert!(!Shipped.may_move(Received, Side::Producer));
        assert!(!InProduction.may_move(Received, Side::Buyer), "not shipped yet");
        assert_eq!(Shipped.next_steps(Side::Buyer), [Received]);
        assert!(Shipped.next_steps(Side::Producer).is_empty(), "once shipped the producer waits");
    }

    #[test]
    fn either_side_cancels_until_the_goods_leave() {
        for from in [Agreed, ProformaSent, Secured, InProduction] {
            for side in [Side::Buyer, Side::Producer] {
                assert!(from.may_move(Cancelled, side), "{from:?} by {side:?}");
            }
        }
        assert!(!Shipped.may_move(Cancelled, Side::Buyer));
        assert!(!Shipped.may_move(Cancelled, Side::Producer));
    }

    #[test]
    fn a_finished_deal_moves_no_more_and_nothing_goes_back_to_agreed() {
        for to in DealStatus::ALL {
            for side in [Side::Buyer, Side::Producer] {
                assert!(!Received.may_move(*to, side));
                assert!(!Cancelled.may_move(*to, side));
                assert!(!ProformaSent.may_move(Agreed, side));
            }
        }
        assert_eq!(Agreed.next_steps(Side::Producer), [ProformaSent, Secured, InProduction, Shipped, Cancelled]);
        assert_eq!(Agreed.next_steps(Side::Buyer), [Cancelled]);
    }

    #[test]
    fn the_progress_marks_what_was_reached() {
        assert_eq!(DealStatus::path().len(), 6);
        assert!(InProduction.reached(ProformaSent) && InProduction.reached(InProduction));
        assert!(!InProduction.reached(Shipped));
        assert!(!Cancelled.reached(Agreed), "a cancelled deal shows no progress");
        assert!(!Cancelled.is_open() && !Received.is_open() && Agreed.is_open());
        assert_eq!(DealStatus::from_slug("in-production"), Some(InProduction));
    }
}
