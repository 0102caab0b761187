//! Ports: what the interface needs from the server, as traits the `server`
//! crate implements (hexagonal architecture). Compiled only with `ssr`; the
//! browser build never sees them.
//!
//! Account actions take a `SessionHandle`: who is signed in, from which
//! address, and the two things an account action does to a session (begin
//! one, end it). The server's middleware puts one in every request; tests
//! make their own, so the accounts service runs without HTTP. The interface
//! never handles session ids or cookies itself.

use std::sync::Arc;

use crate::domain::{
    AccountLine, AdminAccess, AuditEntry, AuditFilter, AuditPage, BuyerAccess, ClaimPage, ImportPage, ImportPreview,
    ModerationStep, OfficeProducer, OfficeProducers, OrganiserAccess, PlatformView, ProducerFilter, RoleGrant,
    VerificationDecision, VerificationForm, VerificationQueue, VerificationStatus,
};
use crate::domain::{
    AlertSubscription, AppError, BuyerProfileForm, CountryCode, Curation, Dashboard, HomePage, Inbox, InquiryAbout,
    InquiryForm, InquiryStart, InquiryStatus, Insights, ListingDetail, ListingEditor, ListingForm, ListingQuery,
    ListingResults, Locale, PhotoChange, ProducerAccess, ProducerDetail, ProfileEditor, ProfileForm, Region,
    RegionPage, ReplyForm, Role, SavedSearchList, SavedThing, Sector, SectorPage, SentInquiry, Shortlist,
    ShowcaseChange, ShowcaseEditor, ShowcaseForm, ShowcaseLeads, ShowcaseLine, ShowcaseList, ShowcasePage,
    StatusChange, Suggestions, Thread, ThreadAction, Viewer,
};
use crate::domain::{
    Currency, ExchangeRates, MatchedRequest, OfferForm, RequestCard, RequestEvent, RequestFilter, RequestForm,
    RequestList, RequestPage, ScreeningDecision, ScreeningQueue, ShareForm,
};
use crate::domain::{InviteForm, JoinPage, RoutingRuleForm, SavedReplyForm, TeamAccess, TeamChange, TeamPage};

/// The one rule for who works in a producer's workspace, for server
/// functions and upload routes alike: the producer itself, or an
/// administrator whose request names (by the `ACTING_FOR_COOKIE`) an
/// unclaimed cooperative of its region, checked again by the offices'
/// service on every request (`Offices::act_for`). The cookie selects; it
/// grants nothing: anyone else gets `NotFound`.
pub async fn producer_access(
    viewer: &Viewer,
    acting_for: Option<&str>,
    offices: &dyn Offices,
) -> Result<ProducerAccess, AppError> {
    match acting_for {
        Some(slug) if viewer.role == Role::Admin => offices.act_for(&viewer.as_admin()?, slug).await,
        _ => viewer.as_producer(),
    }
}

