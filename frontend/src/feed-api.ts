// The web API's feed calls beyond the first page: cursor pages, label filters, catch-up, counts, delete, export.

import { ApiError } from "./api";
import { parseImageRecord, type ImageRecord } from "./records";

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface PageQuery {
  limit?: number;
  cursor?: string | null;
  labels?: readonly string[];
  changedSince?: string | null;
}

export interface FeedPage {
  images: ImageRecord[];
  nextCursor: string | null;
}

export interface LabelCount {
  name: string;
  count: number;
}

export interface FeedLabels {
  labels: LabelCount[];
  images: number;
  /** The newest change (an image's updatedAt, ISO) the counts include; null before the feed is indexed. */
  indexedThrough: string | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function failure(response: Response, fallback: string): Promise<ApiError> {
  try {
    const body: unknown = await response.json();
    if (isObject(body) && isObject(body.error) && typeof body.error.message === "string") {
      return new ApiError(typeof body.error.code === "string" ? body.error.code : "Error", body.error.message, response.status);
    }
  } catch {
    // Not JSON.
  }
  return new ApiError(`Http${response.status}`, fallback, response.status);
}

/** The query string of GET /feeds/{id}/images: one label= per chosen label. */
export function pageQueryString(query: PageQuery): string {
  const params = new URLSearchParams();
  params.set("limit", String(query.limit ?? 50));
  if (query.cursor) params.set("cursor", query.cursor);
  for (const label of query.labels ?? []) params.append("label", label);
  if (query.changedSince) params.set("changedSince", query.changedSince);
  return params.toString();
}

export class FeedApi {
  constructor(
    private readonly apiUrl: string,
    private readonly feedId: string,
    private readonly fetchImpl: FetchLike,
    private readonly pageUrl: string,
  ) {}

  private get feedPath(): string {
    return `${this.apiUrl}/feeds/${encodeURIComponent(this.feedId)}`;
  }

  async page(query: PageQuery, signal?: AbortSignal): Promise<FeedPage> {
    const body = await this.getJson(`${this.feedPath}/images?${pageQueryString(query)}`, "The feed's images could not be loaded", signal);
    const raw = isObject(body) && Array.isArray(body.images) ? body.images : [];
    const images = raw.map((item) => parseImageRecord(item, this.pageUrl)).filter((r): r is ImageRecord => r !== null);
    const nextCursor = isObject(body) && typeof body.nextCursor === "string" && body.nextCursor ? body.nextCursor : null;
    return { images, nextCursor };
  }

  async labels(signal?: AbortSignal): Promise<FeedLabels> {
    const body = await this.getJson(`${this.feedPath}/labels`, "The feed's labels could not be loaded", signal);
    const labels: LabelCount[] = [];
    if (isObject(body) && Array.isArray(body.labels)) {
      for (const item of body.labels) {
        if (isObject(item) && typeof item.name === "string" && typeof item.count === "number" && item.count > 0) {
          labels.push({ name: item.name, count: item.count });
        }
      }
    }
    labels.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    return {
      labels,
      images: isObject(body) && typeof body.images === "number" ? body.images : 0,
      indexedThrough: isObject(body) && typeof body.indexedThrough === "string" ? body.indexedThrough : null,
    };
  }

  async deleteImage(imageId: string): Promise<void> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.feedPath}/images/${encodeURIComponent(imageId)}`, { method: "DELETE" });
    } catch {
      throw new ApiError("Network", "The image could not be deleted: the server did not answer.");
    }
    // 404: already gone (another tab deleted it), which is what was wanted.
    if (!response.ok && response.status !== 404) throw await failure(response, `The image could not be deleted (HTTP ${response.status}).`);
  }

  /** A plain link: the API answers 303 to a short-lived download of the finished file. */
  exportUrl(format: "csv" | "json"): string {
    return `${this.feedPath}/export?format=${format}`;
  }

  private async getJson(url: string, what: string, signal?: AbortSignal): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, { cache: "no-store", ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError("Network", `${what}: the server did not answer.`);
    }
    if (!response.ok) throw await failure(response, `${what} (HTTP ${response.status}).`);
    return response.json();
  }
}
