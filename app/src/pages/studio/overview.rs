//! The dashboard: the producer's listings with their status, completeness and
//! photo count, and the quick actions (publish, unpublish, edit, view); the
//! company's verification, and what a trade office hid, with its reason and
//! a button to ask for a review once it is changed. What the page offers
//! follows the reader's role in the team (`TeamRole::may`): a sales member
//! sees the listings but no editing.

use leptos::prelude::*;

use crate::api::offices::{RequestReview, StopActing};
use crate::api::studio::{ChangeListingStatus, get_dashboard};
use crate::components::{FlashNote, FormAlert, HiddenNote, Icon, IconName, PageMeta, VerifiedBadge, submission_error};
use crate::domain::{Dashboard, Hidden, ListingStatus, OwnListing, StatusChange, TeamRole, WorkspaceAction};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn StudioPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let status_action = ServerAction::<ChangeListingStatus>::new();
    let review = ServerAction::<RequestReview>::new();
    let dashboard =
        Resource::new(move || (status_action.version().get(), review.version().get()), move |_| get_dashboard(locale));
    view! { {loaded(dashboard, move |dashboard| view! { <DashboardContent dashboard status_action review /> })} }
        .into_any()
}

/// The office working on a cooperative's catalogue, and the way back.
#[component]
fn OnBehalfNotice() -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let stop = ServerAction::<StopActing>::new();
    view! {
        <div class="notice on-behalf" role="status">
            <p>{m.onboard_acting}</p>
            <ActionForm action=stop>
                <input type="hidden" name="locale" value=i18n.locale.code() />
                <button class="button button-small" type="submit">{m.onboard_stop}</button>
            </ActionForm>
        </div>
    }
}

/// What an office hid, and the button asking it to look again (once).
#[component]
fn ReviewRequest(hidden: Hidden, listing: Option<i64>, review: ServerAction<RequestReview>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let asked = hidden.review_requested;
    view! {
        <div class="moderation">
            <HiddenNote hidden />
            {(!asked).then(|| view! {
                <ActionForm action=review>
                    {listing.map(|id| view! { <input type="hidden" name="listing" value=id.to_string() /> })}
                    <input type="hidden" name="locale" value=i18n.locale.code() />
                    <p class="field-hint">{m.moderation_fix_then_ask}</p>
                    <button class="button button-small" type="submit">{m.moderation_ask_review}</button>
                </ActionForm>
            })}
        </div>
    }
}

