import { describe, expect, it } from "vitest";
import { periodOf } from "./report-periods";

describe("report periods", () => {
  it("gives whole months, quarters and years around today", () => {
    expect(periodOf("this_month", "2026-11-29")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(periodOf("last_month", "2026-03-31")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(periodOf("this_quarter", "2026-11-29")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(periodOf("last_quarter", "2026-02-10")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(periodOf("this_year", "2026-11-29")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(periodOf("last_year", "2026-01-01")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
  });
});
