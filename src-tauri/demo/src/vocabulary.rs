//! The words the generator draws from: Korean names, company-name parts, per-industry
//! products and technologies, regions with their complexes and institutions, and the
//! problems firms raise. Every company name built from these parts is fictional; the
//! universities, public institutes and support agencies are real public bodies.

use desk_core::cluster::Region;
use desk_core::issue::{IssueCategory, IssueStage};

/// Surnames, repeated roughly by how common they are so the mix looks Korean.
pub(crate) const SURNAMES: &[&str] = &[
    "김", "김", "김", "김", "김", "이", "이", "이", "이", "박", "박", "박", "최", "최", "정", "정", "강", "조", "윤",
    "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "전", "홍", "고", "문", "양", "손", "배", "백",
    "허", "남", "심", "노", "하", "곽", "성", "차", "주", "우", "구", "민", "진", "나", "엄", "원", "천", "방", "공",
    "현", "변", "염", "여", "추", "도", "석", "선", "설", "마", "길", "연", "위", "표", "명", "기", "반", "왕", "금",
    "육", "인", "맹", "제",
];

pub(crate) const GIVEN_NAMES: &[&str] = &[
    "민준", "서준", "도윤", "예준", "시우", "하준", "주원", "지호", "지후", "준우", "현우", "준서", "도현", "건우",
    "우진", "선우", "서진", "민재", "현준", "연우", "유준", "정우", "승우", "승현", "시윤", "준혁", "은우", "지환",
    "승민", "지우", "민성", "준영", "진우", "지원", "수현", "재윤", "시현", "동현", "수호", "태윤", "민규", "재원",
    "한결", "민우", "재민", "윤호", "시원", "성민", "영수", "영호", "영철", "정호", "성호", "성훈", "상훈", "상철",
    "동훈", "종현", "경수", "진호", "재현", "광수", "명수", "기현", "병철", "용준", "형준", "태호", "서연", "서윤",
    "지유", "서현", "민서", "하은", "하윤", "윤서", "지민", "채원", "수빈", "지아", "다은", "은서", "예은", "수아",
    "예린", "지현", "미영", "은정", "수진", "혜진", "정희", "경희", "미경", "현주", "은영", "지영", "선영", "영미",
    "미숙", "정숙", "은경", "소영", "유진", "보람", "다영", "나연", "수민", "혜원", "성희", "주희", "상우", "기철",
    "창호", "대현", "석진", "원석", "태훈", "인호", "규태", "재훈",
];

/// Romanisations of the commonest surnames as people actually spell them.
pub(crate) const SURNAME_SPELLINGS: &[(&str, &str)] = &[
    ("김", "kim"),
    ("이", "lee"),
    ("박", "park"),
    ("최", "choi"),
    ("정", "jung"),
    ("강", "kang"),
    ("조", "cho"),
    ("윤", "yoon"),
    ("장", "jang"),
    ("임", "lim"),
    ("오", "oh"),
    ("신", "shin"),
    ("권", "kwon"),
    ("안", "ahn"),
    ("류", "ryu"),
    ("문", "moon"),
    ("노", "noh"),
    ("심", "shim"),
    ("성", "sung"),
    ("주", "joo"),
    ("우", "woo"),
    ("구", "koo"),
    ("천", "chun"),
    ("엄", "um"),
    ("고", "ko"),
];

/// The first half of a company name; combined with an industry's suffix. Deliberately
/// plain words so that no well-known real firm is named.
pub(crate) const NAME_PREFIXES: &[&str] = &[
    "한빛",
    "청담",
    "해솔",
    "누리",
    "다온",
    "세움",
    "그린",
    "라온",
    "아름",
    "에코",
    "나래",
    "가온",
    "하늘",
    "푸른",
    "새한",
    "동진",
    "태성",
    "정원",
    "우진",
    "성진",
    "보람",
    "예담",
    "온누리",
    "참빛",
    "솔빛",
    "은하",
    "별빛",
    "초록",
    "바른",
    "새봄",
    "소담",
    "이든",
    "채움",
    "늘봄",
    "단비",
    "도담",
    "마루",
    "여울",
    "시온",
    "다솜",
    "미소",
    "영진",
    "대영",
    "인성",
    "서해",
    "경인",
    "유림",
    "한솔",
    "지음",
    "다인",
    "큰별",
    "새빛",
    "진성",
    "윤성",
    "명성",
    "태광",
    "해든",
    "맑음",
    "슬기",
    "알찬",
];

/// One line of business: what its firms are called, make and know.
pub(crate) struct Segment {
    pub key: &'static str,
    /// The member's industry field.
    pub industry: &'static str,
    pub name_suffixes: &'static [&'static str],
    /// The end of the firms' e-mail domains.
    pub domain: &'static str,
    pub products: &'static [&'static str],
    pub technologies: &'static [&'static str],
}

/// An industry a mini-cluster is organised around, with its lines of business.
pub(crate) struct Industry {
    pub theme: &'static str,
    pub segments: &'static [Segment],
    /// Seminar topics, as titles.
    pub seminars: &'static [&'static str],
}

