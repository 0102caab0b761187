//! The `Inquiries` port: a buyer asks a producer about a listing,
//! both sides write in one conversation, the producer quotes and the buyer
//! decides. Rules, each here once:
//! - only buyers send inquiries; an inquiry from an address not yet
//!   confirmed is held (the producer does not see it) until the buyer
//!   follows the link mailed to them;
//! - at most `PER_HOUR` inquiries an hour per account and per client
//!   address, `AFTER_SPAM_PER_DAY` a day for a buyer a producer marked as a
//!   spammer in the last 30 days; the same text about the same listing
//!   within 24 hours is refused, naming the existing conversation;
//! - a conversation exists for its buyer and, once delivered, for the
//!   producer's members who answer inquiries (`WorkspaceAction::AnswerInquiries`),
//!   for nobody else (`NotFound`, so ids reveal nothing); what each side
//!   may do is `ThreadRights::for_side`;
//! - a delivered conversation is assigned to a member (`teams::routing`);
//!   mails about it go to its assignee, or to the owners when nobody is;
//! - the other side gets one mail when a conversation goes from read to
//!   unread for them, not one per message; mails never carry the message
//!   text, only a link back.

use crate::db::Db;
use app::domain::{
    AppError, BuyerAccess, BuyerProfileForm, CalendarDate, CountryCode, Currency, INBOX_PAGE_SIZE, Inbox, InboxLine,
    Incoterm, InquiryAbout, InquiryDraft, InquiryForm, InquiryStart, InquiryStatus, ListingCard, Locale, Quantity,
    QuoteCard, QuoteDecision, QuoteTerms, ReplyForm, Role, SentInquiry, Side, TeamKind, Thread, ThreadAction,
    ThreadEvent, ThreadMessage, ThreadRights, Unit, Viewer, WorkspaceAction,
};
use app::domain::{MAX_SAVED_REPLIES, SavedReplyForm};
use app::ports::Inquiries;
use chrono::{DateTime, Duration, Utc};
use url::Url;

use super::sha256_hex;
use crate::auth::rate_limit::{INQUIRY_ADDRESS, Limiter};
use crate::db;
use crate::entities::{inquiries, producers, quotes};
use crate::error::StoreError;
use crate::repo::inquiry::{self, Activity, NewInquiry, Owner};
use crate::repo::{email_verification, listing, mail_outbox};
use crate::services::teams::routing;
use std::collections::HashMap;

/// Inquiries an account may send in an hour.
pub const PER_HOUR: u64 = 10;
/// Inquiries a day for a buyer marked as a spammer in the last 30 days.
pub const AFTER_SPAM_PER_DAY: u64 = 2;

// One client address may send twice what one account may.
const _: () = assert!(INQUIRY_ADDRESS.limit as u64 == PER_HOUR * 2 && INQUIRY_ADDRESS.period.num_hours() == 1);

pub struct InquiriesService {
    db: Db,
    public_url: Url,
    /// Inquiries from one client address: `PER_HOUR` × 2 an hour
    /// (`rate_limit::INQUIRY_ADDRESS`), counted for the whole fleet.
    per_address: Limiter,
}

impl InquiriesService {
    pub fn new(db: Db, public_url: Url) -> InquiriesService {
        let per_address = Limiter::new(db.clone(), INQUIRY_ADDRESS);
        InquiriesService { db, public_url, per_address }
    }

    fn link(&self, path: &str) -> String {
        super::link_to(&self.public_url, path)
    }

    /// Accounts' display names.
    async fn names(&self, ids: Vec<i64>) -> Result<HashMap<i64, String>, StoreError> {
        Ok(crate::repo::user::by_ids(&self.db, ids).await?.into_iter().map(|row| (row.id, row.display_name)).collect())
    }

