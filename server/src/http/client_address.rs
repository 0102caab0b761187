//! Who is on the other end: the TCP peer, unless the peer is one of the
//! `trusted_proxies`, in which case `X-Forwarded-For` is read from the right
//! (the hop our proxy added) leftwards, past every trusted proxy, and the
//! first address that is not one of ours is the client. Nothing else in the
//! server reads `X-Forwarded-For`; the attempt limits and the request log use
//! the [`ClientAddress`] this middleware puts on the request.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

use crate::state::AppState;

/// The client's address, as far as we can trust it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// The client address for a request from `peer` carrying `forwarded_for`.
pub fn resolve(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |address: &IpAddr| trusted.iter().any(|network| network.contains(address));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    let hops = forwarded_for.iter().flat_map(|header| header.split(',')).map(str::trim).collect::<Vec<_>>();
    for hop in hops.into_iter().rev() {
        // A hop that is not an address was written by someone we do not
        // trust: stop at the last address we could believe.
        let Ok(address) = hop.parse::<IpAddr>() else { break };
        client = address;
        if !is_trusted(&address) {
            break;
        }
    }
    client
}

/// The middleware: puts the request's `ClientAddress` in its extensions.
pub async fn identify(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(address)| address.ip());
    if let Some(peer) = peer {
        let forwarded: Vec<&str> =
            request.headers().get_all("x-forwarded-for").iter().filter_map(|value| value.to_str().ok()).collect();
        let client = resolve(peer, &forwarded, &state.settings.trusted_proxies);
        request.extensions_mut().insert(ClientAddress(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let proxies: Vec<IpNet> = vec!["10.0.0.0/8".parse().expect("net"), "::1/128".parse().expect("net")];
        // No trusted proxy in front: the header is anyone's to forge.
        assert_eq!(resolve(ip("203.0.113.9"), &["198.51.100.1"], &proxies), ip("203.0.113.9"));
        assert_eq!(resolve(ip("10.0.0.2"), &["198.51.100.1"], &[]), ip("10.0.0.2"));
        // Behind our proxy: the client is the first untrusted hop from the right.
        assert_eq!(resolve(ip("10.0.0.2"), &["198.51.100.1"], &proxies), ip("198.51.100.1"));
        assert_eq!(resolve(ip("10.0.0.2"), &["6.6.6.6, 198.51.100.1, 10.0.0.3"], &proxies), ip("198.51.100.1"));
        assert_eq!(resolve(ip("10.0.0.2"), &["6.6.6.6", "198.51.100.1"], &proxies), ip("198.51.100.1"));
        // Nothing usable: the last address believed.
        assert_eq!(resolve(ip("10.0.0.2"), &[], &proxies), ip("10.0.0.2"));
        assert_eq!(resolve(ip("10.0.0.2"), &["garbage"], &proxies), ip("10.0.0.2"));
        assert_eq!(resolve(ip("::1"), &["2001:db8::7"], &proxies), ip("2001:db8::7"));
    }
}
