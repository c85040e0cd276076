import { describe, expect, it } from "vitest";
import { COMMIT_AFTER_MS, COMMIT_IDLE_MS, DRAFT_EVERY_MS, MinutesAutosave, type MinutesText, type SaveState, type Timers } from "./minutes-autosave";

/** A clock and timers the test moves by hand. */
class FakeTimers implements Timers {
  time = 0;
  private next = 1;
  private pending = new Map<number, { at: number; f: () => void }>();
  now() { return this.time; }
  setTimeout(f: () => void, ms: number) { const id = this.next++; this.pending.set(id, { at: this.time + ms, f }); return id; }
  clearTimeout(id: number) { this.pending.delete(id); }
  async advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].f();
      await flush();
    }
    this.time = end;
    await flush();
  }
}

const flush = async () => { for (let i = 0; i < 10; i++) await Promise.resolve(); };

function setup() {
  const timers = new FakeTimers();
  const drafts: MinutesText[] = [];
  const commits: MinutesText[] = [];
  const bases: { draft: MinutesText[]; commit: MinutesText[] } = { draft: [], commit: [] };
  const states: SaveState[] = [];
  let fail: string | null = null;
  const saver = new MinutesAutosave(
    { minutes: "", decisions: "" },
    {
      draft: async (text, base) => { if (fail) throw { code: "validation", message: fail }; drafts.push(text); bases.draft.push(base); return new Date(timers.time).toISOString(); },
      commit: async (text, base) => { if (fail) throw { code: "validation", message: fail }; commits.push(text); bases.commit.push(base); return new Date(timers.time).toISOString(); },
    },
    (s) => states.push(s),
    timers,
  );
  return { timers, drafts, commits, bases, states, saver, setFail: (m: string | null) => { fail = m; } };
}

/** Types `text` one character at a time, `gap` ms apart. */
async function type(h: ReturnType<typeof setup>, text: string, gap: number, start = "") {
  let typed = start;
  for (const c of text) {
    typed += c;
    h.saver.edit({ minutes: typed, decisions: "" });
    await flush();
    await h.timers.advance(gap);
  }
  return typed;
}

describe("minutes autosave", () => {
  it("tells every write which text the typing started from: the last logged save", async () => {
    const h = setup();
    const first = await type(h, "가나", 100);
    await h.saver.commit();
    expect(h.bases.draft.every((b) => b.minutes === "")).toBe(true);
    expect(h.bases.commit).toEqual([{ minutes: "", decisions: "" }]);
    const drafted = h.bases.draft.length;
    await type(h, "다라", DRAFT_EVERY_MS + 100, first);
    await h.saver.commit();
    expect(h.bases.draft.length).toBeGreaterThan(drafted);
    expect(h.bases.draft.slice(drafted).every((b) => b.minutes === "가나")).toBe(true);
    expect(h.bases.commit[1]).toEqual({ minutes: "가나", decisions: "" });
    expect(h.commits[1].minutes).toBe("가나다라");
  });

  it("drafts steady typing that never pauses, so at most the last moment is only in memory", async () => {
    const h = setup();
    const typed = await type(h, "원료 공동구매 현황 공유와 캘러스 배양액 시험성적서 검토", 150);
    // At every moment the newest draft is at most DRAFT_EVERY_MS of typing behind.
    const lastDraft = h.drafts[h.drafts.length - 1].minutes;
    expect(typed.length - lastDraft.length).toBeLessThanOrEqual(Math.ceil(DRAFT_EVERY_MS / 150) + 1);
    expect(h.commits).toHaveLength(0);
    expect(h.drafts.length).toBeLessThan(typed.length);
  });

  it("ends a typing session with one logged save: on demand, after a pause, or after a long session", async () => {
    const h = setup();
    const typed = await type(h, "첫 줄", 200);
    await h.saver.commit();
    expect(h.commits.map((c) => c.minutes)).toEqual([typed]);
    await h.saver.commit();
    expect(h.commits).toHaveLength(1);

    const more = await type(h, " 둘째", 200, typed);
    await h.timers.advance(COMMIT_IDLE_MS);
    expect(h.commits.map((c) => c.minutes)).toEqual([typed, more]);

    let long = more;
    const keys = Math.ceil(COMMIT_AFTER_MS / 1000) + 2;
    long = await type(h, "가".repeat(keys), 1000, long);
    expect(h.commits.length).toBe(3);
    expect(long.startsWith(h.commits[2].minutes)).toBe(true);
  });

  it("says saving while the screen holds more than the disk, and saved only when they agree", async () => {
    const h = setup();
    h.saver.edit({ minutes: "가", decisions: "" });
    expect(h.states[h.states.length - 1]).toEqual({ kind: "saving" });
    await flush();
    expect(h.states[h.states.length - 1].kind).toBe("saved");
    h.saver.edit({ minutes: "가나", decisions: "" });
    expect(h.states[h.states.length - 1]).toEqual({ kind: "saving" });
    expect(h.saver.clean).toBe(false);
    await h.timers.advance(DRAFT_EVERY_MS);
    expect(h.states[h.states.length - 1].kind).toBe("saved");
    expect(h.saver.clean).toBe(true);
  });

  it("reports a refused save with its reason and does not claim it saved", async () => {
    const h = setup();
    h.setFail("회의록은 500 KB까지 쓸 수 있습니다.");
    h.saver.edit({ minutes: "x", decisions: "" });
    await flush();
    expect(h.states[h.states.length - 1]).toEqual({ kind: "failed", message: "회의록은 500 KB까지 쓸 수 있습니다." });
    h.setFail(null);
    await h.timers.advance(DRAFT_EVERY_MS);
    h.saver.edit({ minutes: "xy", decisions: "" });
    await flush();
    expect(h.states[h.states.length - 1].kind).toBe("saved");
  });

  it("saves a draft whose text went back to the saved one, so no stale draft is left", async () => {
    const h = setup();
    h.saver.edit({ minutes: "a", decisions: "" });
    await flush();
    h.saver.edit({ minutes: "", decisions: "" });
    await h.saver.commit();
    expect(h.commits).toEqual([{ minutes: "", decisions: "" }]);
  });
});
