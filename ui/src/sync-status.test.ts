import { describe, expect, it } from "vitest";
import { statusLine, mergeDraft } from "./sync-status";
import { translator } from "./i18n";
import type { SyncStatus } from "./bindings/SyncStatus";

const t = translator("ko");

function status(overrides: Partial<SyncStatus["sync"]> = {}, signedIn = true, syncing = false): SyncStatus {
  return {
    signed_in: signedIn,
    syncing,
    sync: {
      server_url: "https://sync.kicox.example",
      account_name: "장매니저",
      cluster_name: "남동 화장품",
      last_success_at: "2026-11-26T01:30:00Z",
      last_error: null,
      pending_changes: 0,
      open_conflicts: 0,
      refused_changes: 0,
      demo_data: false,
      unapplied_changes: 0,
      ...overrides,
    },
  };
}

describe("statusLine", () => {
  it("says when it last synced, in Seoul time, and that nothing waits", () => {
    const line = statusLine(status(), t, "ko");
    expect(line.tone).toBe("ok");
    expect(line.parts.join(" · ")).toContain("10:30");
    expect(line.parts).toContain("모두 보냄");
  });

  it("counts waiting changes and conflicts and warns", () => {
    const line = statusLine(status({ pending_changes: 12, open_conflicts: 2 }), t, "ko");
    expect(line.tone).toBe("warn");
    expect(line.parts).toContain("보낼 변경 12건");
    expect(line.parts).toContain("확인할 충돌 2건");
  });

  it("shows the last error in the user's language", () => {
    const error = { code: "offline", message_ko: "본부 서버에 연결할 수 없습니다", message_en: "Cannot reach head office", at: "2026-11-26T02:00:00Z" };
    expect(statusLine(status({ last_error: error }), t, "ko")).toMatchObject({ tone: "error" });
    expect(statusLine(status({ last_error: error }), t, "ko").parts).toContain("본부 서버에 연결할 수 없습니다");
    expect(statusLine(status({ last_error: error }), translator("en"), "en").parts).toContain("Cannot reach head office");
  });

  it("tells a laptop that is not signed in, with what waits", () => {
    const line = statusLine(status({ pending_changes: 3 }, false), t, "ko");
    expect(line.tone).toBe("off");
    expect(line.parts[0]).toContain("로그인");
    expect(line.parts).toContain("보낼 변경 3건");
  });
});

describe("mergeDraft", () => {
  it("keeps both versions, marked", () => {
    const draft = mergeDraft("가나다", "라마바", t);
    expect(draft.indexOf("가나다")).toBeLessThan(draft.indexOf("라마바"));
    expect(draft).toContain("지금 값");
    expect(draft).toContain("다른 노트북");
  });
});

describe("statusLine on the demo cluster", () => {
  it("says it is demo data and does not call the generated history unsent work", () => {
    const line = statusLine(status({ demo_data: true, pending_changes: 0 }, false), t, "ko");
    expect(line.parts).toEqual([t("sync.notSignedIn"), "데모 데이터로 둘러보는 중"]);
    expect(line.parts.join(" ")).not.toContain("보낼 변경");
  });
});