/// The Namdong eco-friendly nano cluster's lines of business (cosmetics and chemicals).
pub(crate) const COSMETICS: &[Segment] = &[
    Segment {
        key: "원료",
        industry: "화장품 원료 제조",
        name_suffixes: &["바이오텍", "바이오", "내추럴", "네이처", "소재", "랩"],
        domain: "bio",
        products: &[
            "식물 추출물",
            "히알루론산",
            "세라마이드",
            "펩타이드 원료",
            "발효 추출물",
            "콜라겐",
            "병풀 추출물",
            "녹차 추출물",
            "천연 보존제",
            "비타민 유도체",
            "해양 추출물",
            "캘러스 배양물",
        ],
        technologies: &[
            "초임계 추출",
            "발효 공정",
            "식물세포 배양",
            "나노 리포좀",
            "캡슐화",
            "정제 공정",
            "안정화 기술",
            "효소 가수분해",
            "동결 건조",
            "성분 표준화",
        ],
    },
    Segment {
        key: "OEM",
        industry: "화장품 제조(OEM·ODM)",
        name_suffixes: &["코스메틱", "뷰티", "코스텍", "화장품", "코스메틱스"],
        domain: "cos",
        products: &[
            "기초화장품",
            "선크림",
            "쿠션 파운데이션",
            "마스크팩",
            "클렌징폼",
            "바디로션",
            "샴푸",
            "립스틱",
            "앰플",
            "수분크림",
            "헤어에센스",
            "톤업크림",
        ],
        technologies: &[
            "유화 기술",
            "자외선 차단 제형",
            "분체 분산",
            "제형 설계",
            "색조 배합",
            "충진 자동화",
            "안정성 시험",
            "무균 충진",
            "피부 임상 평가",
            "소량 다품종 생산",
        ],
    },
    Segment {
        key: "용기",
        industry: "화장품 용기·포장재 제조",
        name_suffixes: &["팩", "패키징", "플라텍", "용기", "케이스"],
        domain: "pack",
        products: &[
            "펌프 용기",
            "에어리스 용기",
            "튜브 용기",
            "유리병",
            "컴팩트 케이스",
            "스포이드",
            "쿠션 케이스",
            "단상자",
            "리필 파우치",
        ],
        technologies: &[
            "사출 성형",
            "블로우 성형",
            "진공 증착",
            "실크 인쇄",
            "재활용 플라스틱",
            "금형 설계",
            "UV 코팅",
            "핫스탬핑",
            "단일소재 설계",
        ],
    },
    Segment {
        key: "향료",
        industry: "향료 제조",
        name_suffixes: &["향료", "퍼퓸", "아로마", "프래그런스", "센트"],
        domain: "aroma",
        products: &["조합 향료", "에센셜오일", "향수", "디퓨저", "캔들 향료", "식품 향료", "천연 향료"],
        technologies: &[
            "조향",
            "수증기 증류",
            "향 마이크로캡슐",
            "가스크로마토그래피 분석",
            "관능 평가",
            "알레르기 성분 저감",
        ],
    },
    Segment {
        key: "계면",
        industry: "계면활성제·정밀화학 제조",
        name_suffixes: &["케미칼", "화학", "정밀화학", "켐", "케미"],
        domain: "chem",
        products: &[
            "비이온 계면활성제",
            "아미노산 계면활성제",
            "유화제",
            "실리콘 오일",
            "고분자 증점제",
            "세정제",
            "보습제",
            "에스테르 오일",
        ],
        technologies: &[
            "에톡시화 반응",
            "합성 공정",
            "생분해성 평가",
            "고분자 중합",
            "에스테르화 반응",
            "분리 정제",
            "공정 최적화",
        ],
    },
    Segment {
        key: "나노",
        industry: "나노 기능성 소재 제조",
        name_suffixes: &["나노텍", "머티리얼즈", "나노", "신소재", "어드밴스드"],
        domain: "nano",
        products: &[
            "나노 분말",
            "이산화티탄",
            "산화아연",
            "은나노 항균제",
            "기능성 코팅제",
            "실리카 입자",
            "진주 안료",
        ],
        technologies: &["나노 분산", "표면 처리", "졸겔 공정", "입도 분석", "분체 코팅", "항균 평가"],
    },
];

pub(crate) const SEG_RAW: usize = 0;
pub(crate) const SEG_OEM: usize = 1;
pub(crate) const SEG_PACK: usize = 2;
pub(crate) const SEG_AROMA: usize = 3;
pub(crate) const SEG_CHEM: usize = 4;
pub(crate) const SEG_NANO: usize = 5;

macro_rules! one_segment {
    ($key:literal, $industry:literal, $domain:literal, [$($suffix:literal),+], [$($product:literal),+], [$($tech:literal),+]) => {
        &[Segment {
            key: $key,
            industry: $industry,
            name_suffixes: &[$($suffix),+],
            domain: $domain,
            products: &[$($product),+],
            technologies: &[$($tech),+],
        }]
    };
}

