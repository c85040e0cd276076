//! The demo cluster: Namdong's eco-friendly nano mini-cluster of 80 cosmetics and
//! chemical firms, with a year of its manager's work ending a month after `today`, and
//! the article's plant stem-cell (callus) project.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

use super::execute::{self, Batching};
use super::plan::{EventPlan, GroupPlan, IssuePlan, Plan, ProjectPlan, Step, Who};
use super::shared::{self, Expert, Firm, MinutesContext, Unique};
use super::vocabulary::{
    IssueTemplate, COSMETICS, COSMETICS_ISSUES, SEG_AROMA, SEG_CHEM, SEG_NANO, SEG_OEM, SEG_PACK, SEG_RAW, STAFF_TITLES,
};
use super::{
    at, days, millis, month_start, nth_weekday, random_workday, workday_on_or_after, workday_on_or_before, Rng,
};
use desk_core::cluster::{self, ClusterInput, Region};
use desk_core::db::Generation;
use desk_core::event::{Attendance, EventKind};
use desk_core::issue::{IssueCategory, IssueStage};
use desk_core::member::MemberKind;
use desk_core::person::PersonRole;
use desk_core::project::{ProjectScope, ProjectStage};
use desk_core::validate::support::{Amounts, FirmSize, SupportType};
use desk_core::{CoreResult, Store};

pub const DEMO_CLUSTER_NAME: &str = "남동 친환경나노 미니클러스터";

/// The article's Namdong R&D firm (a fictional name) and its project.
const CALLUS_FIRM: &str = "나래셀바이오";
const CALLUS_TITLE: &str = "식물줄기세포(캘러스) 배양 화장품 원료 개발";

/// Loads the demo cluster into an empty database and returns its id.
///
/// The same `seed` and `today` give the same records with the same ids. `today` anchors
/// the year of activity (it ends a month after `today`), so the demo always looks current.
/// A database that already holds a cluster is left untouched and that cluster's id is
/// returned: loading the demo twice is harmless, and a manager's own data is never mixed
/// with invented records. (If a write fails midway, which the tests rule out, the steps
/// written before it stay.)
pub fn load_demo_cluster(store: &mut Store, seed: u64, today: NaiveDate) -> CoreResult<String> {
    if let Some(existing) = cluster::current(store.conn())? {
        return Ok(existing.id);
    }
    let demo = Demo::plan(seed, today);
    store.set_generation(Some(Generation::new(seed, millis(demo.begin))));
    let result = execute::run(store, &demo.plan, demo.horizon, Batching::PerStep);
    store.set_generation(None);
    Ok(result?.clusters.into_iter().next().unwrap_or_default())
}

/// Non-company members: key, kind, name, address, what they know.
const INSTITUTIONS: &[(&str, MemberKind, &str, &str, &[&str])] = &[
    (
        "cbnu",
        MemberKind::University,
        "충북대학교",
        "충청북도 청주시 서원구",
        &["식물세포 배양", "천연물 화학", "발효 공정"],
    ),
    ("inha", MemberKind::University, "인하대학교", "인천광역시 미추홀구", &["고분자 중합", "나노 분산", "사출 성형"]),
    ("inu", MemberKind::University, "인천대학교", "인천광역시 연수구", &["피부 과학", "제형 설계", "향료 화학"]),
    (
        "krict",
        MemberKind::Institute,
        "한국화학연구원",
        "대전광역시 유성구",
        &["계면활성제 합성", "생분해성 평가", "표면 처리"],
    ),
    (
        "kcii",
        MemberKind::Institute,
        "대한화장품산업연구원",
        "충청북도 청주시 흥덕구",
        &["안정성 시험", "피부 임상 평가", "기능성화장품 심사"],
    ),
    (
        "itp",
        MemberKind::Agency,
        "인천테크노파크",
        "인천광역시 연수구",
        &["시제품 제작 지원", "기술사업화", "해외 전시회"],
    ),
    (
        "hangyeol",
        MemberKind::Consultant,
        "한결경영컨설팅",
        "인천광역시 남동구",
        &["CPNP 등록", "NMPA 등록", "ISO 22716"],
    ),
    ("jeongdam", MemberKind::Consultant, "정담특허법률사무소", "인천광역시 남동구", &["특허 출원", "PCT 출원"]),
];

struct ExpertDef {
    key: &'static str,
    role: PersonRole,
    /// The member institution, or the affiliation text of a non-member.
    at: &'static str,
    title: &'static str,
    expertise: &'static [&'static str],
    /// Experts from outside the cluster, with their home region.
    external: Option<Region>,
}

macro_rules! expert {
    ($key:literal, $role:ident, $at:literal, $title:literal, [$($k:literal),+], $external:expr) => {
        ExpertDef { key: $key, role: PersonRole::$role, at: $at, title: $title, expertise: &[$($k),+], external: $external }
    };
}

const EXPERTS: &[ExpertDef] = &[
    expert!("callus", Professor, "cbnu", "교수", ["식물세포 배양", "캘러스 유도", "천연물 화학", "성분 표준화"], None),
    expert!("ferment", Professor, "cbnu", "교수", ["발효 공정", "천연 보존제", "미생물 한도 시험"], None),
    expert!("polymer", Professor, "inha", "교수", ["고분자 중합", "계면 화학", "나노 분산", "에스테르화 반응"], None),
    expert!("molding", Professor, "inha", "교수", ["사출 성형", "금형 설계", "재활용 플라스틱", "단일소재 설계"], None),
    expert!("process", Professor, "inha", "부교수", ["공정 최적화", "초임계 추출", "충진 자동화", "공정 자동화"], None),
    expert!("formula", Professor, "inu", "교수", ["피부 과학", "제형 설계", "유화 기술", "자외선 차단 제형"], None),
    expert!(
        "aroma",
        Professor,
        "inu",
        "조교수",
        ["향료 화학", "가스크로마토그래피 분석", "알레르기 성분 저감", "향 마이크로캡슐"],
        None
    ),
    expert!(
        "liposome",
        Professor,
        "경북대학교",
        "교수",
        ["나노 리포좀", "캡슐화", "약물 전달"],
        Some(Region::DaeguGyeongbuk)
    ),
    expert!(
        "microbe",
        Professor,
        "충남대학교",
        "교수",
        ["미생물 분석", "폐수 처리", "살균 공정"],
        Some(Region::Chungcheong)
    ),
    expert!(
        "surfactant",
        Researcher,
        "krict",
        "책임연구원",
        ["계면활성제 합성", "에톡시화 반응", "생분해성 평가"],
        None
    ),
    expert!("nano", Researcher, "krict", "선임연구원", ["표면 처리", "졸겔 공정", "입도 분석", "항균 평가"], None),
    expert!("separation", Researcher, "krict", "책임연구원", ["분리 정제", "합성 공정", "분석화학"], None),
    expert!("stability", Researcher, "kcii", "수석연구원", ["안정성 시험", "피부 임상 평가", "자외선 차단 제형"], None),
    expert!(
        "functional",
        Researcher,
        "kcii",
        "선임연구원",
        ["기능성화장품 심사", "피부 자극 시험", "미생물 한도 시험"],
        None
    ),
    expert!(
        "coating",
        Researcher,
        "한국생산기술연구원",
        "수석연구원",
        ["진공 증착", "UV 코팅", "표면 코팅"],
        Some(Region::Dongnam)
    ),
    expert!("prototype", AgencyStaff, "itp", "팀장", ["시제품 제작 지원", "기술사업화", "정책자금"], None),
    expert!("export", AgencyStaff, "itp", "책임", ["수출 마케팅", "해외 바이어 발굴", "해외 전시회"], None),
    expert!("smart", AgencyStaff, "itp", "선임", ["스마트공장", "공정 자동화"], None),
    expert!(
        "funding",
        AgencyStaff,
        "중소벤처기업진흥공단 인천지역본부",
        "차장",
        ["정책자금", "시설 투자", "인력 채용 지원"],
        None
    ),
    expert!(
        "kotra",
        AgencyStaff,
        "대한무역투자진흥공사(KOTRA)",
        "과장",
        ["해외 바이어 발굴", "수출 마케팅", "온라인 마케팅"],
        None
    ),
    expert!(
        "kicox",
        AgencyStaff,
        "한국산업단지공단 인천지역본부",
        "대리",
        ["산학연 연계", "공동장비", "인력 채용 지원"],
        None
    ),
    expert!("cpnp", Consultant, "hangyeol", "수석컨설턴트", ["CPNP 등록", "NMPA 등록", "수출 인증"], None),
    expert!("gmp", Consultant, "hangyeol", "컨설턴트", ["ISO 22716", "CGMP", "품질경영", "기능성화장품 심사"], None),
    expert!("patent", Consultant, "jeongdam", "변리사", ["특허 출원", "PCT 출원", "특허 전략"], None),
    expert!(
        "halal",
        Consultant,
        "누리할랄인증컨설팅",
        "대표",
        ["할랄 인증", "동남아 수출", "중동 수출"],
        Some(Region::Honam)
    ),
    expert!(
        "brand",
        Consultant,
        "브랜드웍스 마케팅연구소",
        "소장",
        ["온라인 마케팅", "브랜드 전략", "라이브커머스"],
        None
    ),
    expert!(
        "environment",
        Consultant,
        "그린환경기술사사무소",
        "기술사",
        ["폐수 처리", "환경 규제", "화학물질 관리"],
        None
    ),
];

