//! The 404 page for paths no route knows.

use leptos::prelude::*;

use crate::components::ErrorPanel;
use crate::domain::AppError;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPanel error=AppError::NotFound /> }
}
