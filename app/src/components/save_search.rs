//! "Save this search" on the search page: a signed-in buyer keeps the
//! search on screen (a plain form post, so it works without script) and is
//! mailed its new listings at most once a day; a visitor is offered to sign
//! in; other roles see nothing.

use leptos::prelude::*;

use super::FlashNote;
use crate::api::saved_searches::SaveSearch;
use crate::domain::{ListingQuery, Role, Viewer};
use crate::i18n::use_i18n;

/// The query's words and filters as the form's `query[…]` fields.
fn query_fields(query: &ListingQuery) -> Vec<(&'static str, String)> {
    let kept = query.to_kept();
    let mut fields = vec![("query[text]", kept.text.trim().to_owned())];
    let slugs = [
        ("query[sector]", kept.sector.map(|v| v.slug())),
        ("query[region]", kept.region.map(|v| v.slug())),
        ("query[certification]", kept.certification.map(|v| v.slug())),
        ("query[label]", kept.label.map(|v| v.slug())),
        ("query[incoterm]", kept.incoterm.map(|v| v.slug())),
    ];
    fields.extend(slugs.into_iter().filter_map(|(name, slug)| slug.map(|slug| (name, slug.to_owned()))));
    if kept.cooperative {
        fields.push(("query[cooperative]", "true".to_owned()));
    }
    if kept.verified {
        fields.push(("query[verified]", "true".to_owned()));
    }
    fields.extend(kept.moq_max.map(|max| ("query[moq_max]", max.to_string())));
    fields.extend(kept.hs.map(|hs| ("query[hs]", hs)));
    fields
}

#[component]
pub fn SaveSearchBox(query: ListingQuery, viewer: Option<Viewer>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    if query.is_empty() {
        return ().into_any();
    }
    match viewer {
        Some(viewer) if viewer.role == Role::Buyer => {
            let action = ServerAction::<SaveSearch>::new();
            let fields = query_fields(&query)
                .into_iter()
                .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                .collect_view();
            view! {
                <div class="save-search">
                    <FlashNote flag="saved" text=m.alerts_saved />
                    <FlashNote flag="saved_unconfirmed" text=m.alerts_saved_confirm />
                    <ActionForm action>
                        <input type="hidden" name="locale" value=i18n.locale.code() />
                        {fields}
                        <button class="button button-secondary button-small" type="submit">{m.alerts_save}</button>
                        <span class="muted">{m.alerts_save_hint}</span>
                    </ActionForm>
                </div>
            }
            .into_any()
        }
        Some(_) => ().into_any(),
        None => view! {
            <p class="save-search muted">
                <a href=i18n.path("/account/sign-in")>{m.alerts_sign_in_to_save}</a>
            </p>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Region;

    #[test]
    fn the_form_carries_the_words_and_filters_only() {
        let query = ListingQuery {
            text: "argan".into(),
            region: Some(Region::SoussMassa),
            verified: true,
            page: 4,
            ..Default::default()
        };
        let fields = query_fields(&query);
        assert_eq!(
            fields,
            vec![
                ("query[text]", "argan".to_owned()),
                ("query[region]", "souss-massa".to_owned()),
                ("query[verified]", "true".to_owned()),
            ]
        );
    }
}