/// A project of the demo, with the problem it answers.
struct ProjectDef {
    title: &'static str,
    summary: &'static str,
    support: SupportType,
    scope: ProjectScope,
    lead: usize,
    others: &'static [usize],
    partner: Option<&'static str>,
    expert: &'static str,
    target: ProjectStage,
    issue: (&'static str, &'static str, IssueCategory, IssueStage),
}

use IssueCategory as C;
use IssueStage as S;
use ProjectScope::{Common, Individual};
use ProjectStage as P;
use SupportType as T;

const PROJECTS: &[ProjectDef] = &[
    ProjectDef { title: "저자극 아미노산 계면활성제 기반 약산성 클렌저 공동개발", summary: "아미노산 계면활성제를 국산화해 회원 OEM사의 약산성 클렌징폼에 적용한다. 계면활성제 제조사가 합성 공정을, OEM 2개사가 제형과 피부 임상 평가를 맡는다.", support: T::ProjectRnd, scope: Common, lead: SEG_CHEM, others: &[SEG_OEM, SEG_OEM], partner: Some("krict"), expert: "surfactant", target: P::Execution,
        issue: ("약산성 클렌저용 저자극 계면활성제 확보", "고객사들이 약산성 클렌징폼 처방을 요구하지만 기존 음이온 계면활성제는 자극과 거품 안정성 문제가 있음. 계면활성제 합성 공정과 생분해성 평가 기술이 필요함.", C::Technology, S::TechnologyDevelopment) },
    ProjectDef { title: "재활용 PP 단일소재 에어리스 용기 개발", summary: "재활용 플라스틱을 쓴 단일소재 에어리스 용기를 개발해 EU 포장재 규제에 대응한다. 용기 제조사와 OEM사가 함께 참여하고 인하대학교가 금형 설계를 지원한다.", support: T::FieldTechnology, scope: Common, lead: SEG_PACK, others: &[SEG_OEM], partner: Some("inha"), expert: "molding", target: P::Review,
        issue: ("재활용 PP 에어리스 용기 외관 불량", "브랜드사가 재활용 PP 단일소재 에어리스 용기를 요구하나 재활용 플라스틱 사출 성형 시 흑점과 치수 변형이 발생함. 단일소재 설계와 금형 설계 개선이 필요함.", C::Quality, S::Productisation) },
    ProjectDef { title: "EU CPNP 등록 및 CPSR 안전성 평가 공동 대응", summary: "유럽 수출을 준비하는 OEM 3개사의 CPNP 등록과 CPSR 안전성 평가 보고서 작성을 공동 컨설팅으로 지원한다.", support: T::Certification, scope: Common, lead: SEG_OEM, others: &[SEG_OEM, SEG_OEM], partner: Some("hangyeol"), expert: "cpnp", target: P::Settlement,
        issue: ("유럽 수출용 CPNP 등록 공동 대응", "유럽 바이어 상담 후 OEM 3개사가 CPNP 등록과 CPSR 안전성 평가가 필요하다고 함. 개별로 대응하면 비용이 커서 공동 컨설팅을 원함.", C::Regulation, S::Commercialisation) },
    ProjectDef { title: "천연 발효 보존 시스템 적용 수분크림 시제품 제작", summary: "발효 공정으로 만든 천연 보존 시스템을 수분크림에 적용한 시제품을 제작하고 안정성을 검증한다.", support: T::Prototype, scope: Individual, lead: SEG_OEM, others: &[], partner: Some("cbnu"), expert: "ferment", target: P::OutcomeReporting,
        issue: ("천연 보존제 적용 크림 시제품 제작", "파라벤 무첨가 수분크림을 개발했으나 발효 공정 기반 천연 보존 시스템의 시제품 제작 비용이 부담됨.", C::Funding, S::TechnologyDevelopment) },
    ProjectDef { title: "나노 리포좀 캡슐화 원료 국내 특허 출원", summary: "자체 개발한 나노 리포좀 캡슐화 기술의 선행 특허를 조사하고 국내 특허를 출원한다.", support: T::DomesticPatent, scope: Individual, lead: SEG_RAW, others: &[], partner: Some("jeongdam"), expert: "patent", target: P::OutcomeReporting,
        issue: ("나노 리포좀 캡슐화 기술 권리화", "자체 개발한 나노 리포좀 캡슐화 기술을 특허 출원하려 하나 선행 특허 조사 경험이 없음.", C::Technology, S::Commercialisation) },
    ProjectDef { title: "고함량 무기자차 선크림 제형 안정화 기술개발", summary: "이산화티탄·산화아연 고함량 선크림의 백탁과 분리를 줄이는 자외선 차단 제형과 나노 분산 기술을 개발한다.", support: T::FieldTechnology, scope: Common, lead: SEG_OEM, others: &[SEG_NANO], partner: Some("kcii"), expert: "stability", target: P::Rejected,
        issue: ("무기자차 선크림 백탁·분리", "무기자차 선크림에서 이산화티탄 분산이 불안정해 백탁과 분리가 생김. 자외선 차단 제형과 나노 분산 기술 자문이 필요함.", C::Technology, S::TechnologyDevelopment) },
    ProjectDef { title: "코스모프로프 볼로냐 한국관 참가", summary: "유럽 바이어 발굴을 위해 이탈리아 볼로냐 화장품 전시회 한국관에 참가한다.", support: T::ExhibitionInternational, scope: Individual, lead: SEG_OEM, others: &[], partner: Some("itp"), expert: "export", target: P::Agreement,
        issue: ("유럽 바이어 발굴을 위한 해외 전시회 참가", "유럽 시장에 진출하려고 해외 전시회 참가를 원하나 부스 비용과 통역 부담이 큼. 해외 바이어 발굴 지원이 필요함.", C::Marketing, S::Commercialisation) },
    ProjectDef { title: "쿠션 파운데이션 충진 자동화 설비 개선", summary: "쿠션 파운데이션 충진 공정의 중량 편차와 퍼프 오염을 줄이는 충진 자동화 설비를 용기 제조사와 함께 개선한다.", support: T::FieldTechnology, scope: Common, lead: SEG_OEM, others: &[SEG_PACK], partner: Some("inha"), expert: "process", target: P::Dropped,
        issue: ("쿠션 파운데이션 충진 불량", "쿠션 파운데이션 충진 시 중량 편차와 퍼프 오염 불량이 잦음. 충진 자동화 설비와 쿠션 케이스 설계 개선이 필요함.", C::Production, S::Productisation) },
    ProjectDef { title: "미세플라스틱 대체 생분해 스크럽 소재 개발", summary: "세정제의 미세플라스틱 스크럽을 대체할 생분해 소재를 개발하고 생분해성 평가 자료를 확보한다. 참여기업은 협약 전까지 추가 모집한다.", support: T::FieldTechnology, scope: Common, lead: SEG_NANO, others: &[], partner: Some("krict"), expert: "surfactant", target: P::Planning,
        issue: ("스크럽 제품 미세플라스틱 규제 대응", "미세플라스틱 사용 금지로 스크럽 세정제 소재를 바꿔야 하나 대체 소재의 생분해성 평가 자료가 없음.", C::Regulation, S::TechnologyDevelopment) },
    ProjectDef { title: "동남아 수출용 할랄 인증 공동 컨설팅", summary: "할랄 인증이 필요한 회원사 3곳에 원료 소명과 제조 공정 분리 기준을 공동 컨설팅한다(비예산 연계).", support: T::NonFinancial, scope: Common, lead: SEG_OEM, others: &[SEG_RAW, SEG_CHEM], partner: None, expert: "halal", target: P::Execution,
        issue: ("동남아 수출용 할랄 인증", "말레이시아 바이어가 할랄 인증을 요구함. 원료 소명과 제조 공정 분리 기준을 몰라 공동 컨설팅을 원함.", C::Regulation, S::Commercialisation) },
    ProjectDef { title: "중국 NMPA 수출 등록 지원", summary: "중국 수출 계약을 앞둔 회원사의 NMPA 등록 시험 자료 준비와 등록 대행을 지원한다.", support: T::Certification, scope: Individual, lead: SEG_OEM, others: &[], partner: Some("hangyeol"), expert: "cpnp", target: P::Application,
        issue: ("중국 NMPA 등록 비용 부담", "중국 수출 계약을 앞두고 NMPA 등록 시험 자료 준비와 대행 비용이 부담됨.", C::Regulation, S::Commercialisation) },
    ProjectDef { title: "조합 향료 알레르기 유발 성분 저감 기술", summary: "EU 알레르기 유발 성분 표시 확대에 맞춰 조합 향료 처방의 알레르기 성분 저감 기술과 분석법을 개발한다.", support: T::FieldTechnology, scope: Common, lead: SEG_AROMA, others: &[SEG_OEM], partner: Some("inu"), expert: "aroma", target: P::Evaluation,
        issue: ("향료 알레르기 유발 성분 표시 규제 대응", "EU 알레르기 유발 성분 표시 대상이 늘어 조합 향료 처방을 바꿔야 함. 알레르기 성분 저감 기술과 가스크로마토그래피 분석 지원이 필요함.", C::Regulation, S::TechnologyDevelopment) },
    ProjectDef { title: "K-뷰티 수출상담회 참가", summary: "해외 바이어를 초청하는 국내 수출상담회에 부스를 내고 수출 마케팅 자료를 제작한다.", support: T::ExhibitionDomestic, scope: Individual, lead: SEG_OEM, others: &[], partner: Some("itp"), expert: "kotra", target: P::OutcomeReporting,
        issue: ("국내 수출상담회 참가 비용", "해외 바이어를 만나려고 국내 수출상담회에 참가하고 싶으나 부스 비용이 부담됨. 수출 마케팅 자료도 없음.", C::Marketing, S::Commercialisation) },
    ProjectDef { title: "자체 브랜드 온라인 홍보영상 제작", summary: "OEM 의존도를 낮추기 위해 출시한 자체 브랜드의 온라인 마케팅용 홍보영상을 제작한다.", support: T::Publicity, scope: Individual, lead: SEG_OEM, others: &[], partner: None, expert: "brand", target: P::Settlement,
        issue: ("자체 브랜드 온라인 홍보 부족", "자체 브랜드를 출시했으나 온라인 마케팅 자료가 없어 판매가 늘지 않음.", C::Marketing, S::Commercialisation) },
    ProjectDef { title: "진공 증착 컴팩트 케이스 박리 불량 개선 기술지도", summary: "진공 증착 공정 조건을 점검하고 코팅 박리 불량을 줄이도록 전문가 기술지도를 연계한다(비예산).", support: T::NonFinancial, scope: Individual, lead: SEG_PACK, others: &[], partner: None, expert: "coating", target: P::Discovery,
        issue: ("진공 증착 용기 박리 불량", "진공 증착 컴팩트 케이스에서 코팅 박리와 얼룩 불량이 발생함. 진공 증착 공정 조건 자문이 필요함.", C::Quality, S::Productisation) },
    ProjectDef { title: "세라마이드 고함량 보습크림 제형 안정화", summary: "세라마이드 고함량 처방의 저온 결정 석출을 막는 제형 설계 기술을 원료사와 OEM사가 공동 개발한다.", support: T::FieldTechnology, scope: Common, lead: SEG_RAW, others: &[SEG_OEM], partner: Some("inu"), expert: "formula", target: P::Discovery,
        issue: ("세라마이드 고함량 제형 결정 석출", "세라마이드 함량을 높이면 저온 보관 시 결정이 석출됨. 제형 설계와 나노 리포좀 기술 적용 자문이 필요함.", C::Technology, S::TechnologyDevelopment) },
    ProjectDef { title: "생분해 마스크팩 시트 시제품 제작", summary: "마스크팩 시트를 생분해 소재로 바꾼 시제품을 제작하고 생분해성 평가를 받는다.", support: T::Prototype, scope: Individual, lead: SEG_OEM, others: &[], partner: None, expert: "surfactant", target: P::Planning,
        issue: ("마스크팩 시트 친환경 소재 전환", "유통사가 생분해 마스크팩 시트를 요구하나 시트 소재의 생분해성 평가 방법과 시제품 제작 비용이 부담됨.", C::Technology, S::Productisation) },
    ProjectDef { title: "발효 추출물 성분 표준화 공정 공동개발", summary: "원료사 2곳과 OEM사 1곳이 발효 추출물의 로트 간 편차를 줄이는 성분 표준화 공정을 충북대학교와 개발한다.", support: T::ProjectRnd, scope: Common, lead: SEG_RAW, others: &[SEG_RAW, SEG_OEM], partner: Some("cbnu"), expert: "callus", target: P::Application,
        issue: ("발효 추출물 로트 간 품질 편차", "발효 추출물의 유효 성분 함량이 로트마다 달라 고객사 클레임이 생김. 성분 표준화와 발효 공정 관리 기술이 필요함.", C::Quality, S::Productisation) },
    ProjectDef { title: "펩타이드 원료 해외 특허(PCT) 출원", summary: "미국·유럽 수출에 앞서 펩타이드 원료 기술의 PCT 출원을 지원한다.", support: T::InternationalPatent, scope: Individual, lead: SEG_RAW, others: &[], partner: Some("jeongdam"), expert: "patent", target: P::Evaluation,
        issue: ("펩타이드 원료 해외 권리화", "미국·유럽 수출을 앞두고 펩타이드 원료 기술의 해외 특허가 필요함. PCT 출원 전략과 비용이 고민임.", C::Technology, S::Commercialisation) },
    ProjectDef { title: "향 마이크로캡슐 섬유유연제 적용 시제품", summary: "생활용품사가 요청한 향 지속형 섬유유연제용 향 마이크로캡슐 시제품을 제작하고 안정성을 평가한다.", support: T::Prototype, scope: Individual, lead: SEG_AROMA, others: &[], partner: Some("inu"), expert: "aroma", target: P::Agreement,
        issue: ("향 마이크로캡슐 적용 확대", "생활용품 업체가 섬유유연제용 향 마이크로캡슐을 요청함. 시제품 제작과 캡슐 안정성 평가가 필요함.", C::Technology, S::Productisation) },
    ProjectDef { title: "은나노 항균 코팅 용기 시제품 제작", summary: "은나노 항균제를 코팅한 펌프 용기 시제품을 용기 제조사와 나노 소재 기업이 함께 만들고 항균 평가를 받는다.", support: T::Prototype, scope: Common, lead: SEG_PACK, others: &[SEG_NANO], partner: Some("krict"), expert: "nano", target: P::Execution,
        issue: ("항균 용기 수요 대응", "브랜드사가 항균 기능이 있는 펌프 용기를 요청함. 은나노 코팅의 항균 평가와 시제품 제작이 필요함.", C::Technology, S::Productisation) },
    ProjectDef { title: "식물 유래 천연 유화제 국산화 공동개발", summary: "수입에 의존하던 식물 유래 천연 유화제를 에스테르화 반응 공정으로 국산화하고, 개발한 유화제를 회원 OEM사에 공급한다.", support: T::ProjectRnd, scope: Common, lead: SEG_CHEM, others: &[SEG_OEM, SEG_OEM, SEG_RAW], partner: Some("krict"), expert: "polymer", target: P::OutcomeReporting,
        issue: ("천연 유화제 수입 의존", "천연 유래 유화제를 전량 수입해 가격과 납기 부담이 큼. 에스테르화 반응 기반 국산화 기술이 필요함.", C::Technology, S::TechnologyDevelopment) },
];

