//! Small Korean writing helpers for generated text: the right particle after a filled-in
//! word, template filling, people's names, and romanised names for e-mail addresses.

use super::vocabulary::{GIVEN_NAMES, SURNAMES, SURNAME_SPELLINGS};
use super::Rng;

/// The final-consonant index (0 = none, 8 = ㄹ) of a word's last Hangul syllable, or a
/// reading of its last Latin letter or digit.
fn final_consonant(word: &str) -> (bool, bool) {
    match word.trim_end().chars().last() {
        Some(c @ '\u{AC00}'..='\u{D7A3}') => {
            let index = (c as u32 - 0xAC00) % 28;
            (index != 0, index == 8)
        }
        Some(c) => (desk_core::korean::has_final_consonant(&c.to_string()), matches!(c, 'l' | 'L' | '1' | '7' | '8')),
        None => (false, false),
    }
}

/// The particle of the given kind that fits after `word`: 을/를, 은/는, 이/가, 과/와, 으로/로.
pub(crate) fn particle(word: &str, kind: &str) -> &'static str {
    let (has_final, rieul) = final_consonant(word);
    match kind {
        "을" | "를" => {
            if has_final {
                "을"
            } else {
                "를"
            }
        }
        "은" | "는" => {
            if has_final {
                "은"
            } else {
                "는"
            }
        }
        "이" | "가" => {
            if has_final {
                "이"
            } else {
                "가"
            }
        }
        "과" | "와" => {
            if has_final {
                "과"
            } else {
                "와"
            }
        }
        "으로" | "로" => {
            if has_final && !rieul {
                "으로"
            } else {
                "로"
            }
        }
        "이며" | "며" => {
            if has_final {
                "이며"
            } else {
                "며"
            }
        }
        _ => "",
    }
}

/// `word` followed by the fitting particle.
pub(crate) fn with(word: &str, kind: &str) -> String {
    format!("{word}{}", particle(word, kind))
}

/// Fills `{key}` and `{key:particle}` slots from `values`; an unknown key stays as written.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let slot = &after[..close];
        let (key, kind) = slot.split_once(':').unwrap_or((slot, ""));
        match values.iter().find(|(k, _)| *k == key) {
            Some((_, value)) => {
                out.push_str(value);
                out.push_str(particle(value, kind));
            }
            None => {
                out.push('{');
                out.push_str(slot);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A Korean person's name and its romanised parts (given name, surname) for e-mail.
pub(crate) struct Name {
    pub full: String,
    pub given_roman: String,
    pub surname_roman: String,
}

pub(crate) fn person_name(rng: &mut Rng) -> Name {
    let surname = *rng.pick(SURNAMES);
    let given = *rng.pick(GIVEN_NAMES);
    let surname_roman = SURNAME_SPELLINGS
        .iter()
        .find(|(s, _)| *s == surname)
        .map(|(_, r)| (*r).to_string())
        .unwrap_or_else(|| romanize(surname));
    Name { full: format!("{surname}{given}"), given_roman: romanize(given), surname_roman }
}

/// Revised Romanisation, syllable by syllable (no sound-change rules: enough for an
/// e-mail address).
pub(crate) fn romanize(text: &str) -> String {
    const INITIAL: [&str; 19] =
        ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
    const MEDIAL: [&str; 21] = [
        "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu",
        "eu", "ui", "i",
    ];
    const FINAL: [&str; 28] = [
        "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng",
        "t", "t", "k", "t", "p", "t",
    ];
    let mut out = String::new();
    for c in text.chars() {
        if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
            let s = (c as u32 - 0xAC00) as usize;
            out.push_str(INITIAL[s / 588]);
            out.push_str(MEDIAL[(s % 588) / 28]);
            out.push_str(FINAL[s % 28]);
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// A mobile number.
pub(crate) fn mobile(rng: &mut Rng) -> String {
    format!("010-{:04}-{:04}", rng.between(2000, 9999), rng.between(0, 9999))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_follow_the_last_syllable() {
        assert_eq!(with("선크림", "을"), "선크림을");
        assert_eq!(with("마스크팩", "를"), "마스크팩을");
        assert_eq!(with("샴푸", "을"), "샴푸를");
        assert_eq!(with("교수", "이"), "교수가");
        assert_eq!(with("필름", "으로"), "필름으로");
        assert_eq!(with("오일", "으로"), "오일로");
        assert_eq!(with("ISO 22716", "을"), "ISO 22716을");
    }

    #[test]
    fn templates_fill_slots_and_particles() {
        let text = fill("{product:을} {tech}로 {missing}", &[("product", "샴푸"), ("tech", "유화 기술")]);
        assert_eq!(text, "샴푸를 유화 기술로 {missing}");
    }

    #[test]
    fn romanisation_is_readable() {
        assert_eq!(romanize("민준"), "minjun");
        assert_eq!(romanize("한빛"), "hanbit");
        assert_eq!(romanize("서연"), "seoyeon");
    }
}
