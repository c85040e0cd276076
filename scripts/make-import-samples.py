#!/usr/bin/env python3
"""Writes the member-list and people-list samples in src-tauri/spreadsheet/tests/data/.

They imitate the lists Korean cluster offices really keep in Excel, for the tests of the
member-directory importer. Every firm, person, number and address is invented, except
the three public bodies (인하대학교 산학협력단, 인천테크노파크, 한국생산기술연구원), whose names
and addresses are real and whose contacts are invented. The data is fixed in this
file, so a second run writes the same bytes: workbook timestamps, zip entry times, the
encrypted file's salts and the junk bytes are all pinned.

    python3 scripts/make-import-samples.py             # (re)writes every sample
    python3 scripts/make-import-samples.py --check     # reads every sample back, prints a summary
    python3 scripts/make-import-samples.py --large 10000 /tmp/members-10000.xlsx
                                                       # an N-row member list for benchmarks
                                                       # (never committed: too large)

Requirements (pip): openpyxl, xlwt (members.xls), odfpy (members.ods),
msoffcrypto-tool (members-password.xlsx); xlrd only for --check of members.xls.
A sample whose library is missing is skipped with a message; the others are still written.

Registration numbers (사업자등록번호) carry a valid check digit (brn_check_digit below)
unless a file says otherwise.

The files
---------
members-cp949.csv
    12 members as Korean Excel saves "CSV (쉼표로 분리)": CP949, no BOM, CRLF, commas,
    fields holding commas quoted (주요제품 "자동차 부품, 금형", 매출액(백만원) "1,250",
    one address "…, 3층"), 가입일 as 2023.05.12, registration numbers with dashes on file
    lines 2, 4, …, 12 and without on lines 3, 5, …, 13, 인하대학교 산학협력단 (line 12) with
    no number, 명성산업 with no e-mail.
    First row is (주)똠양정밀: 똠 (CP949 0x8C63) is outside EUC-KR's 2,350 syllables, so a
    strict EUC-KR decoder fails on this file and CP949 is needed.
members-semicolon-utf8bom.csv
    5 members, UTF-8 with BOM, ';' separator, CRLF, header variants 회사명/사업자번호/
    대표자명/직원수/매출액(천원)/가입일자/전화, dates 2023-05-12, plain numbers. Fields with
    commas are not quoted (a comma is no separator here).
members-tab.txt
    5 members, UTF-8 without BOM, tab separated, LF, nothing quoted, header variants
    기업명/상시근로자수/매출액(원), dates 2020/9/21, 인천테크노파크 (지원기관) with no number.
members-title-merged.xlsx
    Sheet "회원사": row 1 title merged over A1:P1, row 2 "기준일: 2026.11.01" merged over
    A2:P2, row 3 group cells ("기업 정보" B3:H3, "회원 정보" I3:J3, "연락처" K3:M3,
    "사업 분야" N3:O3), row 4 the header (연번, 회사명, 구분, 사업자번호, 대표자명,
    상시근로자수, 매출액(천원), 업종, 가입일자, 소그룹, 담당자, 전화, 이메일, 주요제품,
    보유기술, 주소), rows 5-25 20 members with row 15 left blank. 가입일자 is a real date
    (yyyy-mm-dd) except three text cells: "2021/3/5" (row 5), "21.3.5" (row 8),
    "2022. 7. 1." (row 19). Employees and revenue are numbers ('#,##0' on revenue).
    사업자번호 is text except row 10 (the number 1228133095 shown through the format
    000-00-00000) and row 17 (the number 1318190426, General). The university and the
    techno park (rows 24, 25) have no number, no employees, no revenue. 연번 is a column the
    importer does not know.
    Sheet "인력": people, header on row 1 (성명, 소속, 직책, 휴대폰, 이메일, 전문분야), 15 rows,
    소속 always a firm name on "회원사". Sheet "메모": notes only.
members-duplicates.xlsx
    8 members (rows 2-9). Rows 2 and 6: (주)동양플라텍, 131-81-44771 then 1318144771;
    rows 5 and 7: 남동도금(주), 131-86-61208 both times; the later row of each pair has
    another phone and employee count. Expected: one member per number, the later row's
    phone and 종업원수 win (rows 6 and 7), and the duplicate is reported. Rows 4 and 8:
    인하대학교 산학협력단 (구분 대학) with no number, same name, the later with another
    phone: with no number the name is the key, so again one member, row 8's phone wins.
members-bad-values.xlsx
    One row per problem; 비고 says which. Columns 업체명, 구분, 사업자등록번호, 대표자,
    종업원수, 매출액(원), 가입일, 이메일, 비고. What the importer should do:
      row 2  (a) 131-81-23455 check digit wrong (valid would be 131-81-23456): error on the
                 number; do not store it as a valid number.
      row 3  (b) 업체명 empty (number valid): error, the row is not imported.
      row 4  (c) 가입일 text "2023.02.30": error on the date; no date invented.
      row 5  (d) 가입일 text "2023-13-01": error on the date; no date invented.
      row 6  (e) 매출액 "약 5억": error (an approximation, not a number); not 500,000,000.
      row 7  (f) 종업원수 "많음": error on the employee count.
      row 8  (g) 매출액 "3억 5천만": valid, 350,000,000 원.
      row 9  (h) 매출액 "12억": valid, 1,200,000,000 원.
      row 10 (i) 가입일 the plain number 45122 (General format): valid, Excel serial for
                 2023-07-15 (45123 would be 2023-07-16).
      row 11 (j) 가입일 text "23.5.12": valid, 2023-05-12.
      row 12 (k) 이메일 "sales.shinhan-mtech.co.kr" (no @): error on the e-mail.
      row 13 (l) nothing wrong: imported as is.
    Rows 3-13 carry valid, distinct registration numbers.
people.xlsx
    10 people: 이름, 업체명, 직위, 연락처, 이메일, 전문분야. 업체명 matches firm names on
    members-title-merged.xlsx; 김민준 appears twice with different firms (rows 3 and 7);
    row 11 (박성호, an outside professor) has 업체명 empty.
members.xls
    6 members, BIFF8 via xlwt, header in row 1, dates as date cells, numbers as numbers.
members.ods
    6 members, OpenDocument via odfpy, header in row 1, date and float cells.
members-password.xlsx
    3 members, encrypted (ECMA-376 agile) with the password "1234": the importer must say
    the file is password-protected, not that it is corrupt.
not-a-spreadsheet.xlsx
    320 bytes: a PNG signature and IHDR chunk, then junk (an image renamed by mistake).
empty.csv
    zero bytes.
header-only.xlsx
    A member-list header row and nothing else.
"""
import argparse
import csv
import dataclasses
import datetime as dt
import io
import pathlib
import random
import re
import struct
import sys
import zipfile
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "src-tauri/spreadsheet/tests/data"
FIXED_TIME = dt.datetime(2026, 11, 1, 9, 0, 0)
AUTHOR = "남동클러스터 사무국"


