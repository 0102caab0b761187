//! Draining: the stretch between being told to stop (SIGTERM, Ctrl-C) and no
//! longer taking requests, so that a load balancer moves traffic elsewhere
//! before this process closes its listener. Owns the flag `/readyz` answers
//! 503 by (`Draining`), the middleware that closes keep-alive connections
//! meanwhile (`close_connections`) and the wait itself (`after_signal`).
//! Stopping the server and the background jobs stays `Application`'s.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Version, header};
use axum::middleware::Next;
use axum::response::Response;

/// Whether this process has been told to stop and is waiting for the load
/// balancer to notice. Every clone shares one flag; once set it stays set.
#[derive(Clone, Debug, Default)]
pub struct Draining(Arc<AtomicBool>);

impl Draining {
    /// Marks the process as draining; false if it already was.
    pub fn begin(&self) -> bool {
        // A lone flag guarding no other memory: relaxed ordering is enough.
        !self.0.swap(true, Ordering::Relaxed)
    }

    pub fn is_draining(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// While draining, ends each HTTP/1 connection after its response
/// (`Connection: close`): the client's next request opens a new connection,
/// which the balancer gives to a server that is still ready. HTTP/2 has no
/// such header (hyper would drop it); its connections end at shutdown.
pub async fn close_connections(State(draining): State<Draining>, request: Request, next: Next) -> Response {
    let http1 = request.version() < Version::HTTP_2;
    let mut response = next.run(request).await;
    if http1 && draining.is_draining() {
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// Completes when the server should stop accepting requests: at the first
/// `signal` the process starts draining (`/readyz` answers 503, requests
/// are still served) for `period`, which a second `signal` cuts short.
pub async fn after_signal<S, F>(mut signal: S, draining: Draining, period: Duration)
where
    S: FnMut() -> F,
    F: Future<Output = ()>,
{
    signal().await;
    draining.begin();
    if period.is_zero() {
        tracing::info!("draining skipped (TRADEMA_DRAIN_SECONDS = 0)");
        return;
    }
    tracing::info!(
        seconds = period.as_secs(),
        "draining started: /readyz answers 503 while requests are still served; \
         a second SIGTERM or Ctrl-C stops sooner"
    );
    tokio::select! {
        () = tokio::time::sleep(period) => tracing::info!("drain period over"),
        () = signal() => tracing::info!("second shutdown signal: drain period cut short"),
    }
}

#[cfg(test)]
mod tests {
    use std::pin::Pin;
    use std::sync::atomic::AtomicUsize;

    use axum::Router;
    use axum::body::Body;
    use axum::routing::get;
    use tokio::sync::Notify;
    use tower::ServiceExt as _;

    use super::*;

    #[test]
    fn the_flag_is_shared_by_every_clone_and_stays_set() {
        let draining = Draining::default();
        let seen_by_health = draining.clone();
        assert!(!seen_by_health.is_draining());
        assert!(draining.begin(), "the first begin starts draining");
        assert!(seen_by_health.is_draining());
        assert!(!seen_by_health.begin(), "a second begin changes nothing");
        assert!(draining.is_draining());
    }

    async fn connection_header(draining: &Draining, version: Version) -> Option<String> {
        let router = Router::new()
            .route("/", get(|| async { "ok" }))
            .layer(axum::middleware::from_fn_with_state(draining.clone(), close_connections));
        let request = axum::http::Request::get("/").version(version).body(Body::empty()).expect("a request");
        let response = router.oneshot(request).await.expect("an answer");
        response.headers().get(header::CONNECTION).map(|value| value.to_str().expect("ascii").to_owned())
    }

    #[tokio::test]
    async fn keep_alive_ends_only_while_draining() {
        let draining = Draining::default();
        assert_eq!(connection_header(&draining, Version::HTTP_11).await, None);
        draining.begin();
        assert_eq!(connection_header(&draining, Version::HTTP_11).await.as_deref(), Some("close"));
        assert_eq!(connection_header(&draining, Version::HTTP_10).await.as_deref(), Some("close"));
        assert_eq!(connection_header(&draining, Version::HTTP_2).await, None, "not an HTTP/2 header");
    }

    type SignalFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

    /// A signal source for the tests: each call waits for the next
    /// `notify_one`, and is counted.
    fn signals(notify: &Arc<Notify>, calls: &Arc<AtomicUsize>) -> impl FnMut() -> SignalFuture + Send + 'static {
        let (notify, calls) = (notify.clone(), calls.clone());
        move || {
            calls.fetch_add(1, Ordering::Relaxed);
            next_notification(notify.clone())
        }
    }

    fn next_notification(notify: Arc<Notify>) -> SignalFuture {
        Box::pin(async move { notify.notified().await })
    }

    #[tokio::test(start_paused = true)]
    async fn the_drain_lasts_its_period_and_a_second_signal_cuts_it_short() {
        let period = Duration::from_secs(5);
        // Full period: flag up at the first signal, done after 5 s.
        let (notify, calls) = (Arc::new(Notify::new()), Arc::new(AtomicUsize::new(0)));
        let draining = Draining::default();
        let wait = tokio::spawn(after_signal(signals(&notify, &calls), draining.clone(), period));
        tokio::task::yield_now().await;
        assert!(!draining.is_draining(), "nothing happens before the signal");
        notify.notify_one();
        tokio::time::sleep(Duration::from_secs(4)).await;
        assert!(draining.is_draining(), "the first signal starts draining");
        assert!(!wait.is_finished(), "still serving 4 s into a 5 s drain");
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert!(wait.is_finished(), "serving stops once the period is over");

        // Second signal: the wait ends at once.
        let (notify, calls) = (Arc::new(Notify::new()), Arc::new(AtomicUsize::new(0)));
        let draining = Draining::default();
        let started = tokio::time::Instant::now();
        let wait = tokio::spawn(after_signal(signals(&notify, &calls), draining.clone(), period));
        tokio::task::yield_now().await;
        notify.notify_one();
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(calls.load(Ordering::Relaxed), 2, "listening for a second signal while draining");
        notify.notify_one();
        wait.await.expect("the drain ends");
        assert!(started.elapsed() < Duration::from_secs(1), "cut short, not {:?}", started.elapsed());
        assert!(draining.is_draining());
    }

    #[tokio::test(start_paused = true)]
    async fn no_drain_period_stops_at_the_first_signal() {
        let (notify, calls) = (Arc::new(Notify::new()), Arc::new(AtomicUsize::new(0)));
        let draining = Draining::default();
        notify.notify_one();
        after_signal(signals(&notify, &calls), draining.clone(), Duration::ZERO).await;
        assert!(draining.is_draining(), "readyz says draining during the graceful shutdown too");
        assert_eq!(calls.load(Ordering::Relaxed), 1, "no second signal awaited");
    }
}
