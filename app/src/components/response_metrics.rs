//! A producer's responsiveness on its page and its listings' pages: "new on
//! Trade.ma" until it has had enough inquiries, then its answer rate and
//! median time to a first answer over the last 90 days.

use leptos::prelude::*;

use crate::domain::ResponseMetrics;
use crate::i18n::{Messages, fill, use_i18n};

/// `95 min` → "2 h"; from two days on, in days. Rounded up: a buyer
/// should not wait longer than the page said.
fn wait_text(minutes: u64, m: &'static Messages) -> String {
    let hours = minutes.div_ceil(60).max(1);
    if hours < 48 {
        fill(m.metrics_hours, &[("n", &hours.to_string())])
    } else {
        fill(m.metrics_days, &[("n", &hours.div_ceil(24).to_string())])
    }
}

#[component]
pub fn ResponseSummary(metrics: ResponseMetrics) -> impl IntoView {
    let m = use_i18n().messages;
    view! {
        <div class="response-summary">
            <h3 class="facts-heading">{m.metrics_title}</h3>
            {match metrics {
                ResponseMetrics::New => view! { <p class="muted">{m.metrics_new}</p> }.into_any(),
                ResponseMetrics::Known { rate_percent, median_minutes } => view! {
                    <p>
                        <strong>{fill(m.metrics_rate, &[("rate", &rate_percent.to_string())])}</strong>
                        {median_minutes.map(|minutes| view! {
                            " · "
                            {fill(m.metrics_median, &[("time", &wait_text(minutes, m))])}
                        })}
                    </p>
                    <p class="muted">{m.metrics_window}</p>
                }.into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_in_hours_then_days_rounded_up() {
        let m = crate::i18n::messages(crate::domain::Locale::En);
        assert_eq!(wait_text(5, m), "1 h");
        assert_eq!(wait_text(150, m), "3 h");
        assert_eq!(wait_text(47 * 60, m), "47 h");
        assert_eq!(wait_text(48 * 60, m), "2 days");
        assert_eq!(wait_text(49 * 60, m), "3 days");
    }
}
