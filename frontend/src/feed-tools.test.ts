import { describe, expect, it, vi } from "vitest";
import { FeedApi, pageQueryString } from "./feed-api";
import { HistoryLoader, catchUpMarginMs } from "./history-loader";
import { PendingDeletes } from "./delete-undo";
import { carriesAll, labelsFromUrl, toggleLabel, urlWithLabels } from "./label-query";
import { sha256Base64 } from "./sha256";
import { FeedRecords } from "./feed-merge";
import type { FeedPage, PageQuery } from "./feed-api";
import type { ImageRecord } from "./records";

function rec(imageId: string, updatedAt = "2026-11-21T09:00:00.000Z", status: ImageRecord["status"] = "labeled"): ImageRecord {
  return { imageId, feedId: "F", fileName: `${imageId}.png`, contentType: "image/png", size: 1, status, labels: [], error: null, createdAt: updatedAt, updatedAt };
}

describe("feed tools", () => {
  it("pageQueryString_LabelsAndCursor_OneLabelParameterEach", () => {
    expect(pageQueryString({ limit: 20, cursor: "c1", labels: ["Dog", "Person"] })).toBe("limit=20&cursor=c1&label=Dog&label=Person");
  });

  it("HistoryLoader_ThreePages_LoadsEachOnceThenIsDone", async () => {
    const pages: Record<string, FeedPage> = {
      "": { images: [rec("a")], nextCursor: "p2" },
      p2: { images: [rec("b")], nextCursor: "p3" },
      p3: { images: [rec("c")], nextCursor: null },
    };
    const asked: PageQuery[] = [];
    const seen: string[] = [];
    const loader = new HistoryLoader({ page: async (q) => (asked.push(q), pages[q.cursor ?? ""]!) }, (records) => seen.push(...records.map((r) => r.imageId)));
    await loader.loadMore();
    await loader.loadMore();
    await loader.loadMore();
    await loader.loadMore();
    expect(seen).toEqual(["a", "b", "c"]);
    expect(loader.done).toBe(true);
    expect(asked).toHaveLength(3);
  });

  it("HistoryLoader_CatchUp_PagesChangedSinceUntilNoCursorFromBeforeTheNewestChange", async () => {
    const asked: PageQuery[] = [];
    const changes: FeedPage[] = [
      { images: [rec("x", "2026-11-21T10:00:00.000Z", "deleted")], nextCursor: "n" },
      { images: [rec("y", "2026-11-21T10:01:00.000Z")], nextCursor: null },
    ];
    const loader = new HistoryLoader(
      { page: async (q) => (asked.push(q), q.changedSince ? changes.shift()! : { images: [rec("a", "2026-11-21T09:30:00.000Z")], nextCursor: null }) },
      () => undefined,
    );
    await loader.loadMore();
    const count = await loader.catchUp();
    expect(count).toBe(2);
    expect(asked[1]?.changedSince).toBe(new Date(Date.parse("2026-11-21T09:30:00.000Z") - catchUpMarginMs).toISOString());
    expect(asked[2]?.cursor).toBe("n");
  });

  it("FeedRecords_DeletedPush_DropsTheCardAndNeverBringsItBack", () => {
    const records = new FeedRecords("F");
    records.apply([rec("a")]);
    records.apply([rec("a", "2026-11-21T09:05:00.000Z", "deleted")]);
    records.apply([rec("a", "2026-11-21T09:01:00.000Z", "labeled")]);
    expect(records.list()).toEqual([]);
  });

  it("PendingDeletes_UndoneInTime_SendsNothing", () => {
    vi.useFakeTimers();
    const send = vi.fn(async () => undefined);
    const deletes = new PendingDeletes(send, () => undefined, 5000);
    deletes.schedule("a", () => undefined);
    deletes.schedule("b", () => undefined);
    expect(deletes.undo("a")).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith("b");
    expect(deletes.has("b")).toBe(false);
    vi.useRealTimers();
  });

  it("labelQuery_UrlRoundTripToggleAndCaseInsensitiveAnd", () => {
    const url = urlWithLabels("http://x/?feed=abc", ["Dog", "Person"]);
    expect(url).toBe("http://x/?feed=abc&label=Dog&label=Person");
    expect(labelsFromUrl(url)).toEqual(["Dog", "Person"]);
    expect(toggleLabel(["Dog", "Person"], "dog")).toEqual(["Person"]);
    expect(carriesAll(["dog", "Cat", "Person"], ["Dog", "person"])).toBe(true);
    expect(carriesAll(["Dog"], ["Dog", "Person"])).toBe(false);
  });

  it("sha256Base64_KnownBytes_IsTheBase64DigestOf44Characters", async () => {
    const digest = await sha256Base64(new Blob(["abc"]), globalThis.crypto.subtle);
    expect(digest).toBe("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  });

  it("FeedApi_Labels_SortedMostFirstAndDeleteTreats404AsDone", async () => {
    const fetchImpl = vi.fn(async (url: string, init?: RequestInit) =>
      init?.method === "DELETE"
        ? new Response(JSON.stringify({ error: { code: "ImageNotFound", message: "gone" } }), { status: 404 })
        : new Response(JSON.stringify({ labels: [{ name: "Cat", count: 1 }, { name: "Dog", count: 3 }], images: 4, indexedThrough: "2026-12-07T10:00:00.000Z" }), { status: 200 }),
    );
    const api = new FeedApi("http://api", "F", fetchImpl, "http://page/");
    expect(await api.labels()).toEqual({ labels: [{ name: "Dog", count: 3 }, { name: "Cat", count: 1 }], images: 4, indexedThrough: "2026-12-07T10:00:00.000Z" });
    await expect(api.deleteImage("a")).resolves.toBeUndefined();
    expect(api.exportUrl("csv")).toBe("http://api/feeds/F/export?format=csv");
  });
});
