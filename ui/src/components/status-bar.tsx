// The sync status bar under the header of every screen: last sync, what waits, conflicts,
// the last error in plain words, and "Sync now". It refreshes when the shell reports a
// sync attempt and every few seconds.
import { useEffect, useState } from "preact/hooks";
import { listen } from "@tauri-apps/api/event";
import { api } from "../api";
import type { SyncStatus } from "../bindings/SyncStatus";
import type { Ctx } from "../context";
import { statusLine } from "../sync-status";

const REFRESH_MS = 5000;

export function StatusBar(props: { ctx: Ctx }) {
  const { ctx } = props;
  const { t } = ctx;
  const [status, setStatus] = useState<SyncStatus | null>(null);

  async function refresh() {
    try {
      setStatus(await api.syncStatus());
    } catch {
      // The bar stays as it was; the screens show their own errors.
    }
  }

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    let unlisten: (() => void) | null = null;
    listen("sync-changed", () => void refresh()).then(
      (stop) => (unlisten = stop),
      () => undefined,
    );
    return () => {
      window.clearInterval(timer);
      unlisten?.();
    };
  }, []);

  if (!status) return null;
  const line = statusLine(status, t, ctx.language);
  return (
    <div class={`statusbar tone-${line.tone}`} id="sync-status" role="status" aria-live="polite">
      <span class="status-text">{line.parts.join(" · ")}</span>
      {status.sync.open_conflicts > 0 && (
        <button id="open-conflicts" onClick={() => ctx.go({ screen: "conflicts" })}>
          {t("nav.conflicts")}
        </button>
      )}
      {status.signed_in ? (
        <button id="sync-now" disabled={status.syncing} onClick={() => void api.syncNow().then(setStatus, () => undefined)}>
          {t("sync.now")}
        </button>
      ) : (
        <button id="open-sync-settings" onClick={() => ctx.go({ screen: "sync" })}>
          {t("sync.signIn")}
        </button>
      )}
    </div>
  );
}
