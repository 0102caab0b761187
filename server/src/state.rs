//! `AppState`: what every handler can reach. Built once in `build_app`.

use std::sync::Arc;

use app::ports::Services;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::auth::rate_limit::Limits;
use crate::config::Settings;
use crate::db::Db;
use crate::draining::Draining;
use crate::search::SearchIndex;
use crate::services::studio::PhotoUploads;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub services: Services,
    pub settings: Arc<Settings>,
    pub uploads: Arc<PhotoUploads>,
    /// Where photos, logos and covers are kept (a directory or a bucket).
    pub media: Arc<dyn crate::media::storage::MediaStorage>,
    pub search: Arc<dyn SearchIndex>,
    /// Listing views gathered for the insights (`http::listing_views`).
    pub views: Arc<crate::http::listing_views::ViewCounter>,
    /// Signs the links mailed to people (`signing`).
    pub signer: crate::signing::LinkSigner,
    /// The attempt limits (sign-in, sign-up, resets) the services and jobs share.
    pub limits: Arc<Limits>,
    /// The time rules read (a request's deadline); tests move it forward.
    pub clock: crate::clock::Clock,
    /// This process among the fleet's (random at each start): who holds a
    /// job's lease.
    pub instance: String,
    /// Set once the process has been told to stop: `/readyz` answers 503
    /// and connections are closed after their response (`draining`).
    pub draining: Draining,
}
