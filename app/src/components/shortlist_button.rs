//! "Save to shortlist" on listing and producer pages, for signed-in buyers
//! only (nobody else has a shortlist: `kept` is `None` for them and nothing
//! shows). A plain form post, also once hydrated: the server saves and sends
//! the browser back to the page, which is loaded afresh with the new state.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::domain::SavedThing;
use crate::i18n::use_i18n;

#[component]
pub fn ShortlistButton(thing: SavedThing, kept: Option<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let back = use_location().pathname.get_untracked();
    kept.map(|kept| {
        let (listing, producer) = match thing {
            SavedThing::Listing(id) => (Some(id), None),
            SavedThing::Producer(slug) => (None, Some(slug)),
        };
        view! {
            <form class="shortlist-form" method="post" action="/api/keep">
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <input type="hidden" name="back" value=back />
                <input type="hidden" name="on" value=(!kept).to_string() />
                {listing.map(|id| view! { <input type="hidden" name="listing" value=id.to_string() /> })}
                {producer.map(|slug| view! { <input type="hidden" name="producer" value=slug /> })}
                <button class="button button-secondary button-small" type="submit" aria-pressed=kept.to_string()>
                    {if kept { m.shortlist_saved } else { m.shortlist_save }}
                </button>
            </form>
        }
    })
}
