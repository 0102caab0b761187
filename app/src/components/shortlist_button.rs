//! "Save to shortlist" on listing and producer pages, for signed-in buyers
//! only (nobody else has a shortlist). A form post: it works without
//! JavaScript and comes back to the same page.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::shortlists::{Keep, is_kept};
use crate::domain::SavedThing;
use crate::i18n::use_i18n;

#[component]
pub fn ShortlistButton(thing: SavedThing) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let location = use_location();
    let keep = ServerAction::<Keep>::new();
    let (listing, producer) = match &thing {
        SavedThing::Listing(id) => (Some(*id), None),
        SavedThing::Producer(slug) => (None, Some(slug.clone())),
    };
    let state = Resource::new(move || keep.version().get(), {
        let producer = producer.clone();
        move |_| is_kept(listing, producer.clone(), i18n.locale)
    });
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let producer = producer.clone();
                Suspend::new(async move {
                    state.await.ok().flatten().map(|kept| view! {
                        <ActionForm action=keep attr:class="shortlist-form">
                            <input type="hidden" name="locale" value=i18n.locale.code() />
                            <input type="hidden" name="back" value=location.pathname.get_untracked() />
                            <input type="hidden" name="on" value=(!kept).to_string() />
                            {listing.map(|id| view! { <input type="hidden" name="listing" value=id.to_string() /> })}
                            {producer.clone().map(|slug| view! { <input type="hidden" name="producer" value=slug /> })}
                            <button class="button button-secondary button-small" type="submit" aria-pressed=kept.to_string()>
                                {if kept { m.shortlist_saved } else { m.shortlist_save }}
                            </button>
                        </ActionForm>
                    })
                })
            }}
        </Suspense>
    }
}
