//! What every server function needs from the request context: the services,
//! the session (the server's middleware left it in the request), the
//! signed-in viewer, and a way to carry an error's HTTP status onto the response.

use http::request::Parts;
use leptos::prelude::*;

use crate::domain::{AdminAccess, AppError, BuyerAccess, OrganiserAccess, ProducerAccess, TeamAccess, Viewer};
use crate::ports::{RequestSession, Services};

/// The services the server injected for this request.
pub(crate) fn services() -> Result<Services, AppError> {
    use_context::<Services>().ok_or_else(|| {
        tracing::error!("Services missing from the Leptos context: the router was built without them");
        AppError::Internal
    })
}

/// The session of the request being answered (leptos_axum provides the
/// request to every server function; the server's middleware put the
/// session in it).
pub(crate) fn session() -> Result<RequestSession, AppError> {
    use_context::<Parts>().and_then(|request| request.extensions.get::<RequestSession>().cloned()).ok_or_else(|| {
        tracing::error!("no session on the request: the session middleware is missing from the router");
        AppError::Internal
    })
}

/// The signed-in person, or `Unauthorized`.
pub(crate) fn viewer() -> Result<Viewer, AppError> {
    session()?.0.viewer().ok_or(AppError::Unauthorized)
}

/// The capability of the producer's workspace for this request, by the one
/// rule (`ports::producer_access`): the producer, or an office acting for
/// an unclaimed cooperative of its region; `NotFound` for anyone else.
pub(crate) async fn producer() -> Result<ProducerAccess, AppError> {
    crate::ports::producer_access(&viewer()?, acting_for().as_deref(), &*services()?.offices).await
}

/// The signed-in buyer's capability (`Viewer::as_buyer`); `NotFound` for other roles.
pub(crate) fn buyer() -> Result<BuyerAccess, AppError> {
    viewer()?.as_buyer()
}

/// The signed-in organiser's capability (`Viewer::as_organiser`); `NotFound` for other roles.
pub(crate) fn organiser() -> Result<OrganiserAccess, AppError> {
    viewer()?.as_organiser()
}

/// The signed-in member's proof of their team (`Viewer::as_member`);
/// `NotFound` for anyone without a seat.
pub(crate) fn member() -> Result<TeamAccess, AppError> {
    viewer()?.as_member()
}

/// The country the browser's languages name (`pt-BR` → Brazil), for
/// forms that preselect a buyer's country when its profile names none.
pub(crate) fn browser_country() -> Option<crate::domain::CountryCode> {
    let request = use_context::<Parts>()?;
    let languages = request.headers.get(http::header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    crate::domain::CountryCode::from_accept_language(languages)
}

/// The producer an administrator works on, from the request's cookie.
pub(crate) fn acting_for() -> Option<String> {
    let request = use_context::<Parts>()?;
    cookie_value(&request.headers, crate::domain::ACTING_FOR_COOKIE)
}

/// A cookie's value among the request's `Cookie` headers.
pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// The signed-in administrator's capability (`Viewer::as_admin`, with its
/// office): other roles get `NotFound`.
pub(crate) fn admin() -> Result<AdminAccess, AppError> {
    viewer()?.as_admin()
}

/// Passes a port's result through, setting the response status of an error;
/// except for a plain form post (no JavaScript), which Leptos answers with a
/// redirect back to the form carrying the error, and a browser only follows
/// a redirect status.
pub(crate) fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result
        && !is_plain_form_post()
    {
        crate::response_status::set_page_status(error.status());
    }
    result
}

/// A server function called by a form post from a page without JavaScript.
fn is_plain_form_post() -> bool {
    use_context::<Parts>().is_some_and(|request| {
        request.uri.path().starts_with("/api/")
            && request
                .headers
                .get(http::header::ACCEPT)
                .and_then(|accept| accept.to_str().ok())
                .is_some_and(|accept| accept.contains("text/html"))
    })
}

/// Sends the browser to `path` after the call: a 302 for a plain form post,
/// a client-side navigation for a hydrated page. A target that is not a
/// path of this site (`is_local_path`: another host, a control character)
/// is never sent: the browser goes back to the page the form was on.
pub(crate) fn redirect_to(path: &str) {
    if crate::domain::is_local_path(path) {
        leptos_axum::redirect(path);
    } else {
        tracing::warn!(target = ?path, "refused a redirect target; back to the form's page");
        leptos_axum::redirect(&form_page());
    }
}

/// The path (and query) of the page the form was posted from, from its
/// `Referer`; the home page when there is none that is a path of ours.
fn form_page() -> String {
    use_context::<Parts>()
        .and_then(|request| request.headers.get(http::header::REFERER)?.to_str().ok().map(str::to_owned))
        // `https://host/path?query` → `/path?query`.
        .map(|referer| match referer.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or_else(|| "/".to_owned(), |start| rest[start..].to_owned()),
            None => referer,
        })
        .filter(|path| crate::domain::is_local_path(path))
        .unwrap_or_else(|| "/".to_owned())
}
