//! Which column holds what: finding the header row under titles and merged cells, and
//! recognising Korean header names and their usual variants.

use serde::{Deserialize, Serialize};

use crate::read::{Cell, Sheet};

/// What a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// 회원사 명단: member firms and organisations.
    Members,
    /// 인력 명단: people.
    People,
}

/// A field a column can fill. Codes are stable: a remembered mapping stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    // Members.
    Name,
    Kind,
    RegistrationNumber,
    CeoName,
    Employees,
    Revenue,
    JoinedOn,
    SmallGroup,
    Contact,
    Phone,
    Email,
    Products,
    Technologies,
    Address,
    Industry,
    Notes,
    // People.
    PersonName,
    Affiliation,
    Title,
    Expertise,
    Role,
}

impl ImportField {
    /// In the order the export writes them (but for the contact person, which it does not).
    pub const MEMBER_FIELDS: &'static [ImportField] = &[
        ImportField::Name,
        ImportField::Kind,
        ImportField::RegistrationNumber,
        ImportField::CeoName,
        ImportField::Employees,
        ImportField::Revenue,
        ImportField::JoinedOn,
        ImportField::SmallGroup,
        ImportField::Contact,
        ImportField::Phone,
        ImportField::Email,
        ImportField::Products,
        ImportField::Technologies,
        ImportField::Address,
        ImportField::Industry,
        ImportField::Notes,
    ];

    /// In the order the export writes them.
    pub const PERSON_FIELDS: &'static [ImportField] = &[
        ImportField::PersonName,
        ImportField::Affiliation,
        ImportField::Title,
        ImportField::Role,
        ImportField::Phone,
        ImportField::Email,
        ImportField::Expertise,
    ];

    pub fn fields_of(kind: ListKind) -> &'static [ImportField] {
        match kind {
            ListKind::Members => Self::MEMBER_FIELDS,
            ListKind::People => Self::PERSON_FIELDS,
        }
    }

    /// The Korean header this app writes on export, and the first name it recognises.
    pub fn label_ko(self) -> &'static str {
        match self {
            ImportField::Name => "업체명",
            ImportField::Kind => "구분",
            ImportField::RegistrationNumber => "사업자등록번호",
            ImportField::CeoName => "대표자",
            ImportField::Employees => "종업원수",
            ImportField::Revenue => "매출액(원)",
            ImportField::JoinedOn => "가입일",
            ImportField::SmallGroup => "소그룹",
            ImportField::Contact => "담당자",
            ImportField::Phone => "연락처",
            ImportField::Email => "이메일",
            ImportField::Products => "주요제품",
            ImportField::Technologies => "보유기술",
            ImportField::Address => "주소",
            ImportField::Industry => "업종",
            ImportField::Notes => "비고",
            ImportField::PersonName => "성명",
            ImportField::Affiliation => "소속",
            ImportField::Title => "직위",
            ImportField::Expertise => "전문분야",
            ImportField::Role => "역할",
        }
    }

    /// Header names (without spaces and a unit in brackets) offices use for the field.
    fn names(self) -> &'static [&'static str] {
        match self {
            ImportField::Name => {
                &["업체명", "회사명", "기업명", "기관명", "상호", "회원사명", "업체", "회사", "회원사"]
            }
            ImportField::Kind => &["구분", "기관유형", "유형", "기관구분"],
            ImportField::RegistrationNumber => &["사업자등록번호", "사업자번호", "사업자등록no", "등록번호"],
            ImportField::CeoName => &["대표자", "대표자명", "대표", "대표이사", "ceo"],
            ImportField::Employees => &["종업원수", "직원수", "상시근로자수", "근로자수", "종업원", "인원"],
            ImportField::Revenue => &["매출액", "매출", "연매출", "연매출액"],
            ImportField::JoinedOn => &["가입일", "가입일자", "가입년월일", "가입"],
            ImportField::SmallGroup => &["소그룹", "소그룹명", "분과"],
            ImportField::Contact => &["담당자", "담당자명", "실무담당자"],
            ImportField::Phone => &["연락처", "전화", "전화번호", "대표전화", "휴대폰", "핸드폰", "휴대전화", "tel"],
            ImportField::Email => &["이메일", "전자우편", "email", "e-mail", "메일"],
            ImportField::Products => &["주요제품", "제품", "생산품", "주생산품"],
            ImportField::Technologies => &["보유기술", "기술", "핵심기술", "주요기술"],
            ImportField::Address => &["주소", "소재지", "사업장주소", "공장주소"],
            ImportField::Industry => &["업종", "업태", "업종명"],
            ImportField::Notes => &["비고", "메모", "특이사항"],
            ImportField::PersonName => &["성명", "이름", "성함"],
            ImportField::Affiliation => &["소속", "업체명", "회사명", "기관명", "소속기관"],
            ImportField::Title => &["직위", "직책", "직급"],
            ImportField::Expertise => &["전문분야", "전문", "분야"],
            ImportField::Role => &["역할", "구분"],
        }
    }
}

/// A header cell reduced to compare: no spaces, lower case, a bracketed unit split off.
/// "매출액 (백만원)" → ("매출액", Some("백만원")).
pub fn normalise_header(text: &str) -> (String, Option<String>) {
    let compact: String = text.chars().filter(|c| !c.is_whitespace() && *c != '*').collect::<String>().to_lowercase();
    let open = compact.find(['(', '[', '（']);
    match open {
        Some(at) => {
            let unit: String = compact[at..].chars().skip(1).take_while(|c| !matches!(c, ')' | ']' | '）')).collect();
            (compact[..at].to_string(), Some(unit))
        }
        None => (compact, None),
    }
}

