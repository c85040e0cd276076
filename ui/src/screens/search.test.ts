import { describe, expect, it } from "vitest";
import { groupHits, routeOf } from "./search";
import type { SearchHit } from "../bindings/SearchHit";

const hit = (kind: SearchHit["kind"], id: string, parent: string | null = null): SearchHit => ({
  kind, record_id: id, title: id, snippet: [], parent_id: parent,
});

describe("search results", () => {
  it("are grouped by kind in a fixed order, keeping the ranking inside a group", () => {
    const grouped = groupHits([hit("event", "e1"), hit("member", "m1"), hit("event", "e2"), hit("member", "m2")]);
    expect(grouped.map((h) => h.record_id)).toEqual(["m1", "m2", "e1", "e2"]);
  });
  it("open the record, or where it is shown", () => {
    expect(routeOf(hit("member", "m1"))).toEqual({ screen: "member", id: "m1" });
    expect(routeOf(hit("action_item", "a1", "e9"))).toEqual({ screen: "event", id: "e9" });
    expect(routeOf(hit("person", "p1", "m3"))).toEqual({ screen: "member", id: "m3" });
    expect(routeOf(hit("issue", "i1"))).toEqual({ screen: "issues", focus: "i1" });
  });
});