/// The industries of the national programme. The first five are Namdong's own split.
pub(crate) const INDUSTRIES: &[Industry] = &[
    Industry {
        theme: "산업기계부품",
        segments: one_segment!(
            "기계",
            "산업기계 부품 제조",
            "mech",
            ["정밀", "기계", "엔지니어링", "테크", "메카닉스"],
            [
                "감속기",
                "유압 실린더",
                "베어링 하우징",
                "기어박스",
                "공압 밸브",
                "컨베이어 롤러",
                "스핀들",
                "리니어 가이드",
                "커플링",
                "펌프 임펠러"
            ],
            [
                "CNC 정밀가공",
                "열처리",
                "연삭 가공",
                "진동 분석",
                "유압 설계",
                "3D 설계",
                "표면 경화",
                "치수 측정",
                "조립 자동화",
                "마찰 저감 코팅"
            ]
        ),
        seminars: &[
            "스마트공장 구축 사례와 지원사업",
            "정밀가공 품질관리와 치수 측정",
            "설비 예지보전을 위한 진동 분석",
        ],
    },
    Industry {
        theme: "생산기반부품",
        segments: one_segment!(
            "생산기반",
            "생산기반 부품 제조",
            "base",
            ["산업", "테크", "정공", "금속", "이엔지"],
            [
                "프레스 금형",
                "사출 금형",
                "정밀 주조품",
                "단조 부품",
                "도금 부품",
                "용접 구조물",
                "정밀 스프링",
                "체결 부품"
            ],
            [
                "금형 설계",
                "다이캐스팅",
                "정밀 단조",
                "전기 도금",
                "레이저 용접",
                "열처리",
                "표면 처리",
                "사출 성형 해석"
            ]
        ),
        seminars: &["뿌리기술 전문기업 지정 제도 안내", "도금 공정 환경 규제 대응", "금형 수명 연장 기술"],
    },
    Industry {
        theme: "자동차모듈",
        segments: one_segment!(
            "자동차",
            "자동차 부품 제조",
            "auto",
            ["오토텍", "모터스", "오토", "모빌리티", "산업"],
            [
                "도어 모듈",
                "시트 프레임",
                "브레이크 패드",
                "배터리 케이스",
                "와이어링 하네스",
                "헤드램프",
                "서스펜션 암",
                "범퍼 빔",
                "차체 브래킷"
            ],
            [
                "프레스 성형",
                "로봇 용접",
                "알루미늄 다이캐스팅",
                "경량화 설계",
                "핫스탬핑",
                "전착 도장",
                "비전 검사",
                "열관리 설계",
                "CAE 해석"
            ]
        ),
        seminars: &["전기차 전환기 부품사의 사업 재편", "IATF 16949 인증 실무", "차체 경량화 소재와 공법"],
    },
    Industry {
        theme: "정보융합부품",
        segments: one_segment!(
            "정보융합",
            "정보통신 융합부품 제조",
            "ict",
            ["일렉트로닉스", "시스템", "테크", "정보통신", "솔루션"],
            [
                "PCB 어셈블리",
                "산업용 센서",
                "LED 모듈",
                "전력 변환 모듈",
                "통신 모듈",
                "임베디드 보드",
                "카메라 모듈",
                "정밀 커넥터"
            ],
            [
                "SMT 실장",
                "펌웨어 개발",
                "회로 설계",
                "신호 처리",
                "IoT 플랫폼",
                "EMC 대책",
                "머신비전",
                "무선 통신",
                "전력 전자"
            ]
        ),
        seminars: &["상황인지 보안 플랫폼 개발 사례", "산업용 IoT 플랫폼 구축", "EMC 인증 대응 설계"],
    },
    Industry {
        theme: "친환경나노",
        segments: COSMETICS,
        seminars: &["클린뷰티 트렌드와 천연 원료", "화장품 수출 규제 동향", "나노 소재 안전성 평가"],
    },
    Industry {
        theme: "금형",
        segments: one_segment!(
            "금형",
            "금형 제조",
            "mold",
            ["금형", "몰드", "정밀", "테크", "툴링"],
            ["자동차 프레스 금형", "사출 금형", "다이캐스팅 금형", "블로우 금형", "정밀 부품 금형", "핫러너 시스템"],
            [
                "금형 설계",
                "방전 가공",
                "고속 가공",
                "금형 온도 제어",
                "사출 성형 해석",
                "금형 표면 코팅",
                "3D 프린팅 금형"
            ]
        ),
        seminars: &["금형 설계 자동화와 CAE", "금형 표면 코팅 기술 동향", "해외 금형 수주 전략"],
    },
    Industry {
        theme: "뿌리산업",
        segments: one_segment!(
            "뿌리",
            "주조·단조·표면처리",
            "root",
            ["주공", "단조", "열처리", "도금", "금속"],
            ["주물 부품", "단조 크랭크", "용접 구조물", "도금 부품", "열처리 부품", "분체 도장 부품"],
            ["사형 주조", "정밀 단조", "진공 열처리", "무전해 도금", "레이저 용접", "분체 도장", "공정 자동화"]
        ),
        seminars: &["뿌리공정 자동화 지원사업", "열처리 품질 관리", "표면처리 폐수 저감 기술"],
    },
    Industry {
        theme: "전자부품",
        segments: one_segment!(
            "전자",
            "전자부품 제조",
            "elec",
            ["전자", "일렉트릭", "디바이스", "세미텍", "테크"],
            [
                "적층 세라믹 콘덴서",
                "반도체 장비 부품",
                "인쇄회로기판",
                "전자파 차폐 필름",
                "2차전지 부품",
                "터치 패널",
                "정밀 커넥터"
            ],
            ["박막 증착", "클린룸 공정", "식각 공정", "SMT 실장", "신뢰성 시험", "전자파 차폐", "미세 패턴 인쇄"]
        ),
        seminars: &["반도체 소부장 국산화 동향", "전자부품 신뢰성 시험", "2차전지 부품 시장 전망"],
    },
    Industry {
        theme: "정밀화학",
        segments: one_segment!(
            "정밀화학",
            "정밀화학 제품 제조",
            "fchem",
            ["케미칼", "화학", "켐", "폴리머", "코팅"],
            ["기능성 도료", "접착제", "합성수지 첨가제", "전자재료 약품", "촉매", "세정제"],
            ["고분자 합성", "촉매 설계", "분리 정제", "배합 설계", "공정 안전", "유해물질 관리"]
        ),
        seminars: &["화학물질 등록·평가 제도 대응", "공정 안전관리 실무", "친환경 도료 기술"],
    },
    Industry {
        theme: "석유화학",
        segments: one_segment!(
            "석유화학",
            "석유화학 연관 제조",
            "petro",
            ["화학", "페트로", "플랜트", "산업", "엔텍"],
            ["합성수지", "화학 플랜트 배관", "열교환기", "저장 탱크", "산업용 가스 설비"],
            ["중합 공정", "폐열 회수", "부식 방지", "비파괴 검사", "공정 안전", "정비 자동화"]
        ),
        seminars: &["플랜트 설비 예방정비", "탄소중립과 폐열 회수", "화학공장 공정 안전"],
    },
    Industry {
        theme: "바이오헬스",
        segments: one_segment!(
            "바이오",
            "바이오·의료기기 제조",
            "health",
            ["바이오", "메디칼", "헬스케어", "메디텍", "생명과학"],
            ["체외진단 키트", "건강기능식품", "의료기기 부품", "바이오 의약 원료", "재활 보조기기", "진단 시약"],
            ["세포 배양", "단백질 정제", "분자 진단", "생체 적합성 평가", "의료기기 인허가", "GMP 인증"]
        ),
        seminars: &["의료기기 인허가 절차", "바이오 GMP 구축", "체외진단 해외 인증"],
    },
    Industry {
        theme: "신재생에너지",
        segments: one_segment!(
            "에너지",
            "신재생에너지 부품 제조",
            "energy",
            ["에너지", "파워", "솔라", "그린텍", "일렉트릭"],
            ["태양광 모듈 부품", "풍력 베어링", "연료전지 부품", "ESS 배터리 팩", "수소 밸브", "인버터"],
            ["전력 전자", "배터리 관리 시스템", "수소 저장", "열관리 설계", "계통 연계", "내구성 시험"]
        ),
        seminars: &["수소 산업 부품 국산화", "ESS 안전 기준", "재생에너지 계통 연계"],
    },
    Industry {
        theme: "철강",
        segments: one_segment!(
            "철강",
            "철강 가공",
            "steel",
            ["스틸", "철강", "금속", "강업", "메탈"],
            ["냉연 강판", "강관", "특수강 봉강", "선재 가공품", "철구조물"],
            ["압연", "열처리", "표면 처리", "비파괴 검사", "용접 자동화", "부식 방지"]
        ),
        seminars: &["철강 탄소 배출 대응", "특수강 가공 기술", "용접 자동화 사례"],
    },
    Industry {
        theme: "섬유",
        segments: one_segment!(
            "섬유",
            "섬유·염색 가공",
            "textile",
            ["텍스타일", "섬유", "패브릭", "화섬", "염공"],
            ["기능성 원단", "부직포", "산업용 섬유", "아웃도어 원단", "스마트 텍스타일", "재생 섬유 원사"],
            ["염색 가공", "방적 공정", "나노 섬유 방사", "발수 코팅", "디지털 날염", "재생 섬유"]
        ),
        seminars: &["리사이클 섬유 인증", "염색 폐수 저감", "스마트 텍스타일 동향"],
    },
    Industry {
        theme: "조선기자재",
        segments: one_segment!(
            "조선",
            "조선기자재 제조",
            "marine",
            ["마린", "중공업", "엔진", "해양", "오션텍"],
            [
                "선박용 밸브",
                "선박 엔진 부품",
                "로커암 어셈블리",
                "해양 플랜트 배관",
                "선박 전장품",
                "추진축",
                "갑판 크레인"
            ],
            ["이중연료 엔진 설계", "대형 용접", "방식 코팅", "선급 인증", "유체 해석", "정밀 주조"]
        ),
        seminars: &["친환경 선박 기자재 동향", "선급 인증 대응", "이중연료 엔진 부품 개발 사례"],
    },
    Industry {
        theme: "식품",
        segments: one_segment!(
            "식품",
            "식품 제조",
            "food",
            ["푸드", "식품", "농산", "F&B", "키친"],
            ["HMR 간편식", "발효 식품", "음료", "제과", "농산물 가공품", "건강 간식"],
            ["살균 공정", "HACCP", "동결 건조", "발효 공정", "포장 자동화", "저염 가공"]
        ),
        seminars: &["식품 수출 위생 규제", "HACCP 운영 실무", "간편식 시장 동향"],
    },
];

