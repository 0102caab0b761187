//! Server functions of the bulk import: the preview of a checked
//! sheet and its confirmation, for the producer's own catalogue or, with
//! `producer`, for an office importing into one of its region's producers.
//! The sheet itself is uploaded to the server's `/api/import` route.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::{AppError, ImportPage, Locale};

/// The import page: whose catalogue, and the preview of the checked sheet
/// `token` when there is one.
#[server(endpoint = "import/page", input = GetUrl)]
pub async fn get_import_page(
    #[server(default)] token: Option<String>,
    #[server(default)] producer: Option<String>,
) -> Result<ImportPage, AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    let token = token.as_deref().filter(|token| !token.is_empty());
    let page = match producer {
        Some(slug) => match viewer.as_admin() {
            Ok(admin) => services.offices.import_page(&admin, &slug, token).await,
            Err(error) => Err(error),
        },
        None => match super::context::producer().await {
            Ok(access) => services.studio.import_page(&access, token).await,
            Err(error) => Err(error),
        },
    };
    super::context::respond(page)
}

/// Writes the checked sheet, then back to the catalogue with the counts.
#[server(endpoint = "import/confirm")]
pub async fn confirm_import(
    token: String,
    #[server(default)] producer: Option<String>,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let viewer = super::context::respond(super::context::viewer())?;
    let (done, back) = match &producer {
        Some(slug) => {
            let admin = super::context::respond(viewer.as_admin())?;
            let slug: String = slug.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(120).collect();
            (services.offices.import_confirm(&admin, &slug, &token).await, format!("/admin/producers/{slug}"))
        }
        None => {
            let access = super::context::respond(super::context::producer().await)?;
            (services.studio.import_confirm(&access, &token).await, "/dashboard".to_owned())
        }
    };
    let (created, updated) = super::context::respond(done)?;
    super::context::redirect_to(&locale.localize_path(&format!("{back}?imported={created}&updated={updated}")));
    Ok(())
}
