// Attachments of a record: thumbnails for photos, names for other files, and adding more.
import { useEffect, useState } from "preact/hooks";
import { api, readFile, toApiError } from "../api";
import type { Attachment } from "../bindings/Attachment";
import type { ApiError } from "../bindings/ApiError";
import type { Translate } from "../i18n";

export function Thumbnail(props: { attachment: Attachment }) {
  const [src, setSrc] = useState<string | null>(null);
  const a = props.attachment;
  const image = a.media_type.startsWith("image/");
  useEffect(() => {
    if (image) api.attachmentData(a.content_hash).then((b64) => setSrc(`data:${a.media_type};base64,${b64}`), () => setSrc(null));
  }, [a.content_hash]);
  return (
    <figure class="thumb" title={a.file_name}>
      {image && src ? <img src={src} alt={a.file_name} /> : <div class="file-icon">{a.file_name.split(".").pop()}</div>}
      <figcaption>{a.file_name}</figcaption>
    </figure>
  );
}

export function Attachments(props: { recordTable: string; recordId: string; t: Translate; initial?: Attachment[] }) {
  const [items, setItems] = useState<Attachment[]>(props.initial ?? []);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!props.initial) api.recordAttachments(props.recordId).then(setItems, (e) => setError(toApiError(e)));
  }, [props.recordId]);
  async function add(files: FileList | null) {
    setError(null);
    for (const file of Array.from(files ?? [])) {
      try {
        const stored = await api.attachFile(props.recordTable, props.recordId, await readFile(file));
        setItems((prev) => [...prev, stored]);
      } catch (e) {
        setError(toApiError(e));
      }
    }
  }
  return (
    <div class="attachments">
      <div class="thumbs">
        {items.map((a) => <Thumbnail key={a.id} attachment={a} />)}
      </div>
      {error && <div class="field-error" role="alert">{error.message}</div>}
      <label class="button">
        {props.t("visit.files")}
        <input type="file" multiple class="visually-hidden" onChange={(e) => void add((e.currentTarget as HTMLInputElement).files)} />
      </label>
    </div>
  );
}