/// Where a mini-cluster sits: its region, complex, and which industries it is made of.
pub(crate) struct Complex {
    pub region: Region,
    pub name: &'static str,
    /// The address of its firms, up to the district.
    pub address: &'static str,
    pub dongs: &'static [&'static str],
    pub themes: &'static [&'static str],
}

pub(crate) const COMPLEXES: &[Complex] = &[
    Complex {
        region: Region::Capital,
        name: "남동국가산업단지",
        address: "인천광역시 남동구",
        dongs: &["고잔동", "남촌동", "논현동", "도림동"],
        themes: &["산업기계부품", "생산기반부품", "자동차모듈", "정보융합부품", "친환경나노"],
    },
    Complex {
        region: Region::Capital,
        name: "반월국가산업단지",
        address: "경기도 안산시 단원구",
        dongs: &["원시동", "목내동", "성곡동", "신길동"],
        themes: &["금형", "뿌리산업", "전자부품"],
    },
    Complex {
        region: Region::Capital,
        name: "시화국가산업단지",
        address: "경기도 시흥시",
        dongs: &["정왕동", "도창동"],
        themes: &["뿌리산업", "정밀화학", "금형", "산업기계부품"],
    },
    Complex {
        region: Region::Capital,
        name: "서울디지털국가산업단지",
        address: "서울특별시 금천구",
        dongs: &["가산동"],
        themes: &["정보융합부품", "전자부품"],
    },
    Complex {
        region: Region::Capital,
        name: "부평국가산업단지",
        address: "인천광역시 부평구",
        dongs: &["청천동", "갈산동"],
        themes: &["자동차모듈"],
    },
    Complex {
        region: Region::Capital,
        name: "주안국가산업단지",
        address: "인천광역시 서구",
        dongs: &["가좌동", "석남동"],
        themes: &["산업기계부품", "뿌리산업"],
    },
    Complex {
        region: Region::Chungcheong,
        name: "오창과학산업단지",
        address: "충청북도 청주시 청원구",
        dongs: &["오창읍"],
        themes: &["바이오헬스", "전자부품"],
    },
    Complex {
        region: Region::Chungcheong,
        name: "오송생명과학단지",
        address: "충청북도 청주시 흥덕구",
        dongs: &["오송읍"],
        themes: &["바이오헬스"],
    },
    Complex {
        region: Region::Chungcheong,
        name: "충주산업단지",
        address: "충청북도 충주시",
        dongs: &["용탄동", "목행동"],
        themes: &["신재생에너지"],
    },
    Complex {
        region: Region::Chungcheong,
        name: "아산국가산업단지",
        address: "충청남도 아산시",
        dongs: &["둔포면", "인주면"],
        themes: &["자동차모듈", "철강"],
    },
    Complex {
        region: Region::Chungcheong,
        name: "대덕산업단지",
        address: "대전광역시 대덕구",
        dongs: &["문평동", "신일동"],
        themes: &["정보융합부품"],
    },
    Complex {
        region: Region::DaeguGyeongbuk,
        name: "구미국가산업단지",
        address: "경상북도 구미시",
        dongs: &["공단동", "임수동", "산동읍"],
        themes: &["전자부품", "정보융합부품", "산업기계부품", "신재생에너지"],
    },
    Complex {
        region: Region::DaeguGyeongbuk,
        name: "성서산업단지",
        address: "대구광역시 달서구",
        dongs: &["호림동", "갈산동", "월암동"],
        themes: &["자동차모듈", "금형", "섬유"],
    },
    Complex {
        region: Region::DaeguGyeongbuk,
        name: "달성산업단지",
        address: "대구광역시 달성군",
        dongs: &["논공읍", "구지면"],
        themes: &["자동차모듈", "뿌리산업"],
    },
    Complex {
        region: Region::DaeguGyeongbuk,
        name: "포항철강산업단지",
        address: "경상북도 포항시 남구",
        dongs: &["장흥동", "호동"],
        themes: &["철강", "뿌리산업"],
    },
    Complex {
        region: Region::DaeguGyeongbuk,
        name: "대구염색산업단지",
        address: "대구광역시 서구",
        dongs: &["비산동"],
        themes: &["섬유"],
    },
    Complex {
        region: Region::DaeguGyeongbuk,
        name: "경산산업단지",
        address: "경상북도 경산시",
        dongs: &["진량읍", "압량읍"],
        themes: &["자동차모듈", "바이오헬스"],
    },
    Complex {
        region: Region::Dongnam,
        name: "창원국가산업단지",
        address: "경상남도 창원시 성산구",
        dongs: &["성주동", "웅남동", "신촌동"],
        themes: &["산업기계부품", "조선기자재", "자동차모듈", "정보융합부품", "뿌리산업"],
    },
    Complex {
        region: Region::Dongnam,
        name: "녹산국가산업단지",
        address: "부산광역시 강서구",
        dongs: &["송정동", "녹산동"],
        themes: &["조선기자재", "뿌리산업", "금형"],
    },
    Complex {
        region: Region::Dongnam,
        name: "울산·미포국가산업단지",
        address: "울산광역시 남구",
        dongs: &["여천동", "매암동"],
        themes: &["자동차모듈", "조선기자재", "정밀화학"],
    },
    Complex {
        region: Region::Dongnam,
        name: "온산국가산업단지",
        address: "울산광역시 울주군",
        dongs: &["온산읍"],
        themes: &["정밀화학", "철강"],
    },
    Complex {
        region: Region::Dongnam,
        name: "양산산업단지",
        address: "경상남도 양산시",
        dongs: &["유산동", "어곡동"],
        themes: &["금형", "전자부품"],
    },
    Complex {
        region: Region::Dongnam,
        name: "진사산업단지",
        address: "경상남도 사천시",
        dongs: &["사천읍"],
        themes: &["산업기계부품", "자동차모듈"],
    },
    Complex {
        region: Region::Honam,
        name: "광주첨단과학산업단지",
        address: "광주광역시 북구",
        dongs: &["오룡동", "대촌동"],
        themes: &["정보융합부품", "신재생에너지", "바이오헬스", "전자부품"],
    },
    Complex {
        region: Region::Honam,
        name: "여수국가산업단지",
        address: "전라남도 여수시",
        dongs: &["월하동", "화치동"],
        themes: &["석유화학", "정밀화학"],
    },
    Complex {
        region: Region::Honam,
        name: "군산국가산업단지",
        address: "전북특별자치도 군산시",
        dongs: &["소룡동", "오식도동"],
        themes: &["자동차모듈", "조선기자재", "신재생에너지", "금형"],
    },
    Complex {
        region: Region::Honam,
        name: "대불국가산업단지",
        address: "전라남도 영암군",
        dongs: &["삼호읍"],
        themes: &["조선기자재", "뿌리산업"],
    },
    Complex {
        region: Region::Honam,
        name: "익산국가산업단지",
        address: "전북특별자치도 익산시",
        dongs: &["팔봉동", "석암동"],
        themes: &["식품", "바이오헬스"],
    },
    Complex {
        region: Region::Honam,
        name: "광양국가산업단지",
        address: "전라남도 광양시",
        dongs: &["태인동", "금호동"],
        themes: &["철강", "뿌리산업"],
    },
    Complex {
        region: Region::Honam,
        name: "광주하남산업단지",
        address: "광주광역시 광산구",
        dongs: &["장덕동", "안청동"],
        themes: &["자동차모듈", "산업기계부품"],
    },
    Complex {
        region: Region::Gangwon,
        name: "원주문막산업단지",
        address: "강원특별자치도 원주시",
        dongs: &["문막읍"],
        themes: &["바이오헬스", "산업기계부품"],
    },
    Complex {
        region: Region::Gangwon,
        name: "춘천산업단지",
        address: "강원특별자치도 춘천시",
        dongs: &["퇴계동", "신동면"],
        themes: &["바이오헬스"],
    },
    Complex {
        region: Region::Gangwon,
        name: "강릉과학산업단지",
        address: "강원특별자치도 강릉시",
        dongs: &["대전동"],
        themes: &["식품"],
    },
    Complex {
        region: Region::Gangwon,
        name: "북평국가산업단지",
        address: "강원특별자치도 동해시",
        dongs: &["구호동", "지흥동"],
        themes: &["뿌리산업"],
    },
    Complex {
        region: Region::Gangwon,
        name: "횡성우천산업단지",
        address: "강원특별자치도 횡성군",
        dongs: &["우천면"],
        themes: &["자동차모듈"],
    },
];