/// The regional trade offices' tools. Every method takes the
/// administrator's proof; another region's producer is `NotFound` for a
/// regional office, and appointments and the audit log are the national
/// team's only. Every action writes its audit row in its own transaction.
#[async_trait::async_trait]
pub trait Offices: Send + Sync {
    /// The office's platform view.
    async fn platform(&self, admin: &AdminAccess) -> Result<PlatformView, AppError>;
    /// Verification requests waiting in the office's regions, oldest first.
    async fn verification_queue(&self, admin: &AdminAccess) -> Result<VerificationQueue, AppError>;
    /// Approves or refuses a pending request.
    async fn decide_verification(
        &self,
        admin: &AdminAccess,
        request: i64,
        decision: VerificationDecision,
    ) -> Result<(), AppError>;
    /// The office's producers matching `filter`.
    async fn producers(&self, admin: &AdminAccess, filter: &ProducerFilter) -> Result<OfficeProducers, AppError>;
    /// One producer of the office's regions, with all its listings.
    async fn producer(&self, admin: &AdminAccess, slug: &str, locale: Locale) -> Result<OfficeProducer, AppError>;
    /// Hides (with a reason) or unhides a producer.
    async fn moderate_producer(&self, admin: &AdminAccess, slug: &str, step: ModerationStep) -> Result<(), AppError>;
    /// Hides (with a reason) or unhides a listing.
    async fn moderate_listing(&self, admin: &AdminAccess, listing: i64, step: ModerationStep) -> Result<(), AppError>;
    /// Suspends an account (its sessions end at once) or reinstates it.
    async fn set_suspended(&self, admin: &AdminAccess, user_id: i64, suspended: bool) -> Result<(), AppError>;
    /// Accounts whose address contains `email`, or the appointed people.
    async fn accounts(&self, admin: &AdminAccess, email: &str) -> Result<Vec<AccountLine>, AppError>;
    /// Grants or revokes the organiser or administrator role.
    async fn grant(&self, admin: &AdminAccess, user_id: i64, grant: RoleGrant) -> Result<(), AppError>;
    /// One page of the audit log.
    async fn audit(&self, admin: &AdminAccess, filter: &AuditFilter) -> Result<AuditPage, AppError>;
    /// Reads and checks a sheet of listings for a producer of the office.
    async fn import_sheet(&self, admin: &AdminAccess, producer: &str, sheet: &[u8]) -> Result<ImportPreview, AppError>;
    /// The import page for a producer of the office, with the preview of
    /// a sheet the administrator checked.
    async fn import_page(
        &self,
        admin: &AdminAccess,
        producer: &str,
        token: Option<&str>,
    ) -> Result<ImportPage, AppError>;
    /// Writes a checked sheet in one transaction, with its audit row.
    async fn import_confirm(
        &self,
        admin: &AdminAccess,
        producer: &str,
        token: &str,
    ) -> Result<(usize, usize), AppError>;
    /// Creates a producer for a cooperative of the office's region, which
    /// the office edits until the cooperative claims it; returns its slug.
    async fn onboard(&self, admin: &AdminAccess, form: &ProfileForm) -> Result<String, AppError>;
    /// Invites the cooperative's address to claim the producer (a link that
    /// works once, for 14 days).
    async fn invite(&self, admin: &AdminAccess, producer: &str, email: &str, locale: Locale) -> Result<(), AppError>;
    /// The office's access to an unclaimed producer's workspace, checked
    /// again on every request made there.
    async fn act_for(&self, admin: &AdminAccess, producer: &str) -> Result<ProducerAccess, AppError>;
    /// Opens that workspace for the office, with an audit row saying so.
    async fn start_acting(&self, admin: &AdminAccess, producer: &str) -> Result<ProducerAccess, AppError>;
    /// Every audit row matching `filter` (the CSV export).
    async fn audit_export(&self, admin: &AdminAccess, filter: &AuditFilter) -> Result<Vec<AuditEntry>, AppError>;
}

/// Reading the published catalogue.
#[async_trait::async_trait]
pub trait Catalog: Send + Sync {
    /// Counts by sector and region, and the most recently published listings.
    async fn home(&self, locale: Locale) -> Result<HomePage, AppError>;
    /// A published listing; `NotFound` for drafts, archived or unknown ids.
    async fn listing(&self, id: i64, locale: Locale) -> Result<ListingDetail, AppError>;
    /// A producer's public profile and published listings.
    async fn producer(&self, slug: &str, locale: Locale) -> Result<ProducerDetail, AppError>;
    /// A region's producers and listings.
    async fn region(&self, region: Region, locale: Locale) -> Result<RegionPage, AppError>;
    /// One page of the listings buyers may see that match the query, with
    /// facet counts. When the search engine does not answer, a simpler
    /// search of the database answers instead (`degraded`).
    async fn find_listings(&self, query: &ListingQuery, locale: Locale, limit: u64)
    -> Result<ListingResults, AppError>;
    /// A sector's listings and counts.
    async fn sector(&self, sector: Sector, locale: Locale) -> Result<SectorPage, AppError>;
    /// Suggestions for the text a buyer is typing: product concepts from the
    /// trade vocabulary, listings and producers. Empty when the search
    /// engine does not answer in time (typing must never wait).
    async fn suggest(&self, typed: &str, locale: Locale) -> Result<Suggestions, AppError>;
}

/// What a sign-up form asks for.
#[derive(Clone, Debug)]
pub struct SignUp {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub role: Role,
    pub locale: Locale,
}

/// What a sign-up did. The answer the visitor gets must be the same for
/// both ("check your mail"): only the server's next step differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignedUp {
    /// A new, unconfirmed account; its confirmation link is mailed.
    Created { user_id: i64 },
    /// The address already had an account; its owner is mailed that
    /// someone tried, with links to sign in and to reset the password.
    Known,
}

