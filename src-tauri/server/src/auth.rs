//! Passwords, device tokens and the brake on repeated failed sign-ins.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use base64::Engine;
use sha2::{Digest, Sha256};

/// PBKDF2 rounds for a new password hash (the count is stored with each hash, so it can
/// be raised later without breaking existing accounts).
const ROUNDS: u32 = 120_000;

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // The OS random source failing is not something a server can go on without.
    getrandom::fill(&mut bytes).unwrap_or_else(|e| panic!("no system randomness: {e}"));
    bytes
}

/// `pbkdf2-sha256$rounds$salt$hash`, salt and hash in base64.
pub fn hash_password(password: &str) -> String {
    let salt = random_bytes::<16>();
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), &salt, ROUNDS, &mut out);
    format!("pbkdf2-sha256${ROUNDS}${}${}", STANDARD_NO_PAD.encode(salt), STANDARD_NO_PAD.encode(out))
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    let parts: Vec<&str> = stored.split('$').collect();
    let [scheme, rounds, salt, hash] = parts.as_slice() else { return false };
    let (Ok(rounds), Ok(salt), Ok(hash)) =
        (rounds.parse::<u32>(), STANDARD_NO_PAD.decode(salt), STANDARD_NO_PAD.decode(hash))
    else {
        return false;
    };
    if *scheme != "pbkdf2-sha256" || hash.len() != 32 {
        return false;
    }
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), &salt, rounds, &mut out);
    // Compare without an early exit, so timing says nothing about how much matched.
    out.iter().zip(&hash).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// A well-formed hash no password matches, checked for unknown logins so that they take
/// as long as wrong passwords.
pub const DUMMY_HASH: &str = "pbkdf2-sha256$120000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// A new device token: 32 random bytes, URL-safe base64, with a recognisable prefix.
pub fn new_token() -> String {
    format!("cdt_{}", URL_SAFE_NO_PAD.encode(random_bytes::<32>()))
}

/// What the server stores of a token: its SHA-256, in hex.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Failed sign-ins per login. After [`FREE_FAILURES`] misses the login is locked for a
/// time that doubles with each further miss (up to [`MAX_LOCK`]); a success clears it.
pub struct SignInBrake {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

pub const FREE_FAILURES: u32 = 3;
pub const MAX_LOCK: Duration = Duration::from_secs(300);

impl Default for SignInBrake {
    fn default() -> Self {
        SignInBrake { failures: Mutex::new(HashMap::new()) }
    }
}

impl SignInBrake {
    /// How long `login` must still wait, if it is locked.
    pub fn wait(&self, login: &str) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let (_, until) = failures.get(login)?;
        until.checked_duration_since(Instant::now()).filter(|d| !d.is_zero())
    }

    pub fn failed(&self, login: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if failures.len() > 10_000 {
            // Random logins must not grow this without bound: forget locks that ran out.
            let now = Instant::now();
            failures.retain(|_, (_, until)| *until > now);
        }
        let entry = failures.entry(login.to_string()).or_insert((0, Instant::now()));
        entry.0 += 1;
        if entry.0 >= FREE_FAILURES {
            let lock = Duration::from_secs(1u64 << (entry.0 - FREE_FAILURES).min(8)).min(MAX_LOCK);
            entry.1 = Instant::now() + lock;
        }
    }

    pub fn succeeded(&self, login: &str) {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(login);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_only_against_its_own_hash() {
        let stored = hash_password("봄날의 클러스터 2026");
        assert!(verify_password("봄날의 클러스터 2026", &stored));
        assert!(!verify_password("봄날의 클러스터 2025", &stored));
        assert!(!verify_password("x", "garbage"));
        assert_ne!(stored, hash_password("봄날의 클러스터 2026"), "each hash has its own salt");
    }

    #[test]
    fn tokens_are_unique_and_stored_only_as_hashes() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert!(!token_hash(&a).contains(&a[4..]));
    }

    #[test]
    fn repeated_failures_lock_the_login_and_success_clears_it() {
        let brake = SignInBrake::default();
        for _ in 0..FREE_FAILURES - 1 {
            brake.failed("kim");
        }
        assert_eq!(brake.wait("kim"), None, "a few typos are free");
        brake.failed("kim");
        assert!(brake.wait("kim").is_some());
        assert_eq!(brake.wait("lee"), None, "other logins are not affected");
        brake.succeeded("kim");
        assert_eq!(brake.wait("kim"), None);
    }
}
