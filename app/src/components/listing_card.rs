//! A listing as a card in a grid: photo, title, supplier, origin, MOQ and price.

use leptos::prelude::*;

use super::{Icon, IconName, Photo, VerifiedBadge};
use crate::domain::{self, PriceRange};
use crate::i18n::{fill, use_i18n};

/// One card; the photo is lazy unless `eager`. From a showcase, the link
/// carries it (`showcase`: its slug), so what the buyer does next is
/// credited to it.
#[component]
pub fn ListingCard(
    card: domain::ListingCard,
    #[prop(optional)] eager: bool,
    #[prop(optional)] showcase: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    // From a showcase the page loads whole (`rel="external"`), so the
    // visit is seen by the server and credited to the showcase.
    let (href, rel) = match showcase {
        Some(slug) => (format!("{}?showcase={slug}", card.path(i18n.locale)), Some("external")),
        None => (card.path(i18n.locale), None),
    };
    let price = match &card.price {
        PriceRange::OnRequest => m.listing_price_on_request.to_owned(),
        range => range.format_amounts(i18n.locale).unwrap_or_default(),
    };
    let moq = card.moq.as_ref().map(|q| format!("{} {} {}", m.listing_moq, q.amount, q.unit.name(m)));
    let title_lang = card.title.locale.code();
    view! {
        <article class="listing-card">
            <a class="listing-card-link" href=href rel=rel>
                <Photo
                    photo=card.cover.clone()
                    alt=""
                    sizes="(min-width: 1200px) 280px, (min-width: 640px) 45vw, 100vw"
                    eager
                />
                <h3 class="listing-card-title" lang=title_lang>{card.title.text.clone()}</h3>
            </a>
            <p class="listing-card-supplier">
                {card.producer_name.clone()}
                {card.producer_verified.then(|| view! { <VerifiedBadge compact=true /> })}
            </p>
            <p class="listing-card-origin">
                <Icon name=IconName::MapPin />
                <span>{card.region.name(m)}</span>
            </p>
            <dl class="listing-card-facts">
                <div>
                    <dt class="visually-hidden">{m.listing_price}</dt>
                    <dd class="price" dir="ltr">{price}</dd>
                </div>
                {moq.map(|moq| view! {
                    <div>
                        <dt class="visually-hidden">{m.listing_moq}</dt>
                        <dd class="moq">{moq}</dd>
                    </div>
                })}
            </dl>
        </article>
    }
}

/// A responsive grid of listing cards; the first row loads eagerly.
#[component]
pub fn ListingGrid(cards: Vec<domain::ListingCard>, #[prop(optional)] eager_first: usize) -> impl IntoView {
    let m = use_i18n().messages;
    let count = cards.len();
    view! {
        <div class="listing-grid" data-count=count>
            {cards
                .into_iter()
                .enumerate()
                .map(|(index, card)| view! { <ListingCard card eager=index < eager_first /> })
                .collect_view()}
        </div>
        {(count == 0).then(|| view! { <p class="empty-state">{m.home_empty}</p> })}
        {(count > 0).then(|| view! { <p class="visually-hidden">{fill(m.home_products_count, &[("n", &count.to_string())])}</p> })}
    }
}