/// Seminar subjects and who speaks.
const SEMINARS: &[(&str, &str)] = &[
    ("클린뷰티 트렌드와 천연 보존 시스템", "ferment"),
    ("EU CPNP 등록과 CPSR 안전성 평가 실무", "cpnp"),
    ("식물세포 배양 원료의 산업화 동향", "callus"),
    ("화장품 용기 재활용 규제와 단일소재 설계", "molding"),
    ("나노 소재 화장품 안전성 평가 가이드", "nano"),
    ("K-뷰티 수출 마케팅과 해외 바이어 발굴 전략", "export"),
];

const PLACES: &[&str] = &[
    "남동인더스파크 비즈니스센터 3층 회의실",
    "한국산업단지공단 인천지역본부 대회의실",
    "인천테크노파크 세미나실",
    "남동인더스파크 지원센터 2층 세미나실",
];

const STREETS: &[&str] = &["남동대로", "남동서로", "앵고개로", "호구포로", "청능대로", "논고개로", "은봉로", "고잔로"];
const DONGS: &[&str] = &["고잔동", "남촌동", "논현동", "도림동"];

struct Demo {
    rng: Rng,
    today: NaiveDate,
    first_day: NaiveDate,
    end: NaiveDate,
    begin: NaiveDateTime,
    entry: NaiveDateTime,
    horizon: NaiveDateTime,
    plan: Plan,
    unique: Unique,
    manager: String,
    firms: Vec<Firm>,
    institutions: Vec<(&'static str, usize)>,
    experts: Vec<Expert>,
    expert_keys: Vec<&'static str>,
    staff: Vec<Vec<usize>>,
    group_firms: Vec<Vec<usize>>,
    /// Issues created before the year began (no event), in entry order.
    old_issues: Vec<usize>,
    /// Per project: when it is created (None: at data entry, before the year began).
    project_created: Vec<Option<NaiveDateTime>>,
    visits: Vec<usize>,
}

impl Demo {
    fn plan(seed: u64, today: NaiveDate) -> Demo {
        let first_day = month_start(today, -11);
        let begin = at(workday_on_or_after(first_day - days(14)), 9, 30);
        let mut demo = Demo {
            rng: Rng::new(seed, 1),
            today,
            first_day,
            end: today + days(31),
            begin,
            entry: begin,
            // Steps later than this morning have not happened yet.
            horizon: at(today, 8, 30),
            plan: Plan::default(),
            unique: Unique::default(),
            manager: String::new(),
            firms: Vec::new(),
            institutions: Vec::new(),
            experts: Vec::new(),
            expert_keys: Vec::new(),
            staff: Vec::new(),
            group_firms: Vec::new(),
            old_issues: Vec::new(),
            project_created: Vec::new(),
            visits: Vec::new(),
        };
        demo.members_and_people();
        demo.projects();
        demo.calendar();
        demo.attendance();
        demo.visit_and_group_issues();
        demo.minutes();
        demo.schedule();
        demo
    }

