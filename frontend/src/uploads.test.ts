import { describe, expect, it } from "vitest";
import { ApiError, type CreateUploadRequest, type CreatedUpload, type PutProgress } from "./api";
import { UploadQueue, type LocalUpload } from "./uploads";
import { testFeedId } from "./test-records";

interface PendingPut {
  url: string;
  headers: Record<string, string>;
  onProgress: (p: PutProgress) => void;
  resolve: () => void;
  reject: (e: unknown) => void;
  aborted: boolean;
}

function harness(concurrency = 3) {
  const requests: CreateUploadRequest[] = [];
  const puts: PendingPut[] = [];
  const changes: LocalUpload[] = [];
  let answer: (request: CreateUploadRequest, signal: AbortSignal) => Promise<CreatedUpload> = async (request) => ({
      imageId: `id-${request.fileName}`,
      uploadUrl: `https://s3.test/${request.fileName}`,
      uploadHeaders: { "Content-Type": request.contentType },
      expiresAt: "",
    });
  const queue = new UploadQueue({
    feedId: testFeedId,
    concurrency,
    createUpload: (request, signal) => {
      requests.push(request);
      return answer(request, signal);
    },
    put: (url, headers, _body, onProgress) => {
      const pending = { url, headers, onProgress, aborted: false } as PendingPut;
      const done = new Promise<void>((resolve, reject) => {
        pending.resolve = resolve;
        pending.reject = reject;
      });
      puts.push(pending);
      return {
        done,
        abort: () => {
          pending.aborted = true;
          pending.reject(new ApiError("Canceled", "Upload canceled."));
        },
      };
    },
    onChange: (u) => changes.push(u),
    now: () => 42,
  });
  return {
    queue,
    requests,
    puts,
    changes,
    setAnswer: (a: typeof answer) => {
      answer = a;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const blob = (size: number) => new Blob([new Uint8Array(size)]);

describe("UploadQueue", () => {
  it("add_ValidFile_RequestsThenPutsWithExactHeadersAndProgress", async () => {
    const h = harness();
    const id = h.queue.add(blob(100), "cat.png", "image/png", "blob:x");
    await tick();
    expect(h.requests).toEqual([{ feedId: testFeedId, fileName: "cat.png", contentType: "image/png", size: 100 }]);
    expect(h.puts[0]).toMatchObject({ url: "https://s3.test/cat.png", headers: { "Content-Type": "image/png" } });
    expect(h.queue.get(id)).toMatchObject({ phase: "uploading", imageId: "id-cat.png" });
    h.puts[0]?.onProgress({ loaded: 40, total: 100 });
    expect(h.queue.get(id)).toMatchObject({ loaded: 40, total: 100 });
    h.puts[0]?.resolve();
    await tick();
    expect(h.queue.get(id)?.phase).toBe("uploaded");
  });

  it("add_ManyFiles_RunsAtMostConcurrencyAtOnce", async () => {
    const h = harness(2);
    for (const name of ["a.png", "b.png", "c.png"]) h.queue.add(blob(1), name, "image/png", null);
    await tick();
    expect(h.puts).toHaveLength(2);
    expect(h.queue.uploads.map((u) => u.phase)).toEqual(["uploading", "uploading", "queued"]);
    h.puts[0]?.resolve();
    await tick();
    await tick();
    expect(h.puts).toHaveLength(3);
  });

  it("cancel_DuringPut_AbortsAndMarksCanceled", async () => {
    const h = harness();
    const id = h.queue.add(blob(10), "a.png", "image/png", null);
    await tick();
    h.queue.cancel(id);
    await tick();
    expect(h.puts[0]?.aborted).toBe(true);
    expect(h.queue.get(id)?.phase).toBe("canceled");
  });

  it("cancel_WhileQueued_NeverStarts", async () => {
    const h = harness(1);
    h.queue.add(blob(1), "a.png", "image/png", null);
    const second = h.queue.add(blob(1), "b.png", "image/png", null);
    h.queue.cancel(second);
    await tick();
    h.puts[0]?.resolve();
    await tick();
    await tick();
    expect(h.requests.map((r) => r.fileName)).toEqual(["a.png"]);
    expect(h.queue.get(second)?.phase).toBe("canceled");
  });

  it("add_ApiRejects_FailsWithTheServersSentence", async () => {
    const h = harness();
    h.setAnswer(() => Promise.reject(new ApiError("TooLarge", "The file is 20 MB; the limit is 15 MB.", 400)));
    const id = h.queue.add(blob(1), "big.jpg", "image/jpeg", null);
    await tick();
    expect(h.queue.get(id)).toMatchObject({ phase: "failed", error: "The file is 20 MB; the limit is 15 MB." });
    expect(h.puts).toHaveLength(0);
  });

  it("add_PutFails_FailsWithReason", async () => {
    const h = harness();
    const id = h.queue.add(blob(1), "a.png", "image/png", null);
    await tick();
    h.puts[0]?.reject(new ApiError("Http403", "The storage refused the upload.", 403));
    await tick();
    expect(h.queue.get(id)).toMatchObject({ phase: "failed", error: "The storage refused the upload." });
  });
});
