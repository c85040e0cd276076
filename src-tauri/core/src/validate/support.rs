//! KICOX support types (지원유형), their yearly caps and government-share limits.
//!
//! Which rules stop a save and which only warn:
//! - the cap on government support is a **hard error**: head office cannot fund above it;
//! - the government share above the limit for the lead firm's size is a **warning** the
//!   manager may override with a reason: the size class on file is often out of date
//!   and a call for proposals can set its own share;
//! - too few participating firms is a **warning**: firms join while a plan is drafted.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::text_enum;

text_enum! {
    /// The kinds of support a project can apply for.
    SupportType {
        FieldTechnology = "field_technology",            // 현장맞춤형 기술개발
        ProjectRnd = "project_rnd",                      // 프로젝트형 R&D
        Prototype = "prototype",                         // 시제품 제작
        DomesticPatent = "domestic_patent",              // 국내 특허
        InternationalPatent = "international_patent",    // 해외 특허
        Certification = "certification",                 // 표준 인증
        Publicity = "publicity",                         // 홍보
        ExhibitionDomestic = "exhibition_domestic",      // 국내 전시회
        ExhibitionInternational = "exhibition_international", // 해외 전시회
        NonFinancial = "non_financial",                  // 비예산 (연계·자문)
    }
}

text_enum! {
    /// A firm's size class, which sets its government-share limit.
    FirmSize { Sme = "sme", MidSize = "mid_size", Large = "large" }
}

/// The money of a project as entered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Amounts {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub government_won: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub firm_cash_won: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub firm_in_kind_won: i64,
}

impl Amounts {
    pub fn total(&self) -> i64 {
        self.government_won.saturating_add(self.firm_cash_won).saturating_add(self.firm_in_kind_won)
    }
}

/// The yearly cap on government support, in won: the largest amount allowed.
/// `None` where the programme sets none.
pub fn cap_won(kind: SupportType) -> Option<i64> {
    match kind {
        // "under 200 million" / "under 400 million"
        SupportType::FieldTechnology => Some(199_999_999),
        SupportType::ProjectRnd => Some(399_999_999),
        SupportType::Prototype => Some(20_000_000),
        SupportType::DomesticPatent => Some(2_000_000),
        SupportType::InternationalPatent => Some(7_000_000),
        SupportType::Certification => Some(7_000_000),
        SupportType::Publicity => Some(10_000_000),
        SupportType::ExhibitionDomestic => Some(3_000_000),
        SupportType::ExhibitionInternational => Some(8_000_000),
        SupportType::NonFinancial => Some(0),
    }
}

/// The largest government share of the total, in percent.
pub fn max_government_percent(kind: SupportType, size: FirmSize) -> Option<i64> {
    match kind {
        SupportType::FieldTechnology | SupportType::ProjectRnd => Some(match size {
            FirmSize::Sme => 75,
            FirmSize::MidSize => 60,
            FirmSize::Large => 33,
        }),
        SupportType::Prototype => Some(60),
        SupportType::DomesticPatent => Some(70),
        _ => None,
    }
}

/// The fewest participating firms the type asks for.
pub fn min_firms(kind: SupportType) -> usize {
    match kind {
        SupportType::FieldTechnology => 2,
        SupportType::ProjectRnd => 3,
        _ => 1,
    }
}

/// What the amount rules say about a project: errors stop the save; warnings need a reason.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AmountCheck {
    pub errors: Vec<FieldError>,
    pub warnings: Vec<FieldError>,
}

