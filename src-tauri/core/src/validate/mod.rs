//! Rules that Korean practice and KICOX's programme put on values, independent of storage.

pub mod registration_number;
pub mod support;

use crate::error::FieldError;

/// Checks that an amount of money is whole, non-negative won. Amounts arrive as `i64`
/// (whole by type); this names the field when one is negative.
pub fn won(field: &str, label_ko: &str, label_en: &str, amount: i64) -> Option<FieldError> {
    (amount < 0).then(|| {
        FieldError::new(
            field,
            "non_negative_won",
            format!("{label_ko}은(는) 0원 이상의 정수여야 합니다."),
            format!("{label_en} must be a whole, non-negative amount of won."),
        )
    })
}