    /// The producer an inquiry goes to and the listing it is about: only a
    /// listing or a producer buyers may see (`NotFound` otherwise).
    async fn target(
        &self,
        about: &InquiryAbout,
        locale: Locale,
    ) -> Result<(producers::Model, Option<ListingCard>), AppError> {
        let (slug, listing) = match about {
            InquiryAbout::Listing(id) => {
                let card = listing::cards_by_ids(&self.db, &[*id], locale).await?.pop().ok_or(AppError::NotFound)?;
                (card.producer_slug.clone(), Some(card))
            }
            InquiryAbout::Producer(slug) => (slug.clone(), None),
        };
        let producer = crate::repo::producer::visible_by_slug(&self.db, &slug).await?.ok_or(AppError::NotFound)?;
        Ok((producer, listing))
    }

    /// The reader's side of a conversation, or `NotFound` for anyone else
    /// (and for its producer while it is held).
    async fn side_of(&self, viewer: &Viewer, row: &inquiries::Model) -> Result<Side, AppError> {
        if viewer.role == Role::Buyer && row.buyer_user_id == viewer.user_id {
            return Ok(Side::Buyer);
        }
        if row.delivered_at.is_some()
            && answering_producer(viewer).is_ok_and(|producer_id| producer_id == row.producer_id)
        {
            return Ok(Side::Producer);
        }
        Err(AppError::NotFound)
    }

    /// The conversation and the reader's side of it.
    async fn open(&self, viewer: &Viewer, id: i64) -> Result<(inquiries::Model, Side), AppError> {
        let row = inquiry::by_id(&self.db, id).await?.ok_or(AppError::NotFound)?;
        let side = self.side_of(viewer, &row).await?;
        Ok((row, side))
    }

    /// Queues the "new message" mail to the side that did not act, when
    /// this activity is the first they have not read.
    async fn notify_other_side(
        &self,
        txn: &impl sea_orm::ConnectionTrait,
        row: &inquiries::Model,
        actor: Side,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let read_at = match actor {
            Side::Buyer => row.producer_read_at,
            Side::Producer => row.buyer_read_at,
        };
        // Something was already unread: the mail about it is enough.
        if read_at.is_none_or(|read| read < row.last_activity_at) || row.delivered_at.is_none() {
            return Ok(());
        }
        match actor {
            Side::Buyer => self.mail_producer(txn, row, now).await,
            Side::Producer => self.queue_message_mail(txn, row.buyer_user_id, row, now).await,
        }
    }

    /// Mails the producer's side of a conversation: its assignee, or the
    /// owners when nobody answers for it.
    async fn mail_producer(
        &self,
        txn: &impl sea_orm::ConnectionTrait,
        row: &inquiries::Model,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        for recipient in routing::recipients(txn, row.producer_id, row.assignee_user_id).await? {
            self.queue_message_mail(txn, recipient, row, now).await?;
        }
        Ok(())
    }

    /// Assigns a conversation just delivered and mails who it went to.
    async fn deliver(
        &self,
        txn: &impl sea_orm::ConnectionTrait,
        row: &inquiries::Model,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let assignee = routing::assign_new(txn, row).await?;
        let row = inquiries::Model { assignee_user_id: assignee, ..row.clone() };
        self.mail_producer(txn, &row, now).await
    }

    async fn queue_message_mail(
        &self,
        txn: &impl sea_orm::ConnectionTrait,
        recipient: i64,
        row: &inquiries::Model,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let Some(user) = crate::repo::user::by_id(txn, recipient).await? else { return Ok(()) };
        let locale = Locale::from_code(&user.locale).unwrap_or(Locale::DEFAULT);
        let link = self.link(&format!("/{}/inquiries/{}", locale.code(), row.id));
        let mail = crate::mail::new_message(locale, &user.email, &link);
        mail_outbox::enqueue(txn, &mail, now).await?;
        Ok(())
    }
}

/// The producer whose conversations the reader answers (a member whose
/// role answers inquiries), or `NotFound`.
fn answering_producer(viewer: &Viewer) -> Result<i64, AppError> {
    let access = viewer.as_producer()?;
    access.require(WorkspaceAction::AnswerInquiries)?;
    access.producer_id().ok_or(AppError::NotFound)
}

fn calendar(date: chrono::NaiveDate) -> Result<CalendarDate, StoreError> {
    CalendarDate::parse(&date.format("%Y-%m-%d").to_string())
        .ok_or_else(|| StoreError::Corrupt(format!("date `{date}` out of range")))
}

