//! What the inquiry pages show: an inbox line, a conversation
//! with its messages and quotes, and which side of it the reader is on.
//! Who may do what in a conversation is decided here once
//! (`ThreadRights::for_side`); the server enforces it, the pages only
//! offer what it allows.

use serde::{Deserialize, Serialize};

use super::{
    AppError, CalendarDate, CountryCode, Currency, Incoterm, InquiryStatus, ListingCard, ProducerCard, Quantity,
    QuoteDecision, QuoteTerms,
};

/// Inbox lines per page.
pub const INBOX_PAGE_SIZE: u64 = 20;

/// The reader's side of a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    /// The buyer who asked.
    Buyer,
    /// The producer asked (its account).
    Producer,
}

/// What the reader may do in a conversation in its current status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadRights {
    pub reply: bool,
    /// Attach a quote to a reply (the producer).
    pub quote: bool,
    /// Accept or decline the pending quote (the buyer).
    pub decide: bool,
    pub close: bool,
    pub mark_spam: bool,
}

impl ThreadRights {
    /// One rule: nobody acts in a spam thread; an inquiry held until its
    /// buyer's address is confirmed can only wait; the producer replies,
    /// quotes and marks spam; the buyer replies and decides on a quote.
    pub fn for_side(side: Side, status: InquiryStatus, delivered: bool) -> ThreadRights {
        if status == InquiryStatus::Spam || !delivered {
            return ThreadRights::default();
        }
        let open = status != InquiryStatus::Closed;
        match side {
            Side::Producer => ThreadRights { reply: true, quote: true, decide: false, close: open, mark_spam: true },
            Side::Buyer => ThreadRights {
                reply: true,
                quote: false,
                decide: status == InquiryStatus::Quoted,
                close: open,
                mark_spam: false,
            },
        }
    }
}

/// One line of an inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxLine {
    pub id: i64,
    pub status: InquiryStatus,
    pub product: String,
    /// The other side: the producer's name for a buyer, the buyer's company
    /// (or name) for a producer.
    pub counterpart: String,
    /// The buyer's country (for the producer's inbox).
    pub buyer_country: Option<CountryCode>,
    /// The listing asked about, while buyers may still see it.
    pub listing: Option<ListingCard>,
    /// The last message's first characters.
    pub excerpt: String,
    /// RFC 3339, UTC.
    pub last_activity_at: String,
    /// Something new since the reader last opened it.
    pub unread: bool,
    /// Waiting for the buyer's e-mail confirmation (the buyer's inbox only).
    pub held: bool,
    /// The showcase the buyer came from, by its title.
    pub showcase: Option<String>,
    /// The member the conversation is assigned to (the producer's inbox).
    #[serde(default)]
    pub assignee: Option<String>,
}

/// A page of an inbox, newest activity first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub side: Side,
    pub status: Option<InquiryStatus>,
    /// Only the conversations assigned to the reader ("mine"), else the
    /// company's (a producer's member; always false for a buyer).
    #[serde(default)]
    pub mine: bool,
    /// The company's saved replies (a producer's inbox).
    #[serde(default)]
    pub saved_replies: Vec<super::SavedReply>,
    pub lines: Vec<InboxLine>,
    pub total: u64,
    /// From 1.
    pub page: u64,
    pub pages: u64,
}

/// A quote as the conversation shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteCard {
    /// The message that carried it.
    pub message_id: i64,
    pub terms: QuoteTerms,
    pub decision: Option<QuoteDecision>,
    /// The latest quote, still open for a decision.
    pub pending: bool,
}

/// One message of a conversation. `body` is plain text: pages print it as
/// text (never as HTML) and make no link of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadMessage {
    pub id: i64,
    pub mine: bool,
    pub author: String,
    pub body: String,
    /// RFC 3339, UTC.
    pub sent_at: String,
    pub quote: Option<QuoteCard>,
}

