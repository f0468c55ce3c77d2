// The web API's ImageRecord (DESIGN.md "The web API") and a parser that trusts nothing from the network.
import { parseFindings, type Findings } from "./findings";

export type ImageStatus = "uploading" | "processing" | "labeled" | "failed" | "deleted";

export interface BoundingBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface LabelInstance {
  confidence: number;
  boundingBox: BoundingBox;
}

export interface Label {
  name: string;
  confidence: number;
  parents: string[];
  instances: LabelInstance[];
}

export interface ImageError {
  code: string;
  message: string;
}

export interface ImageRecord {
  imageId: string;
  feedId: string;
  fileName: string;
  contentType: string;
  size: number;
  status: ImageStatus;
  labels: Label[];
  error: ImageError | null;
  createdAt: string;
  updatedAt: string;
  /** Base64 SHA-256 of the bytes, when the uploading page sent one. */
  sha256?: string;
  /** A URL the API may add so that other tabs can show the picture (e.g. a presigned GET). */
  imageUrl?: string;
  /** Faces, text, moderation and image properties (findings.ts). */
  findings?: Findings;
}

const statuses: readonly ImageStatus[] = ["uploading", "processing", "labeled", "failed", "deleted"];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

function parseBox(value: unknown): BoundingBox | null {
  if (!isObject(value)) return null;
  const left = num(value.left);
  const top = num(value.top);
  const width = num(value.width);
  const height = num(value.height);
  if (left === null || top === null || width === null || height === null) return null;
  const l = clamp(left, 0, 1);
  const t = clamp(top, 0, 1);
  const box = { left: l, top: t, width: clamp(width, 0, 1 - l), height: clamp(height, 0, 1 - t) };
  return box.width > 0 && box.height > 0 ? box : null;
}

function parseLabel(value: unknown): Label | null {
  if (!isObject(value)) return null;
  const name = str(value.name);
  const confidence = num(value.confidence);
  if (!name || confidence === null) return null;
  const parents = Array.isArray(value.parents)
    ? value.parents.filter((p): p is string => typeof p === "string" && p.length > 0)
    : [];
  const instances: LabelInstance[] = [];
  if (Array.isArray(value.instances)) {
    for (const raw of value.instances) {
      if (!isObject(raw)) continue;
      const box = parseBox(raw.boundingBox);
      const instanceConfidence = num(raw.confidence);
      if (box) instances.push({ confidence: clamp(instanceConfidence ?? confidence, 0, 100), boundingBox: box });
    }
  }
  return { name, confidence: clamp(confidence, 0, 100), parents, instances };
}

/** Only http(s) and blob URLs become an image source; anything else is dropped. */
export function safeImageUrl(value: unknown, base: string): string | undefined {
  const text = str(value);
  if (!text) return undefined;
  try {
    const url = new URL(text, base);
    return url.protocol === "https:" || url.protocol === "http:" || url.protocol === "blob:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns untrusted JSON into an ImageRecord, or null when it lacks what a card needs.
 * `base` resolves a relative image URL (the page's own URL in the browser).
 */
export function parseImageRecord(value: unknown, base = "http://localhost/"): ImageRecord | null {
  if (!isObject(value)) return null;
  const imageId = str(value.imageId);
  const feedId = str(value.feedId);
  const status = str(value.status);
  const createdAt = str(value.createdAt);
  if (!imageId || !feedId || !createdAt || !status || !statuses.includes(status as ImageStatus)) return null;
  const labels = Array.isArray(value.labels)
    ? value.labels.map(parseLabel).filter((l): l is Label => l !== null)
    : [];
  let error: ImageError | null = null;
  if (isObject(value.error)) {
    error = { code: str(value.error.code) ?? "Error", message: str(value.error.message) ?? "" };
  }
  const record: ImageRecord = {
    imageId,
    feedId,
    fileName: str(value.fileName) || "image",
    contentType: str(value.contentType) ?? "",
    size: num(value.size) ?? 0,
    status: status as ImageStatus,
    labels,
    error,
    createdAt,
    updatedAt: str(value.updatedAt) ?? createdAt,
  };
  const sha256 = str(value.sha256);
  if (sha256) record.sha256 = sha256;
  const imageUrl = safeImageUrl(value.imageUrl ?? value.thumbnailUrl ?? value.url, base);
  if (imageUrl) record.imageUrl = imageUrl;
  if (status === "labeled") record.findings = parseFindings(value);
  return record;
}
