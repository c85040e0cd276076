//! The business registration number (사업자등록번호): ten digits shown `123-45-67890`.
//!
//! The tenth digit checks the first nine: weights 1,3,7,1,3,7,1,3,5, plus
//! floor(9th digit × 5 / 10); check = (10 − sum mod 10) mod 10.

use crate::error::FieldError;

/// The ten digits of a number typed with or without dashes or spaces; `None` if it is
/// not ten digits.
pub fn digits(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    (digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// The check digit the first nine digits call for.
pub fn check_digit(first_nine: &[u8; 9]) -> u8 {
    const WEIGHTS: [u32; 9] = [1, 3, 7, 1, 3, 7, 1, 3, 5];
    let mut sum: u32 = first_nine.iter().zip(WEIGHTS).map(|(d, w)| u32::from(*d) * w).sum();
    sum += u32::from(first_nine[8]) * 5 / 10;
    ((10 - sum % 10) % 10) as u8
}

/// Validates a typed number and returns its ten digits.
pub fn parse(field: &str, text: &str) -> Result<String, FieldError> {
    let Some(digits) = digits(text) else {
        return Err(FieldError::new(
            field,
            "format",
            "사업자등록번호는 숫자 10자리(예: 123-45-67890)여야 합니다.",
            "A business registration number has 10 digits (e.g. 123-45-67890).",
        ));
    };
    let bytes: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
    let mut first_nine = [0u8; 9];
    first_nine.copy_from_slice(&bytes[..9]);
    if check_digit(&first_nine) != bytes[9] {
        return Err(FieldError::new(
            field,
            "check_digit",
            "사업자등록번호의 검증번호(마지막 자리)가 맞지 않습니다. 번호를 다시 확인하세요.",
            "The business registration number's check digit (the last digit) does not match. Please re-check the number.",
        ));
    }
    Ok(digits)
}

/// `1234567890` → `123-45-67890`.
pub fn format(digits: &str) -> String {
    if digits.len() == 10 && digits.is_ascii() {
        format!("{}-{}-{}", &digits[..3], &digits[3..5], &digits[5..])
    } else {
        digits.to_string()
    }
}

/// Completes nine digits with their check digit (the demo generator uses it).
pub fn complete(first_nine: [u8; 9]) -> String {
    let mut text: String = first_nine.iter().map(|d| char::from(b'0' + d)).collect();
    text.push(char::from(b'0' + check_digit(&first_nine)));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_known_valid_number_passes_with_or_without_dashes() {
        let number = complete([2, 2, 0, 8, 1, 6, 2, 5, 1]);
        assert_eq!(parse("registration_number", &format(&number)), Ok(number.clone()));
        assert_eq!(parse("registration_number", &number), Ok(number));
    }

    #[test]
    fn hand_computed_check_digit() {
        // 1*1+2*3+3*7+4*1+5*3+6*7+7*1+8*3+9*5 = 165; + floor(9*5/10) = 4 → 169; (10 - 9) % 10 = 1.
        assert_eq!(check_digit(&[1, 2, 3, 4, 5, 6, 7, 8, 9]), 1);
        assert!(parse("r", "123-45-67891").is_ok());
        let err = parse("r", "123-45-67890").unwrap_err();
        assert_eq!(err.rule, "check_digit");
        assert_eq!(err.field, "r");
        assert!(err.message_ko.contains("검증번호"));
    }

    #[test]
    fn wrong_length_or_letters_are_format_errors() {
        for bad in ["", "123-45-6789", "123-45-678901", "12a-45-67891"] {
            assert_eq!(parse("registration_number", bad).unwrap_err().rule, "format", "{bad}");
        }
    }

    proptest! {
        #[test]
        fn every_completed_number_validates_and_any_other_last_digit_fails(
            nine in proptest::array::uniform9(0u8..10), wrong in 1u8..10
        ) {
            let good = complete(nine);
            prop_assert!(parse("f", &good).is_ok());
            let last = good.as_bytes()[9] - b'0';
            let mut bad = good[..9].to_string();
            bad.push(char::from(b'0' + (last + wrong) % 10));
            prop_assert_eq!(parse("f", &bad).unwrap_err().rule, "check_digit");
        }
    }
}