/// The universities, institutes and support agencies of a region (real public bodies).
pub(crate) struct RegionInstitutions {
    pub region: Region,
    pub universities: &'static [&'static str],
    pub institutes: &'static [&'static str],
    pub agencies: &'static [&'static str],
    /// First three digits of registration numbers issued by the region's tax offices.
    pub tax_offices: &'static [u16],
}

pub(crate) const INSTITUTIONS: &[RegionInstitutions] = &[
    RegionInstitutions {
        region: Region::Capital,
        universities: &["인하대학교", "인천대학교", "한양대학교 ERICA", "한국공학대학교"],
        institutes: &["한국생산기술연구원", "한국화학연구원", "한국산업기술시험원"],
        agencies: &["인천테크노파크", "경기테크노파크", "중소벤처기업진흥공단 인천지역본부"],
        tax_offices: &[121, 122, 131, 134, 137, 140],
    },
    RegionInstitutions {
        region: Region::Chungcheong,
        universities: &["충북대학교", "충남대학교", "한국교통대학교"],
        institutes: &["한국전자통신연구원", "한국기계연구원", "한국화학연구원"],
        agencies: &["충북테크노파크", "충남테크노파크", "대전테크노파크"],
        tax_offices: &[301, 303, 305, 307, 312],
    },
    RegionInstitutions {
        region: Region::DaeguGyeongbuk,
        universities: &["경북대학교", "금오공과대학교", "영남대학교", "포항공과대학교"],
        institutes: &["구미전자정보기술원", "한국섬유개발연구원", "한국생산기술연구원"],
        agencies: &["경북테크노파크", "대구테크노파크"],
        tax_offices: &[502, 503, 504, 506, 513, 515],
    },
    RegionInstitutions {
        region: Region::Dongnam,
        universities: &["부산대학교", "창원대학교", "울산대학교", "경상국립대학교", "한국해양대학교"],
        institutes: &["한국재료연구원", "한국조선해양기자재연구원", "한국기계연구원"],
        agencies: &["경남테크노파크", "부산테크노파크", "울산테크노파크"],
        tax_offices: &[602, 605, 606, 608, 609, 610, 615],
    },
    RegionInstitutions {
        region: Region::Honam,
        universities: &["전남대학교", "전북대학교", "목포해양대학교", "군산대학교", "조선대학교"],
        institutes: &["한국광기술원", "한국자동차연구원", "한국식품연구원"],
        agencies: &["광주테크노파크", "전남테크노파크", "전북테크노파크"],
        tax_offices: &[401, 402, 403, 408, 409, 410, 416],
    },
    RegionInstitutions {
        region: Region::Gangwon,
        universities: &["강원대학교", "연세대학교 미래캠퍼스", "강릉원주대학교"],
        institutes: &["한국생산기술연구원", "한국식품연구원"],
        agencies: &["강원테크노파크", "원주의료기기테크노밸리"],
        tax_offices: &[221, 222, 224, 225, 226],
    },
];