    /// The next moment of the data-entry days before the year began.
    fn tick(&mut self) -> NaiveDateTime {
        self.entry += Duration::minutes(self.rng.between(2, 6));
        if self.entry.time() > chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default() {
            self.entry = at(workday_on_or_after(self.entry.date() + days(1)), 9, 10);
        }
        self.entry
    }

    fn institution(&self, key: &str) -> Option<usize> {
        self.institutions.iter().find(|(k, _)| *k == key).map(|(_, m)| *m)
    }

    fn expert(&self, key: &str) -> Option<usize> {
        self.expert_keys.iter().position(|k| *k == key).map(|x| self.experts[x].person)
    }

    fn address(&mut self) -> String {
        let rng = &mut self.rng;
        let street = rng.pick(STREETS);
        let dong = rng.pick(DONGS);
        if rng.percent(60) {
            format!(
                "인천광역시 남동구 {street}{}번길 {} ({dong}, 남동공단 {}B {}L)",
                rng.between(100, 400),
                rng.between(5, 60),
                rng.between(1, 180),
                rng.between(1, 30)
            )
        } else {
            format!("인천광역시 남동구 {street} {} ({dong})", rng.between(100, 700))
        }
    }

    fn members_and_people(&mut self) {
        self.manager = super::text::person_name(&mut self.rng).full;
        self.plan.clusters.push(ClusterInput {
            name: DEMO_CLUSTER_NAME.to_string(),
            complex_name: "남동국가산업단지".to_string(),
            region: Region::Capital,
            industry_theme: "화장품·화학".to_string(),
            manager_name: self.manager.clone(),
        });
        let counts = [(SEG_RAW, 20), (SEG_OEM, 22), (SEG_PACK, 14), (SEG_AROMA, 8), (SEG_CHEM, 10), (SEG_NANO, 6)];
        let offices: &[u16] = &[131, 131, 131, 131, 122, 121, 137];
        for (segment, count) in counts {
            for _ in 0..count {
                let address = self.address();
                let joined = self.first_day - days(self.rng.between(60, 16 * 365));
                let joined = joined.max(NaiveDate::from_ymd_opt(2009, 4, 1).unwrap_or(joined));
                let mut firm = shared::company(
                    &mut self.rng,
                    &mut self.plan,
                    0,
                    &COSMETICS[segment],
                    &mut self.unique,
                    offices,
                    address,
                    joined,
                    "032",
                );
                if self.firms.is_empty() {
                    // The article's R&D firm: a small raw-material maker with a research lab.
                    self.unique.names.insert(CALLUS_FIRM.to_string());
                    let input = &mut self.plan.members[firm.member].input;
                    input.name = CALLUS_FIRM.to_string();
                    input.email = "info@naraecell.example".to_string();
                    input.products = vec!["캘러스 배양물".into(), "식물 추출물".into(), "발효 추출물".into()];
                    input.technologies = vec!["식물세포 배양".into(), "성분 표준화".into(), "동결 건조".into()];
                    input.employees = Some(23);
                    input.revenue_won = Some(4_200_000_000);
                    input.firm_size = Some(FirmSize::Sme);
                    input.notes = "기업부설연구소 보유, 벤처기업 인증".to_string();
                    firm.name = CALLUS_FIRM.to_string();
                    firm.products = vec!["캘러스 배양물", "식물 추출물", "발효 추출물"];
                    firm.techs = vec!["식물세포 배양", "성분 표준화", "동결 건조"];
                    firm.size = FirmSize::Sme;
                    firm.domain = "naraecell.example".to_string();
                }
                self.firms.push(firm);
            }
        }
        for (key, kind, name, address, techs) in INSTITUTIONS {
            let m = shared::institution(&mut self.plan, 0, *kind, name, address, techs);
            self.plan.members[m].input.joined_on = super::ymd(self.first_day - days(self.rng.between(400, 3000)));
            self.institutions.push((key, m));
        }
        let t = self.tick();
        self.plan.at(t, Step::Cluster(0));
        let t = self.tick();
        self.plan.at(t, Step::Members(0, self.plan.members.len()));

        let people_start = self.plan.people.len();
        for f in 0..self.firms.len() {
            let mut staff = Vec::new();
            let member = self.firms[f].member;
            let domain = self.firms[f].domain.clone();
            let count = if self.rng.percent(45) { 2 } else { 1 };
            for n in 0..count {
                let title = *self.rng.pick(STAFF_TITLES);
                let expertise: Vec<String> = if title.contains("연구") {
                    self.rng.choose(&self.firms[f].techs, 2).iter().map(|s| s.to_string()).collect()
                } else {
                    Vec::new()
                };
                let p = shared::person(
                    &mut self.rng,
                    &mut self.plan,
                    0,
                    PersonRole::Staff,
                    Some(member),
                    "",
                    title,
                    &expertise,
                    &domain,
                    None,
                );
                if n == 0 && self.rng.percent(25) {
                    // Often the contact is the CEO.
                    let ceo = self.plan.members[member].input.ceo_name.clone();
                    self.plan.people[p].input.name = ceo;
                    self.plan.people[p].input.title = "대표이사".to_string();
                }
                staff.push(p);
            }
            self.staff.push(staff);
        }
        for def in EXPERTS {
            let member = self.institution(def.at);
            let affiliation = if member.is_some() { "" } else { def.at };
            let domain = format!("{}.example", if member.is_some() { def.at } else { def.key });
            let expertise: Vec<String> = def.expertise.iter().map(|s| s.to_string()).collect();
            let home = def.external.map(|r| (r, true));
            let p = shared::person(
                &mut self.rng,
                &mut self.plan,
                0,
                def.role,
                member,
                affiliation,
                def.title,
                &expertise,
                &domain,
                home,
            );
            self.experts.push(Expert { person: p, expertise });
            self.expert_keys.push(def.key);
        }
        let t = self.tick();
        self.plan.at(t, Step::People(people_start, self.plan.people.len()));

        let of = |firms: &[Firm], segments: &[usize]| -> Vec<usize> {
            (0..firms.len()).filter(|f| segments.iter().any(|s| firms[*f].segment.key == COSMETICS[*s].key)).collect()
        };
        let groups: [(&str, &str, Vec<usize>, usize); 5] = [
            (
                "원료소재",
                "화장품 원료·나노소재·계면활성제 기업의 기술 교류",
                of(&self.firms, &[SEG_RAW, SEG_NANO, SEG_CHEM]),
                16,
            ),
            ("완제품 OEM", "OEM·ODM 완제품 기업의 생산·품질 협력", of(&self.firms, &[SEG_OEM]), 15),
            ("용기·포장", "용기·포장재 기업과 완제품 기업의 공동 개발", of(&self.firms, &[SEG_PACK]), 12),
            ("향료·정밀화학", "향료와 정밀화학 기업의 규제 공동 대응", of(&self.firms, &[SEG_AROMA, SEG_CHEM]), 12),
            (
                "수출마케팅",
                "해외 인증과 바이어 발굴을 함께 준비하는 기업 모임",
                of(&self.firms, &[SEG_OEM, SEG_RAW, SEG_AROMA]),
                12,
            ),
        ];
        for (name, description, candidates, size) in groups {
            let chosen = self.rng.choose(&candidates, size);
            self.plan.groups.push(GroupPlan {
                cluster: 0,
                name: name.to_string(),
                description: description.to_string(),
                members: chosen.iter().map(|f| self.firms[*f].member).collect(),
            });
            self.group_firms.push(chosen);
            let g = self.plan.groups.len() - 1;
            let t = self.tick();
            self.plan.at(t, Step::Group(g));
        }
        self.visits = vec![0; self.firms.len()];
    }

