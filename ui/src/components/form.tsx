// Form pieces: a labelled field that shows the core's validation error beside it.
import type { ComponentChildren, Ref } from "preact";
import type { ApiError } from "../bindings/ApiError";
import type { Translate } from "../i18n";

/** The error messages of a failed save, by field name. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(error: ApiError | null): FieldErrors {
  const out: FieldErrors = {};
  for (const f of error?.fields ?? []) {
    out[f.field] = out[f.field] ? `${out[f.field]} ${f.message}` : f.message;
  }
  return out;
}

export function Field(props: {
  label: string;
  name: string;
  errors: FieldErrors;
  children: ComponentChildren;
  hint?: string;
  /** Spans the whole row of a form grid (a title people write in full). */
  wide?: boolean;
}) {
  const error = props.errors[props.name];
  return (
    <label class={`field${error ? " invalid" : ""}${props.wide ? " wide" : ""}`} data-field={props.name}>
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

/**
 * The top-of-form error: a general error in full, or, when the errors belong to fields
 * (each shown beside its field), only a short summary so nothing is said twice.
 */
export function FormError(props: { error: ApiError | null; t: Translate }) {
  if (!props.error) return null;
  const count = props.error.fields.length;
  if (count === 0) {
    return (
      <div class="banner error" role="alert">
        {props.error.message}
      </div>
    );
  }
  return (
    <div class="banner error form-summary" role="alert">
      {props.t("form.checkFields", { count })}
    </div>
  );
}

/** The field error for an end that is not after its start, as soon as both are chosen. */
export function endAfterStart(startTime: string, endTime: string, t: Translate): FieldErrors {
  if (!startTime || !endTime || endTime > startTime) return {};
  return { ends_at: t("form.endAfterStart") };
}

/** Two sets of field errors as one (the core's after saving, the form's while typing). */
export function mergeErrors(a: FieldErrors, b: FieldErrors): FieldErrors {
  const out: FieldErrors = { ...a };
  for (const [field, message] of Object.entries(b)) {
    if (!out[field]?.includes(message)) out[field] = out[field] ? `${out[field]} ${message}` : message;
  }
  return out;
}

/**
 * A file button in the user's language: the browser's own control would say "no files
 * selected" in English in a Korean window.
 */
export function FilePicker(props: {
  id: string;
  label: string;
  chosen: string;
  multiple?: boolean;
  accept?: string;
  inputRef?: Ref<HTMLInputElement>;
  onFiles: (files: File[]) => void;
}) {
  return (
    <div class="file-picker">
      <label class="button">
        {props.label}
        <input
          ref={props.inputRef}
          id={props.id}
          type="file"
          class="visually-hidden"
          multiple={props.multiple}
          accept={props.accept}
          onChange={(e) => props.onFiles(Array.from((e.currentTarget as HTMLInputElement).files ?? []))}
        />
      </label>{" "}
      <span class="muted file-picker-chosen">{props.chosen}</span>
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
