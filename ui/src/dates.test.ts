import { describe, expect, it } from "vitest";
import { addDays, addMonths, mondayOf, seoulDateTime, splitSeoul, todaySeoul } from "./dates";

describe("calendar arithmetic", () => {
  it("finds the Monday of a week and moves by days and months", () => {
    expect(mondayOf("2026-11-25")).toBe("2026-11-23");
    expect(mondayOf("2026-11-29")).toBe("2026-11-23");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addMonths("2026-11-25", 2)).toBe("2027-01-01");
  });
  it("works in Seoul time", () => {
    expect(todaySeoul(new Date("2026-11-24T16:00:00Z"))).toBe("2026-11-25");
    expect(seoulDateTime("2026-11-25", "14:00")).toBe("2026-11-25T14:00:00+09:00");
    expect(splitSeoul("2026-11-25T05:00:00Z")).toEqual({ date: "2026-11-25", time: "14:00" });
  });
});