/// The session of the person making a request, as account actions see it.
#[async_trait::async_trait]
pub trait SessionHandle: Send + Sync {
    /// Who is signed in on this session, if anyone.
    fn viewer(&self) -> Option<Viewer>;
    /// The client's address as the attempt limits count it (an IPv6 /64 is
    /// one client).
    fn client(&self) -> String;
    /// Signs the account in on a fresh session id and returns who it is;
    /// `Forbidden` for a suspended account.
    async fn begin(&self, user_id: i64) -> Result<Viewer, AppError>;
    /// Ends the session on the server; its cookie no longer works.
    async fn end(&self) -> Result<(), AppError>;
    /// Keeps `value` under `key` in this browser's session (signed in or not).
    async fn keep(&self, key: &str, value: String) -> Result<(), AppError>;
    /// Takes back what was kept under `key`, which is then gone.
    async fn take(&self, key: &str) -> Result<Option<String>, AppError>;
}

/// A request's session, as the server's middleware leaves it in the request.
#[derive(Clone)]
pub struct RequestSession(pub Arc<dyn SessionHandle>);

/// Accounts and sessions.
#[async_trait::async_trait]
pub trait Accounts: Send + Sync {
    /// Creates an unconfirmed account and mails its confirmation link, or,
    /// when the address has an account, mails its owner that someone tried.
    /// Signs nobody in: whoever typed the form must prove the mailbox or
    /// sign in. Both take about the same time (a password is hashed either way).
    async fn sign_up(&self, session: &dyn SessionHandle, form: SignUp) -> Result<SignedUp, AppError>;
    /// Checks the password and signs in (a new session id). A wrong password
    /// and an unknown address get the same answer in about the same time.
    async fn sign_in(&self, session: &dyn SessionHandle, email: &str, password: &str) -> Result<Viewer, AppError>;
    /// The producer an invitation link hands over, and the invited address.
    async fn invitation(&self, token: &str) -> Result<ClaimPage, AppError>;
    /// Claims an onboarded producer: the account takes the invited address,
    /// the name and the password, and is signed in.
    async fn claim(
        &self,
        session: &dyn SessionHandle,
        token: &str,
        display_name: &str,
        password: &str,
    ) -> Result<Viewer, AppError>;
    /// Ends the session on the server; the old cookie no longer works.
    async fn sign_out(&self, session: &dyn SessionHandle) -> Result<(), AppError>;
    /// Changes the signed-in person's password and ends their other sessions.
    async fn change_password(&self, session: &dyn SessionHandle, current: &str, new: &str) -> Result<(), AppError>;
    /// Mails a reset link when the address has an account; answers the same
    /// either way.
    async fn request_reset(&self, session: &dyn SessionHandle, email: &str, locale: Locale) -> Result<(), AppError>;
    /// Sets a new password with a reset token (once, before it expires) and
    /// ends every session of the account.
    async fn reset_password(&self, session: &dyn SessionHandle, token: &str, new: &str) -> Result<(), AppError>;
}

/// A producer's own workspace: their company profile, listings and photos.
/// Every method acts for the producer whose capability it is given and
/// answers `NotFound` for anything that is not theirs.
#[async_trait::async_trait]
pub trait Studio: Send + Sync {
    async fn dashboard(&self, access: &ProducerAccess, locale: Locale) -> Result<Dashboard, AppError>;
    async fn profile(&self, access: &ProducerAccess) -> Result<ProfileEditor, AppError>;
    /// Creates or updates the company profile; returns its public slug.
    async fn save_profile(&self, access: &ProducerAccess, form: &ProfileForm) -> Result<String, AppError>;
    async fn listing(&self, access: &ProducerAccess, id: i64) -> Result<ListingEditor, AppError>;
    /// Creates (`id` = `None`) or updates a listing; returns its id.
    async fn save_listing(&self, access: &ProducerAccess, id: Option<i64>, form: &ListingForm)
    -> Result<i64, AppError>;
    async fn change_status(&self, access: &ProducerAccess, id: i64, change: StatusChange) -> Result<(), AppError>;
    async fn delete_listing(&self, access: &ProducerAccess, id: i64) -> Result<(), AppError>;
    async fn change_photo(
        &self,
        access: &ProducerAccess,
        listing_id: i64,
        photo_id: i64,
        change: PhotoChange,
    ) -> Result<(), AppError>;
    /// The producer's verification: its latest request and the form.
    async fn verification(&self, access: &ProducerAccess) -> Result<VerificationStatus, AppError>;
    /// Asks the producer's regional office to verify it (or refreshes the
    /// request that waits).
    async fn request_verification(&self, access: &ProducerAccess, form: &VerificationForm) -> Result<(), AppError>;
    /// Asks the office to look again at the hidden producer (`None`) or one
    /// of its hidden listings.
    async fn request_review(&self, access: &ProducerAccess, listing: Option<i64>) -> Result<(), AppError>;
    /// Reads and checks a sheet of listings; nothing is written. The
    /// preview names every problem by row and column.
    async fn import_sheet(&self, access: &ProducerAccess, sheet: &[u8]) -> Result<ImportPreview, AppError>;
    /// The import page: the producer's name, and the preview of a checked
    /// sheet (`token`) for the person who uploaded it.
    async fn import_page(&self, access: &ProducerAccess, token: Option<&str>) -> Result<ImportPage, AppError>;
    /// Writes a checked sheet in one transaction: (created, updated).
    async fn import_confirm(&self, access: &ProducerAccess, token: &str) -> Result<(usize, usize), AppError>;
}

