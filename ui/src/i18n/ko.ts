// Korean: the product's default language and the source of every message key.
export const ko = {
  "app.title": "클러스터 데스크",
  "app.loading": "불러오는 중…",
  "app.openError": "데이터베이스를 열 수 없습니다",
  "app.databasePath": "데이터베이스 파일: {path}",
  "welcome.title": "클러스터 데스크에 오신 것을 환영합니다",
  "welcome.body": "아직 클러스터 정보가 없습니다. 데모 클러스터로 기능을 둘러보세요.",
  "welcome.openDemo": "데모 클러스터 열기",
  "welcome.opening": "데모 클러스터를 만드는 중…",
  "home.members": "회원기관 {count}곳",
  "home.companies": "기업 {count}곳",
  "home.people": "인력 {count}명",
  "home.groups": "소그룹 {count}개",
  "home.complex": "{complex} · {theme}",
  "settings.language": "언어",
  "language.ko": "한국어",
  "language.en": "English",
  "region.capital": "수도권",
  "region.chungcheong": "충청권",
  "region.daegu_gyeongbuk": "대구·경북권",
  "region.dongnam": "동남권",
  "region.honam": "호남권",
  "region.gangwon": "강원권",
  "error.retry": "다시 시도",
};

export type MessageKey = keyof typeof ko;
export type Catalogue = { [K in MessageKey]: string };
