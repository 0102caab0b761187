//! Domain types shared by the server and the browser: reference data (regions,
//! sectors, certifications, Incoterms, countries, currencies), the catalogue's
//! DTOs and `AppError`. Wasm-safe: nothing here touches I/O.

mod account;
mod audit;
mod buyer;
mod buying_request;
mod calendar;
mod catalog;
mod certification;
mod company;
mod conversation;
mod country;
mod country_table;
mod currency;
mod deal;
mod documents;
mod error;
mod import;
mod incoterm;
mod inquiry;
mod insights;
mod listing_form;
mod locale;
mod metrics;
mod moderation;
mod offices;
mod outbox;
mod profile;
mod redirect;
mod region;
mod saved_reply;
mod saved_search;
mod search;
mod sector;
mod shortlist;
mod showcase;
mod slug_enum;
mod team;
pub mod text;
mod trade_agreement;
mod verification;

pub use account::{
    AccountStatus, BuyerAccess, DISPLAY_NAME_MAX_CHARS, EMAIL_MAX_CHARS, OrganiserAccess, PASSWORD_MAX_CHARS,
    PASSWORD_MIN_CHARS, ProducerAccess, Role, Viewer, check_password_length, normalize_display_name, normalize_email,
};
pub use audit::{AUDIT_PAGE_SIZE, AuditAction, AuditEntry, AuditFilter, AuditObject, AuditPage};
pub use buyer::{BuyerProfile, BuyerProfileForm, BuyerType};
pub use buying_request::*;
pub use calendar::CalendarDate;
pub use catalog::{
    Count, HeldCertification, HomePage, ListingCard, ListingDetail, LocalizedText, PHOTO_WIDTHS, PhotoRef,
    ProducerCard, ProducerDetail, Quantity, RegionPage, SectorPage,
};
pub use certification::{Certification, OriginLabel};
pub use company::{LegalForm, SizeBand, Unit};
pub use conversation::{
    INBOX_PAGE_SIZE, Inbox, InboxLine, InlineAccount, InquiryAbout, InquiryStart, QuoteCard, SentInquiry, Side, Thread,
    ThreadAction, ThreadMessage, ThreadRights,
};
pub use country::{CountryCode, WorldRegion};
pub use currency::{Currency, PriceRange, format_money, group_thousands};
pub use deal::*;
pub use documents::{
    DocumentRule, DocumentRuleDraft, DocumentRuleForm, ExportDocument, HsRange, RULE_NOTE_MAX_CHARS,
    RULE_SOURCE_MAX_CHARS, RuleDestination, documents_for,
};
pub use error::AppError;
pub use import::{
    IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, ImportPage, ImportPreview, ImportRow, PREVIEW_LINES,
    PreviewLine, RowAction, RowProblem, check_header, is_list_column, read_row,
};
pub use incoterm::Incoterm;
pub use inquiry::{
    InquiryDraft, InquiryForm, InquiryStatus, MESSAGE_MAX_CHARS, PRODUCT_MAX_CHARS, QuoteDecision, QuoteTerms,
    ReplyDraft, ReplyForm, ThreadEvent,
};
pub use insights::{
    Counted, CountryTally, INSIGHT_MONTHS, Insights, MarketTally, MonthTally, TOP_COUNTRIES, Tally,
    window_start as insights_window_start,
};
pub use listing_form::{
    Completeness, Dashboard, GapKey, HsCode, LISTING_DESCRIPTION_MAX_CHARS, ListingDraft, ListingEditor, ListingForm,
    ListingStatus, ListingText, MAX_PHOTOS, OwnListing, OwnPhoto, PhotoChange, REQUIRED_ONE_OF, StatusChange,
    TITLE_MAX_CHARS, minor_to_text, parse_price_minor,
};
pub use locale::{LOCALE_COOKIE, Locale};
pub use metrics::{InquiryTiming, ResponseMetrics, WINDOW_DAYS as METRICS_WINDOW_DAYS};
pub use moderation::{Hidden, HideReason, ModerationStep};
pub use offices::desk::{
    ACTING_FOR_COOKIE, AccountLine, ClaimPage, OFFICE_PAGE_SIZE, OfficeListingLine, OfficeProducer, OfficeProducerLine,
    OfficeProducers, ProducerFilter, ProducerState,
};
pub use offices::platform::{NEW_EXPORTERS_TARGET, PlatformView, RegionFigures};
pub use offices::{AdminAccess, Office, RoleGrant};
pub use outbox::{MailStatus, OutboxOp};
pub use profile::{
    CompanyProfile, DESCRIPTION_MAX_CHARS, FieldMap, Ice, ProfileEditor, ProfileForm, SPOKEN_LANGUAGES,
    spoken_language, spoken_language_name,
};
pub use redirect::is_local_path;
pub use region::Region;
pub use saved_reply::{MAX_SAVED_REPLIES, SAVED_REPLY_TITLE_MAX_CHARS, SavedReply, SavedReplyForm};
pub use saved_search::{ALERT_MAX_LISTINGS, AlertSubscription, MAX_SAVED_SEARCHES, SavedSearchLine, SavedSearchList};
pub use search::{
    Broadened, FacetGroup, FacetValue, ListingQuery, ListingResults, MAX_PAGE, MOQ_CEILINGS, RESULTS_PER_PAGE,
    SearchFacet, SearchSort, Suggestion, SuggestionKind, Suggestions,
};
pub use sector::Sector;
pub use shortlist::{SavedThing, Shortlist};
pub use showcase::{
    CITY_MAX_CHARS, CuratedExhibitor, CuratedListing, Curation, CurationNote, EVENT_LINE_MAX_CHARS, Exhibitor,
    ExhibitorLeads, FeaturedListing, PUBLISH_MIN_LANGUAGES, SHOWCASE_DESCRIPTION_MAX_CHARS, SHOWCASE_TITLE_MAX_CHARS,
    ShowcaseChange, ShowcaseDraft, ShowcaseEditor, ShowcaseForm, ShowcaseLeads, ShowcaseLine, ShowcaseList,
    ShowcasePage, ShowcaseStatus, ShowcaseText, publish_problem,
};
pub use team::{
    InvitationLine, InviteForm, JoinPage, MemberLine, RoutingCandidate, RoutingFacts, RoutingKind, RoutingRule,
    RoutingRuleForm, RoutingRuleLine, Seat, TEAM_INVITATION_DAYS, TEAM_LOG_PAGE_SIZE, TEAM_MAX_MEMBERS, TeamAccess,
    TeamChange, TeamKind, TeamLogAction, TeamLogLine, TeamPage, TeamRole, WorkspaceAction, last_owner_problem, route,
};
pub use trade_agreement::TradeAgreement;
pub use verification::{
    DOCUMENT_NUMBER_MAX_CHARS, REVIEW_NOTE_MAX_CHARS, RejectReason, VerificationClaim, VerificationDecision,
    VerificationForm, VerificationQueue, VerificationRequestLine, VerificationState, VerificationStatus, review_note,
};