/// Buyers' inquiries and the conversations they open. Every
/// call names who acts; the service decides what they may see and do.
#[async_trait::async_trait]
pub trait Inquiries: Send + Sync {
    /// What the inquiry form about a listing or a producer shows; the
    /// destination defaults to the buyer's country, else `browser_country`.
    async fn start(
        &self,
        viewer: Option<&Viewer>,
        about: &InquiryAbout,
        browser_country: Option<CountryCode>,
        locale: Locale,
    ) -> Result<InquiryStart, AppError>;
    /// Sends an inquiry from `buyer` (held until their address is confirmed),
    /// credited to the published `showcase` (a slug) it came from when the
    /// producer exhibits there.
    async fn send(
        &self,
        buyer: &BuyerAccess,
        client: &str,
        about: &InquiryAbout,
        showcase: Option<&str>,
        form: &InquiryForm,
        locale: Locale,
    ) -> Result<SentInquiry, AppError>;
    /// Holds an inquiry for the buyer account a sign-up just created
    /// (`SignedUp::Created`), not signed in: delivered once its address is
    /// confirmed. Refused for any account that is not an unconfirmed buyer.
    async fn hold_for_new_buyer(
        &self,
        user_id: i64,
        client: &str,
        about: &InquiryAbout,
        showcase: Option<&str>,
        form: &InquiryForm,
        locale: Locale,
    ) -> Result<SentInquiry, AppError>;
    /// Confirms an address from a mailed link; delivers the held inquiries.
    /// Returns the account it proved.
    async fn confirm_address(&self, token: &str) -> Result<i64, AppError>;
    /// One page of the reader's conversations; for a producer's member,
    /// `mine` keeps those assigned to them.
    async fn inbox(
        &self,
        viewer: &Viewer,
        status: Option<InquiryStatus>,
        mine: bool,
        page: u64,
        locale: Locale,
    ) -> Result<Inbox, AppError>;
    /// A conversation (marked read for the reader).
    async fn thread(&self, viewer: &Viewer, id: i64, locale: Locale) -> Result<Thread, AppError>;
    async fn reply(&self, viewer: &Viewer, id: i64, form: &ReplyForm) -> Result<(), AppError>;
    /// A status change; accepting or declining names the quote the buyer saw
    /// (`quote`), refused when a newer one came meanwhile. Accepting opens a
    /// deal: its id.
    async fn act(
        &self,
        viewer: &Viewer,
        id: i64,
        action: ThreadAction,
        quote: Option<i64>,
    ) -> Result<Option<i64>, AppError>;
    /// Conversations with something the reader has not read.
    async fn unread(&self, viewer: &Viewer) -> Result<u64, AppError>;
    /// Assigns a producer's conversation to one of its members who answer
    /// inquiries (`None`: to the owners).
    async fn assign(&self, viewer: &Viewer, id: i64, member: Option<i64>) -> Result<(), AppError>;
    /// Keeps a saved reply for the reader's company.
    async fn save_reply(&self, viewer: &Viewer, form: &SavedReplyForm) -> Result<(), AppError>;
    /// Removes one of the company's saved replies.
    async fn remove_reply(&self, viewer: &Viewer, id: i64) -> Result<(), AppError>;
    /// Where a buyer's goods go by default: their profile's country, else
    /// their account's (`None` for other roles).
    async fn buyer_country(&self, buyer: &BuyerAccess) -> Result<Option<CountryCode>, AppError>;
    /// The buyer's company profile as its form shows it (empty before the
    /// first save); `NotFound` for other roles.
    async fn buyer_profile(&self, buyer: &BuyerAccess) -> Result<BuyerProfileForm, AppError>;
    async fn save_buyer_profile(&self, buyer: &BuyerAccess, form: &BuyerProfileForm) -> Result<(), AppError>;
}

