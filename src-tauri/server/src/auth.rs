//! Passwords, device tokens and the brake on repeated failed sign-ins.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use base64::Engine;
use sha2::{Digest, Sha256};

/// Argon2id with OWASP's parameters: 19 MiB of memory, 2 passes, 1 lane. Stored in the
/// PHC form (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), so the parameters travel with
/// each hash and can be raised later: an older hash is replaced at its next sign-in.
fn argon2() -> Argon2<'static> {
    // The parameters are constants within Argon2's limits.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // The OS random source failing is not something a server can go on without.
    getrandom::fill(&mut bytes).unwrap_or_else(|e| panic!("no system randomness: {e}"));
    bytes
}

/// Argon2's working memory (19 MiB a hash), kept for the next hash instead of freed.
///
/// Allocating it per sign-in let glibc keep a freed copy per thread (its mmap threshold
/// grows to the size of the last freed block), and a sign-in flood grew the server to
/// gigabytes (BENCHMARKS.md, "Head office under attack"). At most one spare per core is
/// kept, as many as hash at once.
static SPARE_MEMORY: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

fn with_argon2_memory<T>(blocks: usize, hash: impl FnOnce(&mut [Block]) -> T) -> T {
    let spare = SPARE_MEMORY.lock().unwrap_or_else(|p| p.into_inner()).pop().filter(|m| m.len() >= blocks);
    let mut memory = spare.unwrap_or_else(|| vec![Block::new(); blocks]);
    let result = hash(&mut memory[..blocks]);
    let mut spares = SPARE_MEMORY.lock().unwrap_or_else(|p| p.into_inner());
    if spares.len() < std::thread::available_parallelism().map_or(2, |n| n.get()) {
        spares.push(memory);
    }
    result
}

/// Argon2 of `password` into `out`, in reused memory.
fn argon2_into(argon2: &Argon2<'_>, password: &[u8], salt: &[u8], out: &mut [u8]) -> bool {
    with_argon2_memory(argon2.params().block_count(), |memory| {
        argon2.hash_password_into_with_memory(password, salt, out, memory).is_ok()
    })
}

/// A new password's hash.
pub fn hash_password(password: &str) -> String {
    let salt_bytes = random_bytes::<16>();
    let salt = SaltString::encode_b64(&salt_bytes).unwrap_or_else(|e| panic!("salt: {e}"));
    let argon2 = argon2();
    let mut out = [0u8; 32];
    if !argon2_into(&argon2, password.as_bytes(), &salt_bytes, &mut out) {
        panic!("argon2 with fixed parameters failed");
    }
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(argon2.params()).unwrap_or_else(|e| panic!("argon2 parameters: {e}")),
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).unwrap_or_else(|e| panic!("argon2 output: {e}"))),
    };
    phc.to_string()
}

/// Checks a password against an Argon2 hash in PHC form, with its own parameters.
fn verify_argon2(password: &str, stored: &str) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else { return false };
    let (Ok(algorithm), Ok(params), Some(expected), Some(salt)) =
        (Algorithm::try_from(hash.algorithm), Params::try_from(&hash), hash.hash, hash.salt)
    else {
        return false;
    };
    let version = hash.version.and_then(|v| Version::try_from(v).ok()).unwrap_or(Version::V0x13);
    let mut salt_buffer = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buffer) else { return false };
    let mut out = vec![0u8; expected.len()];
    let argon2 = Argon2::new(algorithm, version, params);
    // `Output`'s equality takes the same time wherever the bytes differ.
    argon2_into(&argon2, password.as_bytes(), salt, &mut out) && Output::new(&out).is_ok_and(|o| o == expected)
}

/// The scheme of accounts made before Argon2id (`pbkdf2-sha256$rounds$salt$hash`); such
/// a hash still verifies, and is replaced at the account's next sign-in.
pub fn hash_password_pbkdf2(password: &str, rounds: u32) -> String {
    let salt = random_bytes::<16>();
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), &salt, rounds, &mut out);
    format!("pbkdf2-sha256${rounds}${}${}", STANDARD_NO_PAD.encode(salt), STANDARD_NO_PAD.encode(out))
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    if stored.starts_with("$argon2") {
        return verify_argon2(password, stored);
    }
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

