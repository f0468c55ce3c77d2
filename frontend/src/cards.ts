// What the grid shows: one card per image, whether it is known from the feed (history or push),
// from this tab's own upload, or both. Pure, so the order and wording are unit-tested.

import { compareRecords } from "./feed-merge";
import type { ImageRecord } from "./records";
import type { LocalUpload } from "./uploads";

export interface CardModel {
  /** Stable for the card's whole life, so the DOM node (and focus inside it) survives updates. */
  key: string;
  record: ImageRecord | null;
  upload: LocalUpload | null;
}

/**
 * This tab's uploads that the feed does not know yet come first (newest first); then every
 * record in feed order. A record that belongs to one of this tab's uploads keeps the upload's key.
 */
export function buildCards(records: readonly ImageRecord[], uploads: readonly LocalUpload[]): CardModel[] {
  const uploadByImage = new Map<string, LocalUpload>();
  for (const upload of uploads) if (upload.imageId) uploadByImage.set(upload.imageId, upload);
  // The push of a new record can beat the API's answer that names its id. Until that answer
  // comes, a record that looks exactly like an upload in flight is taken to be it (one card, not two).
  for (const upload of uploads) {
    if (upload.imageId || (upload.phase !== "requesting" && upload.phase !== "canceled")) continue;
    const twin = records.find(
      (record) =>
        !uploadByImage.has(record.imageId) &&
        record.fileName === upload.fileName &&
        record.size === upload.size &&
        record.contentType === upload.contentType,
    );
    if (twin) uploadByImage.set(twin.imageId, upload);
  }
  const withRecord = new Set(records.map((record) => uploadByImage.get(record.imageId)));

  const pending = uploads
    .filter((upload) => !withRecord.has(upload))
    .sort((a, b) => b.startedAt - a.startedAt || (a.localId < b.localId ? 1 : -1))
    .map((upload) => ({ key: `local-${upload.localId}`, record: null, upload }));

  const known = [...records].sort(compareRecords).map((record) => {
    const upload = uploadByImage.get(record.imageId) ?? null;
    return { key: upload ? `local-${upload.localId}` : `image-${record.imageId}`, record, upload };
  });
  return [...pending, ...known];
}

export type StatusTone = "progress" | "working" | "done" | "failed" | "muted";

export interface CardStatus {
  /** Machine-readable state, also used by the end-to-end tests (data-status). */
  state: "queued" | "uploading" | "uploaded" | "processing" | "labeled" | "failed" | "canceled" | "stale";
  text: string;
  tone: StatusTone;
  /** 0–1 while bytes are being sent, else null. */
  progress: number | null;
  /** The reason a person can read, for failures. */
  detail: string | null;
}

/** An "uploading" record this old never got its bytes (presigned URLs live minutes, not this long). */
export const staleUploadMs = 15 * 60 * 1000;

export function cardStatus(card: CardModel, now: number): CardStatus {
  const { record, upload } = card;
  if (record && (record.status === "labeled" || record.status === "failed" || record.status === "processing")) {
    if (record.status === "labeled") {
      return { state: "labeled", text: "Labeled", tone: "done", progress: null, detail: null };
    }
    if (record.status === "failed") {
      const detail = record.error?.message || "The image could not be labeled.";
      return { state: "failed", text: "Failed", tone: "failed", progress: null, detail };
    }
    return { state: "processing", text: "Finding labels…", tone: "working", progress: null, detail: null };
  }
  if (upload) {
    switch (upload.phase) {
      case "queued":
        return { state: "queued", text: "Waiting to upload", tone: "muted", progress: 0, detail: null };
      case "requesting":
        return { state: "uploading", text: "Starting upload…", tone: "progress", progress: 0, detail: null };
      case "uploading": {
        const ratio = upload.total > 0 ? Math.min(1, upload.loaded / upload.total) : 0;
        return {
          state: "uploading",
          text: `Uploading ${Math.floor(ratio * 100)}%`,
          tone: "progress",
          progress: ratio,
          detail: null,
        };
      }
      case "uploaded":
        return { state: "uploaded", text: "Uploaded, waiting for labels…", tone: "working", progress: null, detail: null };
      case "failed":
        return { state: "failed", text: "Upload failed", tone: "failed", progress: null, detail: upload.error };
      case "canceled":
        return { state: "canceled", text: "Canceled", tone: "muted", progress: null, detail: null };
    }
  }
  if (record && now - Date.parse(record.createdAt) > staleUploadMs) {
    return {
      state: "stale",
      text: "Upload not finished",
      tone: "muted",
      progress: null,
      detail: "The file never reached the server; it was canceled or the tab was closed.",
    };
  }
  return { state: "uploading", text: "Uploading…", tone: "progress", progress: null, detail: null };
}

/** The name to show: the server's cleaned name once known, else the local one. */
export function cardFileName(card: CardModel): string {
  return card.record?.fileName ?? card.upload?.fileName ?? "image";
}
