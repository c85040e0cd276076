//! Korean text as the search index and the messages need it: syllable bigrams, particles
//! (조사) at the end of a word, and amounts of money in 억/만 units.
//!
//! Korean glues particles to words (`센서를`, `센서의`) and compounds words without spaces
//! (`미니클러스터`), so whole-word matching misses most of what a manager types. Hangul
//! runs are indexed as overlapping two-syllable pieces: any part of a word of two or more
//! syllables is then a phrase of consecutive pieces, and a query's trailing particle is
//! dropped before it is cut up.

/// True for a Hangul syllable (가–힣) or jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// Particles and endings that follow a noun, longest first so `에서는` beats `는`.
const PARTICLES: &[&str] = &[
    "에서부터",
    "으로부터",
    "에게서",
    "한테서",
    "에서는",
    "으로는",
    "에서도",
    "까지는",
    "부터는",
    "이라고",
    "에서",
    "에게",
    "한테",
    "으로",
    "부터",
    "까지",
    "처럼",
    "보다",
    "마다",
    "이나",
    "이랑",
    "하고",
    "라고",
    "와의",
    "과의",
    "에는",
    "에도",
    "로는",
    "이며",
    "들을",
    "들의",
    "들이",
    "들은",
    "들과",
    "을",
    "를",
    "이",
    "가",
    "은",
    "는",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
    "랑",
    "나",
    "들",
];

/// The word without a trailing particle, keeping at least two syllables (a one-syllable
/// stem is too often a word of its own: `공정` must not lose `정`).
pub fn strip_particle(word: &str) -> &str {
    let syllables = word.chars().count();
    for particle in PARTICLES {
        if let Some(stem) = word.strip_suffix(particle) {
            if stem.chars().count() >= 2 && stem.chars().all(is_hangul) && syllables > stem.chars().count() {
                return stem;
            }
        }
    }
    word
}

/// Splits text into words: runs of Hangul, or of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || is_hangul(c))).filter(|w| !w.is_empty())
}

/// The index tokens of one word: bigrams for Hangul, the lower-cased word otherwise.
/// A mixed word (`3D프린팅`) is split where the script changes.
pub fn push_tokens(word: &str, out: &mut String) {
    let mut run = String::new();
    let mut run_is_hangul = false;
    for c in word.chars() {
        let hangul = is_hangul(c);
        if !run.is_empty() && hangul != run_is_hangul {
            flush(&run, run_is_hangul, out);
            run.clear();
        }
        run_is_hangul = hangul;
        run.push(c);
    }
    if !run.is_empty() {
        flush(&run, run_is_hangul, out);
    }
}

fn flush(run: &str, hangul: bool, out: &mut String) {
    if !hangul {
        out.push_str(&run.to_lowercase());
        out.push(' ');
        return;
    }
    let chars: Vec<char> = run.chars().collect();
    if chars.len() == 1 {
        out.push(chars[0]);
        out.push(' ');
        return;
    }
    for pair in chars.windows(2) {
        out.push(pair[0]);
        out.push(pair[1]);
        out.push(' ');
    }
}

/// The whole text as index tokens.
pub fn index_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for word in words(text) {
        push_tokens(word, &mut out);
    }
    out
}

/// Whether a Hangul syllable has a final consonant (받침): picks `을`/`를`, `은`/`는`.
pub fn has_final_consonant(word: &str) -> bool {
    match word.chars().last() {
        Some(c @ '\u{AC00}'..='\u{D7A3}') => !(c as u32 - 0xAC00).is_multiple_of(28),
        // Digits and Latin letters: read aloud; most end without one except 0,1,3,6,7,8 and l,m,n.
        Some(c) => matches!(c, '0' | '1' | '3' | '6' | '7' | '8' | 'l' | 'm' | 'n' | 'L' | 'M' | 'N'),
        None => false,
    }
}

/// `word` followed by the right object particle: `센서를`, `공정을`.
pub fn with_object_particle(word: &str) -> String {
    format!("{word}{}", if has_final_consonant(word) { "을" } else { "를" })
}

/// `word` followed by the right topic particle: `센서는`, `공정은`.
pub fn with_topic_particle(word: &str) -> String {
    format!("{word}{}", if has_final_consonant(word) { "은" } else { "는" })
}

/// An amount written exactly in Korean units: `1억 500만 원`, `2,000만 원`, `6,789원`.
/// Never rounds: a grant is shown to the won.
pub fn won_text(amount: i64) -> String {
    if amount == 0 {
        return "0원".into();
    }
    let negative = amount < 0;
    let mut rest = amount.unsigned_abs();
    let mut parts = Vec::new();
    for (unit, name) in [(1_0000_0000_0000u64, "조"), (1_0000_0000, "억"), (1_0000, "만")] {
        let n = rest / unit;
        rest %= unit;
        if n > 0 {
            parts.push(format!("{}{name}", crate::validate::support::group_thousands(n as i64)));
        }
    }
    let mut text = parts.join(" ");
    if rest > 0 {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&crate::validate::support::group_thousands(rest as i64));
        text.push('원');
    } else {
        text.push_str(" 원");
    }
    if negative {
        text.insert(0, '-');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn won_is_exact() {
        assert_eq!(won_text(105_000_000), "1억 500만 원");
        assert_eq!(won_text(70_000_000), "7,000만 원");
        assert_eq!(won_text(123_456_789), "1억 2,345만 6,789원");
        assert_eq!(won_text(6_789), "6,789원");
        assert_eq!(won_text(0), "0원");
        assert_eq!(won_text(110_000_001), "1억 1,000만 1원");
    }

    #[test]
    fn particles_are_dropped_but_stems_stay_two_syllables() {
        assert_eq!(strip_particle("센서를"), "센서");
        assert_eq!(strip_particle("센서의"), "센서");
        assert_eq!(strip_particle("클러스터에서는"), "클러스터");
        assert_eq!(strip_particle("공정"), "공정");
        assert_eq!(strip_particle("센서"), "센서");
        assert_eq!(strip_particle("sensor"), "sensor");
    }

    #[test]
    fn hangul_becomes_bigrams_and_latin_stays_whole() {
        assert_eq!(index_tokens("미니클러스터"), "미니 니클 클러 러스 스터 ");
        assert_eq!(index_tokens("3D프린팅 UV"), "3d 프린 린팅 uv ");
        assert_eq!(index_tokens("물"), "물 ");
    }

    #[test]
    fn particle_choice_follows_the_final_consonant() {
        assert_eq!(with_object_particle("센서"), "센서를");
        assert_eq!(with_object_particle("공정"), "공정을");
        assert_eq!(with_topic_particle("이름"), "이름은");
    }
}