/// Words every expert list carries besides an industry's technologies: the support a
/// manager brokers whatever the industry.
pub(crate) const GENERAL_EXPERTISE: &[&str] = &[
    "해외 인증",
    "해외 바이어 발굴",
    "정책자금",
    "시제품 제작 지원",
    "특허 출원",
    "인력 양성",
    "공정 자동화",
    "신뢰성 시험",
    "환경 규제",
    "스마트공장",
];

/// A problem a firm raises, with `{product}`, `{tech}` and `{company}` to fill (and a
/// particle after a slot as `{product:을}`).
pub(crate) struct IssueTemplate {
    pub title: &'static str,
    pub description: &'static str,
    pub category: IssueCategory,
    pub stage: IssueStage,
    /// Segment keys of the firms that raise it; empty for any.
    pub segments: &'static [&'static str],
    /// The keyword a partner must know when the text has no `{tech}`.
    pub topic: Option<&'static str>,
}

use IssueCategory as C;
use IssueStage as S;

macro_rules! issue {
    ($title:literal, $description:literal, $category:expr, $stage:expr, [$($segment:literal),*], $topic:expr) => {
        IssueTemplate { title: $title, description: $description, category: $category, stage: $stage, segments: &[$($segment),*], topic: $topic }
    };
}

/// Problems of cosmetics and chemical firms (the demo cluster).
pub(crate) const COSMETICS_ISSUES: &[IssueTemplate] = &[
    issue!("{product} 제형 안정성 확보", "{product} 신제품의 45℃ 가속 시험에서 층 분리와 점도 저하가 반복됨. {tech:을} 적용해 안정성을 높이려 하나 사내 연구 인력만으로는 원인 분석이 어려워 외부 자문을 요청함.", C::Technology, S::TechnologyDevelopment, ["OEM", "원료"], None),
    issue!("천연 보존제 대체 기술 확보", "해외 바이어가 파라벤·페녹시에탄올 무첨가 처방을 요구함. {product}에 쓸 천연 보존제 조합과 {tech} 관련 기술을 가진 기관을 찾고 있음.", C::Technology, S::TechnologyDevelopment, ["OEM", "원료"], None),
    issue!("{product} 추출 수율 향상", "{product} 추출 수율이 목표의 60% 수준에 머물러 원가 부담이 큼. {tech} 조건 최적화와 성분 표준화에 대한 전문가 자문이 필요함.", C::Production, S::Productisation, ["원료"], None),
    issue!("{product} 향 지속성 개선", "고객사가 {product}의 잔향 지속 시간을 늘려 달라고 요구함. {tech} 기술의 적용 가능성을 검토하고 싶어 함.", C::Technology, S::TechnologyDevelopment, ["향료"], None),
    issue!("재활용 소재 적용 {product} 개발", "EU 포장재 규제와 브랜드사의 재활용 소재 요구로 {product}에 재활용 플라스틱을 적용해야 하나, {tech} 공정에서 흑점·변색 불량이 발생함.", C::Technology, S::Productisation, ["용기"], None),
    issue!("{product} 합성 부산물 저감", "{product} 합성 시 부산물이 많아 분리 정제 비용이 큼. {tech} 조건 개선과 생분해성 평가 데이터 확보가 필요함.", C::Production, S::TechnologyDevelopment, ["계면"], None),
    issue!("{product} 분산 안정성 개선", "{product:을} 화장품 제형에 넣으면 응집과 침전이 생김. {tech} 기술로 입자 크기와 표면 특성을 제어하고 싶어 함.", C::Technology, S::TechnologyDevelopment, ["나노"], None),
    issue!("{product} 충진 불량률 감소", "{product} 충진 라인의 중량 편차와 누액 불량이 3%를 넘음. 충진 자동화 설비 개선과 {tech} 공정 점검 방안을 알고 싶어 함.", C::Production, S::Productisation, ["OEM"], None),
    issue!("{product} 사출 외관 불량 개선", "{product} 생산 중 웰드라인과 흑점 불량이 반복됨. {tech} 조건과 금형 설계 개선에 대한 자문을 요청함.", C::Quality, S::Productisation, ["용기"], None),
    issue!("소량 다품종 주문 대응", "ODM 주문이 소량 다품종으로 바뀌면서 {product} 생산 전환 시간이 길어짐. 소량 다품종 생산 체계와 {tech} 개선 사례를 알고 싶어 함.", C::Production, S::Productisation, ["OEM"], None),
    issue!("{product} 미생물 한도 시험 부적합", "최근 출하 로트의 미생물 한도 시험에서 기준 초과가 나와 회수함. 제조 위생 관리 체계와 {tech} 공정 점검이 필요함.", C::Quality, S::Productisation, ["OEM", "원료"], None),
    issue!("{product} 변색·변취 클레임", "유통 중인 {product}에서 변색·변취 클레임이 늘고 있음. 원료 산화와 용기 적합성, 안정성 시험 방법에 대한 원인 분석을 요청함.", C::Quality, S::Commercialisation, ["OEM", "향료", "원료"], Some("안정성 시험")),
    issue!("성분 분석 장비 부족", "{product} 성분 분석을 외부 기관에 맡겨 결과까지 2~3주가 걸리고 비용 부담이 큼. 가스크로마토그래피 분석 등 공동장비 활용 방안이 필요함.", C::Quality, S::Productisation, ["향료", "원료", "계면"], Some("가스크로마토그래피 분석")),
    issue!("EU CPNP 등록 및 안전성 평가 대응", "{product}의 유럽 수출을 위해 CPNP 등록과 CPSR 안전성 평가 보고서가 필요하나 절차와 비용을 잘 모름.", C::Regulation, S::Commercialisation, ["OEM"], Some("CPNP 등록")),
    issue!("중국 NMPA 등록 지원", "중국 바이어와 {product} 공급을 협의 중이나 NMPA 등록에 드는 비용과 기간이 부담됨. 등록 대행과 시험 자료 준비에 대한 안내가 필요함.", C::Regulation, S::Commercialisation, ["OEM", "원료"], Some("NMPA 등록")),
    issue!("기능성화장품 심사 자료 준비", "미백·주름 개선 {product}의 기능성화장품 심사 자료(유효성·안전성) 작성에 어려움을 겪고 있음.", C::Regulation, S::Commercialisation, ["OEM"], Some("기능성화장품 심사")),
    issue!("할랄 인증 취득", "말레이시아·인도네시아 수출을 위해 {product}의 할랄 인증이 필요함. 원료 소명 자료와 인증 기관 선정에 도움을 원함.", C::Regulation, S::Commercialisation, ["OEM", "원료", "계면"], Some("할랄 인증")),
    issue!("CGMP 적합 판정 준비", "ISO 22716 기반 CGMP 적합 판정을 준비 중이나 문서 체계와 밸리데이션 경험이 부족함.", C::Regulation, S::Productisation, ["OEM"], Some("ISO 22716")),
    issue!("해외 바이어 발굴", "{product} 수출을 늘리고 싶으나 해외 바이어 발굴 경로가 없음. 수출 마케팅 지원과 해외 전시회 참가 정보가 필요함.", C::Marketing, S::Commercialisation, [], Some("해외 바이어 발굴")),
    issue!("자체 브랜드 온라인 판로 개척", "OEM 의존도를 낮추려 자체 브랜드 {product:을} 출시했으나 온라인 마케팅 역량이 부족함.", C::Marketing, S::Commercialisation, ["OEM"], Some("온라인 마케팅")),
    issue!("설비 투자 자금 조달", "{tech} 설비 증설에 약 5억 원이 필요하나 자금 조달이 어려움. 정책자금과 시설 투자 지원사업 연계를 희망함.", C::Funding, S::Productisation, [], Some("정책자금")),
    issue!("시제품 제작 비용 부담", "{product} 시제품 제작 비용 부담으로 개발이 늦어지고 있음. 시제품 제작 지원 사업과 신청 요령을 알고 싶어 함.", C::Funding, S::TechnologyDevelopment, [], Some("시제품 제작 지원")),
    issue!("연구 인력 채용 어려움", "제형 연구원 채용 공고를 내도 지원자가 적음. 산학 연계 인턴십과 인력 채용 지원 제도를 안내받고 싶어 함.", C::Workforce, S::TechnologyDevelopment, [], Some("인력 채용 지원")),
    issue!("생산직 인력 부족", "{product} 생산 라인 인력이 부족해 잔업이 많음. 공정 자동화와 외국인 고용 절차에 대한 안내가 필요함.", C::Workforce, S::Productisation, ["OEM", "용기"], Some("공정 자동화")),
    issue!("세척 공정 폐수 처리 비용 증가", "{product} 생산 설비 세척 폐수의 처리 비용이 크게 늘어 공동 처리나 저감 기술을 원함.", C::Other, S::Productisation, ["OEM", "계면"], Some("폐수 처리")),
    issue!("{product} 특허 출원 전략", "{tech} 관련 자체 개발 기술을 권리화하고 싶으나 선행 특허 조사와 출원 전략 수립 경험이 없음.", C::Technology, S::Commercialisation, ["원료", "나노", "계면"], Some("특허 출원")),
];

