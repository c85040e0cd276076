//! Reproducible generated data: ids from a seeded generator and a simulated wall clock,
//! so that the demo and national data sets (crate desk-demo) come out the same on every
//! run and every platform. A store uses it only while such data is being written.

/// Makes generated data reproducible: ids come from a seeded generator and the clock
/// reads a simulated time instead of the wall clock.
#[derive(Debug, Clone)]
pub struct Generation {
    state: u64,
    /// The simulated wall clock, in milliseconds since the epoch.
    pub wall_millis: u64,
}

impl Generation {
    pub fn new(seed: u64, wall_millis: u64) -> Generation {
        Generation { state: seed ^ 0x9E37_79B9_7F4A_7C15, wall_millis }
    }

    /// splitmix64: small, fast, and the same on every platform and version.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A UUIDv7 whose time is the simulated clock and whose random part is seeded.
    pub fn next_id(&mut self) -> String {
        let mut random = [0u8; 10];
        random[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        random[8..].copy_from_slice(&self.next_u64().to_le_bytes()[..2]);
        uuid::Builder::from_unix_timestamp_millis(self.wall_millis, &random).into_uuid().to_string()
    }
}