/// Checks a project's amounts against its support type, as the manager types them.
pub fn check_amounts(kind: SupportType, size: FirmSize, amounts: &Amounts, firms: usize) -> AmountCheck {
    let mut out = AmountCheck::default();
    for (field, ko, en, value) in [
        ("government_won", "정부지원금", "Government support", amounts.government_won),
        ("firm_cash_won", "기업 현금 부담금", "Firm cash", amounts.firm_cash_won),
        ("firm_in_kind_won", "기업 현물 부담금", "Firm in-kind", amounts.firm_in_kind_won),
    ] {
        if let Some(e) = super::won(field, ko, en, value) {
            out.errors.push(e);
        }
    }
    if !out.errors.is_empty() {
        return out;
    }
    if let Some(cap) = cap_won(kind) {
        if amounts.government_won > cap {
            out.errors.push(FieldError::new(
                "government_won",
                "cap",
                format!("이 지원유형의 정부지원금 한도는 {}입니다.", crate::korean::won_text(cap)),
                format!("The cap on government support for this type is {} won.", group_thousands(cap)),
            ));
        }
    }
    if let Some(percent) = max_government_percent(kind, size) {
        let total = amounts.total();
        // government / total > percent / 100, in integers so no rounding hides a breach.
        if total > 0 && i128::from(amounts.government_won) * 100 > i128::from(total) * i128::from(percent) {
            out.warnings.push(FieldError::new(
                "government_won",
                "government_share",
                format!("정부지원금 비중이 사업비의 {percent}%를 넘습니다. 예외로 진행하려면 사유를 적으세요."),
                format!("Government support is over {percent}% of the total. Give a reason to proceed anyway."),
            ));
        }
    }
    let needed = min_firms(kind);
    if firms < needed {
        out.warnings.push(FieldError::new(
            "participants",
            "min_firms",
            format!("이 지원유형은 참여기업이 {needed}개 이상이어야 합니다 (현재 {firms}개)."),
            format!("This support type needs at least {needed} participating firms (now {firms})."),
        ));
    }
    out
}

/// `105000000` → `105,000,000`.
pub fn group_thousands(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if amount < 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(government: i64, cash: i64, in_kind: i64) -> Amounts {
        Amounts { government_won: government, firm_cash_won: cash, firm_in_kind_won: in_kind }
    }

    #[test]
    fn the_articles_callus_project_passes() {
        // 105,000,000 won support + 70,000,000 won own funds, with a university partner.
        let check = check_amounts(SupportType::FieldTechnology, FirmSize::Sme, &amounts(105_000_000, 70_000_000, 0), 2);
        assert_eq!(check, AmountCheck::default());
    }

    #[test]
    fn over_the_cap_is_a_hard_error_naming_the_field() {
        let check = check_amounts(SupportType::Prototype, FirmSize::Sme, &amounts(20_000_001, 20_000_000, 0), 1);
        assert_eq!(check.errors.len(), 1);
        assert_eq!(check.errors[0].field, "government_won");
        assert_eq!(check.errors[0].rule, "cap");
        assert!(check.errors[0].message_ko.contains("2,000만 원"), "{}", check.errors[0].message_ko);
        let at_cap = check_amounts(SupportType::Prototype, FirmSize::Sme, &amounts(20_000_000, 20_000_000, 0), 1);
        assert!(at_cap.errors.is_empty());
    }

    #[test]
    fn share_over_the_limit_warns_exactly_at_the_boundary() {
        // 75 % exactly is allowed; one won more is not.
        let ok = check_amounts(SupportType::FieldTechnology, FirmSize::Sme, &amounts(75, 25, 0), 2);
        assert!(ok.warnings.is_empty());
        let over = check_amounts(SupportType::FieldTechnology, FirmSize::Sme, &amounts(76, 24, 0), 2);
        assert_eq!(over.warnings[0].rule, "government_share");
        let large = check_amounts(SupportType::FieldTechnology, FirmSize::Large, &amounts(34, 66, 0), 2);
        assert_eq!(large.warnings[0].rule, "government_share");
    }

    #[test]
    fn negative_amounts_and_too_few_firms() {
        let check = check_amounts(SupportType::ProjectRnd, FirmSize::Sme, &amounts(-1, 0, -5), 3);
        let fields: Vec<_> = check.errors.iter().map(|e| (e.field.as_str(), e.rule.as_str())).collect();
        assert_eq!(fields, [("government_won", "non_negative_won"), ("firm_in_kind_won", "non_negative_won")]);
        let few = check_amounts(SupportType::ProjectRnd, FirmSize::Sme, &amounts(100, 100, 0), 2);
        assert_eq!(few.warnings[0].rule, "min_firms");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(105_000_000), "105,000,000");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000), "1,000");
    }
}