#[component]
fn DashboardContent(
    dashboard: Dashboard,
    status_action: ServerAction<ChangeListingStatus>,
    review: ServerAction<RequestReview>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let error = submission_error(status_action);
    let review_error = submission_error(review);
    let has_profile = dashboard.company_name.is_some();
    let role = dashboard.role;
    let may = move |action: WorkspaceAction| role.may(action);
    let edits = may(WorkspaceAction::ManageListings);
    view! {
        <PageMeta title=format!("{} · {}", m.dashboard_title, m.site_name) description=m.dashboard_intro path="/dashboard" />
        <div class="container dashboard">
            <header class="dashboard-header">
                <div>
                    <p class="eyebrow">{dashboard.company_name.clone().unwrap_or_else(|| m.dashboard_no_company.to_owned())}</p>
                    <h1>{m.dashboard_title}</h1>
                    {has_profile.then(|| if dashboard.verified {
                        view! { <p><VerifiedBadge /></p> }.into_any()
                    } else if may(WorkspaceAction::Verification) {
                        view! { <p><a href=i18n.path("/dashboard/verification")>{m.verification_get_verified}</a></p> }.into_any()
                    } else {
                        ().into_any()
                    })}
                    {(has_profile && role != TeamRole::Owner).then(|| view! {
                        <p class="muted">{role.name(m)}</p>
                    })}
                </div>
                <div class="dashboard-actions">
                    {may(WorkspaceAction::EditProfile).then(|| view! {
                        <a class="button button-secondary" href=i18n.path("/dashboard/profile")>{m.dashboard_edit_profile}</a>
                    })}
                    {(has_profile && may(WorkspaceAction::ReadInsights)).then(|| view! {
                        <a class="button button-secondary" href=i18n.path("/dashboard/insights")>{m.insights_nav}</a>
                    })}
                    {(has_profile && !dashboard.on_behalf).then(|| view! {
                        <a class="button button-secondary" href=i18n.path("/dashboard/team")>{m.team_nav}</a>
                    })}
                    {(has_profile && may(WorkspaceAction::AnswerInquiries)).then(|| view! {
                        <a class="button button-secondary" href=i18n.path("/dashboard/requests")>{m.requests_workspace_title}</a>
                        <a class="button button-secondary" href=i18n.path("/deals")>{m.deals_title}</a>
                    })}
                    {(has_profile && !dashboard.on_behalf && may(WorkspaceAction::ManageBilling)).then(|| view! {
                        <a class="button button-secondary" href=i18n.path("/dashboard/billing")>{m.billing_title}</a>
                    })}
                    {dashboard.producer_path.clone().map(|path| view! {
                        <a class="button button-secondary" href=path>{m.dashboard_view_profile}</a>
                    })}
                    {(has_profile && edits).then(|| view! {
                        <a class="button button-secondary" href=i18n.path("/dashboard/import")>{m.import_link}</a>
                        <a class="button button-accent" href=i18n.path("/dashboard/listings/new")>{m.dashboard_add_listing}</a>
                    })}
                </div>
            </header>
            <FlashNote flag="deleted" text=m.dashboard_deleted />
            <FlashNote flag="review_requested" text=m.moderation_review_sent />
            <FlashNote flag="imported" text=m.import_done />
            <FlashNote flag="claimed" text=m.claim_done />
            {dashboard.on_behalf.then(|| view! { <OnBehalfNotice /> })}
            <FormAlert error />
            <FormAlert error=review_error />
            {dashboard.hidden.clone().map(|hidden| view! {
                <section class="section" aria-label=m.moderation_company_hidden>
                    <p><strong>{m.moderation_company_hidden}</strong></p>
                    <ReviewRequest hidden listing=None review />
                </section>
            })}
            {if !has_profile {
                view! {
                    <div class="empty-state">
                        <p>{m.dashboard_profile_first}</p>
                        <a class="button" href=i18n.path("/dashboard/profile")>{m.dashboard_create_profile}</a>
                    </div>
                }.into_any()
            } else if dashboard.listings.is_empty() {
                view! {
                    <div class="empty-state">
                        <p>{m.dashboard_empty}</p>
                        {edits.then(|| view! {
                            <a class="button button-accent" href=i18n.path("/dashboard/listings/new")>{m.dashboard_add_listing}</a>
                        })}
                    </div>
                }.into_any()
            } else {
                view! {
                    <ul class="own-listings">
                        {dashboard.listings.into_iter().map(|listing| view! { <OwnListingRow listing edits status_action review /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn OwnListingRow(
    listing: OwnListing,
    /// The reader may change listings (not a sales member).
    edits: bool,
    status_action: ServerAction<ChangeListingStatus>,
    review: ServerAction<RequestReview>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let status_name = m.get(&listing.status.message_key()).unwrap_or(listing.status.slug());
    let quick = match listing.status {
        ListingStatus::Draft => Some((StatusChange::Publish, m.status_action_publish)),
        ListingStatus::Published => Some((StatusChange::Unpublish, m.status_action_unpublish)),
        ListingStatus::Archived => None,
    };
    let edit_path = i18n.path(&format!("/dashboard/listings/{}", listing.id));
    view! {
        <li class="own-listing">
            <div class="own-listing-main">
                {if edits {
                    view! { <a class="own-listing-title" href=edit_path.clone() lang=listing.title.locale.code()>{listing.title.text.clone()}</a> }.into_any()
                } else {
                    view! { <span class="own-listing-title" lang=listing.title.locale.code()>{listing.title.text.clone()}</span> }.into_any()
                }}
                <p class="own-listing-meta">
                    <span class=format!("status status-{}", listing.status.slug())>{status_name}</span>
                    <span class="muted">{fill(m.dashboard_photo_count, &[("n", &listing.photo_count.to_string())])}</span>
                    <span class="muted">{fill(m.dashboard_updated, &[("date", &listing.updated_on)])}</span>
                </p>
                <div class="completeness-line">
                    <meter min="0" max="100" low="50" high="80" optimum="100" value=listing.completeness.to_string()></meter>
                    <span>{fill(m.completeness_score, &[("n", &listing.completeness.to_string())])}</span>
                </div>
                {listing.hidden.clone().filter(|_| edits).map(|hidden| view! { <ReviewRequest hidden listing=Some(listing.id) review /> })}
            </div>
            <div class="own-listing-actions">
                {edits.then(|| view! { <a class="button button-secondary" href=edit_path>{m.dashboard_edit}</a> })}
                {listing.public_path.clone().map(|path| view! {
                    <a class="button button-secondary" href=path>
                        {m.dashboard_view}
                        <Icon name=IconName::ChevronEnd />
                    </a>
                })}
                {quick.filter(|_| edits).map(|(change, label)| view! {
                    <ActionForm action=status_action>
                        <input type="hidden" name="id" value=listing.id.to_string() />
                        <input type="hidden" name="change" value=serde_change(change) />
                        <button class="button" type="submit">{label}</button>
                    </ActionForm>
                })}
            </div>
        </li>
    }
}

/// The wire name of a status change, as its form field carries it.
pub(super) fn serde_change(change: StatusChange) -> &'static str {
    match change {
        StatusChange::Publish => "publish",
        StatusChange::Unpublish => "unpublish",
        StatusChange::Archive => "archive",
    }
}
