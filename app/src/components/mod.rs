//! Reusable pieces of the pages, one component per file.

mod account_menu;
mod chart;
mod destination_documents;
mod error_panel;
mod facet_links;
mod footer;
mod form_feedback;
pub mod form_fields;
mod gallery;
mod header;
mod hidden_note;
mod icon;
mod language_switcher;
mod language_texts;
mod layout;
mod listing_card;
mod logo;
mod menu_button;
mod page_meta;
mod photo;
mod producer_card;
mod response_metrics;
mod safe_text;
mod save_search;
mod search_box;
mod shortlist_button;
mod skip_link;
mod structured_data;
mod trade_hint;
mod trust_badges;

pub use account_menu::AccountMenu;
pub use chart::{Bar, ColumnChart, PairedBarChart};
pub use destination_documents::DestinationDocuments;
pub use error_panel::ErrorPanel;
pub use facet_links::FacetLinks;
pub use footer::Footer;
pub use form_feedback::{FieldError, FlashNote, FormAlert, error_message, submission_error};
pub use gallery::Gallery;
pub use header::Header;
pub use hidden_note::HiddenNote;
pub use icon::{Icon, IconName, IconSprite};
pub use language_switcher::LanguageSwitcher;
pub use language_texts::LanguageTextPanels;
pub use layout::Layout;
pub use listing_card::{ListingCard, ListingGrid};
pub use logo::Logo;
pub use menu_button::MenuButton;
pub use page_meta::{PageMeta, SharedImage};
pub use photo::Photo;
pub use producer_card::ProducerCard;
pub use response_metrics::ResponseSummary;
pub use safe_text::{DocumentTitle, TextArea, escape_html};
pub use save_search::SaveSearchBox;
pub use search_box::SearchBox;
pub use shortlist_button::ShortlistButton;
pub use skip_link::SkipLink;
pub use structured_data::StructuredData;
pub mod json_ld {
    //! Builders of each page's structured data.
    pub use super::structured_data::{event, organization, product, script_text};
}
pub use trade_hint::TradeAgreementHint;
pub use trust_badges::{CertificationChips, OriginLabelChips, VerifiedBadge};