/// A buyer's shortlist of listings and producers.
#[async_trait::async_trait]
pub trait Shortlists: Send + Sync {
    async fn shortlist(&self, buyer: &BuyerAccess, locale: Locale) -> Result<Shortlist, AppError>;
    /// Saves (`on`) or removes a thing buyers may see.
    async fn keep(&self, buyer: &BuyerAccess, thing: &SavedThing, on: bool, locale: Locale) -> Result<(), AppError>;
    async fn is_kept(&self, buyer: &BuyerAccess, thing: &SavedThing, locale: Locale) -> Result<bool, AppError>;
}

/// A buyer's saved searches and their daily alerts.
#[async_trait::async_trait]
pub trait SavedSearches: Send + Sync {
    /// The buyer's saved searches; `NotFound` for other roles.
    async fn saved(&self, buyer: &BuyerAccess) -> Result<SavedSearchList, AppError>;
    /// Keeps the search (once; saving it again keeps the first) with its
    /// alerts on, and asks an unconfirmed address to confirm itself.
    /// Returns its id.
    async fn save(&self, buyer: &BuyerAccess, query: &ListingQuery, locale: Locale) -> Result<i64, AppError>;
    async fn remove(&self, buyer: &BuyerAccess, id: i64) -> Result<(), AppError>;
    async fn set_alerts(&self, buyer: &BuyerAccess, id: i64, on: bool) -> Result<(), AppError>;
    /// The search a mailed link names, when its token is right (no sign-in).
    async fn subscription(&self, id: i64, token: &str) -> Result<AlertSubscription, AppError>;
    /// Stops the alerts of the search a mailed link names (no sign-in).
    async fn stop_alerts(&self, id: i64, token: &str) -> Result<(), AppError>;
}

/// Fair organisers' showcases. Organiser calls act for the
/// showcase's own organiser only (`NotFound` for anyone else); a draft is
/// seen by its organiser and administrators only.
#[async_trait::async_trait]
pub trait Showcases: Send + Sync {
    /// The organiser's showcases, newest first; `NotFound` for other roles.
    async fn mine(&self, organiser: &OrganiserAccess) -> Result<Vec<ShowcaseLine>, AppError>;
    async fn editor(&self, organiser: &OrganiserAccess, id: i64, locale: Locale) -> Result<ShowcaseEditor, AppError>;
    /// Creates (`id` = `None`, as a draft) or updates a showcase; its id.
    async fn save(&self, organiser: &OrganiserAccess, id: Option<i64>, form: &ShowcaseForm) -> Result<i64, AppError>;
    async fn change(&self, organiser: &OrganiserAccess, id: i64, change: ShowcaseChange) -> Result<(), AppError>;
    async fn curate(&self, organiser: &OrganiserAccess, id: i64, step: Curation) -> Result<(), AppError>;
    /// What the showcase brought its exhibitors: visits and inquiries per
    /// exhibitor and per world market (never messages, never buyers).
    async fn leads(&self, organiser: &OrganiserAccess, id: i64) -> Result<ShowcaseLeads, AppError>;
    /// Published showcases for the public list.
    async fn published(&self, locale: Locale) -> Result<ShowcaseList, AppError>;
    /// A showcase's page, filtered by sector and region (with each
    /// exhibitor's QR code for the `print` view); a draft or an archived one
    /// only for its organiser and administrators.
    async fn page(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        filters: (Option<Sector>, Option<Region>),
        print: bool,
        locale: Locale,
    ) -> Result<ShowcasePage, AppError>;
}

