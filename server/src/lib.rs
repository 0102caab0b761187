//! The Trade.ma server: configuration, database, the catalogue services that
//! implement the `app` ports, HTTP plumbing and the command-line tasks.
//! `build_app` is the one way to get a running application, used by `main`
//! and by the integration tests alike.

pub mod auth;
pub mod backup;
pub mod bench;
pub mod changes;
pub mod clock;
pub mod config;
pub mod db;
pub mod draining;
pub mod entities;
pub mod error;
pub mod http;
pub mod import;
pub mod jobs;
pub mod mail;
pub mod media;
pub mod metrics;
pub mod repo;
pub mod schema_check;
pub mod search;
pub mod seed;
pub mod services;
pub mod signing;
pub mod slug;
pub mod state;
pub mod telemetry;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use app::{App, shell};
use axum::Router;
use axum::routing::{get, post};
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::config::{SchemaAtStart, Settings};
use crate::state::AppState;

/// No page or server function may take longer than this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// An upload may take this long: 25 MB over a slow mobile connection.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(180);

/// A server bound to its address, ready to run.
pub struct Application {
    listener: TcpListener,
    /// `/metrics`'s own listener, when `TRADEMA_METRICS_LISTEN` is set.
    metrics: Option<TcpListener>,
    router: Router,
    state: AppState,
    jobs: jobs::Jobs,
}

/// How long shutdown waits for background jobs to stop.
const JOBS_SHUTDOWN: Duration = Duration::from_secs(10);

impl Application {
    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// The address `/metrics` is served on, if any.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().and_then(|listener| listener.local_addr().ok())
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until SIGTERM or Ctrl-C, then drains for `TRADEMA_DRAIN_SECONDS`
    /// (`/readyz` answers 503, requests are still served; a second signal cuts
    /// it short) and stops as `run_until` does.
    pub async fn run_until_signalled(self) -> std::io::Result<()> {
        let stop = draining::after_signal(shutdown_signal, self.state.draining.clone(), self.state.settings.drain);
        self.run_until(stop).await
    }

    /// Serves until `shutdown` completes, then (marked as draining) finishes
    /// in-flight requests and stops the background jobs, which flush what
    /// they hold and release their leases (waiting at most `JOBS_SHUTDOWN`).
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        use axum::serve::ListenerExt;
        let draining = self.state.draining.clone();
        let stop_accepting = async move {
            shutdown.await;
            draining.begin();
            tracing::info!("no longer accepting connections: finishing in-flight requests");
        };
        // Metrics are served until the requests are done (also while draining).
        let metrics_stop = tokio_util::sync::CancellationToken::new();
        if let Some(listener) = self.metrics {
            let (router, stop) = (metrics::exporter::router(self.state.clone()), metrics_stop.clone());
            tokio::spawn(async move {
                if let Err(error) = axum::serve(listener, router).with_graceful_shutdown(stop.cancelled_owned()).await {
                    tracing::error!(%error, "the metrics listener failed");
                }
            });
        }
        let listener = self.listener.tap_io(send_without_delay);
        let served = axum::serve(listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(stop_accepting)
            .await;
        metrics_stop.cancel();
        tracing::info!("serving stopped: stopping the background jobs");
        self.jobs.shutdown(JOBS_SHUTDOWN).await;
        tracing::info!("background jobs stopped");
        served
    }
}

/// Turns Nagle's algorithm off on an accepted connection. With it on (axum's
/// default), a response whose head and body leave in two writes waits for
/// the client's delayed ACK of the first: tens of milliseconds per static
/// file or photo on a keep-alive connection.
fn send_without_delay(stream: &mut tokio::net::TcpStream) {
    if let Err(error) = stream.set_nodelay(true) {
        tracing::warn!(%error, "could not set TCP_NODELAY on a connection: responses may stall");
    }
}

/// Connects and migrates the database, binds the listener and builds the
/// router with every middleware.
pub async fn build_app(settings: Settings) -> anyhow::Result<Application> {
    build_app_with_search(settings, None).await
}

