import { describe, expect, it } from "vitest";
import { clockTime, longDate, monthTitle, shortDate, weekdayHeaders, wonDigits, wonText } from "./format";

describe("money", () => {
  it("shows grants exactly in Korean units", () => {
    expect(wonText(105_000_000)).toBe("1억 500만 원");
    expect(wonText(70_000_000)).toBe("7,000만 원");
    expect(wonText(123_456_789)).toBe("1억 2,345만 6,789원");
    expect(wonText(110_000_001)).toBe("1억 1,000만 1원");
    expect(wonText(0)).toBe("0원");
  });
  it("shows digits grouped by thousands", () => {
    expect(wonDigits(105_000_000)).toBe("105,000,000원");
    expect(wonDigits(105_000_000, "en")).toBe("KRW 105,000,000");
  });
});

describe("dates", () => {
  it("uses the Korean short and long forms in Seoul time", () => {
    expect(shortDate("2026-11-25")).toBe("2026. 11. 25.");
    expect(longDate("2026-11-25")).toBe("2026년 11월 25일 수요일");
    // 23:30 UTC on the 24th is already the 25th in Seoul.
    expect(shortDate("2026-11-24T23:30:00Z")).toBe("2026. 11. 25.");
    expect(clockTime("2026-11-25T14:05:00+09:00")).toBe("14:05");
  });
  it("has an English form", () => {
    expect(shortDate("2026-11-25", "en")).toBe("2026-11-25");
    expect(longDate("2026-11-25", "en")).toContain("November 2026");
  });
});

describe("calendar headings", () => {
  it("names the month as people write it, never as ISO text", () => {
    expect(monthTitle("2026-11-29")).toBe("2026년 11월");
    expect(monthTitle("2026-01")).toBe("2026년 1월");
    expect(monthTitle("2026-11-29", "en")).toBe("November 2026");
  });
  it("starts the week on Monday", () => {
    expect(weekdayHeaders()).toEqual(["월", "화", "수", "목", "금", "토", "일"]);
  });
});