    /// A firm of the segment, preferring one not yet used in `taken`.
    fn firm_of(&mut self, segment: usize, taken: &[usize]) -> usize {
        let candidates: Vec<usize> = (0..self.firms.len())
            .filter(|f| self.firms[*f].segment.key == COSMETICS[segment].key && !taken.contains(f) && *f != 0)
            .collect();
        if candidates.is_empty() {
            return 1;
        }
        *self.rng.pick(&candidates)
    }

    fn push_issue(
        &mut self,
        title: &str,
        description: &str,
        category: IssueCategory,
        stage: IssueStage,
        members: Vec<usize>,
        found_on: NaiveDate,
    ) -> usize {
        self.plan.issues.push(IssuePlan {
            cluster: 0,
            title: title.to_string(),
            description: description.to_string(),
            category,
            stage,
            members,
            event: None,
            found_on,
            next_steps: String::new(),
            moves: Vec::new(),
        });
        self.plan.issues.len() - 1
    }

    /// The issue behind a project: raised at a plant visit of the lead firm if that was
    /// within the year, else found before the manager started using the app.
    fn project_issue(&mut self, issue: usize, lead_firm: usize, found_on: NaiveDate) {
        if found_on >= self.first_day + days(3) {
            let e = self.visit(lead_firm, found_on);
            self.plan.events[e].issues.push(issue);
            self.plan.issues[issue].event = Some(e);
            self.plan.issues[issue].found_on = self.plan.events[e].starts.date();
        } else {
            self.old_issues.push(issue);
        }
    }

