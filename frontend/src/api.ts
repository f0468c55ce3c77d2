// The web API of DESIGN.md, and nothing else: config, create upload, PUT bytes, feed history.

import { parseImageRecord, type ImageRecord } from "./records";

export interface AppConfig {
  apiUrl: string;
  webSocketUrl: string;
  mailboxUrl?: string;
}

/** An error the API answered with (or one this client names), with a sentence a person can read. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function absoluteUrl(value: unknown, base: string, protocols: string[]): string | null {
  if (typeof value !== "string" || value.length === 0) return null;
  try {
    const url = new URL(value, base);
    return protocols.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Validates /config.json; relative URLs resolve against the page, and ws(s) is derived for a relative socket path. */
export function parseConfig(value: unknown, pageUrl: string): AppConfig {
  if (!isObject(value)) throw new ApiError("BadConfig", "config.json is not a JSON object.");
  const apiUrl = absoluteUrl(value.apiUrl, pageUrl, ["http:", "https:"]);
  let webSocketUrl = absoluteUrl(value.webSocketUrl, pageUrl, ["ws:", "wss:", "http:", "https:"]);
  if (!apiUrl || !webSocketUrl) {
    throw new ApiError("BadConfig", "config.json must name apiUrl and webSocketUrl.");
  }
  if (webSocketUrl.startsWith("http")) webSocketUrl = webSocketUrl.replace(/^http/, "ws");
  const config: AppConfig = { apiUrl: apiUrl.replace(/\/+$/, ""), webSocketUrl };
  const mailboxUrl = absoluteUrl(value.mailboxUrl, pageUrl, ["http:", "https:"]);
  if (mailboxUrl) config.mailboxUrl = mailboxUrl;
  return config;
}

export async function loadConfig(fetchImpl: FetchLike, pageUrl: string): Promise<AppConfig> {
  const url = new URL("config.json", pageUrl).href;
  let response: Response;
  try {
    response = await fetchImpl(url, { cache: "no-store" });
  } catch {
    throw new ApiError("Network", "The app could not reach its server to read its settings.");
  }
  if (!response.ok) throw new ApiError("BadConfig", `config.json answered ${response.status}.`, response.status);
  return parseConfig(await response.json(), pageUrl);
}

export interface CreateUploadRequest {
  feedId: string;
  fileName: string;
  contentType: string;
  size: number;
  /** Base64 SHA-256 of the bytes; the URL then signs it and the feed refuses a second copy. */
  sha256?: string;
}

/** 200 {"duplicateOf"}: the feed already holds these bytes, so nothing is uploaded. */
export class DuplicateUploadError extends ApiError {
  constructor(readonly duplicateOf: string) {
    super("AlreadyInFeed", "Already in this feed.", 200);
    this.name = "DuplicateUploadError";
  }
}

export interface CreatedUpload {
  imageId: string;
  uploadUrl: string;
  uploadHeaders: Record<string, string>;
  expiresAt: string;
}

async function errorFrom(response: Response, fallback: string): Promise<ApiError> {
  try {
    const body: unknown = await response.json();
    if (isObject(body) && isObject(body.error)) {
      const code = typeof body.error.code === "string" ? body.error.code : "Error";
      const message = typeof body.error.message === "string" && body.error.message ? body.error.message : fallback;
      return new ApiError(code, message, response.status);
    }
  } catch {
    // Not JSON: fall through to the generic sentence.
  }
  return new ApiError(`Http${response.status}`, fallback, response.status);
}

export class ApiClient {
  constructor(
    private readonly apiUrl: string,
    private readonly fetchImpl: FetchLike,
    private readonly pageUrl: string,
  ) {}

  async createUpload(request: CreateUploadRequest, signal?: AbortSignal): Promise<CreatedUpload> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.apiUrl}/uploads`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(request),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError("Network", "The upload could not start: the server did not answer.");
    }
    if (!response.ok) throw await errorFrom(response, `The upload could not start (HTTP ${response.status}).`);
    const body: unknown = await response.json();
    if (response.status === 200 && isObject(body) && typeof body.duplicateOf === "string") throw new DuplicateUploadError(body.duplicateOf);
    const uploadUrl = isObject(body) ? absoluteUrl(body.uploadUrl, this.pageUrl, ["http:", "https:"]) : null;
    if (!isObject(body) || typeof body.imageId !== "string" || !uploadUrl) {
      throw new ApiError("BadResponse", "The server's answer to the upload request was not understood.");
    }
    const uploadHeaders: Record<string, string> = {};
    if (isObject(body.uploadHeaders)) {
      for (const [name, value] of Object.entries(body.uploadHeaders)) {
        if (typeof value === "string") uploadHeaders[name] = value;
      }
    }
    return {
      imageId: body.imageId,
      uploadUrl,
      uploadHeaders,
      expiresAt: typeof body.expiresAt === "string" ? body.expiresAt : "",
    };
  }

  /** The feed's recent records, newest first; unreadable entries are skipped. */
  async listFeedImages(feedId: string, limit = 50, signal?: AbortSignal): Promise<ImageRecord[]> {
    const url = `${this.apiUrl}/feeds/${encodeURIComponent(feedId)}/images?limit=${limit}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, { cache: "no-store", ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError("Network", "The feed's history could not be loaded: the server did not answer.");
    }
    if (!response.ok) throw await errorFrom(response, `The feed's history could not be loaded (HTTP ${response.status}).`);
    const body: unknown = await response.json();
    const images = isObject(body) && Array.isArray(body.images) ? body.images : [];
    return images
      .map((raw) => parseImageRecord(raw, this.pageUrl))
      .filter((record): record is ImageRecord => record !== null);
  }
}

export interface PutProgress {
  loaded: number;
  total: number;
}

export interface PutHandle {
  done: Promise<void>;
  abort(): void;
}

/** Minimal XMLHttpRequest surface, so tests can hand in a fake. */
export type XhrFactory = () => XMLHttpRequest;

/**
 * PUTs the bytes to the presigned URL with exactly the headers the API returned, reporting
 * progress from XHR upload events (fetch has no upload progress).
 */
export function putBytes(
  createXhr: XhrFactory,
  url: string,
  headers: Record<string, string>,
  body: Blob,
  onProgress: (progress: PutProgress) => void,
): PutHandle {
  const xhr = createXhr();
  const done = new Promise<void>((resolve, reject) => {
    xhr.open("PUT", url, true);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    });
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ loaded: body.size, total: body.size });
        resolve();
      } else {
        const reason =
          xhr.status === 403
            ? "The storage refused the upload (its link may have expired). Try again."
            : `The storage refused the upload (HTTP ${xhr.status}).`;
        reject(new ApiError(`Http${xhr.status}`, reason, xhr.status));
      }
    });
    xhr.addEventListener("error", () => reject(new ApiError("Network", "The upload was interrupted by a network error.")));
    xhr.addEventListener("timeout", () => reject(new ApiError("Timeout", "The upload timed out.")));
    xhr.addEventListener("abort", () => reject(new ApiError("Canceled", "Upload canceled.")));
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}