/// What a producer learns about the interest in its listings.
#[async_trait::async_trait]
pub trait MarketInsight: Send + Sync {
    /// Views and inquiries of the last twelve months, by month, market and
    /// country.
    async fn insights(&self, access: &ProducerAccess) -> Result<Insights, AppError>;
}

/// A company's team: who works for it and with which role, invitations by
/// a single-use link, the owners' routing rules and the team log; and
/// joining by an invitation. Changes are owners' (`WorkspaceAction::ManageTeam`),
/// except leaving; each writes its log row in its own transaction.
#[async_trait::async_trait]
pub trait Teams: Send + Sync {
    /// The team page (invitations, rules and the log for owners only).
    async fn page(&self, member: &TeamAccess, locale: Locale) -> Result<TeamPage, AppError>;
    /// Invites an address with a role; earlier invitations of it stop working.
    async fn invite(&self, member: &TeamAccess, form: &InviteForm) -> Result<(), AppError>;
    /// A role change, a removal, leaving, a transfer of ownership, an
    /// invitation or a rule withdrawn.
    async fn change(&self, member: &TeamAccess, change: &TeamChange) -> Result<(), AppError>;
    /// Adds a routing rule (producers).
    async fn add_rule(&self, member: &TeamAccess, form: &RoutingRuleForm) -> Result<(), AppError>;
    /// What an invitation link shows, while it works.
    async fn join_page(&self, token: &str) -> Result<JoinPage, AppError>;
    /// Joins the company: the signed-in account of the invited address, or
    /// a new account made of `display_name` and `password`; signs it in.
    async fn join(
        &self,
        session: &dyn SessionHandle,
        token: &str,
        display_name: &str,
        password: &str,
    ) -> Result<Viewer, AppError>;
}

/// Buying requests: a buyer posts a need, the offices screen it, matched
/// producers quote. A request's buyer and the offices see who asked; a
/// request's quotes are seen by its buyer and each quote's author only;
/// anyone else sees an approved public request's card (`NotFound` for the
/// rest, so ids reveal nothing).
#[async_trait::async_trait]
pub trait BuyingRequests: Send + Sync {
    /// Posts a request: screened by the offices, unless an office approved
    /// one of the buyer's requests before. Returns its id.
    async fn post(&self, buyer: &BuyerAccess, form: &RequestForm, locale: Locale) -> Result<i64, AppError>;
    /// One page of the open public requests.
    async fn list(&self, filter: &RequestFilter, locale: Locale) -> Result<RequestList, AppError>;
    /// A request's page as the reader may see it; the buyer's quotes are
    /// compared in `currency` (its target price's when `None`).
    async fn page(
        &self,
        viewer: Option<&Viewer>,
        id: i64,
        currency: Option<Currency>,
        locale: Locale,
    ) -> Result<RequestPage, AppError>;
    /// The buyer's own requests, newest first.
    async fn mine(&self, buyer: &BuyerAccess, locale: Locale) -> Result<Vec<RequestCard>, AppError>;
    /// The buyer closes (keeping its quotes) or withdraws a request.
    async fn change(&self, buyer: &BuyerAccess, id: i64, event: RequestEvent) -> Result<(), AppError>;
    /// Declines every quote of the request still undecided (each producer told).
    async fn decline_rest(&self, viewer: &Viewer, id: i64) -> Result<u32, AppError>;
    /// The requests the reader's producer was matched to.
    async fn matched(&self, viewer: &Viewer, locale: Locale) -> Result<Vec<MatchedRequest>, AppError>;
    /// A matched producer's one quote on an open request: a conversation
    /// with the buyer opens with it. Returns the conversation's id.
    async fn quote(&self, viewer: &Viewer, id: i64, form: &ReplyForm) -> Result<i64, AppError>;
    /// The office's screening queue.
    async fn screening(&self, office: &AdminAccess, locale: Locale) -> Result<ScreeningQueue, AppError>;
    /// Approves, refuses or merges a request in screening (audited).
    async fn screen(&self, office: &AdminAccess, id: i64, decision: ScreeningDecision) -> Result<(), AppError>;
    /// The exchange rates buyers' comparisons use.
    async fn rates(&self) -> Result<ExchangeRates, AppError>;
    /// The national team sets a currency's rate in dirhams (audited).
    async fn set_rate(&self, office: &AdminAccess, currency: Currency, rate: &str) -> Result<(), AppError>;
    /// A matched producer (its lead) or an office (as broker) starts a
    /// pooled offer on an open request; returns the offer's id.
    async fn start_offer(&self, viewer: &Viewer, request: i64, form: &OfferForm) -> Result<i64, AppError>;
    /// The lead invites another matched producer; returns the request's id.
    async fn invite_to_offer(&self, viewer: &Viewer, offer: i64, producer: i64) -> Result<i64, AppError>;
    /// A member commits (or changes) its quantity and price; the request's id.
    async fn commit_share(&self, viewer: &Viewer, offer: i64, form: &ShareForm) -> Result<i64, AppError>;
    /// The lead sends the offer to the buyer (two committed members at
    /// least; it takes one of the request's quote places); the request's id.
    async fn submit_offer(&self, viewer: &Viewer, offer: i64) -> Result<i64, AppError>;
    /// The buyer accepts (one conversation per member opens with its share)
    /// or declines a sent offer; the request's id.
    async fn decide_offer(&self, viewer: &Viewer, offer: i64, accept: bool) -> Result<i64, AppError>;
}