/// Problems any manufacturer raises (the national programme).
pub(crate) const GENERAL_ISSUES: &[IssueTemplate] = &[
    issue!("{product} 불량률 개선", "{product} 생산 공정의 불량률이 3~5%로 높아 원가 부담이 큼. {tech} 공정 조건 개선에 대한 기술 자문이 필요함.", C::Quality, S::Productisation, [], None),
    issue!("{tech} 기술 내재화", "{product} 성능을 높이려면 {tech} 기술이 필요하나 사내 연구 인력과 장비가 부족함. 대학·연구기관과의 공동 연구를 희망함.", C::Technology, S::TechnologyDevelopment, [], None),
    issue!("{product} 경량화·고성능화", "고객사가 {product}의 경량화와 내구성 향상을 요구함. {tech} 적용 가능성 검토와 시험 평가 지원이 필요함.", C::Technology, S::TechnologyDevelopment, [], None),
    issue!("{product} 생산 공정 자동화", "{product} 생산 인력이 부족해 납기 대응이 어려움. 공정 자동화 설비 도입 방안과 {tech} 개선 지원사업을 알고 싶어 함.", C::Production, S::Productisation, [], Some("공정 자동화")),
    issue!("{product} 해외 인증 취득", "{product} 수출을 위해 해외 인증이 필요하나 시험 항목과 절차를 잘 모름. 인증 컨설팅과 비용 지원이 필요함.", C::Regulation, S::Commercialisation, [], Some("해외 인증")),
    issue!("{product} 해외 판로 개척", "{product}의 국내 거래처 의존도가 높아 해외 바이어 발굴과 전시회 참가를 원함.", C::Marketing, S::Commercialisation, [], Some("해외 바이어 발굴")),
    issue!("설비 투자 자금 부족", "{tech} 설비 증설 자금이 부족해 정책자금과 시설 투자 지원사업 연계를 희망함.", C::Funding, S::Productisation, [], Some("정책자금")),
    issue!("기술 인력 채용 어려움", "{tech} 분야 경력 인력 채용이 어려움. 산학 연계 인력 양성과 채용 지원 제도를 안내받고 싶어 함.", C::Workforce, S::Productisation, [], Some("인력 양성")),
    issue!("{product} 시제품 제작 지원 요청", "{product} 신제품의 시제품 제작 비용이 부담되어 개발이 늦어짐. 시제품 제작 지원 사업 연계를 요청함.", C::Funding, S::TechnologyDevelopment, [], Some("시제품 제작 지원")),
    issue!("{product} 신뢰성 시험 대응", "고객사가 {product}의 신뢰성 시험 성적서를 요구하나 자체 시험 장비가 없음. 공동장비 활용과 {tech} 시험 방법 자문이 필요함.", C::Quality, S::Commercialisation, [], Some("신뢰성 시험")),
    issue!("{product} 특허 출원 전략", "{tech} 관련 자체 기술을 권리화하고 싶으나 선행 특허 조사와 특허 출원 전략 수립 경험이 없음.", C::Technology, S::Commercialisation, [], Some("특허 출원")),
    issue!("환경 규제 대응", "{product} 생산 공정의 배출 기준이 강화되어 처리 설비 보강이 필요함. 환경 규제 대응 컨설팅을 원함.", C::Other, S::Productisation, [], Some("환경 규제")),
    issue!("스마트공장 구축", "{product} 생산 이력 관리가 수기로 이루어져 추적이 어려움. 스마트공장 구축 지원과 {tech} 데이터 연계 방안을 알고 싶어 함.", C::Production, S::Productisation, [], Some("스마트공장")),
];

