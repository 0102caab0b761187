//! `/{lang}/admin/producers/{slug}`: one producer as its office acts on
//! it: its legal facts and verification, hiding or unhiding it or any of
//! its listings with a reason, and suspending or reinstating its account.
//! Another region's producer is a 404 for a regional office.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::AdminNav;
use super::reason_fields::ReasonFields;
use crate::api::offices::{ActFor, InviteCooperative, Moderate, SuspendAccount, get_office_producer};
use crate::components::{FlashNote, FormAlert, HiddenNote, PageMeta, VerifiedBadge, submission_error};
use crate::domain::{AccountStatus, Hidden, HideReason, OfficeProducer};
use crate::i18n::use_i18n;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn OfficeProducerPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let params = use_params_map();
    let moderate = ServerAction::<Moderate>::new();
    let suspend = ServerAction::<SuspendAccount>::new();
    let producer = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), moderate.version().get(), suspend.version().get()),
        move |(slug, _, _)| get_office_producer(slug, locale),
    );
    view! { {loaded(producer, move |producer| view! { <ProducerContent producer moderate suspend /> })} }.into_any()
}

#[component]
fn ProducerContent(
    producer: OfficeProducer,
    moderate: ServerAction<Moderate>,
    suspend: ServerAction<SuspendAccount>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let line = producer.line.clone();
    let office = producer.office;
    let slug = line.slug.clone();
    let moderate_error = submission_error(moderate);
    let suspend_error = submission_error(suspend);
    let suspended = line.owner_status == AccountStatus::Suspended;
    let here = format!("/admin/producers/{slug}");
    let verification = producer.verification.map(|(state, reason)| {
        let reason = reason.map(|reason| format!(" — {}", reason.name(m))).unwrap_or_default();
        format!("{}{reason}", state.name(m))
    });
    view! {
        <PageMeta title=format!("{} · {}", line.trade_name, m.site_name) description=m.office_producers_intro path=here.clone() />
        <div class="container dashboard admin-page">
            <AdminNav office current="/admin/producers" />
            <header class="dashboard-header">
                <div>
                    <p class="eyebrow">{line.legal_form.name(m)}" · "{line.region.name(m)}</p>
                    <h1 dir="auto">{line.trade_name.clone()}" "{line.verified.then(|| view! { <VerifiedBadge /> })}</h1>
                    <p class="muted" dir="auto">{line.legal_name.clone()}" · "<bdi>{line.city.clone()}</bdi></p>
                </div>
                <div class="dashboard-actions">
                    <a class="button button-secondary" href=i18n.path(&format!("/admin/producers/{slug}/import"))>{m.import_link}</a>
                    {line.hidden.is_none().then(|| view! {
                        <a class="button button-secondary" href=i18n.path(&format!("/producers/{slug}"))>{m.office_public_page}</a>
                    })}
                </div>
            </header>
            <FlashNote flag="moderated" text=m.moderation_done />
            <FlashNote flag="account_changed" text=m.office_account_changed />
            <FlashNote flag="imported" text=m.import_done />
            <FlashNote flag="onboarded" text=m.onboard_done />
            <FlashNote flag="invited" text=m.onboard_invited />
            <FormAlert error=moderate_error />
            <FormAlert error=suspend_error />
            {producer.unclaimed.then(|| view! { <Onboarded slug=slug.clone() invitation=producer.invitation.clone() /> })}
            <section class="section" aria-labelledby="legal-title">
                <h2 id="legal-title">{m.office_legal_facts}</h2>
                <dl class="facts">
                    <div class="fact"><dt>{m.office_confirmed_ice}</dt><dd><bdi>{producer.ice.clone().unwrap_or_else(|| "—".into())}</bdi></dd></div>
                    <div class="fact"><dt>{m.office_declared_ice}</dt><dd><bdi>{producer.declared_ice.clone().unwrap_or_else(|| "—".into())}</bdi></dd></div>
                    <div class="fact"><dt>{m.verification_registration}</dt><dd><bdi>{producer.registration_number.clone().unwrap_or_else(|| "—".into())}</bdi></dd></div>
                    <div class="fact"><dt>{m.verification_approval}</dt><dd><bdi>{producer.cooperative_approval.clone().unwrap_or_else(|| "—".into())}</bdi></dd></div>
                    <div class="fact"><dt>{m.office_verification}</dt><dd>{verification.unwrap_or_else(|| m.office_never_asked.to_owned())}</dd></div>
                </dl>
            </section>
            <section class="section" aria-labelledby="moderation-title">
                <h2 id="moderation-title">{m.office_producer_visibility}</h2>
                <ModerationForm action=moderate producer=slug.clone() listing=None hidden=line.hidden.clone() />
            </section>
            <section class="section" aria-labelledby="account-title">
                <h2 id="account-title">{m.office_column_account}</h2>
                <p>
                    {if producer.unclaimed { view! { <span>{m.onboard_not_claimed}</span> }.into_any() } else { view! { <bdi>{line.owner_email.clone()}</bdi> }.into_any() }}
                    " · "{if suspended { m.office_suspended } else { m.office_active }}
                </p>
                <ActionForm action=suspend>
                    <input type="hidden" name="user_id" value=line.owner_user_id.to_string() />
                    <input type="hidden" name="suspend" value=(!suspended).to_string() />
                    <input type="hidden" name="from" value=here />
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <button class=if suspended { "button button-secondary" } else { "button button-danger" } type="submit">
                        {if suspended { m.office_reinstate } else { m.office_suspend }}
                    </button>
                    {(!suspended).then(|| view! { <p class="field-hint">{m.office_suspend_hint}</p> })}
                </ActionForm>
            </section>
            <section class="section" aria-labelledby="listings-title">
                <h2 id="listings-title">{m.office_listings}</h2>
                {if producer.listings.is_empty() {
                    view! { <p class="empty-state">{m.office_no_listings}</p> }.into_any()
                } else {
                    view! {
                        <ul class="own-listings">
                            {producer.listings.into_iter().map(|listing| {
                                let slug = slug.clone();
                                view! {
                                    <li class="own-listing office-listing">
                                        <div>
                                            {match listing.public_path.clone() {
                                                Some(path) => view! { <a class="own-listing-title" href=path dir="auto">{listing.title.clone()}</a> }.into_any(),
                                                None => view! { <span class="own-listing-title" dir="auto">{listing.title.clone()}</span> }.into_any(),
                                            }}
                                            <p class="muted">{m.get(&listing.status.message_key()).unwrap_or(listing.status.slug())}</p>
                                        </div>
                                        <ModerationForm action=moderate producer=slug listing=Some(listing.id) hidden=listing.hidden.clone() />
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
    }
}

/// Hide with a reason, or unhide, a producer (`listing: None`) or a listing.
#[component]
fn ModerationForm(
    action: ServerAction<Moderate>,
    producer: String,
    listing: Option<i64>,
    hidden: Option<Hidden>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let key = listing.map(|id| format!("listing-{id}")).unwrap_or_else(|| "producer".to_owned());
    let fields = view! {
        <input type="hidden" name="producer" value=producer />
        {listing.map(|id| view! { <input type="hidden" name="listing" value=id.to_string() /> })}
        <input type="hidden" name="locale" value=i18n.locale.code() />
    };
    match hidden {
        Some(hidden) => view! {
            <div class="moderation">
                <HiddenNote hidden />
                <ActionForm action>
                    {fields}
                    <input type="hidden" name="step" value="unhide" />
                    <button class="button button-secondary button-small" type="submit">{m.moderation_unhide}</button>
                </ActionForm>
            </div>
        }
        .into_any(),
        None => view! {
            <details class="moderation">
                <summary class="button button-secondary button-small">{m.moderation_hide}</summary>
                <ActionForm action attr:class="hide-form">
                    {fields}
                    <input type="hidden" name="step" value="hide" />
                    <ReasonFields key=key.clone() label=m.moderation_reason reasons=HideReason::ALL.iter().map(|r| (r.slug(), r.name(m))).collect() />
                    <button class="button button-danger button-small" type="submit">{m.moderation_hide_confirm}</button>
                </ActionForm>
            </details>
        }
        .into_any(),
    }
}

/// An unclaimed cooperative: the office works on its catalogue, and invites
/// its address to claim it.
#[component]
fn Onboarded(slug: String, invitation: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let act = ServerAction::<ActFor>::new();
    let invite = ServerAction::<InviteCooperative>::new();
    let error = submission_error(invite);
    let invite_slug = slug.clone();
    view! {
        <section class="section onboarded" aria-labelledby="onboarded-title">
            <h2 id="onboarded-title">{m.onboard_section}</h2>
            <p class="muted">{m.onboard_section_hint}</p>
            <ActionForm action=act>
                <input type="hidden" name="producer" value=slug />
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <button class="button" type="submit">{m.onboard_work_on}</button>
            </ActionForm>
            {invitation.map(|email| view! { <p>{m.onboard_invitation_waiting}" "<bdi>{email}</bdi></p> })}
            <FormAlert error />
            <ActionForm action=invite attr:class="grant-form">
                <input type="hidden" name="producer" value=invite_slug />
                <div class="field">
                    <label for="invite-email">{m.onboard_invite_email}</label>
                    <input id="invite-email" name="email" type="email" required maxlength="254" autocomplete="off" />
                </div>
                <div class="field">
                    <label for="invite-locale">{m.onboard_invite_language}</label>
                    <select id="invite-locale" name="locale">
                        {crate::domain::Locale::ALL.into_iter().map(|locale| view! {
                            <option value=locale.code() selected=locale == i18n.locale>{m.get(&format!("language_name.{}", locale.code())).unwrap_or(locale.code())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button class="button button-accent" type="submit">{m.onboard_invite}</button>
            </ActionForm>
        </section>
    }
}