/// Deals: what an accepted quote becomes. Its buyer and its producer's
/// members who answer inquiries read it; each side moves the steps it
/// knows (`DealStatus::may_move`); anyone else gets `NotFound`.
#[async_trait::async_trait]
pub trait Deals: Send + Sync {
    /// A deal as the reader's side sees it.
    async fn page(&self, viewer: &Viewer, id: i64) -> Result<crate::domain::DealPage, AppError>;
    /// The reader's deals (a buyer's, or its producer's), latest step first.
    async fn list(&self, viewer: &Viewer) -> Result<Vec<crate::domain::DealLine>, AppError>;
    /// Moves a deal one step (the other side is told).
    async fn step(&self, viewer: &Viewer, id: i64, form: &crate::domain::DealStepForm) -> Result<(), AppError>;
    /// The reader's producer's own exports this year (its insights).
    async fn own_exports(&self, viewer: &Viewer) -> Result<crate::domain::ExportFigures, AppError>;
    /// A deal's printable proforma; the bank details only for its buyer
    /// and the producer's owners.
    async fn proforma(&self, viewer: &Viewer, id: i64) -> Result<crate::domain::ProformaPage, AppError>;
    /// The payment terms and bank details the owners keep.
    async fn billing(&self, viewer: &Viewer) -> Result<crate::domain::BillingForm, AppError>;
    async fn save_billing(&self, viewer: &Viewer, form: &crate::domain::BillingForm) -> Result<(), AppError>;
}

/// The documents a destination usually asks for: rules the national trade
/// team keeps (audited); every office reads them, anyone reads those that
/// apply to a product and a destination.
#[async_trait::async_trait]
pub trait Documents: Send + Sync {
    /// The rules for a product (its HS code, when known) shipped to `country`.
    async fn for_destination(
        &self,
        hs_code: Option<&str>,
        country: CountryCode,
    ) -> Result<Vec<crate::domain::DocumentRule>, AppError>;
    async fn rules(&self, office: &AdminAccess) -> Result<Vec<crate::domain::DocumentRule>, AppError>;
    async fn add_rule(&self, office: &AdminAccess, form: &crate::domain::DocumentRuleForm) -> Result<i64, AppError>;
    async fn change_rule(
        &self,
        office: &AdminAccess,
        id: i64,
        form: &crate::domain::DocumentRuleForm,
    ) -> Result<(), AppError>;
    async fn remove_rule(&self, office: &AdminAccess, id: i64) -> Result<(), AppError>;
}

/// Every port, bundled for injection through Leptos context.
#[derive(Clone)]
pub struct Services {
    pub catalog: Arc<dyn Catalog>,
    pub offices: Arc<dyn Offices>,
    pub accounts: Arc<dyn Accounts>,
    pub studio: Arc<dyn Studio>,
    pub inquiries: Arc<dyn Inquiries>,
    pub shortlists: Arc<dyn Shortlists>,
    pub insight: Arc<dyn MarketInsight>,
    pub saved_searches: Arc<dyn SavedSearches>,
    pub showcases: Arc<dyn Showcases>,
    pub teams: Arc<dyn Teams>,
    pub requests: Arc<dyn BuyingRequests>,
    pub deals: Arc<dyn Deals>,
    pub documents: Arc<dyn Documents>,
}
