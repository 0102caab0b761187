//! `/{lang}/join?token=…`: the page an owner's team invitation opens. The
//! invitee joins signed in with the invited address, or creates their
//! account here (its address is the invited one); an account with that
//! address that is not signed in is asked to sign in and come back.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::accounts::get_viewer;
use crate::api::teams::{JoinTeam, get_join};
use crate::components::{FieldError, FormAlert, PageMeta, submission_error};
use crate::domain::{JoinPage, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, Role, TeamKind, Viewer};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn JoinTeamPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token").unwrap_or_default());
    let stored = StoredValue::new(token);
    let page = Resource::new(
        move || stored.get_value(),
        |token| async move {
            let page = get_join(token).await?;
            let viewer = get_viewer().await?;
            Ok((page, viewer))
        },
    );
    view! {
        {loaded(page, move |(page, viewer)| view! { <JoinContent page viewer token=stored.get_value() /> })}
    }
    .into_any()
}

#[component]
fn JoinContent(page: JoinPage, viewer: Option<Viewer>, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let action = ServerAction::<JoinTeam>::new();
    let error = submission_error(action);
    let title = fill(m.join_title, &[("company", &page.company)]);
    let intro = fill(m.join_intro, &[("company", &page.company), ("email", &page.email), ("role", page.role.name(m))]);
    let next = i18n.path(&format!("/join?token={token}"));
    let account_role = match page.kind {
        TeamKind::Producer => Role::Producer,
        TeamKind::Organiser => Role::Organiser,
    };
    let body = match &viewer {
        Some(viewer) if viewer.email == page.email && viewer.role != account_role => view! {
            <p class="notice notice-warning">{m.invalid_invitation_wrong_account}</p>
        }
        .into_any(),
        Some(viewer) if viewer.email == page.email => view! {
            <p class="muted">{fill(m.join_signed_in_as, &[("email", &viewer.email)])}</p>
            <FormAlert error />
            <input type="hidden" name="token" value=token.clone() />
            <input type="hidden" name="locale" value=i18n.locale.code() />
            <button class="button button-accent" type="submit">{m.join_button}</button>
        }
        .into_any(),
        Some(viewer) => view! {
            <p class="notice notice-warning">{fill(m.join_wrong_address, &[("email", &viewer.email)])}</p>
        }
        .into_any(),
        None if page.has_account => view! {
            <p>{m.join_sign_in_first}</p>
            <a class="button button-accent" href=format!("{}?next={}", i18n.path("/account/sign-in"), crate::pages::query_escape(&next))>
                {m.join_sign_in_link}
            </a>
        }
        .into_any(),
        None => view! {
            <h2>{m.join_create}</h2>
            <FormAlert error />
            <input type="hidden" name="token" value=token.clone() />
            <input type="hidden" name="locale" value=i18n.locale.code() />
            <div class="field">
                <label for="join-email">{m.account_email}</label>
                <input id="join-email" value=page.email.clone() readonly dir="ltr" />
            </div>
            <div class="field">
                <label for="join-name">{m.join_name}</label>
                <input id="join-name" name="display_name" required maxlength="120" autocomplete="name" dir="auto" />
                <FieldError error field="display_name" />
            </div>
            <div class="field">
                <label for="join-password">{m.join_password}</label>
                <input id="join-password" name="password" type="password" required autocomplete="new-password"
                    minlength=PASSWORD_MIN_CHARS.to_string() maxlength=PASSWORD_MAX_CHARS.to_string() aria-describedby="join-password-hint" />
                <p class="field-hint" id="join-password-hint">{m.account_password_hint}</p>
                <FieldError error field="password" />
            </div>
            <button class="button button-accent" type="submit">{m.join_button}</button>
        }
        .into_any(),
    };
    view! {
        <PageMeta title=format!("{title} · {}", m.site_name) description=intro.clone() path="/join" />
        <div class="container account-page">
            <ActionForm action attr:class="form-card">
                <h1 dir="auto">{title}</h1>
                <p>{intro}</p>
                {body}
            </ActionForm>
        </div>
    }
}