# ---------------------------------------------------------------- registration numbers

BRN_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5]


def brn_check_digit(first9: str) -> int:
    """Check digit of a 사업자등록번호 from its first nine digits."""
    d = [int(c) for c in first9]
    assert len(d) == 9
    total = sum(x * w for x, w in zip(d, BRN_WEIGHTS)) + (d[8] * 5) // 10
    return (10 - total % 10) % 10


def brn(first9: str, dashes: bool = True) -> str:
    digits = first9 + str(brn_check_digit(first9))
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}" if dashes else digits


def brn_wrong(first9: str) -> str:
    """The number with a wrong check digit (the right one plus 9, mod 10)."""
    digits = first9 + str((brn_check_digit(first9) + 9) % 10)
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def brn_is_valid(text: str) -> bool:
    digits = re.sub(r"\D", "", str(text))
    return len(digits) == 10 and int(digits[9]) == brn_check_digit(digits[:9])


# ---------------------------------------------------------------- the fixed members

@dataclasses.dataclass
class Firm:
    name: str
    kind: str  # 구분: 기업/대학/연구기관/지원기관/컨설팅
    brn9: str | None  # first nine digits of the registration number
    ceo: str
    employees: int | None
    revenue: int | None  # 매출액 in 백만원
    joined: dt.date
    group: str  # 소그룹
    contact: str  # 담당자
    phone: str
    email: str
    products: list
    techs: list
    address: str
    industry: str

    def number(self, dashes=True):
        return brn(self.brn9, dashes) if self.brn9 else ""

    def revenue_in(self, unit):
        """매출액 in 백만원, 천원 or 원."""
        if self.revenue is None:
            return None
        return self.revenue * {"백만원": 1, "천원": 1_000, "원": 1_000_000}[unit]


D = dt.date
FIRMS = {f.name: f for f in [
    Firm("(주)한일정밀", "기업", "131812345", "김영수", 48, 8420, D(2021, 3, 5), "스마트공정",
         "박지훈", "032-812-3456", "info@hanil-precision.co.kr", ["자동차 부품", "금형"],
         ["CNC 정밀가공", "5축 가공"], "인천광역시 남동구 남동서로 123 (고잔동)", "기계부품"),
    Firm("대성금속(주)", "기업", "131863021", "이정호", 32, 5130, D(2020, 6, 15), "친환경소재",
         "오민재", "032-815-7702", "sales@daesung-metal.co.kr", ["알루미늄 압출재", "방열판"],
         ["알루미늄 압출", "아노다이징"], "인천광역시 남동구 남동대로 215 (남촌동)", "금속가공"),
    Firm("(주)똠양정밀", "기업", "137810562", "한상철", 27, 3980, D(2022, 9, 1), "스마트공정",
         "윤미경", "032-821-4410", "ttomyang@ttomyang.co.kr", ["정밀 샤프트", "유압 피팅"],
         ["CNC 선반 가공", "열처리"], "인천광역시 남동구 앵고개로 462 (논현동)", "기계부품"),
    Firm("세진테크", "기업", "137053318", "최민석", 12, 1250, D(2023, 5, 12), "전장부품",
         "김수진", "032-817-2290", "sejin@sejintech.co.kr", ["센서 브래킷", "프레스 부품"],
         ["프레스 가공", "레이저 마킹"], "인천광역시 남동구 능허대로649번길 22 (고잔동)", "금속가공"),
    Firm("(주)동양플라텍", "기업", "131814477", "강동현", 65, 11200, D(2019, 11, 20), "친환경소재",
         "이은정", "032-818-6630", "info@dongyang-platech.co.kr", ["가전 부품", "자동차 내장재"],
         ["정밀 사출성형", "이중사출"], "인천광역시 남동구 청능대로 289 (고잔동)", "플라스틱 사출"),
    Firm("남동도금(주)", "기업", "131866120", "윤태호", 38, 4460, D(2020, 2, 3), "표면처리",
         "장경민", "032-814-5521", "namdong@namdong-plating.co.kr", ["아연도금", "니켈도금"],
         ["무전해 니켈도금", "폐수 재이용"], "인천광역시 남동구 남동서로362번길 15 (남촌동)", "도금"),
    Firm("(주)태광전자", "기업", "122813309", "임재원", 54, 9870, D(2021, 7, 19), "전장부품",
         "김민준", "032-822-1187", "contact@taekwang-elec.co.kr", ["PCB 어셈블리", "센서 모듈"],
         ["SMT 실장", "AOI 검사"], "인천광역시 남동구 은봉로 60 (논현동)", "전자부품"),
    Firm("우진금형", "기업", "131120987", "서광수", 15, 1870, D(2022, 3, 14), "스마트공정",
         "서준혁", "032-813-4402", "woojin@woojin-mold.co.kr", ["사출 금형", "프레스 금형"],
         ["핫러너 설계", "금형 해석"], "인천광역시 남동구 호구포로 188 (고잔동)", "금형"),
    Firm("(주)신한엠텍", "기업", "139815504", "신병철", 41, 6720, D(2019, 5, 27), "스마트공정",
         "권혜진", "032-819-7345", "info@shinhan-mtech.co.kr", ["감속기", "기어"],
         ["기어 연삭", "정밀 측정"], "인천광역시 남동구 남동대로 370 (도림동)", "기계부품"),
    Firm("대한열처리(주)", "기업", "131868801", "황명숙", 22, 2950, D(2023, 1, 9), "표면처리",
         "황승현", "032-816-3018", "dh@daehan-ht.co.kr", ["침탄 열처리", "고주파 열처리"],
         ["진공 열처리", "경도 시험"], "인천광역시 남동구 남동서로 180 (고잔동)", "열처리"),
    Firm("(주)그린코팅", "기업", "131817723", "송은정", 19, 2140, D(2024, 4, 22), "친환경소재",
         "안재현", "032-823-9012", "green@greencoating.co.kr", ["분체 도장", "전착 도장"],
         ["VOC 저감 도장", "자동 도장 라인"], "인천광역시 남동구 앵고개로 350 (논현동)", "도장"),
    Firm("삼원정공", "기업", "131236654", "조성민", 9, 860, D(2024, 8, 30), "스마트공정",
         "조성민", "032-811-6254", "samwon@samwon-eng.co.kr", ["유압 실린더 부품", "지그"],
         ["CNC 밀링", "용접"], "인천광역시 남동구 고잔로 45 (고잔동)", "기계부품"),
    Firm("(주)스마트이노텍", "기업", "131819042", "류현우", 28, 4210, D(2022, 11, 7), "스마트공정",
         "홍지은", "032-824-3370", "info@smartinnotech.co.kr", ["공장자동화 장비", "비전 검사기"],
         ["머신비전", "PLC 제어"], "인천광역시 남동구 남동대로 250, 3층 (고잔동)", "자동화장비"),
    Firm("(주)경인케미칼", "기업", "137814456", "오경민", 24, 5380, D(2021, 10, 12), "친환경소재",
         "백승우", "032-812-7765", "sales@kyungin-chem.co.kr", ["절삭유", "세척제"],
         ["수용성 절삭유 배합", "폐유 재생"], "인천광역시 남동구 능허대로 587 (고잔동)", "화학"),
    Firm("명성산업", "기업", "131471289", "한영철", 11, 980, D(2025, 2, 17), "전장부품",
         "한지수", "032-817-5508", "", ["커넥터 하우징", "캡"],
         ["소형 사출성형"], "인천광역시 남동구 은봉로 112 (남촌동)", "플라스틱 사출"),
    Firm("(주)한빛레이저", "기업", "122861175", "장동욱", 33, 4870, D(2020, 9, 21), "스마트공정",
         "문소연", "032-825-1903", "hanbit@hanbit-laser.co.kr", ["레이저 절단 판금", "용접 구조물"],
         ["파이버 레이저 절단", "로봇 용접"], "인천광역시 남동구 청능대로 468 (고잔동)", "금속가공"),
    Firm("(주)미래전장", "기업", "139862230", "배수진", 46, 7390, D(2023, 6, 26), "전장부품",
         "노태윤", "032-826-4471", "info@mirae-jj.co.kr", ["와이어 하네스", "커넥터"],
         ["하네스 자동 압착", "전장 시험"], "인천광역시 남동구 남동서로 295 (고잔동)", "전자부품"),
    Firm("동아공업사", "기업", "131310442", "임광수", 8, 640, D(2025, 9, 8), "표면처리",
         "임광수", "032-811-2076", "donga1988@donga-ind.co.kr", ["볼트 도금", "소형 부품 도금"],
         ["바렐 도금"], "인천광역시 남동구 호구포로52번길 9 (남촌동)", "도금"),
    Firm("(주)스마트제조컨설팅", "컨설팅", "131819988", "유정훈", 6, 720, D(2024, 1, 15), "스마트공정",
         "유정훈", "032-832-6600", "consult@smart-mfg.co.kr", ["스마트공장 구축 컨설팅"],
         ["공정 진단", "MES 도입"], "인천광역시 남동구 예술로 152, 5층 (구월동)", "경영컨설팅"),
    Firm("인하대학교 산학협력단", "대학", None, "최재훈", None, None, D(2019, 3, 1), "친환경소재",
         "강나래", "032-860-9120", "industry@inha.ac.kr", [],
         ["경량 소재", "표면공학"], "인천광역시 미추홀구 인하로 100", "교육서비스"),
    Firm("인천테크노파크", "지원기관", None, "이승훈", None, None, D(2019, 3, 1), "스마트공정",
         "정다은", "032-850-7230", "cluster@itp.or.kr", [],
         ["스마트공장 보급", "시험인증"], "인천광역시 연수구 갯벌로 12", "공공기관"),
    Firm("한국생산기술연구원", "연구기관", None, "김동희", None, None, D(2020, 4, 1), "표면처리",
         "서유진", "032-850-0345", "rootsindustry@kitech.re.kr", [],
         ["뿌리기술", "친환경 표면처리"], "인천광역시 연수구 갯벌로 156", "연구개발"),
]}


