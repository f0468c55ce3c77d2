// This tab's own uploads: ask the API for a presigned URL, PUT the bytes with progress, allow
// cancel. A few run at once; the rest wait their turn.

import { ApiError, DuplicateUploadError, type CreateUploadRequest, type CreatedUpload, type PutHandle, type PutProgress } from "./api";
import type { UploadContentType } from "./upload-validation";

export type UploadPhase = "queued" | "requesting" | "uploading" | "uploaded" | "failed" | "canceled";

export interface LocalUpload {
  localId: string;
  fileName: string;
  size: number;
  contentType: UploadContentType;
  /** A blob: URL for the thumbnail in this tab. */
  previewUrl: string | null;
  phase: UploadPhase;
  loaded: number;
  total: number;
  imageId: string | null;
  error: string | null;
  startedAt: number;
}

export interface UploadDeps {
  feedId: string;
  createUpload(request: CreateUploadRequest, signal: AbortSignal): Promise<CreatedUpload>;
  put(url: string, headers: Record<string, string>, body: Blob, onProgress: (progress: PutProgress) => void): PutHandle;
  onChange(upload: LocalUpload): void;
  /** The file's SHA-256 (base64), sent so the bucket checks the bytes and the feed can refuse a copy. */
  checksum?(file: Blob): Promise<string | null>;
  /** The feed already holds these bytes: nothing was uploaded. */
  onDuplicate?(upload: LocalUpload, existingImageId: string): void;
  now?: () => number;
  concurrency?: number;
}

interface Job {
  upload: LocalUpload;
  file: Blob;
  abort: AbortController;
  put: PutHandle | null;
}

export class UploadQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: string[] = [];
  private running = 0;
  private counter = 0;

  constructor(private readonly deps: UploadDeps) {}

  get uploads(): LocalUpload[] {
    return [...this.jobs.values()].map((job) => job.upload);
  }

  get(localId: string): LocalUpload | undefined {
    return this.jobs.get(localId)?.upload;
  }

  /** Queues a validated file; returns its local id. */
  add(file: Blob, fileName: string, contentType: UploadContentType, previewUrl: string | null): string {
    this.counter += 1;
    const localId = `u${this.counter}`;
    const upload: LocalUpload = {
      localId,
      fileName,
      size: file.size,
      contentType,
      previewUrl,
      phase: "queued",
      loaded: 0,
      total: file.size,
      imageId: null,
      error: null,
      startedAt: (this.deps.now ?? Date.now)(),
    };
    this.jobs.set(localId, { upload, file, abort: new AbortController(), put: null });
    this.waiting.push(localId);
    this.deps.onChange(upload);
    this.pump();
    return localId;
  }

  cancel(localId: string): void {
    const job = this.jobs.get(localId);
    if (!job || !isActive(job.upload.phase)) return;
    job.abort.abort();
    job.put?.abort();
    const index = this.waiting.indexOf(localId);
    if (index >= 0) this.waiting.splice(index, 1);
    this.update(job, { phase: "canceled", error: null });
  }

  private update(job: Job, patch: Partial<LocalUpload>): void {
    job.upload = { ...job.upload, ...patch };
    this.deps.onChange(job.upload);
  }

  private pump(): void {
    const limit = this.deps.concurrency ?? 3;
    while (this.running < limit && this.waiting.length > 0) {
      const localId = this.waiting.shift();
      const job = localId ? this.jobs.get(localId) : undefined;
      if (!job || job.upload.phase !== "queued") continue;
      this.running += 1;
      void this.run(job).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  private async run(job: Job): Promise<void> {
    try {
      this.update(job, { phase: "requesting" });
      const sha256 = this.deps.checksum ? await this.deps.checksum(job.file).catch(() => null) : null;
      if (canceled(job)) return;
      const created = await this.deps.createUpload(
        {
          feedId: this.deps.feedId,
          fileName: job.upload.fileName,
          contentType: job.upload.contentType,
          size: job.upload.size,
          ...(sha256 ? { sha256 } : {}),
        },
        job.abort.signal,
      );
      if (canceled(job)) return;
      this.update(job, { phase: "uploading", imageId: created.imageId });
      job.put = this.deps.put(created.uploadUrl, created.uploadHeaders, job.file, (progress) => {
        if (job.upload.phase === "uploading") this.update(job, { loaded: progress.loaded, total: progress.total });
      });
      await job.put.done;
      if (canceled(job)) return;
      this.update(job, { phase: "uploaded", loaded: job.upload.total });
    } catch (error) {
      if (canceled(job)) return;
      if (error instanceof DuplicateUploadError) {
        // Nothing was created or sent: this card goes, and the page points at the existing one.
        this.update(job, { phase: "canceled", error: null });
        this.deps.onDuplicate?.(job.upload, error.duplicateOf);
        return;
      }
      const message =
        error instanceof ApiError ? error.message : "The upload failed for an unexpected reason. Try again.";
      this.update(job, { phase: "failed", error: message });
    }
  }
}

// A function, not an inline test: the phase changes across awaits, which type narrowing cannot see.
function canceled(job: Job): boolean {
  return job.upload.phase === "canceled";
}

export function isActive(phase: UploadPhase): boolean {
  return phase === "queued" || phase === "requesting" || phase === "uploading";
}
