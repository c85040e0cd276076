//! The Korean names of the codes a report prints (event kinds, stages, support types…),
//! read from the window's own message file, so a document and the screen always call a
//! thing by the same name.

use std::collections::HashMap;
use std::sync::OnceLock;

/// `ui/src/i18n/ko.ts`: one `"key": "value",` per line.
const KOREAN: &str = include_str!("../../../ui/src/i18n/ko.ts");

fn messages() -> &'static HashMap<String, String> {
    static MESSAGES: OnceLock<HashMap<String, String>> = OnceLock::new();
    MESSAGES.get_or_init(|| {
        KOREAN
            .lines()
            .filter_map(|line| {
                let line = line.trim().trim_end_matches(',');
                let (key, value) = line.split_once("\": ")?;
                let key = key.strip_prefix('"')?;
                // The value is a JSON string literal (escapes and all).
                let value: String = serde_json::from_str(value).ok()?;
                Some((key.to_string(), value))
            })
            .collect()
    })
}

/// The window's Korean text for `prefix.code`, or the code itself if there is none.
pub fn korean(prefix: &str, code: &str) -> String {
    messages().get(&format!("{prefix}.{code}")).cloned().unwrap_or_else(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_a_report_prints_has_a_korean_name() {
        use desk_core::cluster::Region;
        use desk_core::event::{ActionStatus, Attendance, EventKind};
        use desk_core::issue::{IssueCategory, IssueStatus};
        use desk_core::member::MemberKind;
        use desk_core::person::PersonRole;
        use desk_core::project::{ProjectScope, ProjectStage};
        use desk_core::validate::support::SupportType;
        let mut missing = Vec::new();
        let mut check = |prefix: &str, code: &str| {
            if !messages().contains_key(&format!("{prefix}.{code}")) {
                missing.push(format!("{prefix}.{code}"));
            }
        };
        Region::ALL.iter().for_each(|c| check("region", c.as_str()));
        EventKind::ALL.iter().for_each(|c| check("eventKind", c.as_str()));
        Attendance::ALL.iter().for_each(|c| check("attendance", c.as_str()));
        ActionStatus::ALL.iter().for_each(|c| check("action", c.as_str()));
        ProjectScope::ALL.iter().for_each(|c| check("scope", c.as_str()));
        IssueCategory::ALL.iter().for_each(|c| check("issueCategory", c.as_str()));
        IssueStatus::ALL.iter().for_each(|c| check("issueStatus", c.as_str()));
        MemberKind::ALL.iter().for_each(|c| check("memberKind", c.as_str()));
        PersonRole::ALL.iter().for_each(|c| check("personRole", c.as_str()));
        ProjectStage::ALL.iter().for_each(|c| check("projectStage", c.as_str()));
        SupportType::ALL.iter().for_each(|c| check("supportType", c.as_str()));
        assert!(missing.is_empty(), "no Korean name in ko.ts for {missing:?}");
        assert_eq!(korean("eventKind", "seminar"), "기술세미나");
        assert_eq!(korean("projectStage", "agreement"), "선정·협약");
    }
}