/// Whether a stored hash is of an older scheme or parameters than new ones get.
pub fn needs_rehash(stored: &str) -> bool {
    let current = argon2();
    PasswordHash::new(stored).ok().and_then(|hash| Params::try_from(&hash).ok()).is_none_or(|params| {
        !stored.starts_with("$argon2id$")
            || params.m_cost() != current.params().m_cost()
            || params.t_cost() != current.params().t_cost()
            || params.p_cost() != current.params().p_cost()
    })
}

/// A hash with the live parameters that no password matches: an unknown login is checked
/// against it, so it takes exactly as long as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&STANDARD_NO_PAD.encode(random_bytes::<24>())))
}

/// A new device token: 32 random bytes, URL-safe base64, with a recognisable prefix.
pub fn new_token() -> String {
    format!("cdt_{}", URL_SAFE_NO_PAD.encode(random_bytes::<32>()))
}

/// What the server stores of a token: its SHA-256, in hex.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The longest login a sign-in may send; anything longer is refused before any work.
pub const MAX_LOGIN_BYTES: usize = 100;
/// The longest password a sign-in may send (hashing a megabyte would be free work for an attacker).
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// Failures a login may have before it is locked, and an address (which may be an
/// office's NAT with several managers behind it).
pub const FREE_FAILURES: u32 = 3;
pub const FREE_ADDRESS_FAILURES: u32 = 20;
/// The longest lock (docs/sync.md).
pub const MAX_LOCK: Duration = Duration::from_secs(300);
/// Failed sign-ins across all logins per minute before every sign-in waits (a spread-out
/// guessing attack); high enough that honest managers never meet it.
pub const GLOBAL_FAILURES_PER_MINUTE: u32 = 600;
/// How many logins and addresses the brake remembers; past this, forgotten entries are
/// pruned, and a new one is refused while it is full (never evicting a lock).
pub const MAX_ENTRIES: usize = 20_000;
/// How long a failure is remembered when it did not lead to a lock.
const MEMORY: Duration = Duration::from_secs(900);

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    /// Attempts being checked right now: counted as failures until they end, so parallel
    /// attempts cannot all slip past the check before the first one fails.
    in_flight: u32,
    locked_until: Option<Instant>,
    last: Instant,
}

impl Entry {
    fn new(now: Instant) -> Entry {
        Entry { failures: 0, in_flight: 0, locked_until: None, last: now }
    }

    fn wait(&self, now: Instant, free: u32) -> Option<Duration> {
        if let Some(until) = self.locked_until.filter(|u| *u > now) {
            return Some(until - now);
        }
        // Every attempt beyond the free ones waits for the ones in flight to end.
        (self.failures + self.in_flight >= free && self.in_flight > 0).then_some(Duration::from_secs(1))
    }

    fn fail(&mut self, now: Instant, free: u32) {
        self.failures += 1;
        self.last = now;
        if self.failures >= free {
            let lock = Duration::from_secs(1u64 << (self.failures - free).min(9)).min(MAX_LOCK);
            self.locked_until = Some(now + lock);
        }
    }

    fn forgotten(&self, now: Instant) -> bool {
        self.in_flight == 0 && self.locked_until.is_none_or(|u| u <= now) && now.duration_since(self.last) > MEMORY
    }
}

#[derive(Default)]
struct BrakeState {
    logins: HashMap<String, Entry>,
    addresses: HashMap<IpAddr, Entry>,
    /// Failures in the current minute, across all logins.
    global: (u32, Option<Instant>),
}

/// The brake on guessing passwords: per login, per address and overall. An attempt is
/// checked and counted in one step ([`SignInBrake::begin`]) before its password is
/// hashed, so 500 simultaneous attempts get no further than the first few.
#[derive(Default)]
pub struct SignInBrake {
    state: Mutex<BrakeState>,
}

