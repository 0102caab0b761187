//! The producer's workspace: the dashboard of their listings, the company
//! profile form and the listing editor with its photos. Every page loads
//! through a server function that answers 401 to visitors and 404 to
//! accounts that are not producers, and every form works without JavaScript.

mod insights;
mod listing_editor;
mod listing_form;
mod overview;
mod photo_manager;
mod profile;
mod status_panel;
mod verification;

pub use insights::InsightsPage;
pub use listing_editor::{EditListingPage, NewListingPage};
pub use overview::StudioPage;
pub use profile::ProfilePage;
pub use verification::VerificationPage;
