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
            format!("{} 0원 이상의 정수여야 합니다.", crate::korean::with_topic_particle(label_ko)),
            format!("{label_en} must be a whole, non-negative amount of won."),
        )
    })
}

/// Checks that a count (employees, jobs, patents) is not negative.
pub fn count(field: &str, label_ko: &str, label_en: &str, value: i64) -> Option<FieldError> {
    (value < 0).then(|| {
        FieldError::new(
            field,
            "non_negative",
            format!("{} 0 이상이어야 합니다.", crate::korean::with_topic_particle(label_ko)),
            format!("{label_en} cannot be negative."),
        )
    })
}

/// Head office's national directory (a record without a cluster) is read-only here: a
/// change to it would only be refused at the next sync.
pub fn not_national(cluster_id: Option<&str>) -> crate::CoreResult<()> {
    if cluster_id.is_some() {
        return Ok(());
    }
    Err(crate::FieldError::new(
        "cluster_id",
        "national_directory",
        "전국 기관·전문가 명부는 본부에서만 고칠 수 있습니다.",
        "The national directory is maintained by head office; it cannot be changed here.",
    )
    .into_error())
}
