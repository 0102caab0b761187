//! Inline SVG icons from the Lucide set (ISC licence), drawn with the current
//! text colour. Decorative by default (`aria-hidden`).

use leptos::prelude::*;

/// The icons the interface uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconName {
    Search,
    BadgeCheck,
    MapPin,
    Globe,
    Menu,
    ChevronEnd,
    Package,
    ImageOff,
    Factory,
    Award,
}

impl IconName {
    fn paths(self) -> &'static str {
        match self {
            IconName::Search => r#"<circle cx="11" cy="11" r="8"/><path d="m21 21-4.3-4.3"/>"#,
            IconName::BadgeCheck => {
                r#"<path d="M3.85 8.62a4 4 0 0 1 4.78-4.77 4 4 0 0 1 6.74 0 4 4 0 0 1 4.78 4.78 4 4 0 0 1 0 6.74 4 4 0 0 1-4.77 4.78 4 4 0 0 1-6.75 0 4 4 0 0 1-4.78-4.77 4 4 0 0 1 0-6.76Z"/><path d="m9 12 2 2 4-4"/>"#
            }
            IconName::MapPin => {
                r#"<path d="M20 10c0 6-8 12-8 12s-8-6-8-12a8 8 0 0 1 16 0Z"/><circle cx="12" cy="10" r="3"/>"#
            }
            IconName::Globe => {
                r#"<circle cx="12" cy="12" r="10"/><path d="M12 2a14.5 14.5 0 0 0 0 20 14.5 14.5 0 0 0 0-20"/><path d="M2 12h20"/>"#
            }
            IconName::Menu => r#"<path d="M4 6h16"/><path d="M4 12h16"/><path d="M4 18h16"/>"#,
            IconName::ChevronEnd => r#"<path d="m9 18 6-6-6-6"/>"#,
            IconName::Package => {
                r#"<path d="M11 21.73a2 2 0 0 0 2 0l7-4A2 2 0 0 0 21 16V8a2 2 0 0 0-1-1.73l-7-4a2 2 0 0 0-2 0l-7 4A2 2 0 0 0 3 8v8a2 2 0 0 0 1 1.73z"/><path d="M12 22V12"/><path d="m3.3 7 8.7 5 8.7-5"/>"#
            }
            IconName::ImageOff => {
                r#"<path d="m2 2 20 20"/><path d="M10.41 10.41a2 2 0 1 1-2.83-2.83"/><path d="M13.5 13.5 6 21"/><path d="M18 12l3 3"/><path d="M3.59 3.59A1.99 1.99 0 0 0 3 5v14a2 2 0 0 0 2 2h14c.55 0 1.052-.22 1.41-.59"/><path d="M21 15V5a2 2 0 0 0-2-2H9"/>"#
            }
            IconName::Factory => {
                r#"<path d="M2 20a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V8l-7 5V8l-7 5V4a2 2 0 0 0-2-2H4a2 2 0 0 0-2 2Z"/><path d="M17 18h1"/><path d="M12 18h1"/><path d="M7 18h1"/>"#
            }
            IconName::Award => r#"<circle cx="12" cy="8" r="6"/><path d="M15.477 12.89 17 22l-5-3-5 3 1.523-9.11"/>"#,
        }
    }

    /// Icons that point along the reading direction mirror in right-to-left pages.
    fn mirrors(self) -> bool {
        matches!(self, IconName::ChevronEnd)
    }
}

/// An icon; give `label` when it carries meaning on its own.
#[component]
pub fn Icon(name: IconName, #[prop(optional, into)] label: Option<String>) -> impl IntoView {
    let class = if name.mirrors() { "icon icon-mirror" } else { "icon" };
    let hidden = if label.is_some() { None } else { Some("true") };
    let role = label.as_ref().map(|_| "img");
    view! {
        <svg
            class=class
            viewBox="0 0 24 24"
            width="20"
            height="20"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden=hidden
            role=role
            aria-label=label
            inner_html=name.paths()
        ></svg>
    }
}
