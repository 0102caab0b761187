//! A TCP relay on loopback that the test can cut: connections to its port
//! are passed to a real server (Meilisearch) until `cut`, which closes the
//! listening socket and every open connection, as a network failure would;
//! `restore` listens on the same port again.

use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

/// The relay to `target`.
pub struct Relay {
    pub port: u16,
    target: SocketAddr,
    cut: CancellationToken,
}

impl Relay {
    /// Relays a free loopback port to `target`.
    pub async fn start(target: SocketAddr) -> Relay {
        let relay = Relay { port: crate::server_process::free_port(), target, cut: CancellationToken::new() };
        relay.listen().await;
        relay
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    async fn listen(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await.expect("the relay's port");
        let (target, cut) = (self.target, self.cut.clone());
        tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    () = cut.cancelled() => return,
                    accepted = listener.accept() => accepted,
                };
                let Ok((mut inbound, _)) = accepted else { continue };
                let cut = cut.clone();
                tokio::spawn(async move {
                    let Ok(mut outbound) = TcpStream::connect(target).await else { return };
                    tokio::select! {
                        () = cut.cancelled() => {}
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                    }
                });
            }
        });
    }

    /// Cuts the link: the port refuses connections, open ones are closed.
    pub fn cut(&mut self) {
        self.cut.cancel();
    }

    /// Listens again on the same port.
    pub async fn restore(&mut self) {
        self.cut = CancellationToken::new();
        self.listen().await;
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.cut.cancel();
    }
}
