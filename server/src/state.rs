//! `AppState`: what every handler can reach. Built once in `build_app`.

use std::sync::Arc;

use app::ports::Services;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;

use crate::config::Settings;
use crate::search::SearchIndex;
use crate::services::studio::PhotoUploads;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub services: Services,
    pub settings: Arc<Settings>,
    pub uploads: Arc<PhotoUploads>,
    pub search: Arc<dyn SearchIndex>,
    /// Listing views gathered for the insights (`http::listing_views`).
    pub views: Arc<crate::http::listing_views::ViewCounter>,
    /// Signs the links mailed to people (`signing`).
    pub signer: crate::signing::LinkSigner,
}
