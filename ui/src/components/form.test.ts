import { describe, expect, it } from "vitest";
import { fieldErrors, splitList } from "./form";

describe("form helpers", () => {
  it("put each core error beside its field", () => {
    const errors = fieldErrors({
      code: "validation",
      message: "",
      fields: [
        { field: "registration_number", rule: "check_digit", message: "검증번호가 맞지 않습니다." },
        { field: "name", rule: "required", message: "기관명을 입력하세요." },
      ],
    });
    expect(errors).toEqual({ registration_number: "검증번호가 맞지 않습니다.", name: "기관명을 입력하세요." });
    expect(fieldErrors(null)).toEqual({});
  });
  it("split keyword lists on Korean and Latin commas", () => {
    expect(splitList("천연 유화제, 나노 에멀전，콜라겐、 ")).toEqual(["천연 유화제", "나노 에멀전", "콜라겐"]);
  });
});
