// When the minutes editor writes to disk, and what its status line may truthfully say.
//
// Two kinds of write (see desk_core::minutes_draft):
// - a draft, every DRAFT_EVERY_MS at most while the manager types: on disk, not logged, so a
//   crash loses at most about half a second of typing;
// - a logged save that ends a typing session: when the editor loses focus, the page or the
//   window closes, typing pauses for COMMIT_IDLE_MS, or a session has run COMMIT_AFTER_MS.
//   One session becomes one history row instead of one per pause.
// Writes run one at a time in order, so an older draft can never land after a newer save.

/** The two texts of a meeting that the editor keeps. */
export interface MinutesText {
  minutes: string;
  decisions: string;
}

/** Where the text goes; both resolve to when it reached the disk (RFC 3339). `base` is
 *  the text the manager's edits started from (the last logged save, or the text the page
 *  opened with): what sync merged into the record meanwhile is kept by the core. */
export interface MinutesBackend {
  draft(text: MinutesText, base: MinutesText): Promise<string>;
  commit(text: MinutesText, base: MinutesText): Promise<string>;
}

/** What the status line shows: the truth about what is on disk. */
export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "failed"; message: string };

/** The timers the editor uses; tests pass fake ones. */
export interface Timers {
  now(): number;
  setTimeout(f: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

export const DRAFT_EVERY_MS = 400;
export const COMMIT_IDLE_MS = 60_000;
export const COMMIT_AFTER_MS = 180_000;

const browserTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (f, ms) => window.setTimeout(f, ms),
  clearTimeout: (id) => window.clearTimeout(id),
};

const same = (a: MinutesText, b: MinutesText) => a.minutes === b.minutes && a.decisions === b.decisions;

export class MinutesAutosave {
  private text: MinutesText;
  /** The newest text known to be on disk, as a draft or as the record. */
  private onDisk: MinutesText;
  /** The text of the last logged save. */
  private committed: MinutesText;
  /** Whether the journal holds a draft that no logged save has replaced yet. */
  private draftWaiting = false;
  private lastDraftStart = -Infinity;
  private sessionStart: number | null = null;
  private draftTimer: number | null = null;
  private idleTimer: number | null = null;
  private queue: Promise<void> = Promise.resolve();
  private savedAt: string | null = null;
  private failure: string | null = null;

  constructor(
    initial: MinutesText,
    private readonly backend: MinutesBackend,
    private readonly onState: (state: SaveState) => void,
    private readonly timers: Timers = browserTimers,
  ) {
    this.text = initial;
    this.onDisk = initial;
    this.committed = initial;
  }

  /** The manager typed: remember the text, draft it soon, and end the session in time. */
  edit(text: MinutesText) {
    this.text = text;
    const now = this.timers.now();
    if (this.sessionStart === null) this.sessionStart = now;
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = this.timers.setTimeout(() => {
      this.idleTimer = null;
      void this.commit();
    }, COMMIT_IDLE_MS);
    if (now - this.sessionStart >= COMMIT_AFTER_MS) {
      void this.commit();
    } else if (now - this.lastDraftStart >= DRAFT_EVERY_MS) {
      void this.draft();
    } else if (this.draftTimer === null) {
      this.draftTimer = this.timers.setTimeout(() => {
        this.draftTimer = null;
        void this.draft();
      }, this.lastDraftStart + DRAFT_EVERY_MS - now);
    }
    this.report();
  }

  /** Writes the current text as a draft (unless it is on disk already). */
  draft(): Promise<void> {
    this.lastDraftStart = this.timers.now();
    return this.enqueue(async () => {
      const text = this.text;
      if (same(text, this.onDisk)) return;
      this.savedAt = await this.backend.draft(text, this.committed);
      this.onDisk = text;
      this.draftWaiting = true;
    });
  }

  /** Ends the typing session: one logged save of the current text, if anything changed. */
  commit(): Promise<void> {
    this.clearTimers();
    this.sessionStart = null;
    return this.enqueue(async () => {
      const text = this.text;
      if (same(text, this.committed) && !this.draftWaiting) return;
      this.savedAt = await this.backend.commit(text, this.committed);
      this.onDisk = text;
      this.committed = text;
      this.draftWaiting = false;
    });
  }

  /** Whether everything on screen is on disk. */
  get clean(): boolean {
    return same(this.text, this.onDisk) && this.failure === null;
  }

  private clearTimers() {
    if (this.draftTimer !== null) this.timers.clearTimeout(this.draftTimer);
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.draftTimer = null;
    this.idleTimer = null;
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(async () => {
      try {
        await write();
        this.failure = null;
      } catch (error) {
        this.failure = messageOf(error);
      }
      this.report();
    });
    return this.queue;
  }

  private report() {
    if (this.failure !== null) this.onState({ kind: "failed", message: this.failure });
    else if (!same(this.text, this.onDisk)) this.onState({ kind: "saving" });
    else if (this.savedAt !== null) this.onState({ kind: "saved", at: this.savedAt });
    else this.onState({ kind: "idle" });
  }
}

function messageOf(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) return String((error as { message: unknown }).message);
  return String(error);
}