def firms(*names):
    return [FIRMS[n] for n in names]


def joined_dots(d):  # 2023.05.12
    return f"{d.year}.{d.month:02d}.{d.day:02d}"


def comma_list(items):
    return ", ".join(items)


def thousands(n):
    return "" if n is None else f"{n:,}"


def plain(n):
    return "" if n is None else str(n)


# ---------------------------------------------------------------- deterministic writers

def normalize_zip(data: bytes, fix=None) -> bytes:
    """Rewrites a zip with fixed entry times, keeping order and compression; fix(name, bytes)
    may change an entry's content."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if fix:
                body = fix(info.filename, body)
            zi = zipfile.ZipInfo(info.filename, FIXED_TIME.timetuple()[:6])
            zi.compress_type = info.compress_type
            zi.external_attr = info.external_attr
            zi.create_system = info.create_system
            dst.writestr(zi, body)
    return out.getvalue()


def new_workbook(**kw):
    import openpyxl
    wb = openpyxl.Workbook(**kw)
    wb.properties.creator = AUTHOR
    wb.properties.lastModifiedBy = AUTHOR
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def xlsx_bytes(wb) -> bytes:
    """openpyxl stamps the save time into docProps/core.xml; it is put back to FIXED_TIME."""
    buf = io.BytesIO()
    wb.save(buf)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")

    def fix(name, body):
        if name == "docProps/core.xml":
            body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                          rb"\g<1>" + stamp.encode() + rb"\g<2>", body)
        return body
    return normalize_zip(buf.getvalue(), fix)


def save_xlsx(wb, path):
    path.write_bytes(xlsx_bytes(wb))


def style_header(ws, row, ncols):
    from openpyxl.styles import Alignment, Font, PatternFill
    fill = PatternFill("solid", fgColor="D9E1F2")
    for col in range(1, ncols + 1):
        c = ws.cell(row=row, column=col)
        c.font = Font(bold=True)
        c.fill = fill
        c.alignment = Alignment(horizontal="center", vertical="center")


def widths(ws, values):
    from openpyxl.utils import get_column_letter
    for i, w in enumerate(values, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def write_csv(path, header, rows, encoding, delimiter, newline, quoting=csv.QUOTE_MINIMAL):
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator=newline, quoting=quoting)
        w.writerow(header)
        w.writerows(rows)


# ---------------------------------------------------------------- 1-2: text files

def make_cp949_csv():
    header = ["업체명", "구분", "사업자등록번호", "대표자", "종업원수", "매출액(백만원)", "가입일",
              "소그룹", "담당자", "연락처", "이메일", "주요제품", "보유기술", "주소", "업종"]
    chosen = firms("(주)똠양정밀", "(주)한일정밀", "대성금속(주)", "세진테크", "(주)동양플라텍",
                   "남동도금(주)", "(주)태광전자", "우진금형", "삼원정공", "명성산업",
                   "인하대학교 산학협력단", "(주)스마트이노텍")
    rows = []
    for i, f in enumerate(chosen):
        rows.append([f.name, f.kind, f.number(dashes=(i % 2 == 0)), f.ceo, plain(f.employees),
                     thousands(f.revenue), joined_dots(f.joined), f.group, f.contact, f.phone,
                     f.email, comma_list(f.products), comma_list(f.techs), f.address, f.industry])
    write_csv(OUT / "members-cp949.csv", header, rows, "cp949", ",", "\r\n")


def make_semicolon_csv():
    header = ["회사명", "구분", "사업자번호", "대표자명", "직원수", "매출액(천원)", "가입일자",
              "소그룹", "담당자", "전화", "이메일", "주요제품", "보유기술", "주소", "업종"]
    rows = [[f.name, f.kind, f.number(), f.ceo, plain(f.employees),
             plain(f.revenue_in("천원")), f.joined.isoformat(), f.group, f.contact, f.phone,
             f.email, comma_list(f.products), comma_list(f.techs), f.address, f.industry]
            for f in firms("(주)신한엠텍", "대한열처리(주)", "(주)그린코팅", "(주)경인케미칼",
                           "한국생산기술연구원")]
    write_csv(OUT / "members-semicolon-utf8bom.csv", header, rows, "utf-8-sig", ";", "\r\n")


def make_tab_txt():
    header = ["기업명", "구분", "사업자등록번호", "대표자", "상시근로자수", "매출액(원)", "가입일",
              "소그룹", "담당자", "연락처", "이메일", "주요제품", "보유기술", "주소", "업종"]
    rows = [[f.name, f.kind, f.number(), f.ceo, plain(f.employees),
             plain(f.revenue_in("원")), f"{f.joined.year}/{f.joined.month}/{f.joined.day}",
             f.group, f.contact, f.phone, f.email, comma_list(f.products),
             comma_list(f.techs), f.address, f.industry]
            for f in firms("(주)한빛레이저", "(주)미래전장", "동아공업사", "(주)스마트제조컨설팅",
                           "인천테크노파크")]
    write_csv(OUT / "members-tab.txt", header, rows, "utf-8", "\t", "\n",
              quoting=csv.QUOTE_NONE)


# ---------------------------------------------------------------- 3: title, merges, sheets

TITLE_MERGED_FIRMS = [
    "(주)한일정밀", "대성금속(주)", "세진테크", "(주)동양플라텍", "남동도금(주)", "(주)태광전자",
    "우진금형", "(주)신한엠텍", "대한열처리(주)", "(주)그린코팅",
    # blank row here
    "삼원정공", "(주)스마트이노텍", "(주)경인케미칼", "명성산업", "(주)한빛레이저", "(주)미래전장",
    "동아공업사", "(주)스마트제조컨설팅", "인하대학교 산학협력단", "인천테크노파크",
]

PEOPLE_SHEET = [  # 성명, 소속, 직책, 휴대폰, 이메일, 전문분야
    ("김영수", "(주)한일정밀", "대표이사", "010-5123-4401", "ys.kim@hanil-precision.co.kr", "정밀가공"),
    ("박지훈", "(주)한일정밀", "생산팀장", "010-3345-8812", "jh.park@hanil-precision.co.kr", "CNC 가공, 공정개선"),
    ("이정호", "대성금속(주)", "대표이사", "010-2287-1450", "jhlee@daesung-metal.co.kr", "알루미늄 압출"),
    ("최민석", "세진테크", "대표", "010-9021-3378", "ms.choi@sejintech.co.kr", "프레스 금형"),
    ("이은정", "(주)동양플라텍", "연구소장", "010-4410-2296", "ej.lee@dongyang-platech.co.kr", "사출성형 해석"),
    ("장경민", "남동도금(주)", "환경안전팀장", "010-6672-1034", "km.jang@namdong-plating.co.kr", "도금 폐수처리"),
    ("김민준", "(주)태광전자", "책임연구원", "010-7781-5520", "mj.kim@taekwang-elec.co.kr", "임베디드 SW"),
    ("서준혁", "우진금형", "설계과장", "010-3310-7745", "jh.seo@woojin-mold.co.kr", "금형 설계"),
    ("권혜진", "(주)신한엠텍", "품질팀장", "010-8854-2203", "hj.kwon@shinhan-mtech.co.kr", "품질경영, ISO 9001"),
    ("황승현", "대한열처리(주)", "공장장", "010-2156-9981", "sh.hwang@daehan-ht.co.kr", "열처리"),
    ("홍지은", "(주)스마트이노텍", "선임연구원", "010-5590-6617", "je.hong@smartinnotech.co.kr", "머신비전, PLC 제어"),
    ("백승우", "(주)경인케미칼", "영업부장", "010-4023-7719", "sw.baek@kyungin-chem.co.kr", "절삭유"),
    ("문소연", "(주)한빛레이저", "기술이사", "010-6128-3304", "sy.moon@hanbit-laser.co.kr", "레이저 가공, 로봇 용접"),
    ("유정훈", "(주)스마트제조컨설팅", "대표", "010-9935-4120", "jh.yoo@smart-mfg.co.kr", "스마트공장, MES"),
    ("강나래", "인하대학교 산학협력단", "산학협력중점교수", "010-3867-2051", "nr.kang@inha.ac.kr", "표면공학"),
]


def make_title_merged():
    from openpyxl.styles import Alignment, Font
    wb = new_workbook()
    ws = wb.active
    ws.title = "회원사"
    header = ["연번", "회사명", "구분", "사업자번호", "대표자명", "상시근로자수", "매출액(천원)", "업종",
              "가입일자", "소그룹", "담당자", "전화", "이메일", "주요제품", "보유기술", "주소"]
    last = "P"
    assert len(header) == 16
    ws["A1"] = "2026년 남동 스마트그린 미니클러스터 회원사 현황"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = "기준일: 2026.11.01"
    ws["A2"].alignment = Alignment(horizontal="right")
    ws.merge_cells(f"A2:{last}2")
    for text, rng in [("기업 정보", "B3:H3"), ("회원 정보", "I3:J3"), ("연락처", "K3:M3"),
                      ("사업 분야", "N3:O3")]:
        ws[rng.split(":")[0]] = text
        ws.merge_cells(rng)
    style_header(ws, 3, len(header))
    ws.append(header)  # row 4
    style_header(ws, 4, len(header))

    text_dates = {"(주)한일정밀": "2021/3/5", "(주)동양플라텍": "21.3.5", "명성산업": "2022. 7. 1."}
    numeric_brn = {"(주)태광전자": "000-00-00000", "(주)스마트이노텍": "General"}
    row = 5
    for i, name in enumerate(TITLE_MERGED_FIRMS, start=1):
        if i == 11:
            row += 1  # the blank row in the middle (row 15)
        f = FIRMS[name]
        values = [i, f.name, f.kind, f.number(), f.ceo, f.employees, f.revenue_in("천원"), f.industry,
                  None, f.group, f.contact, f.phone, f.email, comma_list(f.products),
                  comma_list(f.techs), f.address]
        for col, v in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=v)
        ws.cell(row=row, column=7).number_format = "#,##0"
        date_cell = ws.cell(row=row, column=9)
        if name in text_dates:
            date_cell.value = text_dates[name]
        else:
            date_cell.value = dt.datetime.combine(f.joined, dt.time())
            date_cell.number_format = "yyyy-mm-dd"
        if name in numeric_brn:
            cell = ws.cell(row=row, column=4)
            cell.value = int(f.number(dashes=False))
            cell.number_format = numeric_brn[name]
        row += 1
    widths(ws, [5, 22, 8, 14, 9, 12, 14, 12, 12, 11, 9, 14, 28, 26, 26, 44])
    ws.freeze_panes = "C5"

    people = wb.create_sheet("인력")
    people.append(["성명", "소속", "직책", "휴대폰", "이메일", "전문분야"])
    style_header(people, 1, 6)
    for p in PEOPLE_SHEET:
        assert p[1] in TITLE_MERGED_FIRMS, p
        people.append(list(p))
    widths(people, [9, 22, 16, 15, 32, 22])

    notes = wb.create_sheet("메모")
    for line in [
        "※ 회원사 현황은 분기마다 갱신합니다 (다음 갱신: 2027.02).",
        "※ 매출액은 2025년 결산 기준, 단위 천원.",
        "※ 대학·지원기관은 사업자번호, 종업원수, 매출액을 적지 않습니다.",
        "※ 가입일자가 텍스트로 된 칸은 옛 명단에서 옮긴 것이라 확인이 필요합니다.",
        "문의: 클러스터 사무국 032-820-1234",
    ]:
        notes.append([line])
    widths(notes, [70])
    save_xlsx(wb, OUT / "members-title-merged.xlsx")


# ---------------------------------------------------------------- 4: duplicates

def make_duplicates():
    wb = new_workbook()
    ws = wb.active
    ws.title = "Sheet1"
    header = ["업체명", "구분", "사업자등록번호", "대표자", "종업원수", "연락처", "이메일", "가입일", "업종"]
    ws.append(header)
    style_header(ws, 1, len(header))
    dongyang, taekwang, inha, namdong, hanbit = firms(
        "(주)동양플라텍", "(주)태광전자", "인하대학교 산학협력단", "남동도금(주)", "(주)한빛레이저")
    rows = [  # (firm, dashes, phone, employees)
        (dongyang, True, dongyang.phone, dongyang.employees),      # row 2
        (taekwang, True, taekwang.phone, taekwang.employees),      # row 3
        (inha, True, inha.phone, None),                            # row 4
        (namdong, True, namdong.phone, namdong.employees),         # row 5
        (dongyang, False, "032-818-6640", 71),                     # row 6: same as row 2
        (namdong, True, "032-814-5530", 41),                       # row 7: same as row 5
        (inha, True, "032-860-9135", None),                        # row 8: same name as row 4
        (hanbit, True, hanbit.phone, hanbit.employees),            # row 9
    ]
    for f, dashes, phone, emp in rows:
        ws.append([f.name, f.kind, f.number(dashes), f.ceo, emp, phone, f.email,
                   dt.datetime.combine(f.joined, dt.time()), f.industry])
        ws.cell(row=ws.max_row, column=8).number_format = "yyyy-mm-dd"
    widths(ws, [22, 8, 14, 9, 9, 14, 28, 12, 12])
    save_xlsx(wb, OUT / "members-duplicates.xlsx")


# ---------------------------------------------------------------- 5: bad values

def make_bad_values():
    wb = new_workbook()
    ws = wb.active
    ws.title = "회원사"
    header = ["업체명", "구분", "사업자등록번호", "대표자", "종업원수", "매출액(원)", "가입일", "이메일", "비고"]
    ws.append(header)
    style_header(ws, 1, len(header))

    def date(f):
        return dt.datetime.combine(f.joined, dt.time())

    def row(f, **over):
        values = {"name": f.name, "kind": f.kind, "brn": f.number(), "ceo": f.ceo,
                  "emp": f.employees, "rev": f.revenue_in("원"), "date": date(f),
                  "email": f.email}
        values.update(over)
        return values

    F = FIRMS
    rows = [
        row(F["(주)한일정밀"], brn=brn_wrong(F["(주)한일정밀"].brn9),
            note="(a) 사업자등록번호 검증번호 오류"),
        row(F["대성금속(주)"], name="", note="(b) 업체명 누락"),
        row(F["세진테크"], date="2023.02.30", note="(c) 없는 날짜 (2월 30일)"),
        row(F["(주)동양플라텍"], date="2023-13-01", note="(d) 없는 날짜 (13월)"),
        row(F["남동도금(주)"], rev="약 5억", note="(e) 매출액이 어림값 (숫자 아님)"),
        row(F["(주)태광전자"], emp="많음", note="(f) 종업원수가 숫자 아님"),
        row(F["우진금형"], rev="3억 5천만", note="(g) 매출액 한글 단위 (= 350,000,000원, 정상)"),
        row(F["대한열처리(주)"], rev="12억", note="(h) 매출액 한글 단위 (= 1,200,000,000원, 정상)"),
        row(F["(주)그린코팅"], date=45122, note="(i) 가입일이 엑셀 일련번호 45122 (= 2023-07-15, 정상)"),
        row(F["삼원정공"], date="23.5.12", note="(j) 가입일 23.5.12 (= 2023-05-12, 정상)"),
        row(F["(주)신한엠텍"], email="sales.shinhan-mtech.co.kr", note="(k) 이메일에 @ 없음"),
        row(F["(주)경인케미칼"], note="(l) 문제 없음"),
    ]
    for r in rows:
        ws.append([r["name"], r["kind"], r["brn"], r["ceo"], r["emp"], r["rev"], r["date"],
                   r["email"], r["note"]])
        n = ws.max_row
        if isinstance(r["rev"], int):
            ws.cell(row=n, column=6).number_format = "#,##0"
        if isinstance(r["date"], dt.datetime):
            ws.cell(row=n, column=7).number_format = "yyyy-mm-dd"
    widths(ws, [20, 8, 14, 9, 9, 16, 12, 28, 46])
    save_xlsx(wb, OUT / "members-bad-values.xlsx")


# ---------------------------------------------------------------- 6: people

PEOPLE = [  # 이름, 업체명, 직위, 연락처, 이메일, 전문분야
    ("김영수", "(주)한일정밀", "대표이사", "010-5123-4401", "ys.kim@hanil-precision.co.kr", "정밀가공"),
    ("김민준", "(주)한일정밀", "품질과장", "010-2740-6618", "mj.kim@hanil-precision.co.kr", "3차원 측정"),
    ("오민재", "대성금속(주)", "영업차장", "010-8812-0347", "mj.oh@daesung-metal.co.kr", "압출 금형"),
    ("윤태호", "남동도금(주)", "대표이사", "010-3391-7725", "th.yoon@namdong-plating.co.kr", "표면처리"),
    ("이은정", "(주)동양플라텍", "연구소장", "010-4410-2296", "ej.lee@dongyang-platech.co.kr", "사출성형 해석"),
    ("김민준", "(주)태광전자", "책임연구원", "010-7781-5520", "mj.kim@taekwang-elec.co.kr", "임베디드 SW"),
    ("노태윤", "(주)미래전장", "생산부장", "010-6035-1184", "ty.noh@mirae-jj.co.kr", "와이어 하네스"),
    ("정다은", "인천테크노파크", "선임", "010-2298-5473", "de.jung@itp.or.kr", "스마트공장 지원사업"),
    ("임광수", "동아공업사", "대표", "010-5547-8820", "donga1988@donga-ind.co.kr", "바렐 도금"),
    ("박성호", "", "교수", "010-9182-3365", "weldlab.park77@naver.com", "용접공학, 접합"),
]


def make_people():
    wb = new_workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["이름", "업체명", "직위", "연락처", "이메일", "전문분야"])
    style_header(ws, 1, 6)
    for p in PEOPLE:
        assert p[1] == "" or p[1] in TITLE_MERGED_FIRMS, p
        ws.append([v if v != "" else None for v in p])
    widths(ws, [9, 22, 12, 15, 32, 22])
    save_xlsx(wb, OUT / "people.xlsx")


# ---------------------------------------------------------------- 7: xls and ods

PLAIN_HEADER = ["업체명", "구분", "사업자등록번호", "대표자", "종업원수", "매출액(백만원)", "가입일",
                "연락처", "이메일", "주요제품", "업종"]


def plain_values(f):
    return [f.name, f.kind, f.number(), f.ceo, f.employees, f.revenue, f.joined, f.phone,
            f.email, comma_list(f.products), f.industry]


def make_xls():
    try:
        import xlwt
    except ImportError:
        print("members.xls skipped: xlwt is not installed (pip install xlwt)")
        return
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("회원사")
    bold = xlwt.easyxf("font: bold on")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    money = xlwt.easyxf(num_format_str="#,##0")
    for col, h in enumerate(PLAIN_HEADER):
        sheet.write(0, col, h, bold)
    for r, f in enumerate(firms("(주)한일정밀", "대성금속(주)", "(주)동양플라텍", "남동도금(주)",
                                "(주)태광전자", "우진금형"), start=1):
        for col, v in enumerate(plain_values(f)):
            if isinstance(v, dt.date):
                sheet.write(r, col, v, date_style)
            elif col == 5:
                sheet.write(r, col, v, money)
            else:
                sheet.write(r, col, v)
    buf = io.BytesIO()
    book.save(buf)
    (OUT / "members.xls").write_bytes(buf.getvalue())


def make_ods():
    try:
        from odf.opendocument import OpenDocumentSpreadsheet
        from odf.table import Table, TableCell, TableRow
        from odf.text import P
    except ImportError:
        print("members.ods skipped: odfpy is not installed (pip install odfpy)")
        return
    doc = OpenDocumentSpreadsheet()
    table = Table(name="회원사")

    def cell(v):
        if v is None or v == "":
            return TableCell()
        if isinstance(v, dt.date):
            c = TableCell(valuetype="date", datevalue=v.isoformat())
            c.addElement(P(text=v.isoformat()))
        elif isinstance(v, int):
            c = TableCell(valuetype="float", value=str(v))
            c.addElement(P(text=f"{v:,}"))
        else:
            c = TableCell(valuetype="string")
            c.addElement(P(text=v))
        return c

    header = TableRow()
    for h in PLAIN_HEADER:
        header.addElement(cell(h))
    table.addElement(header)
    for f in firms("(주)신한엠텍", "대한열처리(주)", "(주)그린코팅", "삼원정공", "(주)스마트이노텍",
                   "(주)경인케미칼"):
        tr = TableRow()
        for v in plain_values(f):
            tr.addElement(cell(v))
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    buf = io.BytesIO()
    doc.write(buf)
    (OUT / "members.ods").write_bytes(normalize_zip(buf.getvalue()))


# ---------------------------------------------------------------- 8: password

def simple_member_workbook(names, header=PLAIN_HEADER):
    wb = new_workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(header)
    for f in firms(*names):
        ws.append(plain_values(f))
        ws.cell(row=ws.max_row, column=7).number_format = "yyyy-mm-dd"
    return wb


def make_password():
    try:
        import msoffcrypto.format.ooxml as ooxml
        import msoffcrypto.method.container.ecma376_encrypted as container
        import msoffcrypto.method.ecma376_agile as agile
    except ImportError:
        print("members-password.xlsx skipped: msoffcrypto-tool is not installed")
        return
    plain = xlsx_bytes(simple_member_workbook(["(주)한일정밀", "대성금속(주)", "세진테크"]))
    # The salts and keys come from secrets.token_bytes and the container's times from
    # datetime.now(); both are pinned so the committed file does not change on every run
    # (the password of a test fixture is no secret anyway).
    rng = random.Random(1234)

    class FixedDatetime(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return FIXED_TIME

    saved = (agile._random_buffer, container.datetime)
    agile._random_buffer = rng.randbytes
    container.datetime = FixedDatetime
    try:
        out = io.BytesIO()
        ooxml.OOXMLFile(io.BytesIO(plain)).encrypt("1234", out)
    finally:
        agile._random_buffer, container.datetime = saved
    (OUT / "members-password.xlsx").write_bytes(out.getvalue())


# ---------------------------------------------------------------- 9: broken and empty

def make_broken():
    ihdr = struct.pack(">IIBBBBB", 640, 480, 8, 6, 0, 0, 0)
    png = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr
           + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)))
    junk = random.Random(7).randbytes(320 - len(png))
    (OUT / "not-a-spreadsheet.xlsx").write_bytes(png + junk)
    (OUT / "empty.csv").write_bytes(b"")
    wb = new_workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["업체명", "구분", "사업자등록번호", "대표자", "종업원수", "매출액(백만원)", "가입일",
               "소그룹", "담당자", "연락처", "이메일", "주요제품", "보유기술", "주소", "업종"])
    save_xlsx(wb, OUT / "header-only.xlsx")


# ---------------------------------------------------------------- 10: a large list

SYLLABLES = [("한", "han"), ("일", "il"), ("대", "dae"), ("성", "sung"), ("세", "se"), ("진", "jin"),
             ("동", "dong"), ("양", "yang"), ("태", "tae"), ("광", "kwang"), ("우", "woo"),
             ("신", "shin"), ("삼", "sam"), ("원", "won"), ("명", "myung"), ("미", "mi"),
             ("래", "rae"), ("청", "chung"), ("경", "kyung"), ("인", "in"), ("화", "hwa"),
             ("영", "young"), ("창", "chang"), ("현", "hyun"), ("보", "bo"), ("국", "kuk"),
             ("제", "je"), ("정", "jung"), ("금", "keum"), ("남", "nam"), ("해", "hae"),
             ("수", "soo"), ("유", "yu"), ("상", "sang"), ("용", "yong"), ("재", "jae"),
             ("도", "do"), ("건", "gun"), ("호", "ho"), ("아", "a")]
SUFFIXES = [  # name suffix, roman, industry, products, technologies
    ("정밀", "precision", "기계부품", ["자동차 부품", "정밀 샤프트", "금형 부품", "유압 피팅"],
     ["CNC 정밀가공", "5축 가공", "연삭"]),
    ("금속", "metal", "금속가공", ["알루미늄 압출재", "방열판", "판금 부품"], ["압출", "절단", "용접"]),
    ("테크", "tech", "금속가공", ["프레스 부품", "센서 브래킷", "브래킷"], ["프레스 가공", "레이저 마킹"]),
    ("산업", "ind", "플라스틱 사출", ["가전 부품", "자동차 내장재", "커넥터 하우징"],
     ["정밀 사출성형", "이중사출"]),
    ("전자", "elec", "전자부품", ["PCB 어셈블리", "센서 모듈", "전원 공급장치"], ["SMT 실장", "AOI 검사"]),
    ("기계", "mech", "기계부품", ["감속기", "기어", "컨베이어"], ["기어 연삭", "조립"]),
    ("화학", "chem", "화학", ["절삭유", "세척제", "도료"], ["배합", "폐유 재생"]),
    ("엔지니어링", "eng", "자동화장비", ["공장자동화 장비", "비전 검사기", "지그"],
     ["머신비전", "PLC 제어", "로봇 티칭"]),
    ("금형", "mold", "금형", ["사출 금형", "프레스 금형"], ["핫러너 설계", "금형 해석"]),
    ("도금", "plating", "도금", ["아연도금", "니켈도금", "크롬도금"], ["무전해 니켈도금", "바렐 도금"]),
    ("하이텍", "hitech", "전자부품", ["LED 모듈", "와이어 하네스"], ["하네스 자동 압착", "전장 시험"]),
    ("공업", "ind", "금속가공", ["볼트", "너트", "용접 구조물"], ["단조", "열처리"]),
    ("엠텍", "mtech", "기계부품", ["유압 실린더 부품", "감속기"], ["CNC 밀링", "정밀 측정"]),
    ("열처리", "ht", "열처리", ["침탄 열처리", "고주파 열처리"], ["진공 열처리", "경도 시험"]),
]
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = ["영수", "정호", "민석", "지훈", "성민", "현우", "동현", "상철", "미경", "수진", "은정",
         "재원", "태호", "경민", "승현", "준혁", "혜진", "광수", "병철", "명숙", "지은", "소연"]
ROADS = ["남동서로", "남동대로", "앵고개로", "능허대로", "청능대로", "은봉로", "호구포로", "고잔로"]
DONGS = ["고잔동", "남촌동", "논현동", "도림동"]
GROUPS = ["스마트공정", "친환경소재", "전장부품", "표면처리"]
OFFICES = ["131", "137", "122", "139", "121"]
MIDDLES = ["81", "86", "87", "05", "12", "23", "31", "47", "58", "62"]


def large_rows(n):
    rng = random.Random(20261101)
    capacity = len(OFFICES) * len(MIDDLES) * 10_000
    if n > capacity:
        sys.exit(f"--large supports at most {capacity} rows")
    seen_names = set()
    for i in range(n):
        office = OFFICES[i % len(OFFICES)]
        middle = MIDDLES[(i // len(OFFICES)) % len(MIDDLES)]
        serial = (i // (len(OFFICES) * len(MIDDLES)) * 7919 + 1234) % 10_000  # a bijection
        number = brn(f"{office}{middle}{serial:04d}", dashes=rng.random() < 0.8)
        corporate = middle in ("81", "86", "87")
        while True:
            (s1, r1), (s2, r2) = rng.sample(SYLLABLES, 2)
            suffix, roman, industry, products, techs = rng.choice(SUFFIXES)
            stem = s1 + s2 + suffix
            name = (rng.choice(["(주)" + stem, stem + "(주)", "주식회사 " + stem])
                    if corporate else stem)
            if stem not in seen_names:
                break
            if len(seen_names) > 20_000:  # the combinations run out: number them
                stem += str(i)
                name = "(주)" + stem if corporate else stem
                break
        seen_names.add(stem)
        domain = f"{r1}{r2}-{roman}.co.kr"
        kind = "기업" if rng.random() < 0.97 else "컨설팅"
        employees = max(1, int(rng.lognormvariate(3.0, 0.8)))
        revenue = max(50, int(employees * rng.uniform(80, 260)))  # 백만원
        joined = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4322))  # to 2026-10-31
        ceo = rng.choice(SURNAMES) + rng.choice(GIVEN)
        contact = rng.choice([ceo, rng.choice(SURNAMES) + rng.choice(GIVEN)])
        address = (f"인천광역시 남동구 {rng.choice(ROADS)} {rng.randrange(10, 700)} "
                   f"({rng.choice(DONGS)})")
        yield [name, kind, number, ceo, employees, revenue, joined, rng.choice(GROUPS), contact,
               f"032-8{rng.randrange(10, 100)}-{rng.randrange(10000):04d}",
               rng.choice(["info", "sales", "contact", r1 + r2]) + "@" + domain,
               comma_list(rng.sample(products, 2)), comma_list(rng.sample(techs, rng.randint(1, 2))),
               address, industry]


def make_large(n, path):
    from openpyxl.cell import WriteOnlyCell
    wb = new_workbook(write_only=True)
    ws = wb.create_sheet("회원사")
    ws.append(["업체명", "구분", "사업자등록번호", "대표자", "종업원수", "매출액(백만원)", "가입일",
               "소그룹", "담당자", "연락처", "이메일", "주요제품", "보유기술", "주소", "업종"])
    for row in large_rows(n):
        money = WriteOnlyCell(ws, value=row[5])
        money.number_format = "#,##0"
        row[5] = money
        ws.append(row)
    save_xlsx(wb, pathlib.Path(path))
    print(f"{path}: {n} rows")


# ---------------------------------------------------------------- --check

def check():
    import openpyxl

    def summarize_sheet(ws, header_row=1):
        header = [c.value for c in ws[header_row]]
        data = [r for r in ws.iter_rows(min_row=header_row + 1, values_only=True)
                if any(v not in (None, "") for v in r)]
        return header, data

    def show(name, detail):
        size = (OUT / name).stat().st_size
        print(f"{name} ({size} bytes): {detail}")

    for name, enc, delim in [("members-cp949.csv", "cp949", ","),
                             ("members-semicolon-utf8bom.csv", "utf-8-sig", ";"),
                             ("members-tab.txt", "utf-8", "\t")]:
        raw = (OUT / name).read_bytes()
        with open(OUT / name, encoding=enc, newline="") as f:
            rows = list(csv.reader(f, delimiter=delim))
        assert all(len(r) == len(rows[0]) for r in rows), name
        numbers = [r[2] for r in rows[1:] if r[2]]
        assert all(brn_is_valid(x) for x in numbers), name
        crlf = raw.count(b"\r\n")
        bom = raw.startswith(b"\xef\xbb\xbf")
        show(name, f"{enc}, bom={bom}, crlf lines={crlf}, "
                   f"header={rows[0]}, rows={len(rows) - 1}")
    try:
        (OUT / "members-cp949.csv").read_bytes().decode("euc-kr")
        print("  !! members-cp949.csv decodes as strict EUC-KR")
    except UnicodeDecodeError as e:
        print(f"  strict EUC-KR decoding fails as intended: {e.reason} at byte {e.start}")

    for name, header_rows in [("members-title-merged.xlsx", {"회원사": 4}),
                              ("members-duplicates.xlsx", {}), ("members-bad-values.xlsx", {}),
                              ("people.xlsx", {}), ("header-only.xlsx", {})]:
        wb = openpyxl.load_workbook(OUT / name)
        parts = []
        for ws in wb.worksheets:
            header, data = summarize_sheet(ws, header_rows.get(ws.title, 1))
            parts.append(f"[{ws.title}] header={header} rows={len(data)}"
                         + (f" merged={sorted(str(m) for m in ws.merged_cells.ranges)}"
                            if ws.merged_cells.ranges else ""))
        show(name, "; ".join(parts))
        if name in ("members-duplicates.xlsx", "members-bad-values.xlsx"):
            ws = wb.worksheets[0]
            for r in ws.iter_rows(min_row=2):
                value = r[2].value
                state = "" if not value else ("valid" if brn_is_valid(value) else "CHECK DIGIT WRONG")
                extra = f" | {r[-1].value}" if name == "members-bad-values.xlsx" else \
                    f" | {r[5].value} | {r[4].value} employees"
                print(f"  row {r[0].row}: {r[0].value!r} {value!r} {state}{extra}")

    ws = openpyxl.load_workbook(OUT / "members-title-merged.xlsx")["회원사"]
    for row in range(5, 26):
        d, b = ws.cell(row=row, column=9), ws.cell(row=row, column=4)
        if not isinstance(d.value, dt.datetime) or not isinstance(b.value, str):
            print(f"  회원사 row {row}: 가입일자={d.value!r} ({d.number_format}), "
                  f"사업자번호={b.value!r} ({b.number_format})")

    try:
        import xlrd
        book = xlrd.open_workbook(OUT / "members.xls")
        sh = book.sheet_by_index(0)
        show("members.xls", f"[{sh.name}] header={sh.row_values(0)} rows={sh.nrows - 1} "
                            f"first date={xlrd.xldate_as_datetime(sh.cell_value(1, 6), book.datemode)}")
    except ImportError:
        show("members.xls", "not read back: xlrd is not installed")
    from odf.opendocument import load
    from odf.table import Table, TableRow
    doc = load(str(OUT / "members.ods"))
    table = doc.spreadsheet.getElementsByType(Table)[0]
    rows = [[str(c) for c in tr.childNodes] for tr in table.getElementsByType(TableRow)]
    show("members.ods", f"[{table.getAttribute('name')}] header={rows[0]} rows={len(rows) - 1}")

    import msoffcrypto
    with open(OUT / "members-password.xlsx", "rb") as f:
        office = msoffcrypto.OfficeFile(f)
        office.load_key(password="1234")
        plain = io.BytesIO()
        office.decrypt(plain)
    ws = openpyxl.load_workbook(plain).active
    header, data = summarize_sheet(ws)
    show("members-password.xlsx", f"encrypted={office.is_encrypted()}, decrypted with 1234: "
                                  f"[{ws.title}] header={header} rows={len(data)}")
    raw = (OUT / "not-a-spreadsheet.xlsx").read_bytes()
    show("not-a-spreadsheet.xlsx", f"starts {raw[:8]!r}, zip={zipfile.is_zipfile(OUT / 'not-a-spreadsheet.xlsx')}")
    show("empty.csv", "empty")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--large", nargs=2, metavar=("N", "PATH"),
                    help="write an N-row member list to PATH (for benchmarks) and nothing else")
    ap.add_argument("--check", action="store_true", help="read every sample back and summarize")
    args = ap.parse_args()
    if args.large:
        make_large(int(args.large[0]), args.large[1])
        return
    if args.check:
        check()
        return
    OUT.mkdir(parents=True, exist_ok=True)
    for make in [make_cp949_csv, make_semicolon_csv, make_tab_txt, make_title_merged,
                 make_duplicates, make_bad_values, make_people, make_xls, make_ods,
                 make_password, make_broken]:
        make()
    print(f"wrote {len(list(OUT.iterdir()))} files in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