    fn projects(&mut self) {
        let mut leads = vec![0];
        // The article's project: applied in May, selected and agreed in June.
        let year = if self.today >= NaiveDate::from_ymd_opt(self.today.year(), 6, 25).unwrap_or(self.today) {
            self.today.year()
        } else {
            self.today.year() - 1
        };
        let date = |y: i32, m: u32, d: u32| workday_on_or_after(NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default());
        let oem = self.firm_of(SEG_OEM, &leads);
        leads.push(oem);
        let found = workday_on_or_before(date(year, 2, 24));
        let issue = self.push_issue(
            "식물줄기세포(캘러스) 원료 양산 기술 확보",
            "캘러스 배양물을 화장품 원료로 쓰려면 대량 배양과 성분 표준화가 필요하나 식물세포 배양 설비와 캘러스 유도 노하우가 부족함. 대학 연구실과의 공동 연구를 희망함.",
            IssueCategory::Technology,
            IssueStage::TechnologyDevelopment,
            vec![self.firms[0].member, self.firms[oem].member],
            found,
        );
        self.project_issue(issue, 0, found);
        let stages = [
            (P::Planning, date(year, 4, 3)),
            (P::Application, date(year, 5, 14)),
            (P::Evaluation, date(year, 5, 29)),
            (P::Agreement, date(year, 6, 18)),
            (P::Execution, date(year, 7, 1)),
            (P::Review, date(year + 1, 5, 20)),
        ];
        let stages: Vec<_> =
            stages.into_iter().filter(|(_, d)| *d < self.today).map(|(s, d)| (s, d, String::new())).collect();
        let discovery = date(year, 3, 6);
        self.plan.projects.push(ProjectPlan {
            cluster: 0,
            title: CALLUS_TITLE.to_string(),
            summary: format!(
                "남동산단 R&D 기업 {CALLUS_FIRM}가 충북대학교 교수 연구팀과 식물줄기세포(캘러스) 배양 화장품 원료를 개발한다. \
                 5월 신청, 6월 선정·협약. 정부지원금 1억 500만 원, 기업 부담금 7,000만 원. \
                 개발한 원료는 수출하고 남동산단 화장품 기업 약 100곳에 공급할 계획이며, 성과는 회원사와 공유한다."
            ),
            scope: Common,
            support_type: T::FieldTechnology,
            lead: self.firms[0].member,
            participants: vec![self.firms[oem].member],
            partners: self.institution("cbnu").into_iter().collect(),
            experts: self.expert("callus").into_iter().collect(),
            issues: vec![issue],
            amounts: Amounts { government_won: 105_000_000, firm_cash_won: 70_000_000, firm_in_kind_won: 0 },
            override_reason: String::new(),
            stages,
            outcomes: Vec::new(),
            outcome_dates: Vec::new(),
            shares: Vec::new(),
        });
        self.project_created.push((discovery >= self.first_day + days(5)).then(|| at(discovery, 10, 20)));

        for def in PROJECTS {
            let lead = self.firm_of(def.lead, &leads);
            leads.push(lead);
            let mut participants = Vec::new();
            for segment in def.others {
                let mut taken = leads.clone();
                taken.extend(participants.iter().copied());
                let f = self.firm_of(*segment, &taken);
                participants.push(f);
            }
            let reached_ago = match def.target {
                P::Discovery => self.rng.between(3, 25),
                P::Planning => self.rng.between(5, 30),
                P::Application => self.rng.between(5, 20),
                P::Evaluation | P::Agreement => self.rng.between(3, 15),
                P::Execution => self.rng.between(30, 150),
                P::Review => self.rng.between(5, 40),
                P::Settlement => self.rng.between(10, 60),
                P::OutcomeReporting => self.rng.between(400, 700),
                P::Rejected => self.rng.between(20, 150),
                P::Dropped => self.rng.between(10, 120),
            };
            let reached = workday_on_or_before(self.today - days(reached_ago));
            let (discovery, stages) = shared::timeline_back(&mut self.rng, def.support, def.target, reached);
            let discovery = workday_on_or_before(discovery);
            let members: Vec<usize> = std::iter::once(lead)
                .chain(participants.iter().copied())
                .take(3)
                .map(|f| self.firms[f].member)
                .collect();
            let found = workday_on_or_before(discovery - days(self.rng.between(4, 20)));
            let (title, description, category, stage) = def.issue;
            let issue = self.push_issue(title, description, category, stage, members, found);
            self.project_issue(issue, lead, found);
            let amounts = shared::amounts(&mut self.rng, def.support);
            let size = self.firms[lead].size;
            let firms = 1 + participants.len();
            let mut override_reason = shared::override_reason(def.support, size, &amounts, firms);
            let mut amounts = amounts;
            if def.title.starts_with("은나노") {
                // A call that allows a higher share: saved with the manager's reason.
                amounts = Amounts { government_won: 18_000_000, firm_cash_won: 9_000_000, firm_in_kind_won: 0 };
                override_reason = shared::override_reason(def.support, size, &amounts, firms);
                if override_reason.is_empty() {
                    override_reason = "지역특화 트랙 공고 기준 적용".to_string();
                }
            }
            let mut plan = ProjectPlan {
                cluster: 0,
                title: def.title.to_string(),
                summary: def.summary.to_string(),
                scope: def.scope,
                support_type: def.support,
                lead: self.firms[lead].member,
                participants: participants.iter().map(|f| self.firms[*f].member).collect(),
                partners: def.partner.and_then(|k| self.institution(k)).into_iter().collect(),
                experts: self.expert(def.expert).into_iter().collect(),
                issues: vec![issue],
                amounts,
                override_reason,
                stages,
                outcomes: Vec::new(),
                outcome_dates: Vec::new(),
                shares: Vec::new(),
            };
            let settled = plan.stages.iter().find(|(s, _, _)| *s == P::Settlement).map(|(_, d, _)| *d);
            if let Some(settled) = settled {
                let count =
                    if def.scope == Common { self.rng.between(12, 30) } else { self.rng.between(3, 8) } as usize;
                for m in shared::share_targets(&mut self.rng, &self.firms, &plan, count) {
                    let on = workday_on_or_after(settled + days(self.rng.between(5, 40)));
                    if on < self.today {
                        plan.shares.push((m, on));
                    }
                }
                plan.shares.sort_by_key(|(_, d)| *d);
            }
            if let Some((_, reached, _)) = plan.stages.iter().find(|(s, _, _)| *s == P::OutcomeReporting) {
                for (due, outcome) in shared::outcomes(&mut self.rng, *reached, self.today - days(1)) {
                    plan.outcome_dates.push(due);
                    plan.outcomes.push(outcome);
                }
            }
            self.plan.projects.push(plan);
            self.project_created.push(
                (discovery >= self.first_day + days(5)).then(|| at(discovery, 10 + self.rng.between(0, 6) as u32, 0)),
            );
        }
    }

    #[allow(clippy::too_many_arguments)] // one per field of the event form
    fn event(
        &mut self,
        kind: EventKind,
        title: String,
        starts: NaiveDateTime,
        hours: i64,
        place: &str,
        agenda: &str,
        invitees: Vec<Who>,
    ) -> usize {
        self.plan.events.push(EventPlan {
            cluster: 0,
            kind,
            title,
            starts,
            ends: starts + Duration::hours(hours),
            place: place.to_string(),
            agenda: agenda.to_string(),
            group: None,
            visited: None,
            invitees: invitees.into_iter().map(|w| (w, Attendance::Invited)).collect(),
            minutes: String::new(),
            decisions: String::new(),
            issues: Vec::new(),
            actions: Vec::new(),
            cancel_reason: None,
            topic: String::new(),
        });
        self.plan.events.len() - 1
    }

    /// A plant visit to a firm on a date, with its staff and sometimes an expert.
    fn visit(&mut self, f: usize, date: NaiveDate) -> usize {
        let hour = if self.rng.percent(50) { 10 } else { 14 };
        let firm_name = self.firms[f].name.clone();
        let mut invitees = vec![Who::Member(self.firms[f].member)];
        invitees.extend(self.staff[f].iter().map(|p| Who::Person(*p)));
        let agenda = "1. 회사 현황 청취\n2. 생산 현장 확인\n3. 애로사항 청취 및 지원사업 안내";
        let e = self.event(
            EventKind::PlantVisit,
            format!("{firm_name} 현장방문"),
            at(date, hour, 0),
            2,
            &format!("{firm_name} 본사·공장"),
            agenda,
            invitees,
        );
        self.plan.events[e].visited = Some(self.firms[f].member);
        self.visits[f] += 1;
        e
    }

    fn all_members(&self) -> Vec<Who> {
        (0..self.plan.members.len()).map(Who::Member).collect()
    }

