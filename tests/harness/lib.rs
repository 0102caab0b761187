//! The test harness: `TestApp::spawn()` runs the real application on port 0
//! over a fresh temporary data directory; `PgCluster` starts a throwaway
//! PostgreSQL server; `fixtures` writes a small, known catalogue; `Visitor`
//! is one person's cookie jar and forms; `images` makes good and bad photos;
//! `rows` reads outcomes from the database; `eventually` waits for one.

pub mod fixtures;
pub mod flaky_search;
pub mod haproxy;
pub mod images;
pub mod immutable;
pub mod postgres;
pub mod relay;
pub mod rows;
pub mod s3;
pub mod server_process;
pub mod sheets;
pub mod smtp;
pub mod visitor;

use std::path::{Path, PathBuf};

use server::config::Settings;
use tempfile::TempDir;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running Trade.ma on 127.0.0.1 with its own database and media directory.
pub struct TestApp {
    pub address: String,
    pub db: server::db::Db,
    pub settings: Settings,
    /// A client that keeps no cookies and follows no redirects.
    pub client: reqwest::Client,
    /// The listing views counted and not yet written (`flush` writes them).
    pub views: std::sync::Arc<server::http::listing_views::ViewCounter>,
    /// The application's state (its services, signer and settings).
    pub state: server::state::AppState,
    /// `http://address` of `/metrics`, when `metrics_listen` was set.
    pub metrics_address: Option<String>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
    _data_dir: TempDir,
}

/// How often `eventually` looks again.
const POLL_EVERY: std::time::Duration = std::time::Duration::from_millis(50);

/// Polls `check` until it gives a value and returns that value; panics
/// naming `what` when `deadline` passes first. For what a background job
/// does sooner or later: the test waits for the outcome itself (a row gone,
/// a result found), never for a fixed time, and the deadline is generous
/// because only a broken build ever reaches it.
pub async fn eventually<T, F, Fut>(deadline: std::time::Duration, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let polling = async {
        loop {
            if let Some(value) = check().await {
                return value;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    };
    match tokio::time::timeout(deadline, polling).await {
        Ok(value) => value,
        Err(_) => panic!("still not the case after {deadline:?}: {what}"),
    }
}

/// The workspace's `public/` directory, served as the site root in tests.
pub fn public_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("public")
}

/// A change to a test's settings, made after the defaults.
type Configure<'a> = Box<dyn FnOnce(&mut Settings) + 'a>;

/// How a test's application starts: SQLite in a fresh temporary data
/// directory, on 127.0.0.1 port 0, unless told otherwise. The one place that
/// makes a test's settings.
#[derive(Default)]
pub struct TestAppBuilder<'a> {
    database_url: Option<String>,
    search: Option<std::sync::Arc<dyn server::search::SearchIndex>>,
    configure: Option<Configure<'a>>,
}

impl<'a> TestAppBuilder<'a> {
    /// Another database (a PostgreSQL URL from `PgCluster`); media and mail
    /// still go to the fresh data directory.
    pub fn on_database(mut self, database_url: &str) -> TestAppBuilder<'a> {
        self.database_url = Some(database_url.to_owned());
        self
    }

    /// A given search backend instead of the configured one.
    pub fn with_search(mut self, search: std::sync::Arc<dyn server::search::SearchIndex>) -> TestAppBuilder<'a> {
        self.search = Some(search);
        self
    }

    /// Settings changed after the defaults are made.
    pub fn configured(mut self, configure: impl FnOnce(&mut Settings) + 'a) -> TestAppBuilder<'a> {
        self.configure = Some(Box::new(configure));
        self
    }

    pub async fn spawn(self) -> TestApp {
        let data_dir = tempfile::tempdir().expect("temporary data dir");
        let mut settings = Settings::for_data_dir(data_dir.path());
        settings.listen = "127.0.0.1:0".parse().expect("loopback address");
        settings.public_url = "http://127.0.0.1:0".parse().expect("url");
        settings.site_root = public_dir();
        if let Some(database_url) = self.database_url {
            settings.database_url = secrecy::SecretString::from(database_url);
            // As in production: on PostgreSQL the key is a setting.
            settings.signing_key = Some(secrecy::SecretString::from("a signing key of the test suite, 32+ chars"));
        }
        if let Some(configure) = self.configure {
            configure(&mut settings);
        }
        TestApp::start(settings, data_dir, self.search).await
    }
}

