// Generated from the core's, the sync's and the shell's error codes by src-tauri/ipc/src/bindings.rs; never edit by hand.

export type ErrorCode = "validation" | "not_found" | "schema_too_new" | "database" | "io" | "timeout" | "certificate" | "offline" | "bad_address" | "garbled_answer" | "local" | "not_signed_in" | "http_status" | "range_ignored" | "upload_mismatch" | "file_mismatch" | "update_required" | "malformed_body" | "too_large" | "unauthorized" | "wrong_credentials" | "too_many_attempts" | "forbidden" | "rejected_changes" | "invalid_field" | "device_reused" | "internal";
