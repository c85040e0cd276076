import { describe, expect, it } from "vitest";
import type { Conflict } from "./bindings/Conflict";
import { groupConflicts, settleableSets, sideBySide } from "./conflict-groups";
import { lineAlignment } from "./line-diff";

function conflict(id: string, record: string, field: string, kind: Conflict["kind"], text = false): Conflict {
  return {
    id,
    table_name: field === "attendance" ? "invitee" : "event",
    record_id: record,
    record_label: `기록 ${record}`,
    field,
    kind,
    text,
    kept_value: null,
    lost_value: null,
    kept_at: "2026-12-03T05:00:00Z",
    lost_at: "2026-12-03T04:00:00Z",
    lost_device: "d",
    resolution: null,
  };
}

describe("groupConflicts", () => {
  it("puts the conflicts of one record together, in the order listed", () => {
    const list = [
      conflict("1", "e1", "minutes", "text_overlap", true),
      conflict("2", "e2", "place", "concurrent_edit"),
      conflict("3", "e1", "title", "concurrent_edit"),
    ];
    const groups = groupConflicts(list);
    expect(groups.map((g) => [g.recordId, g.conflicts.map((c) => c.id)])).toEqual([
      ["e1", ["1", "3"]],
      ["e2", ["2"]],
    ]);
    expect(groups[0].label).toBe("기록 e1");
  });
});

describe("settleableSets", () => {
  it("offers plain values of one field edited at the same time, two or more", () => {
    const list = [
      conflict("a", "i1", "attendance", "concurrent_edit"),
      conflict("b", "i2", "attendance", "concurrent_edit"),
      conflict("c", "e1", "minutes", "text_overlap", true),
      conflict("d", "e1", "place", "concurrent_edit"),
      conflict("e", "i3", "attendance", "delete_edit"),
    ];
    expect(settleableSets(list)).toEqual([{ key: "invitee.attendance", table: "invitee", field: "attendance", ids: ["a", "b"] }]);
  });
});

describe("sideBySide", () => {
  it("faces a rewritten line with its replacement and marks what only one side has", () => {
    const kept = "회의록\n안건: 포장재 단가\n참석 12명";
    const lost = "회의록\n안건: 포장재 납기\n참석 12명\n다음 회의 1월";
    expect(sideBySide(kept, lost)).toEqual([
      { kept: { text: "회의록", only: false }, lost: { text: "회의록", only: false } },
      { kept: { text: "안건: 포장재 단가", only: true }, lost: { text: "안건: 포장재 납기", only: true } },
      { kept: { text: "참석 12명", only: false }, lost: { text: "참석 12명", only: false } },
      { kept: null, lost: { text: "다음 회의 1월", only: true } },
    ]);
  });

  it("keeps every line of both versions", () => {
    const kept = "a\nb\nc\nd";
    const lost = "x\nb\ny\nz\nd\ne";
    const rows = sideBySide(kept, lost);
    expect(rows.flatMap((r) => (r.kept ? [r.kept.text] : [])).join("\n")).toBe(kept);
    expect(rows.flatMap((r) => (r.lost ? [r.lost.text] : [])).join("\n")).toBe(lost);
  });
});

describe("lineAlignment", () => {
  it("lists the shared lines once, with the head and tail", () => {
    expect(lineAlignment("a\nb\nc", "a\nx\nc")).toEqual([
      { kind: "same", line: "a" },
      { kind: "removed", line: "b" },
      { kind: "added", line: "x" },
      { kind: "same", line: "c" },
    ]);
  });
});
