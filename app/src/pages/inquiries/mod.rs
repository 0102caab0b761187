//! The inquiry pages: the form on a listing, the inbox, one
//! conversation, and the page of the link that confirms a buyer's address.

mod confirm;
mod inbox;
mod send;
mod thread;

pub use confirm::ConfirmPage;
pub use inbox::InboxPage;
pub use send::InquiryPage;
pub use thread::ThreadPage;

use leptos::prelude::*;

use crate::domain::InquiryStatus;
use crate::i18n::use_i18n;

/// A conversation's status as a coloured label.
#[component]
fn ThreadStatus(status: InquiryStatus) -> impl IntoView {
    let m = use_i18n().messages;
    view! { <span class=format!("status status-{}", status.slug())>{status.name(m)}</span> }
}

/// Units of sale as select options, named in the reader's language.
fn unit_options(m: &'static crate::i18n::Messages) -> Vec<(String, String)> {
    crate::domain::Unit::ALL.iter().map(|unit| (unit.slug().to_owned(), unit.name(m).to_owned())).collect()
}

/// Currencies as select options (their ISO codes).
fn currency_options() -> Vec<(String, String)> {
    crate::domain::Currency::ALL.iter().map(|c| (c.slug().to_owned(), c.slug().to_owned())).collect()
}

/// `2026-11-30T14:05:09.123+00:00` → `2026-11-30 14:05 UTC`: the same on the
/// server and in the browser (no time zone guessed), so hydration agrees.
pub(crate) fn activity_time(rfc3339: &str) -> String {
    match (rfc3339.get(0..10), rfc3339.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => rfc3339.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn activity_times_read_the_same_everywhere() {
        assert_eq!(super::activity_time("2026-11-30T14:05:09.123+00:00"), "2026-11-30 14:05 UTC");
        assert_eq!(super::activity_time("oops"), "oops");
    }
}