fn status_of(value: &str) -> Result<InquiryStatus, StoreError> {
    crate::repo::convert::slug(value, InquiryStatus::from_slug, "inquiry status")
}

fn quantity_of(amount: Option<i64>, unit: Option<&str>) -> Result<Option<Quantity>, StoreError> {
    match (amount, unit) {
        (Some(amount), Some(unit)) => Ok(Some(Quantity {
            amount: amount.max(0) as u64,
            unit: crate::repo::convert::slug(unit, Unit::from_slug, "unit")?,
        })),
        _ => Ok(None),
    }
}

fn country_of(value: &str) -> Result<CountryCode, StoreError> {
    CountryCode::parse(value).map_err(|_| StoreError::Corrupt(format!("unknown country `{value}`")))
}

pub(crate) fn quote_card(quote: quotes::Model, latest: bool) -> Result<QuoteCard, StoreError> {
    use crate::repo::convert::slug;
    let decision =
        quote.decision.as_deref().map(|value| slug(value, QuoteDecision::from_slug, "quote decision")).transpose()?;
    Ok(QuoteCard {
        message_id: quote.message_id,
        terms: QuoteTerms {
            unit_price_minor: quote.unit_price_minor,
            currency: slug(&quote.currency, Currency::from_slug, "currency")?,
            quantity: Quantity {
                amount: quote.quantity_amount.max(0) as u64,
                unit: slug(&quote.quantity_unit, Unit::from_slug, "unit")?,
            },
            incoterm: slug(&quote.incoterm, Incoterm::from_slug, "incoterm")?,
            named_place: quote.named_place,
            valid_until: calendar(quote.valid_until)?,
            lead_time_days: quote.lead_time_days.max(0) as u32,
        },
        pending: latest && decision.is_none(),
        decision,
    })
}

