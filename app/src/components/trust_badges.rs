//! Quiet trust signals: the verified badge, certifications and protected
//! origin labels.

use leptos::prelude::*;

use super::{Icon, IconName};
use crate::domain::{Certification, OriginLabel};
use crate::i18n::use_i18n;

/// "Verified": the producer's identity was checked by a trade office.
#[component]
pub fn VerifiedBadge(#[prop(optional)] compact: bool) -> impl IntoView {
    let m = use_i18n().messages;
    view! {
        <span class="badge badge-verified" title=m.producer_verified_hint>
            <Icon name=IconName::BadgeCheck />
            <span class:visually-hidden=compact>{m.producer_verified}</span>
        </span>
    }
}

/// A list of certification chips.
#[component]
pub fn CertificationChips(certifications: Vec<Certification>) -> impl IntoView {
    let m = use_i18n().messages;
    view! {
        <ul class="chips">
            {certifications
                .into_iter()
                .map(|c| view! { <li class="chip"><Icon name=IconName::Award />{c.name(m)}</li> })
                .collect_view()}
        </ul>
    }
}

/// A list of IGP/AOP origin-label chips, in the accent colour.
#[component]
pub fn OriginLabelChips(labels: Vec<OriginLabel>) -> impl IntoView {
    let m = use_i18n().messages;
    view! {
        <ul class="chips">
            {labels.into_iter().map(|l| view! { <li class="chip chip-origin">{l.name(m)}</li> }).collect_view()}
        </ul>
    }
}