/// `build_app` with a given search backend instead of the configured one
/// (tests use a backend that fails on demand).
pub async fn build_app_with_search(
    mut settings: Settings,
    search: Option<Arc<dyn search::SearchIndex>>,
) -> anyhow::Result<Application> {
    let listener = TcpListener::bind(settings.listen).await.with_context(|| {
        format!("cannot listen on {} (TRADEMA_LISTEN): is another server running?", settings.listen)
    })?;
    let bound = listener.local_addr()?;
    if settings.public_url.port() == Some(0) {
        // Port 0 asked the system for a free port; the public URL follows it.
        let _ = settings.public_url.set_port(Some(bound.port()));
    }
    let metrics = match settings.metrics_listen {
        Some(address) => Some(TcpListener::bind(address).await.with_context(|| {
            format!("cannot listen on {address} for /metrics (TRADEMA_METRICS_LISTEN): is another server running?")
        })?),
        None => None,
    };
    metrics::handle();
    let connection = db::connect(&settings).await.context("cannot open the database (TRADEMA_DATABASE_URL)")?;
    match settings.schema_at_start {
        SchemaAtStart::Migrate => db::migrate(&connection).await.context("cannot migrate the database")?,
        SchemaAtStart::Check => schema_check::check(&connection).await?,
    }
    let db = db::Db::new(connection, changes::Changes::default());
    let storage = media::storage::open(&settings)?;

    let leptos_options = LeptosOptions::builder()
        .output_name("tradema")
        .site_root(settings.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(bound)
        .hash_files(http::static_files::assets_are_hashed())
        .build();
    let mailer = mail::Mailer::from_settings(&settings).context("cannot set up outgoing mail (TRADEMA_SMTP_URL)")?;
    let signer =
        signing::LinkSigner::from_settings(&settings).context("cannot read the signing key (TRADEMA_SIGNING_KEY)")?;
    let decodes = std::thread::available_parallelism().map(usize::from).unwrap_or(2);
    let search = match search {
        Some(search) => search,
        None => search::open(&settings).await?,
    };
    let limits = Arc::new(auth::rate_limit::Limits::new(db.clone()));
    let instance = settings.instance.clone().unwrap_or_else(|| services::random_hex(8));
    if sea_orm::ConnectionTrait::get_database_backend(&db) == sea_orm::DbBackend::Postgres {
        // Every commit is announced to the fleet's other processes.
        db.changes().announce_as(&instance);
    }
    tracing::info!(%instance, "this process's name among the site's servers");
    let clock = clock::Clock::system();
    let state = AppState {
        leptos_options: leptos_options.clone(),
        services: services::build(
            db.clone(),
            limits.clone(),
            storage.clone(),
            search.clone(),
            settings.public_url.clone(),
            signer.clone(),
            clock.clone(),
        ),
        clock,
        limits,
        instance,
        search,
        uploads: Arc::new(services::studio::PhotoUploads::new(db.clone(), storage.clone(), decodes)),
        media: storage,
        db,
        settings: Arc::new(settings),
        views: http::listing_views::counter(),
        signer,
        draining: draining::Draining::default(),
    };
    let jobs = jobs::start(&state, mailer);
    let router = router(state.clone());
    Ok(Application { listener, metrics, router, state, jobs })
}

/// The pages' routes, generated once per process. Generating them renders
/// the app with resource loading switched off through a process-wide flag
/// (`leptos_server`'s `SuppressResourceLoad`): a page rendered by another
/// application in the same process at that moment would wait forever for its
/// data (leptos-rs/leptos#4773; it happened to the test suite, which runs
/// many applications at once). Once per process, before any router exists,
/// nothing can be rendering.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

fn router(state: AppState) -> Router {
    let routes = page_routes();
    let services = state.services.clone();
    let site_url = app::site_url::SiteUrl::new(state.settings.public_url.as_str());
    let context = move || {
        provide_context(services.clone());
        provide_context(site_url.clone());
    };
    let options = state.leptos_options.clone();
    let settings = state.settings.clone();
    // Pages and server functions: small bodies only.
    let pages = Router::new()
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(axum::middleware::from_fn(http::server_fn_input::check))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(http::page_cache::PageCache::new(state.db.changes())),
            http::page_cache::serve,
        ))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::listing_views::count));
    // Uploads: their own, larger limit (checked from Content-Length first).
    let uploads = Router::new()
        .route("/api/listings/{id}/photos", post(http::uploads::upload))
        .route("/api/profile/logo", post(http::uploads::upload_logo))
        .route("/api/showcases/{id}/cover", post(http::uploads::upload_showcase_cover))
        .route("/api/import", post(http::import_sheet::upload))
        .layer(axum::extract::DefaultBodyLimit::max(http::uploads::UPLOAD_BODY_LIMIT))
        .layer(axum::middleware::from_fn(http::uploads::refuse_declared_oversize))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, UPLOAD_TIMEOUT));
    // Sessions only where someone can be signed in: not for files.
    let exports = Router::new()
        .route("/{lang}/showcases/{slug}/exhibitors.csv", get(http::showcase_export::export))
        .route("/{lang}/admin/audit.csv", get(http::audit_export::export))
        .route("/{lang}/import/template.csv", get(http::import_sheet::template_csv));
    let dynamic = Router::new()
        .merge(uploads)
        .merge(exports)
        .merge(pages)
        .layer(axum::middleware::from_fn(auth::request_session::attach))
        .layer(axum::middleware::from_fn(http::private_cache::mark_signed_in))
        .layer(auth::layer(state.db.connection().clone(), &settings))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::safe_redirect::same_origin_only));
    Router::new()
        .route("/healthz", get(http::health::alive))
        .route("/readyz", get(http::health::ready))
        .route("/robots.txt", get(http::sitemap::robots))
        .route("/sitemap.xml", get(http::sitemap::index))
        .route("/sitemaps/{file}", get(http::sitemap::language))
        .merge(http::static_files::routes(&settings.site_root, state.media.clone(), state.leptos_options.hash_files))
        .merge(http::media_files::routes(state.media.clone()))
        .merge(http::api_v1::routes(state.db.clone()))
        .merge(dynamic)
        // Innermost: a panicking handler's answer still gets the headers below.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(http::panic_answer::answer))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::locale_cookie::remember))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::cross_site::check))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::security_headers::add))
        .layer(axum::middleware::from_fn(http::private_cache::no_store_when_personal))
        .layer(axum::middleware::from_fn_with_state(state.draining.clone(), draining::close_connections))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(axum::middleware::from_fn(metrics::http::track))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::request_id::attach))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::client_address::identify))
        .with_state(state)
}

/// The log span of a request: its id, this process's name, method, path
/// and the client's address.
fn request_span(request: &axum::extract::Request) -> tracing::Span {
    let client = request.extensions().get::<http::client_address::ClientAddress>().map(|client| client.0);
    let (id, instance) = match request.extensions().get::<http::request_id::RequestId>() {
        Some(known) => (known.id.as_str(), known.instance.as_str()),
        None => ("", ""),
    };
    tracing::info_span!(
        "request",
        id,
        instance,
        method = %request.method(),
        path = %request.uri().path(),
        client = ?client
    )
}

/// Completes at the next SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(%err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested");
}
