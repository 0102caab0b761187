//! The team page of a company's workspace (`/{lang}/dashboard/team` for a
//! producer, `/{lang}/organiser/team` for an organiser): its members and
//! what each role may do, for everyone in the company; for its owners the
//! role changes, removals and transfer of ownership, invitations, the
//! routing of new inquiries and the team log. Every form posts without
//! JavaScript; the server answers for the reader's role.

use leptos::prelude::*;

use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::teams::{AddRoutingRule, ChangeTeam, InviteMember, get_team};
use crate::components::{FieldError, FlashNote, FormAlert, PageMeta, submission_error};
use crate::domain::{
    InvitationLine, Locale, MemberLine, RoutingKind, RoutingRuleLine, Sector, TeamKind, TeamLogLine, TeamPage,
    TeamRole, WorkspaceAction, WorldRegion,
};
use crate::i18n::{fill, use_i18n};

/// `/{lang}/dashboard/team`
#[component]
pub fn ProducerTeamPage() -> impl IntoView {
    team_page()
}

/// `/{lang}/organiser/team`
#[component]
pub fn OrganiserTeamPage() -> impl IntoView {
    team_page()
}

fn team_page() -> AnyView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let locale = use_i18n().locale;
    let team = Resource::new(|| (), move |_| get_team(locale));
    view! { {loaded(team, |page| view! { <TeamContent page /> })} }.into_any()
}

/// The day of an RFC 3339 time, written the reader's way (`12 févr. 2026`).
fn day(rfc3339: &str) -> String {
    let i18n = use_i18n();
    match rfc3339.get(0..10).and_then(crate::domain::CalendarDate::parse) {
        Some(date) => i18n.date(date),
        None => rfc3339.to_owned(),
    }
}

