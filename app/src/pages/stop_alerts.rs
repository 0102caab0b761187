//! The page a saved-search alert links to (`/{lang}/alerts/stop?search=…&token=…`):
//! it names the search and stops its alerts with one button, without signing
//! in. The link's signature is checked before anything is shown; a forged
//! or altered link gets a clear refusal. Stopping takes a `POST` (mail
//! scanners open links; they do not press buttons).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{NotFound, lang_segment_is_valid, loaded};
use crate::api::saved_searches::{StopAlerts, get_alert_subscription};
use crate::components::{FormAlert, PageMeta, submission_error};
use crate::domain::AlertSubscription;
use crate::i18n::use_i18n;

#[component]
pub fn StopAlertsPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let query = use_query_map();
    let link = move || {
        query.with(|q| {
            (q.get("search").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0), q.get("token").unwrap_or_default())
        })
    };
    let stop = ServerAction::<StopAlerts>::new();
    let subscription = Resource::new(
        move || (link(), stop.version().get()),
        |((search, token), _)| get_alert_subscription(search, token),
    );
    view! {
        {loaded(subscription, move |subscription| {
            let (search, token) = link();
            view! { <StopAlertsContent subscription search token stop /> }
        })}
    }
    .into_any()
}

#[component]
fn StopAlertsContent(
    subscription: AlertSubscription,
    search: i64,
    token: String,
    stop: ServerAction<StopAlerts>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let error = submission_error(stop);
    view! {
        <PageMeta title=format!("{} · {}", m.alerts_stop_title, m.site_name) description=m.alerts_stop_intro path="/alerts/stop" />
        <div class="container narrow">
            <section class="form-card">
                <h1>{m.alerts_stop_title}</h1>
                <p class="saved-search-title" dir="auto">{subscription.query.summary(m)}</p>
                <FormAlert error />
                {if subscription.alerts {
                    view! {
                        <p>{m.alerts_stop_intro}</p>
                        <ActionForm action=stop>
                            <input type="hidden" name="search" value=search.to_string() />
                            <input type="hidden" name="token" value=token />
                            <input type="hidden" name="locale" value=i18n.locale.code() />
                            <button class="button button-accent" type="submit">{m.alerts_stop_button}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    let just_now = use_query_map().with(|q| q.get("stopped").is_some());
                    let text = if just_now { m.alerts_stopped } else { m.alerts_already_stopped };
                    view! { <p class="form-success" role="status">{text}</p> }.into_any()
                }}
            </section>
        </div>
    }
}
