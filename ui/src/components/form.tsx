// Form pieces: a labelled field that shows the core's validation error beside it.
import type { ComponentChildren } from "preact";
import type { ApiError } from "../bindings/ApiError";

/** The error messages of a failed save, by field name. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(error: ApiError | null): FieldErrors {
  const out: FieldErrors = {};
  for (const f of error?.fields ?? []) {
    out[f.field] = out[f.field] ? `${out[f.field]} ${f.message}` : f.message;
  }
  return out;
}

export function Field(props: { label: string; name: string; errors: FieldErrors; children: ComponentChildren; hint?: string }) {
  const error = props.errors[props.name];
  return (
    <label class={`field${error ? " invalid" : ""}`} data-field={props.name}>
      <span class="field-label">{props.label}</span>
      {props.children}
      {props.hint && !error && <span class="field-hint">{props.hint}</span>}
      {error && (
        <span class="field-error" role="alert" data-error-for={props.name}>
          {error}
        </span>
      )}
    </label>
  );
}

/** A general error (not tied to one field) at the top of a form. */
export function FormError(props: { error: ApiError | null }) {
  if (!props.error) return null;
  const unplaced = props.error.fields.length === 0;
  return (
    <div class="banner error" role="alert">
      {unplaced ? props.error.message : props.error.fields.map((f) => f.message).join(" ")}
    </div>
  );
}

/** `a, b, c` ⇄ ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
