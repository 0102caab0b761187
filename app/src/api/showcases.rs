//! Server functions of fair organisers' showcases: the
//! organiser's list, editor, states and curation, and the public list and
//! pages. Thin: the `Showcases` port decides who may see and do what.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::{
    AppError, CurationNote, Locale, Region, Sector, ShowcaseChange, ShowcaseEditor, ShowcaseForm, ShowcaseLeads,
    ShowcaseLine, ShowcaseList, ShowcasePage,
};

#[server(endpoint = "my_showcases", input = GetUrl)]
pub async fn get_my_showcases() -> Result<Vec<ShowcaseLine>, AppError> {
    let services = super::context::services()?;
    let organiser = super::context::respond(super::context::organiser())?;
    super::context::respond(services.showcases.mine(&organiser).await)
}

#[server(endpoint = "showcase_editor", input = GetUrl)]
pub async fn get_showcase_editor(id: i64, locale: Locale) -> Result<ShowcaseEditor, AppError> {
    let services = super::context::services()?;
    let organiser = super::context::respond(super::context::organiser())?;
    super::context::respond(services.showcases.editor(&organiser, id, locale).await)
}

/// Creates (no `id`) or updates a showcase, then opens its editor.
#[server(endpoint = "save_showcase")]
pub async fn save_showcase(
    #[server(default)] id: Option<i64>,
    form: ShowcaseForm,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let organiser = super::context::respond(super::context::organiser())?;
    let saved = super::context::respond(services.showcases.save(&organiser, id, &form).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/organiser/showcases/{saved}?saved=1")));
    Ok(())
}

#[server(endpoint = "change_showcase")]
pub async fn change_showcase(id: i64, change: ShowcaseChange, locale: Locale) -> Result<(), AppError> {
    let services = super::context::services()?;
    let organiser = super::context::respond(super::context::organiser())?;
    super::context::respond(services.showcases.change(&organiser, id, change).await)?;
    super::context::redirect_to(&locale.localize_path(&format!("/organiser/showcases/{id}?changed=1")));
    Ok(())
}

/// One curation step (`action`: add, remove, up, down, note) on a
/// `producer` (slug) or a `listing` (id); back to the editor, keeping the
/// in-editor search (`search`, a query string) on screen.
#[server(endpoint = "curate_showcase")]
#[allow(clippy::too_many_arguments)]
pub async fn curate_showcase(
    id: i64,
    action: String,
    #[server(default)] producer: Option<String>,
    #[server(default)] listing: Option<i64>,
    #[server(default)] note: CurationNote,
    #[server(default)] search: String,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let organiser = super::context::respond(super::context::organiser())?;
    let step = super::context::respond(crate::domain::Curation::from_fields(&action, producer, listing, note))?;
    super::context::respond(services.showcases.curate(&organiser, id, step).await)?;
    // Only a query string of the search fields goes back (no redirect elsewhere).
    let search: String =
        search.chars().filter(|c| c.is_ascii_alphanumeric() || "=&-_%+.".contains(*c)).take(300).collect();
    let query = if search.is_empty() { String::new() } else { format!("?{search}") };
    super::context::redirect_to(&locale.localize_path(&format!("/organiser/showcases/{id}{query}#curation")));
    Ok(())
}

#[server(endpoint = "showcase_leads", input = GetUrl)]
pub async fn get_showcase_leads(id: i64) -> Result<ShowcaseLeads, AppError> {
    let services = super::context::services()?;
    let organiser = super::context::respond(super::context::organiser())?;
    super::context::respond(services.showcases.leads(&organiser, id).await)
}

#[server(endpoint = "showcases", input = GetUrl)]
pub async fn get_showcases(locale: Locale) -> Result<ShowcaseList, AppError> {
    let services = super::context::services()?;
    super::context::respond(services.showcases.published(locale).await)
}

/// A showcase's page (`print`: with a QR code per exhibitor).
#[server(endpoint = "showcase", input = GetUrl)]
pub async fn get_showcase(
    slug: String,
    sector: Option<Sector>,
    region: Option<Region>,
    #[server(default)] print: bool,
    locale: Locale,
) -> Result<ShowcasePage, AppError> {
    let services = super::context::services()?;
    let viewer = super::context::session()?.0.viewer();
    let page = services.showcases.page(viewer.as_ref(), &slug, (sector, region), print, locale).await;
    super::context::respond(page)
}