/// The field a header names, for a list of `kind`.
pub fn recognise(kind: ListKind, header: &str) -> Option<ImportField> {
    let (name, _) = normalise_header(header);
    if name.is_empty() {
        return None;
    }
    ImportField::fields_of(kind).iter().copied().find(|f| f.names().contains(&name.as_str()))
}

fn unit_won(unit: &str) -> Option<i64> {
    match unit {
        "원" | "krw" => Some(1),
        "천원" => Some(1_000),
        "만원" => Some(10_000),
        "백만원" => Some(1_000_000),
        "천만원" => Some(10_000_000),
        "억원" | "억" => Some(100_000_000),
        _ => None,
    }
}

/// The money unit of a revenue column, in won: the header's own (`매출액(백만원)`), else
/// the table's note above the header (`(단위: 천원)`), else won. None for a unit that is
/// not money (`매출액(%)`): the values are then not taken.
pub fn money_unit(header: &str, note: Option<i64>) -> Option<i64> {
    match normalise_header(header).1.as_deref() {
        None => Some(note.unwrap_or(1)),
        Some(unit) => unit_won(unit),
    }
}

/// The unit a table's note gives (`(단위: 백만원)`, `단위 : 천원`), in won, from the cells
/// above the header.
pub fn unit_note<'a>(cells: impl Iterator<Item = &'a Cell>) -> Option<i64> {
    cells
        .filter_map(|c| match c {
            Cell::Text(t) => Some(t),
            _ => None,
        })
        .find_map(|text| {
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let after = &compact[compact.find("단위")? + "단위".len()..];
            let unit: String = after
                .trim_start_matches([':', '：', '='])
                .chars()
                .take_while(|c| !matches!(c, ')' | ']' | ',' | '）'))
                .collect();
            unit_won(&unit)
        })
}

/// The field that names a row of a `kind` list.
pub fn name_field(kind: ListKind) -> ImportField {
    match kind {
        ListKind::Members => ImportField::Name,
        ListKind::People => ImportField::PersonName,
    }
}

/// The header row: among the first rows, the first that names this list's name column
/// and at least one more it knows (a title, a date line or merged group cells above it
/// are skipped, and a members sheet is not taken for a people list).
pub fn find_header(kind: ListKind, sheet: &Sheet) -> Option<usize> {
    sheet.rows.iter().take(30).position(|(_, cells)| {
        let fields: Vec<ImportField> = cells
            .iter()
            .filter_map(|c| match c {
                Cell::Text(t) => recognise(kind, t),
                _ => None,
            })
            .collect();
        fields.len() >= 2 && fields.contains(&name_field(kind))
    })
}

/// Recognises each header cell; a field claimed by an earlier column is not claimed again.
pub fn recognise_all(kind: ListKind, headers: &[String]) -> Vec<Option<ImportField>> {
    let mut taken = Vec::new();
    headers
        .iter()
        .map(|h| {
            let field = recognise(kind, h).filter(|f| !taken.contains(f));
            if let Some(f) = field {
                taken.push(f);
            }
            field
        })
        .collect()
}

/// The key a mapping is remembered under: the list kind and the normalised headers.
pub fn mapping_key(kind: ListKind, headers: &[String]) -> String {
    let names: Vec<String> = headers.iter().map(|h| normalise_header(h).0).collect();
    let kind = match kind {
        ListKind::Members => "members",
        ListKind::People => "people",
    };
    format!("import_mapping:{kind}:{}", names.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_variants_are_recognised() {
        let m = |h| recognise(ListKind::Members, h);
        assert_eq!(m("회사명"), Some(ImportField::Name));
        assert_eq!(m(" 기업명 "), Some(ImportField::Name));
        assert_eq!(m("사업자번호"), Some(ImportField::RegistrationNumber));
        assert_eq!(m("대표자명"), Some(ImportField::CeoName));
        assert_eq!(m("상시근로자수"), Some(ImportField::Employees));
        assert_eq!(m("매출액(백만원)"), Some(ImportField::Revenue));
        assert_eq!(m("가입일자"), Some(ImportField::JoinedOn));
        assert_eq!(m("전화"), Some(ImportField::Phone));
        assert_eq!(m("연번"), None);
        assert_eq!(recognise(ListKind::People, "이름"), Some(ImportField::PersonName));
        assert_eq!(recognise(ListKind::People, "업체명"), Some(ImportField::Affiliation));
    }

    #[test]
    fn money_units_come_from_the_header() {
        assert_eq!(money_unit("매출액(백만원)", None), Some(1_000_000));
        assert_eq!(money_unit("매출액 (천원)", None), Some(1_000));
        assert_eq!(money_unit("매출액", None), Some(1));
        assert_eq!(money_unit("매출액(%)", None), None);
        // A note above the table gives the unit of a header without one, and only then.
        let note = [Cell::Text("2026년 회원사 현황".into()), Cell::Text("(단위: 백만원, 명)".into())];
        assert_eq!(unit_note(note.iter()), Some(1_000_000));
        assert_eq!(money_unit("매출액", unit_note(note.iter())), Some(1_000_000));
        assert_eq!(money_unit("매출액(천원)", unit_note(note.iter())), Some(1_000));
        assert_eq!(unit_note([Cell::Text("기준일: 2026.11.01".into())].iter()), None);
    }
}