/// One sign-in attempt the brake let through; it must end as [`Attempt::succeeded`] or
/// [`Attempt::failed`] (dropped otherwise, it is forgotten without counting).
pub struct Attempt<'a> {
    brake: &'a SignInBrake,
    login: String,
    address: IpAddr,
    ended: bool,
}

impl SignInBrake {
    /// Lets an attempt for `login` from `address` through, or says how long to wait.
    pub fn begin(&self, login: &str, address: IpAddr) -> Result<Attempt<'_>, Duration> {
        let now = Instant::now();
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let (failures, Some(since)) = state.global {
            if now.duration_since(since) < Duration::from_secs(60) && failures >= GLOBAL_FAILURES_PER_MINUTE {
                return Err(Duration::from_secs(60) - now.duration_since(since));
            }
        }
        if state.logins.len() + state.addresses.len() >= MAX_ENTRIES {
            state.logins.retain(|_, e| !e.forgotten(now));
            state.addresses.retain(|_, e| !e.forgotten(now));
        }
        let known = state.logins.contains_key(login) && state.addresses.contains_key(&address);
        if !known && state.logins.len() + state.addresses.len() + 2 > MAX_ENTRIES {
            return Err(Duration::from_secs(60));
        }
        let login_entry = *state.logins.get(login).unwrap_or(&Entry::new(now));
        let address_entry = *state.addresses.get(&address).unwrap_or(&Entry::new(now));
        let wait = [login_entry.wait(now, FREE_FAILURES), address_entry.wait(now, FREE_ADDRESS_FAILURES)]
            .into_iter()
            .flatten()
            .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        state.logins.entry(login.to_string()).or_insert(login_entry).in_flight += 1;
        state.addresses.entry(address).or_insert(address_entry).in_flight += 1;
        Ok(Attempt { brake: self, login: login.to_string(), address, ended: false })
    }

    /// How long `login` must still wait, if it is locked.
    pub fn wait(&self, login: &str) -> Option<Duration> {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.logins.get(login)?.wait(Instant::now(), FREE_FAILURES)
    }

    /// How many logins and addresses it remembers (bounded by [`MAX_ENTRIES`]).
    pub fn remembered(&self) -> usize {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.logins.len() + state.addresses.len()
    }

    fn end(&self, login: &str, address: IpAddr, failed: bool, succeeded: bool) {
        let now = Instant::now();
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(entry) = state.logins.get_mut(login) {
            entry.in_flight = entry.in_flight.saturating_sub(1);
            if failed {
                entry.fail(now, FREE_FAILURES);
            }
        }
        if succeeded {
            state.logins.remove(login);
        }
        if let Some(entry) = state.addresses.get_mut(&address) {
            entry.in_flight = entry.in_flight.saturating_sub(1);
            if failed {
                entry.fail(now, FREE_ADDRESS_FAILURES);
            }
        }
        if failed {
            let (count, since) = state.global;
            state.global = match since {
                Some(since) if now.duration_since(since) < Duration::from_secs(60) => (count + 1, Some(since)),
                _ => (1, Some(now)),
            };
        }
    }
}

impl Attempt<'_> {
    pub fn succeeded(mut self) {
        self.ended = true;
        self.brake.end(&self.login, self.address, false, true);
    }

    pub fn failed(mut self) {
        self.ended = true;
        self.brake.end(&self.login, self.address, true, false);
    }
}

