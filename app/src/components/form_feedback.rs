//! Feedback for forms that post server functions: the error of the last
//! submission (from the action after hydration, or from the `__err` that
//! Leptos puts in the URL after a plain form post), an error summary at the
//! top of the form and the message next to each field, in the reader's language.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::use_query_map;

use crate::domain::AppError;
use crate::i18n::{Messages, use_i18n};

/// The error of the last submission of `action`, if it failed.
pub fn submission_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let query = use_query_map();
    Signal::derive(move || match action.value().get() {
        Some(Ok(_)) => None,
        Some(Err(error)) => Some(error),
        None => query.with(|q| {
            (q.get("__path").as_deref() == Some(S::PATH))
                .then(|| q.get("__err").map(|encoded| ServerFnUrlError::<AppError>::decode_err(&encoded)))
                .flatten()
        }),
    })
}

/// What to tell a person about an error, in their language.
pub fn error_message(error: &AppError, m: &'static Messages) -> String {
    let text = match error {
        AppError::Invalid { reason, .. } => m.get(reason).unwrap_or(m.form_check_fields),
        AppError::Conflict { field } => m.get(&format!("invalid.{field}_taken")).unwrap_or(m.form_conflict),
        AppError::AlreadySent { .. } => m.form_already_sent,
        AppError::RateLimited => m.form_rate_limited,
        AppError::Unauthorized => m.form_sign_in_required,
        AppError::NotFound => m.error_not_found_text,
        AppError::Forbidden => m.form_forbidden,
        AppError::BadRequest => m.form_reload,
        AppError::Unavailable | AppError::Internal => m.form_try_again,
    };
    text.to_owned()
}

/// The field an error is about, if it is about one.
fn error_field(error: &AppError) -> Option<&str> {
    match error {
        AppError::Invalid { field, .. } | AppError::Conflict { field } => Some(field),
        _ => None,
    }
}

/// The summary at the top of a form: announced to screen readers.
#[component]
pub fn FormAlert(error: Signal<Option<AppError>>) -> impl IntoView {
    let m = use_i18n().messages;
    move || {
        error.get().map(|error| {
            view! {
                <div class="form-alert" role="alert">
                    <strong>{m.form_problem}</strong>
                    " "
                    {error_message(&error, m)}
                    {match error {
                        AppError::AlreadySent { inquiry } => Some(view! {
                            <a class="form-alert-link" href=use_i18n().path(&format!("/inquiries/{inquiry}"))>
                                {m.form_already_sent_link}
                            </a>
                        }),
                        _ => None,
                    }}
                </div>
            }
        })
    }
}

/// The message under one field when the error is about it.
#[component]
pub fn FieldError(error: Signal<Option<AppError>>, field: &'static str) -> impl IntoView {
    let m = use_i18n().messages;
    move || {
        error.get().filter(|error| error_field(error) == Some(field)).map(|error| {
            view! { <p class="field-error" id=format!("{field}-error")>{error_message(&error, m)}</p> }
        })
    }
}

/// A success note, shown when the page's URL carries `flag`
/// (`?saved=1` after a redirect).
#[component]
pub fn FlashNote(flag: &'static str, text: &'static str) -> impl IntoView {
    let query = use_query_map();
    move || query.with(|q| q.get(flag).is_some()).then(|| view! { <p class="form-success" role="status">{text}</p> })
}
