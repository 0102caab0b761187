//! Signed links: a link mailed to someone that must work without signing
//! in (today: stopping a saved search's alerts) carries an HMAC-SHA256 of
//! what it is for and which object, under the site's signing key. Nothing
//! is stored per link; a forged or altered link is refused, compared in
//! constant time.
//!
//! The key is `TRADEMA_SIGNING_KEY` when set (every server of one site
//! must share it), otherwise 32 random bytes written once to
//! `<data_dir>/signing.key` (readable by its owner only). Changing the key
//! voids every link already sent.

use std::path::Path;

use anyhow::Context;
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::ExposeSecret;
use sha2::Sha256;

use crate::config::Settings;

/// Bytes of the MAC a link carries (128 bits, 32 hex digits).
const TAG_BYTES: usize = 16;

/// What a signed link is for; part of what is signed, so a link made for
/// one purpose never works for another.
#[derive(Clone, Copy, Debug)]
pub enum Purpose {
    StopAlerts,
}

impl Purpose {
    fn label(self) -> &'static str {
        match self {
            Purpose::StopAlerts => "stop-alerts",
        }
    }
}

#[derive(Clone)]
pub struct LinkSigner {
    key: Vec<u8>,
}

impl std::fmt::Debug for LinkSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkSigner { key: [redacted] }")
    }
}

impl LinkSigner {
    pub fn new(key: &[u8]) -> LinkSigner {
        LinkSigner { key: key.to_vec() }
    }

    /// The configured key, or the data directory's (made on first use).
    pub fn from_settings(settings: &Settings) -> anyhow::Result<LinkSigner> {
        if let Some(key) = &settings.signing_key {
            return Ok(LinkSigner::new(key.expose_secret().as_bytes()));
        }
        let path = settings.data_dir.join("signing.key");
        Ok(LinkSigner::new(&key_file(&path)?))
    }

    fn mac(&self, purpose: Purpose, id: i64) -> Hmac<Sha256> {
        // Any key length is accepted by HMAC.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key).expect("HMAC takes keys of any length");
        mac.update(purpose.label().as_bytes());
        mac.update(b"\n");
        mac.update(id.to_string().as_bytes());
        mac
    }

    /// The token of the link for `id`.
    pub fn sign(&self, purpose: Purpose, id: i64) -> String {
        let tag = self.mac(purpose, id).finalize().into_bytes();
        tag[..TAG_BYTES].iter().map(|byte| format!("{byte:02x}")).collect()
    }

    /// Whether `token` is the one `sign` gives for `id`.
    pub fn verify(&self, purpose: Purpose, id: i64, token: &str) -> bool {
        if token.len() != TAG_BYTES * 2 {
            return false;
        }
        let Some(bytes) = (0..TAG_BYTES)
            .map(|at| u8::from_str_radix(token.get(at * 2..at * 2 + 2)?, 16).ok())
            .collect::<Option<Vec<u8>>>()
        else {
            return false;
        };
        self.mac(purpose, id).verify_truncated_left(&bytes).is_ok()
    }
}

/// Reads the key file, or writes a new random key into it (owner-only).
fn key_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    match std::fs::read(path) {
        Ok(key) if key.len() >= 32 => return Ok(key),
        Ok(_) => anyhow::bail!("{} is shorter than 32 bytes: delete it to have a new key made", path.display()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(error).with_context(|| format!("cannot read {}", path.display())),
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut key = vec![0u8; 32];
    rand::rng().fill_bytes(&mut key);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => {
            std::io::Write::write_all(&mut file, &key).with_context(|| format!("cannot write {}", path.display()))?;
            Ok(key)
        }
        // Another server process made it first: use theirs.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
        }
        Err(error) => Err(error).with_context(|| format!("cannot create {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_link_verifies_and_nothing_else_does() {
        let signer = LinkSigner::new(b"a test key that is long enough for us");
        let token = signer.sign(Purpose::StopAlerts, 42);
        assert_eq!(token.len(), 32);
        assert!(signer.verify(Purpose::StopAlerts, 42, &token));
        assert!(!signer.verify(Purpose::StopAlerts, 43, &token), "another object");
        let mut forged = token.clone();
        forged.replace_range(0..1, if token.starts_with('0') { "1" } else { "0" });
        assert!(!signer.verify(Purpose::StopAlerts, 42, &forged), "one digit changed");
        assert!(!signer.verify(Purpose::StopAlerts, 42, &token[..30]), "shortened");
        assert!(!signer.verify(Purpose::StopAlerts, 42, "zz".repeat(16).as_str()), "not hex");
        let other = LinkSigner::new(b"another key, as long as the first one");
        assert!(!other.verify(Purpose::StopAlerts, 42, &token), "another key");
    }

    #[test]
    fn the_key_file_is_made_once_and_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("signing.key");
        let first = key_file(&path).expect("made");
        assert_eq!(first.len(), 32);
        assert_eq!(key_file(&path).expect("read"), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("metadata").permissions().mode();
            assert_eq!(mode & 0o077, 0, "readable by its owner only");
        }
    }
}