impl Drop for Attempt<'_> {
    fn drop(&mut self) {
        if !self.ended {
            self.brake.end(&self.login, self.address, false, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hashes made and checked in reused memory are the standard PHC Argon2id ones,
    /// both ways, and the memory is kept for the next hash instead of freed.
    #[test]
    fn hashes_in_reused_memory_are_standard_argon2id() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let salt = SaltString::encode_b64(&[7u8; 16]).unwrap();
        let standard = argon2().hash_password("공단 2026!".as_bytes(), &salt).unwrap().to_string();
        assert!(verify_password("공단 2026!", &standard));
        assert!(!verify_password("공단 2026?", &standard));
        let ours = hash_password("공단 2026!");
        assert!(argon2().verify_password("공단 2026!".as_bytes(), &PasswordHash::new(&ours).unwrap()).is_ok());
        // Another cost in the stored hash is honoured (and checked in memory of its size).
        let light = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(8 * 1024, 1, 1, None).unwrap());
        let older = light.hash_password("공단 2026!".as_bytes(), &salt).unwrap().to_string();
        assert!(verify_password("공단 2026!", &older) && !verify_password("x", &older));
        assert!(!SPARE_MEMORY.lock().unwrap().is_empty(), "the working memory is kept for the next hash");
    }

    #[test]
    fn a_password_verifies_only_against_its_own_hash() {
        let stored = hash_password("봄날의 클러스터 2026");
        assert!(verify_password("봄날의 클러스터 2026", &stored));
        assert!(!verify_password("봄날의 클러스터 2025", &stored));
        assert!(!verify_password("x", "garbage"));
        assert_ne!(stored, hash_password("봄날의 클러스터 2026"), "each hash has its own salt");
    }

    #[test]
    fn new_hashes_are_argon2id_and_old_pbkdf2_ones_still_verify_until_replaced() {
        let stored = hash_password("봄날의 클러스터 2026");
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(!needs_rehash(&stored));
        let old = hash_password_pbkdf2("봄날의 클러스터 2026", 1000);
        assert!(verify_password("봄날의 클러스터 2026", &old));
        assert!(needs_rehash(&old));
        assert!(!verify_password("anything", dummy_hash()));
        assert!(dummy_hash().starts_with("$argon2id$"), "checked with the live parameters");
    }

    #[test]
    fn tokens_are_unique_and_stored_only_as_hashes() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert!(!token_hash(&a).contains(&a[4..]));
    }

    fn here() -> IpAddr {
        IpAddr::from([10, 0, 0, 1])
    }

    #[test]
    fn repeated_failures_lock_the_login_and_success_clears_it() {
        let brake = SignInBrake::default();
        for _ in 0..FREE_FAILURES - 1 {
            brake.begin("kim", here()).unwrap().failed();
        }
        assert_eq!(brake.wait("kim"), None, "a few typos are free");
        brake.begin("kim", here()).unwrap().failed();
        assert!(brake.wait("kim").is_some());
        assert!(brake.begin("kim", here()).is_err());
        assert!(brake.begin("lee", here()).is_ok(), "other logins are not affected");
        let brake = SignInBrake::default();
        brake.begin("kim", here()).unwrap().failed();
        brake.begin("kim", here()).unwrap().succeeded();
        assert_eq!(brake.wait("kim"), None);
    }

    #[test]
    fn attempts_in_flight_count_before_their_passwords_are_checked() {
        let brake = SignInBrake::default();
        // Three attempts are being checked at once: the fourth does not start.
        let attempts: Vec<Attempt<'_>> = (0..FREE_FAILURES).map(|_| brake.begin("kim", here()).unwrap()).collect();
        assert!(brake.begin("kim", here()).is_err());
        drop(attempts);
        assert!(brake.begin("kim", here()).is_ok(), "abandoned attempts are forgotten, not counted");
    }

    #[test]
    fn one_address_guessing_many_logins_is_locked_too() {
        let brake = SignInBrake::default();
        for n in 0..FREE_ADDRESS_FAILURES {
            brake.begin(&format!("user{n}"), here()).unwrap().failed();
        }
        assert!(brake.begin("someone-else", here()).is_err());
        assert!(brake.begin("someone-else", IpAddr::from([10, 0, 0, 2])).is_ok());
    }

    #[test]
    fn random_logins_cannot_grow_the_brake_without_bound() {
        let brake = SignInBrake::default();
        for n in 0..MAX_ENTRIES as u32 {
            let address = IpAddr::from(n.to_be_bytes());
            if let Ok(attempt) = brake.begin(&format!("random-{n}"), address) {
                attempt.failed();
            }
        }
        assert!(brake.remembered() <= MAX_ENTRIES, "{}", brake.remembered());
    }
}
