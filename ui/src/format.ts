// Korean formats for dates and money. Grants are shown exactly, never rounded.
import type { Language } from "./bindings/Language";

const WEEKDAYS_KO = ["일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"];

function group(n: bigint | number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `105000000` → `1억 500만 원`; `6789` → `6,789원`. */
export function wonText(amount: number): string {
  if (amount === 0) return "0원";
  const negative = amount < 0;
  let rest = BigInt(Math.abs(Math.trunc(amount)));
  const parts: string[] = [];
  for (const [unit, name] of [
    [1_0000_0000_0000n, "조"],
    [1_0000_0000n, "억"],
    [1_0000n, "만"],
  ] as const) {
    const n = rest / unit;
    rest %= unit;
    if (n > 0n) parts.push(`${group(n)}${name}`);
  }
  let text = parts.join(" ");
  if (rest > 0n) text += `${text ? " " : ""}${group(rest)}원`;
  else text += " 원";
  return negative ? `-${text}` : text;
}

/** `105000000` → `105,000,000원` (Korean) or `KRW 105,000,000` (English). */
export function wonDigits(amount: number, language: Language = "ko"): string {
  const digits = group(Math.trunc(amount));
  return language === "ko" ? `${digits}원` : `KRW ${digits}`;
}

/** The Seoul calendar date of an RFC 3339 time or a `YYYY-MM-DD` date. */
function seoulParts(value: string): { y: number; m: number; d: number; weekday: number } | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-").map(Number);
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    return { y, m, d, weekday };
  }
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  const seoul = new Date(time + 9 * 3600 * 1000);
  return { y: seoul.getUTCFullYear(), m: seoul.getUTCMonth() + 1, d: seoul.getUTCDate(), weekday: seoul.getUTCDay() };
}

/** `2026. 11. 25.` (Korean short form) or `2026-11-25`. */
export function shortDate(value: string, language: Language = "ko"): string {
  const p = seoulParts(value);
  if (!p) return value;
  if (language === "ko") return `${p.y}. ${p.m}. ${p.d}.`;
  return `${p.y}-${String(p.m).padStart(2, "0")}-${String(p.d).padStart(2, "0")}`;
}

/** `2026년 11월 25일 수요일` (Korean long form) or `Wednesday, 25 November 2026`. */
export function longDate(value: string, language: Language = "ko"): string {
  const p = seoulParts(value);
  if (!p) return value;
  if (language === "ko") return `${p.y}년 ${p.m}월 ${p.d}일 ${WEEKDAYS_KO[p.weekday]}`;
  const date = new Date(Date.UTC(p.y, p.m - 1, p.d));
  return date.toLocaleDateString("en-GB", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" });
}

/** `14:00` in Seoul time. */
export function clockTime(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return "";
  const seoul = new Date(time + 9 * 3600 * 1000);
  return `${String(seoul.getUTCHours()).padStart(2, "0")}:${String(seoul.getUTCMinutes()).padStart(2, "0")}`;
}

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** `2026-11` (or any date in it) → `2026년 11월` or `November 2026`. */
export function monthTitle(value: string, language: Language = "ko"): string {
  const m = /^(\d{4})-(\d{2})/.exec(value);
  if (!m) return value;
  const month = Number(m[2]);
  return language === "ko" ? `${m[1]}년 ${month}월` : `${MONTHS_EN[month - 1]} ${m[1]}`;
}

/** The weekday names of a Monday-first calendar header. */
export function weekdayHeaders(language: Language = "ko"): string[] {
  return language === "ko" ? ["월", "화", "수", "목", "금", "토", "일"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
}
