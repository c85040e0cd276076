//! Hybrid logical clock: the order of changes across laptops whose wall clocks disagree.
//!
//! A timestamp is (physical milliseconds, logical counter, device id). A device's clock
//! never goes backwards and always moves past any timestamp it has seen from another
//! device, so "later" means "happened after, as far as anyone could know" even when a
//! laptop's clock is days off. Timestamps are stored as fixed-width strings so that
//! SQLite's text order is the clock's order.

use std::fmt;

/// One point of the hybrid logical clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    pub millis: u64,
    pub counter: u32,
    /// Low 64 bits of the device id: breaks ties between devices deterministically.
    pub node: u64,
}

impl Timestamp {
    /// Parses the text form written by [`Timestamp::fmt`], and only that form (lower-case,
    /// fixed widths), so that text order stays clock order wherever it is stored.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let canonical = text.len() == 36
            && text.bytes().enumerate().all(|(i, b)| {
                if i == 12 || i == 19 {
                    b == b'-'
                } else {
                    b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
                }
            });
        if !canonical {
            return None;
        }
        let mut parts = text.split('-');
        let millis = u64::from_str_radix(parts.next()?, 16).ok()?;
        let counter = u32::from_str_radix(parts.next()?, 16).ok()?;
        let node = u64::from_str_radix(parts.next()?, 16).ok()?;
        if parts.next().is_some() {
            return None;
        }
        Some(Timestamp { millis, counter, node })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:012x}-{:06x}-{:016x}", self.millis, self.counter, self.node)
    }
}

/// The largest counter the text form holds (six hex digits).
pub const MAX_COUNTER: u32 = 0xff_ffff;

/// The latest clock time head office accepts from a device, in milliseconds ahead of its
/// own wall clock: laptops' clocks are days off, not months (tests use two days).
pub const MAX_AHEAD_MILLIS: u64 = 30 * 24 * 3600 * 1000;

/// The clock of one device.
#[derive(Debug, Clone)]
pub struct Clock {
    last: Timestamp,
}

impl Clock {
    pub fn new(node: u64) -> Clock {
        Clock { last: Timestamp { millis: 0, counter: 0, node } }
    }

    /// Starts from the latest timestamp this device has stored, so a restart never reuses one.
    pub fn resume(node: u64, latest_seen: Option<Timestamp>) -> Clock {
        let mut clock = Clock::new(node);
        if let Some(seen) = latest_seen {
            clock.last.millis = seen.millis;
            clock.last.counter = seen.counter;
        }
        clock
    }

    /// Moves the clock up to a time this same device stored (through another connection
    /// to its database); never moves it back.
    pub fn catch_up(&mut self, stored: Timestamp) {
        if (stored.millis, stored.counter) > (self.last.millis, self.last.counter) {
            self.last.millis = stored.millis;
            self.last.counter = stored.counter;
        }
    }

    /// The timestamp of a local change made now, given the wall clock's reading.
    pub fn tick(&mut self, wall_millis: u64) -> Timestamp {
        if wall_millis > self.last.millis {
            self.last.millis = wall_millis;
            self.last.counter = 0;
        } else {
            self.bump();
        }
        self.last
    }

    /// The next counter value; past the counter's six hex digits, the next millisecond.
    fn bump(&mut self) {
        if self.last.counter >= MAX_COUNTER {
            self.last.millis = self.last.millis.saturating_add(1);
            self.last.counter = 0;
        } else {
            self.last.counter += 1;
        }
    }

    /// Moves the clock past a timestamp received from another device.
    pub fn observe(&mut self, remote: Timestamp, wall_millis: u64) {
        let max_millis = self.last.millis.max(remote.millis).max(wall_millis);
        let counter = if max_millis == self.last.millis && max_millis == remote.millis {
            Some(self.last.counter.max(remote.counter))
        } else if max_millis == self.last.millis {
            Some(self.last.counter)
        } else if max_millis == remote.millis {
            Some(remote.counter)
        } else {
            None
        };
        self.last.millis = max_millis;
        match counter {
            Some(counter) => {
                self.last.counter = counter;
                self.bump();
            }
            None => self.last.counter = 0,
        }
    }

    pub fn last(&self) -> Timestamp {
        self.last
    }
}

/// Milliseconds since the Unix epoch by this machine's wall clock.
pub fn wall_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_sorts_like_the_clock() {
        let a = Timestamp { millis: 9, counter: 500, node: 1 };
        let b = Timestamp { millis: 10, counter: 0, node: 0 };
        assert!(a < b);
        assert!(a.to_string() < b.to_string());
        assert_eq!(Timestamp::parse(&a.to_string()), Some(a));
        assert_eq!(Timestamp::parse("zz"), None);
        assert_eq!(Timestamp::parse(&a.to_string().to_uppercase()), None, "only the canonical form");
        assert_eq!(Timestamp::parse("+00000000009-0001f4-0000000000000001"), None);
    }

    #[test]
    fn tick_is_monotonic_when_the_wall_clock_goes_back() {
        let mut clock = Clock::new(7);
        let first = clock.tick(1_000);
        let second = clock.tick(500);
        let third = clock.tick(500);
        assert!(first < second && second < third);
    }

    #[test]
    fn a_full_counter_moves_on_to_the_next_millisecond() {
        let mut clock = Clock::new(1);
        let full = Timestamp { millis: 5, counter: MAX_COUNTER, node: 2 };
        clock.observe(full, 0);
        let next = clock.tick(0);
        assert_eq!(next.millis, 6, "past the full counter, the next millisecond");
        assert!(next > full);
        assert!(Timestamp::parse(&next.to_string()).is_some(), "still the canonical form");
    }

    #[test]
    fn observing_a_fast_clock_moves_past_it() {
        // A laptop two days fast writes; a laptop with a correct clock edits after seeing it.
        let two_days = 2 * 24 * 3600 * 1000;
        let mut fast = Clock::new(1);
        let remote = fast.tick(10_000 + two_days);
        let mut honest = Clock::new(2);
        honest.observe(remote, 10_000);
        let local = honest.tick(10_001);
        assert!(local > remote, "an edit made after seeing a change must order after it");
    }
}
