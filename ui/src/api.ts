// Typed calls into the Rust shell. Every command's argument and result types come from
// ui/src/bindings (generated from Rust); a failure arrives as an ApiError {code, message}.
import { invoke } from "@tauri-apps/api/core";
import type { ApiError } from "./bindings/ApiError";
import type { AppStatus } from "./bindings/AppStatus";
import type { ClusterSummary } from "./bindings/ClusterSummary";
import type { Language } from "./bindings/Language";

/** Whether a thrown value is the shell's typed error. */
export function isApiError(value: unknown): value is ApiError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

/** Any thrown value as an ApiError, so the UI always has a code and a message. */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) return value;
  return { code: "internal", message: String(value), fields: [] };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

export const api = {
  appStatus: () => call<AppStatus>("app_status"),
  clusterSummary: () => call<ClusterSummary | null>("cluster_summary"),
  openDemoCluster: () => call<ClusterSummary | null>("open_demo_cluster"),
  setLanguage: (language: Language) => call<null>("set_language", { language }),
};