/// A whole conversation as one side sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub id: i64,
    pub side: Side,
    pub status: InquiryStatus,
    pub rights: ThreadRights,
    /// Waiting for the buyer's e-mail confirmation.
    pub held: bool,
    pub product: String,
    pub listing: Option<ListingCard>,
    pub producer_name: String,
    pub producer_slug: String,
    /// The buyer's company name, or their name without a profile.
    pub buyer_name: String,
    pub buyer_country: Option<CountryCode>,
    pub quantity: Option<Quantity>,
    pub target_price: Option<(i64, Currency)>,
    pub incoterm: Option<Incoterm>,
    pub destination_country: CountryCode,
    pub wanted_by: Option<CalendarDate>,
    pub messages: Vec<ThreadMessage>,
    /// The producer's side: who the conversation is assigned to, and the
    /// members it may be assigned to `(account, name)`.
    #[serde(default)]
    pub assignee: Option<i64>,
    #[serde(default)]
    pub answerers: Vec<(i64, String)>,
    /// The company's saved replies, to start an answer from (producer's side).
    #[serde(default)]
    pub saved_replies: Vec<super::SavedReply>,
    /// The deal an accepted quote of this conversation opened (the latest).
    #[serde(default)]
    pub deal: Option<(i64, super::DealStatus)>,
}

/// What an inquiry is about: one listing (from its page), or a producer
/// as a whole (from the producer page; the buyer names the product).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InquiryAbout {
    Listing(i64),
    Producer(String),
}

impl InquiryAbout {
    /// From the form's two optional fields: exactly one must be given.
    pub fn from_fields(listing: Option<i64>, producer: Option<String>) -> Result<InquiryAbout, AppError> {
        match (listing, producer.filter(|slug| !slug.trim().is_empty())) {
            (Some(id), None) => Ok(InquiryAbout::Listing(id)),
            (None, Some(slug)) => Ok(InquiryAbout::Producer(slug)),
            _ => Err(AppError::NotFound),
        }
    }

    /// The path of the inquiry form (without the language prefix).
    pub fn form_path(&self) -> String {
        match self {
            InquiryAbout::Listing(id) => format!("/listings/{id}/inquire"),
            InquiryAbout::Producer(slug) => format!("/producers/{slug}/inquire"),
        }
    }
}

/// What the inquiry form needs to show: the producer asked, the listing
/// asked about (none when the inquiry starts from the producer page) and,
/// for a signed-in buyer, the country their inquiries go to by default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryStart {
    pub producer: ProducerCard,
    pub listing: Option<ListingCard>,
    pub default_destination: Option<CountryCode>,
}

/// The account fields of the inquiry form for a visitor who is not signed
/// in: `mode` is `sign-up` (with a name) or `sign-in`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineAccount {
    #[serde(default)]
    pub mode: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
}

/// The answer to a sent inquiry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentInquiry {
    pub id: i64,
    /// Held until the buyer confirms their address.
    pub held: bool,
}

/// A conversation's status change asked for by one side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThreadAction {
    Close,
    MarkSpam,
    Accept,
    Decline,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_side_may_do_its_own_part_and_nobody_acts_on_spam_or_held_inquiries() {
        let producer = ThreadRights::for_side(Side::Producer, InquiryStatus::New, true);
        assert!(producer.reply && producer.quote && producer.mark_spam && !producer.decide);
        let buyer = ThreadRights::for_side(Side::Buyer, InquiryStatus::Answered, true);
        assert!(buyer.reply && !buyer.quote && !buyer.mark_spam && !buyer.decide, "no quote to decide on");
        assert!(ThreadRights::for_side(Side::Buyer, InquiryStatus::Quoted, true).decide);
        assert!(!ThreadRights::for_side(Side::Buyer, InquiryStatus::Closed, true).close, "already closed");
        for side in [Side::Buyer, Side::Producer] {
            assert_eq!(ThreadRights::for_side(side, InquiryStatus::Spam, true), ThreadRights::default());
            assert_eq!(ThreadRights::for_side(side, InquiryStatus::New, false), ThreadRights::default());
        }
    }
}
