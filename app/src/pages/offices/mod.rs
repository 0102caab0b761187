//! The trade offices' workspace, under `/{lang}/admin`: the
//! office's overview, the verification queue, its producers (moderation
//! and suspension), and for the national team the appointments and the
//! audit log. Every form posts without JavaScript; the server answers 404
//! to anyone who is not an administrator, and to a regional office for
//! another region's producers.

mod accounts;
mod audit;
mod documents;
mod list_layout;
mod onboard;
mod overview;
mod producer;
mod producers;
mod reason_fields;
mod verification;

use leptos::prelude::*;

pub use accounts::AccountsPage;
pub use audit::AuditPage;
pub use documents::DocumentRulesPage;
pub use onboard::OnboardPage;
pub use overview::OfficesOverviewPage;
pub use producer::OfficeProducerPage;
pub use producers::OfficeProducersPage;
pub use verification::VerificationQueuePage;

use crate::domain::Office;
use crate::i18n::use_i18n;

/// The pages of the workspace, as tabs; the national team's own pages only
/// for the national team.
#[component]
pub(crate) fn AdminNav(office: Office, current: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let mut tabs = vec![
        ("/admin", m.admin_nav_overview),
        ("/admin/verification", m.admin_nav_verification),
        ("/admin/requests", m.requests_nav),
        ("/admin/documents", m.documents_nav),
        ("/admin/producers", m.admin_nav_producers),
    ];
    if office == Office::National {
        tabs.push(("/admin/accounts", m.admin_nav_accounts));
        tabs.push(("/admin/audit", m.admin_nav_audit));
    }
    view! {
        <nav class="tabs admin-tabs" aria-label=m.admin_nav_label>
            <p class="admin-office">{office.name(m)}</p>
            <ul>
                {tabs.into_iter().map(|(path, label)| {
                    let here = path == current;
                    view! {
                        <li>
                            <a href=i18n.path(path) class:active=here aria-current=here.then_some("page")>{label}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// "Previous / page N of M / next" for a list whose filters are `query`
/// (`key=value` pairs, already encoded, joined by `&`).
#[component]
pub(crate) fn Pager(base: String, query: String, page: u64, total: u64, per_page: u64) -> impl IntoView {
    let m = use_i18n().messages;
    let pages = total.div_ceil(per_page).max(1);
    let link = move |to: u64| {
        let mut parts: Vec<String> = Vec::new();
        if !query.is_empty() {
            parts.push(query.clone());
        }
        if to > 1 {
            parts.push(format!("page={to}"));
        }
        if parts.is_empty() { base.clone() } else { format!("{base}?{}", parts.join("&")) }
    };
    (pages > 1).then(|| {
        let previous = (page > 1).then(|| link(page - 1));
        let next = (page < pages).then(|| link(page + 1));
        view! {
            <nav class="pagination" aria-label=m.inbox_pages>
                {previous.map(|href| view! { <a class="button button-secondary" href=href rel="prev">{m.inbox_previous}</a> })}
                <span>{crate::i18n::fill(m.inbox_page_of, &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
                {next.map(|href| view! { <a class="button button-secondary" href=href rel="next">{m.inbox_next}</a> })}
            </nav>
        }
    })
}

/// `key=value&…`, values percent-encoded.
pub(crate) fn encode_query(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(key, value)| {
            let value: String = value
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect();
            format!("{key}={value}")
        })
        .collect::<Vec<_>>()
        .join("&")
}
