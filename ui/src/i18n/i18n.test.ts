import { describe, expect, it } from "vitest";
import { ko } from "./ko";
import { en } from "./en";
import { translator } from "./index";

describe("message catalogues", () => {
  it("have the same keys and no empty message", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
    for (const [key, value] of [...Object.entries(ko), ...Object.entries(en)]) {
      expect(value.trim(), key).not.toBe("");
    }
  });
  it("fill placeholders", () => {
    expect(translator("ko")("home.members", { count: 88 })).toBe("회원기관 88곳");
    expect(translator("en")("home.members", { count: 88 })).toBe("88 members");
  });
});