    fn calendar(&mut self) {
        let agenda_regular = "1. 지난 회의 결과 및 활동 보고\n2. 회원사 애로사항 공유\n3. 지원사업 안내\n4. 기타 토의";
        let general_month =
            (0..13).map(|m| month_start(self.first_day, m)).find(|d| d.month() == 1).unwrap_or(self.first_day);
        for m in 0..13 {
            let month = month_start(self.first_day, m);
            if month > self.end {
                break;
            }
            if month == general_month {
                let Some(day) = nth_weekday(month, Weekday::Thu, 3) else { continue };
                let mut invitees = self.all_members();
                invitees.extend(self.expert("kicox").map(Who::Person));
                let agenda = format!(
                    "1. 전년도 사업 실적 보고\n2. {}년 사업계획 및 예산(안) 심의\n3. 임원 선출\n4. 기타",
                    month.year()
                );
                self.event(
                    EventKind::GeneralMeeting,
                    format!("{}년 정기총회", month.year()),
                    at(day, 14, 0),
                    3,
                    PLACES[1],
                    &agenda,
                    invitees,
                );
            } else if let Some(day) = nth_weekday(month, Weekday::Thu, 2) {
                if day > self.end {
                    continue;
                }
                let mut invitees = self.all_members();
                invitees.extend(["prototype", "kicox"].iter().filter_map(|k| self.expert(k)).map(Who::Person));
                let place = PLACES[(m as usize) % PLACES.len()];
                self.event(
                    EventKind::RegularMeeting,
                    format!("{}년 {}월 정기회의", month.year(), month.month()),
                    at(day, 15, 0),
                    2,
                    place,
                    agenda_regular,
                    invitees,
                );
            }
            if m % 2 == 1 {
                let (topic, speaker) = SEMINARS[(m as usize / 2) % SEMINARS.len()];
                if let Some(day) = nth_weekday(month, Weekday::Tue, 3).filter(|d| *d <= self.end) {
                    let mut invitees: Vec<Who> = self.expert(speaker).map(Who::Person).into_iter().collect();
                    let firms = self.rng.sample(self.firms.len(), 40);
                    invitees.extend(firms.iter().map(|f| Who::Member(self.firms[*f].member)));
                    let agenda = format!("1. 주제 발표: {topic}\n2. 질의응답\n3. 1:1 기술상담");
                    let e = self.event(
                        EventKind::Seminar,
                        format!("기술세미나: {topic}"),
                        at(day, 14, 0),
                        3,
                        PLACES[2],
                        &agenda,
                        invitees,
                    );
                    self.plan.events[e].topic = topic.to_string();
                }
            }
            if month.month() == 11 {
                if let Some(day) = nth_weekday(month, Weekday::Fri, 4).filter(|d| *d <= self.end) {
                    let firms = self.rng.sample(self.firms.len(), 30);
                    let mut invitees: Vec<Who> = firms.iter().map(|f| Who::Member(self.firms[*f].member)).collect();
                    invitees.extend(
                        ["callus", "export", "prototype"].iter().filter_map(|k| self.expert(k)).map(Who::Person),
                    );
                    let agenda = "1. 과제 성과 발표\n2. 조별 토론: 내년 공통과제\n3. 네트워킹";
                    self.event(
                        EventKind::Workshop,
                        format!("{} 성과공유 워크숍", month.year()),
                        at(day, 10, 0),
                        6,
                        PLACES[3],
                        agenda,
                        invitees,
                    );
                }
            }
            for g in 0..self.plan.groups.len() {
                if !(m as usize + g).is_multiple_of(3) {
                    continue;
                }
                let Some(day) = nth_weekday(month, Weekday::Wed, 4).filter(|d| *d <= self.end) else { continue };
                let firms = self.group_firms[g].clone();
                let host = firms.first().map(|f| self.firms[*f].name.clone()).unwrap_or_default();
                let invitees: Vec<Who> = self.plan.groups[g].members.iter().map(|m| Who::Member(*m)).collect();
                let name = self.plan.groups[g].name.clone();
                let agenda = "1. 회원사 현황 공유\n2. 공통 애로 논의\n3. 다음 활동 계획";
                let e = self.event(
                    EventKind::GroupMeeting,
                    format!("{name} 소그룹 {}월 회의", month.month()),
                    at(day, 16, 0),
                    2,
                    &format!("{host} 회의실"),
                    agenda,
                    invitees,
                );
                self.plan.events[e].group = Some(g);
                self.plan.events[e].topic = name;
            }
        }

        // A visit this week, so the first screen always has something current.
        let monday = self.today - days(i64::from(self.today.weekday().num_days_from_monday()));
        let week: Vec<NaiveDate> = (0..5).map(|d| monday + days(d)).collect();
        let this_week = week.iter().copied().find(|d| *d >= self.today).unwrap_or(week[4]);
        let planned_visits = self.plan.events.iter().filter(|e| e.kind == EventKind::PlantVisit).count();
        let random_visits = 40usize.saturating_sub(planned_visits + 1);
        let order = self.rng.sample(self.firms.len(), self.firms.len());
        let unvisited: Vec<usize> = order.into_iter().filter(|f| self.visits[*f] == 0).collect();
        let span = (self.end - self.first_day).num_days() - 5;
        for k in 0..random_visits {
            let from = self.first_day + days(3 + span * k as i64 / random_visits as i64);
            let to = self.first_day + days(3 + span * (k as i64 + 1) / random_visits as i64 - 1);
            let date = random_workday(&mut self.rng, from, to);
            let f = unvisited.get(k).copied().unwrap_or_else(|| self.rng.below(self.firms.len()));
            self.visit(f, date);
        }
        let f = unvisited.get(random_visits).copied().unwrap_or(1);
        self.visit(f, this_week);

        // Two cancellations: a visit the firm called off, and a small-group meeting.
        let past_visit = (0..self.plan.events.len()).find(|e| {
            let event = &self.plan.events[*e];
            event.kind == EventKind::PlantVisit
                && event.issues.is_empty()
                && event.starts.date() < self.today - days(30)
                && event.starts.date() > self.first_day + days(40)
        });
        if let Some(e) = past_visit {
            self.plan.events[e].cancel_reason =
                Some("기업 요청: 방문 예정일에 설비 긴급 보수 일정이 잡혀 다음 달로 연기".to_string());
        }
        let future_group = (0..self.plan.events.len()).find(|e| {
            let event = &self.plan.events[*e];
            event.kind == EventKind::GroupMeeting && event.starts.date() > self.today + days(2)
        });
        if let Some(e) = future_group {
            self.plan.events[e].cancel_reason = Some("참석 가능 기업이 적어 다음 정기회의와 통합".to_string());
        }
        // Events in date order, so lists and ids read naturally.
        let mut order: Vec<usize> = (0..self.plan.events.len()).collect();
        order.sort_by_key(|e| (self.plan.events[*e].starts, *e));
        self.reorder_events(&order);
    }

    /// Puts events in the given order and fixes every index that points at them.
    fn reorder_events(&mut self, order: &[usize]) {
        let mut new_index = vec![0; order.len()];
        for (new, old) in order.iter().enumerate() {
            new_index[*old] = new;
        }
        let mut old: Vec<Option<EventPlan>> = std::mem::take(&mut self.plan.events).into_iter().map(Some).collect();
        self.plan.events = order.iter().filter_map(|e| old[*e].take()).collect();
        for issue in &mut self.plan.issues {
            if let Some(e) = issue.event {
                issue.event = Some(new_index[e]);
            }
        }
    }