/// The first characters of a message, on one line.
fn excerpt(body: &str) -> String {
    const CHARS: usize = 140;
    let line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

#[async_trait::async_trait]
impl Inquiries for InquiriesService {
    async fn start(
        &self,
        viewer: Option<&Viewer>,
        about: &InquiryAbout,
        browser_country: Option<CountryCode>,
        locale: Locale,
    ) -> Result<InquiryStart, AppError> {
        let (producer, listing) = self.target(about, locale).await?;
        let producer = crate::repo::producer::cards_for(&self.db, vec![producer]).await?.remove(0);
        let default_destination = match viewer {
            Some(viewer) if viewer.role == Role::Buyer => {
                crate::repo::buyer_profile::names(&self.db, &[viewer.user_id])
                    .await?
                    .remove(&viewer.user_id)
                    .and_then(|(_, country)| country)
            }
            _ => None,
        }
        // Without a profile, the country the browser's languages name.
        .or(browser_country);
        Ok(InquiryStart { producer, listing, default_destination })
    }

    async fn send(
        &self,
        buyer: &BuyerAccess,
        client: &str,
        about: &InquiryAbout,
        showcase: Option<&str>,
        form: &InquiryForm,
        locale: Locale,
    ) -> Result<SentInquiry, AppError> {
        let draft: InquiryDraft = form.validate(CalendarDate::today())?;
        let (producer, listing) = self.target(about, locale).await?;
        let listing_id = listing.as_ref().map(|card| card.id);
        if producer.owner_user_id == buyer.user_id() {
            return Err(AppError::NotFound);
        }
        let now = Utc::now();
        // What the text is about is part of what makes it the same inquiry.
        let subject = listing_id.map_or_else(|| format!("producer {}", producer.id), |id| id.to_string());
        let digest = sha256_hex(&format!("{subject}\n{}", draft.message.trim()));
        let home = crate::repo::buyer_profile::names(&self.db, &[buyer.user_id()])
            .await?
            .remove(&buyer.user_id())
            .and_then(|(_, country)| country);
        let destination = draft
            .destination_country
            .or(home)
            .ok_or_else(|| AppError::invalid("destination_country", "invalid.required"))?;
        let showcase_id = match showcase {
            Some(slug) => crate::repo::showcase::exhibiting(&self.db, slug, producer.id).await?,
            None => None,
        };
        // The duplicate and the limits are checked inside the write
        // transaction, the buyer's inquiries serialised (`db::serialize`):
        // a double submit cannot pass both checks twice, on either database.
        let txn = db::begin_write(&self.db).await?;
        db::serialize(&txn, db::WriteScope::BuyerInquiries(buyer.user_id())).await?;
        // Read after the lock: a confirmation committed meanwhile (it
        // serialises on the same scope) delivers this inquiry at once.
        let account = crate::repo::user::by_id(&txn, buyer.user_id()).await?.ok_or(AppError::Unauthorized)?;
        let delivered = account.email_verified_at.is_some();
        if let Some(existing) =
            inquiry::same_since(&txn, buyer.user_id(), producer.id, &digest, now - Duration::hours(24)).await?
        {
            return Err(AppError::AlreadySent { inquiry: existing });
        }
        let spammer = inquiry::spam_since(&txn, buyer.user_id(), now - Duration::days(30)).await? > 0;
        let over = if spammer {
            inquiry::sent_since(&txn, buyer.user_id(), now - Duration::days(1)).await? >= AFTER_SPAM_PER_DAY
        } else {
            inquiry::sent_since(&txn, buyer.user_id(), now - Duration::hours(1)).await? >= PER_HOUR
        };
        // The address is counted in the transaction: on SQLite the pool's
        // other connections wait for its write lock.
        if over || !self.per_address.try_hit_within(&txn, client, now).await? {
            tracing::warn!(user = buyer.user_id(), spammer, "inquiry refused: too many");
            return Err(AppError::RateLimited);
        }
        let new = NewInquiry {
            producer_id: producer.id,
            listing_id,
            buyer_user_id: buyer.user_id(),
            draft: &draft,
            destination_country: destination.as_str(),
            buyer_country: home.map(CountryCode::as_str),
            showcase_id,
            message_digest: digest,
            delivered,
        };
        let id = inquiry::insert(&txn, new, now).await?;
        if delivered {
            let row = inquiry::by_id(&txn, id).await?.ok_or(AppError::Internal)?;
            self.deliver(&txn, &row, now).await?;
        } else {
            super::confirmation::queue(&txn, &account, locale, now, &self.public_url).await?;
        }
        // A delivered inquiry counts in the producer's response numbers.
        if delivered {
            db::commit(txn).await?
        } else {
            db::commit_private(txn).await?
        }
        tracing::info!(inquiry = id, producer = producer.id, listing = ?listing_id, delivered, "inquiry sent");
        Ok(SentInquiry { id, held: !delivered })
    }

    async fn hold_for_new_buyer(
        &self,
        user_id: i64,
        client: &str,
        about: &InquiryAbout,
        showcase: Option<&str>,
        form: &InquiryForm,
        locale: Locale,
    ) -> Result<SentInquiry, AppError> {
        let row = crate::repo::user::by_id(&self.db, user_id).await?;
        let buyer = row
            .filter(|row| row.email_verified_at.is_none())
            .and_then(|row| crate::auth::AccountUser::from_row(&row))
            .ok_or(AppError::NotFound)?
            .viewer
            .as_buyer()?;
        self.send(&buyer, client, about, showcase, form, locale).await
    }

    async fn confirm_address(&self, token: &str) -> Result<i64, AppError> {
        let bad = || AppError::invalid("token", "invalid.confirm_token");
        if token.len() != 64 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let now = Utc::now();
        let txn = db::begin_write(&self.db).await?;
        let user_id = email_verification::spend(&txn, &sha256_hex(token), now).await?.ok_or_else(bad)?;
        // Two links used at once deliver the held inquiries once, one mail
        // each: the second waits, then finds none held.
        db::serialize(&txn, db::WriteScope::BuyerInquiries(user_id)).await?;
        let delivered = inquiry::deliver_held(&txn, user_id, now).await?;
        for row in &delivered {
            self.deliver(&txn, row, now).await?;
        }
        db::commit(txn).await?;
        tracing::info!(user = user_id, delivered = delivered.len(), "address confirmed; held inquiries delivered");
        Ok(user_id)
    }

    async fn inbox(
        &self,
        viewer: &Viewer,
        status: Option<InquiryStatus>,
        mine: bool,
        page: u64,
        locale: Locale,
    ) -> Result<Inbox, AppError> {
        let (owner, side) = match viewer.role {
            Role::Buyer => (Owner::Buyer(viewer.user_id), Side::Buyer),
            Role::Producer if viewer.seat.is_none() => {
                // No company yet: nothing can have arrived.
                let empty = Inbox {
                    side: Side::Producer,
                    status,
                    mine,
                    saved_replies: Vec::new(),
                    lines: Vec::new(),
                    total: 0,
                    page: 1,
                    pages: 1,
                };
                return Ok(empty);
            }
            _ => {
                let producer_id = answering_producer(viewer)?;
                let owner = if mine {
                    Owner::Member { producer_id, user_id: viewer.user_id }
                } else {
                    Owner::Producer(producer_id)
                };
                (owner, Side::Producer)
            }
        };
        let mine = mine && side == Side::Producer;
        let saved_replies = match owner {
            Owner::Producer(producer_id) | Owner::Member { producer_id, .. } => {
                crate::repo::saved_reply::of_producer(&self.db, producer_id).await?
            }
            Owner::Buyer(_) => Vec::new(),
        };
        let page = page.clamp(1, 100_000);
        let (rows, total) =
            inquiry::inbox(&self.db, owner, status, (page - 1) * INBOX_PAGE_SIZE, INBOX_PAGE_SIZE).await?;
        let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
        let listing_ids: Vec<i64> = rows.iter().filter_map(|row| row.listing_id).collect();
        let cards = listing::cards_by_ids(&self.db, &listing_ids, locale).await?;
        let last = inquiry::last_messages(&self.db, &ids).await?;
        let buyers: Vec<i64> = rows.iter().map(|row| row.buyer_user_id).collect();
        let buyer_names = crate::repo::buyer_profile::names(&self.db, &buyers).await?;
        let producer_ids: Vec<i64> = rows.iter().map(|row| row.producer_id).collect();
        let producer_names = crate::repo::producer::trade_names(&self.db, &producer_ids).await?;
        let showcase_ids: Vec<i64> = rows.iter().filter_map(|row| row.showcase_id).collect();
        let showcase_titles = crate::repo::showcase::titles(&self.db, &showcase_ids).await?;
        let assignees = match side {
            Side::Producer => self.names(rows.iter().filter_map(|row| row.assignee_user_id).collect()).await?,
            Side::Buyer => HashMap::new(),
        };
        let mut lines = Vec::with_capacity(rows.len());
        for row in rows {
            let read_at = match side {
                Side::Buyer => row.buyer_read_at,
                Side::Producer => row.producer_read_at,
            };
            let (buyer_name, buyer_country) = buyer_names.get(&row.buyer_user_id).cloned().unwrap_or_default();
            lines.push(InboxLine {
                id: row.id,
                status: status_of(&row.status)?,
                product: row.product.clone(),
                counterpart: match side {
                    Side::Buyer => producer_names.get(&row.producer_id).cloned().unwrap_or_default(),
                    Side::Producer => buyer_name,
                },
                buyer_country,
                listing: row.listing_id.and_then(|id| cards.iter().find(|card| card.id == id).cloned()),
                excerpt: last
                    .iter()
                    .find(|message| message.inquiry_id == row.id)
                    .map(|m| excerpt(&m.body))
                    .unwrap_or_default(),
                last_activity_at: row.last_activity_at.to_rfc3339(),
                unread: read_at.is_none_or(|read| read < row.last_activity_at),
                held: row.delivered_at.is_none(),
                showcase: row.showcase_id.and_then(|id| showcase_titles.get(&id).cloned()),
                assignee: row.assignee_user_id.and_then(|id| assignees.get(&id).cloned()),
            });
        }
        let pages = total.div_ceil(INBOX_PAGE_SIZE).max(1);
        Ok(Inbox { side, status, mine, saved_replies, lines, total, page, pages })
    }

    async fn thread(&self, viewer: &Viewer, id: i64, locale: Locale) -> Result<Thread, AppError> {
        let (row, side) = self.open(viewer, id).await?;
        let status = status_of(&row.status)?;
        let producer = crate::repo::producer::by_id(&self.db, row.producer_id).await?.ok_or(AppError::NotFound)?;
        let (buyer_name, buyer_country) = crate::repo::buyer_profile::names(&self.db, &[row.buyer_user_id])
            .await?
            .remove(&row.buyer_user_id)
            .unwrap_or_default();
        let listing = match row.listing_id {
            Some(id) => listing::cards_by_ids(&self.db, &[id], locale).await?.pop(),
            None => None,
        };
        let stored = inquiry::messages(&self.db, id).await?;
        // The buyer reads who answers: the member's name beside the company's.
        let senders = self.names(stored.iter().map(|(message, _)| message.sender_user_id).collect()).await?;
        let latest_quote = stored.iter().filter_map(|(_, quote)| quote.as_ref().map(|q| q.message_id)).max();
        let mut messages = Vec::with_capacity(stored.len());
        for (message, quote) in stored {
            let from_buyer = message.sender_user_id == row.buyer_user_id;
            let mine = match side {
                Side::Buyer => from_buyer,
                Side::Producer => !from_buyer,
            };
            messages.push(ThreadMessage {
                id: message.id,
                mine,
                author: if from_buyer {
                    buyer_name.clone()
                } else {
                    match senders.get(&message.sender_user_id) {
                        Some(name) => format!("{name} · {}", producer.trade_name),
                        None => producer.trade_name.clone(),
                    }
                },
                body: message.body,
                sent_at: message.created_at.to_rfc3339(),
                quote: quote
                    .map(|quote| {
                        let latest = Some(quote.message_id) == latest_quote;
                        quote_card(quote, latest)
                    })
                    .transpose()?,
            });
        }
        let wanted_by = row.wanted_by.map(calendar).transpose()?;
        let target_price = match (row.target_price_minor, row.currency.as_deref()) {
            (Some(minor), Some(currency)) => {
                Some((minor, crate::repo::convert::slug(currency, Currency::from_slug, "currency")?))
            }
            _ => None,
        };
        let incoterm = row
            .incoterm
            .as_deref()
            .map(|value| crate::repo::convert::slug(value, Incoterm::from_slug, "incoterm"))
            .transpose()?;
        let answerers = match side {
            Side::Producer => {
                let members =
                    crate::repo::team_member::of_company(&self.db, TeamKind::Producer, row.producer_id).await?;
                let ids: Vec<i64> = members
                    .iter()
                    .filter(|(_, role)| role.may(WorkspaceAction::AnswerInquiries))
                    .map(|(member, _)| member.user_id)
                    .collect();
                let names = self.names(ids.clone()).await?;
                ids.into_iter().filter_map(|id| names.get(&id).map(|name| (id, name.clone()))).collect()
            }
            Side::Buyer => Vec::new(),
        };
        let saved_replies = match side {
            Side::Producer => crate::repo::saved_reply::of_producer(&self.db, row.producer_id).await?,
            Side::Buyer => Vec::new(),
        };
        let deal = match crate::repo::deal::of_inquiry(&self.db, id).await? {
            Some(deal) => Some((
                deal.id,
                crate::repo::convert::slug(&deal.status, app::domain::DealStatus::from_slug, "deal status")?,
            )),
            None => None,
        };
        // Reading the conversation marks it read for this side.
        inquiry::mark_read(&self.db, id, side, Utc::now()).await?;
        Ok(Thread {
            id,
            side,
            status,
            rights: ThreadRights::for_side(side, status, row.delivered_at.is_some()),
            held: row.delivered_at.is_none(),
            product: row.product,
            listing,
            producer_name: producer.trade_name,
            producer_slug: producer.slug,
            buyer_name,
            buyer_country,
            quantity: quantity_of(row.quantity_amount, row.quantity_unit.as_deref())?,
            target_price,
            incoterm,
            destination_country: country_of(&row.destination_country)?,
            wanted_by,
            messages,
            assignee: if side == Side::Producer { row.assignee_user_id } else { None },
            answerers,
            saved_replies,
            deal,
        })
    }

    async fn reply(&self, viewer: &Viewer, id: i64, form: &ReplyForm) -> Result<(), AppError> {
        let (row, side) = self.open(viewer, id).await?;
        let status = status_of(&row.status)?;
        let rights = ThreadRights::for_side(side, status, row.delivered_at.is_some());
        if !rights.reply {
            return Err(AppError::Forbidden);
        }
        let reply = form.validate(CalendarDate::today())?;
        if reply.quote.is_some() && !rights.quote {
            return Err(AppError::invalid("with_quote", "invalid.choice"));
        }
        let event = match side {
            Side::Producer => ThreadEvent::ProducerReplied { quote: reply.quote.is_some() },
            Side::Buyer => ThreadEvent::BuyerReplied,
        };
        let next = status.after(event).ok_or(AppError::Forbidden)?;
        let now = Utc::now();
        let txn = db::begin_write(&self.db).await?;
        let first_reply = side == Side::Producer && row.first_reply_at.is_none();
        let activity = Activity { status: next, by: side, message: true, first_reply };
        if !inquiry::record(&txn, id, status, activity, now).await? {
            return Err(AppError::Conflict { field: "conversation".into() });
        }
        let message_id = inquiry::add_message(&txn, id, viewer.user_id, &reply.message, now).await?;
        if let Some(terms) = &reply.quote {
            inquiry::add_quote(&txn, message_id, id, terms).await?;
        }
        self.notify_other_side(&txn, &row, side, now).await?;
        // Only a first answer moves the producer's response numbers.
        if first_reply {
            db::commit(txn).await?
        } else {
            db::commit_private(txn).await?
        }
        Ok(())
    }

    async fn act(
        &self,
        viewer: &Viewer,
        id: i64,
        action: ThreadAction,
        seen: Option<i64>,
    ) -> Result<Option<i64>, AppError> {
        let (row, side) = self.open(viewer, id).await?;
        let status = status_of(&row.status)?;
        let rights = ThreadRights::for_side(side, status, row.delivered_at.is_some());
        let (allowed, event) = match action {
            ThreadAction::Close => (rights.close, ThreadEvent::Close),
            ThreadAction::MarkSpam => (rights.mark_spam, ThreadEvent::MarkedSpam),
            ThreadAction::Accept => (rights.decide, ThreadEvent::BuyerDecided(QuoteDecision::Accepted)),
            ThreadAction::Decline => (rights.decide, ThreadEvent::BuyerDecided(QuoteDecision::Declined)),
        };
        if !allowed {
            return Err(AppError::Forbidden);
        }
        let next = status.after(event).ok_or(AppError::Forbidden)?;
        let now = Utc::now();
        let txn = db::begin_write(&self.db).await?;
        let mut deal = None;
        if let ThreadEvent::BuyerDecided(decision) = event {
            // A quote being sent meanwhile lands before or after, never across.
            inquiry::lock(&txn, id).await?;
            let quote = inquiry::latest_quote(&txn, id).await?.ok_or(AppError::Forbidden)?;
            // The buyer decides on the quote they saw: a newer one that came
            // meanwhile is not accepted in their name.
            if seen != Some(quote.message_id) {
                return Err(AppError::Conflict { field: "conversation".into() });
            }
            if !inquiry::decide(&txn, quote.message_id, decision, now).await? {
                return Err(AppError::Conflict { field: "conversation".into() });
            }
            if decision == QuoteDecision::Accepted {
                let agreement = crate::repo::deal::Agreement {
                    quote_message_id: quote.message_id,
                    inquiry_id: id,
                    producer_id: row.producer_id,
                    buyer_user_id: row.buyer_user_id,
                };
                deal = Some(crate::repo::deal::open(&txn, agreement, now).await?);
            }
        }
        // A decision is news for the producer; closing and spam are not.
        let message = matches!(event, ThreadEvent::BuyerDecided(_));
        if !inquiry::record(&txn, id, status, Activity { status: next, by: side, message, first_reply: false }, now)
            .await?
        {
            return Err(AppError::Conflict { field: "conversation".into() });
        }
        if message {
            self.notify_other_side(&txn, &row, side, now).await?;
        }
        // Spam leaves the producer's response numbers.
        if event == ThreadEvent::MarkedSpam {
            db::commit(txn).await?
        } else {
            db::commit_private(txn).await?
        }
        tracing::info!(inquiry = id, ?action, ?deal, "conversation status changed");
        Ok(deal)
    }

    async fn buyer_country(&self, buyer: &BuyerAccess) -> Result<Option<CountryCode>, AppError> {
        let user_id = buyer.user_id();
        Ok(crate::repo::buyer_profile::names(&self.db, &[user_id])
            .await?
            .remove(&user_id)
            .and_then(|(_, country)| country))
    }

    async fn buyer_profile(&self, buyer: &BuyerAccess) -> Result<BuyerProfileForm, AppError> {
        Ok(crate::repo::buyer_profile::form_of(&self.db, buyer.user_id()).await?.unwrap_or_default())
    }

    async fn save_buyer_profile(&self, buyer: &BuyerAccess, form: &BuyerProfileForm) -> Result<(), AppError> {
        let profile = form.validate()?;
        let txn = db::begin_write(&self.db).await?;
        crate::repo::buyer_profile::save(&txn, buyer.user_id(), &profile, Utc::now()).await?;
        // Producers' inboxes show the company: nothing public changes.
        db::commit_private(txn).await?;
        Ok(())
    }

    async fn unread(&self, viewer: &Viewer) -> Result<u64, AppError> {
        let owner = match viewer.role {
            Role::Buyer => Owner::Buyer(viewer.user_id),
            _ => match answering_producer(viewer) {
                Ok(producer_id) => Owner::Producer(producer_id),
                Err(_) => return Ok(0),
            },
        };
        Ok(inquiry::unread(&self.db, owner).await?)
    }

    async fn assign(&self, viewer: &Viewer, id: i64, member: Option<i64>) -> Result<(), AppError> {
        let (row, side) = self.open(viewer, id).await?;
        if side != Side::Producer {
            return Err(AppError::NotFound);
        }
        let txn = db::begin_write(&self.db).await?;
        if let Some(member) = member {
            // Locked: a removal committing meanwhile waits, or is seen.
            let members = crate::repo::team_member::lock_company(&txn, TeamKind::Producer, row.producer_id).await?;
            if !crate::repo::team_member::answers_inquiries(&members, member) {
                return Err(AppError::invalid("member", "invalid.member_does_not_answer"));
            }
        }
        inquiry::assign(&txn, id, member).await?;
        db::commit_private(txn).await?;
        tracing::info!(inquiry = id, assignee = ?member, "conversation assigned");
        Ok(())
    }

    async fn save_reply(&self, viewer: &Viewer, form: &SavedReplyForm) -> Result<(), AppError> {
        let producer_id = answering_producer(viewer)?;
        let reply = form.validate()?;
        let txn = db::begin_write(&self.db).await?;
        db::serialize(&txn, db::WriteScope::ProducerSavedReplies(producer_id)).await?;
        if crate::repo::saved_reply::count(&txn, producer_id).await? >= MAX_SAVED_REPLIES as u64 {
            return Err(AppError::invalid("title", "invalid.saved_replies_too_many"));
        }
        crate::repo::saved_reply::insert(&txn, producer_id, reply, viewer.user_id, Utc::now()).await?;
        db::commit_private(txn).await?;
        Ok(())
    }

    async fn remove_reply(&self, viewer: &Viewer, id: i64) -> Result<(), AppError> {
        let producer_id = answering_producer(viewer)?;
        let txn = db::begin_write(&self.db).await?;
        if !crate::repo::saved_reply::remove(&txn, producer_id, id).await? {
            return Err(AppError::NotFound);
        }
        db::commit_private(txn).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_one_short_line() {
        assert_eq!(excerpt("Bonjour,\n\nnous   cherchons"), "Bonjour, nous cherchons");
        let long = "é".repeat(200);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), 141, "140 characters and an ellipsis");
        assert!(cut.ends_with('…'));
    }
}
