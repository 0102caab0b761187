//! Sets the HTTP status of the page being rendered: a missing listing must
//! answer 404, not a 200 that says "not found". Does nothing in the browser.

/// Sets the status of the server response for this page.
#[cfg(feature = "ssr")]
pub fn set_page_status(code: u16) {
    if let (Some(response), Ok(status)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        response.set_status(status);
    }
}

/// Sets the status of the server response for this page.
#[cfg(not(feature = "ssr"))]
pub fn set_page_status(_code: u16) {}
