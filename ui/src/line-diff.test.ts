import { describe, expect, it } from "vitest";
import { lineDiff } from "./line-diff";

describe("lineDiff", () => {
  it("names only the lines an edit added or removed", () => {
    const before = "1. 원료 공동구매\n2. 시험성적서 검토\n3. 다음 회의";
    const after = "1. 원료 공동구매\n2. 시험성적서 검토 — 보완\n3. 다음 회의\n4. 견학 일정";
    expect(lineDiff(before, after)).toEqual([
      { kind: "removed", line: "2. 시험성적서 검토" },
      { kind: "added", line: "2. 시험성적서 검토 — 보완" },
      { kind: "added", line: "4. 견학 일정" },
    ]);
  });

  it("treats an empty text as no lines", () => {
    expect(lineDiff("", "첫 줄")).toEqual([{ kind: "added", line: "첫 줄" }]);
    expect(lineDiff("끝", "")).toEqual([{ kind: "removed", line: "끝" }]);
    expect(lineDiff("같음", "같음")).toEqual([]);
  });
});
