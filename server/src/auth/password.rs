//! Password hashing and policy: Argon2id at m=19 MiB, t=2, p=1 (the OWASP
//! minimum), a shipped list of common passwords, and a dummy verification so
//! an unknown e-mail costs the same time as a wrong password.

use std::collections::HashSet;
use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// Argon2 computations running at once: one per core. Each takes 19 MiB
/// and a core for tens of milliseconds, so a burst of sign-ins (or of
/// attackers) queues here instead of exhausting memory.
static HASHING: LazyLock<tokio::sync::Semaphore> =
    LazyLock::new(|| tokio::sync::Semaphore::new(std::thread::available_parallelism().map(usize::from).unwrap_or(2)));

/// Runs one password computation off the async threads, at most one per core.
async fn bounded<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashingError> {
    let _permit = HASHING.acquire().await.map_err(|_| HashingError::Closed)?;
    tokio::task::spawn_blocking(work).await.map_err(HashingError::Join)
}

/// A password computation that did not finish.
#[derive(Debug, thiserror::Error)]
pub enum HashingError {
    #[error("the password task failed: {0}")]
    Join(tokio::task::JoinError),
    #[error("the password hashing queue is closed")]
    Closed,
    #[error("hashing failed: {0}")]
    Hash(argon2::password_hash::Error),
}

/// `hash`, bounded and off the async threads.
pub async fn hash_bounded(password: String) -> Result<String, HashingError> {
    bounded(move || hash(&password)).await?.map_err(HashingError::Hash)
}

/// `verify`, bounded and off the async threads.
pub async fn verify_bounded(password: String, stored: String) -> Result<bool, HashingError> {
    bounded(move || verify(&password, &stored)).await
}

/// `burn_time`, bounded and off the async threads.
pub async fn burn_time_bounded(password: String) -> Result<(), HashingError> {
    bounded(move || burn_time(&password)).await
}

/// 10,000 passwords of 8+ characters seen most often in breaches.
static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common_passwords.txt").lines().filter(|line| !line.is_empty()).collect());

/// A hash no password matches, verified when the e-mail is unknown so that
/// both paths spend one Argon2 computation.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash("not a password anyone has: dummy for timing").unwrap_or_default());

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("constant Argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Whether `password` matches `stored`. A malformed stored hash (such as the
/// demo accounts' `!`) matches nothing, after the same work as a real check.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => hasher().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => {
            burn_time(password);
            false
        }
    }
}

/// Spends the time of one verification without a result: for unknown
/// accounts, so that "no such account" cannot be told from timing.
pub fn burn_time(password: &str) {
    if let Ok(parsed) = PasswordHash::new(&DUMMY_HASH) {
        let _ = hasher().verify_password(password.as_bytes(), &parsed);
    }
}

/// Whether the password is on the common list (compared case-insensitively).
pub fn is_common(password: &str) -> bool {
    COMMON.contains(password) || COMMON.contains(password.to_lowercase().as_str())
}

/// The full policy for a new password: length (never truncated), then the
/// common list. Returns the message key of the problem.
pub fn check_new(password: &str) -> Result<(), &'static str> {
    app::domain::check_password_length(password)?;
    if is_common(password) {
        return Err("invalid.password_common");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_the_owasp_parameters_and_verify() {
        let stored = hash("olive groves of the Souss").expect("hash");
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(verify("olive groves of the Souss", &stored));
        assert!(!verify("olive groves of the souss", &stored));
        assert!(!verify("anything", "!"));
    }

    #[test]
    fn long_passwords_are_not_truncated() {
        let long = "a".repeat(127) + "b";
        let stored = hash(&long).expect("hash");
        assert!(!verify(&("a".repeat(127) + "c"), &stored));
    }

    #[test]
    fn common_passwords_are_refused() {
        assert_eq!(check_new("password1"), Err("invalid.password_common"));
        assert_eq!(check_new("Qwertyuiop"), Err("invalid.password_common"));
        assert_eq!(check_new("short"), Err("invalid.password_short"));
        assert_eq!(check_new("cedar and saffron from Taliouine"), Ok(()));
        assert!(COMMON.len() >= 10_000);
    }
}
