//! SVG icons from the Lucide set (ISC licence), drawn with the current text
//! colour. Decorative by default (`aria-hidden`). Each page carries the
//! drawings once (`IconSprite`, in the layout) and every icon refers to its
//! drawing with `<use>`: a grid of 24 cards repeated three drawings of
//! 400–600 bytes per card before, about 28 KB of a search page's HTML.

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

    /// Every icon, for the sprite.
    const ALL: [IconName; 10] = [
        IconName::Search,
        IconName::BadgeCheck,
        IconName::MapPin,
        IconName::Globe,
        IconName::Menu,
        IconName::ChevronEnd,
        IconName::Package,
        IconName::ImageOff,
        IconName::Factory,
        IconName::Award,
    ];

    /// `#id`, for `<use href>`.
    fn href(self) -> &'static str {
        match self {
            IconName::Search => "#icon-search",
            IconName::BadgeCheck => "#icon-badge-check",
            IconName::MapPin => "#icon-map-pin",
            IconName::Globe => "#icon-globe",
            IconName::Menu => "#icon-menu",
            IconName::ChevronEnd => "#icon-chevron-end",
            IconName::Package => "#icon-package",
            IconName::ImageOff => "#icon-image-off",
            IconName::Factory => "#icon-factory",
            IconName::Award => "#icon-award",
        }
    }

    /// The id of the icon's drawing in the sprite.
    fn id(self) -> &'static str {
        &self.href()[1..]
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
        <svg class=class width="20" height="20" aria-hidden=hidden role=role aria-label=label>
            <use href=name.href()></use>
        </svg>
    }
}

/// The drawings every `Icon` refers to, once per page (hidden). The stroke
/// style comes from the `.icon` rule of the stylesheet, which each `<use>`
/// inherits (attributes on this element would not reach them).
#[component]
pub fn IconSprite() -> impl IntoView {
    // Made once per process, not once per page.
    static SYMBOLS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let symbols: &'static str = SYMBOLS.get_or_init(|| {
        IconName::ALL
            .iter()
            .map(|icon| format!(r#"<symbol id="{}" viewBox="0 0 24 24">{}</symbol>"#, icon.id(), icon.paths()))
            .collect()
    });
    view! {
        <svg class="icon-sprite" aria-hidden="true" inner_html=symbols></svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_has_its_own_drawing_and_reference() {
        let mut ids: Vec<&str> = IconName::ALL.iter().map(|icon| icon.id()).collect();
        for icon in IconName::ALL {
            assert_eq!(icon.href(), format!("#{}", icon.id()), "{icon:?} refers to its own drawing");
            assert!(icon.paths().starts_with('<'), "{icon:?} has a drawing");
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), IconName::ALL.len(), "no two icons share an id");
    }
}