#[component]
fn TeamContent(page: TeamPage) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let change = ServerAction::<ChangeTeam>::new();
    let invite = ServerAction::<InviteMember>::new();
    let add_rule = ServerAction::<AddRoutingRule>::new();
    let change_error = submission_error(change);
    let invite_error = submission_error(invite);
    let rule_error = submission_error(add_rule);
    let owner = page.my_role.may(WorkspaceAction::ManageTeam);
    let kind = page.kind;
    let path = match kind {
        TeamKind::Producer => "/dashboard/team",
        TeamKind::Organiser => "/organiser/team",
    };
    let intro = fill(m.team_intro, &[("company", &page.company)]);
    let answerers: Vec<(i64, String)> = page
        .members
        .iter()
        .filter(|member| member.role.may(WorkspaceAction::AnswerInquiries))
        .map(|member| (member.user_id, member.name.clone()))
        .collect();
    let me = page.me;
    view! {
        <PageMeta title=format!("{} · {}", m.team_title, m.site_name) description=intro.clone() path=path />
        <div class="container team-page">
            <header class="dashboard-header">
                <div>
                    <p class="eyebrow" dir="auto">{page.company.clone()}</p>
                    <h1>{m.team_title}</h1>
                    <p class="muted">{intro}</p>
                </div>
            </header>
            <FlashNote flag="invited" text=m.team_invited />
            <FlashNote flag="changed" text=m.team_changed />
            <FormAlert error=change_error />
            <section class="section" aria-labelledby="team-members">
                <h2 id="team-members">{m.team_members}</h2>
                <ul class="team-members">
                    {page.members.iter().cloned().map(|member| view! {
                        <MemberRow member kind me owner change />
                    }).collect_view()}
                </ul>
                <dl class="team-roles">
                    {kind.roles().iter().map(|role| view! {
                        <div>
                            <dt>{role.name(m)}</dt>
                            <dd>{role_help(*role, m)}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            </section>
            {owner.then(|| view! {
                <section class="section" aria-labelledby="team-invite">
                    <h2 id="team-invite">{m.team_invite_title}</h2>
                    <p class="muted">{m.team_invite_intro}</p>
                    <ActionForm action=invite attr:class="form-card form-card-wide team-invite">
                        <FormAlert error=invite_error />
                        <input type="hidden" name="locale" value=i18n.locale.code() />
                        <div class="field-row">
                            <div class="field">
                                <label for="invite-email">{m.team_email}</label>
                                <input id="invite-email" name="form[email]" type="email" required maxlength="254" autocomplete="off" dir="ltr" />
                                <FieldError error=invite_error field="email" />
                            </div>
                            <div class="field">
                                <label for="invite-role">{m.team_role}</label>
                                <select id="invite-role" name="form[role]">
                                    {kind.roles().iter().rev().map(|role| view! {
                                        <option value=role.slug()>{role.name(m)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="invite-locale">{m.team_language}</label>
                                <select id="invite-locale" name="form[locale]">
                                    {Locale::ALL.iter().map(|locale| view! {
                                        <option value=locale.code() selected={*locale == i18n.locale}>{locale.native_name()}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        </div>
                        <button class="button button-accent" type="submit">{m.team_invite_button}</button>
                    </ActionForm>
                    {(!page.invitations.is_empty()).then(|| view! {
                        <h3>{m.team_invitations}</h3>
                        <ul class="team-invitations">
                            {page.invitations.iter().cloned().map(|invitation| view! { <InvitationRow invitation change /> }).collect_view()}
                        </ul>
                    })}
                </section>
            })}
            {(owner && kind == TeamKind::Producer).then(|| view! {
                <RoutingSection rules=page.rules.clone() listings=page.listings.clone() answerers=answerers.clone() add_rule rule_error change />
            })}
            {owner.then(|| view! { <TeamLog log=page.log.clone() /> })}
        </div>
    }
}

fn role_help(role: TeamRole, m: &'static crate::i18n::Messages) -> &'static str {
    match role {
        TeamRole::Owner => m.team_help_owner,
        TeamRole::Manager => m.team_help_manager,
        TeamRole::Sales => m.team_help_sales,
        TeamRole::Editor => m.team_help_editor,
    }
}

/// A small form posting one team change.
#[component]
fn ChangeButton(
    change: ServerAction<ChangeTeam>,
    what: &'static str,
    #[prop(optional)] member: Option<i64>,
    #[prop(optional)] invitation: Option<i64>,
    #[prop(optional)] rule: Option<i64>,
    label: &'static str,
    #[prop(optional)] danger: bool,
) -> impl IntoView {
    let locale = use_i18n().locale;
    view! {
        <ActionForm action=change attr:class="inline-form">
            <input type="hidden" name="locale" value=locale.code() />
            <input type="hidden" name="change" value=what />
            {member.map(|id| view! { <input type="hidden" name="member" value=id.to_string() /> })}
            {invitation.map(|id| view! { <input type="hidden" name="invitation" value=id.to_string() /> })}
            {rule.map(|id| view! { <input type="hidden" name="rule" value=id.to_string() /> })}
            <button class=if danger { "button button-small button-danger" } else { "button button-small button-secondary" } type="submit">{label}</button>
        </ActionForm>
    }
}

#[component]
fn MemberRow(
    member: MemberLine,
    kind: TeamKind,
    me: i64,
    owner: bool,
    change: ServerAction<ChangeTeam>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let mine = member.user_id == me;
    let id = member.user_id;
    let role_field = format!("member-role-{id}");
    view! {
        <li class="team-member">
            <div class="team-member-main">
                <span>
                    <strong dir="auto">{member.name.clone()}</strong>
                    {mine.then(|| view! { <span class="muted">" ("{m.team_you}")"</span> })}
                </span>
                <span class="team-member-email" dir="ltr">{member.email.clone()}</span>
                <span class="team-member-meta">
                    <span class="tag">{member.role.name(m)}</span>
                    <span class="muted">{m.team_joined}" "<time datetime=member.joined_at.clone()>{day(&member.joined_at)}</time></span>
                    <span class="muted">{member.locale.native_name()}</span>
                    {(kind == TeamKind::Producer).then(|| view! {
                        <span class="muted">{m.team_open_conversations}": "{member.assigned_open}</span>
                    })}
                </span>
            </div>
            <div class="team-member-actions">
                {(owner && !mine).then(|| view! {
                    <ActionForm action=change attr:class="inline-form">
                        <input type="hidden" name="locale" value=i18n.locale.code() />
                        <input type="hidden" name="change" value="change_role" />
                        <input type="hidden" name="member" value=id.to_string() />
                        <label class="visually-hidden" for=role_field.clone()>{m.team_role}</label>
                        <select id=role_field name="role">
                            {kind.roles().iter().map(|role| view! {
                                <option value=role.slug() selected={*role == member.role}>{role.name(m)}</option>
                            }).collect_view()}
                        </select>
                        <button class="button button-small button-secondary" type="submit">{m.team_change_role}</button>
                    </ActionForm>
                    {(member.role != TeamRole::Owner).then(|| view! {
                        <ChangeButton change what="transfer_ownership" member=id label=m.team_transfer />
                    })}
                    <ChangeButton change what="remove" member=id label=m.team_remove danger=true />
                })}
                {mine.then(|| view! { <ChangeButton change what="leave" label=m.team_leave danger=true /> })}
            </div>
        </li>
    }
}

#[component]
fn InvitationRow(invitation: InvitationLine, change: ServerAction<ChangeTeam>) -> impl IntoView {
    let m = use_i18n().messages;
    view! {
        <li class="team-member">
            <div class="team-member-main">
                <span class="team-member-email" dir="ltr">{invitation.email.clone()}</span>
                <span class="team-member-meta">
                    <span class="tag">{invitation.role.name(m)}</span>
                    <span class="muted">{invitation.locale.native_name()}</span>
                    <span class="muted">{m.team_expires}" "<time datetime=invitation.expires_at.clone()>{day(&invitation.expires_at)}</time></span>
                </span>
            </div>
            <div class="team-member-actions">
                <ChangeButton change what="withdraw_invitation" invitation=invitation.id label=m.team_withdraw />
            </div>
        </li>
    }
}

/// The owners' routing rules and one small form per kind of rule (each
/// works without JavaScript: its values do not depend on another field).
#[component]
fn RoutingSection(
    rules: Vec<RoutingRuleLine>,
    listings: Vec<(i64, String)>,
    answerers: Vec<(i64, String)>,
    add_rule: ServerAction<AddRoutingRule>,
    rule_error: Signal<Option<crate::domain::AppError>>,
    change: ServerAction<ChangeTeam>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let value_name = move |rule: &RoutingRuleLine| match rule.kind {
        RoutingKind::Listing => rule.label.clone(),
        RoutingKind::Sector => {
            Sector::from_slug(&rule.value).map_or_else(|| rule.value.clone(), |s| s.name(m).to_owned())
        }
        RoutingKind::Market => {
            WorldRegion::from_slug(&rule.value).map_or_else(|| rule.value.clone(), |w| w.name(m).to_owned())
        }
    };
    let choices = move |kind: RoutingKind| -> Vec<(String, String)> {
        match kind {
            RoutingKind::Listing => listings.iter().map(|(id, title)| (id.to_string(), title.clone())).collect(),
            RoutingKind::Sector => Sector::ALL.iter().map(|s| (s.slug().to_owned(), s.name(m).to_owned())).collect(),
            RoutingKind::Market => WorldRegion::ALL
                .iter()
                .filter(|w| **w != WorldRegion::Antarctica)
                .map(|w| (w.slug().to_owned(), w.name(m).to_owned()))
                .collect(),
        }
    };
    view! {
        <section class="section" aria-labelledby="team-routing">
            <h2 id="team-routing">{m.team_rules_title}</h2>
            <p class="muted">{m.team_rules_intro}</p>
            {if rules.is_empty() {
                view! { <p class="empty-state">{m.team_no_rules}</p> }.into_any()
            } else {
                view! {
                    <ul class="team-rules">
                        {rules.iter().map(|rule| {
                            let text = fill(m.team_rule_line, &[("kind", rule.kind.name(m)), ("value", &value_name(rule)), ("member", &rule.member_name)]);
                            view! {
                                <li class="team-rule">
                                    <span dir="auto">{text}</span>
                                    <ChangeButton change what="remove_rule" rule=rule.id label=m.team_remove />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <FormAlert error=rule_error />
            <div class="team-rule-forms">
                {RoutingKind::ALL.iter().map(|kind| {
                    let kind = *kind;
                    let value_id = format!("rule-value-{}", kind.slug());
                    let member_id = format!("rule-member-{}", kind.slug());
                    let options = choices(kind);
                    let answerers = answerers.clone();
                    view! {
                        <ActionForm action=add_rule attr:class="form-card team-rule-form">
                            <input type="hidden" name="locale" value=i18n.locale.code() />
                            <input type="hidden" name="form[kind]" value=kind.slug() />
                            <p class="team-rule-kind"><strong>{m.team_rule_kind}" "{kind.name(m)}</strong></p>
                            <div class="field">
                                <label for=value_id.clone()>{m.team_rule_value}</label>
                                <select id=value_id name="form[value]" required>
                                    {options.into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for=member_id.clone()>{m.team_rule_member}</label>
                                <select id=member_id name="form[member]" required>
                                    {answerers.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                                </select>
                            </div>
                            <button class="button button-small" type="submit">{m.team_add_rule}</button>
                        </ActionForm>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn TeamLog(log: Vec<TeamLogLine>) -> impl IntoView {
    let m = use_i18n().messages;
    view! {
        <section class="section" aria-labelledby="team-log">
            <h2 id="team-log">{m.team_log_title}</h2>
            <p class="muted">{m.team_log_intro}</p>
            {if log.is_empty() {
                view! { <p class="empty-state">{m.team_log_empty}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table audit-table">
                            <thead>
                                <tr>
                                    <th scope="col">{m.team_at}</th>
                                    <th scope="col">{m.team_actor}</th>
                                    <th scope="col">{m.team_action}</th>
                                    <th scope="col">{m.team_subject}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {log.into_iter().map(|line| {
                                    let detail = line.detail.as_deref().map(|detail| {
                                        TeamRole::from_slug(detail)
                                            .map(|role| role.name(m).to_owned())
                                            .or_else(|| m.get(&format!("status.{detail}")).map(str::to_owned))
                                            .unwrap_or_else(|| detail.to_owned())
                                    });
                                    view! {
                                        <tr>
                                            <td><time dir="ltr" datetime=line.at.clone()>{super::inquiries::activity_time(&line.at)}</time></td>
                                            <td dir="auto">{line.actor.clone()}</td>
                                            <td>{line.action.name(m)}{detail.map(|detail| format!(" · {detail}"))}</td>
                                            <td dir="auto">{line.subject.clone()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