/// Reasons an issue is dropped (중단 사유).
pub(crate) const ISSUE_DROP_REASONS: &[&str] = &[
    "기업 내부 사정으로 추진 보류 요청",
    "대표 교체 후 사업 방향이 바뀌어 기업이 철회함",
    "자체 해결(거래처 기술지원)로 더 이상 지원이 필요 없음",
    "지원 요건(매출·업력)에 맞는 사업이 없어 중단",
    "공장 이전 준비로 내년 이후 재검토하기로 함",
    "비용 대비 효과가 낮다고 기업이 판단함",
];

/// What the market is doing, as a firm tells it at a visit.
pub(crate) const MARKET_NEWS: &[&str] = &[
    "중국 수출 물량이 줄고 미국·동남아 비중이 늘고 있다고 함",
    "원자재 가격 상승으로 수익성이 낮아졌다고 함",
    "대형 고객사의 발주가 회복세라 하반기 증산을 계획 중임",
    "인력 이탈로 생산 일정 관리에 어려움이 있다고 함",
    "신규 거래처 확보로 매출이 전년 대비 15% 늘었다고 함",
    "환율 변동으로 수출 단가 협상이 어렵다고 함",
    "친환경 요구가 커져 고객사의 소재 변경 문의가 늘었다고 함",
    "설비 노후로 잦은 고장이 생산성 저하의 원인이라고 함",
];

/// What a regular meeting also discussed.
pub(crate) const MEETING_TOPICS: &[&str] = &[
    "하반기 공동 수출상담회 참가 수요를 조사함",
    "신규 회원사 가입 신청 2건을 승인함",
    "공동장비 활용 방안과 이용 요금을 논의함",
    "본부 지원사업(현장맞춤형 기술개발) 공고 내용과 신청 일정을 공유함",
    "원료 가격 상승에 따른 공동구매 방안을 논의함",
    "회원사 간 거래 확대를 위한 제품 소개 자료집 제작을 결정함",
    "산학 연계 인턴십 수요를 조사함",
    "연말 성과공유회 일정과 우수 사례 발표 기업을 정함",
    "소그룹별 활동 실적과 다음 분기 계획을 공유함",
    "안전보건 관리 강화 제도 변경 사항을 안내함",
    "공동 물류 운영 시범사업 참여 의향을 조사함",
    "수출 바우처 사업 설명을 듣고 질의응답을 진행함",
];

/// Titles people hold at a member company.
pub(crate) const STAFF_TITLES: &[&str] = &[
    "연구소장",
    "공장장",
    "품질팀장",
    "생산부장",
    "영업이사",
    "기획실장",
    "관리부장",
    "책임연구원",
    "과장",
    "대리",
    "해외영업팀장",
];

/// Notes a manager keeps about a firm.
pub(crate) const MEMBER_NOTES: &[&str] = &[
    "기업부설연구소 보유",
    "벤처기업 인증",
    "이노비즈 인증",
    "수출 유망 중소기업 지정",
    "ISO 9001 인증",
    "메인비즈 인증",
    "여성기업",
    "가족친화 인증",
];

/// Where meetings take place in an industrial complex.
pub(crate) const MEETING_PLACES: &[&str] = &[
    "산업단지 비즈니스센터 회의실",
    "한국산업단지공단 지역본부 대회의실",
    "산업단지 지원센터 2층 세미나실",
    "산업단지 경영자협의회 회의실",
];
