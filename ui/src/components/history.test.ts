import { describe, expect, it } from "vitest";
import { fieldLabel, showValue } from "./history";
import { translator } from "../i18n";
import { SYNCED_FIELDS } from "../bindings/SyncedFields";

describe("history values", () => {
  const t = translator("ko");
  it("name codes in the user's language, whichever record they come from", () => {
    expect(showValue("stage", "agreement", t)).toBe("선정·협약");
    expect(showValue("stage", "productisation", t)).toBe("제품화");
    expect(showValue("status", "cancelled", t)).toBe("취소됨");
    expect(showValue("status", "in_project", t)).toBe("과제 추진");
    expect(showValue("stage", "agreement", translator("en"))).toBe("Selected & agreement");
    expect(showValue("role", "expert", t)).toBe("전문가");
  });
  it("show money exactly and leave free text alone", () => {
    expect(showValue("government_won", "105000000", t)).toBe("1억 500만 원");
    expect(showValue("title", "agreement", t)).toBe("agreement");
    expect(showValue("stage", "unknown_code", t)).toBe("unknown_code");
  });
  it("show times and dates as Korean dates, never ISO text", () => {
    expect(showValue("starts_at", "2026-11-30T14:00:00+09:00", t)).toBe("2026년 11월 30일 월요일 14:00");
    expect(showValue("due_on", "2026-12-04", t)).toBe("2026년 12월 4일 금요일");
    expect(showValue("deleted", "1", t)).toBe("예");
  });
});

describe("field labels", () => {
  it("name every synced field in Korean and English, never its code", () => {
    for (const language of ["ko", "en"] as const) {
      const tr = translator(language);
      for (const [table, fields] of Object.entries(SYNCED_FIELDS)) {
        for (const field of [...fields, "deleted"]) {
          const label = fieldLabel(field, tr, table);
          expect(label, `${language}: ${table}.${field}`).not.toBe(field);
          expect(label, `${language}: ${table}.${field}`).not.toMatch(/^field\./);
        }
      }
    }
  });
  it("use a table's own meaning of a shared name", () => {
    const t = translator("ko");
    expect(fieldLabel("title", t, "person")).toBe("직함");
    expect(fieldLabel("title", t, "event")).toBe("제목");
    expect(fieldLabel("status", t, "event")).toBe("행사 상태");
  });
});
