//! The deal pages: `/{lang}/deals`, the reader's deals (a buyer's, or its
//! producer's) with those waiting for the reader first, and
//! `/{lang}/deals/{id}`: what was agreed, the progress, each step with who
//! recorded it, what happens next, and the form for the steps the reader
//! may record (only those `DealStatus::next_steps` gives); and the year's
//! exports as the offices and a producer read them (`ExportsSummary`);
//! `/{lang}/deals/{id}/proforma`, the proforma for print, and
//! `/{lang}/dashboard/billing`, what it prints of the producer.

mod billing;
mod detail;
mod exports;
mod list;
mod proforma;

pub use billing::BillingPage;
pub use detail::DealDetailPage;
pub use exports::ExportsSummary;
pub use list::DealsPage;
pub use proforma::ProformaPrintPage;

use leptos::prelude::*;

use crate::domain::DealStatus;
use crate::i18n::use_i18n;

/// A deal's status as a coloured label.
#[component]
fn DealStatusTag(status: DealStatus) -> impl IntoView {
    let m = use_i18n().messages;
    view! { <span class=format!("status status-deal-{}", status.slug())>{status.name(m)}</span> }
}
