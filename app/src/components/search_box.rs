//! The catalogue's search box, with suggestions as you type once the page
//! is hydrated: product concepts from the trade vocabulary, listings and
//! producers (the `suggest` server function). Before hydration, or without
//! JavaScript, it is a plain `q` field of its GET form.
//!
//! It follows the ARIA combobox pattern: the field owns a listbox; arrow
//! keys move through the options, Enter opens the one chosen (or submits
//! the form when none is), Escape closes the list.
//!
//! The field is an island: [`SearchBox`] renders it on the server
//! with the reader's language and words as props, since an island hydrates
//! without the page's context and the browser never carries the other
//! languages' strings.

use std::time::Duration;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::catalog::suggest;
use crate::domain::{Locale, Suggestion, SuggestionKind, Suggestions};
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
    value: String,
    /// Extra classes for the wrapper.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <SearchField
            id=id.to_owned()
            value
            class=class.to_owned()
            locale=i18n.locale
            words=SearchWords::new(i18n.messages)
        />
    }
}

/// The search box's words in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchWords {
    placeholder: String,
    suggestions: String,
    product: String,
    listing: String,
    producer: String,
}

impl SearchWords {
    fn new(m: &crate::i18n::Messages) -> SearchWords {
        SearchWords {
            placeholder: m.nav_search_placeholder.to_owned(),
            suggestions: m.search_suggestions.to_owned(),
            product: m.search_suggestion_product.to_owned(),
            listing: m.search_suggestion_listing.to_owned(),
            producer: m.search_suggestion_producer.to_owned(),
        }
    }

    fn kind(&self, kind: SuggestionKind) -> String {
        match kind {
            SuggestionKind::Product => self.product.clone(),
            SuggestionKind::Listing => self.listing.clone(),
            SuggestionKind::Producer => self.producer.clone(),
        }
    }
}

/// The field itself: the island.
#[island]
fn SearchField(id: String, value: String, class: String, locale: Locale, words: SearchWords) -> impl IntoView {
    let words = StoredValue::new(words);
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
                    let answer = suggest(typed, locale).await;
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

    let field_id = StoredValue::new(id.clone());
    let option_id = move |index: usize| field_id.with_value(|id| format!("{id}-option-{index}"));
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
                    // A failed assignment leaves the person on the page, list closed.
                    let _ = window().location().set_href(&chosen.href);
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
                placeholder=words.with_value(|w| w.placeholder.clone())
                value=value
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
            <ul id=list_id class="suggestions" role="listbox" aria-label=words.with_value(|w| w.suggestions.clone()) hidden=move || !open.get()>
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
                                        <span class="suggestion-kind">{words.with_value(|w| w.kind(item.kind))}</span>
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
