//! Reusable pieces of the pages, one component per file.

mod account_menu;
mod error_panel;
mod facet_links;
mod footer;
mod form_feedback;
mod gallery;
mod header;
mod icon;
mod language_switcher;
mod layout;
mod listing_card;
mod logo;
mod page_meta;
mod photo;
mod producer_card;
mod safe_text;
mod search_box;
mod trust_badges;

pub use account_menu::AccountMenu;
pub use error_panel::ErrorPanel;
pub use facet_links::FacetLinks;
pub use footer::Footer;
pub use form_feedback::{FieldError, FlashNote, FormAlert, error_message, submission_error};
pub use gallery::Gallery;
pub use header::Header;
pub use icon::{Icon, IconName, IconSprite};
pub use language_switcher::LanguageSwitcher;
pub use layout::Layout;
pub use listing_card::{ListingCard, ListingGrid};
pub use logo::Logo;
pub use page_meta::PageMeta;
pub use photo::Photo;
pub use producer_card::ProducerCard;
pub use safe_text::{DocumentTitle, TextArea, escape_html};
pub use search_box::SearchBox;
pub use trust_badges::{CertificationChips, OriginLabelChips, VerifiedBadge};
