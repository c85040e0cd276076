import { describe, expect, it } from "vitest";
import { showValue } from "./history";
import { translator } from "../i18n";

describe("history values", () => {
  const t = translator("ko");
  it("name codes in the user's language, whichever record they come from", () => {
    expect(showValue("stage", "agreement", t)).toBe("선정·협약");
    expect(showValue("stage", "productisation", t)).toBe("제품화");
    expect(showValue("status", "cancelled", t)).toBe("취소됨");
    expect(showValue("status", "in_project", t)).toBe("과제 추진");
    expect(showValue("stage", "agreement", translator("en"))).toBe("Selected & agreement");
  });
  it("show money exactly and leave free text alone", () => {
    expect(showValue("government_won", "105000000", t)).toBe("1억 500만 원");
    expect(showValue("title", "agreement", t)).toBe("agreement");
    expect(showValue("stage", "unknown_code", t)).toBe("unknown_code");
  });
});