impl TestApp {
    /// How to start one other than the default.
    pub fn builder<'a>() -> TestAppBuilder<'a> {
        TestAppBuilder::default()
    }

    /// Starts the application on SQLite in a fresh temporary directory.
    pub async fn spawn() -> TestApp {
        TestApp::builder().spawn().await
    }

    /// Starts the application on SQLite with some settings changed.
    pub async fn spawn_configured(configure: impl FnOnce(&mut Settings)) -> TestApp {
        TestApp::builder().configured(configure).spawn().await
    }

    /// Starts the application on another database (a PostgreSQL URL from
    /// `PgCluster`), with a fresh temporary data directory for media and mail.
    pub async fn spawn_on(database_url: &str) -> TestApp {
        TestApp::builder().on_database(database_url).spawn().await
    }

    /// `spawn_on` with a given search backend.
    pub async fn spawn_on_with(
        database_url: &str,
        search: Option<std::sync::Arc<dyn server::search::SearchIndex>>,
    ) -> TestApp {
        let builder = TestApp::builder().on_database(database_url);
        match search {
            Some(search) => builder.with_search(search).spawn().await,
            None => builder.spawn().await,
        }
    }

    /// Starts the application on SQLite with a given search backend.
    pub async fn spawn_with_search(search: std::sync::Arc<dyn server::search::SearchIndex>) -> TestApp {
        TestApp::builder().with_search(search).spawn().await
    }
}

impl TestApp {
    async fn start(
        settings: Settings,
        data_dir: TempDir,
        search: Option<std::sync::Arc<dyn server::search::SearchIndex>>,
    ) -> TestApp {
        server::telemetry::init(settings.log_format);
        let app = server::build_app_with_search(settings, search).await.expect("the application builds");
        let address = format!("http://{}", app.local_addr());
        let metrics_address = app.metrics_addr().map(|address| format!("http://{address}"));
        let db = app.state().db.clone();
        let settings = (*app.state().settings).clone();
        let views = app.state().views.clone();
        let state = app.state().clone();
        let (tx, rx) = oneshot::channel::<()>();
        let server = tokio::spawn(app.run_until(async move {
            let _ = rx.await;
        }));
        let client =
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("http client");
        TestApp {
            address,
            db,
            settings,
            client,
            views,
            state,
            metrics_address,
            shutdown: Some(tx),
            server: Some(server),
            _data_dir: data_dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// GETs a path and returns the status and body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        self.get_with(path, &[]).await
    }

    /// GETs a path with extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
        let mut request = self.client.get(self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("request reaches the server");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a text body"))
    }

    /// Waits until the search index has applied every change in the feed
    /// (at most 10 seconds).
    pub async fn settle_search(&self) {
        for _ in 0..200 {
            let behind = server::search::indexer::behind(&self.db, &*self.state.search).await;
            if behind.is_ok_and(|behind| behind.is_some_and(|behind| behind.changes == 0)) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the search index did not catch up with the change feed within 10 seconds");
    }

    /// The saved-search alerts, as the background job runs them.
    pub fn alerts(&self) -> server::jobs::saved_search_alerts::SavedSearchAlerts {
        server::jobs::saved_search_alerts::SavedSearchAlerts {
            db: self.db.clone(),
            catalog: self.state.services.catalog.clone(),
            signer: self.state.signer.clone(),
            public_url: self.settings.public_url.clone(),
        }
    }

    /// Stops the server gracefully and waits until it has.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.expect("server task").expect("server stopped without error");
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
