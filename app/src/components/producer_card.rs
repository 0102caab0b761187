//! A producer as a card: name, legal form, location, sectors, verification.

use leptos::prelude::*;

use super::{Icon, IconName, VerifiedBadge};
use crate::domain::{self, LegalForm};
use crate::i18n::{fill, use_i18n};

#[component]
pub fn ProducerCard(card: domain::ProducerCard) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let sectors = card.sectors.iter().map(|s| s.name(m)).collect::<Vec<_>>().join(" · ");
    let cooperative = card.legal_form == LegalForm::Cooperative;
    view! {
        <article class="producer-card">
            <h3>
                <a href=card.path(i18n.locale)>{card.name.clone()}</a>
                {card.verified.then(|| view! { <VerifiedBadge compact=true /> })}
            </h3>
            <p class="producer-card-meta">
                <span class="tag" class:tag-coop=cooperative>{card.legal_form.name(m)}</span>
                <span class="producer-card-place">
                    <Icon name=IconName::MapPin />
                    {format!("{}, {}", card.city, card.region.name(m))}
                </span>
            </p>
            <p class="producer-card-sectors">{sectors}</p>
            <p class="producer-card-count">
                {fill(m.producer_products_count, &[("n", &card.listing_count.to_string())])}
            </p>
        </article>
    }
}
