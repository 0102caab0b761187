//! What every server function needs from the request context: the services,
//! and a way to carry an error's HTTP status onto the response.

use leptos::prelude::*;

use crate::domain::AppError;
use crate::ports::Services;

/// The services the server injected for this request.
pub(crate) fn services() -> Result<Services, AppError> {
    use_context::<Services>().ok_or_else(|| {
        tracing::error!("Services missing from the Leptos context: the router was built without them");
        AppError::Internal
    })
}

/// Passes a port's result through, setting the response status of an error.
pub(crate) fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        crate::response_status::set_page_status(error.status());
    }
    result
}
