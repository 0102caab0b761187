//! The phone menu button, the one header control that needs script. It is an
//! island (only the interactive parts of a page hydrate): pressed,
//! it opens or closes the navigation it controls (`#site-nav`) by setting
//! that element's `open` class. Its words arrive as a prop, because an
//! island hydrates without the page's context.

use leptos::prelude::*;

use super::{Icon, IconName};

#[island]
pub fn MenuButton(
    /// "Menu", in the reader's language.
    label: String,
) -> impl IntoView {
    let (open, set_open) = signal(false);
    let toggle = move |_| {
        set_open.update(|open| *open = !*open);
        #[cfg(feature = "hydrate")]
        if let Some(nav) = document().get_element_by_id("site-nav") {
            // A failed toggle leaves the menu as it was: nothing to report.
            let _ = nav.class_list().toggle_with_force("open", open.get_untracked());
        }
    };
    view! {
        <button type="button" class="menu-button" aria-controls="site-nav" aria-expanded=move || open.get().to_string() on:click=toggle>
            <Icon name=IconName::Menu />
            <span>{label}</span>
        </button>
    }
}
