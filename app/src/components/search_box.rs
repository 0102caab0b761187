//! The catalogue's search box, with suggestions as you type once the page
//! is hydrated: product concepts from the trade vocabulary, listings and
//! producers (the `suggest` server function). Before hydration, or without
//! JavaScript, it is a plain `q` field of its GET form.
//!
//! It follows the ARIA combobox pattern: the field owns a listbox; arrow
//! keys move through the options, Enter opens the one chosen (or submits
//! the form when none is), Escape closes the list.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::catalog::suggest;
use crate::domain::{Suggestion, SuggestionKind, Suggestions};
use crate::i18n::use_i18n;

/// How long typing pauses before suggestions are asked for.
const PAUSE: Duration = Duration::from_millis(120);

/// The `q` input of a search form, with its suggestion list.
#[component]
pub fn SearchBox(
    /// The input's id (its `<label for>` names it).
    id: &'static str,
    /// The text the field starts with (the current query on the search page).
    #[prop(into, optional)]
    value: Signal<String>,
    /// Extra classes for the wrapper.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let list_id = format!("{id}-suggestions");
    let (items, set_items) = signal(Vec::<Suggestion>::new());
    let (active, set_active) = signal(None::<usize>);
    let (open, set_open) = signal(false);
    // Answers can arrive out of order: only the latest typing's is shown.
    let asked = StoredValue::new(0u64);

    let ask = move |typed: String| {
        asked.update_value(|n| *n += 1);
        // What was chosen belonged to the previous text.
        set_active.set(None);
        let ticket = asked.get_value();
        if typed.trim().chars().count() < Suggestions::MIN_CHARS {
            set_items.set(Vec::new());
            set_open.set(false);
            return;
        }
        set_timeout(
            move || {
                if asked.get_value() != ticket {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let answer = suggest(typed, i18n.locale).await;
                    if asked.get_value() != ticket {
                        return;
                    }
                    // A failed suggestion only means no list: the form still searches.
                    let found = answer.map(|s| s.items).unwrap_or_default();
                    set_open.set(!found.is_empty());
                    set_active.set(None);
                    set_items.set(found);
                });
            },
            PAUSE,
        );
    };

    let option_id = move |index: usize| format!("{id}-option-{index}");
    let navigate = leptos_router::hooks::use_navigate();
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        // Keys that pick a candidate in an input method (pinyin, Arabic
        // keyboards) are the input method's.
        if event.is_composing() {
            return;
        }
        let count = items.with(Vec::len);
        match event.key().as_str() {
            "ArrowDown" if count > 0 => {
                event.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                event.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Escape" => {
                set_open.set(false);
                set_active.set(None);
            }
            "Enter" => {
                let chosen = active.get_untracked().and_then(|i| items.with_untracked(|list| list.get(i).cloned()));
                if let (Some(chosen), true) = (chosen, open.get_untracked()) {
                    event.prevent_default();
                    set_open.set(false);
                    navigate(&chosen.href, Default::default());
                }
            }
            _ => {}
        }
    };

    view! {
        <div class=format!("search-box {class}")>
            <input
                id=id
                name="q"
                type="search"
                role="combobox"
                aria-autocomplete="list"
                aria-controls=list_id.clone()
                aria-expanded=move || open.get().to_string()
                aria-activedescendant=move || active.get().map(option_id)
                autocomplete="off"
                maxlength="200"
                placeholder=m.nav_search_placeholder
                value=move || value.get()
                prop:value=move || value.get()
                on:input=move |event| ask(event_target_value(&event))
                on:keydown=on_keydown
                on:blur=move |_| {
                    set_timeout(
                        move || {
                            set_open.set(false);
                            set_active.set(None);
                        },
                        Duration::from_millis(200),
                    )
                }
                on:focus=move |_| set_open.set(!items.with_untracked(Vec::is_empty))
            />
            <ul id=list_id class="suggestions" role="listbox" aria-label=m.search_suggestions hidden=move || !open.get()>
                {move || {
                    items
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(index, item)| {
                            let selected = move || active.get() == Some(index);
                            view! {
                                <li id=option_id(index) role="option" aria-selected=move || selected().to_string() class:active=selected>
                                    <a href=item.href tabindex="-1">
                                        <span class="suggestion-label">{item.label}</span>
                                        <span class="suggestion-kind">{kind_name(m, item.kind)}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

fn kind_name(m: &'static crate::i18n::Messages, kind: SuggestionKind) -> &'static str {
    match kind {
        SuggestionKind::Product => m.search_suggestion_product,
        SuggestionKind::Listing => m.search_suggestion_listing,
        SuggestionKind::Producer => m.search_suggestion_producer,
    }
}