    fn attendance(&mut self) {
        let today = self.today;
        for e in 0..self.plan.events.len() {
            let event = &self.plan.events[e];
            if event.starts.date() >= today || event.cancel_reason.is_some() {
                continue;
            }
            let kind = event.kind;
            let present = match kind {
                EventKind::RegularMeeting => 42,
                EventKind::Seminar => 60,
                EventKind::GeneralMeeting => 70,
                EventKind::GroupMeeting => 75,
                EventKind::Workshop => 70,
                EventKind::PlantVisit => 100,
            };
            let mut invitees = std::mem::take(&mut self.plan.events[e].invitees);
            let mut first_person = true;
            for (who, attendance) in &mut invitees {
                *attendance = match (kind, *who) {
                    (EventKind::PlantVisit, Who::Person(_)) => shared::attendance(&mut self.rng, 90),
                    (_, Who::Person(_)) if first_person => {
                        first_person = false;
                        Attendance::Present
                    }
                    _ => shared::attendance(&mut self.rng, present),
                };
            }
            self.plan.events[e].invitees = invitees;
        }
        // Plant visits that no expert joined yet: an expert whose field fits goes along.
        for e in 0..self.plan.events.len() {
            let event = &self.plan.events[e];
            if event.kind != EventKind::PlantVisit || !self.rng.percent(60) {
                continue;
            }
            let Some(member) = event.visited else { continue };
            let Some(f) = self.firms.iter().position(|f| f.member == member) else { continue };
            let tech = *self.rng.pick(self.firms[f].segment.technologies);
            let fitting = shared::experts_for(&self.experts, tech);
            let expert = if fitting.is_empty() {
                self.experts[self.rng.below(self.experts.len())].person
            } else {
                fitting[self.rng.below(fitting.len())].person
            };
            let attendance = if event.starts.date() < self.today && event.cancel_reason.is_none() {
                Attendance::Present
            } else {
                Attendance::Invited
            };
            self.plan.events[e].invitees.push((Who::Person(expert), attendance));
        }
    }

    fn template_for(&mut self, segment: &str, avoid: &[&str]) -> &'static IssueTemplate {
        let fitting: Vec<&'static IssueTemplate> = COSMETICS_ISSUES
            .iter()
            .filter(|t| (t.segments.is_empty() || t.segments.contains(&segment)) && !avoid.contains(&t.title))
            .collect();
        if fitting.is_empty() {
            return &COSMETICS_ISSUES[0];
        }
        fitting[self.rng.below(fitting.len())]
    }

    fn visit_and_group_issues(&mut self) {
        for e in 0..self.plan.events.len() {
            let event = &self.plan.events[e];
            if event.starts.date() >= self.today || event.cancel_reason.is_some() || !event.issues.is_empty() {
                continue;
            }
            let date = event.starts.date();
            match event.kind {
                EventKind::PlantVisit => {
                    let Some(member) = event.visited else { continue };
                    let Some(f) = self.firms.iter().position(|f| f.member == member) else { continue };
                    let count = match self.rng.below(100) {
                        0..=5 => 0,
                        6..=59 => 1,
                        _ => 2,
                    };
                    let mut used = Vec::new();
                    for _ in 0..count {
                        let template = self.template_for(self.firms[f].segment.key, &used);
                        used.push(template.title);
                        let (title, description, _) = shared::issue_text(&mut self.rng, template, &self.firms[f]);
                        let i = self.push_issue(
                            &title,
                            &description,
                            template.category,
                            template.stage,
                            vec![member],
                            date,
                        );
                        self.plan.issues[i].event = Some(e);
                        self.plan.events[e].issues.push(i);
                    }
                }
                EventKind::GroupMeeting if self.rng.percent(60) => {
                    let present: Vec<usize> = event.present_members();
                    if present.len() < 2 {
                        continue;
                    }
                    let count = 2 + self.rng.below(2);
                    let members = self.rng.choose(&present, count);
                    let Some(f) = self.firms.iter().position(|f| f.member == members[0]) else { continue };
                    let template = self.template_for(self.firms[f].segment.key, &[]);
                    let (title, description, _) = shared::issue_text(&mut self.rng, template, &self.firms[f]);
                    let i = self.push_issue(&title, &description, template.category, template.stage, members, date);
                    self.plan.issues[i].event = Some(e);
                    self.plan.events[e].issues.push(i);
                }
                _ => {}
            }
        }
    }

    fn minutes(&mut self) {
        let showcase = self
            .plan
            .projects
            .iter()
            .find(|p| p.stages.iter().any(|(s, _, _)| *s == P::Settlement))
            .map(|p| p.title.clone());
        let mut since = self.first_day;
        for e in 0..self.plan.events.len() {
            let event = &self.plan.events[e];
            if event.starts.date() >= self.today || event.cancel_reason.is_some() {
                continue;
            }
            let date = event.starts.date();
            let kind = event.kind;
            let held_between = |plan: &Plan, from: NaiveDate, kinds: &[EventKind]| {
                plan.events
                    .iter()
                    .filter(|x| {
                        kinds.contains(&x.kind)
                            && x.cancel_reason.is_none()
                            && x.starts.date() >= from
                            && x.starts.date() < date
                    })
                    .count()
            };
            let visits_since = held_between(&self.plan, since, &[EventKind::PlantVisit]);
            let issues_since: Vec<usize> = (0..self.plan.issues.len())
                .filter(|i| {
                    self.plan.issues[*i].event.is_some()
                        && self.plan.issues[*i].found_on >= since
                        && self.plan.issues[*i].found_on < date
                })
                .collect();
            // The general meeting reports a whole year: the months before the app was
            // used are counted at the cluster's usual pace.
            let year_ago = date - days(365);
            let missing_months = ((self.first_day - year_ago).num_days().max(0) / 30) as usize;
            let year_totals = [
                held_between(&self.plan, year_ago, &[EventKind::RegularMeeting]) + missing_months,
                held_between(&self.plan, year_ago, &[EventKind::Seminar]) + missing_months / 2,
                held_between(&self.plan, year_ago, &[EventKind::PlantVisit]) + missing_months * 3,
                self.plan.issues.iter().filter(|i| i.found_on >= year_ago && i.found_on < date).count()
                    + missing_months * 4,
            ];
            let cx = MinutesContext {
                firms: &self.firms,
                manager: &self.manager,
                visits_since,
                issues_since,
                year_totals,
                showcase: showcase.clone(),
            };
            shared::write_minutes(&mut self.plan, &mut self.rng, e, &cx);
            if kind == EventKind::RegularMeeting {
                since = date;
            }
        }
    }

    fn schedule(&mut self) {
        let mut issue_created: Vec<Option<NaiveDateTime>> = vec![None; self.plan.issues.len()];
        for i in self.old_issues.clone() {
            let t = self.tick();
            self.plan.at(t, Step::CreateIssue(i));
            issue_created[i] = Some(t);
        }
        let earliest = at(self.first_day - days(10), 9, 0).max(self.entry + Duration::minutes(30));
        for e in 0..self.plan.events.len() {
            if let Some(held) = shared::schedule_event(&mut self.plan, &mut self.rng, e, earliest, self.horizon) {
                for i in self.plan.events[e].issues.clone() {
                    issue_created[i] = Some(held);
                }
            }
        }
        let mut linked = vec![false; self.plan.issues.len()];
        for p in 0..self.plan.projects.len() {
            let created = match self.project_created[p] {
                Some(t) => t,
                None => self.tick(),
            };
            let issues = self.plan.projects[p].issues.clone();
            let times: Vec<NaiveDateTime> = issues.iter().map(|i| issue_created[*i].unwrap_or(created)).collect();
            if times.iter().any(|t| *t >= created) {
                // The issue's visit is still ahead (never for the shipped templates): skip
                // rather than write a project before its issue.
                continue;
            }
            for i in &issues {
                linked[*i] = true;
            }
            shared::schedule_project(&mut self.plan, &mut self.rng, p, created, &times);
        }
        for i in 0..self.plan.issues.len() {
            if let (false, Some(created)) = (linked[i], issue_created[i]) {
                shared::schedule_free_issue(&mut self.plan, &mut self.rng, i, created);
            }
        }
    }
}
