// What must be saved before the window closes. The shell holds a close request, tells the
// window ("close-requested"), and ends the app once the window answers (or after a few
// seconds): each open editor registers the save that must run first.
import { listen } from "@tauri-apps/api/event";

type Save = () => Promise<void>;

const saves = new Set<Save>();

/** Registers a save to run before the window closes; returns the unregistering function. */
export function saveBeforeClose(save: Save): () => void {
  saves.add(save);
  return () => {
    saves.delete(save);
  };
}

/** Runs every registered save; one failing does not stop the others. */
export async function runSavesBeforeClose(): Promise<void> {
  await Promise.allSettled([...saves].map((save) => save()));
}

/** Answers the shell's close requests for the life of the window. */
export function answerCloseRequests(ready: () => Promise<void>): void {
  listen("close-requested", async () => {
    await runSavesBeforeClose();
    await ready();
  }).catch(() => undefined);
}
